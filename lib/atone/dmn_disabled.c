/* DMN import when the library is built without libxml2 (meson feature `dmn` off or not found). */
#include "atone/model.h"
#include "base/error.h"

svcr_status svcr_table_parse_dmn(const char *text, size_t length, svcr_table **out)
{
    (void)length;
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(out);
    return svcr__fail(SVCR_EINVAL, "svcr_table_parse_dmn: this libsvcrecover was built without DMN "
                                   "support (rebuild with libxml2 and meson -Ddmn=enabled)");
}

bool svcr_table_dmn_available(void)
{
    return false;
}
