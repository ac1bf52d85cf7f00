/* Evaluating a model: the input data from JSON (converted by their typeRefs), then every decision
 * in dependency order, each seeing the inputs, decisions and knowledge models it requires. A
 * decision that evaluates to an error is null with its reason; the others still run. */
#include "dmn/model.h"
#include "feel/json.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

size_t svcr_dmn_model_decision_count(const svcr_dmn_model *model)
{
    return model != NULL ? model->decision_count : 0;
}

const char *svcr_dmn_model_decision_name(const svcr_dmn_model *model, size_t index)
{
    if (model == NULL || index >= model->decision_count)
        return NULL;
    return model->elements[model->decisions_in_document[index]].name;
}

static svcr_status read_inputs(const svcr_dmn_model *model, feel_env *env, const char *json, size_t length,
                               const feel_value **values)
{
    size_t bad = svcr__utf8_invalid_at(json, length);
    if (bad != SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_dmn_model_evaluate: inputs_json is not UTF-8 (byte %zu)", bad);
    feel_json_error error;
    const feel_value *inputs = svcr__feel_from_json(env->arena, json, length, &error);
    if (inputs == NULL) {
        if (error.out_of_memory)
            return svcr__fail_nomem("reading DMN inputs");
        return svcr__fail_at(SVCR_EPARSE, error.line, error.column, "inputs JSON: line %d, column %d: %s", error.line,
                             error.column, error.message);
    }
    if (inputs->kind != FEEL_CONTEXT)
        return svcr__fail_at(SVCR_EPARSE, 1, 1, "inputs JSON: line 1, column 1: expected an object of input values by name");
    for (size_t i = 0; i < inputs->as.context.count; i++) {
        const char *name = inputs->as.context.names[i];
        size_t k = 0;
        while (k < model->element_count &&
               (model->elements[k].kind != DMN_INPUT_DATA || strcmp(model->elements[k].name, name) != 0))
            k++;
        if (k == model->element_count)
            return svcr__fail(SVCR_EINVAL, "inputs JSON: \"%s\" is not an inputData of the model", name);
    }
    for (size_t k = 0; k < model->element_count; k++) {
        const dmn_element *e = &model->elements[k];
        if (e->kind != DMN_INPUT_DATA)
            continue;
        const feel_value *given = svcr__feel_context_get(inputs, e->name);
        if (given == NULL)
            given = &svcr__feel_null;
        const char *why = NULL;
        const feel_value *v = svcr__dmn_convert_input(env, &e->type, given, &why);
        if (env->out_of_memory)
            return svcr__fail_nomem("reading DMN inputs");
        if (v == NULL || !svcr__dmn_conforms(env, &e->type, v))
            return svcr__fail(SVCR_EINVAL, "input \"%s\": a %s %s (its typeRef is %s)", e->name,
                              svcr__feel_kind_name(given->kind), why != NULL ? why : "does not fit its type",
                              e->type.name != NULL ? e->type.name : "Any");
        values[k] = v;
    }
    return SVCR_OK;
}

static const feel_value *evaluate_decision(const svcr_dmn_model *model, feel_env *env, const dmn_element *e,
                                           const feel_value **values)
{
    const char **names = svcr__feel_alloc(env->arena, (e->require_count + 1) * sizeof *names);
    const feel_value **scope_values = svcr__feel_alloc(env->arena, (e->require_count + 1) * sizeof *scope_values);
    if (names == NULL || scope_values == NULL)
        return svcr__feel_nomem(env);
    for (size_t i = 0; i < e->require_count; i++) {
        const dmn_element *required = &model->elements[e->requires[i]];
        names[i] = required->name;
        if (required->kind == DMN_KNOWLEDGE_MODEL) {
            feel_value *f = svcr__feel_new(env->arena, FEEL_FUNCTION);
            if (f == NULL)
                return svcr__feel_nomem(env);
            f->as.function = &required->function;
            scope_values[i] = f;
        } else {
            scope_values[i] = values[e->requires[i]];
        }
    }
    feel_scope scope = {names, scope_values, e->require_count, NULL};
    env->scope = &scope;
    const feel_value *v = e->literal != NULL ? svcr__feel_eval(env, e->literal) : svcr__dmn_table_evaluate(env, e->table);
    env->scope = NULL;
    if (!svcr__dmn_conforms(env, &e->type, v))
        return svcr__feel_error(env, NULL, "the value is a %s, which does not conform to its typeRef %s",
                                svcr__feel_kind_name(v->kind), e->type.name);
    return v;
}

static char *copy_text(const char *text)
{
    return text != NULL ? svcr__strdup(text) : NULL;
}

static svcr_status make_result(const svcr_dmn_model *model, const feel_value **values, char **errors,
                               svcr_dmn_result **out)
{
    svcr_dmn_result *result = svcr__calloc(1, sizeof *result);
    if (result == NULL)
        return svcr__fail_nomem("evaluating a DMN model");
    result->decisions = svcr__calloc(model->decision_count + 1, sizeof *result->decisions);
    if (result->decisions == NULL) {
        svcr__free(result);
        return svcr__fail_nomem("evaluating a DMN model");
    }
    result->count = model->decision_count;
    bool failed = false;
    for (size_t d = 0; d < model->decision_count; d++) {
        size_t k = model->decisions_in_document[d];
        dmn_decision_result *r = &result->decisions[d];
        feel_text text = {0};
        svcr__feel_to_json(&text, values[k]);
        r->name = copy_text(model->elements[k].name);
        r->value_json = text.data;
        r->error = errors[k];
        errors[k] = NULL;
        if (r->name == NULL || r->value_json == NULL || text.failed)
            failed = true;
    }
    if (failed) {
        svcr_dmn_result_free(result);
        return svcr__fail_nomem("evaluating a DMN model");
    }
    *out = result;
    return SVCR_OK;
}

svcr_status svcr_dmn_model_evaluate(const svcr_dmn_model *model, const char *inputs_json, size_t length,
                                    svcr_dmn_result **out)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(inputs_json);
    SVCR_REQUIRE_ARG(out);
    feel_arena arena = {0};
    feel_env env = {0};
    env.arena = &arena;
    const feel_value **values = svcr__calloc(model->element_count + 1, sizeof *values);
    char **errors = svcr__calloc(model->element_count + 1, sizeof *errors);
    svcr_status status = values == NULL || errors == NULL ? svcr__fail_nomem("evaluating a DMN model") : SVCR_OK;
    if (status == SVCR_OK)
        status = read_inputs(model, &env, inputs_json, length, values);
    for (size_t d = 0; d < model->decision_count && status == SVCR_OK; d++) {
        size_t k = model->decision_order[d];
        const dmn_element *e = &model->elements[k];
        env.failed = false;
        env.error[0] = '\0';
        values[k] = evaluate_decision(model, &env, e, values);
        if (env.out_of_memory) {
            status = svcr__fail_nomem("evaluating a DMN model");
        } else if (env.failed && values[k]->kind == FEEL_NULL) {
            size_t n = strlen(e->name) + strlen(env.error) + 32;
            errors[k] = svcr__malloc(n);
            if (errors[k] == NULL)
                status = svcr__fail_nomem("evaluating a DMN model");
            else
                snprintf(errors[k], n, "decision \"%s\": %s", e->name, env.error);
        }
    }
    if (status == SVCR_OK)
        status = make_result(model, values, errors, out);
    for (size_t k = 0; errors != NULL && k < model->element_count; k++)
        svcr__free(errors[k]);
    svcr__free(errors);
    svcr__free(values);
    svcr__feel_arena_free(&arena);
    return status;
}

