/**
 * @file svcrecover/workflow.h
 * Workflow definitions: the states a recovery case moves through, the events that move it, the
 * facts each transition requires, the roles allowed to fire it and the reopen rule.
 *
 * A workflow is data. It is loaded from JSON (svcr_workflow_parse()) or by the name of a built-in
 * template (svcr_workflow_builtin(): "five-step", "five-phase", "four-step", "four-stage"), validated once, and
 * immutable afterwards, so one workflow may be shared by any number of cases and threads.
 * README.md describes the JSON format; svcr_workflow_encode() writes it back.
 *
 * A workflow also declares named timers (first response, resolution, follow-up): what starts and
 * stops each, its target, the calendar it counts in, the states that pause it and what a reopen
 * does to it. A host binds calendars to the names and may override targets with a
 * ::svcr_timer_config; svcr_case_timer() (case.h) gives a timer's status for one case.
 */
#ifndef SVCRECOVER_WORKFLOW_H
#define SVCRECOVER_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>
#include <svcrecover/calendar.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A compiled, immutable workflow definition. */
typedef struct svcr_workflow svcr_workflow;

/** What a state means for the case's progress (JSON: the state's "kind"). */
typedef enum svcr_state_kind {
    SVCR_STATE_INITIAL = 0,      /**< "initial": where every case starts; exactly one per workflow. */
    SVCR_STATE_ACTIVE,           /**< "active": someone on our side has work to do. */
    SVCR_STATE_WAITING,          /**< "waiting-on-customer": the ball is in the customer's court. */
    SVCR_STATE_RESOLVED,         /**< "resolved": the problem is solved; may end the case. */
    SVCR_STATE_CLOSED,           /**< "closed": the case is over (it may be reopened). */
} svcr_state_kind;

/** The type of a fact's value (JSON: the fact's "type"). */
typedef enum svcr_fact_type {
    SVCR_FACT_STRING = 0, /**< "string": UTF-8 text, not empty. */
    SVCR_FACT_INTEGER,    /**< "integer": a signed 64-bit number. */
    SVCR_FACT_BOOLEAN,    /**< "boolean": true or false. */
    SVCR_FACT_MONEY,      /**< "money": an ::svcr_money amount. */
} svcr_fact_type;

/**
 * A state of a workflow, as returned by svcr_workflow_state() and svcr_workflow_find_state().
 *
 * Set @c size to `sizeof(svcr_state_info)` before the call: later versions may append fields and
 * fill only those that fit. The strings belong to the workflow and live as long as it does.
 */
typedef struct svcr_state_info {
    size_t size;            /**< Set by the caller: `sizeof(svcr_state_info)`. */
    size_t index;           /**< Position in the workflow's list of states (0-based). */
    const char *name;       /**< The state's name, e.g. "apologize". */
    svcr_state_kind kind;   /**< What the state means. */
    const char *guidance;   /**< What to say and do in this step; "" when the workflow gives none. */
    int64_t due_after;      /**< Seconds after entering the state that its work is due; -1 if none. */
} svcr_state_info;

/**
 * A transition of a workflow, as returned by svcr_workflow_transition() and
 * svcr_workflow_find_transition(). Set @c size to `sizeof(svcr_transition_info)` before the call.
 * The arrays and strings belong to the workflow.
 */
typedef struct svcr_transition_info {
    size_t size;                        /**< Set by the caller: `sizeof(svcr_transition_info)`. */
    size_t index;                       /**< Position in the workflow's list of transitions. */
    const char *event;                  /**< The event that fires it, e.g. "fixed". */
    const char *from;                   /**< The state it leaves. */
    const char *to;                     /**< The state it enters. */
    const char *const *required_facts;  /**< Facts that must be set (the guard), in order. */
    size_t required_fact_count;         /**< Number of entries in @c required_facts. */
    const char *const *roles;           /**< Roles allowed to fire it. */
    size_t role_count;                  /**< Number of entries in @c roles. */
    bool reopen;                        /**< True for a reopen: allowed only within the grace period. */
} svcr_transition_info;

