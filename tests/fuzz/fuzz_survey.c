/* libFuzzer target: survey responses (one JSON line each). Anything that loads has a score
 * within its scale and triages at every threshold of the scale, without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_survey_response *r;
    if (svcr_survey_response_parse((const char *)data, size, &r) != SVCR_OK)
        return 0;
    if (r->score < r->scale_min || r->score > r->scale_max || r->customer == NULL || r->customer[0] == '\0')
        abort();
    for (int32_t t = r->scale_min; t <= r->scale_max; t++) {
        bool open;
        if (svcr_survey_triage(r, t, &open) != SVCR_OK || open != (r->score <= t))
            abort();
    }
    svcr_free(r);
    return 0;
}
