/**
 * @file svcrecover/calendar.h
 * Business calendars: weekly opening hours, holidays, one-off closures and a UTC-offset schedule,
 * and arithmetic in business time.
 *
 * A calendar is open at a UTC instant when the local wall-clock time at that instant (UTC plus
 * the offset in force) falls inside that local date's opening hours. Business time is the
 * number of real seconds during which the calendar is open, so:
 * - a daylight-saving change moves the opening hours with the local clock;
 * - opening hours that fall in a skipped local hour (clocks jump forward) are shortened;
 * - a repeated local hour (clocks fall back) counts once per real second, i.e. twice.
 *
 * The library reads no time-zone files: the host passes the offsets in force (its own tz
 * database's transitions) as a list of `{from instant, offset}` changes.
 *
 * Instants are seconds since the Unix epoch (UTC) and must lie in years 0001 to 9999.
 * A calendar is immutable once built and may be shared between threads.
 */
#ifndef SVCRECOVER_CALENDAR_H
#define SVCRECOVER_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable business calendar. */
typedef struct svcr_calendar svcr_calendar;

/** Collects opening hours, holidays, closures and offsets; builds a ::svcr_calendar. */
typedef struct svcr_calendar_builder svcr_calendar_builder;

/** Seconds in a local day; the largest closing time of opening hours (24:00). */
#define SVCR_CALENDAR_DAY_SECONDS 86400

/** The largest UTC offset accepted, in seconds (18 hours either way). */
#define SVCR_CALENDAR_MAX_OFFSET (18 * 3600)

/**
 * Build a calendar from its JSON definition.
 *
 * The definition is an object with these members (all optional but "hours"):
 * - `"name"`: a string, e.g. `"emea-support"`;
 * - `"hours"`: an object mapping a weekday (`"monday"` or `"mon"`) or an inclusive range of
 *   weekdays (`"mon-fri"`, `"saturday-sunday"`) to an array of local intervals
 *   `"HH:MM-HH:MM"` (or `"HH:MM:SS-HH:MM:SS"`), 00:00 <= open < close <= 24:00; or the string
 *   `"24x7"`. Intervals of one day must not overlap (touching ones are joined). A day not
 *   listed is closed;
 * - `"holidays"`: an array of dates `"YYYY-MM-DD"` or objects `{"date": ..., "name": ...}`:
 *   closed all day;
 * - `"closures"`: an array of `{"date": "YYYY-MM-DD", "closed": "HH:MM-HH:MM", "name": ...}`:
 *   closed for part of one date;
 * - `"utc_offset"`: the offset in force before the first change, as seconds (3600) or text
 *   (`"+01:00"`); default 0;
 * - `"offset_changes"`: an array of `{"from": instant, "utc_offset": offset}` sorted by strictly
 *   increasing `from` (ISO 8601 text or epoch seconds); each offset is in force from its instant
 *   until the next change.
 *
 * @param json the definition, UTF-8 (need not be NUL-terminated); not NULL
 * @param length the length of @p json in bytes
 * @param out  receives the new calendar, to free with svcr_calendar_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for malformed JSON or an
 *         invalid definition (an unknown member or weekday name, a bad date, time or offset,
 *         overlapping intervals, unsorted offset changes, no opening hours at all), with the
 *         line:column of the offending value in svcr_error_line() / svcr_error_column();
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_parse(const char *json, size_t length, svcr_calendar **out);

/**
 * Make the calendar that is always open ("24x7"): business time equals elapsed time.
 *
 * @param out receives the new calendar, named "24x7", to free with svcr_calendar_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_new_24x7(svcr_calendar **out);

/**
 * Free a calendar.
 *
 * @param calendar the calendar, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_calendar_free(svcr_calendar *calendar);

/**
 * The calendar's name.
 *
 * @param calendar the calendar; not NULL
 * @return the name given in its definition, "" if none, "24x7" for svcr_calendar_new_24x7();
 *         owned by the calendar; NULL (and ::SVCR_EINVAL in the error detail) for NULL @p calendar
 */
SVCR_EXTERN const char *svcr_calendar_name(const svcr_calendar *calendar);

/**
 * Add business seconds to an instant.
 *
 * For @p seconds >= 0 the result is the earliest instant T >= @p from such that the business
 * time between @p from and T is @p seconds: starting in closed time counts from the next
 * opening, and a span that ends exactly at a closing time gives that closing time (Friday 16:00
 * plus one hour of a 9-17 calendar is Friday 17:00, not Monday 09:00). Adding 0 gives @p from
 * itself, open or not.
 *
 * For @p seconds < 0 business time is subtracted: the result is the latest instant T <= @p from
 * such that the business time between T and @p from is -@p seconds (Monday 10:00 minus two hours
 * is Friday 16:00).
 *
 * @param calendar the calendar; not NULL
 * @param from     the starting instant, seconds since the epoch (UTC)
 * @param seconds  business seconds to add; may be zero or negative
 * @param out      receives the resulting instant; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or @p from outside years 0001-9999;
 *         ::SVCR_EOVERFLOW if the result would lie outside years 0001-9999
 */
SVCR_EXTERN svcr_status svcr_calendar_add(const svcr_calendar *calendar, int64_t from,
                                          int64_t seconds, int64_t *out);

