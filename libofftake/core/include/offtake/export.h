/* Symbol visibility: the shared library is built with hidden visibility, and only
   what is marked OFFTAKE_API is exported (C and C++ alike). */
#ifndef OFFTAKE_EXPORT_H
#define OFFTAKE_EXPORT_H

#if defined(_WIN32)
#  if defined(OFFTAKE_BUILDING_LIBRARY)
#    define OFFTAKE_API __declspec(dllexport)
#  else
#    define OFFTAKE_API __declspec(dllimport)
#  endif
#else
#  define OFFTAKE_API __attribute__((visibility("default")))
#endif

#endif
