/* Bad inputs of atone.h: decision tables, facts, results, authority and guarantees. Rows of
 * docs/bad-inputs.md (tests/bad_inputs_table.py); see bad_inputs.h. The snapshot evaluates both
 * tables with their facts, lists the kept result and asks the authority, so a refused call must
 * change none of them. */
#include "bad_inputs/bad_inputs.h"

#include <inttypes.h>

/* Every input type; money compared with EUR literals. */
static const char typed_text[] = "table typed\nhit-policy collect\n"
                                 "| n: number | s: string | b: boolean | m: money | d: duration || kind |\n"
                                 "| > 2 | - | - | - | - || n |\n"
                                 "| - | \"x\" | - | - | - || s |\n"
                                 "| - | - | true | - | - || b |\n"
                                 "| - | - | - | >= 1.00 EUR | - || m |\n"
                                 "| - | - | - | - | > PT1H || d |\n";
/* Two rules match n = 4 under hit policy unique. */
static const char unique_text[] = "table overlap\nhit-policy unique\n"
                                  "| rule | n: number || kind |\n"
                                  "| low | < 5 || voucher |\n"
                                  "| high | > 3 || credit |\n";

typedef struct fixture {
    svcr_table *severity; /* built-in severity-value */
    svcr_table *typed;
    svcr_table *overlap;
    svcr_table_facts *severity_facts; /* severity 3, tier gold, price 100.00 EUR */
    svcr_table_facts *typed_facts;    /* n 3 */
    svcr_table_facts *overlap_facts;  /* n 4 */
    svcr_table_facts *no_price;       /* severity 3, tier gold, no price */
    svcr_table_result *result;        /* severity-value evaluated with severity_facts */
    svcr_table_result *scratch;       /* severity-value; evaluations that fail empty it */
    svcr_table_result *overlap_result;
    svcr_authority *authority;  /* agent < supervisor < manager */
    /* out-parameters the rows pass: they must stay untouched */
    svcr_table *table_out;
    svcr_table_facts *facts_out;
    svcr_table_result *result_out;
    svcr_authority *authority_out;
    const char *text_out;
    char *json_out;
    size_t slot;
    svcr_table_type type;
    svcr_table_value value;
    svcr_approval approval;
    svcr_guarantee_report *report;
} fixture;

static void evaluate(char **text, const svcr_table *table, const svcr_table_facts *facts)
{
    svcr_table_result *result = NULL;
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    svcr_status status = svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result);
    bad_append(text, "%s: %s", svcr_table_name(table), svcr_status_name(status));
    for (size_t i = 0; i < svcr_table_result_offer_count(result); i++)
        bad_append(text, " %s", svcr_table_result_offer(result, i)->kind);
    bad_append(text, "\n");
    svcr_table_result_free(result);
}

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL;
    evaluate(&text, f->severity, f->severity_facts);
    evaluate(&text, f->severity, f->no_price);
    evaluate(&text, f->typed, f->typed_facts);
    for (size_t i = 0; i < svcr_table_result_offer_count(f->result); i++) {
        const svcr_table_offer *o = svcr_table_result_offer(f->result, i);
        bad_append(&text, "%s %s %" PRId64 " %s; ", o->rule, o->kind, o->amount.amount_minor, o->approval);
    }
    bad_append(&text, "trace %zu\n", svcr_table_result_trace_count(f->result));
    static const char *const levels[] = {"agent", "supervisor", "manager"};
    for (int i = 0; i < 3; i++) {
        svcr_approval a = {.size = sizeof a};
        assert_int_equal(svcr_authority_check(f->authority, levels[i], "manager", &a), SVCR_OK);
        bad_append(&text, "%d%s ", (int)a.allowed, a.escalate_to ? a.escalate_to : "-");
    }
    bad_append(&text, "\njson %p", (void *)f->json_out);
    bad_append(&text, "\noutputs %p %p %p %p %p %zu %d %d %" PRId64 " %d %p %p", (void *)f->table_out,
               (void *)f->facts_out, (void *)f->result_out, (void *)f->authority_out, (const void *)f->text_out,
               f->slot, (int)f->type, (int)f->value.type, f->value.number, (int)f->approval.allowed,
               (const void *)f->approval.escalate_to, (void *)f->report);
    return text;
}

