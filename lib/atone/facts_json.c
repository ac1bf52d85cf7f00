/* Facts from a JSON object, all or nothing, with errors at the line:column of the value. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/compat.h"
#include "base/json_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "/name" as a JSON Pointer (RFC 6901: '~' is "~0", '/' is "~1"), cut to fit. */
static void pointer_to(const char *name, char *out, size_t size)
{
    size_t n = 0;
    out[n++] = '/';
    for (const char *p = name; *p != '\0' && n + 3 < size; p++) {
        if (*p == '~' || *p == '/') {
            out[n++] = '~';
            out[n++] = *p == '~' ? '0' : '1';
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* The magnitude from which a number no longer fits: 2^63 / SVCR_TABLE_NUMBER_SCALE. */
#define NUMBER_LIMIT 9223372036854.775807

static svcr_status too_large(const svcr__json_source *source, const char *pointer, const atone_fact *fact)
{
    return svcr__json_fail(source, pointer, SVCR_EPARSE,
                           "fact \"%s\" is too large: a number lies within +/-9223372036854.775807",
                           fact->name);
}

/* Read @p json as the type of @p fact into @p value. */
static svcr_status convert(const svcr__json_source *source, const char *pointer, const atone_fact *fact,
                           json_t *json, svcr_table_value *value)
{
    memset(value, 0, sizeof *value);
    if (json_is_null(json))
        return SVCR_OK;
    value->type = fact->type;
    switch (fact->type) {
    case SVCR_TABLE_TYPE_NUMBER:
        if (json_is_integer(json)) {
            if (!svcr__mul_overflow_i64((int64_t)json_integer_value(json), SVCR_TABLE_NUMBER_SCALE, &value->number))
                return SVCR_OK;
            return too_large(source, pointer, fact);
        } else if (json_is_real(json)) {
            /* jansson keeps reals as doubles; their 15-digit form is the decimal the author
             * wrote whenever it had at most 15 significant digits. Tiny values print with an
             * exponent: then six fixed places, accepted only if they give the same double. */
            double real = json_real_value(json);
            char text[400];
            snprintf(text, sizeof text, "%.15g", real);
            if (strchr(text, 'e') != NULL)
                snprintf(text, sizeof text, "%.6f", real);
            const char *p = text;
            if (strtod(text, NULL) == real && svcr__atone_parse_number(&p, &value->number) && *p == '\0')
                return SVCR_OK;
            if (real >= NUMBER_LIMIT || real <= -NUMBER_LIMIT)
                return too_large(source, pointer, fact);
        }
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "fact \"%s\" is a number with at most six decimals", fact->name);
    case SVCR_TABLE_TYPE_STRING:
        if (!json_is_string(json))
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "fact \"%s\" is a string", fact->name);
        value->string = json_string_value(json);
        return SVCR_OK;
    case SVCR_TABLE_TYPE_BOOLEAN:
        if (!json_is_boolean(json))
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "fact \"%s\" is true or false",
                                   fact->name);
        value->number = json_is_true(json);
        return SVCR_OK;
    case SVCR_TABLE_TYPE_MONEY: {
        json_t *amount = json_object_get(json, "amount_minor");
        json_t *currency = json_object_get(json, "currency");
        if (!json_is_object(json) || json_object_size(json) != 2 || !json_is_integer(amount) ||
            !json_is_string(currency) || strlen(json_string_value(currency)) != 3)
            return svcr__json_fail(source, pointer, SVCR_EPARSE,
                                   "fact \"%s\" is money: {\"amount_minor\": 12000, \"currency\": \"EUR\"}",
                                   fact->name);
        value->money.amount_minor = json_integer_value(amount);
        memcpy(value->money.currency, json_string_value(currency), 4);
        return SVCR_OK;
    }
    case SVCR_TABLE_TYPE_DURATION:
        if (json_is_integer(json)) {
            value->number = json_integer_value(json);
            return SVCR_OK;
        }
        if (json_is_string(json)) {
            const char *p = json_string_value(json);
            if (svcr__atone_parse_duration(&p, &value->number) && *p == '\0')
                return SVCR_OK;
        }
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "fact \"%s\" is a duration: ISO 8601 text such as \"PT4H\" or seconds",
                               fact->name);
    case SVCR_TABLE_TYPE_NULL:
        break;
    }
    return SVCR_OK;
}

svcr_status svcr_table_facts_set_json(svcr_table_facts *facts, const char *json, size_t length, unsigned flags)
{
    SVCR_REQUIRE_ARG(facts);
    SVCR_REQUIRE_ARG(json);
    if ((flags & ~SVCR_TABLE_FACTS_IGNORE_UNKNOWN) != 0)
        return svcr__fail(SVCR_EINVAL, "%s: unknown flags 0x%x", __func__, flags);
    const svcr_table *table = facts->table;
    svcr__json_source source = {"facts JSON", json, length};
    json_t *root;
    svcr_status status = svcr__json_load(&source, &root);
    if (status != SVCR_OK)
        return status;
    atone_slot *slots = NULL;
    if (!json_is_object(root)) {
        status = svcr__json_fail(&source, "", SVCR_EPARSE, "facts are a JSON object");
    } else if ((slots = svcr__malloc((table->fact_count + 1) * sizeof *slots)) == NULL) {
        status = svcr__fail_nomem("setting facts from JSON");
    } else {
        memcpy(slots, facts->slots, table->fact_count * sizeof *slots);
        const char *name;
        json_t *member;
        json_object_foreach(root, name, member) {
            char pointer[200];
            pointer_to(name, pointer, sizeof pointer);
            size_t slot = svcr__atone_fact_slot(table, name);
            if (slot == SIZE_MAX) {
                if (flags & SVCR_TABLE_FACTS_IGNORE_UNKNOWN)
                    continue;
                status = svcr__json_fail(&source, pointer, SVCR_ENOTFOUND,
                                         "no fact \"%s\": table \"%s\" has no input of that name", name,
                                         svcr_table_name(table));
                break;
            }
            svcr_table_value value;
            if ((status = convert(&source, pointer, &table->facts[slot], member, &value)) != SVCR_OK)
                break;
            if ((status = svcr__atone_fact_assign(table, slots, slot, &value)) != SVCR_OK) {
                char detail[400];
                snprintf(detail, sizeof detail, "%s", svcr_error_message());
                status = svcr__json_fail(&source, pointer, status, "%s", detail);
                break;
            }
        }
    }
    if (status == SVCR_OK)
        memcpy(facts->slots, slots, table->fact_count * sizeof *slots);
    svcr__free(slots);
    json_decref(root);
    return status;
}
