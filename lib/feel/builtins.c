/* FEEL built-in functions: conversions (date, time, date and time, duration, string, number),
 * strings, numbers and lists. Each takes evaluated arguments; a wrong type gives null and a
 * reason naming the function. */
#include "feel/builtins.h"
#include "feel/eval.h"
#include "base/civil.h"

#include <string.h>

typedef const feel_value *const *args_t;

static const feel_value *type_error(feel_env *env, const feel_node *call, const char *what)
{
    return svcr__feel_error(env, call, "%s: %s", call->text, what);
}

static const feel_value *number_value(feel_env *env, const feel_decimal *d)
{
    feel_value *v = svcr__feel_number(env->arena, d);
    return v != NULL ? v : svcr__feel_nomem(env);
}

static bool any_null(args_t a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i]->kind == FEEL_NULL)
            return true;
    return false;
}

static const feel_value *fn_not(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)env, (void)call, (void)n;
    return a[0]->kind == FEEL_BOOLEAN ? svcr__feel_boolean(!a[0]->as.boolean) : &svcr__feel_null;
}

static const feel_value *from_text(feel_env *env, const feel_node *call, feel_kind kind, const feel_value *s)
{
    const feel_value *v = svcr__feel_parse_temporal(env->arena, kind, s->as.string.text, s->as.string.length);
    if (v == NULL)
        return type_error(env, call, "not an ISO 8601 value of this type");
    return v != &svcr__feel_null ? v : svcr__feel_nomem(env);
}

static bool int_arg(const feel_value *v, int64_t *out)
{
    return v->kind == FEEL_NUMBER && svcr__decimal_to_int64(&v->as.number, out);
}

static const feel_value *fn_date(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if (n == 1 && a[0]->kind == FEEL_STRING)
        return from_text(env, call, FEEL_DATE, a[0]);
    if (n == 1 && (a[0]->kind == FEEL_DATE || a[0]->kind == FEEL_DATE_TIME)) {
        feel_value *v = svcr__feel_new(env->arena, FEEL_DATE);
        if (v == NULL)
            return svcr__feel_nomem(env);
        v->as.temporal.days = a[0]->as.temporal.days;
        return v;
    }
    int64_t y, m, d;
    if (n == 3 && int_arg(a[0], &y) && int_arg(a[1], &m) && int_arg(a[2], &d) && m >= 1 && m <= 12 && d >= 1 &&
        y > -1000000000 && y < 1000000000 && d <= svcr__days_in_month(y, (int)m)) {
        feel_value *v = svcr__feel_new(env->arena, FEEL_DATE);
        if (v == NULL)
            return svcr__feel_nomem(env);
        v->as.temporal.days = svcr__days_from_civil(y, (int)m, (int)d);
        return v;
    }
    return type_error(env, call, "expects a date string, a date, or year, month and day");
}

static const feel_value *fn_time(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if (n == 1 && a[0]->kind == FEEL_STRING)
        return from_text(env, call, FEEL_TIME, a[0]);
    if (n == 1 && (a[0]->kind == FEEL_TIME || a[0]->kind == FEEL_DATE_TIME)) {
        feel_value *v = svcr__feel_new(env->arena, FEEL_TIME);
        if (v == NULL)
            return svcr__feel_nomem(env);
        v->as.temporal = a[0]->as.temporal;
        v->as.temporal.days = 0;
        return v;
    }
    int64_t h, m, s;
    if (n >= 3 && int_arg(a[0], &h) && int_arg(a[1], &m) && int_arg(a[2], &s) && h >= 0 && h < 24 && m >= 0 &&
        m < 60 && s >= 0 && s < 60 && (n == 3 || a[3]->kind == FEEL_DAYS_TIME_DURATION)) {
        feel_value *v = svcr__feel_new(env->arena, FEEL_TIME);
        if (v == NULL)
            return svcr__feel_nomem(env);
        v->as.temporal.seconds = h * 3600 + m * 60 + s;
        if (n == 4) {
            v->as.temporal.has_offset = true;
            v->as.temporal.offset = (int32_t)a[3]->as.duration.seconds;
        }
        return v;
    }
    return type_error(env, call, "expects a time string, or hour, minute, second [, offset]");
}

