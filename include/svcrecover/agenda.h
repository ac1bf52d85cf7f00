/**
 * @file svcrecover/agenda.h
 * The agenda: deadlines over many cases, answering "what is due next" and "what is overdue".
 *
 * An entry is a deadline keyed by a case id and a timer name (e.g. `"C-1042"`, `"resolution"`)
 * with the instant it is due. A key has at most one entry: adding an existing key moves it.
 * Adding, moving and removing take O(log n) time; the next due entry is found in O(1).
 * The agenda takes plain strings and times, so it can be used without cases or workflows.
 *
 * Order: entries come out by due time; entries due at the same second come out in an order that
 * is unspecified but the same for the same sequence of calls.
 *
 * Memory: about 45 bytes per entry for case ids of up to 15 bytes (longer ids are copied into a
 * block of their own). Timer names are stored once per agenda and kept until it is freed.
 *
 * Threads: an agenda is used by one thread at a time while it changes; reading calls
 * (svcr_agenda_next(), svcr_agenda_find(), cursors...) may run in parallel when nothing changes it.
 */
#ifndef SVCRECOVER_AGENDA_H
#define SVCRECOVER_AGENDA_H

#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A set of deadlines keyed by (case id, timer name). */
typedef struct svcr_agenda svcr_agenda;

/** Walks the entries due before an instant, in due order. */
typedef struct svcr_agenda_cursor svcr_agenda_cursor;

/** The most entries an agenda holds (2^27 - 2, about 134 million). */
#define SVCR_AGENDA_MAX_ENTRIES 134217726u

/** The most distinct timer names an agenda holds. */
#define SVCR_AGENDA_MAX_TIMERS 65535u

/** One deadline, as the agenda reports it. Set @c size to `sizeof(svcr_agenda_entry)` first. */
typedef struct svcr_agenda_entry {
    size_t size;         /**< Set by the caller: `sizeof(svcr_agenda_entry)`. */
    const char *case_id; /**< The case id; owned by the agenda, valid until it next changes. */
    const char *timer;   /**< The timer name; owned by the agenda, valid until it is freed. */
    int64_t due;         /**< When it is due, seconds since the epoch (UTC). */
} svcr_agenda_entry;

/**
 * Create an empty agenda.
 *
 * @param out receives the agenda, to free with svcr_agenda_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_agenda_new(svcr_agenda **out);

/**
 * Free an agenda. Its cursors must not be used afterwards.
 *
 * @param agenda the agenda, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_agenda_free(svcr_agenda *agenda);

/**
 * Make room for @p entries entries in all, so that adding up to that many allocates only for
 * case ids longer than 15 bytes and new timer names. Optional: the agenda grows as needed.
 *
 * @param agenda  the agenda; not NULL
 * @param entries the number of entries to make room for
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p agenda; ::SVCR_EOVERFLOW for more than
 *         ::SVCR_AGENDA_MAX_ENTRIES; ::SVCR_ENOMEM (the agenda is unchanged)
 */
SVCR_EXTERN svcr_status svcr_agenda_reserve(svcr_agenda *agenda, size_t entries);

/**
 * Add a deadline, or move it if the (case id, timer) key is already on the agenda.
 *
 * @param agenda  the agenda; not NULL
 * @param case_id the case's id, a non-empty string (copied); not NULL
 * @param timer   the timer's name, a non-empty string (copied); not NULL
 * @param due     when it is due, seconds since the epoch (UTC)
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or an empty id or name;
 *         ::SVCR_EOVERFLOW when the agenda already holds ::SVCR_AGENDA_MAX_ENTRIES entries or
 *         ::SVCR_AGENDA_MAX_TIMERS timer names; ::SVCR_ENOMEM. On failure nothing is changed.
 */
SVCR_EXTERN svcr_status svcr_agenda_add(svcr_agenda *agenda, const char *case_id, const char *timer,
                                        int64_t due);

