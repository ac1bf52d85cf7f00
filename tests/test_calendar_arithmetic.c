/* Business-time arithmetic: hand-checked cases, DST, boundaries, and a brute-force comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/civil.h"
#include "support/test_alloc.h"

/* 9-17 Monday to Friday in UTC+01:00 (central European winter time). */
static const char office_json[] = "{\"name\": \"office\", \"utc_offset\": \"+01:00\","
                                  " \"hours\": {\"mon-fri\": [\"09:00-17:00\"]}}";

static int64_t at(const char *text)
{
    int64_t t = 0;
    if (svcr_time_parse(text, &t) != SVCR_OK)
        fail_msg("%s: %s", text, svcr_error_message());
    return t;
}

static svcr_calendar *parse(const char *json)
{
    svcr_calendar *calendar = NULL;
    if (svcr_calendar_parse(json, strlen(json), &calendar) != SVCR_OK)
        fail_msg("calendar: %s", svcr_error_message());
    return calendar;
}

static void assert_time(int64_t got, const char *want)
{
    if (got != at(want)) {
        char text[SVCR_TIME_FORMAT_SIZE];
        svcr_time_format(got, text, sizeof text);
        fail_msg("got %s, want %s", text, want);
    }
}

static int64_t add(const svcr_calendar *calendar, const char *from, int64_t seconds)
{
    int64_t out = 0;
    if (svcr_calendar_add(calendar, at(from), seconds, &out) != SVCR_OK)
        fail_msg("add %s + %lld: %s", from, (long long)seconds, svcr_error_message());
    return out;
}

static int64_t between(const svcr_calendar *calendar, const char *from, const char *to)
{
    int64_t out = 0;
    if (svcr_calendar_between(calendar, at(from), at(to), &out) != SVCR_OK)
        fail_msg("between %s and %s: %s", from, to, svcr_error_message());
    return out;
}

static bool is_open(const svcr_calendar *calendar, const char *when)
{
    bool open = false;
    assert_int_equal(svcr_calendar_is_open(calendar, at(when), &open), SVCR_OK);
    return open;
}

static int64_t next_open(const svcr_calendar *calendar, const char *when)
{
    int64_t out = 0;
    assert_int_equal(svcr_calendar_next_open(calendar, at(when), &out), SVCR_OK);
    return out;
}

/* The example: 8 business hours from Friday 16:00 of a 9-17 calendar. Friday gives one
 * hour (16-17) and Monday the other seven (9-16), so the deadline is Monday 16:00; Monday 15:00
 * is seven business hours away. */
static void friday_afternoon_lands_on_monday(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    assert_time(add(office, "2026-11-20T16:00:00+01:00", 8 * 3600), "2026-11-23T16:00:00+01:00");
    assert_time(add(office, "2026-11-20T16:00:00+01:00", 7 * 3600), "2026-11-23T15:00:00+01:00");
    assert_int_equal(between(office, "2026-11-20T16:00:00+01:00", "2026-11-23T15:00:00+01:00"), 7 * 3600);
    /* A span that ends exactly at closing time gives the closing time, not the next opening. */
    assert_time(add(office, "2026-11-20T16:00:00+01:00", 3600), "2026-11-20T17:00:00+01:00");
    svcr_calendar_free(office);
}

static void holiday_monday_pushes_to_tuesday(void **state)
{
    (void)state;
    svcr_calendar *office = parse("{\"utc_offset\": \"+01:00\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
                                  " \"holidays\": [{\"date\": \"2026-11-23\", \"name\": \"Founders' Day\"}]}");
    assert_time(add(office, "2026-11-20T16:00:00+01:00", 8 * 3600), "2026-11-24T16:00:00+01:00");
    assert_time(add(office, "2026-11-20T16:00:00+01:00", 7 * 3600), "2026-11-24T15:00:00+01:00");
    assert_false(is_open(office, "2026-11-23T12:00:00+01:00"));
    assert_time(next_open(office, "2026-11-20T17:00:00+01:00"), "2026-11-24T09:00:00+01:00");
    svcr_calendar_free(office);
}

