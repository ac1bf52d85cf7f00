/* FEEL values: making them, comparing them (FEEL's = and <, with null for what cannot be
 * compared), and ISO 8601 text for dates, times and durations. */
#include "feel/value.h"
#include "base/civil.h"

#include <stdio.h>
#include <string.h>

const feel_value svcr__feel_null = {.kind = FEEL_NULL};
const feel_value svcr__feel_true = {.kind = FEEL_BOOLEAN, .as.boolean = true};
const feel_value svcr__feel_false = {.kind = FEEL_BOOLEAN, .as.boolean = false};

const feel_value *svcr__feel_boolean(bool value)
{
    return value ? &svcr__feel_true : &svcr__feel_false;
}

feel_value *svcr__feel_new(feel_arena *arena, feel_kind kind)
{
    feel_value *v = svcr__feel_alloc(arena, sizeof *v);
    if (v != NULL)
        v->kind = kind;
    return v;
}

feel_value *svcr__feel_number(feel_arena *arena, const feel_decimal *number)
{
    feel_value *v = svcr__feel_new(arena, FEEL_NUMBER);
    if (v != NULL)
        v->as.number = *number;
    return v;
}

feel_value *svcr__feel_string(feel_arena *arena, const char *text, size_t length)
{
    feel_value *v = svcr__feel_new(arena, FEEL_STRING);
    if (v == NULL)
        return NULL;
    char *copy = svcr__feel_strndup(arena, text, length);
    if (copy == NULL)
        return NULL;
    v->as.string.text = copy;
    v->as.string.length = length;
    return v;
}

const feel_value *svcr__feel_context_get(const feel_value *context, const char *name)
{
    for (size_t i = 0; i < context->as.context.count; i++)
        if (strcmp(context->as.context.names[i], name) == 0)
            return context->as.context.values[i];
    return NULL;
}

