/* Facts: one slot per input name, filled by name or by slot; strings become symbol keys here so
 * that evaluation compares integers only. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/compat.h"
#include "base/currency.h"
#include "base/error.h"
#include "base/sized.h"

#include <stdlib.h>
#include <string.h>

svcr_status svcr_table_facts_new(const svcr_table *table, svcr_table_facts **out)
{
    SVCR_REQUIRE_ARG(table);
    SVCR_REQUIRE_ARG(out);
    svcr_table_facts *facts = svcr__malloc(sizeof *facts);
    atone_slot *slots = svcr__calloc(table->fact_count + 1, sizeof *slots);
    if (facts == NULL || slots == NULL) {
        svcr__free(facts);
        svcr__free(slots);
        return svcr__fail_nomem("making facts");
    }
    facts->table = table;
    facts->slots = slots;
    *out = facts;
    return SVCR_OK;
}

void svcr_table_facts_free(svcr_table_facts *facts)
{
    if (facts == NULL)
        return;
    svcr__free(facts->slots);
    svcr__free(facts);
}

void svcr_table_facts_clear(svcr_table_facts *facts)
{
    if (facts != NULL)
        memset(facts->slots, 0, facts->table->fact_count * sizeof *facts->slots);
}

svcr_status svcr_table_facts_find(const svcr_table_facts *facts, const char *name, size_t *slot, svcr_table_type *type)
{
    SVCR_REQUIRE_ARG(facts);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(slot);
    size_t found = svcr__atone_fact_slot(facts->table, name);
    if (found == SIZE_MAX)
        return svcr__fail(SVCR_ENOTFOUND, "no fact \"%s\": table \"%s\" has no input of that name", name,
                          svcr_table_name(facts->table));
    *slot = found;
    if (type != NULL)
        *type = facts->table->facts[found].type;
    return SVCR_OK;
}

/* Whether @p code is three capital letters and a NUL. */
static bool currency_ok(const char code[4])
{
    for (int k = 0; k < 3; k++)
        if (code[k] < 'A' || code[k] > 'Z')
            return false;
    return code[3] == '\0';
}

/* A money fact's currency @p code that is not the one the table resolved for it: what
 * svcr_money_make() accepts (an ISO 4217 code the library knows) and, when the table's literals
 * fix the fact's currency, that one. */
static svcr_status check_currency(const atone_fact *fact, const char code[4])
{
    if (!currency_ok(code) || svcr__currency_digits(code) < 0)
        return svcr__fail(SVCR_EINVAL, "fact \"%s\": currency \"%.8s\" is not an ISO 4217 code "
                          "the library knows", fact->name, code);
    if (fact->currency[0] != '\0')
        return svcr__fail(SVCR_ECURRENCY, "fact \"%s\": %s amount, but the table compares it with %s",
                          fact->name, code, fact->currency);
    return SVCR_OK;
}

/* svcr__atone_fact_assign(), inlined into svcr_table_facts_set_at(). */
static inline svcr_status assign(const svcr_table *table, atone_slot *slots, size_t slot,
                                 const svcr_table_value *value)
{
    const atone_fact *fact = &table->facts[slot];
    atone_slot result = {0, "", true};
    if (value->type == SVCR_TABLE_TYPE_NULL) {
        slots[slot] = (atone_slot){0, "", false};
        return SVCR_OK;
    }
    if (value->type != fact->type)
        return svcr__fail(SVCR_EINVAL, "fact \"%s\" is %s, not %s", fact->name,
                          svcr__atone_type_name(fact->type), svcr__atone_type_name(value->type));
    switch (value->type) {
    case SVCR_TABLE_TYPE_STRING:
        if (value->string == NULL)
            return svcr__fail(SVCR_EINVAL, "fact \"%s\": the string is NULL", fact->name);
        result.key = svcr__atone_symbol_key(table, value->string);
        break;
    case SVCR_TABLE_TYPE_BOOLEAN:
        if (value->number != 0 && value->number != 1)
            return svcr__fail(SVCR_EINVAL, "fact \"%s\": a boolean is 0 or 1, not %lld", fact->name,
                              (long long)value->number);
        result.key = value->number;
        break;
    case SVCR_TABLE_TYPE_MONEY:
        /* The fact's currency was resolved when the table was compiled (a known ISO 4217 code, or
         * "" when no literal fixes it): the same code is valid; any other is checked. */
        if (memcmp(fact->currency, value->money.currency, 4) != 0) {
            svcr_status status = check_currency(fact, value->money.currency);
            if (status != SVCR_OK)
                return status;
        }
        result.key = value->money.amount_minor;
        memcpy(result.currency, value->money.currency, 4);
        break;
    default:
        result.key = value->number;
        break;
    }
    slots[slot] = result;
    return SVCR_OK;
}

