/* typeRefs: FEEL's built-in type names (with DMN 1.1's XML Schema spellings and an optional
 * "feel:" prefix) and the model's itemDefinitions; conformance of values; and turning JSON input
 * (ISO 8601 strings) into dates, times and durations by the declared type. */
#include "dmn/model.h"

#include <string.h>

static const struct {
    const char *name;
    feel_kind kind;
} base_types[] = {
    {"number", FEEL_NUMBER},
    {"decimal", FEEL_NUMBER},
    {"integer", FEEL_NUMBER},
    {"long", FEEL_NUMBER},
    {"double", FEEL_NUMBER},
    {"string", FEEL_STRING},
    {"boolean", FEEL_BOOLEAN},
    {"date", FEEL_DATE},
    {"time", FEEL_TIME},
    {"dateTime", FEEL_DATE_TIME},
    {"date and time", FEEL_DATE_TIME},
    {"dayTimeDuration", FEEL_DAYS_TIME_DURATION},
    {"days and time duration", FEEL_DAYS_TIME_DURATION},
    {"duration", FEEL_DAYS_TIME_DURATION},
    {"yearMonthDuration", FEEL_YEARS_MONTHS_DURATION},
    {"years and months duration", FEEL_YEARS_MONTHS_DURATION},
};

bool svcr__dmn_resolve_type(const svcr_dmn_model *model, const char *text, dmn_type *out)
{
    memset(out, 0, sizeof *out);
    out->any = true;
    if (text == NULL || *text == '\0')
        return true;
    out->name = text;
    const char *name = text;
    if (strncmp(name, "feel:", 5) == 0)
        name += 5;
    else if (strncmp(name, "xsd:", 4) == 0)
        name += 4;
    if (strcmp(name, "Any") == 0 || strcmp(name, "context") == 0)
        return true;
    if (strcmp(name, "list") == 0) {
        out->collection = true;
        return true;
    }
    for (size_t i = 0; i < sizeof base_types / sizeof base_types[0]; i++)
        if (strcmp(base_types[i].name, name) == 0) {
            out->any = false;
            out->base = base_types[i].kind;
            return true;
        }
    for (size_t i = 0; i < model->item_count; i++)
        if (strcmp(model->items[i].name, text) == 0) {
            out->item = &model->items[i];
            out->any = false;
            return true;
        }
    return false;
}

static bool conforms_item(feel_env *env, const dmn_item *item, const feel_value *value, bool top);

bool svcr__dmn_conforms(feel_env *env, const dmn_type *type, const feel_value *value)
{
    if (value->kind == FEEL_NULL || type->any)
        return !type->collection || value->kind == FEEL_LIST || value->kind == FEEL_NULL || type->any;
    if (type->item != NULL)
        return conforms_item(env, type->item, value, true);
    /* "duration" names both kinds of duration. */
    if (type->base == FEEL_DAYS_TIME_DURATION && value->kind == FEEL_YEARS_MONTHS_DURATION &&
        type->name != NULL && strstr(type->name, "duration") != NULL && strstr(type->name, "day") == NULL)
        return true;
    return value->kind == type->base;
}

static bool conforms_one(feel_env *env, const dmn_item *item, const feel_value *value)
{
    if (value->kind == FEEL_NULL)
        return true;
    if (item->structured) {
        if (value->kind != FEEL_CONTEXT)
            return false;
        for (size_t i = 0; i < item->component_count; i++) {
            const feel_value *v = svcr__feel_context_get(value, item->components[i].name);
            if (v != NULL && !conforms_item(env, &item->components[i], v, true))
                return false;
        }
        return true;
    }
    if (!svcr__dmn_conforms(env, &item->type, value))
        return false;
    return item->allowed == NULL || svcr__feel_test(env, item->allowed, value);
}

static bool conforms_item(feel_env *env, const dmn_item *item, const feel_value *value, bool top)
{
    (void)top;
    if (value->kind == FEEL_NULL)
        return true;
    if (item->collection) {
        if (value->kind != FEEL_LIST)
            return false;
        for (size_t i = 0; i < value->as.list.count; i++)
            if (!conforms_one(env, item, value->as.list.items[i]))
                return false;
        return true;
    }
    return conforms_one(env, item, value);
}

