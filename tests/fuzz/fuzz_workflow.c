/* libFuzzer target: workflow definitions from JSON.
 * Anything that loads must encode to JSON that loads again and encodes to the same bytes, and a
 * case on it must take every event its initial state allows, and report its timers (those in
 * unbound calendars fail cleanly), without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_workflow *wf;
    if (svcr_workflow_parse((const char *)data, size, &wf) != SVCR_OK)
        return 0;
    char *first, *second;
    svcr_workflow *again;
    if (svcr_workflow_encode(wf, &first) != SVCR_OK)
        abort();
    if (svcr_workflow_parse(first, strlen(first), &again) != SVCR_OK ||
        svcr_workflow_encode(again, &second) != SVCR_OK || strcmp(first, second) != 0)
        abort();
    svcr_free(first);
    svcr_free(second);
    svcr_workflow_free(again);

    svcr_case *c;
    if (svcr_case_new(wf, "F", 0, &c) != SVCR_OK)
        abort();
    const char *events[8];
    size_t count;
    if (svcr_case_allowed_events(c, NULL, events, 8, &count) != SVCR_OK)
        abort();
    for (size_t i = 0; i < count && i < 8; i++)
        (void)svcr_case_apply(c, events[i], svcr_workflow_role_name(wf, 0), (int64_t)i, NULL);
    for (size_t i = 0; i < svcr_workflow_timer_count(wf); i++) {
        svcr_timer_info info = {.size = sizeof info};
        svcr_timer_status status = {.size = sizeof status};
        if (svcr_workflow_timer(wf, i, &info) != SVCR_OK)
            abort();
        svcr_status st = svcr_case_timer(c, NULL, info.name, 86400, &status);
        if (st != SVCR_OK && st != SVCR_ENOTFOUND)
            abort();
    }
    svcr_case_free(c);
    svcr_workflow_free(wf);
    return 0;
}
