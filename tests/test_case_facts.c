/* Typed facts on a case: set, read, clear, and every way to get them wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

static int setup(void **state)
{
    svcr_workflow *wf = fixture_desk();
    *state = wf;
    return wf ? 0 : -1;
}

static int teardown(void **state)
{
    svcr_workflow_free(*state);
    return 0;
}

static void sets_and_reads_each_type(void **state)
{
    svcr_case *c;
    assert_int_equal(svcr_case_new(*state, "F-1", T0, &c), SVCR_OK);
    assert_false(svcr_case_has_fact(c, "summary"));
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "Room not ready at check-in"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "severity", -4), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_boolean(c, "vip", 7), SVCR_OK);
    svcr_money refund;
    assert_int_equal(svcr_money_make(12500, "JPY", &refund), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_money(c, "refund", refund), SVCR_OK);

    const char *text;
    int64_t number;
    bool flag;
    svcr_money money;
    assert_int_equal(svcr_case_get_fact_string(c, "summary", &text), SVCR_OK);
    assert_string_equal(text, "Room not ready at check-in");
    assert_int_equal(svcr_case_get_fact_integer(c, "severity", &number), SVCR_OK);
    assert_int_equal(number, -4);
    assert_int_equal(svcr_case_get_fact_boolean(c, "vip", &flag), SVCR_OK);
    assert_int_equal(flag, 1);
    assert_int_equal(svcr_case_get_fact_money(c, "refund", &money), SVCR_OK);
    assert_int_equal(money.amount_minor, 12500);
    assert_string_equal(money.currency, "JPY");
    assert_true(svcr_case_has_fact(c, "summary"));

    /* Overwrite, then clear. */
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "Room not cleaned"), SVCR_OK);
    assert_int_equal(svcr_case_get_fact_string(c, "summary", &text), SVCR_OK);
    assert_string_equal(text, "Room not cleaned");
    assert_int_equal(svcr_case_set_fact_boolean(c, "vip", 0), SVCR_OK);
    assert_int_equal(svcr_case_get_fact_boolean(c, "vip", &flag), SVCR_OK);
    assert_int_equal(flag, 0);
    assert_true(svcr_case_has_fact(c, "vip")); /* false is a value */
    assert_int_equal(svcr_case_unset_fact(c, "summary"), SVCR_OK);
    assert_false(svcr_case_has_fact(c, "summary"));
    assert_int_equal(svcr_case_get_fact_string(c, "summary", &text), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(), "svcr_case_get_fact_string: case \"F-1\": fact \"summary\" is not set");
    assert_int_equal(svcr_case_unset_fact(c, "summary"), SVCR_OK); /* clearing twice is fine */
    svcr_case_free(c);
}

