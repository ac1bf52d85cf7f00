/* Collecting a calendar's hours, closures and offsets, and compiling them into a calendar. */
#include "calendar/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/civil.h"
#include "base/error.h"

static const char *const weekday_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                             "Friday",  "Saturday", "Sunday"};

svcr_status svcr_calendar_builder_new(const char *name, svcr_calendar_builder **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_calendar_builder *builder = svcr__calloc(1, sizeof *builder);
    if (builder == NULL)
        return svcr__fail_nomem("creating a calendar builder");
    builder->name = svcr__strdup(name != NULL ? name : "");
    if (builder->name == NULL) {
        svcr__free(builder);
        return svcr__fail_nomem("creating a calendar builder");
    }
    *out = builder;
    return SVCR_OK;
}

void svcr_calendar_builder_free(svcr_calendar_builder *builder)
{
    if (builder == NULL)
        return;
    svcr__free(builder->name);
    svcr__free(builder->hours);
    svcr__free(builder->closures);
    svcr__free(builder->changes);
    svcr__free(builder);
}

/* "09:00" or "09:00:30"; @p buf holds at least 9 bytes. */
static const char *time_text(int32_t seconds, char buf[16])
{
    if (seconds % 60 != 0)
        snprintf(buf, 16, "%02d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
                 (int)(seconds % 60));
    else
        snprintf(buf, 16, "%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60));
    return buf;
}

static svcr_status check_span(int32_t open, int32_t close)
{
    if (open < 0 || close > SVCR_CALENDAR_DAY_SECONDS || open >= close)
        return svcr__fail(SVCR_EINVAL,
                          "interval of seconds %d-%d is not within a day with open before close "
                          "(0 <= open < close <= 86400)",
                          (int)open, (int)close);
    return SVCR_OK;
}

svcr_status svcr_calendar_builder_add_hours(svcr_calendar_builder *builder, int weekday,
                                            int32_t open, int32_t close)
{
    SVCR_REQUIRE_ARG(builder);
    if (weekday < 1 || weekday > 7)
        return svcr__fail(SVCR_EINVAL, "weekday %d is not 1 (Monday) to 7 (Sunday)", weekday);
    svcr_status status = check_span(open, close);
    if (status != SVCR_OK)
        return status;
    for (size_t i = 0; i < builder->hours_count; i++) {
        const svcr__weekly_span *other = &builder->hours[i];
        if (other->weekday == weekday && open < other->span.close && other->span.open < close) {
            char a[16], b[16], c[16], d[16];
            return svcr__fail(SVCR_ECONFLICT, "%s-%s overlaps %s-%s on %s", time_text(open, a),
                              time_text(close, b), time_text(other->span.open, c),
                              time_text(other->span.close, d), weekday_names[weekday - 1]);
        }
    }
    if (svcr__grow((void **)&builder->hours, &builder->hours_capacity, builder->hours_count + 1,
                   sizeof *builder->hours) != 0)
        return svcr__fail_nomem("adding opening hours");
    builder->hours[builder->hours_count++] = (svcr__weekly_span){weekday, {open, close}};
    return SVCR_OK;
}

static svcr_status check_date(int year, int month, int day, int64_t *day_number)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > svcr__days_in_month(year, month))
        return svcr__fail(SVCR_EINVAL, "%04d-%02d-%02d is not a date in years 0001-9999", year, month,
                          day);
    *day_number = svcr__days_from_civil(year, month, day);
    return SVCR_OK;
}

static svcr_status add_closure(svcr_calendar_builder *builder, int64_t day, int32_t from, int32_t to)
{
    if (svcr__grow((void **)&builder->closures, &builder->closures_capacity,
                   builder->closures_count + 1, sizeof *builder->closures) != 0)
        return svcr__fail_nomem("adding a closure");
    builder->closures[builder->closures_count++] = (svcr__closure){day, {from, to}};
    return SVCR_OK;
}

svcr_status svcr_calendar_builder_add_holiday(svcr_calendar_builder *builder, int year, int month,
                                              int day)
{
    SVCR_REQUIRE_ARG(builder);
    int64_t day_number = 0;
    svcr_status status = check_date(year, month, day, &day_number);
    if (status != SVCR_OK)
        return status;
    return add_closure(builder, day_number, 0, SVCR_CALENDAR_DAY_SECONDS);
}

