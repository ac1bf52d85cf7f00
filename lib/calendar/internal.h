/* Private: the compiled calendar and the builder, shared by the calendar's source files. */
#ifndef SVCR_CALENDAR_INTERNAL_H
#define SVCR_CALENDAR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <svcrecover/calendar.h>

/* Instants the calendar accepts: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define SVCR__CALENDAR_MIN_INSTANT INT64_C(-62135596800)
#define SVCR__CALENDAR_MAX_INSTANT INT64_C(253402300799)

enum { SVCR__WEEK_SECONDS = 7 * 86400 };

/* Local opening [open, close), in seconds after local midnight. */
typedef struct svcr__span {
    int32_t open;
    int32_t close;
} svcr__span;

/* One local day's opening: spans[first .. first + count) of the calendar, sorted, disjoint and
 * not touching; @c seconds is their total length. */
typedef struct svcr__day_hours {
    uint32_t first;
    uint32_t count;
    int32_t seconds;
} svcr__day_hours;

struct svcr_calendar {
    char *name;
    svcr__day_hours week[7]; /* index 0 = Monday */
    int64_t week_seconds;    /* > 0: a calendar that never opens is rejected when built */
    svcr__span *spans;
    /* Dates whose hours differ from their weekday's (holidays, closures), as day numbers
     * (days since 1970-01-01 in local time), sorted and unique, with their hours. */
    size_t special_count;
    int64_t *special_days;
    svcr__day_hours *special_hours;
    /* The UTC offset is base_offset before change_at[0], change_offset[i] from change_at[i]. */
    int32_t base_offset;
    size_t change_count;
    int64_t *change_at;
    int32_t *change_offset;
};

/* An interval of weekly hours as the builder collects them. */
typedef struct svcr__weekly_span {
    int weekday; /* 1 = Monday ... 7 = Sunday */
    svcr__span span;
} svcr__weekly_span;

/* Part of a date closed: [span.open, span.close) of local day @c day; a holiday closes all. */
typedef struct svcr__closure {
    int64_t day;
    svcr__span span;
} svcr__closure;

typedef struct svcr__offset_change {
    int64_t at;
    int32_t offset;
} svcr__offset_change;

struct svcr_calendar_builder {
    char *name;
    svcr__weekly_span *hours;
    size_t hours_count, hours_capacity;
    svcr__closure *closures; /* holidays are closures of the whole day */
    size_t closures_count, closures_capacity;
    int32_t base_offset;
    svcr__offset_change *changes;
    size_t changes_count, changes_capacity;
};

/* Whether an instant lies in the supported range; records SVCR_EINVAL naming @p what if not. */
svcr_status svcr__calendar_check_instant(const char *function, const char *what, int64_t at);

#endif
