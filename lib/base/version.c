/* Run-time version, taken from the same generated header the public API ships. */
#include <svcrecover/base.h>

const char *svcr_version(void)
{
    return SVCR_VERSION_STRING;
}