svcr_status svcr__atone_fact_assign(const svcr_table *table, atone_slot *slots, size_t slot,
                                    const svcr_table_value *value)
{
    return assign(table, slots, slot, value);
}

svcr_status svcr_table_facts_set_at(svcr_table_facts *facts, size_t slot, const svcr_table_value *value)
{
    SVCR_REQUIRE_ARG(facts);
    SVCR_REQUIRE_SIZED_ARG(value);
    svcr_table_value copy = {0};
    if (value->size < sizeof copy) { /* an older caller's smaller value: the fields it lacks are 0 */
        SVCR_READ_SIZED(copy, value);
        value = &copy;
    }
    if (slot >= facts->table->fact_count)
        return svcr__fail(SVCR_EINVAL, "%s: slot %zu out of range (%zu facts)", __func__, slot,
                          facts->table->fact_count);
    return assign(facts->table, facts->slots, slot, value);
}

static svcr_status set_named(svcr_table_facts *facts, const char *name, const svcr_table_value *value)
{
    size_t slot;
    svcr_status status = svcr_table_facts_find(facts, name, &slot, NULL);
    if (status != SVCR_OK)
        return status;
    return svcr__atone_fact_assign(facts->table, facts->slots, slot, value);
}

svcr_status svcr_table_facts_set_integer(svcr_table_facts *facts, const char *name, int64_t value)
{
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_NUMBER, 0, NULL, {0, ""}};
    if (svcr__mul_overflow_i64(value, SVCR_TABLE_NUMBER_SCALE, &v.number))
        return svcr__fail(SVCR_EOVERFLOW, "fact \"%s\": %lld is too large for a number", name ? name : "",
                          (long long)value);
    return set_named(facts, name, &v);
}

/* Whether @p text is spelled as a decimal with at most six places (whatever its size). */
static bool spelled_as_decimal(const char *text)
{
    const char *s = text + (*text == '-' || *text == '+');
    size_t digits = strspn(s, "0123456789");
    if (digits == 0)
        return false;
    s += digits;
    if (*s == '.') {
        size_t places = strspn(s + 1, "0123456789");
        if (places == 0 || places > 6)
            return false;
        s += 1 + places;
    }
    return *s == '\0';
}

/* Whether @p text is a number in any spelling strtod() reads ("1e300") too large for a fact. */
static bool spelled_as_large_number(const char *text)
{
    char *end;
    double value = strtod(text, &end);
    return end != text && *end == '\0' && (value >= 9223372036854.775807 || value <= -9223372036854.775807);
}

svcr_status svcr_table_facts_set_decimal(svcr_table_facts *facts, const char *name, const char *text)
{
    SVCR_REQUIRE_ARG(text);
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_NUMBER, 0, NULL, {0, ""}};
    const char *p = text;
    if (!svcr__atone_parse_number(&p, &v.number) || *p != '\0') {
        if (spelled_as_decimal(text) || spelled_as_large_number(text))
            return svcr__fail(SVCR_EOVERFLOW,
                              "fact \"%s\": %s is too large: a number lies within +/-9223372036854.775807",
                              name ? name : "", text);
        return svcr__fail(SVCR_EINVAL, "fact \"%s\": \"%s\" is not a decimal with at most six places",
                          name ? name : "", text);
    }
    return set_named(facts, name, &v);
}

svcr_status svcr_table_facts_set_string(svcr_table_facts *facts, const char *name, const char *text)
{
    SVCR_REQUIRE_ARG(text);
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_STRING, 0, text, {0, ""}};
    return set_named(facts, name, &v);
}

svcr_status svcr_table_facts_set_boolean(svcr_table_facts *facts, const char *name, bool value)
{
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_BOOLEAN, value ? 1 : 0, NULL, {0, ""}};
    return set_named(facts, name, &v);
}

svcr_status svcr_table_facts_set_money(svcr_table_facts *facts, const char *name, svcr_money value)
{
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_MONEY, 0, NULL, value};
    return set_named(facts, name, &v);
}

svcr_status svcr_table_facts_set_duration(svcr_table_facts *facts, const char *name, int64_t seconds)
{
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_DURATION, seconds, NULL, {0, ""}};
    return set_named(facts, name, &v);
}

svcr_status svcr_table_facts_unset(svcr_table_facts *facts, const char *name)
{
    svcr_table_value v = {sizeof(svcr_table_value), SVCR_TABLE_TYPE_NULL, 0, NULL, {0, ""}};
    return set_named(facts, name, &v);
}
