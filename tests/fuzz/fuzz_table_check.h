/* Shared by the decision-table targets (text, DMN, facts): a table must evaluate the given facts
 * (or, for NULL, none set), and the compiled interval lookup must select exactly the rules the
 * linear scan does, with the same amounts and trace (each step's outcome: an amount below its
 * minimum). Aborts (a finding) otherwise. */
#ifndef FUZZ_TABLE_CHECK_H
#define FUZZ_TABLE_CHECK_H

#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>
#include "atone/model.h"

static void fuzz_check_table(const svcr_table *table, const svcr_table_facts *given)
{
    svcr_table_facts *facts = NULL;
    svcr_table_result *fast = NULL, *slow = NULL;
    if (svcr_table_facts_new(table, &facts) != SVCR_OK || svcr_table_result_new(table, &fast) != SVCR_OK ||
        svcr_table_result_new(table, &slow) != SVCR_OK)
        abort();
    if (given != NULL) {
        svcr_table_facts_free(facts);
        facts = NULL;
    }
    const svcr_table_facts *used = given != NULL ? given : facts;
    svcr_status a = svcr_table_eval(table, used, SVCR_TABLE_EVAL_EXPLAIN, fast);
    svcr_status b = svcr__atone_eval_linear(table, used, SVCR_TABLE_EVAL_EXPLAIN, slow);
    if (a != b || svcr_table_result_offer_count(fast) != svcr_table_result_offer_count(slow) ||
        svcr_table_result_trace_count(fast) != svcr_table_result_trace_count(slow))
        abort();
    for (size_t i = 0; i < svcr_table_result_offer_count(fast); i++) {
        const svcr_table_offer *x = svcr_table_result_offer(fast, i), *y = svcr_table_result_offer(slow, i);
        if (strcmp(x->rule, y->rule) != 0 || x->has_amount != y->has_amount ||
            (x->has_amount && (x->amount.amount_minor != y->amount.amount_minor ||
                               strcmp(x->amount.currency, y->amount.currency) != 0)))
            abort();
    }
    /* The same steps, with the same outcome (an amount below its minimum). */
    for (size_t i = 0; i < svcr_table_result_trace_count(fast); i++) {
        const svcr_table_trace_step *x = svcr_table_result_trace(fast, i), *y = svcr_table_result_trace(slow, i);
        if (strcmp(x->rule, y->rule) != 0 || x->matched != y->matched || (x->outcome == NULL) != (y->outcome == NULL) ||
            (x->outcome != NULL && strcmp(x->outcome, y->outcome) != 0))
            abort();
    }
    svcr_table_result_free(slow);
    svcr_table_result_free(fast);
    svcr_table_facts_free(facts);
}

#endif
