/**
 * @file svcrecover/case.h
 * One recovery case bound to a workflow: its current state, its facts, and the append-only log
 * of what happened to it.
 *
 * A case starts in the workflow's initial state. svcr_case_apply() moves it: the event must be
 * allowed in the current state, the acting role allowed to fire it, the facts its guard requires
 * set, and its time not earlier than the case's last event; a reopen must come within the
 * workflow's grace period. Every applied event is appended to the log (sequence, event, from, to,
 * time, role, note). Every fact change is recorded too, with its position among the events, so a
 * case can be rebuilt from its history with exactly the same state and facts
 * (svcr_case_replay(), svcr_case_decode()). On any failure the case is left exactly as it was.
 *
 * svcr_case_timer() tells where each of the workflow's timers stands for the case at a given
 * time, computed from the log, so a replayed or decoded case gives the same answers.
 *
 * A case is used by one thread at a time; its workflow must outlive it.
 */
#ifndef SVCRECOVER_CASE_H
#define SVCRECOVER_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>
#include <svcrecover/workflow.h>
#include <svcrecover/taxonomy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One recovery case. */
typedef struct svcr_case svcr_case;

/**
 * One entry of a case's event log, as returned by svcr_case_log_entry().
 *
 * Set @c size to `sizeof(svcr_log_entry)` before the call: later versions may append fields and
 * fill only those that fit. The strings belong to the case's workflow (names) or to the case
 * (the note) and stay valid while the case lives.
 */
typedef struct svcr_log_entry {
    size_t size;        /**< Set by the caller: `sizeof(svcr_log_entry)`. */
    uint64_t sequence;  /**< 1 for the case's first event, then 2, 3, ... */
    const char *event;  /**< The event applied, e.g. "apologized". */
    const char *from;   /**< The state the case left. */
    const char *to;     /**< The state the case entered. */
    int64_t at;         /**< When, in seconds since the Unix epoch (UTC). */
    const char *role;   /**< The role that fired it, e.g. "agent". */
    const char *note;   /**< The note given with svcr_case_apply(), or NULL. */
    const char *actor;  /**< The person who fired it (svcr_case_apply_as()), or NULL if not recorded. */
} svcr_log_entry;

/** Where a timer stands. */
typedef enum svcr_timer_state {
    SVCR_TIMER_NOT_STARTED = 0, /**< Nothing has started it yet. */
    SVCR_TIMER_RUNNING,         /**< Counting. */
    SVCR_TIMER_PAUSED,          /**< Started, but the case is in a state that pauses it. */
    SVCR_TIMER_STOPPED,         /**< Stopped: met or breached for good (unless a reopen revives it). */
} svcr_timer_state;

/**
 * A timer's status for one case at one time, as returned by svcr_case_timer().
 *
 * Times are seconds since the Unix epoch (UTC); durations are seconds counted in the timer's
 * calendar (business seconds, or plain seconds for "24x7"). "This cycle" is the time since the
 * timer last started (a restart begins a new cycle). Set @c size to `sizeof(svcr_timer_status)`
 * before the call.
 */
typedef struct svcr_timer_status {
    size_t size;            /**< Set by the caller: `sizeof(svcr_timer_status)`. */
    const char *name;       /**< The timer's name (owned by the workflow). */
    svcr_timer_state state; /**< Not started, running, paused or stopped. */
    int64_t target;         /**< The target in force (the configuration's override, if any). */
    int64_t started_at;     /**< When this cycle started; 0 if not started. */
    int64_t elapsed;        /**< Counted so far in this cycle. */
    int64_t remaining;      /**< target - elapsed: negative when overdue, by that much. */
    bool has_due;           /**< True when running: @c due_at holds the due time. */
    int64_t due_at;         /**< When the target is (or was) reached if it keeps running. */
    bool breached;          /**< True once this cycle has gone past its target. */
    int64_t breached_at;    /**< When it went past its target (the due time); 0 if not breached. */
    bool met;               /**< True when stopped within its target. */
    int64_t stopped_at;     /**< When it stopped; 0 unless stopped. */
} svcr_timer_status;