/**
 * A fact a workflow declares, as returned by svcr_workflow_fact() and svcr_workflow_find_fact().
 * Set @c size to `sizeof(svcr_fact_info)` before the call. The strings belong to the workflow.
 */
typedef struct svcr_fact_info {
    size_t size;              /**< Set by the caller: `sizeof(svcr_fact_info)`. */
    size_t index;             /**< Position in the workflow's list of facts. */
    const char *name;         /**< The fact's name, e.g. "customer_wish". */
    svcr_fact_type type;      /**< The type of its value. */
    const char *description;  /**< What it records; "" when the workflow gives none. */
    bool has_scale;           /**< An integer fact with a "scale" (e.g. a satisfaction score). */
    int64_t scale_min;        /**< The lowest value of its scale; 0 without one. */
    int64_t scale_max;        /**< The highest value of its scale; 0 without one. */
    bool taxonomy;            /**< A string fact holding codes of a bound taxonomy ("taxonomy": true). */
} svcr_fact_info;

/** What a reopen does to a timer that had stopped (JSON: the timer's "on_reopen"). */
typedef enum svcr_timer_reopen {
    SVCR_TIMER_RESUME = 0, /**< "resume": it runs again, keeping the time counted so far. */
    SVCR_TIMER_RESTART,    /**< "restart": it starts over from zero at the reopen. */
    SVCR_TIMER_STAY,       /**< "stop": it stays stopped. */
} svcr_timer_reopen;

/**
 * A timer a workflow declares, as returned by svcr_workflow_timer() and svcr_workflow_find_timer().
 * Set @c size to `sizeof(svcr_timer_info)` before the call. The strings belong to the workflow.
 */
typedef struct svcr_timer_info {
    size_t size;                   /**< Set by the caller: `sizeof(svcr_timer_info)`. */
    size_t index;                  /**< Position in the workflow's list of timers. */
    const char *name;              /**< The timer's name, e.g. "first_response". */
    const char *calendar;          /**< The calendar it counts in: "24x7" or a name the host binds. */
    int64_t target;                /**< Its target in (business) seconds, before any override. */
    svcr_timer_reopen on_reopen;   /**< What a reopen does to it once it has stopped. */
    const char *const *paused_in;  /**< States in which it does not count. */
    size_t paused_in_count;        /**< Number of entries in @c paused_in. */
} svcr_timer_info;

/**
 * The host's settings for a workflow's timers: which ::svcr_calendar each calendar name stands
 * for, and targets that replace the workflow's. Set it up once, then share it read-only.
 */
typedef struct svcr_timer_config svcr_timer_config;

/**
 * Load a built-in workflow template by name.
 *
 * - "five-step" (the default): identify, apologize, listen, fix, atone, follow_up, closed;
 * - "five-phase": anticipate, acknowledge, apologize, offer_alternatives, make_amends, closed;
 * - "four-step": apologize, review, fix_and_follow_up, document, closed;
 * - "four-stage": identification, resolution, communication_and_classification, integration,
 *   closed: the four-stage process (identify the unmet expectation, resolve the problem,
 *   communicate and classify the root cause, integrate the data). Classifying needs a code of a
 *   bound taxonomy ("root_cause" is declared with "taxonomy": true), integrating needs the
 *   cause's owner notified (svcr_case_notify_owner() sets "owner_notified"), and spending
 *   limits on "compensation" apply (agent 25.00 EUR, supervisor 100.00 EUR, manager unlimited).
 *
 * The built-ins declare "satisfaction", an integer on the scale 1-5 recorded at follow-up, and
 * "solicited", true for a case opened from a survey or outreach.
 *
 * Each step carries guidance text; the roles "agent", "supervisor" and "manager" may fire every
 * event. The same definitions ship as JSON files (lib/workflow/builtin/, installed under
 * share/svcrecover/workflows/) for hosts that want to start their own from a copy.
 *
 * @param name the template's name; not NULL
 * @param out  receives the new workflow (free with svcr_workflow_free()); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND for an unknown name
 *         (the message lists the built-ins); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_workflow_builtin(const char *name, svcr_workflow **out);

/**
 * The name of the built-in template at @p index, to list them.
 *
 * @param index 0-based
 * @return "five-step", "five-phase", "four-step", "four-stage" for 0, 1, 2, 3; NULL past the end
 */
