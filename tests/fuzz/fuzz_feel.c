/* libFuzzer target: the FEEL parser and evaluator. The input is read as an expression (evaluated
 * with two variables, one with a space in its name) and as unary tests (tested against null, a
 * number and a string). A value that evaluates must write JSON that reads back to an equal
 * value: numbers exact, strings escaped, dates and durations as their ISO 8601 text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feel/eval.h"
#include "feel/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(feel_arena *arena, const feel_value *v)
{
    feel_text text = {0};
    svcr__feel_to_json(&text, v);
    if (text.failed || text.data == NULL)
        abort();
    feel_json_error error;
    const feel_value *back = svcr__feel_from_json(arena, text.data, text.length, &error);
    if (back == NULL)
        abort(); /* the writer wrote JSON its reader refuses */
    feel_text again = {0};
    svcr__feel_to_json(&again, back);
    if (again.failed || strcmp(again.data, text.data) != 0)
        abort();
    svcr__feel_text_free(&text);
    svcr__feel_text_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    feel_arena arena = {0};
    const char *text = (const char *)data;
    const char *names[] = {"Monthly Salary", "n"};
    feel_names known = {names, 2};
    feel_decimal salary, n;
    svcr__decimal_from_int(1000, &salary);
    svcr__decimal_from_int(-3, &n);
    const feel_value *values[] = {svcr__feel_number(&arena, &salary), svcr__feel_number(&arena, &n)};
    if (values[0] == NULL || values[1] == NULL)
        abort();
    feel_scope scope = {names, values, 2, NULL};
    feel_parse_error error;
    const feel_node *expression = svcr__feel_parse_expression(&arena, text, size, &known, &error);
    if (expression != NULL) {
        feel_env env = {.arena = &arena, .scope = &scope};
        const feel_value *v = svcr__feel_eval(&env, expression);
        if (!env.out_of_memory && v->kind != FEEL_FUNCTION)
            round_trip(&arena, v);
    } else if (error.line < 1 || error.column < 1 || error.message[0] == '\0') {
        abort(); /* every syntax error has a position and a reason */
    }
    const feel_node *tests = svcr__feel_parse_unary_tests(&arena, text, size, &known, &error);
    if (tests != NULL) {
        feel_env env = {.arena = &arena, .scope = &scope};
        (void)svcr__feel_test(&env, tests, &svcr__feel_null);
        (void)svcr__feel_test(&env, tests, values[1]);
        const feel_value *s = svcr__feel_string(&arena, "Low", 3);
        if (s != NULL)
            (void)svcr__feel_test(&env, tests, s);
    }
    svcr__feel_arena_free(&arena);
    return 0;
}
