/* Literals and unary tests: the text of input cells (`-`, `< 3`, `[1..5)`, `"gold","platinum"`,
 * `not(...)`, `true`, `null`) and of value output cells, turned into keys and key intervals.
 *
 * Keys are integers, so open ends become closed ones: `(1..5)` over numbers (millionths) is
 * [1.000001, 4.999999], which is exact because facts have the same granularity. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    svcr_table_type type;
} type_names[] = {
    {"number", SVCR_TABLE_TYPE_NUMBER},   {"string", SVCR_TABLE_TYPE_STRING},
    {"boolean", SVCR_TABLE_TYPE_BOOLEAN}, {"money", SVCR_TABLE_TYPE_MONEY},
    {"duration", SVCR_TABLE_TYPE_DURATION},
};

bool svcr__atone_type_from_name(const char *name, svcr_table_type *out)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(type_names[i].name, name) == 0) {
            *out = type_names[i].type;
            return true;
        }
    return false;
}

const char *svcr__atone_type_name(svcr_table_type type)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (type_names[i].type == type)
            return type_names[i].name;
    return "null";
}

int64_t svcr__atone_intern(atone_symbols *symbols, const char *text, size_t length)
{
    const svcr__strmap_entry *known = svcr__strmap_get(&symbols->index, text, length);
    if (known != NULL)
        return (int64_t)known->value;
    char *copy = svcr__strndup(text, length);
    if (copy == NULL || symbols->count >= SVCR__HASHMAP_VALUE_MAX ||
        svcr__grow((void **)&symbols->names, &symbols->capacity, symbols->count + 1, sizeof(char *)) != 0 ||
        svcr__strmap_put(&symbols->index, copy, strlen(copy), symbols->count, NULL) != 0) {
        svcr__free(copy);
        return -1;
    }
    symbols->names[symbols->count] = copy;
    return (int64_t)symbols->count++;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

bool svcr__atone_parse_number(const char **p, int64_t *out)
{
    const char *s = *p;
    bool negative = false;
    if (*s == '-' || *s == '+')
        negative = *s++ == '-';
    if (!is_digit(*s))
        return false;
    uint64_t value = 0;
    /* The magnitude of INT64_MIN is one more than INT64_MAX. */
    const uint64_t limit = (uint64_t)INT64_MAX + (negative ? 1u : 0u);
    for (; is_digit(*s); s++) {
        if (value > (limit - (uint64_t)(*s - '0')) / 10)
            return false;
        value = value * 10 + (uint64_t)(*s - '0');
    }
    int decimals = 0;
    if (*s == '.' && is_digit(s[1]))
        for (s++; is_digit(*s); s++, decimals++) {
            if (decimals == 6 || value > (limit - (uint64_t)(*s - '0')) / 10)
                return false;
            value = value * 10 + (uint64_t)(*s - '0');
        }
    for (; decimals < 6; decimals++) {
        if (value > limit / 10)
            return false;
        value *= 10;
    }
    if (negative)
        *out = value > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)value;
    else
        *out = (int64_t)value;
    *p = s;
    return true;
}

bool svcr__atone_parse_money(const char **p, svcr_money *out, const char **code_at)
{
    const char *start = *p, *s = start;
    if (*s == '-' || *s == '+')
        s++;
    while (is_digit(*s) || *s == '.')
        s++;
    const char *code = skip_space(s);
    if (s == start || code == s || !is_upper(code[0]) || !is_upper(code[1]) || !is_upper(code[2]) ||
        is_upper(code[3]))
        return false;
    *code_at = start;
    char number[48], currency[4] = {code[0], code[1], code[2], '\0'};
    if ((size_t)(s - start) >= sizeof number)
        return false;
    memcpy(number, start, (size_t)(s - start));
    number[s - start] = '\0';
    if (svcr_money_parse_decimal(number, currency, out) != SVCR_OK)
        return false;
    *p = code + 3;
    return true;
}

