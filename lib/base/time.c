/* Parsing and formatting instants: ISO 8601 / RFC 3339 in, UTC ISO 8601 out. */
#include "base/civil.h"
#include "base/error.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Read exactly @p count digits at *p into *value. */
static bool read_digits(const char **p, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += count;
    *value = v;
    return true;
}

static svcr_status out_of_range(const char *text)
{
    return svcr__fail(SVCR_EOVERFLOW,
                      "svcr_time_parse: \"%s\" is outside years 0001-9999 (0001-01-01T00:00:00Z to "
                      "9999-12-31T23:59:59Z)",
                      text);
}

/* "@1795424400": seconds since the epoch, marked as such so that no number is mistaken for one. */
static svcr_status parse_epoch(const char *text, int64_t *out)
{
    const char *p = text + 1;
    bool negative = *p == '-';
    if (negative)
        p++;
    if (*p < '0' || *p > '9')
        return svcr__fail(SVCR_EINVAL, "svcr_time_parse: \"%s\" is not a time; epoch seconds are "
                          "written @1795424400", text);
    int64_t value = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (value > SVCR_TIME_MAX) /* keeps the arithmetic below far from overflow */
            return out_of_range(text);
        value = value * 10 + (*p - '0');
    }
    if (*p != '\0')
        return svcr__fail(SVCR_EINVAL, "svcr_time_parse: \"%s\" is not a time; epoch seconds are "
                          "written @1795424400", text);
    if (negative)
        value = -value;
    if (value < SVCR_TIME_MIN || value > SVCR_TIME_MAX)
        return out_of_range(text);
    *out = value;
    return SVCR_OK;
}

static svcr_status invalid(const char *text, const char *why)
{
    return svcr__fail(SVCR_EINVAL,
                      "svcr_time_parse: \"%s\" is not a time (%s); use ISO 8601 such as "
                      "2026-11-23T09:00:00Z or epoch seconds as @1795424400",
                      text, why);
}

svcr_status svcr_time_parse(const char *text, int64_t *out)
{
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(out);
    const char *p = text;
    if (*p == '@')
        return parse_epoch(text, out);
    /* A bare number is a year (2026), a compact date (20261123) or seconds: refuse to guess. */
    const char *digits = (*p == '-' || *p == '+') ? p + 1 : p;
    if (*digits != '\0' && strspn(digits, "0123456789") == strlen(digits))
        return invalid(text, "a bare number is ambiguous");

    int year, month, day, hour = 0, minute = 0, second = 0;
    if (!read_digits(&p, 4, &year) || *p++ != '-' || !read_digits(&p, 2, &month) || *p++ != '-' ||
        !read_digits(&p, 2, &day))
        return invalid(text, "expected YYYY-MM-DD");
    if (month < 1 || month > 12 || day < 1 || day > svcr__days_in_month(year, month))
        return invalid(text, "no such date");
    int offset_seconds = 0;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!read_digits(&p, 2, &hour) || *p++ != ':' || !read_digits(&p, 2, &minute))
            return invalid(text, "expected hh:mm after the date");
        if (*p == ':') {
            p++;
            if (!read_digits(&p, 2, &second))
                return invalid(text, "expected two digits of seconds");
        }
        if (*p == '.') /* fractions of a second are accepted and dropped */
            for (p++; *p >= '0' && *p <= '9'; p++) {
            }
        if (hour > 23 || minute > 59 || second > 60)
            return invalid(text, "hour, minute or second out of range");
        if (second == 60) /* a leap second is the same instant as the next second's start */
            second = 59;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om;
            if (!read_digits(&p, 2, &oh))
                return invalid(text, "bad UTC offset");
            if (*p == ':')
                p++;
            if (!read_digits(&p, 2, &om) || oh > 23 || om > 59)
                return invalid(text, "bad UTC offset");
            offset_seconds = sign * (oh * 3600 + om * 60);
        } else {
            return invalid(text, "missing Z or UTC offset");
        }
    }
    if (*p != '\0')
        return invalid(text, "unexpected text after the time");
    int64_t days = svcr__days_from_civil(year, month, day);
    int64_t t = days * SVCR_SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset_seconds;
    if (t < SVCR_TIME_MIN || t > SVCR_TIME_MAX) /* year 0000, or an offset that leaves the range */
        return out_of_range(text);
    *out = t;
    return SVCR_OK;
}

svcr_status svcr_time_format(int64_t t, char *buf, size_t size)
{
    SVCR_REQUIRE_ARG(buf);
    if (size > 0)
        buf[0] = '\0';
    if (t < SVCR_TIME_MIN || t > SVCR_TIME_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_time_format: %" PRId64 " is outside years 0001-9999", t);
    int64_t days = svcr__day_of(t);
    int64_t second_of_day = t - days * SVCR_SECONDS_PER_DAY;
    int64_t year;
    int month, day;
    svcr__civil_from_days(days, &year, &month, &day);
    int written = snprintf(buf, size, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                           (int)(second_of_day / 3600), (int)(second_of_day / 60 % 60),
                           (int)(second_of_day % 60));
    if (written < 0 || (size_t)written >= size) {
        if (size > 0)
            buf[0] = '\0';
        return svcr__fail(SVCR_EINVAL, "svcr_time_format: buffer of %zu bytes is too small", size);
    }
    return SVCR_OK;
}
