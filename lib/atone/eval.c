/* Evaluation: match rules through the per-column interval lookup (or, as a baseline, by testing
 * every rule), apply the hit policy, compute offers and aggregates, and record the trace. Writes
 * only into the caller's svcr_table_result: no allocation, no shared state. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/compat.h"
#include "base/error.h"
#include "base/sized.h"

#include <string.h>

svcr_status svcr_table_result_new(const svcr_table *table, svcr_table_result **out)
{
    SVCR_REQUIRE_ARG(table);
    SVCR_REQUIRE_ARG(out);
    svcr_table_result *result = svcr__calloc(1, sizeof *result);
    if (result != NULL) {
        result->table = table;
        result->offers = svcr__calloc(table->max_rules + 1, sizeof *result->offers);
        result->offer_list = svcr__calloc(table->max_rules + 1, sizeof *result->offer_list);
        result->trace = svcr__calloc(table->trace_capacity + 1, sizeof *result->trace);
        result->computed = svcr__calloc(table->computed_count + 1, sizeof *result->computed);
        result->match = svcr__calloc(table->match_words + 1, sizeof *result->match);
        result->selected = svcr__calloc(table->max_rules + 1, sizeof *result->selected);
        result->values = svcr__calloc(table->max_inputs + 1, sizeof *result->values);
        result->unoffered = svcr__calloc(table->max_words + 1, sizeof *result->unoffered);
        result->bases = svcr__calloc(table->max_inputs + 1, sizeof *result->bases);
    }
    if (result == NULL || result->offers == NULL || result->offer_list == NULL || result->trace == NULL ||
        result->computed == NULL || result->match == NULL || result->selected == NULL ||
        result->values == NULL || result->bases == NULL || result->unoffered == NULL) {
        svcr_table_result_free(result);
        return svcr__fail_nomem("making a result");
    }
    *out = result;
    return SVCR_OK;
}

void svcr_table_result_free(svcr_table_result *result)
{
    if (result == NULL)
        return;
    svcr__free(result->offers);
    svcr__free(result->offer_list);
    svcr__free(result->trace);
    svcr__free(result->computed);
    svcr__free(result->match);
    svcr__free(result->selected);
    svcr__free(result->values);
    svcr__free(result->bases);
    svcr__free(result->unoffered);
    svcr__free(result);
}

/* ---- matching --------------------------------------------------------------------------- */

static const atone_slot *input_value(const atone_input *input, const svcr_table_facts *facts,
                                     const svcr_table_result *result)
{
    return input->computed ? &result->computed[input->slot] : &facts->slots[input->slot];
}

static uint64_t *matched(const atone_table *table, const svcr_table_result *result)
{
    return result->match + table->match_offset;
}

/* The rules matched: the AND of each column's row for its value's segment, over the words where
 * every row has some (the others are zero). */
static void match_lookup(const atone_table *table, svcr_table_result *result)
{
    size_t words = table->words, inputs = table->input_count;
    const atone_slot *const *values = result->values;
    size_t *bases = result->bases;
    size_t low = 0, high = words;
    for (size_t i = 0; i < inputs; i++) {
        const atone_input *input = &table->inputs[i];
        const atone_row *row = &input->rows[values[i]->present
                                                ? svcr__atone_segment_of(input->starts, input->segment_count,
                                                                         values[i]->key)
                                                : input->segment_count];
        low = row->first > low ? row->first : low;
        high = row->first + row->count < high ? row->first + row->count : high;
        bases[i] = row->offset - row->first;
    }
    uint64_t *match = matched(table, result);
    memset(match, 0, words * sizeof *match);
    for (size_t w = low; w < high; w++) {
        uint64_t bits = w + 1 < words ? ~UINT64_C(0) : (UINT64_C(1) << (table->rule_count % 64)) - 1;
        for (size_t i = 0; i < inputs; i++)
            bits &= table->inputs[i].bits[bases[i] + w];
        match[w] = bits;
    }
}