SVCR_EXTERN const char *svcr_workflow_builtin_name(size_t index);

/**
 * Load and validate a workflow from JSON text (the format is in README.md).
 *
 * Validation rejects: syntax errors; unknown members; missing or mistyped values; duplicate
 * state, event-from-state, fact or role names; transitions naming unknown states, facts or
 * roles; not exactly one initial state; states unreachable from the initial state; initial,
 * active or waiting states with no transition out; a reopen transition that does not leave a
 * resolved or closed state. The message gives the line:column of the offending value
 * (svcr_error_line(), svcr_error_column()) and names it.
 *
 * @param json the text (UTF-8), need not be NUL-terminated; not NULL
 * @param length its length in bytes
 * @param out  receives the new workflow; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for invalid text or an
 *         invalid definition; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_workflow_parse(const char *json, size_t length, svcr_workflow **out);

/**
 * Free a workflow. Every case made from it must be freed first.
 *
 * @param wf the workflow, or NULL
 */
SVCR_EXTERN void svcr_workflow_free(svcr_workflow *wf);

/**
 * Encode a workflow as JSON that svcr_workflow_parse() reads back into an equal workflow.
 *
 * @param wf   the workflow; not NULL
 * @param json receives compact NUL-terminated JSON; free it with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_workflow_encode(const svcr_workflow *wf, char **json);

/**
 * The workflow's name, e.g. "five-step".
 *
 * @param wf the workflow
 * @return the name (owned by @p wf); NULL if @p wf is NULL
 */
SVCR_EXTERN const char *svcr_workflow_name(const svcr_workflow *wf);

/**
 * The workflow's human-readable title, e.g. "Five steps to service recovery".
 *
 * @param wf the workflow
 * @return the title (owned by @p wf; "" if the definition has none); NULL if @p wf is NULL
 */
SVCR_EXTERN const char *svcr_workflow_title(const svcr_workflow *wf);

/**
 * How long after a case entered a closed or resolved state a reopen transition is allowed
 * (JSON "reopen_grace"; 14 days unless the definition says otherwise).
 *
 * @param wf the workflow
 * @return seconds; -1 if @p wf is NULL
 */
SVCR_EXTERN int64_t svcr_workflow_reopen_grace(const svcr_workflow *wf);

/**
 * The name of the workflow's initial state.
 *
 * @param wf the workflow
 * @return the name (owned by @p wf); NULL if @p wf is NULL
 */
SVCR_EXTERN const char *svcr_workflow_initial_state(const svcr_workflow *wf);

/**
 * Number of states.
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_state_count(const svcr_workflow *wf);

/**
 * Describe the state at @p index (states keep the order of the definition).
 *
 * @param wf    the workflow; not NULL
 * @param index 0 to svcr_workflow_state_count() - 1
 * @param out   receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_workflow_state(const svcr_workflow *wf, size_t index, svcr_state_info *out);

/**
 * Describe the state called @p name.
 *
 * @param wf   the workflow; not NULL
 * @param name the state's name; not NULL
 * @param out  receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if
 *         the workflow has no such state
 */
SVCR_EXTERN svcr_status svcr_workflow_find_state(const svcr_workflow *wf, const char *name,
                                                 svcr_state_info *out);

/**
 * The JSON name of a state kind: "initial", "active", "waiting-on-customer", "resolved", "closed".
 *
 * @param kind the kind
 * @return a static string; "unknown" for a value that is not a kind
 */
SVCR_EXTERN const char *svcr_state_kind_name(svcr_state_kind kind);

/**
 * Number of distinct events (in order of first appearance among the transitions).
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_event_count(const svcr_workflow *wf);

/**
 * The name of the event at @p index.
 *
 * @param wf    the workflow
 * @param index 0 to svcr_workflow_event_count() - 1
 * @return the name (owned by @p wf); NULL if @p wf is NULL or @p index out of range
 */
SVCR_EXTERN const char *svcr_workflow_event_name(const svcr_workflow *wf, size_t index);