static const feel_value *fn_date_and_time(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if (n == 1 && a[0]->kind == FEEL_STRING)
        return from_text(env, call, FEEL_DATE_TIME, a[0]);
    if (n == 2 && (a[0]->kind == FEEL_DATE || a[0]->kind == FEEL_DATE_TIME) && a[1]->kind == FEEL_TIME) {
        feel_value *v = svcr__feel_new(env->arena, FEEL_DATE_TIME);
        if (v == NULL)
            return svcr__feel_nomem(env);
        v->as.temporal = a[1]->as.temporal;
        v->as.temporal.days = a[0]->as.temporal.days;
        return v;
    }
    return type_error(env, call, "expects a date and time string, or a date and a time");
}

static const feel_value *fn_duration(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    if (a[0]->kind == FEEL_NULL)
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_STRING)
        return type_error(env, call, "expects a string");
    return from_text(env, call, FEEL_DAYS_TIME_DURATION, a[0]);
}

static const feel_value *fn_years_and_months(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if ((a[0]->kind != FEEL_DATE && a[0]->kind != FEEL_DATE_TIME) ||
        (a[1]->kind != FEEL_DATE && a[1]->kind != FEEL_DATE_TIME))
        return type_error(env, call, "expects two dates");
    int64_t y1, y2;
    int m1, d1, m2, d2;
    svcr__civil_from_days(a[0]->as.temporal.days, &y1, &m1, &d1);
    svcr__civil_from_days(a[1]->as.temporal.days, &y2, &m2, &d2);
    int64_t months = (y2 - y1) * 12 + (m2 - m1);
    if (months > 0 && d2 < d1)
        months--;
    else if (months < 0 && d2 > d1)
        months++;
    feel_value *v = svcr__feel_new(env->arena, FEEL_YEARS_MONTHS_DURATION);
    if (v == NULL)
        return svcr__feel_nomem(env);
    v->as.months = months;
    return v;
}

static const feel_value *fn_string(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)call, (void)n;
    char buffer[FEEL_DECIMAL_TEXT_MAX];
    switch (a[0]->kind) {
    case FEEL_NULL:
        return &svcr__feel_null;
    case FEEL_STRING:
        return a[0];
    case FEEL_NUMBER:
        svcr__decimal_format(&a[0]->as.number, buffer);
        break;
    case FEEL_BOOLEAN:
        strcpy(buffer, a[0]->as.boolean ? "true" : "false");
        break;
    case FEEL_DATE:
    case FEEL_TIME:
    case FEEL_DATE_TIME:
    case FEEL_DAYS_TIME_DURATION:
    case FEEL_YEARS_MONTHS_DURATION:
        svcr__feel_format_temporal(a[0], buffer);
        break;
    default:
        return type_error(env, call, "cannot convert a list, context or function");
    }
    feel_value *v = svcr__feel_string(env->arena, buffer, strlen(buffer));
    return v != NULL ? v : svcr__feel_nomem(env);
}

static const feel_value *fn_number(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    if (a[0]->kind == FEEL_NULL)
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_STRING)
        return type_error(env, call, "expects a string");
    feel_decimal d;
    if (svcr__decimal_parse(a[0]->as.string.text, a[0]->as.string.length, &d) != FEEL_DECIMAL_OK)
        return type_error(env, call, "not a number");
    return number_value(env, &d);
}

static size_t code_points(const char *s, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Byte offset of code point @p index. */
static size_t byte_offset(const char *s, size_t length, size_t index)
{
    size_t i = 0, n = 0;
    for (; i < length; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == index)
                return i;
            n++;
        }
    return length;
}

static bool strings(args_t a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i]->kind != FEEL_STRING)
            return false;
    return true;
}

static const feel_value *fn_string_length(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (!strings(a, n))
        return a[0]->kind == FEEL_NULL ? &svcr__feel_null : type_error(env, call, "expects a string");
    feel_decimal d;
    svcr__decimal_from_int((int64_t)code_points(a[0]->as.string.text, a[0]->as.string.length), &d);
    return number_value(env, &d);
}