static void closure_shortens_a_day(void **state)
{
    (void)state;
    svcr_calendar *office = parse("{\"utc_offset\": 3600, \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
                                  " \"closures\": [{\"date\": \"2026-11-23\", \"closed\": \"11:00-14:00\"},"
                                  " {\"date\": \"2026-11-23\", \"closed\": \"13:00-15:00\"}]}");
    assert_int_equal(between(office, "2026-11-23T00:00:00+01:00", "2026-11-24T00:00:00+01:00"), 4 * 3600);
    assert_false(is_open(office, "2026-11-23T14:59:59+01:00"));
    assert_true(is_open(office, "2026-11-23T15:00:00+01:00"));
    assert_time(add(office, "2026-11-23T10:00:00+01:00", 2 * 3600), "2026-11-23T16:00:00+01:00");
    svcr_calendar_free(office);
}

/* Europe/Berlin 2026: +02:00 from 29 March 01:00Z, +01:00 again from 25 October 01:00Z.
 * Sunday 01:00-05:00 local covers both changes (02:00-03:00 local is skipped, then repeated). */
static const char berlin_json[] =
    "{\"utc_offset\": \"+01:00\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"], \"sun\": [\"01:00-05:00\"]},"
    " \"offset_changes\": [{\"from\": \"2026-03-29T01:00:00Z\", \"utc_offset\": \"+02:00\"},"
    "                      {\"from\": \"2026-10-25T01:00:00Z\", \"utc_offset\": 3600}]}";