/**
 * Open a new case in the workflow's initial state.
 *
 * @param wf        the workflow; not NULL; must outlive the case
 * @param id        the case's identifier in the host, e.g. "C-1042": non-empty UTF-8 (copied); not NULL
 * @param opened_at when the case was opened, seconds since the Unix epoch (UTC), within
 *                  SVCR_TIME_MIN to SVCR_TIME_MAX (years 0001-9999)
 * @param out       receives the case (free with svcr_case_free()); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, an empty or invalid UTF-8 @p id, or
 *         @p opened_at outside years 0001-9999;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_new(const svcr_workflow *wf, const char *id, int64_t opened_at,
                                      svcr_case **out);

/**
 * Free a case and its log.
 *
 * @param c the case, or NULL
 */
SVCR_EXTERN void svcr_case_free(svcr_case *c);

/**
 * The case's identifier.
 *
 * @param c the case
 * @return the id (owned by @p c); NULL if @p c is NULL
 */
SVCR_EXTERN const char *svcr_case_id(const svcr_case *c);

/**
 * The workflow the case follows.
 *
 * @param c the case
 * @return the workflow; NULL if @p c is NULL
 */
SVCR_EXTERN const svcr_workflow *svcr_case_workflow(const svcr_case *c);

/**
 * When the case was opened.
 *
 * @param c the case
 * @return seconds since the Unix epoch; 0 if @p c is NULL
 */
SVCR_EXTERN int64_t svcr_case_opened_at(const svcr_case *c);

/**
 * The name of the case's current state, e.g. "fix".
 *
 * @param c the case
 * @return the name (owned by the workflow); NULL if @p c is NULL
 */
SVCR_EXTERN const char *svcr_case_state(const svcr_case *c);

/**
 * Describe the case's current state: its kind, the guidance for the step, when its work is due.
 *
 * @param c   the case; not NULL
 * @param out receives the description; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0
 */
SVCR_EXTERN svcr_status svcr_case_state_info(const svcr_case *c, svcr_state_info *out);

/**
 * When the case entered its current state (its opening time while still in the initial state).
 * An event that leads back into the same state does not move it.
 *
 * @param c the case
 * @return seconds since the Unix epoch; 0 if @p c is NULL
 */
SVCR_EXTERN int64_t svcr_case_state_since(const svcr_case *c);

/**
 * The time of the case's last event, or its opening time before any: the earliest time the next
 * event may carry.
 *
 * @param c the case
 * @return seconds since the Unix epoch; 0 if @p c is NULL
 */
SVCR_EXTERN int64_t svcr_case_last_at(const svcr_case *c);

/**
 * Set a string fact, e.g. "customer_wish".
 *
 * @param c     the case; not NULL
 * @param name  a fact the workflow declares with type "string"; not NULL
 * @param value non-empty UTF-8 text (copied); not NULL. Use svcr_case_unset_fact() to clear.
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, an empty or invalid UTF-8 value, a
 *         fact of another type, or (for an integer) a value outside the fact's scale;
 *         ::SVCR_ENOTFOUND if the workflow declares no such fact; ::SVCR_EGUARD for a root cause
 *         that resolves to no code of the bound taxonomy (the value stored is the code), or a
 *         fact declared to hold taxonomy codes with none bound; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_set_fact_string(svcr_case *c, const char *name, const char *value);

/**
 * Set an integer fact.
 *
 * @param c     the case; not NULL
 * @param name  a fact the workflow declares with type "integer"; not NULL
 * @param value the value
 * @return as svcr_case_set_fact_string()
 */
SVCR_EXTERN svcr_status svcr_case_set_fact_integer(svcr_case *c, const char *name, int64_t value);

/**
 * Set a boolean fact.
 *
 * @param c     the case; not NULL
 * @param name  a fact the workflow declares with type "boolean"; not NULL
 * @param value the value
 * @return as svcr_case_set_fact_string()
 */
SVCR_EXTERN svcr_status svcr_case_set_fact_boolean(svcr_case *c, const char *name, bool value);

