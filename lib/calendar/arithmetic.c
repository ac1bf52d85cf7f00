/* Business-time arithmetic.
 *
 * The offset schedule cuts the UTC timeline into segments of constant offset. Inside a segment,
 * local time is UTC shifted by that offset, so each operation maps the part of its range inside
 * a segment to local time, walks local days and their opening spans there, and moves on to the
 * next segment. A local hour skipped by a change lies in no segment; a repeated one lies in two.
 * Runs of whole ordinary weeks (no special date in them) are skipped in one step. */
#include "calendar/internal.h"

#include <inttypes.h>

#include "base/civil.h"
#include "base/error.h"

/* A piece of the UTC timeline [start, end) with one offset. */
typedef struct segment {
    int64_t start;
    int64_t end;
    int32_t offset;
} segment;

/* Segment i runs from change i - 1 to change i; segment 0 starts at the range's start and the
 * last one ends just after its end. */
static segment segment_of(const svcr_calendar *calendar, size_t i)
{
    segment s;
    s.start = i == 0 ? SVCR__CALENDAR_MIN_INSTANT : calendar->change_at[i - 1];
    s.end = i < calendar->change_count ? calendar->change_at[i] : SVCR__CALENDAR_MAX_INSTANT + 1;
    s.offset = i == 0 ? calendar->base_offset : calendar->change_offset[i - 1];
    return s;
}

/* The index of the first element of sorted @p values that is greater than @p value. */
static size_t upper_bound(const int64_t *values, size_t count, int64_t value)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (values[middle] <= value)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The index of the segment holding @p at. */
static size_t segment_index(const svcr_calendar *calendar, int64_t at)
{
    return upper_bound(calendar->change_at, calendar->change_count, at);
}

static const svcr__day_hours *hours_of(const svcr_calendar *calendar, int64_t day)
{
    size_t i = upper_bound(calendar->special_days, calendar->special_count, day);
    if (i > 0 && calendar->special_days[i - 1] == day)
        return &calendar->special_hours[i - 1];
    return &calendar->week[svcr__iso_weekday(day) - 1];
}

/* How many whole weeks from @p day on (at most @p limit) hold no special date. */
static int64_t plain_weeks_after(const svcr_calendar *calendar, int64_t day, int64_t limit)
{
    size_t i = upper_bound(calendar->special_days, calendar->special_count, day - 1);
    if (i == calendar->special_count)
        return limit;
    int64_t weeks = (calendar->special_days[i] - day) / 7;
    return weeks < limit ? weeks : limit;
}

