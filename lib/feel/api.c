/* svcr_feel_evaluate(): one FEEL expression over a JSON object of variables. */
#include <svcrecover/dmn.h>

#include "feel/eval.h"
#include "feel/json.h"
#include "base/error.h"
#include "base/utf8.h"

#include <string.h>

svcr_status svcr_feel_evaluate(const char *expression, const char *context_json, char **result_json)
{
    SVCR_REQUIRE_ARG(expression);
    SVCR_REQUIRE_ARG(result_json);
    size_t length = svcr__utf8_length(expression);
    if (length == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_feel_evaluate: expression is not UTF-8");
    if (context_json != NULL && svcr__utf8_length(context_json) == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_feel_evaluate: context_json is not UTF-8");
    feel_arena arena = {0};
    svcr_status status = SVCR_OK;
    const feel_value *context = NULL;
    if (context_json != NULL) {
        feel_json_error error;
        context = svcr__feel_from_json(&arena, context_json, strlen(context_json), &error);
        if (context == NULL)
            status = error.out_of_memory ? svcr__fail_nomem("evaluating FEEL")
                                         : svcr__fail_at(SVCR_EPARSE, error.line, error.column,
                                                         "svcr_feel_evaluate: context_json: line %d, column %d: %s",
                                                         error.line, error.column, error.message);
        else if (context->kind != FEEL_CONTEXT)
            status = svcr__fail_at(SVCR_EPARSE, 1, 1, "svcr_feel_evaluate: context_json: line 1, column 1: expected an object");
    }
    feel_scope scope = {NULL, NULL, 0, NULL};
    if (status == SVCR_OK && context != NULL) {
        scope.names = context->as.context.names;
        scope.values = context->as.context.values;
        scope.count = context->as.context.count;
    }
    feel_names names = {scope.names, scope.count};
    feel_parse_error parse_error;
    const feel_node *node = NULL;
    if (status == SVCR_OK) {
        node = svcr__feel_parse_expression(&arena, expression, length, &names, &parse_error);
        if (node == NULL)
            status = parse_error.out_of_memory
                         ? svcr__fail_nomem("evaluating FEEL")
                         : svcr__fail_at(SVCR_EPARSE, parse_error.line, parse_error.column,
                                         "svcr_feel_evaluate: line %d, column %d: %s", parse_error.line,
                                         parse_error.column, parse_error.message);
    }
    if (status == SVCR_OK) {
        feel_env env = {0};
        env.arena = &arena;
        env.scope = &scope;
        const feel_value *value = svcr__feel_eval(&env, node);
        if (env.out_of_memory) {
            status = svcr__fail_nomem("evaluating FEEL");
        } else if (env.failed && value->kind == FEEL_NULL) {
            status = svcr__fail(SVCR_EINVAL, "svcr_feel_evaluate: %s", env.error);
        } else {
            feel_text text = {0};
            svcr__feel_to_json(&text, value);
            if (text.failed || text.data == NULL) {
                svcr__feel_text_free(&text);
                status = svcr__fail_nomem("evaluating FEEL");
            } else {
                *result_json = text.data;
            }
        }
    }
    svcr__feel_arena_free(&arena);
    return status;
}
