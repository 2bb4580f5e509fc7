# Debian's libquantlib0-dev ships no CMake config: find it through quantlib-config,
# falling back to a plain header/library search.
find_program(QUANTLIB_CONFIG quantlib-config)
find_path(QuantLib_INCLUDE_DIR ql/quantlib.hpp)
find_library(QuantLib_LIBRARY NAMES QuantLib)
if(QUANTLIB_CONFIG)
  execute_process(COMMAND ${QUANTLIB_CONFIG} --version
                  OUTPUT_VARIABLE QuantLib_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(QuantLib
  REQUIRED_VARS QuantLib_LIBRARY QuantLib_INCLUDE_DIR VERSION_VAR QuantLib_VERSION)
if(QuantLib_FOUND AND NOT TARGET QuantLib::QuantLib)
  add_library(QuantLib::QuantLib UNKNOWN IMPORTED)
  set_target_properties(QuantLib::QuantLib PROPERTIES
    IMPORTED_LOCATION "${QuantLib_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${QuantLib_INCLUDE_DIR}")
endif()
mark_as_advanced(QuantLib_INCLUDE_DIR QuantLib_LIBRARY QUANTLIB_CONFIG)