/**
 * Set a money fact, e.g. "compensation".
 *
 * @param c     the case; not NULL
 * @param name  a fact the workflow declares with type "money"; not NULL
 * @param value the amount; its currency code must be valid
 * @return as svcr_case_set_fact_string(); ::SVCR_EINVAL also for an invalid currency code
 */
SVCR_EXTERN svcr_status svcr_case_set_fact_money(svcr_case *c, const char *name, svcr_money value);

/**
 * Clear a fact. Clearing a fact that is not set does nothing.
 *
 * @param c    the case; not NULL
 * @param name a fact the workflow declares; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if the workflow declares
 *         no such fact; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_unset_fact(svcr_case *c, const char *name);

/**
 * Whether a fact is set.
 *
 * @param c    the case
 * @param name the fact's name
 * @return true if set; false if not set, not declared, or an argument is NULL
 */
SVCR_EXTERN bool svcr_case_has_fact(const svcr_case *c, const char *name);

/**
 * Read a string fact.
 *
 * @param c     the case; not NULL
 * @param name  the fact's name; not NULL
 * @param value receives the text (owned by the case, valid until the fact changes); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a fact of another type;
 *         ::SVCR_ENOTFOUND if the fact is not declared or not set
 */
SVCR_EXTERN svcr_status svcr_case_get_fact_string(const svcr_case *c, const char *name, const char **value);

/**
 * Read an integer fact.
 *
 * @param c     the case; not NULL
 * @param name  the fact's name; not NULL
 * @param value receives the value; not NULL
 * @return as svcr_case_get_fact_string()
 */
SVCR_EXTERN svcr_status svcr_case_get_fact_integer(const svcr_case *c, const char *name, int64_t *value);

/**
 * Read a boolean fact.
 *
 * @param c     the case; not NULL
 * @param name  the fact's name; not NULL
 * @param value receives the value; not NULL
 * @return as svcr_case_get_fact_string()
 */
SVCR_EXTERN svcr_status svcr_case_get_fact_boolean(const svcr_case *c, const char *name, bool *value);

/**
 * Read a money fact.
 *
 * @param c     the case; not NULL
 * @param name  the fact's name; not NULL
 * @param value receives the amount; not NULL
 * @return as svcr_case_get_fact_string()
 */
SVCR_EXTERN svcr_status svcr_case_get_fact_money(const svcr_case *c, const char *name, svcr_money *value);

/**
 * Apply an event to a case, with an optional note for the log (e.g. what the customer said).
 *
 * The event must be allowed in the case's current state, its guard facts must be set, @p role must
 * be allowed to fire it, and @p at must not be earlier than the case's last event. On any failure
 * the case is left exactly as it was.
 *
 * @param c      the case; not NULL
 * @param event  the event's name, e.g. "apologized"; not NULL
 * @param role   the acting role, e.g. "agent"; not NULL
 * @param at     when it happened, seconds since the Unix epoch (UTC)
 * @param note   UTF-8 text for the log (copied), or NULL or "" for none
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a time before the last event or after
 *         SVCR_TIME_MAX (year 9999), or a note that is not valid UTF-8;
 *         ::SVCR_ESTATE if the state does not allow the event (the message lists the events it
 *         allows), or for a reopen after the grace period (the message says when it ended);
 *         ::SVCR_EPERM if @p role may not fire it (or is not a role of the workflow), or if
 *         spending limits in force refuse the amount it commits (see svcr_case_apply_as());
 *         ::SVCR_ECURRENCY for a limited fact in another currency than its limits;
 *         ::SVCR_EGUARD if a required fact is not set (the message names it); ::SVCR_ENOMEM.
 *         svcr_error_message() says more.
 */
SVCR_EXTERN svcr_status svcr_case_apply(svcr_case *c, const char *event, const char *role, int64_t at,
                                        const char *note);

