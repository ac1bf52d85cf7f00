/* A decision table's JSON form (svcr_table_json / svcr_table_parse_json): text -> JSON -> table
 * -> JSON gives the same JSON, and both tables evaluate the same (offers, outputs, aggregates,
 * traces and errors) on facts at and around every bound their tests name. Bad JSON is refused
 * naming the JSON Pointer and line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "atone/builtin.h"
#include "atone/model.h"

/* Every feature of the text format in one document: two tables (one an input of the other),
 * required inputs, ranges open and closed, lists, negation, strings, booleans, durations, money,
 * fixed and computed amounts with floor, cap and minimum, rounding, priorities, annotations. */
static const char every_feature[] =
    "table tier\n"
    "hit-policy first\n"
    "| rule | spend: money required | member: boolean || tier: string | level: number |\n"
    "| gold | >= 1000.00 EUR | true || \"gold\" | 3 |\n"
    "| silver | [200.00 EUR..1000.00 EUR) | - || \"silver\" | 2 |\n"
    "| none | - | - || \"none\" | 1 |\n"
    "\n"
    "table compensation\n"
    "hit-policy output-order\n"
    "rounding half-even\n"
    "priority kind: refund, credit, voucher\n"
    "| rule | issue: string required | delay: duration | tier: string from tier | fare: money | score: number || kind | amount | approval | annotation |\n"
    "| r1 | \"lost\", \"damaged\" | - | - | - | - || refund | fare * 2 cap 500.00 EUR | manager | lost or damaged |\n"
    "| r2 | not(\"lost\") | >= PT2H | \"gold\" | - | (1.5..9] || credit | 15.00 EUR per hour of delay, floor 30.00 EUR, cap 150.00 EUR | supervisor | per hour |\n"
    "| r3 | - | [PT30M..PT2H) | - | > 10.00 EUR | not(3, 4) || voucher | 10% of fare minimum 5.00 EUR | agent | - |\n"
    "| r4 | \"late\" | - | not(\"none\") | - | < -2.25 || credit | 12.50 EUR | agent | negative score |\n";

static const char aggregate_table[] =
    "table sums\n"
    "hit-policy collect-sum\n"
    "rounding down\n"
    "| n: number required | ok: boolean || points: number |\n"
    "| > 1 | true || 10.5 |\n"
    "| [0..5] | - || 2.25 |\n"
    "| not(3) | false || 1 |\n";

static const char dot_table[] =
    "table dot-denied-boarding\n"
    "hit-policy unique\n"
    "| rule     | international: boolean required | hours_late: number required | fare: money || kind | amount                   | approval |\n"
    "| on-time  | -                               | < 1                         | -           || none | -                        | agent    |\n"
    "| dom-200  | false                           | [1..2]                      | -           || cash | fare * 2 cap 1075.00 USD | agent    |\n"
    "| dom-400  | false                           | > 2                         | -           || cash | fare * 4 cap 2150.00 USD | agent    |\n"
    "| intl-200 | true                            | [1..4]                      | -           || cash | fare * 2 cap 1075.00 USD | agent    |\n"
    "| intl-400 | true                            | > 4                         | -           || cash | fare * 4 cap 2150.00 USD | agent    |\n";

static const char ec2_table[] =
    "table ec2-sla-credit\n"
    "hit-policy unique\n"
    "| rule | uptime_percent: number required | monthly_bill: money || kind   | amount                                |\n"
    "| met  | >= 99.99                        | -                   || none   | -                                     |\n"
    "| 10   | [99.0..99.99)                   | -                   || credit | 10% of monthly_bill minimum 1.01 USD  |\n"
    "| 30   | [95.0..99.0)                    | -                   || credit | 30% of monthly_bill minimum 1.01 USD  |\n"
    "| 100  | < 95.0                          | -                   || credit | 100% of monthly_bill minimum 1.01 USD |\n";

