/* libFuzzer target: spending limits from JSON, for the "four-stage" built-in. Anything that
 * loads must answer the lowest role for a few amounts and bind to a case, without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static svcr_workflow *wf;
    if (wf == NULL && svcr_workflow_builtin("four-stage", &wf) != SVCR_OK)
        abort();
    svcr_limits *limits;
    if (svcr_limits_parse(wf, (const char *)data, size, &limits) != SVCR_OK)
        return 0;
    static const int64_t amounts[] = {0, 1, 2500, 10000, 19800, INT64_MAX};
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        const char *role;
        svcr_money m = {amounts[i], "EUR"};
        svcr_status st = svcr_limits_lowest_role(limits, "compensation", m, &role);
        if (st != SVCR_OK && st != SVCR_EPERM && st != SVCR_ENOTFOUND && st != SVCR_ECURRENCY)
            abort();
    }
    svcr_case *c;
    if (svcr_case_new(wf, "F", 0, &c) != SVCR_OK || svcr_case_bind_limits(c, limits) != SVCR_OK)
        abort();
    svcr_case_free(c);
    svcr_limits_free(limits);
    return 0;
}