/**
 * Check whether svcr_case_apply() would succeed, without changing anything: for a UI that
 * enables a button or explains why it cannot.
 *
 * @param c     the case; not NULL
 * @param event the event's name; not NULL
 * @param role  the acting role; not NULL
 * @param at    when it would happen
 * @return exactly what svcr_case_apply() would return (never ::SVCR_ENOMEM), with its message
 */
SVCR_EXTERN svcr_status svcr_case_check(const svcr_case *c, const char *event, const char *role,
                                        int64_t at);

/**
 * The events the case's current state allows, in workflow order: what a UI offers next.
 *
 * Guards and the reopen window are not considered (use svcr_case_check() for those).
 *
 * @param c        the case; not NULL
 * @param role     only events this role may fire; NULL for every event the state allows
 * @param events   receives up to @p capacity names (owned by the workflow); may be NULL if
 *                 @p capacity is 0
 * @param capacity the size of @p events
 * @param count    receives the number of allowed events, which may exceed @p capacity; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL @p c or @p count, or NULL @p events with a
 *         non-zero @p capacity; ::SVCR_EPERM if @p role is not a role of the workflow
 */
SVCR_EXTERN svcr_status svcr_case_allowed_events(const svcr_case *c, const char *role,
                                                 const char **events, size_t capacity, size_t *count);

/**
 * Number of entries in the case's event log.
 *
 * @param c the case
 * @return the count; 0 if @p c is NULL
 */
SVCR_EXTERN size_t svcr_case_log_count(const svcr_case *c);

/**
 * Read one entry of the event log.
 *
 * @param c     the case; not NULL
 * @param index 0 (the first event) to svcr_case_log_count() - 1
 * @param out   receives the entry; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_case_log_entry(const svcr_case *c, size_t index, svcr_log_entry *out);

/**
 * Rebuild a case from its history: a new case with the same id and opening time, to which every
 * recorded fact change and event is applied again, in order, through all the checks of
 * svcr_case_apply(). With the case's own workflow the result is identical to @p c; with another
 * workflow (e.g. a revised definition) it checks that the history is valid there too.
 *
 * @param c   the case; not NULL
 * @param wf  the workflow to replay on, or NULL for the case's own
 * @param out receives the new case; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; the status of the first step the workflow
 *         refuses (::SVCR_ESTATE, ::SVCR_EPERM, ::SVCR_EGUARD, ::SVCR_ENOTFOUND for an undeclared
 *         fact, ::SVCR_EINVAL for a fact of another type), with a message naming the log entry;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_replay(const svcr_case *c, const svcr_workflow *wf, svcr_case **out);

/**
 * Encode a case with its full history as compact JSON (format in README.md). Decoding the text
 * and encoding the result again gives the same bytes.
 *
 * @param c    the case; not NULL
 * @param json receives NUL-terminated JSON; free it with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_encode(const svcr_case *c, char **json);

/**
 * Decode a case from JSON written by svcr_case_encode(), validating it against @p wf by replaying
 * its history: every event must be allowed (state, role, guard, time, reopen window), and the
 * recorded states, sequence numbers, current state and facts must be what the replay gives.
 *
 * @param wf   the workflow the case follows (its name must match the JSON's "workflow"); not NULL
 * @param json the text, need not be NUL-terminated; not NULL
 * @param length its length in bytes
 * @param out  receives the case; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for invalid JSON, a
 *         malformed case or a history the workflow does not allow (with the line:column of the
 *         offending value and the reason); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_decode(const svcr_workflow *wf, const char *json, size_t length,
                                         svcr_case **out);

/**
 * A timer's status for a case at time @p at, computed from the case's log up to @p at.
 *
 * A timer starts at its start trigger (the case's opening, an event, entering a state), counts
 * in its calendar while the case is not in one of its pausing states, and stops at a stop
 * trigger (an event, entering or leaving a state): met if it counted no more than its target,
 * else breached. A later start trigger begins a new cycle. A reopen applies the timer's reopen
 * rule to a stopped timer (resume, restart or stay stopped) instead of its start triggers.
 *
 * Timers counting in "24x7" need no calendar. Timers counting in "business" (those of the
 * built-in workflows) use the default business calendar, Monday to Friday 09:00-17:00 UTC with
 * no holidays, unless @p config binds another calendar to "business".
 *
 * @param c      the case; not NULL
 * @param config calendars and target overrides for the case's workflow; NULL for none (then
 *               timers counting in "24x7" or in the default "business" can be computed)
 * @param timer  the timer's name, e.g. "first_response"; not NULL
 * @param at     the time to look at; not before the case's opening
 * @param out    receives the status; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0, @p at before the opening,
 *         a configuration made for another workflow, or an instant the calendar cannot handle;
 *         ::SVCR_ENOTFOUND for an unknown timer, or a calendar name that is not bound (the
 *         message names it); ::SVCR_EOVERFLOW if a due time lies beyond the calendar's range,
 *         or the time counted from the case's times to @p at does not fit in 64 bits
 */
