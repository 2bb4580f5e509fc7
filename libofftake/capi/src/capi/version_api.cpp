// Version queries and status names: the library's own answers, fixed at build time.
#include <offtake/offtake.h>

#include "capi/firewall.hpp"

extern "C" {

OFFTAKE_API const char* offtake_version_string(void) { return OFFTAKE_VERSION_STRING; }

OFFTAKE_API int offtake_version_number(void) { return OFFTAKE_VERSION_NUMBER; }

OFFTAKE_API int offtake_abi_version(void) { return OFFTAKE_ABI_VERSION; }

OFFTAKE_API const char* offtake_last_error(void) { return offtake::capi::last_error(); }

OFFTAKE_API const char* offtake_status_name(int status) {
    switch (status) {
        case OFFTAKE_OK: return "OK";
        case OFFTAKE_E_MISUSE: return "E_MISUSE";
        case OFFTAKE_E_INVALID_DEAL: return "E_INVALID_DEAL";
        case OFFTAKE_E_UNKNOWN_PARAMETER: return "E_UNKNOWN_PARAMETER";
        case OFFTAKE_E_TYPE: return "E_TYPE";
        case OFFTAKE_E_RANGE: return "E_RANGE";
        case OFFTAKE_E_IO: return "E_IO";
        case OFFTAKE_E_CANCELLED: return "E_CANCELLED";
        case OFFTAKE_E_NOMEM: return "E_NOMEM";
        case OFFTAKE_E_INTERNAL: return "E_INTERNAL";
        case OFFTAKE_E_NOT_FOUND: return "E_NOT_FOUND";
        case OFFTAKE_E_ABSENT: return "E_ABSENT";
        case OFFTAKE_E_BUFFER: return "E_BUFFER";
        case OFFTAKE_E_UNSUPPORTED: return "E_UNSUPPORTED";
        default: return "UNKNOWN";
    }
}

}  // extern "C"