const char *svcr__feel_kind_name(feel_kind kind)
{
    static const char *const names[] = {"null", "number", "string", "boolean", "date", "time",
                                        "date and time", "days and time duration",
                                        "years and months duration", "list", "context", "function"};
    return (size_t)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

/* A temporal's instant for ordering: UTC when it has an offset. */
static void instant(const feel_temporal *t, int64_t *seconds, int32_t *nanos)
{
    *seconds = t->days * SVCR_SECONDS_PER_DAY + t->seconds - (t->has_offset ? t->offset : 0);
    *nanos = t->nanos;
}

static int compare_i64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

int svcr__feel_order(const feel_value *a, const feel_value *b)
{
    if (a->kind != b->kind)
        return 2;
    switch (a->kind) {
    case FEEL_NUMBER:
        return svcr__decimal_compare(&a->as.number, &b->as.number);
    case FEEL_STRING: {
        int c = strcmp(a->as.string.text, b->as.string.text);
        return c < 0 ? -1 : c > 0;
    }
    case FEEL_DATE:
        return compare_i64(a->as.temporal.days, b->as.temporal.days);
    case FEEL_TIME:
    case FEEL_DATE_TIME: {
        if (a->as.temporal.has_offset != b->as.temporal.has_offset)
            return 2;
        int64_t sa, sb;
        int32_t na, nb;
        instant(&a->as.temporal, &sa, &na);
        instant(&b->as.temporal, &sb, &nb);
        int c = compare_i64(sa, sb);
        return c != 0 ? c : compare_i64(na, nb);
    }
    case FEEL_DAYS_TIME_DURATION: {
        int c = compare_i64(a->as.duration.seconds, b->as.duration.seconds);
        return c != 0 ? c : compare_i64(a->as.duration.nanos, b->as.duration.nanos);
    }
    case FEEL_YEARS_MONTHS_DURATION:
        return compare_i64(a->as.months, b->as.months);
    default:
        return 2;
    }
}

const feel_value *svcr__feel_equal(const feel_value *a, const feel_value *b)
{
    if (a->kind == FEEL_NULL || b->kind == FEEL_NULL)
        return svcr__feel_boolean(a->kind == b->kind);
    if (a->kind != b->kind)
        return &svcr__feel_null;
    switch (a->kind) {
    case FEEL_BOOLEAN:
        return svcr__feel_boolean(a->as.boolean == b->as.boolean);
    case FEEL_LIST:
        if (a->as.list.count != b->as.list.count)
            return &svcr__feel_false;
        for (size_t i = 0; i < a->as.list.count; i++) {
            const feel_value *e = svcr__feel_equal(a->as.list.items[i], b->as.list.items[i]);
            if (e->kind != FEEL_BOOLEAN || !e->as.boolean)
                return e;
        }
        return &svcr__feel_true;
    case FEEL_CONTEXT:
        if (a->as.context.count != b->as.context.count)
            return &svcr__feel_false;
        for (size_t i = 0; i < a->as.context.count; i++) {
            const feel_value *other = svcr__feel_context_get(b, a->as.context.names[i]);
            if (other == NULL)
                return &svcr__feel_false;
            const feel_value *e = svcr__feel_equal(a->as.context.values[i], other);
            if (e->kind != FEEL_BOOLEAN || !e->as.boolean)
                return e;
        }
        return &svcr__feel_true;
    case FEEL_FUNCTION:
        return svcr__feel_boolean(a->as.function == b->as.function);
    default: {
        int c = svcr__feel_order(a, b);
        return c == 2 ? &svcr__feel_null : svcr__feel_boolean(c == 0);
    }
    }
}

/* ---- ISO 8601 ----------------------------------------------------------------------------- */

typedef struct cursor {
    const char *p, *end;
} cursor;

static bool digits(cursor *c, int count, int64_t *out)
{
    int64_t v = 0;
    for (int i = 0; i < count; i++) {
        if (c->p >= c->end || *c->p < '0' || *c->p > '9')
            return false;
        v = v * 10 + (*c->p++ - '0');
    }
    *out = v;
    return true;
}

static bool literal(cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool parse_date(cursor *c, int64_t *days)
{
    bool negative = literal(c, '-');
    int64_t year = 0, month, day;
    int n = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && n < 9) {
        year = year * 10 + (*c->p++ - '0');
        n++;
    }
    if (n < 4 || (n > 4 && c->p[-n] == '0'))
        return false;
    if (negative)
        year = -year;
    if (!literal(c, '-') || !digits(c, 2, &month) || !literal(c, '-') || !digits(c, 2, &day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > svcr__days_in_month(year, (int)month))
        return false;
    *days = svcr__days_from_civil(year, (int)month, (int)day);
    return true;
}

static bool parse_time(cursor *c, feel_temporal *t)
{
    int64_t h, m, s;
    if (!digits(c, 2, &h) || !literal(c, ':') || !digits(c, 2, &m) || !literal(c, ':') || !digits(c, 2, &s))
        return false;
    if (h > 24 || m > 59 || s > 59 || (h == 24 && (m != 0 || s != 0)))
        return false;
    t->seconds = (h % 24) * 3600 + m * 60 + s;
    t->nanos = 0;
    if (literal(c, '.')) {
        int n = 0;
        int32_t nanos = 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            if (n < 9)
                nanos = nanos * 10 + (*c->p - '0');
            c->p++;
            n++;
        }
        if (n == 0)
            return false;
        for (; n < 9; n++)
            nanos *= 10;
        t->nanos = nanos;
    }
    t->has_offset = false;
    if (literal(c, 'Z')) {
        t->has_offset = true;
        t->offset = 0;
    } else if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
        int sign = *c->p++ == '-' ? -1 : 1;
        int64_t oh, om;
        if (!digits(c, 2, &oh) || !literal(c, ':') || !digits(c, 2, &om) || oh > 14 || om > 59)
            return false;
        t->has_offset = true;
        t->offset = (int32_t)(sign * (oh * 3600 + om * 60));
    }
    return true;
}

static bool parse_duration(cursor *c, feel_value *out)
{
    bool negative = literal(c, '-');
    if (!literal(c, 'P'))
        return false;
    int64_t years = 0, months = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
    int32_t nanos = 0;
    bool in_time = false, any = false, ym = false, dt = false;
    const char *order = "YMDHMS";
    int position = 0;
    while (c->p < c->end) {
        if (!in_time && literal(c, 'T')) {
            in_time = true;
            if (position < 3)
                position = 3;
            continue;
        }
        int64_t v = 0;
        int n = 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            if (v > 100000000000LL)
                return false;
            v = v * 10 + (*c->p++ - '0');
            n++;
        }
        int32_t fraction = 0;
        bool has_fraction = false;
        if (in_time && literal(c, '.')) {
            int k = 0;
            while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
                if (k < 9)
                    fraction = fraction * 10 + (*c->p - '0');
                c->p++;
                k++;
            }
            if (k == 0)
                return false;
            for (; k < 9; k++)
                fraction *= 10;
            has_fraction = true;
        }
        if (n == 0 || c->p >= c->end)
            return false;
        char unit = *c->p++;
        int index = -1;
        for (int i = in_time ? 3 : 0; i < (in_time ? 6 : 3); i++)
            if (order[i] == unit && i >= position) {
                index = i;
                break;
            }
        if (index < 0 || (has_fraction && unit != 'S'))
            return false;
        position = index + 1;
        any = true;
        switch (index) {
        case 0: years = v; ym = true; break;
        case 1: months = v; ym = true; break;
        case 2: days = v; dt = true; break;
        case 3: hours = v; dt = true; break;
        case 4: minutes = v; dt = true; break;
        default: seconds = v; nanos = fraction; dt = true; break;
        }
    }
    if (!any || (ym && dt) || (in_time && position <= 3))
        return false;
    if (ym) {
        out->kind = FEEL_YEARS_MONTHS_DURATION;
        out->as.months = (years * 12 + months) * (negative ? -1 : 1);
    } else {
        out->kind = FEEL_DAYS_TIME_DURATION;
        int64_t total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
        out->as.duration.seconds = negative ? -total : total;
        out->as.duration.nanos = negative ? -nanos : nanos;
    }
    return true;
}

