/* Setting, clearing and reading a case's typed facts; every change is recorded for replay. */
#include "case/internal.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

svcr__fact_value svcr__record_value(const svcr_case *c, const svcr__record *r)
{
    svcr__fact_value v;
    svcr_fact_type type = r->kind == SVCR__APPROVAL  ? SVCR_FACT_MONEY
                          : svcr__record_is_change(r) ? c->wf->facts[r->slot].type
                                                      : SVCR_FACT_INTEGER;
    switch (type) {
    case SVCR_FACT_STRING: v.string = r->value.text; break;
    case SVCR_FACT_INTEGER: v.integer = r->value.integer; break;
    case SVCR_FACT_BOOLEAN: v.boolean = r->value.integer != 0; break;
    case SVCR_FACT_MONEY:
        v.money.amount_minor = r->value.integer;
        memcpy(v.money.currency, r->currency, sizeof r->currency);
        break;
    default: v.integer = 0; break;
    }
    return v;
}

svcr__fact_value svcr__case_value(const svcr_case *c, uint32_t slot)
{
    /* The last change of a set fact set it. */
    size_t i = c->history_length;
    while (c->history[--i].slot != slot || !svcr__record_is_change(&c->history[i]))
        ;
    return svcr__record_value(c, &c->history[i]);
}

svcr_status svcr__case_set(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                           const svcr__fact_value *value)
{
    return svcr__case_set_by(c, function, name, type, value, SVCR__NO_TIME, 0, 0);
}

/* With a taxonomy in force, its root-cause fact holds codes: resolve @p text to one. */
static svcr_status resolve_cause(const svcr_case *c, const char *function, const char *name, const char *text,
                                 const char **code)
{
    const svcr_taxonomy *taxonomy = c->extra ? c->extra->taxonomy : NULL;
    *code = text;
    if (taxonomy == NULL || strcmp(name, svcr_taxonomy_fact(taxonomy)) != 0) {
        long slot = svcr__workflow_find_fact(c->wf, name);
        /* A decoded history is taken as given: the host binds the taxonomy after decoding. */
        if (slot >= 0 && c->wf->facts[slot].taxonomy && strcmp(function, "svcr_case_decode") != 0)
            return svcr__fail(SVCR_EGUARD, "%s: case \"%s\": fact \"%s\" holds root-cause codes, but no taxonomy for "
                              "it is bound (svcr_case_bind_taxonomy)", function, svcr__case_id(c), name);
        return SVCR_OK;
    }
    if (svcr_taxonomy_resolve(taxonomy, text, code) == SVCR_OK)
        return SVCR_OK;
    if (svcr_error_status() == SVCR_ENOMEM)
        return SVCR_ENOMEM;
    char reason[400];
    snprintf(reason, sizeof reason, "%s", svcr_error_message());
    return svcr__fail(SVCR_EGUARD, "%s: case \"%s\": fact \"%s\": %s", function, svcr__case_id(c), name, reason);
}

svcr_status svcr__case_set_by(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                              const svcr__fact_value *value, int64_t at, uint16_t role, uint16_t actor)
{
    const svcr_workflow *wf = c->wf;
    long slot = svcr__workflow_find_fact(wf, name);
    if (slot < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": workflow \"%s\" declares no fact \"%s\"",
                          function, svcr__case_id(c), wf->name, name);
    svcr_fact_type declared = wf->facts[slot].type;
    size_t length = 0; /* of a string value */
    if (value == NULL) {
        if (!svcr__case_fact_is_set(c, (uint32_t)slot))
            return SVCR_OK;
    } else if (type != declared) {
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": fact \"%s\" is of type %s, not %s", function, svcr__case_id(c),
                          name, svcr_fact_type_name(declared), svcr_fact_type_name(type));
    } else if (type == SVCR_FACT_STRING &&
               ((length = svcr__utf8_length(value->string)) == 0 || length == SIZE_MAX)) {
        return svcr__fail(SVCR_EINVAL,
                          "%s: case \"%s\": fact \"%s\" must be non-empty UTF-8 text "
                          "(use svcr_case_unset_fact to clear it)", function, svcr__case_id(c), name);
    } else if (type == SVCR_FACT_INTEGER && wf->facts[slot].has_scale &&
               (value->integer < wf->facts[slot].scale_min || value->integer > wf->facts[slot].scale_max)) {
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": fact \"%s\": %lld is outside its scale %lld-%lld", function,
                          svcr__case_id(c), name, (long long)value->integer, (long long)wf->facts[slot].scale_min,
                          (long long)wf->facts[slot].scale_max);
    } else if (type == SVCR_FACT_MONEY) {
        svcr_money checked;
        if (value->money.currency[3] != '\0' ||
            svcr_money_make(value->money.amount_minor, value->money.currency, &checked) != SVCR_OK)
            return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": fact \"%s\": \"%.4s\" is not an ISO 4217 code",
                              function, svcr__case_id(c), name, value->money.currency);
    }
    const char *text = NULL;
    if (value != NULL && type == SVCR_FACT_STRING) {
        svcr_status st = resolve_cause(c, function, name, value->string, &text);
        if (st != SVCR_OK)
            return st;
        length = strlen(text);
    }
    if (svcr__case_reserve((void **)&c->history, &c->history_capacity, c->history_length, SVCR__FIRST_HISTORY,
                           sizeof *c->history) != 0)
        return svcr__fail_nomem("recording a fact change");
    svcr__record record = {.at = at, .after = c->log_length, .slot = (uint16_t)slot, .actor = actor, .role = role,
                           .kind = value == NULL ? SVCR__CLEAR : SVCR__SET};
    if (value != NULL) {
        switch (type) {
        case SVCR_FACT_STRING:
            if ((record.value.text = svcr__malloc(length + 1)) == NULL)
                return svcr__fail_nomem("copying a fact's text");
            memcpy(record.value.text, text, length + 1);
            break;
        case SVCR_FACT_INTEGER: record.value.integer = value->integer; break;
        case SVCR_FACT_BOOLEAN: record.value.integer = value->boolean; break;
        case SVCR_FACT_MONEY:
            record.value.integer = value->money.amount_minor;
            memcpy(record.currency, value->money.currency, sizeof record.currency);
            break;
        }
    }
    c->history[c->history_length++] = record;
    if (value != NULL)
        c->set_bits[slot / 64] |= UINT64_C(1) << (slot % 64);
    else
        c->set_bits[slot / 64] &= ~(UINT64_C(1) << (slot % 64));
    return SVCR_OK;
}

