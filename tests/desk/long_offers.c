/* A test build of svcr-desk whose offers have long summaries: linked with
 * -Wl,--wrap=desk_offer_for_case, it appends LONG_TAIL to every summary the offer engine makes,
 * so that the test desk_demo_long_atonement can see whether the demo records it whole (the
 * built-in table's summaries are short enough to fit any fixed buffer). */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

#define LONG_TAIL                                                                                  \
    " + a handwritten note from the team lead + a call back within the hour from the same agent" \
    " + priority handling of the next three orders + a free upgrade at the next delivery: END"

int __real_desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out);
int __wrap_desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out);

int __wrap_desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out)
{
    int rc = __real_desk_offer_for_case(d, dc, table_file, out);
    if (rc != DESK_OK)
        return rc;
    size_t length = strlen(out->summary);
    if (desk_append(&out->summary, &length, "%s", LONG_TAIL) != 0) {
        desk_offer_clear(out);
        return desk_failure("offer: out of memory");
    }
    return DESK_OK;
}