/* How many whole weeks ending with @p day (at most @p limit) hold no special date. */
static int64_t plain_weeks_before(const svcr_calendar *calendar, int64_t day, int64_t limit)
{
    size_t i = upper_bound(calendar->special_days, calendar->special_count, day);
    if (i == 0)
        return limit;
    int64_t weeks = (day - calendar->special_days[i - 1]) / 7;
    return weeks < limit ? weeks : limit;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* Span @p s of the day starting at local time @p start, cut to [from, to): 1 and its ends in
 * *a and *b when anything is left, else 0. */
static int clip(const svcr_calendar *calendar, uint32_t s, int64_t start, int64_t from, int64_t to,
                int64_t *a, int64_t *b)
{
    *a = max64(start + calendar->spans[s].open, from);
    *b = min64(start + calendar->spans[s].close, to);
    return *a < *b;
}

/* Business seconds in the local range [from, to). */
static int64_t local_between(const svcr_calendar *calendar, int64_t from, int64_t to)
{
    int64_t total = 0;
    for (int64_t day = svcr__day_of(from); day * SVCR_SECONDS_PER_DAY < to;) {
        int64_t start = day * SVCR_SECONDS_PER_DAY;
        if (start >= from) {
            int64_t weeks = plain_weeks_after(calendar, day, (to - start) / SVCR__WEEK_SECONDS);
            if (weeks > 0) {
                total += weeks * calendar->week_seconds;
                day += 7 * weeks;
                continue;
            }
        }
        const svcr__day_hours *hours = hours_of(calendar, day);
        int64_t a, b;
        for (uint32_t s = hours->first; s < hours->first + hours->count; s++)
            if (clip(calendar, s, start, from, to, &a, &b))
                total += b - a;
        day++;
    }
    return total;
}

/* Walk forward through the local range [from, to) spending *remaining (> 0) business seconds.
 * Returns 1 with *at set to the earliest local time where they run out, or 0 with *remaining
 * reduced by the business seconds the range held. */
static int local_advance(const svcr_calendar *calendar, int64_t from, int64_t to, int64_t *remaining,
                         int64_t *at)
{
    for (int64_t day = svcr__day_of(from); day * SVCR_SECONDS_PER_DAY < to;) {
        int64_t start = day * SVCR_SECONDS_PER_DAY;
        if (start >= from && *remaining > calendar->week_seconds) {
            /* Skip only weeks that leave something to spend, so the end is found by the spans. */
            int64_t limit = min64((to - start) / SVCR__WEEK_SECONDS,
                                  (*remaining - 1) / calendar->week_seconds);
            int64_t weeks = plain_weeks_after(calendar, day, limit);
            if (weeks > 0) {
                *remaining -= weeks * calendar->week_seconds;
                day += 7 * weeks;
                continue;
            }
        }
        const svcr__day_hours *hours = hours_of(calendar, day);
        int64_t a, b;
        for (uint32_t s = hours->first; s < hours->first + hours->count; s++) {
            if (!clip(calendar, s, start, from, to, &a, &b))
                continue;
            if (b - a >= *remaining) {
                *at = a + *remaining;
                return 1;
            }
            *remaining -= b - a;
        }
        day++;
    }
    return 0;
}

/* The mirror of local_advance(): walk backward from @p to down to @p from; *at receives the
 * latest local time that leaves *remaining business seconds before @p to. */
static int local_retreat(const svcr_calendar *calendar, int64_t from, int64_t to, int64_t *remaining,
                         int64_t *at)
{
    for (int64_t day = svcr__day_of(to - 1); (day + 1) * SVCR_SECONDS_PER_DAY > from;) {
        int64_t start = day * SVCR_SECONDS_PER_DAY;
        if (start + SVCR_SECONDS_PER_DAY <= to && *remaining > calendar->week_seconds) {
            int64_t limit = min64((start + SVCR_SECONDS_PER_DAY - from) / SVCR__WEEK_SECONDS,
                                  (*remaining - 1) / calendar->week_seconds);
            int64_t weeks = plain_weeks_before(calendar, day, limit);
            if (weeks > 0) {
                *remaining -= weeks * calendar->week_seconds;
                day -= 7 * weeks;
                continue;
            }
        }
        const svcr__day_hours *hours = hours_of(calendar, day);
        int64_t a, b;
        for (uint32_t s = hours->first + hours->count; s-- > hours->first;) {
            if (!clip(calendar, s, start, from, to, &a, &b))
                continue;
            if (b - a >= *remaining) {
                *at = b - *remaining;
                return 1;
            }
            *remaining -= b - a;
        }
        day--;
    }
    return 0;
}

/* The first open local time in [from, to), if any. A calendar is open some time every week
 * outside its special dates, so this looks at a bounded number of days. */
static int local_next_open(const svcr_calendar *calendar, int64_t from, int64_t to, int64_t *at)
{
    for (int64_t day = svcr__day_of(from); day * SVCR_SECONDS_PER_DAY < to; day++) {
        int64_t start = day * SVCR_SECONDS_PER_DAY;
        const svcr__day_hours *hours = hours_of(calendar, day);
        int64_t a, b;
        for (uint32_t s = hours->first; s < hours->first + hours->count; s++) {
            if (clip(calendar, s, start, from, to, &a, &b)) {
                *at = a;
                return 1;
            }
        }
    }
    return 0;
}

static int local_is_open(const svcr_calendar *calendar, int64_t at)
{
    int64_t day = svcr__day_of(at);
    int32_t second = (int32_t)(at - day * SVCR_SECONDS_PER_DAY);
    const svcr__day_hours *hours = hours_of(calendar, day);
    for (uint32_t s = hours->first; s < hours->first + hours->count; s++)
        if (calendar->spans[s].open <= second && second < calendar->spans[s].close)
            return 1;
    return 0;
}

svcr_status svcr_calendar_between(const svcr_calendar *calendar, int64_t from, int64_t to,
                                  int64_t *out)
{
    SVCR_REQUIRE_ARG(calendar);
    SVCR_REQUIRE_ARG(out);
    svcr_status status = svcr__calendar_check_instant(__func__, "from", from);
    if (status == SVCR_OK)
        status = svcr__calendar_check_instant(__func__, "to", to);
    if (status != SVCR_OK)
        return status;
    int sign = 1;
    if (to < from) {
        int64_t swap = from;
        from = to;
        to = swap;
        sign = -1;
    }
    int64_t total = 0;
    for (size_t i = segment_index(calendar, from); from < to; i++) {
        segment s = segment_of(calendar, i);
        int64_t end = min64(to, s.end);
        if (from < end)
            total += local_between(calendar, from + s.offset, end + s.offset);
        from = end;
    }
    *out = sign * total;
    return SVCR_OK;
}

svcr_status svcr_calendar_add(const svcr_calendar *calendar, int64_t from, int64_t seconds,
                              int64_t *out)
{
    SVCR_REQUIRE_ARG(calendar);
    SVCR_REQUIRE_ARG(out);
    svcr_status status = svcr__calendar_check_instant(__func__, "from", from);
    if (status != SVCR_OK)
        return status;
    if (seconds == 0) {
        *out = from;
        return SVCR_OK;
    }
    size_t i = segment_index(calendar, from);
    if (seconds > 0) {
        int64_t remaining = seconds;
        for (; i <= calendar->change_count; i++) {
            segment s = segment_of(calendar, i);
            int64_t start = max64(from, s.start), at;
            if (start < s.end &&
                local_advance(calendar, start + s.offset, s.end + s.offset, &remaining, &at)) {
                if (at - s.offset > SVCR__CALENDAR_MAX_INSTANT)
                    break;
                *out = at - s.offset;
                return SVCR_OK;
            }
        }
    } else if (seconds != INT64_MIN) {
        int64_t remaining = -seconds;
        for (;; i--) {
            segment s = segment_of(calendar, i);
            int64_t end = min64(from, s.end), at;
            if (s.start < end &&
                local_retreat(calendar, s.start + s.offset, end + s.offset, &remaining, &at)) {
                *out = at - s.offset;
                return SVCR_OK;
            }
            if (i == 0)
                break;
        }
    }
    return svcr__fail(SVCR_EOVERFLOW, "%s: adding %" PRId64 " business seconds leaves years 0001-9999",
                      __func__, seconds);
}

svcr_status svcr_calendar_is_open(const svcr_calendar *calendar, int64_t at, bool *open)
{
    SVCR_REQUIRE_ARG(calendar);
    SVCR_REQUIRE_ARG(open);
    svcr_status status = svcr__calendar_check_instant(__func__, "at", at);
    if (status != SVCR_OK)
        return status;
    segment s = segment_of(calendar, segment_index(calendar, at));
    *open = local_is_open(calendar, at + s.offset);
    return SVCR_OK;
}

svcr_status svcr_calendar_next_open(const svcr_calendar *calendar, int64_t at, int64_t *out)
{
    SVCR_REQUIRE_ARG(calendar);
    SVCR_REQUIRE_ARG(out);
    svcr_status status = svcr__calendar_check_instant(__func__, "at", at);
    if (status != SVCR_OK)
        return status;
    for (size_t i = segment_index(calendar, at); i <= calendar->change_count; i++) {
        segment s = segment_of(calendar, i);
        int64_t start = max64(at, s.start), local;
        if (start < s.end && local_next_open(calendar, start + s.offset, s.end + s.offset, &local)) {
            if (local - s.offset > SVCR__CALENDAR_MAX_INSTANT)
                break;
            *out = local - s.offset;
            return SVCR_OK;
        }
    }
    return svcr__fail(SVCR_EOVERFLOW, "%s: the calendar does not open again before year 10000",
                      __func__);
}

svcr_status svcr_calendar_utc_offset(const svcr_calendar *calendar, int64_t at, int32_t *offset)
{
    SVCR_REQUIRE_ARG(calendar);
    SVCR_REQUIRE_ARG(offset);
    *offset = segment_of(calendar, segment_index(calendar, at)).offset;
    return SVCR_OK;
}
