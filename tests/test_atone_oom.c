/* Allocation failure in the atone calls the module tests do not yet exhaust, and in every
 * allocating call on a table or facts that already exist: each allocation fails in turn, the call
 * must return SVCR_ENOMEM, leave the table and facts exactly as they were (they evaluate to the
 * same offers) and usable, and nothing may leak. test_atone_text.c, test_atone_dmn.c,
 * test_atone_facts.c and test_atone_authority.c exhaust parsing, facts and authority. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"

/* Every built-in table, loaded, evaluated and freed. */
static svcr_status load_builtins(void *state)
{
    (void)state;
    static const char *const names[] = {"severity-value", "hotel-stay"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        svcr_table *table = NULL;
        svcr_table_facts *facts = NULL;
        svcr_table_result *result = NULL;
        svcr_status s = svcr_table_builtin(names[i], &table);
        if (s == SVCR_OK)
            s = svcr_table_facts_new(table, &facts);
        if (s == SVCR_OK)
            s = svcr_table_result_new(table, &result);
        if (s == SVCR_OK)
            s = svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result);
        svcr_table_result_free(result);
        svcr_table_facts_free(facts);
        svcr_table_free(table);
        if (s != SVCR_OK)
            return s;
    }
    return SVCR_OK;
}

static void builtin_tables_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(load_builtins, NULL) > 10);
}

/* Every built-in table written as JSON, read back and written again: the same JSON. */
static svcr_status json_round_trip(void *state)
{
    (void)state;
    static const char *const names[] = {"severity-value", "hotel-stay"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        svcr_table *table = NULL, *again = NULL;
        char *first = NULL, *second = NULL;
        svcr_status s = svcr_table_builtin(names[i], &table);
        if (s == SVCR_OK)
            s = svcr_table_json(table, &first);
        if (s == SVCR_OK)
            s = svcr_table_parse_json(first, strlen(first), &again);
        if (s == SVCR_OK)
            s = svcr_table_json(again, &second);
        if (s == SVCR_OK && strcmp(first, second) != 0)
            s = SVCR_ESTATE;
        svcr_free(first);
        svcr_free(second);
        svcr_table_free(again);
        svcr_table_free(table);
        if (s != SVCR_OK)
            return s;
    }
    return SVCR_OK;
}

static void json_round_trip_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(json_round_trip, NULL) > 20);
}

typedef struct objects {
    svcr_table *table; /* severity-value */
    svcr_table_facts *facts; /* severity 3, tier gold, price 100.00 EUR */
    svcr_table_facts *made_facts;
    svcr_table_result *made_result;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    svcr_money price = {10000, "EUR"};
    if (o == NULL || svcr_table_builtin("severity-value", &o->table) != SVCR_OK ||
        svcr_table_facts_new(o->table, &o->facts) != SVCR_OK || svcr_table_facts_set_integer(o->facts, "severity", 3) != SVCR_OK ||
        svcr_table_facts_set_string(o->facts, "tier", "gold") != SVCR_OK ||
        svcr_table_facts_set_money(o->facts, "price", price) != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_table_result_free(o->made_result);
    svcr_table_facts_free(o->made_facts);
    svcr_table_facts_free(o->facts);
    svcr_table_free(o->table);
    free(o);
}

/* The offers the facts give, with amounts, and the trace's length. */
static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL;
    svcr_table_result *result = NULL;
    assert_int_equal(svcr_table_result_new(o->table, &result), SVCR_OK);
    assert_int_equal(svcr_table_eval(o->table, o->facts, SVCR_TABLE_EVAL_EXPLAIN, result), SVCR_OK);
    for (size_t i = 0; i < svcr_table_result_offer_count(result); i++) {
        const svcr_table_offer *offer = svcr_table_result_offer(result, i);
        test_text_append(&text, "%s %s %" PRId64 " %s; ", offer->rule, offer->kind, offer->amount.amount_minor,
                         offer->approval);
    }
    test_text_append(&text, "trace %zu made %p %p", svcr_table_result_trace_count(result), (void *)o->made_facts,
                     (void *)o->made_result);
    svcr_table_result_free(result);
    return text;
}

static const char facts_json[] = "{\"severity\": 4, \"tier\": \"platinum\", \"price\": {\"amount_minor\": 8000, \"currency\": \"EUR\"}}";

static svcr_status set_json(void *data)
{
    objects *o = data;
    return svcr_table_facts_set_json(o->facts, facts_json, sizeof facts_json - 1, 0);
}

/* The facts take the JSON after all and evaluate to the offers it implies. */
static svcr_status set_json_use(void *data)
{
    objects *o = data;
    svcr_status s = set_json(data);
    svcr_table_result *result = NULL;
    if (s == SVCR_OK)
        s = svcr_table_result_new(o->table, &result);
    if (s == SVCR_OK)
        s = svcr_table_eval(o->table, o->facts, 0, result);
    if (s == SVCR_OK && (svcr_table_result_offer_count(result) != 2 ||
                         strcmp(svcr_table_result_offer(result, 0)->kind, "refund") != 0))
        s = SVCR_ESTATE;
    svcr_table_result_free(result);
    return s;
}

static svcr_status make_facts_and_result(void *data)
{
    objects *o = data;
    svcr_status s = svcr_table_facts_new(o->table, &o->made_facts);
    if (s == SVCR_OK && (s = svcr_table_result_new(o->table, &o->made_result)) != SVCR_OK) {
        /* Keep the call all-or-nothing, as the snapshot expects. */
        svcr_table_facts_free(o->made_facts);
        o->made_facts = NULL;
    }
    return s;
}

static svcr_status make_facts_and_result_use(void *data)
{
    objects *o = data;
    svcr_status s = make_facts_and_result(data);
    if (s == SVCR_OK)
        s = svcr_table_facts_set_integer(o->made_facts, "severity", 1);
    if (s == SVCR_OK)
        s = svcr_table_eval(o->table, o->made_facts, 0, o->made_result);
    return s;
}

static const test_call facts_set_json = {setup, set_json, snapshot, set_json_use, teardown};
static const test_call facts_and_result_new = {setup, make_facts_and_result, snapshot, make_facts_and_result_use,
                                               teardown};

static void tables_and_facts_survive_failed_calls(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&facts_set_json) >= 1);
    assert_true(test_alloc_exhaust_call(&facts_and_result_new) >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_tables_exhausted),
        cmocka_unit_test(json_round_trip_exhausted),
        cmocka_unit_test(tables_and_facts_survive_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