static void match_linear(const atone_table *table, svcr_table_result *result)
{
    uint64_t *match = matched(table, result);
    memset(match, 0, table->words * sizeof *match);
    for (size_t r = 0; r < table->rule_count; r++) {
        bool matched = true;
        for (size_t i = 0; i < table->input_count && matched; i++)
            matched = svcr__atone_test_matches(&table->rules[r].tests[i], result->values[i]);
        if (matched)
            match[r / 64] |= UINT64_C(1) << (r % 64);
    }
}

static bool is_match(const uint64_t *match, size_t r)
{
    return (match[r / 64] >> (r % 64)) & 1;
}

/* ---- trace and hit policy ---------------------------------------------------------------- */

static void trace_rule(const atone_table *table, size_t r, bool matched, const svcr_table_facts *facts,
                       svcr_table_result *result)
{
    const atone_rule *rule = &table->rules[r];
    svcr_table_trace_step *step = &result->trace[result->trace_count++];
    *step = rule->step;
    step->matched = matched;
    for (size_t i = 0; i < table->input_count && !matched; i++)
        if (!svcr__atone_test_matches(&rule->tests[i], input_value(&table->inputs[i], facts, result))) {
            step->input = table->inputs[i].name;
            step->test = rule->tests[i].text;
            break;
        }
}

/* Without SVCR_TABLE_EVAL_EXPLAIN the trace is the matched rules' steps, read from the bitsets. */
static void explain(const atone_table *table, const svcr_table_facts *facts, svcr_table_result *result)
{
    for (size_t r = 0; r < table->rule_count; r++)
        trace_rule(table, r, is_match(matched(table, result), r), facts, result);
}

static svcr_status conflict(const atone_table *table, size_t a, size_t b, const char *what)
{
    return svcr__fail(SVCR_ECONFLICT,
                      "table \"%s\": hit policy %s, but rules \"%s\" (line %d) and \"%s\" (line %d) "
                      "both match%s",
                      table->name, table->hit == ATONE_HIT_UNIQUE ? "unique" : "any",
                      table->rules[a].name, table->rules[a].line, table->rules[b].name,
                      table->rules[b].line, what);
}

/* The rules the hit policy selects, in its order, into result->selected. */
static svcr_status select_rules(const atone_table *table, svcr_table_result *result, size_t *count)
{
    const uint64_t *match = matched(table, result);
    size_t n = 0;
    if (table->by_priority != NULL) {
        for (size_t k = 0; k < table->rule_count; k++)
            if (is_match(match, table->by_priority[k])) {
                result->selected[n++] = table->by_priority[k];
                if (table->hit == ATONE_HIT_PRIORITY)
                    break;
            }
        *count = n;
        return SVCR_OK;
    }
    size_t *selected = result->selected;
    for (size_t w = 0; w < table->words; w++)
        for (uint64_t bits = match[w]; bits != 0; bits &= bits - 1)
            selected[n++] = w * 64 + (size_t)svcr__ctz64(bits);
    if (n > 1 && table->hit == ATONE_HIT_UNIQUE)
        return conflict(table, result->selected[0], result->selected[1], "");
    if (n > 1 && table->hit == ATONE_HIT_ANY)
        for (size_t k = 1; k < n; k++)
            if (table->rules[result->selected[k]].output_class !=
                table->rules[result->selected[0]].output_class)
                return conflict(table, result->selected[0], result->selected[k],
                                " with different outputs");
    if (n > 1 && table->hit != ATONE_HIT_COLLECT && table->hit != ATONE_HIT_RULE_ORDER)
        n = 1; /* unique (none), any (equal outputs) and first keep one */
    *count = n;
    return SVCR_OK;
}

/* ---- aggregation ------------------------------------------------------------------------ */

static bool is_computed(const atone_table *table, size_t r)
{
    return is_match(table->at_eval, r);
}

/* The value aggregated for selected rule @p k: its offer's amount or the aggregated output. */
static atone_slot aggregated_value(const atone_table *table, const svcr_table_result *result, size_t k)
{
    if (table->has_amount) {
        const svcr_table_offer *offer = result->offer_list[k];
        atone_slot slot = {offer->amount.amount_minor, "", offer->has_amount};
        memcpy(slot.currency, offer->amount.currency, 4);
        return slot;
    }
    return table->rules[result->selected[k]].values[table->aggregated];
}