static void skipped_hour_shortens_the_interval(void **state)
{
    (void)state;
    svcr_calendar *berlin = parse(berlin_json);
    /* The 4-hour opening holds 3 real hours on the day the clocks go forward. */
    assert_int_equal(between(berlin, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"), 3 * 3600);
    assert_int_equal(between(berlin, "2026-03-22T00:00:00+01:00", "2026-03-23T00:00:00+01:00"), 4 * 3600);
    /* From 01:00 local, two business hours: 01:00-02:00 (+01:00), then 03:00-04:00 (+02:00). */
    assert_time(add(berlin, "2026-03-29T01:00:00+01:00", 2 * 3600), "2026-03-29T04:00:00+02:00");
    assert_time(add(berlin, "2026-03-29T04:00:00+02:00", -2 * 3600), "2026-03-29T01:00:00+01:00");
    assert_true(is_open(berlin, "2026-03-29T01:59:59+01:00"));
    assert_true(is_open(berlin, "2026-03-29T03:00:00+02:00"));
    assert_false(is_open(berlin, "2026-03-29T05:00:00+02:00"));
    /* Weekday hours follow the local clock: 09:00 is 08:00Z in winter and 07:00Z in summer. */
    assert_time(next_open(berlin, "2026-03-29T03:00:00Z"), "2026-03-30T07:00:00Z");
    assert_time(next_open(berlin, "2026-03-27T20:00:00Z"), "2026-03-29T00:00:00Z");
    int32_t offset = 0;
    assert_int_equal(svcr_calendar_utc_offset(berlin, at("2026-03-29T00:59:59Z"), &offset), SVCR_OK);
    assert_int_equal(offset, 3600);
    assert_int_equal(svcr_calendar_utc_offset(berlin, at("2026-03-29T01:00:00Z"), &offset), SVCR_OK);
    assert_int_equal(offset, 7200);
    svcr_calendar_free(berlin);
}

static void repeated_hour_counts_each_real_second(void **state)
{
    (void)state;
    svcr_calendar *berlin = parse(berlin_json);
    /* 01:00-05:00 local on the day the clocks go back holds 5 real hours. */
    assert_int_equal(between(berlin, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"), 5 * 3600);
    /* 02:30 local happens twice, open both times. */
    assert_true(is_open(berlin, "2026-10-25T02:30:00+02:00"));
    assert_true(is_open(berlin, "2026-10-25T02:30:00+01:00"));
    /* 01:00 local (+02:00) plus 3 real hours is 03:00 local the second time round, i.e. 02:00Z. */
    assert_time(add(berlin, "2026-10-25T01:00:00+02:00", 3 * 3600), "2026-10-25T02:00:00Z");
    assert_time(add(berlin, "2026-10-25T01:00:00+02:00", 5 * 3600), "2026-10-25T05:00:00+01:00");
    svcr_calendar_free(berlin);
}

/* An offset change in the middle of a business day (a host may feed any schedule). */
static void offset_change_inside_business_hours(void **state)
{
    (void)state;
    svcr_calendar *forward = parse(
        "{\"utc_offset\": \"+01:00\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
        " \"offset_changes\": [{\"from\": \"2026-11-25T11:00:00Z\", \"utc_offset\": \"+02:00\"}]}");
    /* 12:00 local becomes 13:00: the day holds 7 real hours. */
    assert_int_equal(between(forward, "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"), 7 * 3600);
    assert_time(add(forward, "2026-11-25T09:00:00+01:00", 8 * 3600), "2026-11-26T10:00:00+02:00");
    svcr_calendar_free(forward);
    svcr_calendar *back = parse(
        "{\"utc_offset\": \"+02:00\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
        " \"offset_changes\": [{\"from\": \"2026-11-25T11:00:00Z\", \"utc_offset\": \"+01:00\"}]}");
    /* 13:00 local becomes 12:00: the day holds 9 real hours. */
    assert_int_equal(between(back, "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"), 9 * 3600);
    assert_time(add(back, "2026-11-25T09:00:00+02:00", 8 * 3600), "2026-11-25T16:00:00+01:00");
    svcr_calendar_free(back);
}

static void leap_day_and_year_boundary(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    assert_time(add(office, "2024-02-28T16:00:00+01:00", 2 * 3600), "2024-02-29T10:00:00+01:00");
    assert_int_equal(between(office, "2024-02-01T00:00:00+01:00", "2024-03-01T00:00:00+01:00"),
                     21 * 8 * 3600);
    svcr_calendar_free(office);

    svcr_calendar *holidays = parse(
        "{\"utc_offset\": \"+01:00\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
        " \"holidays\": [\"2024-02-29\", \"2027-01-01\"]}");
    assert_time(add(holidays, "2024-02-28T16:00:00+01:00", 2 * 3600), "2024-03-01T10:00:00+01:00");
    /* Thursday 31 December 16:00 + 2 hours: New Year's Day is a holiday, then the weekend. */
    assert_time(add(holidays, "2026-12-31T16:00:00+01:00", 2 * 3600), "2027-01-04T10:00:00+01:00");
    assert_time(add(holidays, "2027-01-04T10:00:00+01:00", -2 * 3600), "2026-12-31T16:00:00+01:00");
    assert_int_equal(between(holidays, "2026-12-31T00:00:00+01:00", "2027-01-05T00:00:00+01:00"),
                     2 * 8 * 3600);
    svcr_calendar_free(holidays);
}

static void start_inside_closed_time(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    assert_time(add(office, "2026-11-21T12:00:00+01:00", 3600), "2026-11-23T10:00:00+01:00");
    assert_time(add(office, "2026-11-23T07:00:00+01:00", 3600), "2026-11-23T10:00:00+01:00");
    assert_time(next_open(office, "2026-11-21T12:00:00+01:00"), "2026-11-23T09:00:00+01:00");
    assert_time(next_open(office, "2026-11-23T09:30:00+01:00"), "2026-11-23T09:30:00+01:00");
    assert_time(next_open(office, "2026-11-23T17:00:00+01:00"), "2026-11-24T09:00:00+01:00");
    assert_true(is_open(office, "2026-11-23T09:00:00+01:00"));
    assert_true(is_open(office, "2026-11-23T16:59:59+01:00"));
    assert_false(is_open(office, "2026-11-23T17:00:00+01:00"));
    assert_false(is_open(office, "2026-11-23T08:59:59+01:00"));
    assert_int_equal(between(office, "2026-11-21T00:00:00+01:00", "2026-11-23T00:00:00+01:00"), 0);
    svcr_calendar_free(office);
}

/* Zero adds nothing, even in closed time; negative durations subtract business time. */
static void zero_and_negative_durations(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    assert_time(add(office, "2026-11-21T12:00:00+01:00", 0), "2026-11-21T12:00:00+01:00");
    assert_time(add(office, "2026-11-23T10:00:00+01:00", -3600), "2026-11-23T09:00:00+01:00");
    assert_time(add(office, "2026-11-23T10:00:00+01:00", -2 * 3600), "2026-11-20T16:00:00+01:00");
    assert_time(add(office, "2026-11-23T09:00:00+01:00", -3600), "2026-11-20T16:00:00+01:00");
    assert_time(add(office, "2026-11-21T12:00:00+01:00", -8 * 3600), "2026-11-20T09:00:00+01:00");
    assert_int_equal(between(office, "2026-11-23T10:00:00+01:00", "2026-11-20T16:00:00+01:00"), -2 * 3600);
    assert_int_equal(between(office, "2026-11-23T10:00:00+01:00", "2026-11-23T10:00:00+01:00"), 0);
    svcr_calendar_free(office);
}

static void long_spans_skip_weeks(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    /* 100 years of weekdays hold 8 hours each: 26089 weekdays from 2000 to 2099. */
    assert_int_equal(between(office, "2000-01-01T00:00:00+01:00", "2100-01-01T00:00:00+01:00"),
                     INT64_C(26089) * 8 * 3600);
    int64_t ten_years = INT64_C(2609) * 8 * 3600, out;
    assert_int_equal(svcr_calendar_add(office, at("2026-01-01T00:00:00Z"), ten_years, &out), SVCR_OK);
    int64_t check;
    assert_int_equal(svcr_calendar_between(office, at("2026-01-01T00:00:00Z"), out, &check), SVCR_OK);
    assert_int_equal(check, ten_years);
    assert_int_equal(svcr_calendar_add(office, out, -ten_years, &check), SVCR_OK);
    assert_time(check, "2026-01-01T09:00:00+01:00");
    svcr_calendar_free(office);

    svcr_calendar *always;
    assert_int_equal(svcr_calendar_new_24x7(&always), SVCR_OK);
    assert_string_equal(svcr_calendar_name(always), "24x7");
    assert_int_equal(svcr_calendar_add(always, 1000, INT64_C(1) << 36, &out), SVCR_OK);
    assert_int_equal(out, 1000 + (INT64_C(1) << 36));
    assert_int_equal(svcr_calendar_between(always, -INT64_C(62135596800), INT64_C(253402300799), &out),
                     SVCR_OK);
    assert_int_equal(out, INT64_C(253402300799) + INT64_C(62135596800));
    svcr_calendar_free(always);
}

static void range_limits_and_bad_arguments(void **state)
{
    (void)state;
    svcr_calendar *office = parse(office_json);
    int64_t out = 7;
    bool open = true;
    int32_t offset;
    assert_int_equal(svcr_calendar_add(office, INT64_C(253402300800), 1, &out), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "0001-9999"));
    assert_int_equal(svcr_calendar_add(office, 0, INT64_MAX, &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_calendar_add(office, 0, INT64_MIN, &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_calendar_add(office, 0, -INT64_MAX, &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_calendar_add(office, at("9999-12-31T16:00:00+01:00"), 3600, &out), SVCR_OK);
    assert_int_equal(svcr_calendar_add(office, at("9999-12-31T16:00:00+01:00"), 7200, &out), SVCR_EOVERFLOW);
    assert_int_equal(out, at("9999-12-31T17:00:00+01:00"));
    assert_int_equal(svcr_calendar_between(office, 0, INT64_MIN, &out), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_is_open(office, INT64_MAX, &open), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_next_open(office, INT64_MIN, &out), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_next_open(office, at("9999-12-31T18:00:00Z"), &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_calendar_add(NULL, 0, 1, &out), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "calendar"));
    assert_int_equal(svcr_calendar_add(office, 0, 1, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_between(NULL, 0, 1, &out), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_between(office, 0, 1, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_is_open(NULL, 0, &open), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_is_open(office, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_next_open(NULL, 0, &out), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_next_open(office, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_utc_offset(NULL, 0, &offset), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_utc_offset(office, 0, NULL), SVCR_EINVAL);
    assert_null(svcr_calendar_name(NULL));
    assert_int_equal(svcr_error_status(), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_new_24x7(NULL), SVCR_EINVAL);
    assert_true(open); /* untouched by the failures */
    svcr_calendar_free(office);
    svcr_calendar_free(NULL);
}

/* ---- Brute force: a minute-by-minute model of a random calendar must agree everywhere. ---- */

typedef struct model {
    int spans[7][3][2]; /* minutes after local midnight, per weekday (0 = Monday) */
    int span_count[7];
    int64_t holidays[4]; /* local day numbers */
    int64_t closure_day, closure[2];
    int64_t change_at[3]; /* UTC minutes */
    int offset[4];        /* minutes: offset[0] before change 0, offset[i + 1] from change i */
} model;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static int64_t rnd(int64_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (int64_t)(rng_state % (uint64_t)n);
}

static int model_offset(const model *m, int64_t minute)
{
    int i = 0;
    while (i < 3 && minute >= m->change_at[i])
        i++;
    return m->offset[i];
}

static int model_open(const model *m, int64_t minute)
{
    int64_t local = minute + model_offset(m, minute);
    int64_t day = local >= 0 ? local / 1440 : -((-local + 1439) / 1440);
    int in_day = (int)(local - day * 1440);
    for (int h = 0; h < 4; h++)
        if (m->holidays[h] == day)
            return 0;
    if (day == m->closure_day && in_day >= m->closure[0] && in_day < m->closure[1])
        return 0;
    int w = svcr__iso_weekday(day) - 1;
    for (int s = 0; s < m->span_count[w]; s++)
        if (in_day >= m->spans[w][s][0] && in_day < m->spans[w][s][1])
            return 1;
    return 0;
}

static const int64_t window_start = INT64_C(29500000); /* minutes: 2026-02-01 or so */
enum { WINDOW = 10 * 7 * 1440 };

static void random_model(model *m, svcr_calendar **out)
{
    static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    memset(m, 0, sizeof *m);
    int total = 0;
    for (int w = 0; w < 7; w++) {
        int cursor = (int)rnd(600);
        for (int s = 0, count = (int)rnd(4); s < count; s++) {
            int open = cursor + (int)rnd(240), close = open + 1 + (int)rnd(300);
            close = close > 1440 ? 1440 : close;
            if (open >= close)
                break;
            m->spans[w][s][0] = open;
            m->spans[w][s][1] = close;
            m->span_count[w]++;
            cursor = close + (int)rnd(2); /* sometimes touching the next one */
        }
        total += m->span_count[w];
    }
    if (total == 0) { /* a calendar must open some time */
        m->spans[2][0][0] = 600;
        m->spans[2][0][1] = 660;
        m->span_count[2] = 1;
    }
    int64_t first_day = window_start / 1440;
    for (int h = 0; h < 4; h++)
        m->holidays[h] = first_day + rnd(70);
    m->closure_day = first_day + rnd(70);
    m->closure[0] = rnd(1200);
    m->closure[1] = m->closure[0] + 1 + rnd(240);
    m->offset[0] = (int)rnd(13 * 60) - 6 * 60;
    int64_t change = window_start + rnd(20 * 1440);
    for (int c = 0; c < 3; c++) {
        m->change_at[c] = change;
        m->offset[c + 1] = m->offset[c] + (rnd(2) ? 60 : -60) * (int)(1 + rnd(3));
        change += 1 + rnd(20 * 1440);
    }

    char json[4096];
    size_t n = (size_t)snprintf(json, sizeof json, "{\"hours\": {");
    for (int w = 0; w < 7; w++) {
        n += (size_t)snprintf(json + n, sizeof json - n, "%s\"%s\": [", w ? ", " : "", names[w]);
        for (int s = 0; s < m->span_count[w]; s++)
            n += (size_t)snprintf(json + n, sizeof json - n, "%s\"%02d:%02d-%02d:%02d\"", s ? ", " : "",
                                  m->spans[w][s][0] / 60, m->spans[w][s][0] % 60,
                                  m->spans[w][s][1] / 60, m->spans[w][s][1] % 60);
        n += (size_t)snprintf(json + n, sizeof json - n, "]");
    }
    n += (size_t)snprintf(json + n, sizeof json - n, "}, \"holidays\": [");
    int64_t y;
    int mo, d;
    for (int h = 0; h < 4; h++) {
        svcr__civil_from_days(m->holidays[h], &y, &mo, &d);
        n += (size_t)snprintf(json + n, sizeof json - n, "%s\"%04d-%02d-%02d\"", h ? ", " : "", (int)y, mo, d);
    }
    svcr__civil_from_days(m->closure_day, &y, &mo, &d);
    n += (size_t)snprintf(json + n, sizeof json - n,
                          "], \"closures\": [{\"date\": \"%04d-%02d-%02d\", \"closed\": \"%02d:%02d-%02d:%02d\"}]",
                          (int)y, mo, d, (int)(m->closure[0] / 60), (int)(m->closure[0] % 60),
                          (int)(m->closure[1] / 60), (int)(m->closure[1] % 60));
    n += (size_t)snprintf(json + n, sizeof json - n, ", \"utc_offset\": %d, \"offset_changes\": [",
                          m->offset[0] * 60);
    for (int c = 0; c < 3; c++)
        n += (size_t)snprintf(json + n, sizeof json - n, "%s{\"from\": %lld, \"utc_offset\": %d}",
                              c ? ", " : "", (long long)m->change_at[c] * 60, m->offset[c + 1] * 60);
    snprintf(json + n, sizeof json - n, "]}");
    if (svcr_calendar_parse(json, strlen(json), out) != SVCR_OK)
        fail_msg("%s\n%s", svcr_error_message(), json);
}

static void agrees_with_a_minute_by_minute_model(void **state)
{
    (void)state;
    for (int round = 0; round < 40; round++) {
        model m;
        svcr_calendar *calendar;
        random_model(&m, &calendar);
        /* prefix[i] = open minutes in [window_start, window_start + i) */
        static int64_t prefix[WINDOW + 1];
        prefix[0] = 0;
        for (int64_t i = 0; i < WINDOW; i++)
            prefix[i + 1] = prefix[i] + model_open(&m, window_start + i);
        for (int probe = 0; probe < 200; probe++) {
            int64_t a = rnd(WINDOW / 2), b = rnd(WINDOW / 2);
            int64_t got;
            assert_int_equal(svcr_calendar_between(calendar, (window_start + a) * 60, (window_start + b) * 60, &got),
                             SVCR_OK);
            assert_int_equal(got, (prefix[b] - prefix[a]) * 60);
            bool open;
            assert_int_equal(svcr_calendar_is_open(calendar, (window_start + a) * 60, &open), SVCR_OK);
            assert_int_equal(open, model_open(&m, window_start + a));
            /* add: the earliest end with the wanted open minutes before it */
            int64_t want_minutes = rnd(prefix[WINDOW] - prefix[a] > 0 ? (prefix[WINDOW] - prefix[a]) / 2 + 1 : 1);
            int64_t end = a;
            while (prefix[end] - prefix[a] < want_minutes)
                end++;
            assert_int_equal(svcr_calendar_add(calendar, (window_start + a) * 60, want_minutes * 60, &got), SVCR_OK);
            assert_int_equal(got, (window_start + end) * 60);
            /* subtract: the latest start with the wanted open minutes after it */
            int64_t back_minutes = rnd(prefix[b] + 1);
            int64_t start = b;
            while (prefix[b] - prefix[start] < back_minutes)
                start--;
            assert_int_equal(svcr_calendar_add(calendar, (window_start + b) * 60, -back_minutes * 60, &got), SVCR_OK);
            assert_int_equal(got, (window_start + start) * 60);
            int64_t next = a;
            while (next < WINDOW && !model_open(&m, window_start + next))
                next++;
            if (next < WINDOW) {
                assert_int_equal(svcr_calendar_next_open(calendar, (window_start + a) * 60, &got), SVCR_OK);
                assert_int_equal(got, (window_start + next) * 60);
            }
        }
        svcr_calendar_free(calendar);
    }
}

static svcr_status arithmetic_allocates_nothing(void *unused)
{
    (void)unused;
    svcr_calendar *calendar;
    svcr_status status = svcr_calendar_parse(berlin_json, strlen(berlin_json), &calendar);
    if (status != SVCR_OK)
        return status;
    int64_t out;
    bool open;
    long before = test_alloc_count();
    status = svcr_calendar_add(calendar, at("2026-03-27T16:00:00+01:00"), 9 * 3600, &out);
    if (status == SVCR_OK)
        status = svcr_calendar_between(calendar, 0, out, &out);
    if (status == SVCR_OK)
        status = svcr_calendar_is_open(calendar, out, &open);
    if (status == SVCR_OK)
        status = svcr_calendar_next_open(calendar, 0, &out);
    if (test_alloc_count() != before)
        status = SVCR_EINVAL;
    svcr_calendar_free(calendar);
    return status;
}

static void arithmetic_never_allocates(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(arithmetic_allocates_nothing, NULL) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(friday_afternoon_lands_on_monday),
        cmocka_unit_test(holiday_monday_pushes_to_tuesday),
        cmocka_unit_test(closure_shortens_a_day),
        cmocka_unit_test(skipped_hour_shortens_the_interval),
        cmocka_unit_test(repeated_hour_counts_each_real_second),
        cmocka_unit_test(offset_change_inside_business_hours),
        cmocka_unit_test(leap_day_and_year_boundary),
        cmocka_unit_test(start_inside_closed_time),
        cmocka_unit_test(zero_and_negative_durations),
        cmocka_unit_test(long_spans_skip_weeks),
        cmocka_unit_test(range_limits_and_bad_arguments),
        cmocka_unit_test(agrees_with_a_minute_by_minute_model),
        cmocka_unit_test(arithmetic_never_allocates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