/**
 * Number of roles the workflow knows.
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_role_count(const svcr_workflow *wf);

/**
 * The name of the role at @p index, e.g. "agent".
 *
 * @param wf    the workflow
 * @param index 0 to svcr_workflow_role_count() - 1
 * @return the name (owned by @p wf); NULL if @p wf is NULL or @p index out of range
 */
SVCR_EXTERN const char *svcr_workflow_role_name(const svcr_workflow *wf, size_t index);

/**
 * Number of declared facts.
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_fact_count(const svcr_workflow *wf);

/**
 * Describe the fact at @p index.
 *
 * @param wf    the workflow; not NULL
 * @param index 0 to svcr_workflow_fact_count() - 1
 * @param out   receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_workflow_fact(const svcr_workflow *wf, size_t index, svcr_fact_info *out);

/**
 * Describe the fact called @p name.
 *
 * @param wf   the workflow; not NULL
 * @param name the fact's name; not NULL
 * @param out  receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if
 *         the workflow declares no such fact
 */
SVCR_EXTERN svcr_status svcr_workflow_find_fact(const svcr_workflow *wf, const char *name,
                                                svcr_fact_info *out);

/**
 * The JSON name of a fact type: "string", "integer", "boolean", "money".
 *
 * @param type the type
 * @return a static string; "unknown" for a value that is not a type
 */
SVCR_EXTERN const char *svcr_fact_type_name(svcr_fact_type type);

/**
 * Number of transitions.
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_transition_count(const svcr_workflow *wf);

/**
 * Describe the transition at @p index (transitions keep the order of the definition).
 *
 * @param wf    the workflow; not NULL
 * @param index 0 to svcr_workflow_transition_count() - 1
 * @param out   receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_workflow_transition(const svcr_workflow *wf, size_t index,
                                                 svcr_transition_info *out);

/**
 * Find the transition that @p event fires in state @p from.
 *
 * @param wf    the workflow; not NULL
 * @param from  the state's name; not NULL
 * @param event the event's name; not NULL
 * @param out   receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND for an
 *         unknown state, or an event that the state does not allow (the message lists those it
 *         allows)
 */
SVCR_EXTERN svcr_status svcr_workflow_find_transition(const svcr_workflow *wf, const char *from,
                                                      const char *event, svcr_transition_info *out);

/**
 * Number of timers: those in "timers", then one per state with a "due_after".
 *
 * @param wf the workflow
 * @return the count; 0 if @p wf is NULL
 */
SVCR_EXTERN size_t svcr_workflow_timer_count(const svcr_workflow *wf);

/**
 * Describe the timer at @p index.
 *
 * @param wf    the workflow; not NULL
 * @param index 0 to svcr_workflow_timer_count() - 1
 * @param out   receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_workflow_timer(const svcr_workflow *wf, size_t index, svcr_timer_info *out);

/**
 * Describe the timer called @p name.
 *
 * @param wf   the workflow; not NULL
 * @param name the timer's name; not NULL
 * @param out  receives the description; not NULL; its @c size must be set
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if
 *         the workflow has no such timer
 */
SVCR_EXTERN svcr_status svcr_workflow_find_timer(const svcr_workflow *wf, const char *name,
                                                 svcr_timer_info *out);

/**
 * Make an empty timer configuration for @p wf: every target as the workflow says, no calendar
 * bound (timers counting in "24x7" need none; those counting in "business" use the default
 * business calendar, Monday to Friday 09:00-17:00 UTC, until another is bound to that name).
 *
 * @param wf  the workflow; not NULL; must outlive the configuration
 * @param out receives the configuration (free with svcr_timer_config_free()); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_timer_config_new(const svcr_workflow *wf, svcr_timer_config **out);

/**
 * Free a timer configuration (not the calendars bound to it).
 *
 * @param config the configuration, or NULL
 */
SVCR_EXTERN void svcr_timer_config_free(svcr_timer_config *config);

/**
 * Bind a calendar to a name the workflow's timers count in, e.g. "business". Binding a name
 * again replaces the calendar; binding "24x7" replaces the always-open default.
 *
 * @param config   the configuration; not NULL
 * @param name     a calendar name some timer of the workflow uses; not NULL
 * @param calendar the calendar; not NULL; must outlive the configuration
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if no timer of the
 *         workflow counts in @p name (the message lists the names used)
 */