static svcr_status aggregate(const atone_table *table, svcr_table_result *result, size_t *count)
{
    atone_slot total = {0, "", false};
    if (table->aggregation == ATONE_AGG_COUNT) {
        result->aggregate = (atone_slot){(int64_t)*count * SVCR_TABLE_NUMBER_SCALE, "", true};
        return SVCR_OK;
    }
    bool money = table->has_amount || table->outputs[table->aggregated].type == SVCR_TABLE_TYPE_MONEY;
    size_t chosen = SIZE_MAX;
    for (size_t k = 0; k < *count; k++) {
        atone_slot v = aggregated_value(table, result, k);
        if (!v.present)
            continue;
        if (!total.present) {
            total = v;
            chosen = k;
            continue;
        }
        if (money && strcmp(total.currency, v.currency) != 0)
            return svcr__fail(SVCR_ECURRENCY, "table \"%s\": rule \"%s\" gives %s, another %s",
                              table->name, table->rules[result->selected[k]].name, v.currency,
                              total.currency);
        if (table->aggregation == ATONE_AGG_SUM) {
            if (svcr__add_overflow_i64(total.key, v.key, &total.key))
                return svcr__fail(SVCR_EOVERFLOW, "table \"%s\": the sum overflows at rule \"%s\"",
                                  table->name, table->rules[result->selected[k]].name);
        } else if (table->aggregation == ATONE_AGG_MIN ? v.key < total.key : v.key > total.key) {
            total = v;
            chosen = k;
        }
    }
    result->aggregate = total;
    if (table->aggregation != ATONE_AGG_SUM) { /* min and max keep the rule they chose */
        *count = chosen == SIZE_MAX ? 0 : 1;
        if (chosen != SIZE_MAX) {
            result->selected[0] = result->selected[chosen];
            result->offer_list[0] = result->offer_list[chosen]; /* made for the top table */
        }
    }
    return SVCR_OK;
}

/* ---- tables ----------------------------------------------------------------------------- */

/* The offers of the @p count selected rules, in order: each rule's template, or a copy of it
 * with its amount computed when that depends on the facts (in the order of the selection, which
 * decides the error reported first). */
static svcr_status make_offers(const atone_table *table, svcr_table_result *result, size_t *count)
{
    size_t n = 0;
    memset(result->unoffered, 0, table->words * sizeof *result->unoffered);
    for (size_t k = 0; k < *count; k++) {
        size_t r = result->selected[k];
        result->selected[n] = r;
        if (!is_computed(table, r)) {
            result->offer_list[n++] = &table->offers[r];
            continue;
        }
        const atone_rule *rule = &table->rules[r];
        svcr_table_offer *offer = &result->offers[n];
        *offer = table->offers[r];
        svcr_status status = svcr__atone_amount_compute(table, rule, result->values[rule->amount.input],
                                                         &offer->amount);
        if (status != SVCR_OK)
            return status;
        if (svcr__atone_amount_offered(rule, &offer->amount)) {
            result->offer_list[n++] = offer;
            continue;
        }
        result->unoffered[r / 64] |= UINT64_C(1) << (r % 64);
        if (result->explained)
            result->trace[result->top_trace + r] = rule->below_minimum;
    }
    result->offer_count = *count = n;
    return SVCR_OK;
}