const feel_value *svcr__feel_parse_temporal(feel_arena *arena, feel_kind kind, const char *text, size_t length)
{
    cursor c = {text, text + length};
    feel_value v = {.kind = kind};
    bool ok;
    switch (kind) {
    case FEEL_DATE:
        ok = parse_date(&c, &v.as.temporal.days);
        break;
    case FEEL_TIME:
        ok = parse_time(&c, &v.as.temporal);
        break;
    case FEEL_DATE_TIME:
        ok = parse_date(&c, &v.as.temporal.days);
        if (ok && literal(&c, 'T'))
            ok = parse_time(&c, &v.as.temporal);
        break;
    case FEEL_DAYS_TIME_DURATION:
    case FEEL_YEARS_MONTHS_DURATION:
        ok = parse_duration(&c, &v);
        break;
    default:
        ok = false;
    }
    if (!ok || c.p != c.end)
        return NULL;
    feel_value *out = svcr__feel_new(arena, v.kind);
    if (out == NULL)
        return &svcr__feel_null;
    *out = v;
    return out;
}

static int format_fraction(char *p, int32_t nanos)
{
    if (nanos == 0)
        return 0;
    char digits[16];
    snprintf(digits, sizeof digits, "%09d", (int)(nanos % 1000000000));
    int n = 9;
    while (digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    return sprintf(p, ".%s", digits);
}

static int format_time(char *p, const feel_temporal *t)
{
    int n = sprintf(p, "%02d:%02d:%02d", (int)(t->seconds / 3600), (int)(t->seconds / 60 % 60),
                    (int)(t->seconds % 60));
    n += format_fraction(p + n, t->nanos);
    if (t->has_offset) {
        if (t->offset == 0)
            n += sprintf(p + n, "Z");
        else {
            int o = t->offset < 0 ? -t->offset : t->offset;
            n += sprintf(p + n, "%c%02d:%02d", t->offset < 0 ? '-' : '+', o / 3600, o / 60 % 60);
        }
    }
    return n;
}

static int format_date(char *p, int64_t days)
{
    int64_t year;
    int month, day;
    svcr__civil_from_days(days, &year, &month, &day);
    return year < 0 ? sprintf(p, "-%04lld-%02d-%02d", (long long)-year, month, day)
                    : sprintf(p, "%04lld-%02d-%02d", (long long)year, month, day);
}

void svcr__feel_format_temporal(const feel_value *value, char text[64])
{
    char *p = text;
    switch (value->kind) {
    case FEEL_DATE:
        format_date(p, value->as.temporal.days);
        break;
    case FEEL_TIME:
        format_time(p, &value->as.temporal);
        break;
    case FEEL_DATE_TIME:
        p += format_date(p, value->as.temporal.days);
        *p++ = 'T';
        format_time(p, &value->as.temporal);
        break;
    case FEEL_YEARS_MONTHS_DURATION: {
        int64_t m = value->as.months;
        if (m < 0) {
            *p++ = '-';
            m = -m;
        }
        *p++ = 'P';
        if (m / 12 != 0)
            p += sprintf(p, "%lldY", (long long)(m / 12));
        if (m % 12 != 0 || m == 0)
            p += sprintf(p, "%lldM", (long long)(m % 12));
        *p = '\0';
        break;
    }
    case FEEL_DAYS_TIME_DURATION: {
        int64_t s = value->as.duration.seconds;
        int32_t nanos = value->as.duration.nanos;
        if (s < 0 || nanos < 0) {
            *p++ = '-';
            s = -s;
            nanos = -nanos;
        }
        *p++ = 'P';
        int64_t days = s / 86400, h = s / 3600 % 24, mi = s / 60 % 60, se = s % 60;
        if (days != 0)
            p += sprintf(p, "%lldD", (long long)days);
        if (h != 0 || mi != 0 || se != 0 || nanos != 0 || days == 0) {
            *p++ = 'T';
            if (h != 0)
                p += sprintf(p, "%lldH", (long long)h);
            if (mi != 0)
                p += sprintf(p, "%lldM", (long long)mi);
            if (se != 0 || nanos != 0 || (h == 0 && mi == 0)) {
                p += sprintf(p, "%lld", (long long)se);
                p += format_fraction(p, nanos);
                *p++ = 'S';
            }
        }
        *p = '\0';
        break;
    }
    default:
        *p = '\0';
    }
}
