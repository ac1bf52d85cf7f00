/* libFuzzer target: cases decoded from JSON against the built-in five-step workflow.
 * A case that decodes must encode to JSON that decodes again to the same bytes, and replaying
 * its history must give the identical case. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *encode(const svcr_case *c)
{
    char *json;
    if (svcr_case_encode(c, &json) != SVCR_OK)
        abort();
    return json;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static svcr_workflow *wf;
    if (wf == NULL && svcr_workflow_builtin("five-step", &wf) != SVCR_OK)
        abort();
    svcr_case *c, *again, *replayed;
    if (svcr_case_decode(wf, (const char *)data, size, &c) != SVCR_OK)
        return 0;
    char *first = encode(c);
    if (svcr_case_decode(wf, first, strlen(first), &again) != SVCR_OK)
        abort();
    char *second = encode(again);
    if (svcr_case_replay(c, NULL, &replayed) != SVCR_OK)
        abort();
    char *third = encode(replayed);
    if (strcmp(first, second) != 0 || strcmp(first, third) != 0)
        abort();
    svcr_free(first);
    svcr_free(second);
    svcr_free(third);
    svcr_case_free(replayed);
    svcr_case_free(again);
    svcr_case_free(c);
    return 0;
}