static void refuses_wrong_names_types_and_values(void **state)
{
    svcr_case *c;
    assert_int_equal(svcr_case_new(*state, "F-2", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "first"), SVCR_OK);
    char *before = fixture_snapshot(c);

    assert_int_equal(svcr_case_set_fact_string(c, "sumary", "x"), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(),
                        "svcr_case_set_fact_string: case \"F-2\": workflow \"desk\" declares no fact \"sumary\"");
    assert_int_equal(svcr_case_set_fact_string(c, "severity", "high"), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(),
                        "svcr_case_set_fact_string: case \"F-2\": fact \"severity\" is of type integer, not string");
    assert_int_equal(svcr_case_set_fact_integer(c, "summary", 1), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_boolean(c, "refund", 1), SVCR_EINVAL);
    svcr_money euro = {100, "EUR"};
    assert_int_equal(svcr_case_set_fact_money(c, "vip", euro), SVCR_EINVAL);
    svcr_money bad = {100, "eur"};
    assert_int_equal(svcr_case_set_fact_money(c, "refund", bad), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"eur\" is not an ISO 4217 code"));
    svcr_money unterminated;
    memcpy(unterminated.currency, "EURO", 4);
    unterminated.amount_minor = 1;
    assert_int_equal(svcr_case_set_fact_money(c, "refund", unterminated), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", ""), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "non-empty UTF-8"));
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "\xE2\x82"), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "\xED\xA0\x80"), SVCR_EINVAL); /* a surrogate */
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "\xC0\xAF"), SVCR_EINVAL);     /* overlong */
    assert_int_equal(svcr_case_unset_fact(c, "nothing"), SVCR_ENOTFOUND);

    const char *text;
    int64_t number;
    bool flag;
    svcr_money money;
    assert_int_equal(svcr_case_get_fact_string(c, "nothing", &text), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_get_fact_string(c, "severity", &text), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_integer(c, "summary", &number), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_integer(c, "severity", &number), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_get_fact_boolean(c, "vip", &flag), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_get_fact_money(c, "refund", &money), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_get_fact_money(c, "vip", &money), SVCR_EINVAL);

    char *after = fixture_snapshot(c);
    assert_string_equal(before, after);
    svcr_free(before);
    svcr_free(after);

    /* NULL arguments. */
    assert_int_equal(svcr_case_set_fact_string(NULL, "summary", "x"), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_string(c, NULL, "x"), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", NULL), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(), "svcr_case_set_fact_string: argument \"value\" is NULL");
    assert_int_equal(svcr_case_set_fact_integer(NULL, "severity", 1), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_integer(c, NULL, 1), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_boolean(NULL, "vip", 1), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_boolean(c, NULL, 1), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_money(NULL, "refund", euro), SVCR_EINVAL);
    assert_int_equal(svcr_case_set_fact_money(c, NULL, euro), SVCR_EINVAL);
    assert_int_equal(svcr_case_unset_fact(NULL, "summary"), SVCR_EINVAL);
    assert_int_equal(svcr_case_unset_fact(c, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_string(NULL, "summary", &text), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_string(c, NULL, &text), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_string(c, "summary", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_integer(NULL, "severity", &number), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_integer(c, NULL, &number), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_integer(c, "severity", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_boolean(NULL, "vip", &flag), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_boolean(c, NULL, &flag), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_boolean(c, "vip", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_money(NULL, "refund", &money), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_money(c, NULL, &money), SVCR_EINVAL);
    assert_int_equal(svcr_case_get_fact_money(c, "refund", NULL), SVCR_EINVAL);
    assert_false(svcr_case_has_fact(NULL, "summary"));
    assert_false(svcr_case_has_fact(c, NULL));
    assert_false(svcr_case_has_fact(c, "nothing"));
    svcr_case_free(c);
}

/* A case with many facts: the set-bits span several words. */
static void many_facts(void **state)
{
    (void)state;
    char doc[16384];
    size_t n = (size_t)snprintf(doc, sizeof doc, "{\"name\": \"wide\", \"facts\": [");
    for (int i = 0; i < 130; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "%s{\"name\": \"f%d\", \"type\": \"integer\"}", i ? "," : "", i);
    snprintf(doc + n, sizeof doc - n, "], \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, {\"name\": \"b\", "
             "\"kind\": \"closed\"}], \"transitions\": [{\"event\": \"go\", \"from\": \"a\", \"to\": \"b\", "
             "\"requires\": [\"f0\", \"f64\", \"f129\"]}]}");
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(doc, strlen(doc), &wf), SVCR_OK);
    svcr_case *c;
    assert_int_equal(svcr_case_new(wf, "W", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "f0", 1), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "f64", 1), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "go", "agent", T0, NULL), SVCR_EGUARD);
    assert_non_null(strstr(svcr_error_message(), "needs fact \"f129\""));
    assert_int_equal(svcr_case_set_fact_integer(c, "f129", 1), SVCR_OK);
    assert_true(svcr_case_has_fact(c, "f129"));
    assert_false(svcr_case_has_fact(c, "f128"));
    assert_int_equal(svcr_case_apply(c, "go", "agent", T0, NULL), SVCR_OK);
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

/* Many fact changes and notes between events, past every growth of the history and the log: each
 * value reads back as last set, and the case survives JSON and replay unchanged. */
static void every_change_is_kept_while_the_history_grows(void **state)
{
    static const char *const currencies[] = {"EUR", "USD", "JPY", "GBP", "CHF", "SEK"};
    svcr_case *c;
    assert_int_equal(svcr_case_new(*state, "H-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "late"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "start", "agent", T0, NULL), SVCR_OK);
    svcr_money refund = {990, "EUR"};
    assert_int_equal(svcr_case_set_fact_money(c, "refund", refund), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "request_refund", "agent", T0 + 1, NULL), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "approve", "supervisor", T0 + 2, NULL), SVCR_OK);
    for (int i = 0; i < 40; i++) {
        svcr_money set = {100 * i - 7, ""}, read;
        memcpy(set.currency, currencies[i % 6], 4);
        assert_int_equal(svcr_case_set_fact_money(c, "refund", set), SVCR_OK);
        assert_int_equal(svcr_case_set_fact_integer(c, "severity", i), SVCR_OK);
        char text[16], note[16];
        snprintf(text, sizeof text, "summary %d", i);
        snprintf(note, sizeof note, "note %d", i);
        assert_int_equal(i % 5 == 4 ? svcr_case_unset_fact(c, "summary") : svcr_case_set_fact_string(c, "summary", text),
                         SVCR_OK);
        assert_int_equal(svcr_case_apply(c, "note", "agent", T0 + 3 + i, note), SVCR_OK);
        assert_int_equal(svcr_case_get_fact_money(c, "refund", &read), SVCR_OK);
        assert_int_equal(read.amount_minor, set.amount_minor);
        assert_string_equal(read.currency, currencies[i % 6]);
        assert_int_equal(svcr_case_has_fact(c, "summary"), i % 5 != 4);
    }
    svcr_log_entry entry = {.size = sizeof entry};
    assert_int_equal(svcr_case_log_count(c), 43);
    assert_int_equal(svcr_case_log_entry(c, 42, &entry), SVCR_OK);
    assert_string_equal(entry.note, "note 39");
    assert_int_equal(entry.at, T0 + 42);
    assert_int_equal(svcr_case_log_entry(c, 2, &entry), SVCR_OK);
    assert_null(entry.note);
    int64_t severity;
    assert_int_equal(svcr_case_get_fact_integer(c, "severity", &severity), SVCR_OK);
    assert_int_equal(severity, 39);

    char *json, *again, *replayed_json;
    svcr_case *decoded, *replayed;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"value\":\"38.93 GBP\""));
    assert_int_equal(svcr_case_decode(*state, json, strlen(json), &decoded), SVCR_OK);
    assert_int_equal(svcr_case_encode(decoded, &again), SVCR_OK);
    assert_string_equal(json, again);
    assert_int_equal(svcr_case_replay(c, NULL, &replayed), SVCR_OK);
    assert_int_equal(svcr_case_encode(replayed, &replayed_json), SVCR_OK);
    assert_string_equal(json, replayed_json);
    svcr_free(json);
    svcr_free(again);
    svcr_free(replayed_json);
    svcr_case_free(decoded);
    svcr_case_free(replayed);
    svcr_case_free(c);
}