static svcr_status eval_table(const atone_table *table, bool top, const svcr_table_facts *facts,
                              unsigned flags, svcr_table_result *result, bool linear)
{
    const atone_slot **values = result->values;
    for (size_t i = 0; i < table->input_count; i++) {
        const atone_input *input = &table->inputs[i];
        values[i] = (input->computed ? result->computed : facts->slots) + input->slot;
    }
    if (linear)
        match_linear(table, result);
    else
        match_lookup(table, result);
    if (flags & SVCR_TABLE_EVAL_EXPLAIN) {
        result->top_trace = result->trace_count;
        explain(table, facts, result);
    }
    size_t count = 0;
    svcr_status status = select_rules(table, result, &count);
    if (status == SVCR_OK && top)
        status = make_offers(table, result, &count);
    if (status == SVCR_OK && table->aggregation != ATONE_AGG_NONE && (top || !table->has_amount))
        status = aggregate(table, result, &count);
    if (status != SVCR_OK)
        return status;
    if (top) {
        result->offer_count = count; /* min and max keep one */
        return SVCR_OK;
    }
    /* Feed the tables that take this one's outputs. */
    for (size_t o = 0; o < table->output_count; o++) {
        const atone_output *output = &table->outputs[o];
        if (output->role != ATONE_VALUE)
            continue;
        atone_slot *slot = &result->computed[output->slot];
        if (table->aggregation != ATONE_AGG_NONE)
            *slot = o == table->aggregated ? result->aggregate : (atone_slot){0, "", false};
        else
            *slot = count == 1 ? table->rules[result->selected[0]].values[o] : (atone_slot){0, "", false};
    }
    return SVCR_OK;
}

static svcr_status evaluate(const svcr_table *table, const svcr_table_facts *facts, unsigned flags,
                            svcr_table_result *result, bool linear)
{
    SVCR_REQUIRE_ARG(table);
    SVCR_REQUIRE_ARG(facts);
    SVCR_REQUIRE_ARG(result);
    if ((flags & ~SVCR_TABLE_EVAL_EXPLAIN) != 0)
        return svcr__fail(SVCR_EINVAL, "svcr_table_eval: unknown flags 0x%x", flags);
    if (facts->table != table || result->table != table)
        return svcr__fail(SVCR_EINVAL, "svcr_table_eval: the %s made for another table",
                          facts->table != table ? "facts were" : "result was");
    result->offer_count = 0;
    result->trace_count = 0;
    result->explained = (flags & SVCR_TABLE_EVAL_EXPLAIN) != 0;
    result->aggregate = (atone_slot){0, "", false};
    svcr_status status = SVCR_OK;
    for (size_t k = 0; k < table->required_count && status == SVCR_OK; k++)
        if (!facts->slots[table->required[k]].present)
            status = svcr__fail(SVCR_EGUARD, "table \"%s\": required input \"%s\" is not set",
                                svcr_table_name(table), table->facts[table->required[k]].name);
    for (size_t k = 0; k < table->order_count && status == SVCR_OK; k++)
        status = eval_table(&table->tables[table->order[k]], k + 1 == table->order_count, facts, flags,
                            result, linear);
    if (status == SVCR_OK && !result->explained)
        result->trace_count = SIZE_MAX; /* the matched rules: counted when asked */
    if (status != SVCR_OK) {
        result->offer_count = 0;
        result->trace_count = 0;
    }
    return status;
}

svcr_status svcr_table_eval(const svcr_table *table, const svcr_table_facts *facts, unsigned flags,
                            svcr_table_result *result)
{
    return evaluate(table, facts, flags, result, false);
}

svcr_status svcr__atone_eval_linear(const svcr_table *table, const svcr_table_facts *facts, unsigned flags,
                                    svcr_table_result *result)
{
    return evaluate(table, facts, flags, result, true);
}

/* ---- reading results -------------------------------------------------------------------- */

size_t svcr_table_result_offer_count(const svcr_table_result *result)
{
    return result == NULL ? 0 : result->offer_count;
}

static const atone_table *top_table(const svcr_table *table)
{
    return &table->tables[table->order[table->order_count - 1]];
}

const svcr_table_offer *svcr_table_result_offer(const svcr_table_result *result, size_t index)
{
    if (result == NULL || index >= result->offer_count)
        return NULL;
    return result->offer_list[index];
}

const svcr_table_offer *const *svcr_table_result_offers(const svcr_table_result *result, size_t *count)
{
    if (count != NULL)
        *count = result == NULL ? 0 : result->offer_count;
    return result == NULL ? NULL : result->offer_list;
}

