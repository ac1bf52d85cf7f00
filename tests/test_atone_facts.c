/* Facts: by name, by slot, from JSON (types, money, durations, null, unknown names, all or
 * nothing), and every error path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static const char table_text[] = "table t\nhit-policy collect\n"
                                 "| n: number | s: string | b: boolean | m: money | d: duration || kind |\n"
                                 "| > 2 | - | - | - | - || n |\n"
                                 "| - | \"x\" | - | - | - || s |\n"
                                 "| - | - | true | - | - || b |\n"
                                 "| - | - | - | >= 1.00 EUR | - || m |\n"
                                 "| - | - | - | - | > PT1H || d |\n"
                                 "| null | null | null | null | null || none |\n";

typedef struct fixture {
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
} fixture;

static int setup(void **state)
{
    static fixture f;
    assert_int_equal(svcr_table_parse(table_text, sizeof table_text - 1, &f.table), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(f.table, &f.facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(f.table, &f.result), SVCR_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_table_result_free(f->result);
    svcr_table_facts_free(f->facts);
    svcr_table_free(f->table);
    return 0;
}

/* The kinds of the matched rules, e.g. "n s". */
static const char *kinds(fixture *f)
{
    static char out[64];
    out[0] = '\0';
    assert_int_equal(svcr_table_eval(f->table, f->facts, 0, f->result), SVCR_OK);
    for (size_t i = 0; i < svcr_table_result_offer_count(f->result); i++) {
        strcat(out, i ? " " : "");
        strcat(out, svcr_table_result_offer(f->result, i)->kind);
    }
    return out;
}

static void setters_by_name(void **state)
{
    fixture *f = *state;
    svcr_table_facts_clear(f->facts);
    assert_string_equal(kinds(f), "none");
    assert_int_equal(svcr_table_facts_set_integer(f->facts, "n", 3), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_string(f->facts, "s", "x"), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_boolean(f->facts, "b", true), SVCR_OK);
    svcr_money m = {100, "EUR"};
    assert_int_equal(svcr_table_facts_set_money(f->facts, "m", m), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_duration(f->facts, "d", 3601), SVCR_OK);
    assert_string_equal(kinds(f), "n s b m d");
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "2.000001"), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_string(f->facts, "s", "never mentioned"), SVCR_OK);
    assert_int_equal(svcr_table_facts_unset(f->facts, "b"), SVCR_OK);
    assert_string_equal(kinds(f), "n m d");
    svcr_table_facts_clear(f->facts);
    svcr_table_facts_clear(NULL);
    assert_string_equal(kinds(f), "none");
}