static int setup(void **state)
{
    static fixture f;
    svcr_money price = {10000, "EUR"};
    if (svcr_table_builtin("severity-value", &f.severity) != SVCR_OK ||
        svcr_table_parse(typed_text, sizeof typed_text - 1, &f.typed) != SVCR_OK ||
        svcr_table_parse(unique_text, sizeof unique_text - 1, &f.overlap) != SVCR_OK ||
        svcr_table_facts_new(f.severity, &f.severity_facts) != SVCR_OK || svcr_table_facts_new(f.severity, &f.no_price) != SVCR_OK ||
        svcr_table_facts_new(f.typed, &f.typed_facts) != SVCR_OK || svcr_table_facts_new(f.overlap, &f.overlap_facts) != SVCR_OK ||
        svcr_table_facts_set_integer(f.severity_facts, "severity", 3) != SVCR_OK ||
        svcr_table_facts_set_string(f.severity_facts, "tier", "gold") != SVCR_OK ||
        svcr_table_facts_set_money(f.severity_facts, "price", price) != SVCR_OK ||
        svcr_table_facts_set_integer(f.no_price, "severity", 3) != SVCR_OK ||
        svcr_table_facts_set_string(f.no_price, "tier", "gold") != SVCR_OK ||
        svcr_table_facts_set_integer(f.typed_facts, "n", 3) != SVCR_OK ||
        svcr_table_facts_set_integer(f.overlap_facts, "n", 4) != SVCR_OK ||
        svcr_table_result_new(f.severity, &f.result) != SVCR_OK || svcr_table_result_new(f.severity, &f.scratch) != SVCR_OK ||
        svcr_table_result_new(f.overlap, &f.overlap_result) != SVCR_OK ||
        svcr_table_eval(f.severity, f.severity_facts, SVCR_TABLE_EVAL_EXPLAIN, f.result) != SVCR_OK ||
        svcr_authority_new(NULL, 0, &f.authority) != SVCR_OK)
        return -1;
    f.value.size = sizeof f.value; /* sized out-parameters carry their size, as a caller's would */
    f.approval.size = sizeof f.approval;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_table_result_free(f->result);
    svcr_table_result_free(f->scratch);
    svcr_table_result_free(f->overlap_result);
    svcr_table_facts_free(f->severity_facts);
    svcr_table_facts_free(f->no_price);
    svcr_table_facts_free(f->typed_facts);
    svcr_table_facts_free(f->overlap_facts);
    svcr_table_free(f->severity);
    svcr_table_free(f->typed);
    svcr_table_free(f->overlap);
    svcr_authority_free(f->authority);
    return 0;
}

