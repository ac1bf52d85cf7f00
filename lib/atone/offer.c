/* Offer amounts: `25.00 EUR`, `50% of price`, `fare * 2`, `fare / 2`, `5.00 EUR per nights`,
 * `10.00 EUR per hour of delay`, each optionally followed by `floor 20.00 EUR`, `cap 200.00 EUR`
 * and `minimum 1.00 EUR` (below it, no offer). Computed with
 * base's money arithmetic (svcr__money_scale_exact, the one behind svcr_money_scale): one
 * rounding step (the table's mode); overflow and currency mismatch are errors. */
#include "atone/model.h"
#include "base/alloc.h"
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

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* @p amount scales input @p input by @p numerator / @p denominator (not 0), in @p currency ("":
 * the input's): kept in lowest terms with a positive denominator. */
static svcr_status set_scaled(amount_parser *ap, const char *at, atone_amount *amount, size_t input,
                              int64_t numerator, int64_t denominator, const char *currency)
{
    if (denominator == INT64_MIN || numerator == INT64_MIN)
        return fail(ap, at, SVCR_EOVERFLOW, "the factor is too large");
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    int64_t common = (int64_t)gcd(numerator < 0 ? (uint64_t)-numerator : (uint64_t)numerator, (uint64_t)denominator);
    amount->form = ATONE_AMOUNT_SCALED;
    amount->input = input;
    amount->numerator = numerator / common;
    amount->denominator = denominator / common;
    snprintf(amount->currency, sizeof amount->currency, "%s", currency);
    return SVCR_OK;
}

/* Is @p c the next character (after blanks)? Consumes it and the blanks after. */
static bool accept_char(amount_parser *ap, char c)
{
    const char *p = ap->p;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != c)
        return false;
    ap->p = p + 1;
    skip_separators(ap);
    return true;
}

/* `INPUT * NUMBER`, `NUMBER * INPUT` or `INPUT / NUMBER` of a money input (the start is at
 * @p start); false when the cell is not of that shape. */
