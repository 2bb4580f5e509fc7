/* Version queries, status names and the last-error slot. Expected values come from the
   header's own macros (the library must agree with the header it was built with) and
   from the documented enumerator names. */
#include <offtake/offtake.h>

#include "check.h"

int main(void) {
    char expected[32];
    CHECK(strcmp(offtake_version_string(), OFFTAKE_VERSION_STRING) == 0);
    CHECK(offtake_version_number() == OFFTAKE_VERSION_NUMBER);
    CHECK(offtake_abi_version() == OFFTAKE_ABI_VERSION);
    /* MAJOR*10000 + MINOR*100 + PATCH, spelled out from the string. */
    sprintf(expected, "%d.%d.%d", offtake_version_number() / 10000,
            (offtake_version_number() / 100) % 100, offtake_version_number() % 100);
    CHECK(strcmp(offtake_version_string(), expected) == 0);

    CHECK(strcmp(offtake_status_name(OFFTAKE_OK), "OK") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_MISUSE), "E_MISUSE") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_INVALID_DEAL), "E_INVALID_DEAL") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_UNKNOWN_PARAMETER), "E_UNKNOWN_PARAMETER") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_TYPE), "E_TYPE") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_RANGE), "E_RANGE") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_IO), "E_IO") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_CANCELLED), "E_CANCELLED") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_NOMEM), "E_NOMEM") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_INTERNAL), "E_INTERNAL") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_NOT_FOUND), "E_NOT_FOUND") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_ABSENT), "E_ABSENT") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_BUFFER), "E_BUFFER") == 0);
    CHECK(strcmp(offtake_status_name(OFFTAKE_E_UNSUPPORTED), "E_UNSUPPORTED") == 0);
    CHECK(strcmp(offtake_status_name(-1), "UNKNOWN") == 0);
    CHECK(strcmp(offtake_status_name(9999), "UNKNOWN") == 0);

    /* Before any failing call the message is empty, never NULL. */
    CHECK(offtake_last_error() != NULL);
    CHECK(strcmp(offtake_last_error(), "") == 0);
    return check_report("capi_version");
}