/**
 * Business seconds between two instants: the real seconds in [@p from, @p to) during which the
 * calendar is open; negative (minus the seconds in [@p to, @p from)) when @p to < @p from.
 *
 * @param calendar the calendar; not NULL
 * @param from     the first instant (UTC seconds)
 * @param to       the second instant (UTC seconds)
 * @param out      receives the business seconds; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or an instant outside years 0001-9999
 */
SVCR_EXTERN svcr_status svcr_calendar_between(const svcr_calendar *calendar, int64_t from,
                                              int64_t to, int64_t *out);

/**
 * Whether the calendar is open at an instant (an opening time is open, a closing time is not).
 *
 * @param calendar the calendar; not NULL
 * @param at       the instant (UTC seconds)
 * @param open     receives true when open; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or @p at outside years 0001-9999
 */
SVCR_EXTERN svcr_status svcr_calendar_is_open(const svcr_calendar *calendar, int64_t at, bool *open);

/**
 * The first open instant at or after an instant: @p at itself when open, else the next opening.
 *
 * @param calendar the calendar; not NULL
 * @param at       the instant (UTC seconds)
 * @param out      receives the opening instant; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or @p at outside years 0001-9999;
 *         ::SVCR_EOVERFLOW if the calendar does not open again before the end of year 9999
 */
SVCR_EXTERN svcr_status svcr_calendar_next_open(const svcr_calendar *calendar, int64_t at,
                                                int64_t *out);

/**
 * The UTC offset the calendar's schedule puts in force at an instant (local = UTC + offset).
 *
 * @param calendar the calendar; not NULL
 * @param at       the instant (UTC seconds)
 * @param offset   receives the offset in seconds, e.g. 3600 for UTC+01:00; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument
 */
SVCR_EXTERN svcr_status svcr_calendar_utc_offset(const svcr_calendar *calendar, int64_t at,
                                                 int32_t *offset);

/**
 * Start building a calendar in code (the JSON definition is the other way).
 *
 * @param name the calendar's name, copied; NULL or "" for none
 * @param out  receives the new builder, to free with svcr_calendar_builder_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_new(const char *name, svcr_calendar_builder **out);

/**
 * Free a builder (calendars built from it stay valid).
 *
 * @param builder the builder, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_calendar_builder_free(svcr_calendar_builder *builder);

/**
 * Add weekly opening hours: open on @p weekday from @p open to @p close, local time.
 *
 * @param builder the builder; not NULL
 * @param weekday ISO weekday: 1 = Monday ... 7 = Sunday
 * @param open    opening time, seconds after local midnight, 0 <= @p open < @p close
 * @param close   closing time, seconds after local midnight, at most ::SVCR_CALENDAR_DAY_SECONDS
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p builder, a weekday or times out of range;
 *         ::SVCR_ECONFLICT if the interval overlaps hours already added for that weekday
 *         (touching intervals are fine and joined); ::SVCR_ENOMEM. On failure nothing is added.
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_add_hours(svcr_calendar_builder *builder, int weekday,
                                                        int32_t open, int32_t close);

/**
 * Close a whole local date (a holiday). Adding the same date twice is allowed.
 *
 * @param builder the builder; not NULL
 * @param year    1 to 9999
 * @param month   1 to 12
 * @param day     1 to the month's length (29 February only in leap years)
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p builder or a date that does not exist;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_add_holiday(svcr_calendar_builder *builder, int year,
                                                          int month, int day);

/**
 * Close part of one local date, e.g. the afternoon of 24 December. Closures of a date may
 * overlap each other; a closure outside the opening hours changes nothing.
 *
 * @param builder the builder; not NULL
 * @param year    1 to 9999
 * @param month   1 to 12
 * @param day     1 to the month's length
 * @param from    start of the closure, seconds after local midnight, 0 <= @p from < @p to
 * @param to      end of the closure, at most ::SVCR_CALENDAR_DAY_SECONDS
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p builder, a date that does not exist or times out
 *         of range; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_add_closure(svcr_calendar_builder *builder, int year,
                                                          int month, int day, int32_t from,
                                                          int32_t to);

/**
 * Set the UTC offset in force before the first offset change (default 0).
 *
 * @param builder the builder; not NULL
 * @param offset  seconds east of UTC, at most ::SVCR_CALENDAR_MAX_OFFSET either way
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p builder or an offset out of range
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_set_utc_offset(svcr_calendar_builder *builder,
                                                             int32_t offset);

/**
 * Append a change of UTC offset: from the instant @p from on, @p offset is in force. Changes
 * must be added in strictly increasing order of @p from.
 *
 * @param builder the builder; not NULL
 * @param from    the instant of the change (UTC seconds), in years 0001-9999
 * @param offset  seconds east of UTC, at most ::SVCR_CALENDAR_MAX_OFFSET either way
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p builder, an offset or instant out of range, or
 *         @p from not after the previous change's; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_add_offset_change(svcr_calendar_builder *builder,
                                                                int64_t from, int32_t offset);

/**
 * Build a calendar from what the builder holds. The builder is unchanged and may be used again.
 *
 * @param builder the builder; not NULL
 * @param out     receives the new calendar, to free with svcr_calendar_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a calendar with no opening hours on
 *         any weekday; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_calendar_builder_build(const svcr_calendar_builder *builder,
                                                    svcr_calendar **out);

#ifdef __cplusplus
}
#endif

#endif