static bool parse_product(amount_parser *ap, const atone_table *table, const char *start, atone_amount *amount,
                          svcr_status *status)
{
    int64_t factor;
    size_t input;
    ap->p = start;
    if (svcr__atone_parse_number(&ap->p, &factor) && accept_char(ap, '*')) {
        *status = parse_input(ap, table, SVCR_TABLE_TYPE_MONEY, &input);
        if (*status == SVCR_OK)
            *status = set_scaled(ap, start, amount, input, factor, SVCR_TABLE_NUMBER_SCALE, "");
        return true;
    }
    ap->p = start;
    while (*ap->p != '\0' && *ap->p != ' ' && *ap->p != '\t' && *ap->p != '*' && *ap->p != '/')
        ap->p++;
    const char *name_end = ap->p;
    bool times = accept_char(ap, '*'), divided = !times && accept_char(ap, '/');
    if (!times && !divided) {
        ap->p = start;
        return false;
    }
    const char *factor_at = ap->p;
    size_t length = (size_t)(name_end - start), i = 0;
    while (i < table->input_count &&
           !(strncmp(table->inputs[i].name, start, length) == 0 && table->inputs[i].name[length] == '\0'))
        i++;
    if (i == table->input_count) {
        *status = fail(ap, start, SVCR_EPARSE, "no input column \"%.*s\" in this table", (int)length, start);
        return true;
    }
    if (table->inputs[i].type != SVCR_TABLE_TYPE_MONEY) {
        *status = fail(ap, start, SVCR_EPARSE, "input \"%s\" is %s, this needs money", table->inputs[i].name,
                       svcr__atone_type_name(table->inputs[i].type));
        return true;
    }
    if (!svcr__atone_parse_number(&ap->p, &factor)) {
        *status = fail(ap, factor_at, SVCR_EPARSE, "expected a number after `%c`", times ? '*' : '/');
        return true;
    }
    if (divided && factor == 0) {
        *status = fail(ap, factor_at, SVCR_EPARSE, "division by zero");
        return true;
    }
    skip_separators(ap);
    *status = times ? set_scaled(ap, start, amount, i, factor, SVCR_TABLE_NUMBER_SCALE, "")
                    : set_scaled(ap, start, amount, i, SVCR_TABLE_NUMBER_SCALE, factor, "");
    return true;
}

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
    svcr_status status = SVCR_OK;
    const char *start = ap.p;
    int64_t percent;
    size_t input;
    if (svcr__atone_parse_number(&ap.p, &percent) && *ap.p == '%') {
        ap.p++;
        skip_separators(&ap);
        if (!accept(&ap, "of"))
            return fail(&ap, ap.p, SVCR_EPARSE, "expected `of INPUT` after a percentage");
        if ((status = parse_input(&ap, table, SVCR_TABLE_TYPE_MONEY, &input)) != SVCR_OK ||
            (status = set_scaled(&ap, start, &amount, input, percent, 100 * (int64_t)SVCR_TABLE_NUMBER_SCALE,
                                 "")) != SVCR_OK)
            return status;
    } else if (parse_product(&ap, table, start, &amount, &status)) {
        if (status != SVCR_OK)
            return status;
    } else {
        ap.p = start;
        if ((status = parse_money(&ap, &amount.money)) != SVCR_OK)
            return status;
        amount.form = ATONE_AMOUNT_FIXED;
        if (accept(&ap, "per")) {
            int64_t unit = SVCR_TABLE_NUMBER_SCALE;
            svcr_table_type type = SVCR_TABLE_TYPE_NUMBER;
            for (size_t i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++) {
                const char *before = ap.p;
                if (accept(&ap, duration_units[i].name)) {
                    if (!accept(&ap, "of")) {
                        ap.p = before; /* an input that happens to be called "hour" */
                        continue;
                    }
                    unit = duration_units[i].seconds;
                    type = SVCR_TABLE_TYPE_DURATION;
                    break;
                }
            }
            if ((status = parse_input(&ap, table, type, &input)) != SVCR_OK ||
                (status = set_scaled(&ap, start, &amount, input, amount.money.amount_minor, unit,
                                     amount.money.currency)) != SVCR_OK)
                return status;
        }
    }
    for (;;) {
        const char *at = ap.p;
        struct {
            const char *word;
            bool *has;
            svcr_money *money;
        } const modifiers[] = {{"floor", &amount.has_floor, &amount.floor},
                               {"cap", &amount.has_cap, &amount.cap},
                               {"minimum", &amount.has_minimum, &amount.minimum}};
        size_t m = 0;
        while (m < sizeof modifiers / sizeof modifiers[0] && !accept(&ap, modifiers[m].word))
            m++;
        if (m < sizeof modifiers / sizeof modifiers[0]) {
            if (*modifiers[m].has)
                return fail(&ap, at, SVCR_EPARSE, "a second %s", modifiers[m].word);
            *modifiers[m].has = true;
            if ((status = parse_money(&ap, modifiers[m].money)) != SVCR_OK)
                return status;
        } else if (*ap.p == '\0') {
            break;
        } else {
            return fail(&ap, at, SVCR_EPARSE,
                        "expected floor AMOUNT, cap AMOUNT, minimum AMOUNT or the end of the cell");
        }
    }
    /* Currencies known at load must agree; an amount scaling a money input takes that input's
     * currency at run time. */
    const char *known = amount.form == ATONE_AMOUNT_FIXED ? amount.money.currency
                        : amount.currency[0] != '\0'     ? amount.currency
                                                         : NULL;
    const svcr_money *bounds[3] = {amount.has_floor ? &amount.floor : NULL, amount.has_cap ? &amount.cap : NULL,
                                   amount.has_minimum ? &amount.minimum : NULL};
    static const char *const bound_names[3] = {"floor", "cap", "minimum"};
    for (int i = 0; i < 3; i++) {
        if (bounds[i] == NULL)
            continue;
        if (known != NULL && strcmp(known, bounds[i]->currency) != 0)
            return fail(&ap, start, SVCR_ECURRENCY, "%s %s in an amount of %s", bound_names[i],
                        bounds[i]->currency, known);
        known = bounds[i]->currency;
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
    if (amount->form != ATONE_AMOUNT_SCALED) {
        *out = amount->money;
    } else if (!source->present) {
        return svcr__fail(SVCR_EGUARD, "table \"%s\", rule \"%s\": the amount needs fact \"%s\", "
                          "which is not set", table->name, rule->name, table->inputs[amount->input].name);
    } else if (amount->currency[0] != '\0') {
        status = scale(table, source->key, amount->numerator, amount->denominator, amount->currency, out);
    } else {
        /* A fact the host set was checked then; another table's output is checked here. */
        if (table->inputs[amount->input].computed && svcr__currency_digits(source->currency) < 0)
            return fail_in_rule(table, rule, svcr__fail(SVCR_EINVAL, "fact \"%s\" is not an amount "
                                "in an ISO 4217 currency", table->inputs[amount->input].name));
        status = scale(table, source->key, amount->numerator, amount->denominator, source->currency, out);
    }
    /* Written into *out directly: on an error the caller drops it. */
    if (status == SVCR_OK && amount->has_floor)
        status = bound(out, &amount->floor, 1);
    if (status == SVCR_OK && amount->has_cap)
        status = bound(out, &amount->cap, -1);
    if (status == SVCR_OK && amount->has_minimum && memcmp(out->currency, amount->minimum.currency, 4) != 0)
        status = svcr__fail(SVCR_ECURRENCY, "currency mismatch: %s and %s", out->currency,
                            amount->minimum.currency);
    return status == SVCR_OK ? SVCR_OK : fail_in_rule(table, rule, status);
}