SVCR_EXTERN svcr_status svcr_case_timer(const svcr_case *c, const svcr_timer_config *config,
                                        const char *timer, int64_t at, svcr_timer_status *out);

/**
 * The name of a timer state: "not-started", "running", "paused", "stopped".
 *
 * @param state the state
 * @return a static string; "unknown" for a value that is not a state
 */
SVCR_EXTERN const char *svcr_timer_state_name(svcr_timer_state state);

/* ---- who did it: actors, assignment, approvals, bindings ----------------------------------- */

/**
 * Apply an event as svcr_case_apply() does, recording the person who fired it beside the role.
 *
 * When spending limits are in force (the workflow's "limits", or svcr_case_bind_limits()), an
 * event that commits a limited money fact (see ::svcr_limits) is refused if the fact's amount is
 * above the limit of @p role, unless an approval of at least that amount (svcr_case_approve()) by a role
 * whose limit covers it is in the history.
 *
 * @param c      the case; not NULL
 * @param event  the event's name; not NULL
 * @param role   the acting role; not NULL
 * @param actor  the person acting, e.g. "ann" (a non-empty UTF-8 id, copied), or NULL for none
 * @param at     when it happened, seconds since the Unix epoch (UTC)
 * @param note   UTF-8 text for the log (copied), or NULL or "" for none
 * @return as svcr_case_apply(); ::SVCR_EINVAL also for an @p actor that is empty or not UTF-8;
 *         ::SVCR_EPERM also for an amount above the role's limit without a covering approval
 *         (the message names the amount, the limit and the lowest role that may approve it);
 *         ::SVCR_ECURRENCY for a limited fact in another currency than its limits
 */
SVCR_EXTERN svcr_status svcr_case_apply_as(svcr_case *c, const char *event, const char *role, const char *actor,
                                           int64_t at, const char *note);

/**
 * Set or clear a fact, recording when, in which role and by whom. The value is given as text
 * and read by the fact's declared type: a string as is; an integer in decimal ("7"); a boolean
 * "true" or "false"; money as "12.50 EUR". When a taxonomy is in force and @p name is its
 * root-cause fact, the text must resolve to a code (svcr_taxonomy_resolve()) and the code is
 * what is stored.
 *
 * @param c     the case; not NULL
 * @param name  a fact the workflow declares; not NULL
 * @param value the value as text, or NULL to clear the fact
 * @param role  the acting role, a role of the workflow; not NULL
 * @param actor the person acting (non-empty UTF-8, copied), or NULL for none
 * @param at    when, not before the case's last event nor after SVCR_TIME_MAX
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a value that is not of the fact's type,
 *         a bad actor or time; ::SVCR_ENOTFOUND for an undeclared fact; ::SVCR_EPERM for a role
 *         the workflow does not have; ::SVCR_EGUARD for a root cause that resolves to no code of
 *         the taxonomy (the message names the closest codes); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_change_fact(svcr_case *c, const char *name, const char *value, const char *role,
                                              const char *actor, int64_t at);

/**
 * Assign the case to a person (or unassign it). The assignment is recorded in the history with
 * its time, role and actor, so encoding, decoding and replay keep it.
 *
 * @param c        the case; not NULL
 * @param assignee the person who owns the case from now on (non-empty UTF-8, copied), or NULL
 *                 to unassign
 * @param role     the role of who assigns; a role of the workflow; not NULL
 * @param actor    who assigns (non-empty UTF-8), or NULL for none
 * @param at       when, not before the case's last event nor after SVCR_TIME_MAX
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL @p c or @p role, an empty or invalid UTF-8
 *         assignee or actor, or a bad time; ::SVCR_EPERM for an unknown role; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_assign(svcr_case *c, const char *assignee, const char *role, const char *actor,
                                         int64_t at);

/**
 * Who the case is assigned to.
 *
 * @param c the case
 * @return the assignee (owned by the case), or NULL when unassigned or @p c is NULL
 */