svcr_status svcr_calendar_builder_add_closure(svcr_calendar_builder *builder, int year, int month,
                                              int day, int32_t from, int32_t to)
{
    SVCR_REQUIRE_ARG(builder);
    int64_t day_number = 0;
    svcr_status status = check_date(year, month, day, &day_number);
    if (status == SVCR_OK)
        status = check_span(from, to);
    if (status != SVCR_OK)
        return status;
    return add_closure(builder, day_number, from, to);
}

static svcr_status check_offset(int32_t offset)
{
    if (offset < -SVCR_CALENDAR_MAX_OFFSET || offset > SVCR_CALENDAR_MAX_OFFSET)
        return svcr__fail(SVCR_EINVAL, "UTC offset of %d seconds is beyond 18 hours", (int)offset);
    return SVCR_OK;
}

svcr_status svcr_calendar_builder_set_utc_offset(svcr_calendar_builder *builder, int32_t offset)
{
    SVCR_REQUIRE_ARG(builder);
    svcr_status status = check_offset(offset);
    if (status == SVCR_OK)
        builder->base_offset = offset;
    return status;
}

svcr_status svcr_calendar_builder_add_offset_change(svcr_calendar_builder *builder, int64_t from,
                                                    int32_t offset)
{
    SVCR_REQUIRE_ARG(builder);
    svcr_status status = check_offset(offset);
    if (status == SVCR_OK)
        status = svcr__calendar_check_instant("svcr_calendar_builder_add_offset_change", "from", from);
    if (status != SVCR_OK)
        return status;
    if (builder->changes_count > 0 && from <= builder->changes[builder->changes_count - 1].at) {
        char when[SVCR_TIME_FORMAT_SIZE], previous[SVCR_TIME_FORMAT_SIZE];
        svcr_time_format(from, when, sizeof when);
        svcr_time_format(builder->changes[builder->changes_count - 1].at, previous, sizeof previous);
        return svcr__fail(SVCR_EINVAL, "offset change at %s is not after the previous one at %s",
                          when, previous);
    }
    if (svcr__grow((void **)&builder->changes, &builder->changes_capacity,
                   builder->changes_count + 1, sizeof *builder->changes) != 0)
        return svcr__fail_nomem("adding an offset change");
    builder->changes[builder->changes_count++] = (svcr__offset_change){from, offset};
    return SVCR_OK;
}

static int compare_weekly(const void *a, const void *b)
{
    const svcr__weekly_span *x = a, *y = b;
    if (x->weekday != y->weekday)
        return x->weekday < y->weekday ? -1 : 1;
    return (x->span.open > y->span.open) - (x->span.open < y->span.open);
}

static int compare_closures(const void *a, const void *b)
{
    const svcr__closure *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->span.open > y->span.open) - (x->span.open < y->span.open);
}

/* Append span to the pool, joining it to the previous one when they touch. */
static void push_span(svcr_calendar *calendar, size_t *count, svcr__day_hours *day, svcr__span span)
{
    if (day->count > 0 && calendar->spans[*count - 1].close == span.open) {
        calendar->spans[*count - 1].close = span.close;
    } else {
        calendar->spans[(*count)++] = span;
        day->count++;
    }
    day->seconds += span.close - span.open;
}

/* The hours of a special day: its weekday's hours minus the day's closures (sorted by start). */
static void special_hours(svcr_calendar *calendar, size_t *count, const svcr__day_hours *week,
                          const svcr__closure *closures, size_t n, svcr__day_hours *out)
{
    *out = (svcr__day_hours){(uint32_t)*count, 0, 0};
    for (uint32_t s = week->first; s < week->first + week->count; s++) {
        svcr__span open = calendar->spans[s];
        int32_t cursor = open.open;
        for (size_t c = 0; c < n && cursor < open.close; c++) {
            if (closures[c].span.close <= cursor)
                continue;
            if (closures[c].span.open >= open.close)
                break;
            if (closures[c].span.open > cursor)
                push_span(calendar, count, out, (svcr__span){cursor, closures[c].span.open});
            cursor = closures[c].span.close;
        }
        if (cursor < open.close)
            push_span(calendar, count, out, (svcr__span){cursor, open.close});
    }
}

