/* The FEEL parser and evaluator (lib/feel): unary tests as decision table cells use them, names
 * with spaces, positioned syntax errors, and FEEL's null semantics in tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "feel/eval.h"
#include "feel/json.h"

static feel_arena arena;

static int teardown(void **state)
{
    (void)state;
    svcr__feel_arena_free(&arena);
    return 0;
}

static const feel_value *json(const char *text)
{
    feel_json_error error;
    const feel_value *v = svcr__feel_from_json(&arena, text, strlen(text), &error);
    assert_non_null(v);
    return v;
}

/* Whether @p input passes the unary tests @p tests. */
static bool passes(const char *tests, const char *input)
{
    feel_parse_error error;
    const feel_node *node = svcr__feel_parse_unary_tests(&arena, tests, strlen(tests), NULL, &error);
    if (node == NULL)
        fail_msg("%s: %s", tests, error.message);
    feel_env env = {.arena = &arena};
    return svcr__feel_test(&env, node, json(input));
}

static void unary_tests(void **state)
{
    (void)state;
    assert_true(passes("-", "null"));
    assert_true(passes("< 5", "4"));
    assert_false(passes("< 5", "5"));
    assert_true(passes("<= 5", "5"));
    assert_true(passes(">= 18", "18"));
    assert_true(passes("[1..5]", "5"));
    assert_false(passes("[1..5[", "5"));
    assert_false(passes("]1..5]", "1"));
    assert_false(passes("(1..5]", "1"));
    assert_true(passes("\"Medium\",\"Low\"", "\"Low\""));
    assert_false(passes("\"Medium\",\"Low\"", "\"High\""));
    assert_true(passes("not(\"High\")", "\"Low\""));
    assert_false(passes("not(\"High\", \"Low\")", "\"Low\""));
    assert_true(passes("null", "null"));
    /* Every test but - and null fails a null input. */
    assert_false(passes("< 5", "null"));
    assert_false(passes("[1..5]", "null"));
    assert_false(passes("\"x\"", "null"));
    assert_true(passes("not(< 5)", "null"));
    /* A test that mixes types does not match (and is no match, not an error that matches). */
    assert_false(passes("< 5", "\"4\""));
    /* ? names the input: an expression test. */
    assert_true(passes("? > 3 and ? < 10", "4"));
    assert_true(passes("[1, 2, 3]", "2"));
    assert_true(passes("true", "true"));
    assert_false(passes("[date(\"2024-01-01\")..date(\"2024-12-31\")]", "null"));
}

static void names_with_spaces(void **state)
{
    (void)state;
    const char *names[] = {"Monthly Salary", "Approved/Declined", "Loan Amount", "Loan"};
    feel_names scope_names = {names, 4};
    feel_parse_error error;
    const char *text = "Monthly   Salary * 12 + Loan Amount";
    const feel_node *node = svcr__feel_parse_expression(&arena, text, strlen(text), &scope_names, &error);
    assert_non_null(node);
    const char *variables[] = {"Monthly Salary", "Loan Amount"};
    const feel_value *values[] = {json("100.5"), json("1")};
    feel_scope scope = {variables, values, 2, NULL};
    feel_env env = {.arena = &arena, .scope = &scope};
    const feel_value *v = svcr__feel_eval(&env, node);
    assert_int_equal(v->kind, FEEL_NUMBER);
    char buffer[FEEL_DECIMAL_TEXT_MAX];
    svcr__decimal_format(&v->as.number, buffer);
    assert_string_equal(buffer, "1207");
    /* A known name is not read inside a longer word. */
    text = "Loaned";
    node = svcr__feel_parse_expression(&arena, text, strlen(text), &scope_names, &error);
    assert_non_null(node);
    assert_int_equal(node->kind, FEEL_NODE_NAME);
    assert_string_equal(node->text, "Loaned");
}