bool svcr__atone_parse_duration(const char **p, int64_t *out)
{
    const char *s = *p;
    bool negative = *s == '-';
    if (negative)
        s++;
    if (*s++ != 'P')
        return false;
    static const struct {
        char designator;
        bool in_time;
        int64_t seconds;
    } units[] = {{'W', false, 604800}, {'D', false, 86400}, {'H', true, 3600},
                 {'M', true, 60},      {'S', true, 1}};
    int64_t total = 0;
    bool in_time = false, any = false;
    size_t next_unit = 0;
    for (;;) {
        if (*s == 'T' && !in_time) {
            in_time = true;
            s++;
            continue;
        }
        if (!is_digit(*s))
            break;
        int64_t n = 0;
        for (; is_digit(*s); s++) {
            if (n > (INT64_MAX - 9) / 10)
                return false;
            n = n * 10 + (*s - '0');
        }
        size_t u = next_unit;
        while (u < sizeof units / sizeof units[0] &&
               (units[u].designator != *s || units[u].in_time != in_time))
            u++;
        if (u == sizeof units / sizeof units[0])
            return false; /* years and months are not fixed lengths; also misplaced units */
        if (n > (INT64_MAX - total) / units[u].seconds)
            return false;
        total += n * units[u].seconds;
        next_unit = u + 1;
        any = true;
        s++;
    }
    if (!any || s[-1] == 'T')
        return false;
    *out = negative ? -total : total;
    *p = s;
    return true;
}

/* ---- parsing one cell ------------------------------------------------------------------- */

typedef struct parser {
    const atone_draft *draft;
    const atone_cell *cell;
    const char *where;
    svcr_table_type type;
    char *currency; /* money columns: the column's currency, "" until fixed */
    atone_symbols *symbols;
    const char *p;
} parser;

static svcr_status fail(parser *ps, const char *at, svcr_status status, const char *fmt, ...)
    SVCR_PRINTF(4, 5);

static svcr_status fail(parser *ps, const char *at, svcr_status status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    status = svcr__atone_cell_vfail(ps->draft, ps->cell, (size_t)(at - ps->cell->text), ps->where, status, fmt, args);
    va_end(args);
    return status;
}

static bool at_word(const char *p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(p, word, n) != 0)
        return false;
    char c = p[n];
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_');
}

/* A string literal at ps->p: interned, key in *key. */
static svcr_status parse_string(parser *ps, int64_t *key)
{
    const char *start = ps->p;
    const char *s = start + 1;
    size_t length = 0;
    for (; *s != '"'; s++, length++) {
        if (*s == '\0')
            return fail(ps, start, SVCR_EPARSE, "unterminated string");
        if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
            s++;
    }
    char *text = svcr__malloc(length + 1);
    if (text == NULL)
        return svcr__fail_nomem("parsing a string");
    size_t n = 0;
    for (s = start + 1; *s != '"'; s++) {
        if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
            s++;
        text[n++] = *s;
    }
    text[n] = '\0';
    *key = svcr__atone_intern(ps->symbols, text, n);
    svcr__free(text);
    if (*key < 0)
        return svcr__fail_nomem("interning a string");
    ps->p = s + 1;
    return SVCR_OK;
}