SVCR_EXTERN const char *svcr_case_assignee(const svcr_case *c);

/**
 * Record an approval: a role whose spending limit covers @p amount approves it for a money fact,
 * so an event by a role with a lower limit may then commit an amount up to it.
 *
 * @param c        the case; not NULL
 * @param fact     a money fact the limits in force cover; not NULL
 * @param amount   the amount approved: positive, in the limits' currency
 * @param role     the approving role; its limit must cover @p amount; not NULL
 * @param approver the person approving (non-empty UTF-8, copied); not NULL
 * @param at       when, not before the case's last event nor after SVCR_TIME_MAX
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, an amount that is not positive, an
 *         empty approver or a bad time; ::SVCR_ENOTFOUND when no limits cover @p fact;
 *         ::SVCR_ECURRENCY for an amount in another currency than the limits;
 *         ::SVCR_EPERM when @p role's limit is below @p amount (the message names the lowest
 *         role that may approve it) or @p role is unknown; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_approve(svcr_case *c, const char *fact, svcr_money amount, const char *role,
                                          const char *approver, int64_t at);

/**
 * Put spending limits in force for a case, in place of the workflow's own (the host sets them
 * without editing the workflow). Not part of the case's JSON: bind again after decoding.
 *
 * @param c      the case; not NULL
 * @param limits limits made for the case's workflow (must outlive the case), or NULL to go
 *               back to the workflow's
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL @p c or limits made for another workflow;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_bind_limits(svcr_case *c, const svcr_limits *limits);

/**
 * Put a root-cause taxonomy in force for a case: from then on its root-cause fact (the
 * taxonomy's "fact", default "root_cause") must resolve to a code of the taxonomy. Not part of
 * the case's JSON: bind again after decoding.
 *
 * @param c        the case; not NULL
 * @param taxonomy the taxonomy (must outlive the case), or NULL for none
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL @p c; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_bind_taxonomy(svcr_case *c, const svcr_taxonomy *taxonomy);

/**
 * The taxonomy in force for a case.
 *
 * @param c the case
 * @return the taxonomy bound with svcr_case_bind_taxonomy(), or NULL
 */
SVCR_EXTERN const svcr_taxonomy *svcr_case_taxonomy(const svcr_case *c);

/* ---- notifications and guarantees --------------------------------------------------------- */