static void syntax_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool unary;
        int line, column;
        const char *message;
    } cases[] = {
        {"", true, 1, 1, "empty unary test"},
        {"[1..", true, 1, 5, "unexpected end of text"},
        {"[1..2", true, 1, 6, "expected ']', '[' or ')' to close the range"},
        {">> 2", true, 1, 2, "unexpected '>'"},
        {"1 +", false, 1, 4, "an expression is missing"},
        {"(1 + 2", false, 1, 7, "expected ')'"},
        {"1 2", false, 1, 3, "unexpected a number after the end"},
        {"\"abc", false, 1, 1, "unterminated string"},
        {"a.", false, 1, 3, "expected a name after '.'"},
        {"if x then 1", false, 1, 12, "expected 'else'"},
        {"if x 1", false, 1, 6, "expected 'then'"},
        {"x between 1 or 2", false, 1, 13, "expected 'and' in 'between'"},
        {"1 +\n\n   # 2", false, 3, 4, "unexpected character '#'"},
        {"{a 1}", false, 1, 4, "expected ':'"},
        {"{1: 2}", false, 1, 2, "expected a context key"},
        {"/* open", false, 1, 1, "unterminated comment"},
        {"and", false, 1, 1, "unexpected 'and'"},
        {"1E+99999", false, 1, 1, "number out of range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        feel_parse_error error;
        size_t n = strlen(cases[i].text);
        const feel_node *node = cases[i].unary ? svcr__feel_parse_unary_tests(&arena, cases[i].text, n, NULL, &error)
                                               : svcr__feel_parse_expression(&arena, cases[i].text, n, NULL, &error);
        if (node != NULL)
            fail_msg("%s: parsed", cases[i].text);
        if (error.line != cases[i].line || error.column != cases[i].column ||
            strstr(error.message, cases[i].message) == NULL)
            fail_msg("%s: line %d, column %d: %s", cases[i].text, error.line, error.column, error.message);
    }
}

static void temporal_text(void **state)
{
    (void)state;
    static const struct {
        feel_kind kind;
        const char *in, *out;
    } ok[] = {
        {FEEL_DATE, "2024-02-29", "2024-02-29"},
        {FEEL_TIME, "23:59:59.500+02:00", "23:59:59.5+02:00"},
        {FEEL_TIME, "00:00:00Z", "00:00:00Z"},
        {FEEL_DATE_TIME, "2024-01-01T10:00:00", "2024-01-01T10:00:00"},
        {FEEL_DAYS_TIME_DURATION, "P1DT2H3M4.5S", "P1DT2H3M4.5S"},
        {FEEL_DAYS_TIME_DURATION, "-PT90M", "-PT1H30M"},
        {FEEL_DAYS_TIME_DURATION, "PT0S", "PT0S"},
        {FEEL_YEARS_MONTHS_DURATION, "P1Y14M", "P2Y2M"},
        {FEEL_YEARS_MONTHS_DURATION, "P0M", "P0M"},
    };
    char text[64];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        const feel_value *v = svcr__feel_parse_temporal(&arena, ok[i].kind, ok[i].in, strlen(ok[i].in));
        if (v == NULL)
            fail_msg("%s refused", ok[i].in);
        svcr__feel_format_temporal(v, text);
        assert_string_equal(text, ok[i].out);
    }
    static const struct {
        feel_kind kind;
        const char *in;
    } bad[] = {{FEEL_DATE, "2023-02-29"}, {FEEL_DATE, "2024-13-01"}, {FEEL_DATE, "24-01-01"},
               {FEEL_TIME, "25:00:00"},   {FEEL_TIME, "10:00"},      {FEEL_DAYS_TIME_DURATION, "P1Y2D"},
               {FEEL_DAYS_TIME_DURATION, "PT"}, {FEEL_DAYS_TIME_DURATION, "P"}, {FEEL_YEARS_MONTHS_DURATION, "1Y"},
               {FEEL_DATE_TIME, "2024-01-01T"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (svcr__feel_parse_temporal(&arena, bad[i].kind, bad[i].in, strlen(bad[i].in)) != NULL)
            fail_msg("%s accepted", bad[i].in);
}

static void json_exact(void **state)
{
    (void)state;
    const feel_value *v = json("{\"a\": [0.1, 1e-3, -0, \"x\\u00e9\\ud83d\\ude00\"], \"b\": {\"c\": null, \"d\": true}}");
    feel_text text = {0};
    svcr__feel_to_json(&text, v);
    assert_string_equal(text.data, "{\"a\": [0.1, 0.001, 0, \"x\xc3\xa9\xf0\x9f\x98\x80\"], \"b\": {\"c\": null, \"d\": true}}");
    svcr__feel_text_free(&text);
    static const char *const bad[] = {"{\"a\" 1}", "[1,]", "01", "1.", "\"\\x\"", "{\"a\": 1, \"a\": 2}", "\"\\ud800\"",
                                      "[1] 2", "tru", "\"a\nb\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        feel_json_error error;
        if (svcr__feel_from_json(&arena, bad[i], strlen(bad[i]), &error) != NULL)
            fail_msg("%s accepted", bad[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unary_tests),
        cmocka_unit_test(names_with_spaces),
        cmocka_unit_test(syntax_errors),
        cmocka_unit_test(temporal_text),
        cmocka_unit_test(json_exact),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