static const feel_value *fn_substring(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    int64_t start, length = -1;
    if (any_null(a, n))
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_STRING || !int_arg(a[1], &start) || (n == 3 && (!int_arg(a[2], &length) || length < 0)))
        return type_error(env, call, "expects a string, a start and an optional length");
    int64_t total = (int64_t)code_points(a[0]->as.string.text, a[0]->as.string.length);
    if (start < 0)
        start = total + start + 1;
    if (start < 1 || start > total + 1)
        return type_error(env, call, "start out of range");
    int64_t end = length < 0 ? total : start - 1 + length;
    if (end > total)
        end = total;
    size_t from = byte_offset(a[0]->as.string.text, a[0]->as.string.length, (size_t)(start - 1));
    size_t to = byte_offset(a[0]->as.string.text, a[0]->as.string.length, (size_t)end);
    feel_value *v = svcr__feel_string(env->arena, a[0]->as.string.text + from, to - from);
    return v != NULL ? v : svcr__feel_nomem(env);
}

static const feel_value *change_case(feel_env *env, const feel_node *call, args_t a, bool upper)
{
    if (a[0]->kind == FEEL_NULL)
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_STRING)
        return type_error(env, call, "expects a string");
    feel_value *v = svcr__feel_string(env->arena, a[0]->as.string.text, a[0]->as.string.length);
    if (v == NULL)
        return svcr__feel_nomem(env);
    for (char *p = (char *)v->as.string.text; *p; p++)
        if (upper && *p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
        else if (!upper && *p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return v;
}

static const feel_value *fn_upper(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    return change_case(env, call, a, true);
}

static const feel_value *fn_lower(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    return change_case(env, call, a, false);
}

static const feel_value *string_test(feel_env *env, const feel_node *call, args_t a, size_t n, int where)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if (!strings(a, n))
        return type_error(env, call, "expects two strings");
    const char *s = a[0]->as.string.text, *t = a[1]->as.string.text;
    size_t ls = a[0]->as.string.length, lt = a[1]->as.string.length;
    if (lt > ls)
        return &svcr__feel_false;
    if (where == 0)
        return svcr__feel_boolean(memcmp(s, t, lt) == 0);
    if (where == 1)
        return svcr__feel_boolean(memcmp(s + ls - lt, t, lt) == 0);
    return svcr__feel_boolean(strstr(s, t) != NULL);
}

static const feel_value *fn_starts_with(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return string_test(env, call, a, n, 0);
}

static const feel_value *fn_ends_with(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return string_test(env, call, a, n, 1);
}

static const feel_value *fn_contains(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return string_test(env, call, a, n, 2);
}

static const feel_value *round_with(feel_env *env, const feel_node *call, args_t a, size_t n, feel_rounding mode)
{
    int64_t scale = 0;
    if (any_null(a, n))
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_NUMBER || (n == 2 && (!int_arg(a[1], &scale) || scale < -6111 || scale > 6176)))
        return type_error(env, call, "expects a number and an optional integer scale");
    feel_decimal d;
    if (svcr__decimal_round(&a[0]->as.number, (int32_t)scale, mode, &d) != FEEL_DECIMAL_OK)
        return type_error(env, call, "number out of range");
    return number_value(env, &d);
}

static const feel_value *fn_floor(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return round_with(env, call, a, n, FEEL_ROUND_FLOOR);
}

static const feel_value *fn_ceiling(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return round_with(env, call, a, n, FEEL_ROUND_CEILING);
}

static const feel_value *fn_decimal(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return round_with(env, call, a, n, FEEL_ROUND_HALF_EVEN);
}

static const feel_value *fn_round_half_up(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return round_with(env, call, a, n, FEEL_ROUND_HALF_UP);
}

static const feel_value *fn_abs(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    if (a[0]->kind == FEEL_NULL)
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_NUMBER)
        return type_error(env, call, "expects a number");
    feel_decimal d = a[0]->as.number;
    d.negative = false;
    return number_value(env, &d);
}