static const feel_value *convert_base(feel_env *env, feel_kind kind, const feel_value *value, const char **why)
{
    if (value->kind == FEEL_NULL || value->kind == kind)
        return value;
    bool temporal = kind == FEEL_DATE || kind == FEEL_TIME || kind == FEEL_DATE_TIME ||
                    kind == FEEL_DAYS_TIME_DURATION || kind == FEEL_YEARS_MONTHS_DURATION;
    if (temporal && value->kind == FEEL_STRING) {
        const feel_value *v = svcr__feel_parse_temporal(env->arena, kind, value->as.string.text, value->as.string.length);
        if (v == &svcr__feel_null) {
            env->out_of_memory = true;
            *why = "out of memory";
            return NULL;
        }
        if (v == NULL) {
            *why = kind == FEEL_DATE ? "not an ISO 8601 date (YYYY-MM-DD)"
                   : kind == FEEL_TIME ? "not an ISO 8601 time (hh:mm:ss[.f][Z|+hh:mm])"
                   : kind == FEEL_DATE_TIME ? "not an ISO 8601 date and time (YYYY-MM-DDThh:mm:ss)"
                                            : "not an ISO 8601 duration (e.g. P1DT2H or P1Y2M)";
            return NULL;
        }
        if (kind == FEEL_YEARS_MONTHS_DURATION && v->kind != kind) {
            *why = "not a years and months duration (e.g. P1Y2M)";
            return NULL;
        }
        return v;
    }
    if (kind == FEEL_DAYS_TIME_DURATION && value->kind == FEEL_YEARS_MONTHS_DURATION)
        return value;
    static char message[] = "of the wrong type";
    *why = message;
    return NULL;
}

static const feel_value *convert_item(feel_env *env, const dmn_item *item, const feel_value *value,
                                      const char **why, bool as_collection);

static const feel_value *convert_type(feel_env *env, const dmn_type *type, const feel_value *value, const char **why)
{
    if (value->kind == FEEL_NULL || type->any)
        return value;
    if (type->item != NULL)
        return convert_item(env, type->item, value, why, type->item->collection);
    return convert_base(env, type->base, value, why);
}

static const feel_value *convert_item(feel_env *env, const dmn_item *item, const feel_value *value,
                                      const char **why, bool as_collection)
{
    if (value->kind == FEEL_NULL)
        return value;
    if (as_collection) {
        if (value->kind != FEEL_LIST) {
            *why = "not a list";
            return NULL;
        }
        const feel_value **items = svcr__feel_alloc(env->arena, (value->as.list.count + 1) * sizeof *items);
        feel_value *list = svcr__feel_new(env->arena, FEEL_LIST);
        if (items == NULL || list == NULL) {
            env->out_of_memory = true;
            *why = "out of memory";
            return NULL;
        }
        for (size_t i = 0; i < value->as.list.count; i++)
            if ((items[i] = convert_item(env, item, value->as.list.items[i], why, false)) == NULL)
                return NULL;
        list->as.list.items = items;
        list->as.list.count = value->as.list.count;
        return list;
    }
    if (!item->structured) {
        const feel_value *v = convert_type(env, &item->type, value, why);
        if (v != NULL && item->allowed != NULL && !svcr__feel_test(env, item->allowed, v)) {
            *why = "not one of the allowed values of its type";
            return NULL;
        }
        return v;
    }
    if (value->kind != FEEL_CONTEXT) {
        *why = "not an object (its type has components)";
        return NULL;
    }
    const feel_value **values = svcr__feel_alloc(env->arena, (value->as.context.count + 1) * sizeof *values);
    feel_value *context = svcr__feel_new(env->arena, FEEL_CONTEXT);
    if (values == NULL || context == NULL) {
        env->out_of_memory = true;
        *why = "out of memory";
        return NULL;
    }
    for (size_t i = 0; i < value->as.context.count; i++) {
        values[i] = value->as.context.values[i];
        for (size_t k = 0; k < item->component_count; k++)
            if (strcmp(item->components[k].name, value->as.context.names[i]) == 0) {
                values[i] = convert_item(env, &item->components[k], values[i], why, item->components[k].collection);
                if (values[i] == NULL)
                    return NULL;
            }
    }
    context->as.context.names = value->as.context.names;
    context->as.context.values = values;
    context->as.context.count = value->as.context.count;
    return context;
}

const feel_value *svcr__dmn_convert_input(feel_env *env, const dmn_type *type, const feel_value *value,
                                          const char **why)
{
    if (type->collection && type->item == NULL && !type->any) {
        /* a plain list type */
        return value;
    }
    return convert_type(env, type, value, why);
}