/**
 * A notification record for a transition others must hear of (the host selects which, e.g. by
 * event): a JSON object the host stores in its outbox and delivers at least once.
 *
 * @code
 * {"kind":"transition","key":"C-1/log/5","case":"C-1","workflow":"five-step","event":"atoned",
 *  "from":"atone","to":"follow_up","at":"2026-11-23T10:00:00Z","role":"agent","actor":"ann",
 *  "assignee":"bob"}
 * @endcode
 * "key" is the same for the same change, so a receiver can drop duplicates; "actor" and
 * "assignee" are left out when not recorded.
 *
 * @param c     the case; not NULL
 * @param index the log entry: 0 to svcr_case_log_count() - 1
 * @param json  receives NUL-terminated JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or an index out of range; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_notify_transition(const svcr_case *c, size_t index, char **json);

/**
 * A notification record for a timer breach: `{"kind":"breach","key":"C-1/breach/first_response/1",
 * "case":..., "timer":..., "target":seconds, "breached_at":..., "assignee":...}` (the key's last
 * part counts the timer's cycles by the time it breached).
 *
 * @param c      the case; not NULL
 * @param config calendars and target overrides, or NULL for none (as for svcr_case_timer())
 * @param timer  the timer's name; not NULL
 * @param at     when to look, as for svcr_case_timer()
 * @param json   receives the JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; the errors of svcr_case_timer(); ::SVCR_ESTATE when the timer has not
 *         breached at @p at (nothing to notify); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_notify_breach(const svcr_case *c, const svcr_timer_config *config,
                                                const char *timer, int64_t at, char **json);

/**
 * Notify the owner of the case's classified root cause: a notification record
 * `{"kind":"owner","key":"C-1/owner/logistics/carrier/late","case":..., "code":..., "name":...,
 * "team":..., "contact":..., "at":..., "actor":...}`. When the workflow declares a boolean fact
 * "owner_notified" it is set to true (recorded with @p role, @p actor and @p at), so a guard can
 * require it; store the record in the same transaction as the case.
 *
 * @param c     the case, with a taxonomy bound and its root-cause fact set; not NULL
 * @param role  the acting role; not NULL
 * @param actor the person acting, or NULL
 * @param at    when, not before the case's last event
 * @param json  receives the JSON, to free with svcr_free(); not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a bad time or actor; ::SVCR_ENOTFOUND
 *         when no taxonomy is bound, or the root cause is not set; ::SVCR_ESTATE when the cause's
 *         code has no owner; ::SVCR_EPERM for an unknown role; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_notify_owner(svcr_case *c, const char *role, const char *actor, int64_t at,
                                               char **json);

/**
 * A notification record asking for an approval: the case's money fact is above @p role's limit,
 * so `{"kind":"approval_requested","key":"C-1/approval/compensation/198.00 EUR","case":...,
 * "fact":..., "amount":"198.00 EUR","requested_by":..., "role":..., "approver_role":"manager",
 * "at":...}` names the lowest role that may approve it.
 *
 * @param c     the case; not NULL
 * @param fact  a money fact the limits in force cover, set on the case; not NULL
 * @param role  the role asking (whose limit is too low); not NULL
 * @param actor the person asking, or NULL
 * @param at    when
 * @param json  receives the JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND when no limits cover
 *         @p fact or it is not set; ::SVCR_ESTATE when @p role's limit covers the amount (no
 *         approval needed); ::SVCR_EPERM for an unknown role or an amount no role may approve;
 *         ::SVCR_ECURRENCY; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_notify_approval_request(const svcr_case *c, const char *fact, const char *role,
                                                          const char *actor, int64_t at, char **json);

/**
 * Invoke a service guarantee on a case: set money fact @p fact to the guarantee's payout and
 * apply the event "guarantee_invoked" with the promise as its note, both recorded with @p role,
 * @p actor and @p at. The payout goes through the same spending limits as any compensation (an
 * approval may be needed). The guarantee itself is the host's (an ::svcr_guarantee checked
 * against Hart's criteria with svcr_guarantee_check()); the case module takes its promise and
 * payout, so it stays independent of the atonement module. On any failure the case is left
 * exactly as it was.
 *
 * @param c       the case; its workflow must allow "guarantee_invoked" in its state (the
 *                "four-stage" built-in does in resolution and communication); not NULL
 * @param promise the guarantee's promise, for the log (UTF-8); not NULL
 * @param payout  what it pays; a valid currency, not negative
 * @param fact    the money fact that records the payout, e.g. "compensation"; not NULL
 * @param role    the acting role; not NULL
 * @param actor   the person acting, or NULL
 * @param at      when
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a negative payout; the errors of
 *         svcr_case_set_fact_money() and svcr_case_apply_as() (::SVCR_EPERM above the limit,
 *         ::SVCR_ESTATE when the state does not allow the event, ::SVCR_ECURRENCY);
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_case_invoke_guarantee(svcr_case *c, const char *promise, svcr_money payout,
                                                   const char *fact, const char *role, const char *actor, int64_t at);

#ifdef __cplusplus
}
#endif

#endif