size_t svcr_dmn_result_count(const svcr_dmn_result *result)
{
    return result != NULL ? result->count : 0;
}

const char *svcr_dmn_result_name(const svcr_dmn_result *result, size_t index)
{
    return result != NULL && index < result->count ? result->decisions[index].name : NULL;
}

const char *svcr_dmn_result_value_json(const svcr_dmn_result *result, size_t index)
{
    return result != NULL && index < result->count ? result->decisions[index].value_json : NULL;
}

const char *svcr_dmn_result_error(const svcr_dmn_result *result, size_t index)
{
    return result != NULL && index < result->count ? result->decisions[index].error : NULL;
}

svcr_status svcr_dmn_result_encode(const svcr_dmn_result *result, char **json)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_ARG(json);
    feel_text text = {0};
    svcr__feel_text_append(&text, "{", 1);
    for (size_t i = 0; i < result->count; i++) {
        if (i)
            svcr__feel_text_append(&text, ", ", 2);
        svcr__feel_json_string(&text, result->decisions[i].name, strlen(result->decisions[i].name));
        svcr__feel_text_append(&text, ": ", 2);
        svcr__feel_text_append(&text, result->decisions[i].value_json, strlen(result->decisions[i].value_json));
    }
    svcr__feel_text_append(&text, "}", 1);
    if (text.failed) {
        svcr__feel_text_free(&text);
        return svcr__fail_nomem("encoding a DMN result");
    }
    *json = text.data;
    return SVCR_OK;
}

void svcr_dmn_result_free(svcr_dmn_result *result)
{
    if (result == NULL)
        return;
    for (size_t i = 0; i < result->count; i++) {
        svcr__free(result->decisions[i].name);
        svcr__free(result->decisions[i].value_json);
        svcr__free(result->decisions[i].error);
    }
    svcr__free(result->decisions);
    svcr__free(result);
}