static const feel_value *fn_modulo(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (any_null(a, n))
        return &svcr__feel_null;
    if (a[0]->kind != FEEL_NUMBER || a[1]->kind != FEEL_NUMBER)
        return type_error(env, call, "expects two numbers");
    feel_decimal q, floor_q, product, r;
    if (svcr__decimal_divide(&a[0]->as.number, &a[1]->as.number, &q) != FEEL_DECIMAL_OK)
        return type_error(env, call, "division by zero");
    svcr__decimal_round(&q, 0, FEEL_ROUND_FLOOR, &floor_q);
    svcr__decimal_multiply(&floor_q, &a[1]->as.number, &product);
    svcr__decimal_subtract(&a[0]->as.number, &product, &r);
    return number_value(env, &r);
}

/* The items of a list argument, or of the arguments themselves (min(1, 2) and min([1, 2])). */
static bool items_of(args_t a, size_t n, const feel_value *const **items, size_t *count)
{
    if (n == 1 && a[0]->kind == FEEL_LIST) {
        *items = a[0]->as.list.items;
        *count = a[0]->as.list.count;
        return true;
    }
    if (n == 1 && a[0]->kind == FEEL_NULL)
        return false;
    *items = a;
    *count = n;
    return true;
}

static const feel_value *extreme(feel_env *env, const feel_node *call, args_t a, size_t n, int sign)
{
    const feel_value *const *items;
    size_t count;
    if (!items_of(a, n, &items, &count) || count == 0)
        return &svcr__feel_null;
    const feel_value *best = items[0];
    for (size_t i = 1; i < count; i++) {
        int c = svcr__feel_order(items[i], best);
        if (c == 2)
            return type_error(env, call, "items cannot be compared");
        if (c == sign)
            best = items[i];
    }
    if (count == 1 && svcr__feel_order(best, best) == 2)
        return type_error(env, call, "item cannot be compared");
    return best;
}

static const feel_value *fn_min(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return extreme(env, call, a, n, -1);
}

static const feel_value *fn_max(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return extreme(env, call, a, n, 1);
}

static const feel_value *total(feel_env *env, const feel_node *call, args_t a, size_t n, bool mean)
{
    const feel_value *const *items;
    size_t count;
    if (!items_of(a, n, &items, &count) || count == 0)
        return &svcr__feel_null;
    feel_decimal sum;
    svcr__decimal_from_int(0, &sum);
    for (size_t i = 0; i < count; i++) {
        if (items[i]->kind != FEEL_NUMBER)
            return type_error(env, call, "expects numbers");
        if (svcr__decimal_add(&sum, &items[i]->as.number, &sum) != FEEL_DECIMAL_OK)
            return type_error(env, call, "number out of range");
    }
    if (mean) {
        feel_decimal c;
        svcr__decimal_from_int((int64_t)count, &c);
        svcr__decimal_divide(&sum, &c, &sum);
    }
    return number_value(env, &sum);
}

static const feel_value *fn_sum(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return total(env, call, a, n, false);
}

static const feel_value *fn_mean(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return total(env, call, a, n, true);
}

static const feel_value *fn_count(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    const feel_value *const *items;
    size_t count;
    if (!items_of(a, n, &items, &count))
        return &svcr__feel_null;
    (void)call;
    feel_decimal d;
    svcr__decimal_from_int((int64_t)count, &d);
    return number_value(env, &d);
}

static const feel_value *fn_list_contains(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    (void)n;
    if (a[0]->kind != FEEL_LIST)
        return a[0]->kind == FEEL_NULL ? &svcr__feel_null : type_error(env, call, "expects a list");
    for (size_t i = 0; i < a[0]->as.list.count; i++) {
        const feel_value *e = svcr__feel_equal(a[0]->as.list.items[i], a[1]);
        if (e->kind == FEEL_BOOLEAN && e->as.boolean)
            return &svcr__feel_true;
    }
    return &svcr__feel_false;
}

static const feel_value *make_list(feel_env *env, const feel_value **items, size_t count)
{
    feel_value *v = svcr__feel_new(env->arena, FEEL_LIST);
    if (v == NULL)
        return svcr__feel_nomem(env);
    v->as.list.items = items;
    v->as.list.count = count;
    return v;
}