SVCR_EXTERN svcr_status svcr_timer_config_bind_calendar(svcr_timer_config *config, const char *name,
                                                        const svcr_calendar *calendar);

/**
 * Replace a timer's target, e.g. a contract's 30-minute first response.
 *
 * @param config  the configuration; not NULL
 * @param timer   the timer's name; not NULL
 * @param seconds the new target in (business) seconds; not negative
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a negative target; ::SVCR_ENOTFOUND if
 *         the workflow has no such timer
 */
SVCR_EXTERN svcr_status svcr_timer_config_set_target(svcr_timer_config *config, const char *timer,
                                                     int64_t seconds);

/* ---- spending limits ---------------------------------------------------------------------- */

/**
 * Spending limits per role for money facts (empowerment with limits): how much of a fact such as
 * "compensation" each role may commit on its own. An event that commits a limited fact (one of
 * its "events", or by default an event whose guard requires the fact) is refused
 * (::SVCR_EPERM) when the fact is set above the firing role's limit, unless a role whose limit
 * covers it approved at least that amount first (svcr_case_approve()).
 *
 * JSON (a workflow's "limits" member holds the array):
 * @code
 * {"limits": [{"fact": "compensation", "currency": "EUR",
 *              "roles": {"agent": "25.00 EUR", "supervisor": "100.00 EUR", "manager": "unlimited"},
 *              "events": ["atoned"]}]}
 * @endcode
 * A role not listed may commit nothing above zero. Immutable once made; share it read-only.
 */
typedef struct svcr_limits svcr_limits;

/**
 * Read spending limits for a workflow from JSON (the format of ::svcr_limits).
 *
 * @param wf     the workflow whose facts and roles the limits name; must outlive the limits; not NULL
 * @param json   the text, need not be NUL-terminated; not NULL
 * @param length its length in bytes
 * @param out    receives the limits (free with svcr_limits_free()); not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for invalid JSON, a fact
 *         that is not a money fact of @p wf, an unknown role, a limit in another currency than
 *         the fact's "currency", a negative limit, an unknown event or a fact listed twice (with
 *         line:column);
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_limits_parse(const svcr_workflow *wf, const char *json, size_t length,
                                          svcr_limits **out);

/**
 * Free limits.
 *
 * @param limits the limits, or NULL
 */
SVCR_EXTERN void svcr_limits_free(svcr_limits *limits);

/**
 * The spending limits a workflow declares in its JSON ("limits").
 *
 * @param wf the workflow
 * @return its limits (owned by @p wf), or NULL when it declares none or @p wf is NULL
 */
SVCR_EXTERN const svcr_limits *svcr_workflow_limits(const svcr_workflow *wf);

/**
 * A role's limit for a money fact.
 *
 * @param limits    the limits; not NULL
 * @param fact      the fact's name; not NULL
 * @param role      the role's name; not NULL
 * @param unlimited receives true when the role has no limit; not NULL
 * @param limit     receives the limit (zero for a role not listed); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND when the limits do
 *         not cover @p fact or the workflow has no such role
 */
SVCR_EXTERN svcr_status svcr_limits_role_limit(const svcr_limits *limits, const char *fact, const char *role,
                                               bool *unlimited, svcr_money *limit);

/**
 * The lowest role allowed to commit (or approve) an amount of a money fact: the role with the
 * smallest limit that covers it (the first in the workflow's order among equals). Decision
 * tables' offers can be checked with it.
 *
 * @param limits the limits; not NULL
 * @param fact   the fact's name; not NULL
 * @param amount the amount, in the fact's currency
 * @param role   receives the role's name (owned by the workflow); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a negative amount; ::SVCR_ENOTFOUND
 *         when the limits do not cover @p fact; ::SVCR_ECURRENCY for another currency;
 *         ::SVCR_EPERM when no role's limit covers the amount
 */
SVCR_EXTERN svcr_status svcr_limits_lowest_role(const svcr_limits *limits, const char *fact, svcr_money amount,
                                                const char **role);

#ifdef __cplusplus
}
#endif

#endif
