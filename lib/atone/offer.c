/* Offer amounts: `25.00 EUR`, `50% of price`, `5.00 EUR per nights`, `10.00 EUR per hour of
 * delay`, each optionally followed by `floor 20.00 EUR` and `cap 200.00 EUR`. Computed with
 * base's money arithmetic (svcr__money_scale_exact, the one behind svcr_money_scale): one
 * rounding step (the table's mode); overflow and currency mismatch are errors. */
#include "atone/model.h"
#include "base/currency.h"
#include "base/error.h"
#include "base/rounding.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct amount_parser {
    const atone_draft *draft;
    const atone_cell *cell;
    const char *where;
    const char *p;
} amount_parser;

static svcr_status fail(const amount_parser *ap, const char *at, svcr_status status, const char *fmt, ...)
    SVCR_PRINTF(4, 5);

static svcr_status fail(const amount_parser *ap, const char *at, svcr_status status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    status = svcr__atone_cell_vfail(ap->draft, ap->cell, (size_t)(at - ap->cell->text), ap->where, status, fmt, args);
    va_end(args);
    return status;
}

static void skip_separators(amount_parser *ap)
{
    while (*ap->p == ' ' || *ap->p == '\t' || *ap->p == ',')
        ap->p++;
}

/* Consume @p word if it is next (followed by a space or the end). */
static bool accept(amount_parser *ap, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(ap->p, word, n) != 0 || (ap->p[n] != ' ' && ap->p[n] != '\t' && ap->p[n] != '\0'))
        return false;
    ap->p += n;
    skip_separators(ap);
    return true;
}

static svcr_status parse_money(amount_parser *ap, svcr_money *out)
{
    const char *start = ap->p, *code = NULL;
    if (!svcr__atone_parse_money(&ap->p, out, &code))
        return fail(ap, start, SVCR_EPARSE,
                    code != NULL ? "amount too large or with more decimals than its currency has"
                                 : "expected an amount and a currency, e.g. 25.00 EUR");
    skip_separators(ap);
    return SVCR_OK;
}

/* The input named next, which must have type @p type. */
static svcr_status parse_input(amount_parser *ap, const atone_table *table, svcr_table_type type,
                               size_t *input)
{
    const char *start = ap->p;
    while (*ap->p != '\0' && *ap->p != ' ' && *ap->p != '\t' && *ap->p != ',')
        ap->p++;
    size_t length = (size_t)(ap->p - start);
    for (size_t i = 0; i < table->input_count; i++)
        if (strncmp(table->inputs[i].name, start, length) == 0 && table->inputs[i].name[length] == '\0') {
            if (table->inputs[i].type != type)
                return fail(ap, start, SVCR_EPARSE, "input \"%s\" is %s, this needs %s",
                            table->inputs[i].name, svcr__atone_type_name(table->inputs[i].type),
                            svcr__atone_type_name(type));
            *input = i;
            skip_separators(ap);
            return SVCR_OK;
        }
    return fail(ap, start, SVCR_EPARSE, "no input column \"%.*s\" in this table", (int)length, start);
}

static const struct {
    const char *name;
    int64_t seconds;
} duration_units[] = {{"minute", 60}, {"hour", 3600}, {"day", 86400}, {"week", 604800}};

svcr_status svcr__atone_parse_amount(const atone_draft *draft, const atone_cell *cell, const char *where,
                                     const atone_table *table, atone_amount *out)
{
    amount_parser ap = {draft, cell, where, cell->text};
    atone_amount amount = {0};
    skip_separators(&ap);
    if (*ap.p == '\0' || (*ap.p == '-' && ap.p[1] == '\0')) {
        *out = amount;
        return SVCR_OK;
    }
    svcr_status status;
    const char *start = ap.p;
    int64_t percent;
    if (svcr__atone_parse_number(&ap.p, &percent) && *ap.p == '%') {
        ap.p++;
        skip_separators(&ap);
        if (!accept(&ap, "of"))
            return fail(&ap, ap.p, SVCR_EPARSE, "expected `of INPUT` after a percentage");
        amount.form = ATONE_AMOUNT_PERCENT;
        amount.percent = percent;
        if ((status = parse_input(&ap, table, SVCR_TABLE_TYPE_MONEY, &amount.input)) != SVCR_OK)
            return status;
    } else {
        ap.p = start;
        if ((status = parse_money(&ap, &amount.money)) != SVCR_OK)
            return status;
        amount.form = ATONE_AMOUNT_FIXED;
        if (accept(&ap, "per")) {
            amount.form = ATONE_AMOUNT_PER_UNIT;
            amount.unit = SVCR_TABLE_NUMBER_SCALE;
            svcr_table_type type = SVCR_TABLE_TYPE_NUMBER;
            for (size_t i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++) {
                const char *before = ap.p;
                if (accept(&ap, duration_units[i].name)) {
                    if (!accept(&ap, "of")) {
                        ap.p = before; /* an input that happens to be called "hour" */
                        continue;
                    }
                    amount.unit = duration_units[i].seconds;
                    type = SVCR_TABLE_TYPE_DURATION;
                    break;
                }
            }
            if ((status = parse_input(&ap, table, type, &amount.input)) != SVCR_OK)
                return status;
        }
    }
    for (;;) {
        const char *at = ap.p;
        if (accept(&ap, "floor")) {
            if (amount.has_floor)
                return fail(&ap, at, SVCR_EPARSE, "a second floor");
            amount.has_floor = true;
            if ((status = parse_money(&ap, &amount.floor)) != SVCR_OK)
                return status;
        } else if (accept(&ap, "cap")) {
            if (amount.has_cap)
                return fail(&ap, at, SVCR_EPARSE, "a second cap");
            amount.has_cap = true;
            if ((status = parse_money(&ap, &amount.cap)) != SVCR_OK)
                return status;
        } else if (*ap.p == '\0') {
            break;
        } else {
            return fail(&ap, at, SVCR_EPARSE, "expected floor AMOUNT, cap AMOUNT or the end of the cell");
        }
    }
    /* Currencies known at load must agree; a percentage takes its input's currency at run time. */
    const svcr_money *known = amount.form == ATONE_AMOUNT_PERCENT ? NULL : &amount.money;
    const svcr_money *bounds[2] = {amount.has_floor ? &amount.floor : NULL,
                                   amount.has_cap ? &amount.cap : NULL};
    for (int i = 0; i < 2; i++) {
        if (bounds[i] == NULL)
            continue;
        if (known != NULL && strcmp(known->currency, bounds[i]->currency) != 0)
            return fail(&ap, start, SVCR_ECURRENCY, "%s %s in an amount of %s", i ? "cap" : "floor",
                        bounds[i]->currency, known->currency);
        known = bounds[i];
    }
    if (amount.has_floor && amount.has_cap && amount.floor.amount_minor > amount.cap.amount_minor)
        return fail(&ap, start, SVCR_EPARSE, "the floor is above the cap");
    *out = amount;
    return SVCR_OK;
}

