/* Evaluating a decision table: every rule's input entries tested against the input values, the
 * matching rules' output entries evaluated, then the hit policy (UNIQUE, ANY, PRIORITY, FIRST,
 * RULE ORDER, OUTPUT ORDER, COLLECT with SUM, MIN, MAX or COUNT) and default outputs applied,
 * as the DMN specification's section on decision tables defines them. */
#include "dmn/model.h"

#include <string.h>

static const feel_value *nomem_null(feel_env *env)
{
    return svcr__feel_nomem(env);
}

/* The result of one rule (or of the default outputs when @p rule is SIZE_MAX): a value for a
 * single output, a context for several. NULL when no default output is defined. */
static const feel_value *rule_result(feel_env *env, const dmn_table *table, size_t rule)
{
    const feel_value **values = svcr__feel_alloc(env->arena, table->output_count * sizeof *values);
    if (values == NULL)
        return nomem_null(env);
    bool any_default = false;
    for (size_t o = 0; o < table->output_count; o++) {
        const dmn_table_output *output = &table->outputs[o];
        const feel_node *entry = rule == SIZE_MAX ? output->default_entry : table->results[rule * table->output_count + o];
        if (entry == NULL) {
            values[o] = &svcr__feel_null;
            continue;
        }
        any_default = true;
        values[o] = svcr__feel_eval(env, entry);
        if (output->allowed != NULL && values[o]->kind != FEEL_NULL && !svcr__feel_test(env, output->allowed, values[o])) {
            svcr__feel_error(env, entry, "rule %zu: output %s is not one of its outputValues", rule + 1,
                             output->name != NULL ? output->name : "");
            values[o] = &svcr__feel_null;
        }
    }
    if (rule == SIZE_MAX && !any_default)
        return NULL;
    if (table->output_count == 1)
        return values[0];
    const char **names = svcr__feel_alloc(env->arena, table->output_count * sizeof *names);
    feel_value *context = svcr__feel_new(env->arena, FEEL_CONTEXT);
    if (names == NULL || context == NULL)
        return nomem_null(env);
    for (size_t o = 0; o < table->output_count; o++)
        names[o] = table->outputs[o].name;
    context->as.context.names = names;
    context->as.context.values = values;
    context->as.context.count = table->output_count;
    return context;
}

/* An output value's place in its outputValues (lower is higher priority); the count of values
 * when it has none or is not listed. */
static size_t priority_of(feel_env *env, const dmn_table_output *output, const feel_value *value)
{
    if (output->allowed == NULL || output->allowed->kind != FEEL_NODE_TESTS)
        return SIZE_MAX;
    for (size_t i = 0; i < output->allowed->count; i++) {
        const feel_node *one = output->allowed->children[i];
        feel_node single = *output->allowed;
        single.children = (feel_node **)&one;
        single.count = 1;
        single.op = 0;
        if (svcr__feel_test(env, &single, value))
            return i;
    }
    return output->allowed->count;
}

/* Compare two rule results by the outputs' priorities, first output first. */
static int compare_priority(feel_env *env, const dmn_table *table, const feel_value *a, const feel_value *b)
{
    for (size_t o = 0; o < table->output_count; o++) {
        const feel_value *x = table->output_count == 1 ? a : a->as.context.values[o];
        const feel_value *y = table->output_count == 1 ? b : b->as.context.values[o];
        size_t px = priority_of(env, &table->outputs[o], x), py = priority_of(env, &table->outputs[o], y);
        if (px != py)
            return px < py ? -1 : 1;
    }
    return 0;
}

static const feel_value *list_of(feel_env *env, const feel_value **items, size_t count)
{
    feel_value *list = svcr__feel_new(env->arena, FEEL_LIST);
    if (list == NULL)
        return nomem_null(env);
    list->as.list.items = items;
    list->as.list.count = count;
    return list;
}