/* A literal of the column's type at ps->p. */
static svcr_status parse_literal(parser *ps, int64_t *key)
{
    const char *start = ps->p = skip_space(ps->p);
    switch (ps->type) {
    case SVCR_TABLE_TYPE_STRING:
        if (*start != '"')
            return fail(ps, start, SVCR_EPARSE, "expected a string in double quotes");
        return parse_string(ps, key);
    case SVCR_TABLE_TYPE_BOOLEAN:
        if (at_word(start, "true") || at_word(start, "false")) {
            *key = *start == 't';
            ps->p += *key ? 4 : 5;
            return SVCR_OK;
        }
        return fail(ps, start, SVCR_EPARSE, "expected true or false");
    case SVCR_TABLE_TYPE_NUMBER:
        if (!svcr__atone_parse_number(&ps->p, key))
            return fail(ps, start, SVCR_EPARSE,
                        "expected a number (at most six decimals, within 64 bits)");
        return SVCR_OK;
    case SVCR_TABLE_TYPE_DURATION: {
        bool wrapped = strncmp(start, "duration(\"", 10) == 0; /* DMN's FEEL form */
        if (wrapped)
            ps->p += 10;
        if (!svcr__atone_parse_duration(&ps->p, key))
            return fail(ps, ps->p, SVCR_EPARSE,
                        "expected an ISO 8601 duration in weeks, days, hours, minutes, seconds "
                        "(e.g. PT4H, P1DT12H)");
        if (wrapped) {
            if (strncmp(ps->p, "\")", 2) != 0)
                return fail(ps, ps->p, SVCR_EPARSE, "expected \") after the duration");
            ps->p += 2;
        }
        return SVCR_OK;
    }
    case SVCR_TABLE_TYPE_MONEY: {
        svcr_money money;
        const char *code = NULL;
        if (!svcr__atone_parse_money(&ps->p, &money, &code))
            return fail(ps, code != NULL ? code : start, SVCR_EPARSE,
                        code != NULL ? "amount too large or with more decimals than its currency has"
                                     : "expected an amount and a currency, e.g. 100.00 EUR");
        if (ps->currency[0] == '\0')
            memcpy(ps->currency, money.currency, 4);
        else if (strcmp(ps->currency, money.currency) != 0)
            return fail(ps, code, SVCR_ECURRENCY, "%s amount in a column of %s amounts", money.currency,
                        ps->currency);
        *key = money.amount_minor;
        return SVCR_OK;
    }
    case SVCR_TABLE_TYPE_NULL:
        break;
    }
    return fail(ps, start, SVCR_EPARSE, "column has no type");
}

/* ---- interval sets ---------------------------------------------------------------------- */

typedef struct interval_set {
    atone_interval *items;
    size_t count, capacity;
    bool null;
} interval_set;

static svcr_status add_interval(interval_set *set, int64_t low, int64_t high)
{
    if (low > high)
        return SVCR_OK; /* e.g. `> x` at the top of the key range: matches nothing */
    if (svcr__grow((void **)&set->items, &set->capacity, set->count + 1, sizeof *set->items) != 0)
        return svcr__fail_nomem("parsing a unary test");
    set->items[set->count++] = (atone_interval){low, high};
    return SVCR_OK;
}

static int compare_intervals(const void *a, const void *b)
{
    const atone_interval *x = a, *y = b;
    return (x->low > y->low) - (x->low < y->low);
}

/* Sort and merge overlapping or adjacent intervals. */
static void normalise(interval_set *set)
{
    if (set->count == 0)
        return;
    qsort(set->items, set->count, sizeof *set->items, compare_intervals);
    size_t out = 0;
    for (size_t i = 1; i < set->count; i++) {
        atone_interval *last = &set->items[out];
        if (last->high == INT64_MAX || set->items[i].low <= last->high + 1) {
            if (set->items[i].high > last->high)
                last->high = set->items[i].high;
        } else {
            set->items[++out] = set->items[i];
        }
    }
    set->count = out + 1;
}

/* Replace a normalised set by its complement over all keys and null. */
static svcr_status complement(interval_set *set)
{
    interval_set result = {NULL, 0, 0, !set->null};
    int64_t next = INT64_MIN;
    bool done = false;
    svcr_status status = SVCR_OK;
    for (size_t i = 0; i < set->count && status == SVCR_OK; i++) {
        if (set->items[i].low > next)
            status = add_interval(&result, next, set->items[i].low - 1);
        if (set->items[i].high == INT64_MAX)
            done = true;
        else
            next = set->items[i].high + 1;
    }
    if (status == SVCR_OK && !done)
        status = add_interval(&result, next, INT64_MAX);
    if (status != SVCR_OK) {
        svcr__free(result.items);
        return status;
    }
    svcr__free(set->items);
    *set = result;
    return SVCR_OK;
}

