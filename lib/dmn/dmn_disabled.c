/* DMN models when the library is built without libxml2 (meson feature `dmn` off or not found):
 * parsing says so; the rest works on the models that cannot exist (NULL). */
#include <svcrecover/dmn.h>

#include "base/error.h"

svcr_status svcr_dmn_model_parse(const char *xml, size_t length, svcr_dmn_model **out)
{
    (void)length;
    SVCR_REQUIRE_ARG(xml);
    SVCR_REQUIRE_ARG(out);
    return svcr__fail(SVCR_EINVAL, "svcr_dmn_model_parse: this libsvcrecover was built without DMN support "
                                   "(rebuild with libxml2 and meson -Ddmn=enabled)");
}

void svcr_dmn_model_free(svcr_dmn_model *model)
{
    (void)model;
}

bool svcr_dmn_available(void)
{
    return false;
}