static void setters_by_slot(void **state)
{
    fixture *f = *state;
    size_t slot = 99;
    svcr_table_type type = SVCR_TABLE_TYPE_NULL;
    assert_int_equal(svcr_table_facts_find(f->facts, "m", &slot, &type), SVCR_OK);
    assert_int_equal(type, SVCR_TABLE_TYPE_MONEY);
    svcr_table_value v = {sizeof v, SVCR_TABLE_TYPE_MONEY, 0, NULL, {250, "EUR"}};
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_OK);
    assert_string_equal(kinds(f), "m");
    v.money = (svcr_money){250, "USD"};
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_ECURRENCY);
    assert_non_null(strstr(svcr_error_message(), "fact \"m\": USD amount, but the table compares it with EUR"));
    v.money = (svcr_money){250, "eu"};
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_EINVAL);
    v.type = SVCR_TABLE_TYPE_NUMBER;
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "fact \"m\" is money, not number"));
    assert_string_equal(kinds(f), "m"); /* unchanged by the failures */
    v.type = SVCR_TABLE_TYPE_NULL;
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_OK);
    assert_string_equal(kinds(f), "none");
    assert_int_equal(svcr_table_facts_set_at(f->facts, 5, &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_at(NULL, 0, &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_at(f->facts, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_find(f->facts, "b", &slot, NULL), SVCR_OK);
    v = (svcr_table_value){sizeof(svcr_table_value), SVCR_TABLE_TYPE_BOOLEAN, 2, NULL, {0, ""}};
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_find(f->facts, "s", &slot, NULL), SVCR_OK);
    v = (svcr_table_value){sizeof(svcr_table_value), SVCR_TABLE_TYPE_STRING, 0, NULL, {0, ""}};
    assert_int_equal(svcr_table_facts_set_at(f->facts, slot, &v), SVCR_EINVAL);
}

static void setter_errors(void **state)
{
    fixture *f = *state;
    size_t slot;
    assert_int_equal(svcr_table_facts_find(f->facts, "nope", &slot, NULL), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no fact \"nope\""));
    assert_int_equal(svcr_table_facts_find(NULL, "n", &slot, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_find(f->facts, NULL, &slot, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_find(f->facts, "n", NULL, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_integer(f->facts, "nope", 1), SVCR_ENOTFOUND);
    assert_int_equal(svcr_table_facts_set_integer(f->facts, "n", INT64_MAX / 1000), SVCR_EOVERFLOW);
    assert_int_equal(svcr_table_facts_set_integer(f->facts, "s", 1), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_integer(NULL, "n", 1), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "1.2345678"), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "1x"), SVCR_EINVAL);
    /* The whole 64-bit range with six places is accepted; one unit beyond either end overflows. */
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "9223372036854.775807"), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "-9223372036854.775808"), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "9223372036854.775808"), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "is too large"));
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "-9223372036854.775809"), SVCR_EOVERFLOW);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "-99999999999999999999"), SVCR_EOVERFLOW);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "9223372036855"), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "9223372036855 is too large"));
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", "1e300"), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "1e300 is too large"));
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, "n", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_decimal(f->facts, NULL, "1"), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_string(f->facts, "s", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_string(f->facts, "n", "x"), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_boolean(f->facts, "nope", true), SVCR_ENOTFOUND);
    assert_int_equal(svcr_table_facts_set_money(f->facts, "n", (svcr_money){1, "EUR"}), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_duration(f->facts, "n", 1), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_unset(f->facts, "nope"), SVCR_ENOTFOUND);
    assert_int_equal(svcr_table_facts_unset(NULL, "n"), SVCR_EINVAL);
    svcr_table_facts *facts = (svcr_table_facts *)f;
    assert_int_equal(svcr_table_facts_new(NULL, &facts), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_new(f->table, NULL), SVCR_EINVAL);
    assert_ptr_equal(facts, (svcr_table_facts *)f);
    svcr_table_facts_free(NULL);
}

static svcr_status set_json(fixture *f, const char *json, unsigned flags)
{
    return svcr_table_facts_set_json(f->facts, json, strlen(json), flags);
}

static void from_json(void **state)
{
    fixture *f = *state;
    svcr_table_facts_clear(f->facts);
    assert_int_equal(set_json(f, "{\"n\": 2.5, \"s\": \"x\", \"b\": true, \"m\": {\"amount_minor\": 100, \"currency\": \"EUR\"}, "
                                 "\"d\": \"PT1H1S\"}", 0), SVCR_OK);
    assert_string_equal(kinds(f), "n s b m d");
    assert_int_equal(set_json(f, "{\"n\": 3, \"d\": 3600, \"b\": null}", 0), SVCR_OK);
    assert_string_equal(kinds(f), "n s m");
    assert_int_equal(set_json(f, "{\"n\": 0.000001, \"other\": 1}", SVCR_TABLE_FACTS_IGNORE_UNKNOWN), SVCR_OK);
    assert_string_equal(kinds(f), "s m");
}

static void json_error(fixture *f, const char *json, svcr_status want, int line, int column, const char *message)
{
    assert_int_equal(set_json(f, "{\"n\": 3}", 0), SVCR_OK);
    svcr_status status = set_json(f, json, 0);
    if (status != want || svcr_error_line() != line || svcr_error_column() != column ||
        !strstr(svcr_error_message(), message))
        fail_msg("%s -> %s %d:%d %s", json, svcr_status_name(status), svcr_error_line(), svcr_error_column(),
                 svcr_error_message());
    assert_string_equal(kinds(f), "n s m"); /* all or nothing: n is still 3 */
}

