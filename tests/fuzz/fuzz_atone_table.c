/* libFuzzer target: decision tables in the text format (and DMN XML when the input starts with
 * '<'). Whatever parses must evaluate with no facts set, and the compiled interval lookup must
 * select exactly the rules the linear scan does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>
#include "atone/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_table *table = NULL;
    const char *text = (const char *)data;
    svcr_status status = size > 0 && data[0] == '<' ? svcr_table_parse_dmn(text, size, &table)
                                                     : svcr_table_parse(text, size, &table);
    if (status != SVCR_OK)
        return 0;
    svcr_facts *facts = NULL;
    svcr_result *fast = NULL, *slow = NULL;
    if (svcr_facts_new(table, &facts) != SVCR_OK || svcr_result_new(table, &fast) != SVCR_OK ||
        svcr_result_new(table, &slow) != SVCR_OK)
        abort();
    svcr_status a = svcr_table_eval(table, facts, SVCR_EVAL_EXPLAIN, fast);
    svcr_status b = svcr__atone_eval_linear(table, facts, SVCR_EVAL_EXPLAIN, slow);
    if (a != b || svcr_result_offer_count(fast) != svcr_result_offer_count(slow) ||
        svcr_result_trace_count(fast) != svcr_result_trace_count(slow))
        abort();
    for (size_t i = 0; i < svcr_result_offer_count(fast); i++)
        if (strcmp(svcr_result_offer(fast, i)->rule, svcr_result_offer(slow, i)->rule) != 0)
            abort();
    svcr_result_free(slow);
    svcr_result_free(fast);
    svcr_facts_free(facts);
    svcr_table_free(table);
    return 0;
}