/* The keys below @p v ([MIN, v - 1]) and above it ([v + 1, MAX]); nothing past the key range. */
static svcr_status add_below(interval_set *set, int64_t v)
{
    return v == INT64_MIN ? SVCR_OK : add_interval(set, INT64_MIN, v - 1);
}

static svcr_status add_above(interval_set *set, int64_t v)
{
    return v == INT64_MAX ? SVCR_OK : add_interval(set, v + 1, INT64_MAX);
}

/* One test of a list: null, a comparison, a range or a literal. */
static svcr_status parse_one(parser *ps, interval_set *set)
{
    const char *start = ps->p = skip_space(ps->p);
    int64_t a, b;
    svcr_status status;
    if (at_word(start, "null")) {
        set->null = true;
        ps->p += 4;
        return SVCR_OK;
    }
    bool ordered = ps->type == SVCR_TABLE_TYPE_NUMBER || ps->type == SVCR_TABLE_TYPE_MONEY ||
                   ps->type == SVCR_TABLE_TYPE_DURATION;
    const char *op = NULL;
    static const char *const operators[] = {"<=", ">=", "!=", "<", ">", "="};
    for (size_t i = 0; i < sizeof operators / sizeof operators[0] && op == NULL; i++)
        if (strncmp(start, operators[i], strlen(operators[i])) == 0)
            op = operators[i];
    if (op != NULL) {
        bool equality = op[0] == '=' || op[0] == '!';
        if (!equality && !ordered)
            return fail(ps, start, SVCR_EPARSE, "%s is not ordered: use a value or a list",
                        svcr__atone_type_name(ps->type));
        ps->p += strlen(op);
        if ((status = parse_literal(ps, &a)) != SVCR_OK)
            return status;
        if (strcmp(op, "<") == 0)
            return add_below(set, a);
        if (strcmp(op, "<=") == 0)
            return add_interval(set, INT64_MIN, a);
        if (strcmp(op, ">") == 0)
            return add_above(set, a);
        if (strcmp(op, ">=") == 0)
            return add_interval(set, a, INT64_MAX);
        if (strcmp(op, "=") == 0)
            return add_interval(set, a, a);
        /* != : everything else, null included, as not(a) */
        set->null = true;
        if ((status = add_below(set, a)) != SVCR_OK)
            return status;
        return add_above(set, a);
    }
    if (*start == '[' || *start == '(' || *start == ']') {
        if (!ordered)
            return fail(ps, start, SVCR_EPARSE, "%s is not ordered: ranges need number, money or duration",
                        svcr__atone_type_name(ps->type));
        bool open_low = *start != '[';
        ps->p++;
        if ((status = parse_literal(ps, &a)) != SVCR_OK)
            return status;
        ps->p = skip_space(ps->p);
        if (strncmp(ps->p, "..", 2) != 0)
            return fail(ps, ps->p, SVCR_EPARSE, "expected .. between the ends of a range");
        ps->p += 2;
        if ((status = parse_literal(ps, &b)) != SVCR_OK)
            return status;
        ps->p = skip_space(ps->p);
        if (*ps->p != ']' && *ps->p != ')' && *ps->p != '[')
            return fail(ps, ps->p, SVCR_EPARSE, "expected ] or ) to close the range");
        bool open_high = *ps->p++ != ']';
        if (a > b || (a == b && (open_low || open_high)) || (open_low && open_high && a + 1 == b))
            return fail(ps, start, SVCR_EPARSE, "empty range: no value lies in it");
        return add_interval(set, open_low ? a + 1 : a, open_high ? b - 1 : b);
    }
    if ((status = parse_literal(ps, &a)) != SVCR_OK)
        return status;
    return add_interval(set, a, a);
}