static void json_errors_are_positioned_and_change_nothing(void **state)
{
    fixture *f = *state;
    assert_int_equal(set_json(f, "{\"n\": 3, \"s\": \"x\", \"m\": {\"amount_minor\": 100, \"currency\": \"EUR\"}}", 0), SVCR_OK);
    json_error(f, "{\"n\": 1, \"s\": 5}", SVCR_EPARSE, 1, 15, "fact \"s\" is a string");
    json_error(f, "{\"n\": 1,\n \"x\": 5}", SVCR_ENOTFOUND, 2, 7, "no fact \"x\"");
    json_error(f, "{\"n\": 1, \"n2\": }", SVCR_EPARSE, 1, 16, "facts JSON: line 1");
    json_error(f, "[1]", SVCR_EPARSE, 1, 1, "facts are a JSON object");
    json_error(f, "{\"n\": 1.2345678}", SVCR_EPARSE, 1, 7, "at most six decimals");
    json_error(f, "{\"n\": 1e30}", SVCR_EPARSE, 1, 7, "fact \"n\" is too large");
    json_error(f, "{\"n\": 1e300}", SVCR_EPARSE, 1, 7, "fact \"n\" is too large");
    json_error(f, "{\"n\": 9223372036855}", SVCR_EPARSE, 1, 7, "fact \"n\" is too large");
    json_error(f, "{\"n\": -9223372036855.5}", SVCR_EPARSE, 1, 7, "fact \"n\" is too large");
    json_error(f, "{\"m\": {\"amount_minor\": 1, \"currency\": \"ZZZ\"}}", SVCR_EINVAL, 1, 7,
               "\"ZZZ\" is not an ISO 4217 code the library knows");
    json_error(f, "{\"n\": \"3\"}", SVCR_EPARSE, 1, 7, "is a number");
    json_error(f, "{\"b\": 1}", SVCR_EPARSE, 1, 7, "true or false");
    json_error(f, "{\"m\": 100}", SVCR_EPARSE, 1, 7, "fact \"m\" is money");
    json_error(f, "{\"m\": {\"amount_minor\": 1, \"currency\": \"EURO\"}}", SVCR_EPARSE, 1, 7, "is money");
    json_error(f, "{\"m\": {\"amount_minor\": 1, \"currency\": \"eur\"}}", SVCR_EINVAL, 1, 7, "not an ISO 4217 code");
    json_error(f, "{\"m\": {\"amount_minor\": 1, \"currency\": \"USD\"}}", SVCR_ECURRENCY, 1, 7, "compares it with EUR");
    json_error(f, "{\"d\": \"P1M\"}", SVCR_EPARSE, 1, 7, "a duration");
    json_error(f, "{\"d\": true}", SVCR_EPARSE, 1, 7, "a duration");
    json_error(f, "{\"n\": 5, \"a/b~\": 1}", SVCR_ENOTFOUND, 1, 18, "/a~1b~0");
    assert_int_equal(svcr_table_facts_set_json(NULL, "{}", 2, 0), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_json(f->facts, NULL, 2, 0), SVCR_EINVAL);
    assert_int_equal(svcr_table_facts_set_json(f->facts, "{}", 2, 8), SVCR_EINVAL);
}

static svcr_status json_scenario(void *state)
{
    fixture *f = state;
    svcr_table_facts *facts;
    svcr_status status = svcr_table_facts_new(f->table, &facts);
    if (status != SVCR_OK)
        return status;
    const char json[] = "{\"n\": 2.5, \"s\": \"x\", \"b\": true}";
    status = svcr_table_facts_set_json(facts, json, sizeof json - 1, 0);
    svcr_table_facts_free(facts);
    return status;
}

static void json_allocation_failures(void **state)
{
    long points = test_alloc_exhaust(json_scenario, *state);
    assert_int_equal(points, 3); /* facts, slots, the JSON working copy */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(setters_by_name),
        cmocka_unit_test(setters_by_slot),
        cmocka_unit_test(setter_errors),
        cmocka_unit_test(from_json),
        cmocka_unit_test(json_errors_are_positioned_and_change_nothing),
        cmocka_unit_test(json_allocation_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