static void table_rows(void **state)
{
    fixture *f = *state;
    const char *no_table = "| n: number || kind |\n| 1 || a |\n";
    const char *bad_cell = "table x\n| n: number || kind |\n| >> 2 || a |\n";
    const char *mixed = "table x\n| m: money || kind |\n| [1.00 EUR..2.00 USD] || a |\n";
    BAD("svcr_table_parse", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_table_parse(NULL, 0, &f->table_out));
    BAD("svcr_table_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_parse(typed_text, 10, NULL));
    BAD("svcr_table_parse", "text without a `table NAME` line", SVCR_EPARSE,
        "line 1, column 1: a table row before any `table NAME` line", svcr_table_parse(no_table, strlen(no_table), &f->table_out));
    static const char latin1[] = "table t\n| x: number || kind | annotation |\n| [1..2] || refund | caf\xe9 |\n";
    BAD("svcr_table_parse", "an annotation that is not UTF-8 (Latin-1 \"caf\\xe9\")", SVCR_EPARSE,
        "table text: line 3, column 25: byte 0xE9 is not valid UTF-8",
        svcr_table_parse(latin1, strlen(latin1), &f->table_out));
    BAD("svcr_table_parse", "a malformed input cell `>> 2`", SVCR_EPARSE, "line 3, column",
        svcr_table_parse(bad_cell, strlen(bad_cell), &f->table_out));
    BAD("svcr_table_parse", "a range from EUR to USD", SVCR_ECURRENCY, "line 3",
        svcr_table_parse(mixed, strlen(mixed), &f->table_out));
    if (svcr_table_dmn_available()) {
        BAD("svcr_table_parse_dmn", "NULL text (built with DMN)", SVCR_EINVAL, "\"text\" is NULL",
            svcr_table_parse_dmn(NULL, 0, &f->table_out));
        BAD("svcr_table_parse_dmn", "text that is not XML (built with DMN)", SVCR_EPARSE, "DMN XML: line 1",
            svcr_table_parse_dmn("table x", 7, &f->table_out));
        BAD("svcr_table_parse_dmn", "XML without a decision table (built with DMN)", SVCR_EPARSE, "",
            svcr_table_parse_dmn("<definitions/>", 14, &f->table_out));
    } else {
        BAD("svcr_table_parse_dmn", "any text (built without DMN)", SVCR_EINVAL, "DMN",
            svcr_table_parse_dmn("<definitions/>", 14, &f->table_out));
    }
    BAD_RETURNS("svcr_table_dmn_available", "takes no input", "false when built without libxml2", "",
                svcr_table_parse_dmn("x", 1, &f->table_out) == (svcr_table_dmn_available() ? SVCR_EPARSE : SVCR_EINVAL));
    const char *json_cell = "{\"tables\": [{\"name\": \"x\", \"inputs\": [{\"name\": \"n\", \"type\": \"number\"}],\n"
                            " \"outputs\": [{\"name\": \"kind\"}], \"rules\": [{\"inputs\": [\">> 2\"], \"outputs\": [\"a\"]}]}]}";
    const char *json_unknown = "{\"tables\": [], \"version\": 2}";
    BAD("svcr_table_parse_json", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_table_parse_json(NULL, 0, &f->table_out));
    BAD("svcr_table_parse_json", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_parse_json("{}", 2, NULL));
    BAD("svcr_table_parse_json", "text that is not JSON (a table in the text format)", SVCR_EPARSE, "table JSON: line 1, column 5: '[' or '{' expected",
        svcr_table_parse_json(typed_text, strlen(typed_text), &f->table_out));
    BAD("svcr_table_parse_json", "an unknown member `version`", SVCR_EPARSE,
        "table JSON: line 1, column 27: /version: unknown member \"version\"",
        svcr_table_parse_json(json_unknown, strlen(json_unknown), &f->table_out));
    BAD("svcr_table_parse_json", "a malformed input cell `>> 2`", SVCR_EPARSE,
        "table JSON: line 2, column 55: /tables/0/rules/0/inputs/0: table \"x\", rule \"1\", input \"n\"",
        svcr_table_parse_json(json_cell, strlen(json_cell), &f->table_out));
    BAD("svcr_table_json", "NULL table", SVCR_EINVAL, "\"table\" is NULL", svcr_table_json(NULL, &f->json_out));
    BAD("svcr_table_json", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_table_json(f->severity, NULL));
    BAD("svcr_table_builtin", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_builtin(NULL, &f->table_out));
    BAD("svcr_table_builtin", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_builtin("severity-value", NULL));
    BAD("svcr_table_builtin", "unknown name", SVCR_ENOTFOUND, "no built-in table \"tiny\" (there are: hotel-stay, severity-value)",
        svcr_table_builtin("tiny", &f->table_out));
    BAD("svcr_table_builtin_text", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_table_builtin_text("severity-value", NULL));
    BAD("svcr_table_builtin_text", "unknown name", SVCR_ENOTFOUND, "no built-in table \"tiny\"",
        svcr_table_builtin_text("tiny", &f->text_out));
    BAD_IGNORED("svcr_table_free", "NULL", svcr_table_free(NULL));
    BAD_RETURNS("svcr_table_name", "NULL table", "\"\"", "", strcmp(svcr_table_name(NULL), "") == 0);
}

static void facts_rows(void **state)
{
    fixture *f = *state;
    svcr_table_facts *t = f->typed_facts;
    const char *usd_json = "{\"m\": {\"amount_minor\": 1, \"currency\": \"USD\"}}";
    svcr_table_value usd = {.size = sizeof usd, .type = SVCR_TABLE_TYPE_MONEY, .money = {100, "USD"}};
    svcr_table_value two = {.size = sizeof two, .type = SVCR_TABLE_TYPE_BOOLEAN, .number = 2};
    svcr_table_value text = {.size = sizeof text, .type = SVCR_TABLE_TYPE_STRING, .string = "x"};
    svcr_table_value null_string = {.size = sizeof null_string, .type = SVCR_TABLE_TYPE_STRING, .string = NULL};
    svcr_money bad_code = {100, "eur"};
    size_t n_slot = 0, m_slot = 0, b_slot = 0, s_slot = 0;
    assert_int_equal(svcr_table_facts_find(t, "n", &n_slot, NULL), SVCR_OK);
    assert_int_equal(svcr_table_facts_find(t, "m", &m_slot, NULL), SVCR_OK);
    assert_int_equal(svcr_table_facts_find(t, "b", &b_slot, NULL), SVCR_OK);
    assert_int_equal(svcr_table_facts_find(t, "s", &s_slot, NULL), SVCR_OK);
    BAD("svcr_table_facts_new", "NULL table", SVCR_EINVAL, "\"table\" is NULL", svcr_table_facts_new(NULL, &f->facts_out));
    BAD("svcr_table_facts_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_facts_new(f->typed, NULL));
    BAD_IGNORED("svcr_table_facts_free", "NULL", svcr_table_facts_free(NULL));
    BAD_IGNORED("svcr_table_facts_clear", "NULL", svcr_table_facts_clear(NULL));
    BAD("svcr_table_facts_find", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_find(t, NULL, &f->slot, &f->type));
    BAD("svcr_table_facts_find", "NULL slot", SVCR_EINVAL, "\"slot\" is NULL", svcr_table_facts_find(t, "n", NULL, &f->type));
    BAD("svcr_table_facts_find", "unknown name", SVCR_ENOTFOUND, "no fact \"q\": table \"typed\" has no input of that name",
        svcr_table_facts_find(t, "q", &f->slot, &f->type));
    BAD("svcr_table_facts_set_at", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_table_facts_set_at(t, n_slot, NULL));
    BAD("svcr_table_facts_set_at", "slot out of range", SVCR_EINVAL, "slot 99 out of range (5 facts)", svcr_table_facts_set_at(t, 99, &text));
    BAD("svcr_table_facts_set_at", "a string for a number input", SVCR_EINVAL, "fact \"n\" is number, not string",
        svcr_table_facts_set_at(t, n_slot, &text));
    BAD("svcr_table_facts_set_at", "a NULL string", SVCR_EINVAL, "fact \"s\": the string is NULL", svcr_table_facts_set_at(t, s_slot, &null_string));
    BAD("svcr_table_facts_set_at", "boolean 2", SVCR_EINVAL, "fact \"b\": a boolean is 0 or 1, not 2", svcr_table_facts_set_at(t, b_slot, &two));
    BAD("svcr_table_facts_set_at", "USD where the table compares with EUR", SVCR_ECURRENCY,
        "fact \"m\": USD amount, but the table compares it with EUR", svcr_table_facts_set_at(t, m_slot, &usd));
    BAD("svcr_table_facts_set_integer", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_integer(NULL, "n", 1));
    BAD("svcr_table_facts_set_integer", "unknown name", SVCR_ENOTFOUND, "no fact \"q\"", svcr_table_facts_set_integer(t, "q", 1));
    BAD("svcr_table_facts_set_integer", "INT64_MAX (overflow once scaled)", SVCR_EOVERFLOW, "is too large for a number",
        svcr_table_facts_set_integer(t, "n", INT64_MAX));
    BAD("svcr_table_facts_set_integer", "a string input", SVCR_EINVAL, "fact \"s\" is string, not number",
        svcr_table_facts_set_integer(t, "s", 1));
    BAD("svcr_table_facts_set_decimal", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_table_facts_set_decimal(t, "n", NULL));
    BAD("svcr_table_facts_set_decimal", "seven decimal places", SVCR_EINVAL, "\"1.1234567\" is not a decimal with at most six places",
        svcr_table_facts_set_decimal(t, "n", "1.1234567"));
    BAD("svcr_table_facts_set_decimal", "text \"three\"", SVCR_EINVAL, "\"three\" is not a decimal", svcr_table_facts_set_decimal(t, "n", "three"));
    BAD("svcr_table_facts_set_decimal", "one more than the largest number", SVCR_EOVERFLOW,
        "9223372036854.775808 is too large", svcr_table_facts_set_decimal(t, "n", "9223372036854.775808"));
    BAD("svcr_table_facts_set_decimal", "\"1e300\" (too large)", SVCR_EOVERFLOW, "1e300 is too large",
        svcr_table_facts_set_decimal(t, "n", "1e300"));
    BAD("svcr_table_facts_set_string", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_table_facts_set_string(t, "s", NULL));
    BAD("svcr_table_facts_set_string", "a number input", SVCR_EINVAL, "fact \"n\" is number, not string", svcr_table_facts_set_string(t, "n", "x"));
    BAD("svcr_table_facts_set_boolean", "unknown name", SVCR_ENOTFOUND, "no fact \"q\"", svcr_table_facts_set_boolean(t, "q", true));
    BAD("svcr_table_facts_set_boolean", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_boolean(t, NULL, true));
    BAD("svcr_table_facts_set_money", "currency code \"ZZZ\" (not ISO 4217)", SVCR_EINVAL,
        "fact \"m\": currency \"ZZZ\" is not an ISO 4217 code the library knows",
        svcr_table_facts_set_money(t, "m", (svcr_money){1, "ZZZ"}));
    BAD("svcr_table_facts_set_money", "currency code \"eur\"", SVCR_EINVAL, "fact \"m\": currency \"eur\" is not an ISO 4217 code",
        svcr_table_facts_set_money(t, "m", bad_code));
    BAD("svcr_table_facts_set_money", "USD where the table compares with EUR", SVCR_ECURRENCY, "compares it with EUR",
        svcr_table_facts_set_money(t, "m", usd.money));
    BAD("svcr_table_facts_set_duration", "a number input", SVCR_EINVAL, "fact \"n\" is number, not duration",
        svcr_table_facts_set_duration(t, "n", 60));
    BAD("svcr_table_facts_set_duration", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_duration(NULL, "d", 60));
    BAD("svcr_table_facts_unset", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_unset(t, NULL));
    BAD("svcr_table_facts_unset", "unknown name", SVCR_ENOTFOUND, "no fact \"q\"", svcr_table_facts_unset(t, "q"));
    BAD("svcr_table_facts_set_json", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_table_facts_set_json(t, NULL, 0, 0));
    BAD("svcr_table_facts_set_json", "unknown flags 0x8", SVCR_EINVAL, "unknown flags 0x8", svcr_table_facts_set_json(t, "{}", 2, 8));
    BAD("svcr_table_facts_set_json", "a JSON array", SVCR_EPARSE, "line 1, column 1", svcr_table_facts_set_json(t, "[1]", 3, 0));
    BAD("svcr_table_facts_set_json", "a member naming no fact", SVCR_ENOTFOUND, "line 1, column", svcr_table_facts_set_json(t, "{\"q\": 1}", 8, 0));
    BAD("svcr_table_facts_set_json", "a string for a number", SVCR_EPARSE, "line 1, column 7", svcr_table_facts_set_json(t, "{\"n\": \"x\"}", 10, 0));
    BAD("svcr_table_facts_set_json", "USD where the table compares with EUR", SVCR_ECURRENCY, "compares it with EUR",
        svcr_table_facts_set_json(t, usd_json, strlen(usd_json), 0));
}

static void result_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_table_result_new", "NULL table", SVCR_EINVAL, "\"table\" is NULL", svcr_table_result_new(NULL, &f->result_out));
    BAD("svcr_table_result_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_result_new(f->typed, NULL));
    BAD_IGNORED("svcr_table_result_free", "NULL", svcr_table_result_free(NULL));
    BAD("svcr_table_eval", "NULL table", SVCR_EINVAL, "\"table\" is NULL", svcr_table_eval(NULL, f->severity_facts, 0, f->scratch));
    BAD("svcr_table_eval", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_eval(f->severity, NULL, 0, f->scratch));
    BAD("svcr_table_eval", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_table_eval(f->severity, f->severity_facts, 0, NULL));
    BAD("svcr_table_eval", "unknown flags 0x4", SVCR_EINVAL, "unknown flags 0x4",
        svcr_table_eval(f->severity, f->severity_facts, 4, f->scratch));
    BAD("svcr_table_eval", "facts made for another table", SVCR_EINVAL, "the facts were made for another table",
        svcr_table_eval(f->severity, f->typed_facts, 0, f->scratch));
    BAD("svcr_table_eval", "a result made for another table", SVCR_EINVAL, "the result was made for another table",
        svcr_table_eval(f->overlap, f->overlap_facts, 0, f->scratch));
    BAD("svcr_table_eval", "two matching rules under hit policy unique", SVCR_ECONFLICT,
        "hit policy unique, but rules \"low\" (line 4) and \"high\" (line 5)",
        svcr_table_eval(f->overlap, f->overlap_facts, 0, f->overlap_result));
    BAD("svcr_table_eval", "an amount of a price that is not set", SVCR_EGUARD, "price",
        svcr_table_eval(f->severity, f->no_price, 0, f->scratch));
    BAD_RETURNS("svcr_table_result_offer_count", "NULL result", "0", "", svcr_table_result_offer_count(NULL) == 0);
    BAD_RETURNS("svcr_table_result_offer", "NULL result", "NULL", "", svcr_table_result_offer(NULL, 0) == NULL);
    BAD_RETURNS("svcr_table_result_offer", "index past the end", "NULL", "", svcr_table_result_offer(f->result, 99) == NULL);
    size_t count = 7;
    BAD_RETURNS("svcr_table_result_offers", "NULL result", "NULL, count 0", "",
                svcr_table_result_offers(NULL, &count) == NULL && count == 0);
    BAD("svcr_table_result_output", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_result_output(f->result, 0, NULL, &f->value));
    BAD("svcr_table_result_output", "index past the end", SVCR_EINVAL, "index 99 out of range (1 offers)",
        svcr_table_result_output(f->result, 99, "kind", &f->value));
    BAD("svcr_table_result_output", "an output the table does not have", SVCR_ENOTFOUND,
        "table \"severity-value\" has no value output \"colour\"", svcr_table_result_output(f->result, 0, "colour", &f->value));
    BAD("svcr_table_result_aggregate", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_result_aggregate(f->result, NULL));
    BAD("svcr_table_result_aggregate", "a hit policy that does not aggregate", SVCR_ENOTFOUND,
        "hit policy other than collect does not aggregate", svcr_table_result_aggregate(f->result, &f->value));
    BAD_RETURNS("svcr_table_result_trace_count", "NULL result", "0", "", svcr_table_result_trace_count(NULL) == 0);
    BAD_RETURNS("svcr_table_result_trace", "NULL result", "NULL", "", svcr_table_result_trace(NULL, 0) == NULL);
    BAD_RETURNS("svcr_table_result_trace", "index past the end", "NULL", "", svcr_table_result_trace(f->result, 9999) == NULL);
    BAD("svcr_table_result_json", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_table_result_json(NULL, &f->json_out));
    BAD("svcr_table_result_json", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_table_result_json(f->result, NULL));
}

static void authority_rows(void **state)
{
    fixture *f = *state;
    const char *const twice[] = {"agent", "lead", "agent"};
    const char *const empty[] = {"agent", ""};
    BAD("svcr_authority_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_authority_new(NULL, 0, NULL));
    BAD("svcr_authority_new", "NULL levels with count 2", SVCR_EINVAL, "levels is NULL but count is 2",
        svcr_authority_new(NULL, 2, &f->authority_out));
    BAD("svcr_authority_new", "levels with count 0", SVCR_EINVAL, "at least one level is needed",
        svcr_authority_new(twice, 0, &f->authority_out));
    BAD("svcr_authority_new", "an empty level name", SVCR_EINVAL, "level 1 is NULL or empty",
        svcr_authority_new(empty, 2, &f->authority_out));
    BAD("svcr_authority_new", "a level given twice", SVCR_EINVAL, "level \"agent\" is given twice",
        svcr_authority_new(twice, 3, &f->authority_out));
    BAD_IGNORED("svcr_authority_free", "NULL", svcr_authority_free(NULL));
    BAD("svcr_authority_check", "NULL authority", SVCR_EINVAL, "\"authority\" is NULL",
        svcr_authority_check(NULL, "agent", "manager", &f->approval));
    BAD("svcr_authority_check", "NULL acting", SVCR_EINVAL, "\"acting\" is NULL",
        svcr_authority_check(f->authority, NULL, "manager", &f->approval));
    BAD("svcr_authority_check", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_authority_check(f->authority, "agent", "manager", NULL));
    BAD("svcr_authority_check", "an unknown acting level", SVCR_ENOTFOUND, "no approval level \"intern\" (the levels are agent",
        svcr_authority_check(f->authority, "intern", "manager", &f->approval));
    BAD("svcr_authority_check", "an unknown required level", SVCR_ENOTFOUND, "no approval level \"ceo\"",
        svcr_authority_check(f->authority, "agent", "ceo", &f->approval));
    BAD("svcr_authority_check_result", "NULL result", SVCR_EINVAL, "\"result\" is NULL",
        svcr_authority_check_result(f->authority, "agent", NULL, &f->approval));
    BAD("svcr_authority_check_result", "an unknown acting level", SVCR_ENOTFOUND, "no approval level \"intern\"",
        svcr_authority_check_result(f->authority, "intern", f->result, &f->approval));
}

static void guarantee_rows(void **state)
{
    fixture *f = *state;
    const svcr_guarantee good = {.size = sizeof(svcr_guarantee), .promise = "On time or it is free.",
                                 .payout = {5000, "EUR"}, .price = {5000, "EUR"}, .invoke_steps = 1, .collect_days = 0};
    svcr_guarantee g;
    svcr_guarantee_thresholds thresholds;
    assert_int_equal(svcr_guarantee_thresholds_init(&thresholds, sizeof thresholds), SVCR_OK);
    svcr_guarantee_thresholds small = thresholds;
    small.size = 4;
    svcr_guarantee_thresholds negative = thresholds;
    negative.max_invoke_steps = -1;
    BAD("svcr_guarantee_thresholds_init", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_guarantee_thresholds_init(NULL, sizeof(svcr_guarantee_thresholds)));
    BAD("svcr_guarantee_check", "NULL guarantee", SVCR_EINVAL, "\"guarantee\" is NULL", svcr_guarantee_check(NULL, NULL, &f->report));
    BAD("svcr_guarantee_check", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_guarantee_check(&good, NULL, NULL));
    g = good;
    g.size = 0;
    BAD("svcr_guarantee_check", "size 0", SVCR_EINVAL, "guarantee->size is 0; set it to the struct's sizeof",
        svcr_guarantee_check(&g, NULL, &f->report));
    g = good;
    g.promise = NULL;
    BAD("svcr_guarantee_check", "a NULL promise", SVCR_EINVAL, "the guarantee has no promise", svcr_guarantee_check(&g, NULL, &f->report));
    g = good;
    g.condition_count = 2;
    BAD("svcr_guarantee_check", "NULL conditions with condition_count 2", SVCR_EINVAL,
        "conditions is NULL but condition_count is 2", svcr_guarantee_check(&g, NULL, &f->report));
    g = good;
    g.invoke_steps = -1;
    BAD("svcr_guarantee_check", "negative invoke_steps", SVCR_EINVAL, "invoke_steps and collect_days cannot be negative",
        svcr_guarantee_check(&g, NULL, &f->report));
    g = good;
    g.price.amount_minor = 0;
    BAD("svcr_guarantee_check", "a price of 0", SVCR_EINVAL, "the price must be positive", svcr_guarantee_check(&g, NULL, &f->report));
    g = good;
    memcpy(g.payout.currency, "USD", 4);
    BAD("svcr_guarantee_check", "payout in USD, price in EUR", SVCR_ECURRENCY, "payout in USD, price in EUR",
        svcr_guarantee_check(&g, NULL, &f->report));
    BAD("svcr_guarantee_check", "thresholds with size 4", SVCR_EINVAL, "thresholds->size is 4",
        svcr_guarantee_check(&good, &small, &f->report));
    BAD("svcr_guarantee_check", "a negative threshold", SVCR_EINVAL, "a threshold is negative",
        svcr_guarantee_check(&good, &negative, &f->report));
    BAD_RETURNS("svcr_guarantee_criterion_name", "a value out of range (99)", "\"unknown\"", "",
                strcmp(svcr_guarantee_criterion_name((svcr_guarantee_criterion)99), "unknown") == 0);
}


/* NULL for each pointer argument not already given NULL above. */
static void null_rows(void **state)
{
    fixture *f = *state;
    svcr_table_facts *t = f->typed_facts;
    svcr_table_value number = {.size = sizeof number, .type = SVCR_TABLE_TYPE_NUMBER, .number = 1000000};
    svcr_money eur = {100, "EUR"};
    if (svcr_table_dmn_available())
        BAD("svcr_table_parse_dmn", "NULL out (built with DMN)", SVCR_EINVAL, "\"out\" is NULL",
            svcr_table_parse_dmn("<definitions/>", 14, NULL));
    BAD("svcr_table_builtin_text", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_builtin_text(NULL, &f->text_out));
    BAD("svcr_table_facts_find", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_find(NULL, "n", &f->slot, &f->type));
    BAD("svcr_table_facts_set_at", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_at(NULL, 0, &number));
    BAD("svcr_table_facts_set_integer", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_integer(t, NULL, 1));
    BAD("svcr_table_facts_set_decimal", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_decimal(NULL, "n", "1.5"));
    BAD("svcr_table_facts_set_decimal", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_decimal(t, NULL, "1.5"));
    BAD("svcr_table_facts_set_string", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_string(NULL, "s", "x"));
    BAD("svcr_table_facts_set_string", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_string(t, NULL, "x"));
    BAD("svcr_table_facts_set_boolean", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_boolean(NULL, "b", true));
    BAD("svcr_table_facts_set_money", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_money(NULL, "m", eur));
    BAD("svcr_table_facts_set_money", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_money(t, NULL, eur));
    BAD("svcr_table_facts_set_duration", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_table_facts_set_duration(t, NULL, 60));
    BAD("svcr_table_facts_unset", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_unset(NULL, "n"));
    BAD("svcr_table_facts_set_json", "NULL facts", SVCR_EINVAL, "\"facts\" is NULL", svcr_table_facts_set_json(NULL, "{}", 2, 0));
    BAD("svcr_table_result_output", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_table_result_output(NULL, 0, "kind", &f->value));
    BAD("svcr_table_result_output", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_table_result_output(f->result, 0, "kind", NULL));
    BAD("svcr_table_result_aggregate", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_table_result_aggregate(NULL, &f->value));
    BAD("svcr_authority_check_result", "NULL authority", SVCR_EINVAL, "\"authority\" is NULL",
        svcr_authority_check_result(NULL, "agent", f->result, &f->approval));
    BAD("svcr_authority_check_result", "NULL acting", SVCR_EINVAL, "\"acting\" is NULL",
        svcr_authority_check_result(f->authority, NULL, f->result, &f->approval));
    BAD("svcr_authority_check_result", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_authority_check_result(f->authority, "agent", f->result, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(table_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(facts_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(result_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(authority_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(guarantee_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(null_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
