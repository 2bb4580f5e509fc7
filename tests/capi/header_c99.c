/* Compiled with -std=c99 -pedantic -Wall -Wextra -Werror: the public header must be
   plain C99 and warning-free. Nothing is run. */
#include <offtake/offtake.h>

int main(void) { return offtake_version_number() > 0 ? 0 : 1; }