static void *copy_sorted(const void *items, size_t count, size_t size,
                         int (*compare)(const void *, const void *))
{
    void *copy = svcr__reallocarray(NULL, count > 0 ? count : 1, size);
    if (copy != NULL && count > 0) {
        memcpy(copy, items, count * size);
        qsort(copy, count, size, compare);
    }
    return copy;
}

svcr_status svcr_calendar_builder_build(const svcr_calendar_builder *builder, svcr_calendar **out)
{
    SVCR_REQUIRE_ARG(builder);
    SVCR_REQUIRE_ARG(out);
    if (builder->hours_count == 0)
        return svcr__fail(SVCR_EINVAL, "calendar \"%s\" has no opening hours on any weekday",
                          builder->name);

    svcr__weekly_span *hours =
        copy_sorted(builder->hours, builder->hours_count, sizeof *hours, compare_weekly);
    svcr__closure *closures =
        copy_sorted(builder->closures, builder->closures_count, sizeof *closures, compare_closures);
    svcr_calendar *calendar = svcr__calloc(1, sizeof *calendar);
    size_t special_count = 0;
    for (size_t i = 0; i < builder->closures_count && closures != NULL; i++)
        special_count += i == 0 || closures[i].day != closures[i - 1].day;
    if (hours == NULL || closures == NULL || calendar == NULL)
        goto nomem;

    /* Subtracting n closures from a day's m disjoint spans leaves at most m + n spans. */
    uint32_t most_per_day = 0, per_day = 0;
    for (size_t i = 0; i < builder->hours_count; i++) {
        per_day = i > 0 && hours[i].weekday == hours[i - 1].weekday ? per_day + 1 : 1;
        most_per_day = per_day > most_per_day ? per_day : most_per_day;
    }
    size_t span_capacity = builder->hours_count + special_count * most_per_day + builder->closures_count;
    calendar->name = svcr__strdup(builder->name);
    calendar->spans = svcr__reallocarray(NULL, span_capacity, sizeof *calendar->spans);
    calendar->special_days = svcr__reallocarray(NULL, special_count + 1, sizeof(int64_t));
    calendar->special_hours = svcr__reallocarray(NULL, special_count + 1, sizeof(svcr__day_hours));
    calendar->change_at = svcr__reallocarray(NULL, builder->changes_count + 1, sizeof(int64_t));
    calendar->change_offset = svcr__reallocarray(NULL, builder->changes_count + 1, sizeof(int32_t));
    if (calendar->name == NULL || calendar->spans == NULL || calendar->special_days == NULL ||
        calendar->special_hours == NULL || calendar->change_at == NULL ||
        calendar->change_offset == NULL)
        goto nomem;

    size_t span_count = 0;
    for (int w = 1; w <= 7; w++) {
        svcr__day_hours *day = &calendar->week[w - 1];
        *day = (svcr__day_hours){(uint32_t)span_count, 0, 0};
        for (size_t i = 0; i < builder->hours_count; i++)
            if (hours[i].weekday == w)
                push_span(calendar, &span_count, day, hours[i].span);
        calendar->week_seconds += day->seconds;
    }
    for (size_t i = 0; i < builder->closures_count;) {
        size_t end = i;
        while (end < builder->closures_count && closures[end].day == closures[i].day)
            end++;
        const svcr__day_hours *week = &calendar->week[svcr__iso_weekday(closures[i].day) - 1];
        calendar->special_days[calendar->special_count] = closures[i].day;
        special_hours(calendar, &span_count, week, closures + i, end - i,
                      &calendar->special_hours[calendar->special_count]);
        calendar->special_count++;
        i = end;
    }
    calendar->base_offset = builder->base_offset;
    calendar->change_count = builder->changes_count;
    for (size_t i = 0; i < builder->changes_count; i++) {
        calendar->change_at[i] = builder->changes[i].at;
        calendar->change_offset[i] = builder->changes[i].offset;
    }
    svcr__free(hours);
    svcr__free(closures);
    *out = calendar;
    return SVCR_OK;

nomem:
    svcr__free(hours);
    svcr__free(closures);
    svcr_calendar_free(calendar);
    return svcr__fail_nomem("building a calendar");
}