/* Re-record the last error with the table and rule in front. */
static svcr_status fail_in_rule(const atone_table *table, const atone_rule *rule, svcr_status status)
{
    char detail[400];
    snprintf(detail, sizeof detail, "%s", svcr_error_message());
    return svcr__fail(status, "table \"%s\", rule \"%s\": amount: %s", table->name, rule->name, detail);
}

/* @p amount * @p numerator / @p denominator in @p currency, by the table's rounding. Currencies,
 * units and the rounding mode were checked when the table was compiled and the fact was set, so
 * this is svcr_money_scale()'s arithmetic without its argument checks. */
static svcr_status scale(const atone_table *table, int64_t amount, int64_t numerator,
                         int64_t denominator, const char currency[4], svcr_money *out)
{
    int64_t scaled;
    if (svcr__money_scale_exact(amount, numerator, denominator, table->rounding, &scaled))
        return svcr__fail(SVCR_EOVERFLOW, "the result does not fit in 64-bit minor units (%s)", currency);
    out->amount_minor = scaled;
    memcpy(out->currency, currency, 4);
    return SVCR_OK;
}

/* Raise *@p out to @p floor (@p sign 1) or lower it to a cap (@p sign -1), in the same currency. */
static svcr_status bound(svcr_money *out, const svcr_money *limit, int sign)
{
    if (memcmp(out->currency, limit->currency, 4) != 0)
        return svcr__fail(SVCR_ECURRENCY, "currency mismatch: %s and %s", out->currency, limit->currency);
    if ((sign > 0 && out->amount_minor < limit->amount_minor) ||
        (sign < 0 && out->amount_minor > limit->amount_minor))
        *out = *limit;
    return SVCR_OK;
}

svcr_status svcr__atone_amount_compute(const atone_table *table, const atone_rule *rule,
                                       const atone_slot *source, svcr_money *out)
{
    const atone_amount *amount = &rule->amount;
    svcr_status status = SVCR_OK;
    if (amount->form != ATONE_AMOUNT_PERCENT && amount->form != ATONE_AMOUNT_PER_UNIT) {
        *out = amount->money;
    } else if (!source->present) {
        return svcr__fail(SVCR_EGUARD, "table \"%s\", rule \"%s\": the amount needs fact \"%s\", "
                          "which is not set", table->name, rule->name, table->inputs[amount->input].name);
    } else if (amount->form == ATONE_AMOUNT_PERCENT) {
        /* A fact the host set was checked then; another table's output is checked here. */
        if (table->inputs[amount->input].computed && svcr__currency_digits(source->currency) < 0)
            return fail_in_rule(table, rule, svcr__fail(SVCR_EINVAL, "fact \"%s\" is not an amount "
                                "in an ISO 4217 currency", table->inputs[amount->input].name));
        status = scale(table, source->key, amount->percent, 100 * (int64_t)SVCR_TABLE_NUMBER_SCALE,
                       source->currency, out);
    } else {
        status = scale(table, amount->money.amount_minor, source->key, amount->unit,
                       amount->money.currency, out);
    }
    /* Written into *out directly: on an error the caller drops it. */
    if (status == SVCR_OK && amount->has_floor)
        status = bound(out, &amount->floor, 1);
    if (status == SVCR_OK && amount->has_cap)
        status = bound(out, &amount->cap, -1);
    return status == SVCR_OK ? SVCR_OK : fail_in_rule(table, rule, status);
}

void svcr__atone_amount_prepare(const atone_table *table, atone_rule *rule)
{
    atone_amount *amount = &rule->amount;
    rule->offer = (svcr_table_offer){sizeof(svcr_table_offer), rule->name, rule->kind, false, {0, ""}, rule->approval, rule->annotation};
    amount->at_eval = amount->form == ATONE_AMOUNT_PERCENT || amount->form == ATONE_AMOUNT_PER_UNIT;
    rule->offer.has_amount = amount->form != ATONE_AMOUNT_NONE;
    /* A fixed amount depends on no fact (currencies were checked when parsed). */
    if (amount->form == ATONE_AMOUNT_FIXED &&
        svcr__atone_amount_compute(table, rule, NULL, &rule->offer.amount) != SVCR_OK)
        amount->at_eval = true; /* not expected: let each evaluation report it */
}