static const feel_value *fn_concatenate(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i]->kind != FEEL_LIST)
            return type_error(env, call, "expects lists");
        count += a[i]->as.list.count;
    }
    const feel_value **items = svcr__feel_alloc(env->arena, (count + 1) * sizeof *items);
    if (items == NULL)
        return svcr__feel_nomem(env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < a[i]->as.list.count; j++)
            items[k++] = a[i]->as.list.items[j];
    return make_list(env, items, count);
}

static const feel_value *fn_append(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    if (a[0]->kind != FEEL_LIST)
        return type_error(env, call, "expects a list first");
    size_t count = a[0]->as.list.count + n - 1;
    const feel_value **items = svcr__feel_alloc(env->arena, (count + 1) * sizeof *items);
    if (items == NULL)
        return svcr__feel_nomem(env);
    memcpy(items, a[0]->as.list.items, a[0]->as.list.count * sizeof *items);
    for (size_t i = 1; i < n; i++)
        items[a[0]->as.list.count + i - 1] = a[i];
    return make_list(env, items, count);
}

static const feel_value *all_or_any(feel_env *env, const feel_node *call, args_t a, size_t n, bool all)
{
    const feel_value *const *items;
    size_t count;
    if (!items_of(a, n, &items, &count))
        return &svcr__feel_null;
    bool unknown = false;
    for (size_t i = 0; i < count; i++) {
        if (items[i]->kind != FEEL_BOOLEAN)
            unknown = true;
        else if (items[i]->as.boolean != all)
            return svcr__feel_boolean(!all);
    }
    (void)call;
    return unknown ? &svcr__feel_null : svcr__feel_boolean(all);
}

static const feel_value *fn_all(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return all_or_any(env, call, a, n, true);
}

static const feel_value *fn_any(feel_env *env, const feel_node *call, args_t a, size_t n)
{
    return all_or_any(env, call, a, n, false);
}

enum { MANY = 1000000 };

const feel_builtin svcr__feel_builtins[] = {
    {"not", 1, 1, fn_not},
    {"date", 1, 3, fn_date},
    {"time", 1, 4, fn_time},
    {"date and time", 1, 2, fn_date_and_time},
    {"duration", 1, 1, fn_duration},
    {"years and months duration", 2, 2, fn_years_and_months},
    {"string", 1, 1, fn_string},
    {"number", 1, 3, fn_number},
    {"string length", 1, 1, fn_string_length},
    {"substring", 2, 3, fn_substring},
    {"upper case", 1, 1, fn_upper},
    {"lower case", 1, 1, fn_lower},
    {"contains", 2, 2, fn_contains},
    {"starts with", 2, 2, fn_starts_with},
    {"ends with", 2, 2, fn_ends_with},
    {"abs", 1, 1, fn_abs},
    {"floor", 1, 2, fn_floor},
    {"ceiling", 1, 2, fn_ceiling},
    {"decimal", 2, 2, fn_decimal},
    {"round half up", 2, 2, fn_round_half_up},
    {"modulo", 2, 2, fn_modulo},
    {"min", 1, MANY, fn_min},
    {"max", 1, MANY, fn_max},
    {"sum", 1, MANY, fn_sum},
    {"mean", 1, MANY, fn_mean},
    {"count", 1, 1, fn_count},
    {"list contains", 2, 2, fn_list_contains},
    {"concatenate", 1, MANY, fn_concatenate},
    {"append", 1, MANY, fn_append},
    {"all", 1, MANY, fn_all},
    {"any", 1, MANY, fn_any},
};
const size_t svcr__feel_builtin_count = sizeof svcr__feel_builtins / sizeof svcr__feel_builtins[0];

const feel_builtin *svcr__feel_builtin_find(const char *name)
{
    for (size_t i = 0; i < svcr__feel_builtin_count; i++)
        if (strcmp(svcr__feel_builtins[i].name, name) == 0)
            return &svcr__feel_builtins[i];
    return NULL;
}