static char *to_json(const svcr_table *table)
{
    char *json = NULL;
    if (svcr_table_json(table, &json) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    return json;
}

static svcr_table *from_json(const char *json)
{
    svcr_table *table = NULL;
    if (svcr_table_parse_json(json, strlen(json), &table) != SVCR_OK)
        fail_msg("%s\n%s", svcr_error_message(), json);
    return table;
}

/* Probe keys of fact @p slot: unset, and each bound of every test reading it, one either side. */
static size_t probes_of(const svcr_table *t, size_t slot, int64_t *keys, size_t capacity)
{
    size_t n = 0;
    keys[n++] = 0;
    for (size_t k = 0; k < t->table_count; k++) {
        const atone_table *tab = &t->tables[k];
        for (size_t i = 0; i < tab->input_count; i++) {
            if (tab->inputs[i].computed || tab->inputs[i].slot != slot)
                continue;
            for (size_t r = 0; r < tab->rule_count; r++) {
                const atone_test *test = &tab->rules[r].tests[i];
                for (size_t v = 0; v < test->count && n + 6 <= capacity; v++) {
                    int64_t lo = test->intervals[v].low, hi = test->intervals[v].high;
                    if (lo != INT64_MIN)
                        keys[n++] = lo - 1, keys[n++] = lo;
                    if (hi != INT64_MAX)
                        keys[n++] = hi, keys[n++] = hi + 1;
                    if (t->facts[slot].type == SVCR_TABLE_TYPE_MONEY && lo != INT64_MIN)
                        keys[n++] = lo * 37;
                }
            }
        }
    }
    return n;
}

static char *eval_text(const svcr_table *table, const svcr_table_facts *facts)
{
    svcr_table_result *result;
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    svcr_status status = svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result);
    char *json = NULL, *text = malloc(4096 + 64);
    assert_non_null(text);
    if (status != SVCR_OK) {
        snprintf(text, 4096 + 64, "status %d: %s", (int)status, svcr_error_message());
    } else {
        assert_int_equal(svcr_table_result_json(result, &json), SVCR_OK);
        svcr_table_value aggregate = {.size = sizeof aggregate};
        svcr_status agg = svcr_table_result_aggregate(result, &aggregate);
        snprintf(text, 4096 + 64, "%.4000s | aggregate %d %lld", json, (int)agg,
                 agg == SVCR_OK ? (long long)aggregate.number : 0LL);
        svcr_free(json);
    }
    svcr_table_result_free(result);
    return text;
}

/* Evaluate @p a and @p b on the same facts, @p rounds times, with probe keys drawn at random. */
static void expect_same_evaluations(const svcr_table *a, const svcr_table *b, int rounds)
{
    assert_int_equal(a->fact_count, b->fact_count);
    svcr_table_facts *fa, *fb;
    assert_int_equal(svcr_table_facts_new(a, &fa), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(b, &fb), SVCR_OK);
    enum { CAP = 4096 };
    int64_t *keys = malloc(CAP * sizeof *keys);
    assert_non_null(keys);
    srand(16);
    for (int round = 0; round < rounds; round++) {
        for (size_t s = 0; s < a->fact_count; s++) {
            assert_string_equal(a->facts[s].name, b->facts[s].name);
            size_t n = probes_of(a, s, keys, CAP);
            size_t pick = (size_t)rand() % (n + 1);
            atone_slot slot = {0, "", pick < n && pick > 0};
            if (slot.present) {
                slot.key = keys[pick];
                if (a->facts[s].type == SVCR_TABLE_TYPE_STRING && (slot.key < 0 || (size_t)slot.key >= a->symbol_count))
                    slot.key = ATONE_UNKNOWN_SYMBOL;
                if (a->facts[s].type == SVCR_TABLE_TYPE_BOOLEAN)
                    slot.key = slot.key & 1;
                memcpy(slot.currency, a->facts[s].currency[0] ? a->facts[s].currency : "EUR", 4);
            }
            fa->slots[s] = slot;
            fb->slots[s] = slot;
        }
        char *ea = eval_text(a, fa), *eb = eval_text(b, fb);
        assert_string_equal(ea, eb);
        free(ea);
        free(eb);
    }
    free(keys);
    svcr_table_facts_free(fa);
    svcr_table_facts_free(fb);
}

/* text -> table -> JSON -> table -> JSON: the same JSON, the same evaluations. */
static void expect_round_trip(svcr_table *table, int rounds)
{
    char *first = to_json(table);
    svcr_table *again = from_json(first);
    char *second = to_json(again);
    assert_string_equal(first, second);
    svcr_table *third = from_json(second);
    expect_same_evaluations(table, again, rounds);
    expect_same_evaluations(again, third, rounds / 4 + 1);
    svcr_free(first);
    svcr_free(second);
    svcr_table_free(third);
    svcr_table_free(again);
    svcr_table_free(table);
}

static svcr_table *parse(const char *text)
{
    svcr_table *table = NULL;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    return table;
}

static void every_feature_round_trips(void **state)
{
    (void)state;
    expect_round_trip(parse(every_feature), 3000);
    expect_round_trip(parse(aggregate_table), 500);
}

static void the_published_schedules_round_trip(void **state)
{
    (void)state;
    expect_round_trip(parse(dot_table), 1000);
    expect_round_trip(parse(ec2_table), 1000);
}

static void the_builtin_tables_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < svcr__atone_builtins_count; i++) {
        svcr_table *table;
        assert_int_equal(svcr_table_builtin(svcr__atone_builtins[i].name, &table), SVCR_OK);
        expect_round_trip(table, 2000);
    }
}