static const feel_value *aggregate(feel_env *env, const dmn_table *table, const feel_value **results, size_t count)
{
    feel_decimal d;
    if (table->aggregation == '#') {
        svcr__decimal_from_int((int64_t)count, &d);
        feel_value *v = svcr__feel_number(env->arena, &d);
        return v != NULL ? v : nomem_null(env);
    }
    if (count == 0)
        return &svcr__feel_null;
    if (table->aggregation == '+') {
        svcr__decimal_from_int(0, &d);
        for (size_t i = 0; i < count; i++) {
            if (results[i]->kind != FEEL_NUMBER)
                return svcr__feel_error(env, NULL, "COLLECT SUM over a %s (rule outputs must be numbers)",
                                        svcr__feel_kind_name(results[i]->kind));
            if (svcr__decimal_add(&d, &results[i]->as.number, &d) != FEEL_DECIMAL_OK)
                return svcr__feel_error(env, NULL, "COLLECT SUM out of range");
        }
        feel_value *v = svcr__feel_number(env->arena, &d);
        return v != NULL ? v : nomem_null(env);
    }
    const feel_value *best = results[0];
    for (size_t i = 1; i < count; i++) {
        int c = svcr__feel_order(results[i], best);
        if (c == 2)
            return svcr__feel_error(env, NULL, "COLLECT %s over values that cannot be compared",
                                    table->aggregation == '<' ? "MIN" : "MAX");
        if ((table->aggregation == '<' && c < 0) || (table->aggregation == '>' && c > 0))
            best = results[i];
    }
    if (svcr__feel_order(best, best) == 2)
        return svcr__feel_error(env, NULL, "COLLECT over a value that cannot be compared");
    return best;
}

const feel_value *svcr__dmn_table_evaluate(feel_env *env, const dmn_table *table)
{
    const feel_value **inputs = svcr__feel_alloc(env->arena, (table->input_count + 1) * sizeof *inputs);
    size_t *matched = svcr__feel_alloc(env->arena, (table->rule_count + 1) * sizeof *matched);
    if (inputs == NULL || matched == NULL)
        return nomem_null(env);
    for (size_t i = 0; i < table->input_count; i++) {
        inputs[i] = svcr__feel_eval(env, table->inputs[i].expression);
        if (table->inputs[i].allowed != NULL && inputs[i]->kind != FEEL_NULL &&
            !svcr__feel_test(env, table->inputs[i].allowed, inputs[i]))
            return svcr__feel_error(env, table->inputs[i].expression, "input %zu%s%s%s is not one of its inputValues", i + 1,
                                    table->inputs[i].label ? " (" : "", table->inputs[i].label ? table->inputs[i].label : "",
                                    table->inputs[i].label ? ")" : "");
    }
    size_t count = 0;
    for (size_t r = 0; r < table->rule_count; r++) {
        bool match = true;
        for (size_t i = 0; i < table->input_count && match; i++)
            match = svcr__feel_test(env, table->entries[r * table->input_count + i], inputs[i]);
        if (match) {
            matched[count++] = r;
            if (table->hit_policy == 'F')
                break;
        }
    }
    if (env->out_of_memory)
        return &svcr__feel_null;
    char policy = table->hit_policy;
    bool single = policy == 'U' || policy == 'A' || policy == 'P' || policy == 'F' || table->aggregation != 0;
    if (count == 0) {
        const feel_value *fallback = rule_result(env, table, SIZE_MAX);
        if (single)
            return fallback != NULL ? fallback : table->aggregation == '#' ? aggregate(env, table, NULL, 0) : &svcr__feel_null;
        if (fallback == NULL)
            return list_of(env, NULL, 0);
        const feel_value **one = svcr__feel_alloc(env->arena, sizeof *one);
        if (one == NULL)
            return nomem_null(env);
        one[0] = fallback;
        return list_of(env, one, 1);
    }
    const feel_value **results = svcr__feel_alloc(env->arena, count * sizeof *results);
    if (results == NULL)
        return nomem_null(env);
    for (size_t k = 0; k < count; k++)
        results[k] = rule_result(env, table, matched[k]);
    switch (policy) {
    case 'U':
        if (count > 1)
            return svcr__feel_error(env, NULL, "hit policy UNIQUE, but rules %zu and %zu both match", matched[0] + 1,
                                    matched[1] + 1);
        return results[0];
    case 'A':
        for (size_t k = 1; k < count; k++) {
            const feel_value *same = svcr__feel_equal(results[0], results[k]);
            if (same->kind != FEEL_BOOLEAN || !same->as.boolean)
                return svcr__feel_error(env, NULL, "hit policy ANY, but rules %zu and %zu match with different outputs",
                                        matched[0] + 1, matched[k] + 1);
        }
        return results[0];
    case 'F':
        return results[0];
    case 'P': {
        size_t best = 0;
        for (size_t k = 1; k < count; k++)
            if (compare_priority(env, table, results[k], results[best]) < 0)
                best = k;
        return results[best];
    }
    case 'O':
        /* A stable insertion sort by priority: equal priorities keep rule order. */
        for (size_t k = 1; k < count; k++) {
            const feel_value *v = results[k];
            size_t j = k;
            while (j > 0 && compare_priority(env, table, v, results[j - 1]) < 0) {
                results[j] = results[j - 1];
                j--;
            }
            results[j] = v;
        }
        return list_of(env, results, count);
    default:
        if (table->aggregation != 0)
            return aggregate(env, table, results, count);
        return list_of(env, results, count);
    }
}