/* The rule of the index-th set bit of @p bits (@p words words); *index is reduced by the bits
 * counted when there are not that many. */
static size_t nth_bit(const uint64_t *bits, size_t words, size_t *index)
{
    for (size_t w = 0; w < words; w++) {
        uint64_t word = bits[w];
        size_t count = (size_t)svcr__popcount64(word);
        if (*index >= count) {
            *index -= count;
            continue;
        }
        for (size_t k = *index; k > 0; k--)
            word &= word - 1;
        return w * 64 + (size_t)svcr__ctz64(word);
    }
    return SIZE_MAX;
}

size_t svcr_table_result_trace_count(const svcr_table_result *result)
{
    if (result == NULL)
        return 0;
    if (result->trace_count != SIZE_MAX)
        return result->trace_count;
    size_t count = 0;
    for (size_t w = 0; w < result->table->match_words; w++)
        count += (size_t)svcr__popcount64(result->match[w]);
    return count;
}

const svcr_table_trace_step *svcr_table_result_trace(const svcr_table_result *result, size_t index)
{
    if (result == NULL || index >= svcr_table_result_trace_count(result))
        return NULL;
    if (result->explained)
        return &result->trace[index];
    /* The index-th matched rule, tables in evaluation order. */
    const svcr_table *table = result->table;
    for (size_t k = 0; k < table->order_count; k++) {
        const atone_table *t = &table->tables[table->order[k]];
        size_t r = nth_bit(matched(t, result), t->words, &index);
        if (r != SIZE_MAX)
            return k + 1 == table->order_count && is_match(result->unoffered, r) ? &t->rules[r].below_minimum
                                                                               : &t->rules[r].step;
    }
    return NULL; /* not reached: trace_count counts these bits */
}

static void to_value(const svcr_table *table, svcr_table_type type, const atone_slot *slot, svcr_table_value *out)
{
    memset(out, 0, sizeof *out);
    if (!slot->present)
        return;
    out->type = type;
    if (type == SVCR_TABLE_TYPE_STRING)
        out->string = slot->key >= 0 ? table->symbols[slot->key] : NULL;
    else if (type == SVCR_TABLE_TYPE_MONEY)
        out->money = (svcr_money){slot->key, {slot->currency[0], slot->currency[1], slot->currency[2], 0}};
    else
        out->number = slot->key;
}

svcr_status svcr_table_result_output(const svcr_table_result *result, size_t index, const char *name, svcr_table_value *out)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_SIZED_ARG(out);
    const atone_table *table = top_table(result->table);
    if (index >= result->offer_count)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu out of range (%zu offers)", __func__, index,
                          result->offer_count);
    for (size_t o = 0; o < table->output_count; o++)
        if (table->outputs[o].role == ATONE_VALUE && strcmp(table->outputs[o].name, name) == 0) {
            const atone_rule *rule = &table->rules[result->selected[index]];
            svcr_table_value full;
            to_value(result->table, table->outputs[o].type, &rule->values[o], &full);
            SVCR_FILL_SIZED(out, full);
            return SVCR_OK;
        }
    return svcr__fail(SVCR_ENOTFOUND, "table \"%s\" has no value output \"%s\"", table->name, name);
}

svcr_status svcr_table_result_aggregate(const svcr_table_result *result, svcr_table_value *out)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_SIZED_ARG(out);
    const atone_table *table = top_table(result->table);
    if (table->aggregation == ATONE_AGG_NONE)
        return svcr__fail(SVCR_ENOTFOUND, "table \"%s\": hit policy %s does not aggregate", table->name,
                          table->hit == ATONE_HIT_COLLECT ? "collect" : "other than collect");
    svcr_table_type type = table->aggregation == ATONE_AGG_COUNT ? SVCR_TABLE_TYPE_NUMBER
                     : table->has_amount                  ? SVCR_TABLE_TYPE_MONEY
                                                          : table->outputs[table->aggregated].type;
    svcr_table_value full;
    to_value(result->table, type, &result->aggregate, &full);
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}