/* A comma-separated list of tests, up to the end of the cell or a closing parenthesis. */
static svcr_status parse_list(parser *ps, interval_set *set, bool in_not)
{
    for (;;) {
        svcr_status status = parse_one(ps, set);
        if (status != SVCR_OK)
            return status;
        ps->p = skip_space(ps->p);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == '\0' || (in_not && *ps->p == ')'))
            return SVCR_OK;
        return fail(ps, ps->p, SVCR_EPARSE, "expected ',' between tests%s",
                    in_not ? " or ')' to close not(" : " or the end of the cell");
    }
}

svcr_status svcr__atone_parse_test(const atone_draft *draft, const atone_cell *cell, const char *where,
                                   svcr_table_type type, char currency[4], atone_symbols *symbols,
                                   atone_test *out)
{
    parser ps = {draft, cell, where, type, currency, symbols, cell->text};
    interval_set set = {NULL, 0, 0, false};
    svcr_status status = SVCR_OK;
    const char *start = skip_space(cell->text);
    if (*start == '\0') {
        status = fail(&ps, start, SVCR_EPARSE, "empty cell: write - for any value");
    } else if (*start == '-' && *skip_space(start + 1) == '\0') {
        status = add_interval(&set, INT64_MIN, INT64_MAX);
        set.null = true;
    } else if (strncmp(start, "not", 3) == 0 && *skip_space(start + 3) == '(') {
        ps.p = skip_space(start + 3) + 1;
        status = parse_list(&ps, &set, true);
        if (status == SVCR_OK && *ps.p != ')')
            status = fail(&ps, ps.p, SVCR_EPARSE, "expected ')' to close not(");
        if (status == SVCR_OK && *skip_space(ps.p + 1) != '\0')
            status = fail(&ps, skip_space(ps.p + 1), SVCR_EPARSE, "text after not(...)");
        if (status == SVCR_OK) {
            normalise(&set);
            status = complement(&set);
        }
    } else {
        ps.p = start;
        status = parse_list(&ps, &set, false);
    }
    char *text = status == SVCR_OK ? svcr__strdup(start) : NULL;
    if (status == SVCR_OK && text == NULL)
        status = svcr__fail_nomem("copying a unary test");
    if (status != SVCR_OK) {
        svcr__free(set.items);
        return status;
    }
    normalise(&set);
    out->intervals = set.items;
    out->count = set.count;
    out->matches_null = set.null;
    out->text = text;
    return SVCR_OK;
}

void svcr__atone_test_free(atone_test *test)
{
    svcr__free(test->intervals);
    svcr__free(test->text);
}

bool svcr__atone_test_matches(const atone_test *test, const atone_slot *value)
{
    if (!value->present)
        return test->matches_null;
    for (size_t i = 0; i < test->count; i++)
        if (value->key >= test->intervals[i].low && value->key <= test->intervals[i].high)
            return true;
    return false;
}

svcr_status svcr__atone_parse_value(const atone_draft *draft, const atone_cell *cell, const char *where,
                                    svcr_table_type type, atone_symbols *symbols, atone_slot *out)
{
    char currency[4] = "";
    parser ps = {draft, cell, where, type, currency, symbols, cell->text};
    const char *start = skip_space(cell->text);
    atone_slot value = {0, "", false};
    if (*start == '\0' || (*start == '-' && *skip_space(start + 1) == '\0')) {
        *out = value;
        return SVCR_OK;
    }
    ps.p = start;
    svcr_status status = parse_literal(&ps, &value.key);
    if (status != SVCR_OK)
        return status;
    if (*skip_space(ps.p) != '\0')
        return fail(&ps, skip_space(ps.p), SVCR_EPARSE, "expected one %s value",
                    svcr__atone_type_name(type));
    memcpy(value.currency, currency, 4);
    value.present = true;
    *out = value;
    return SVCR_OK;
}