const feel_value *svcr__dmn_invoke_knowledge_model(feel_env *env, const feel_function *function,
                                                   const feel_value *const *arguments)
{
    const dmn_element *bkm = function->data;
    size_t n = bkm->parameter_count + bkm->require_count;
    const char **names = svcr__feel_alloc(env->arena, (n + 1) * sizeof *names);
    const feel_value **values = svcr__feel_alloc(env->arena, (n + 1) * sizeof *values);
    if (names == NULL || values == NULL)
        return nomem_null(env);
    for (size_t i = 0; i < bkm->parameter_count; i++) {
        names[i] = bkm->parameters[i];
        values[i] = arguments[i];
        const char *why = NULL;
        const feel_value *converted = svcr__dmn_convert_input(env, &bkm->parameter_types[i], arguments[i], &why);
        if (converted == NULL || !svcr__dmn_conforms(env, &bkm->parameter_types[i], converted))
            return svcr__feel_error(env, NULL, "%s: argument %s is a %s, not a %s", bkm->name, bkm->parameters[i],
                                    svcr__feel_kind_name(arguments[i]->kind),
                                    bkm->parameter_types[i].name ? bkm->parameter_types[i].name : "value of its type");
        values[i] = converted;
    }
    /* The knowledge models it requires are visible by name; the caller's variables are not. */
    size_t k = bkm->parameter_count;
    for (size_t i = 0; i < bkm->require_count; i++) {
        const dmn_element *required = &bkm->model->elements[bkm->requires[i]];
        feel_value *f = svcr__feel_new(env->arena, FEEL_FUNCTION);
        if (f == NULL)
            return nomem_null(env);
        f->as.function = &required->function;
        names[k] = required->name;
        values[k++] = f;
    }
    feel_scope scope = {names, values, k, NULL};
    const feel_scope *saved = env->scope;
    env->scope = &scope;
    env->depth++;
    const feel_value *result = bkm->literal != NULL ? svcr__feel_eval(env, bkm->literal)
                                                    : svcr__dmn_table_evaluate(env, bkm->table);
    env->depth--;
    env->scope = saved;
    if (!svcr__dmn_conforms(env, &bkm->type, result))
        return svcr__feel_error(env, NULL, "%s returned a %s, not a %s", bkm->name, svcr__feel_kind_name(result->kind),
                                bkm->type.name);
    return result;
}