/**
 * Move an existing deadline to a new due time.
 *
 * @param agenda  the agenda; not NULL
 * @param case_id the case's id; not NULL
 * @param timer   the timer's name; not NULL
 * @param due     the new due time (UTC seconds)
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if the key is not on
 *         the agenda (nothing is added)
 */
SVCR_EXTERN svcr_status svcr_agenda_move(svcr_agenda *agenda, const char *case_id, const char *timer,
                                         int64_t due);

/**
 * Remove a deadline.
 *
 * @param agenda  the agenda; not NULL
 * @param case_id the case's id; not NULL
 * @param timer   the timer's name; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if the key is not on
 *         the agenda
 */
SVCR_EXTERN svcr_status svcr_agenda_remove(svcr_agenda *agenda, const char *case_id,
                                           const char *timer);

/**
 * Remove every deadline of a case (e.g. when it closes). Takes O(t log n) for t timer names.
 *
 * @param agenda  the agenda; not NULL
 * @param case_id the case's id; not NULL
 * @param removed receives how many entries were removed (0 when the case had none); may be NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL @p agenda or @p case_id
 */
SVCR_EXTERN svcr_status svcr_agenda_remove_case(svcr_agenda *agenda, const char *case_id,
                                                size_t *removed);

/**
 * When a deadline is due.
 *
 * @param agenda  the agenda; not NULL
 * @param case_id the case's id; not NULL
 * @param timer   the timer's name; not NULL
 * @param due     receives the due time; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if the key is not on
 *         the agenda
 */
SVCR_EXTERN svcr_status svcr_agenda_find(const svcr_agenda *agenda, const char *case_id,
                                         const char *timer, int64_t *due);

/**
 * The number of entries.
 *
 * @param agenda the agenda, or NULL
 * @return the number of entries; 0 for NULL
 */
SVCR_EXTERN size_t svcr_agenda_count(const svcr_agenda *agenda);

/**
 * The entry due first. O(1).
 *
 * @param agenda the agenda; not NULL
 * @param out    receives the entry; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if
 *         the agenda is empty
 */
SVCR_EXTERN svcr_status svcr_agenda_next(const svcr_agenda *agenda, svcr_agenda_entry *out);

/**
 * Count the entries overdue at an instant: those due strictly before @p at. O(k) for k overdue
 * entries; allocates nothing.
 *
 * @param agenda the agenda; not NULL
 * @param at     the instant (UTC seconds)
 * @param count  receives the number; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument
 */
SVCR_EXTERN svcr_status svcr_agenda_count_overdue(const svcr_agenda *agenda, int64_t at,
                                                  size_t *count);

/**
 * Start walking the entries due strictly before @p before, earliest first. Each step takes
 * O(log k) time. The cursor stops working (::SVCR_ESTATE) once the agenda changes.
 *
 * @param agenda the agenda; not NULL; must outlive the cursor
 * @param before the instant (UTC seconds); e.g. now + 1 for everything due up to now
 * @param out    receives the cursor, to free with svcr_agenda_cursor_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_agenda_cursor_new(const svcr_agenda *agenda, int64_t before,
                                               svcr_agenda_cursor **out);

/**
 * The next entry of the walk.
 *
 * @param cursor the cursor; not NULL
 * @param out    receives the entry; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_ENOTFOUND when no entry is left; ::SVCR_EINVAL for a NULL argument
 *         or a @c size of 0;
 *         ::SVCR_ESTATE if the agenda changed since the cursor was made; ::SVCR_ENOMEM (the
 *         cursor is unchanged and the call may be repeated)
 */
SVCR_EXTERN svcr_status svcr_agenda_cursor_next(svcr_agenda_cursor *cursor, svcr_agenda_entry *out);

/**
 * Free a cursor.
 *
 * @param cursor the cursor, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_agenda_cursor_free(svcr_agenda_cursor *cursor);

#ifdef __cplusplus
}
#endif

#endif