bool svcr__atone_amount_offered(const atone_rule *rule, const svcr_money *amount)
{
    return !rule->amount.has_minimum || amount->amount_minor >= rule->amount.minimum.amount_minor;
}

void svcr__atone_amount_prepare(const atone_table *table, atone_rule *rule)
{
    atone_amount *amount = &rule->amount;
    rule->offer = (svcr_table_offer){sizeof(svcr_table_offer), rule->name, rule->kind, false, {0, ""}, rule->approval, rule->annotation};
    amount->at_eval = amount->form == ATONE_AMOUNT_SCALED || amount->has_minimum;
    rule->offer.has_amount = amount->form != ATONE_AMOUNT_NONE;
    /* A fixed amount depends on no fact (currencies were checked when parsed). */
    if (amount->form == ATONE_AMOUNT_FIXED &&
        svcr__atone_amount_compute(table, rule, NULL, &rule->offer.amount) != SVCR_OK)
        amount->at_eval = true; /* not expected: let each evaluation report it */
}

svcr_status svcr__atone_amount_trace(const atone_table *table, atone_rule *rule)
{
    rule->step = (svcr_table_trace_step){sizeof(svcr_table_trace_step), table->name, rule->name, rule->line,
                                         true, NULL, NULL, NULL};
    rule->below_minimum = rule->step;
    if (!rule->amount.has_minimum)
        return SVCR_OK;
    char money[SVCR_MONEY_FORMAT_SIZE], text[SVCR_MONEY_FORMAT_SIZE + 60];
    if (svcr_money_format(rule->amount.minimum, money, sizeof money) != SVCR_OK)
        return svcr_error_status(); /* not expected: the currency was checked when parsed */
    snprintf(text, sizeof text, "amount below the minimum %s: no offer", money);
    if ((rule->below_minimum_text = svcr__strdup(text)) == NULL)
        return svcr__fail_nomem("compiling a rule");
    rule->below_minimum.outcome = rule->below_minimum_text;
    return SVCR_OK;
}