svcr_status svcr_case_set_fact_string(svcr_case *c, const char *name, const char *value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(value);
    svcr__fact_value v = {.string = (char *)value}; /* copied before it is stored */
    return svcr__case_set(c, __func__, name, SVCR_FACT_STRING, &v);
}

svcr_status svcr_case_set_fact_integer(svcr_case *c, const char *name, int64_t value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    svcr__fact_value v = {.integer = value};
    return svcr__case_set(c, __func__, name, SVCR_FACT_INTEGER, &v);
}

svcr_status svcr_case_set_fact_boolean(svcr_case *c, const char *name, bool value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    svcr__fact_value v = {.boolean = value};
    return svcr__case_set(c, __func__, name, SVCR_FACT_BOOLEAN, &v);
}

svcr_status svcr_case_set_fact_money(svcr_case *c, const char *name, svcr_money value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    svcr__fact_value v = {.money = value};
    return svcr__case_set(c, __func__, name, SVCR_FACT_MONEY, &v);
}

svcr_status svcr_case_unset_fact(svcr_case *c, const char *name)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    return svcr__case_set(c, __func__, name, SVCR_FACT_STRING, NULL);
}

bool svcr_case_has_fact(const svcr_case *c, const char *name)
{
    if (c == NULL || name == NULL)
        return false;
    long slot = svcr__workflow_find_fact(c->wf, name);
    return slot >= 0 && svcr__case_fact_is_set(c, (uint32_t)slot);
}

/* The value of a set fact of @p type, or an error naming why not. */
static svcr_status get(const svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                       svcr__fact_value *out)
{
    long slot = svcr__workflow_find_fact(c->wf, name);
    if (slot < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": workflow \"%s\" declares no fact \"%s\"",
                          function, svcr__case_id(c), c->wf->name, name);
    svcr_fact_type declared = c->wf->facts[slot].type;
    if (declared != type)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": fact \"%s\" is of type %s, not %s", function, svcr__case_id(c),
                          name, svcr_fact_type_name(declared), svcr_fact_type_name(type));
    if (!svcr__case_fact_is_set(c, (uint32_t)slot))
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": fact \"%s\" is not set", function, svcr__case_id(c), name);
    *out = svcr__case_value(c, (uint32_t)slot);
    return SVCR_OK;
}

svcr_status svcr_case_get_fact_string(const svcr_case *c, const char *name, const char **value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(value);
    svcr__fact_value v;
    svcr_status st = get(c, __func__, name, SVCR_FACT_STRING, &v);
    if (st == SVCR_OK)
        *value = v.string;
    return st;
}

svcr_status svcr_case_get_fact_integer(const svcr_case *c, const char *name, int64_t *value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(value);
    svcr__fact_value v;
    svcr_status st = get(c, __func__, name, SVCR_FACT_INTEGER, &v);
    if (st == SVCR_OK)
        *value = v.integer;
    return st;
}

svcr_status svcr_case_get_fact_boolean(const svcr_case *c, const char *name, bool *value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(value);
    svcr__fact_value v;
    svcr_status st = get(c, __func__, name, SVCR_FACT_BOOLEAN, &v);
    if (st == SVCR_OK)
        *value = v.boolean;
    return st;
}

svcr_status svcr_case_get_fact_money(const svcr_case *c, const char *name, svcr_money *value)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(value);
    svcr__fact_value v;
    svcr_status st = get(c, __func__, name, SVCR_FACT_MONEY, &v);
    if (st == SVCR_OK)
        *value = v.money;
    return st;
}