/* Text facts must be UTF-8: the smallest and largest code point of each encoded length is taken;
 * an overlong form, a surrogate, a code point above U+10FFFF, a stray byte or a byte that RFC 3629
 * never allows (F8-FF) is refused. */
static void text_is_checked_at_the_utf8_boundaries(void **state)
{
    static const char *const valid[] = {"\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                        "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"};
    static const char *const invalid[] = {"\xC1\xBF", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xED\xA0\x80",
                                          "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\x80", "\xC2", "\xF8\x88\x80\x80\x80",
                                          /* bytes F8-FF never start a sequence, not even one whose
                                           * low bits and tail would spell U+10000 or U+FFFFF */
                                          "\xF8\x90\x80\x80", "\xFB\xBF\xBF\xBF", "\xFF"};
    svcr_case *c;
    assert_int_equal(svcr_case_new(*state, "U-1", T0, &c), SVCR_OK);
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        const char *read;
        assert_int_equal(svcr_case_set_fact_string(c, "summary", valid[i]), SVCR_OK);
        assert_int_equal(svcr_case_get_fact_string(c, "summary", &read), SVCR_OK);
        assert_string_equal(read, valid[i]);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        if (svcr_case_set_fact_string(c, "summary", invalid[i]) != SVCR_EINVAL)
            fail_msg("invalid UTF-8 number %zu was taken", i);
    }
    svcr_case_free(c);
}

static svcr_status set_every_type(void *wf)
{
    svcr_case *c;
    svcr_status st = svcr_case_new(wf, "F-3", T0, &c);
    if (st != SVCR_OK)
        return st;
    svcr_money refund = {1, "GBP"};
    for (int i = 0; i < 10 && st == SVCR_OK; i++) {
        if ((st = svcr_case_set_fact_string(c, "summary", "text")) == SVCR_OK &&
            (st = svcr_case_set_fact_integer(c, "severity", i)) == SVCR_OK &&
            (st = svcr_case_set_fact_boolean(c, "vip", i & 1)) == SVCR_OK &&
            (st = svcr_case_set_fact_money(c, "refund", refund)) == SVCR_OK)
            st = svcr_case_unset_fact(c, "summary");
    }
    svcr_case_free(c);
    return st;
}

static void allocation_failures_are_reported(void **state)
{
    long points = test_alloc_exhaust(set_every_type, *state);
    print_message("fact changes: %ld allocation points\n", points);
    assert_true(points > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sets_and_reads_each_type),
        cmocka_unit_test(refuses_wrong_names_types_and_values),
        cmocka_unit_test(every_change_is_kept_while_the_history_grows),
        cmocka_unit_test(text_is_checked_at_the_utf8_boundaries),
        cmocka_unit_test(many_facts),
        cmocka_unit_test(allocation_failures_are_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