static void the_bench_table_round_trips(void **state)
{
    (void)state;
    FILE *f = fopen(SVCR_SOURCE_ROOT "/tests/bench/atone-100x6.table", "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    expect_round_trip(parse(text), 2000);
}

/* A table imported from DMN XML keeps its cells as imported and round trips the same way. */
static void a_dmn_table_round_trips(void **state)
{
    (void)state;
    if (!svcr_table_dmn_available())
        skip();
    FILE *f = fopen(SVCR_TEST_DATA_DIR "/atone_offers.dmn", "rb");
    assert_non_null(f);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    svcr_table *table = NULL;
    if (svcr_table_parse_dmn(text, n, &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    expect_round_trip(table, 2000);
}

static void the_json_form_is_as_documented(void **state)
{
    (void)state;
    svcr_table *table = parse("table t\nhit-policy collect-max\n| rule | x: number required | y: number from u ||"
                              " kind | amount |\n| a | [1..2] | - || refund | 5.00 EUR |\n"
                              "table u\n| z: string || y: number |\n| - || 1 |\n");
    char *json = to_json(table);
    assert_string_equal(json,
        "{\"tables\":[{\"name\":\"t\",\"hit_policy\":\"collect-max\",\"rounding\":\"half-up\","
        "\"inputs\":[{\"name\":\"x\",\"type\":\"number\",\"required\":true},{\"name\":\"y\",\"type\":\"number\","
        "\"from\":\"u\"}],\"outputs\":[{\"name\":\"kind\"},{\"name\":\"amount\"}],"
        "\"rules\":[{\"name\":\"a\",\"line\":4,\"inputs\":[\"[1..2]\",\"-\"],\"outputs\":[\"refund\",\"5.00 EUR\"]}]},"
        "{\"name\":\"u\",\"hit_policy\":\"unique\",\"rounding\":\"half-up\",\"inputs\":[{\"name\":\"z\",\"type\":"
        "\"string\"}],\"outputs\":[{\"name\":\"y\",\"type\":\"number\"}],\"rules\":[{\"line\":7,\"inputs\":[\"-\"],"
        "\"outputs\":[\"1\"]}]}]}");
    svcr_free(json);
    svcr_table_free(table);
}

static void bad_json_is_refused_naming_pointer_and_position(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        const char *message;
        int line, column;
    } cases[] = {
        {"{\"tables\": [", "table JSON: line 1, column 12: ']' expected", 1, 12},
        {"{\"tables\": []}", "/tables: no table", 1, 12},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [], \"outputs\": [{\"name\": \"v\", \"type\": \"number\"}],\n"
         " \"rules\": [], \"colour\": 1}]}", "/tables/0/colour: unknown member \"colour\"", 2, 25},
        {"{\"tables\": [{\"name\": \"t\", \"hit_policy\": \"most\", \"inputs\": [], \"outputs\": [], \"rules\": []}]}",
         "/tables/0/hit_policy: unknown hit_policy \"most\"", 1, 41},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}],\n"
         " \"outputs\": [{\"name\": \"kind\"}],\n \"rules\": [{\"inputs\": [\"[1..\"], \"outputs\": [\"refund\"]}]}]}",
         "/tables/0/rules/0/inputs/0: table \"t\", rule \"1\", input \"x\": cell \"[1..\", character 5", 3, 24},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}],\n"
         " \"outputs\": [{\"name\": \"kind\"}],\n \"rules\": [{\"inputs\": [], \"outputs\": [\"refund\"]}]}]}",
         "/tables/0/rules/0/inputs: 0 cells, but the table has 1 input columns", 3, 23},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"type\": \"number\", \"from\": \"u\", \"required\": true}],"
         " \"outputs\": [{\"name\": \"kind\"}], \"rules\": []}]}", "/tables/0/inputs/0/required: an input from", 1, 95},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"type\": \"weight\"}],"
         " \"outputs\": [{\"name\": \"kind\"}], \"rules\": []}]}", "/tables/0/inputs/0: table \"t\", column \"x\": unknown type \"weight\"", 1, 38},
        {"{\"tables\": [{\"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"type\": 7}], \"outputs\": [], \"rules\": []}]}",
         "/tables/0/inputs/0/type: must be a string", 1, 60},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_table *table = (svcr_table *)&table;
        svcr_status status = svcr_table_parse_json(cases[i].json, strlen(cases[i].json), &table);
        if (status != SVCR_EPARSE || strstr(svcr_error_message(), cases[i].message) == NULL)
            fail_msg("case %zu: status %d, \"%s\"", i, (int)status, svcr_error_message());
        assert_ptr_equal(table, (svcr_table *)&table);
        assert_int_equal(svcr_error_line(), cases[i].line);
        if (cases[i].column > 0)
            assert_int_equal(svcr_error_column(), cases[i].column);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_feature_round_trips),
        cmocka_unit_test(the_published_schedules_round_trip),
        cmocka_unit_test(the_builtin_tables_round_trip),
        cmocka_unit_test(the_bench_table_round_trips),
        cmocka_unit_test(a_dmn_table_round_trips),
        cmocka_unit_test(the_json_form_is_as_documented),
        cmocka_unit_test(bad_json_is_refused_naming_pointer_and_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
