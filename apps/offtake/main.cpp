// Placeholder entry point until the command-line issue lands.
#include <offtake/version.h>

#include <cstdio>

int main() {
    std::printf("offtake %s\n", OFFTAKE_VERSION_STRING);
    return 0;
}
