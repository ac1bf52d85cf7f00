/**
 * @file svcrecover/insight.h
 * Insight: streaming metrics over recovery cases, so that what recovery learns can be set beside
 * a host's other measures of performance.
 *
 * An ::svcr_insight accumulator is fed one case at a time, either as an ::svcr_case
 * (svcr_insight_add_case()) or as a plain ::svcr_insight_record of the few values insight needs
 * (svcr_insight_add(), for hosts and benchmarks that have their data elsewhere). Its memory does
 * not grow with the number of cases, only with the number of distinct states, timers, root causes
 * and customers seen. Accumulators fed with different parts of the data (threads, machines, days)
 * combine with svcr_insight_merge(); every figure of the merged accumulator is exactly what one
 * pass over all the cases gives, because everything is kept as integer counts and sums.
 *
 * What it measures (the JSON of svcr_insight_encode() has all of it):
 * - counts by current state and by follow-up outcome;
 * - time to first response and to resolution: count, min, max, mean, p50, p90, p99, from a
 *   log-bucketed histogram: values below 128 seconds are exact; above, 64 buckets per power of two,
 *   and a percentile is the middle of its bucket, within 1/128 (0.79%) of the exact nearest-rank
 *   percentile (::SVCR_INSIGHT_PERCENTILE_ERROR);
 * - share within goal per timer (from the records' timer outcomes);
 * - rates (see svcr_insight_metric()): responded share, recovery rate (satisfied at follow-up ÷
 *   followed up), reopen rate (reopened ÷ ever closed), repeat-complaint rate (customers with two or
 *   more cases opened inside the window ÷ customers with one or more), root-cause share, solicited
 *   share, owner-mapped share;
 * - the root-cause Pareto: causes by count with cumulative share, the "vital few" (the fewest top
 *   causes that reach 80% of classified cases) and the process owners to notify per cause (from a
 *   host mapping, svcr_insight_set_owner());
 * - the recovery paradox index: mean satisfaction after a successful recovery minus the mean of
 *   customers who met no failure (svcr_insight_add_baseline()), with counts and standard deviations;
 * - expected retention from a repurchase table (defaults: TARP, see ::svcr_insight_options);
 * - SERVQUAL: 22 items, five dimensions, gaps weighted by a 100-point allocation
 *   (svcr_servqual_score(), svcr_insight_add_servqual()).
 *
 * Results are JSON (svcr_insight_encode()); the Pareto and per-cause tables are also CSV.
 * An accumulator is used by one thread at a time.
 */
#ifndef SVCRECOVER_INSIGHT_H
#define SVCRECOVER_INSIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>
#include <svcrecover/case.h>
#include <svcrecover/taxonomy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A streaming accumulator of case metrics (opaque). */
typedef struct svcr_insight svcr_insight;

/** Relative error bound of the time percentiles: 1/128. */
#define SVCR_INSIGHT_PERCENTILE_ERROR (1.0 / 128.0)

/** Smallest and largest satisfaction score accepted (any integer scale within them: 1-5, 0-10, 0-100). */
#define SVCR_INSIGHT_SCORE_MIN (-10000)
/** See ::SVCR_INSIGHT_SCORE_MIN. */
#define SVCR_INSIGHT_SCORE_MAX 10000

/** The result of a case's follow-up ("Have we fixed everything for you?"). */
typedef enum svcr_insight_follow_up {
    SVCR_INSIGHT_FOLLOW_UP_NONE = 0,          /**< Not followed up (yet). */
    SVCR_INSIGHT_FOLLOW_UP_SATISFIED = 1,     /**< The last follow-up found the customer satisfied: recovered. */
    SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED = 2, /**< The last follow-up found the customer not satisfied. */
} svcr_insight_follow_up;

/** How big the service problem was (for the TARP repurchase table). */
typedef enum svcr_insight_severity {
    SVCR_INSIGHT_SEVERITY_UNKNOWN = 0, /**< Not known: the case is left out of expected retention. */
    SVCR_INSIGHT_SEVERITY_MINOR = 1,   /**< A minor problem. */
    SVCR_INSIGHT_SEVERITY_MAJOR = 2,   /**< A major problem. */
} svcr_insight_severity;

/** How a finished case was resolved (for the TARP repurchase table). */
typedef enum svcr_insight_resolution {
    SVCR_INSIGHT_RESOLVED_QUICKLY = 0, /**< Resolved within the options' quick_resolution time. */
    SVCR_INSIGHT_RESOLVED = 1,         /**< Resolved, but not quickly. */
    SVCR_INSIGHT_UNRESOLVED = 2,       /**< Not resolved: follow-up not satisfied, or closed unresolved. */
} svcr_insight_resolution;

/** Yes, no, or not known. Zero is "not known", so a zeroed field means no data. */
typedef enum svcr_insight_flag {
    SVCR_INSIGHT_FLAG_UNKNOWN = 0, /**< Not known. */
    SVCR_INSIGHT_FLAG_NO = 1,      /**< No. */
    SVCR_INSIGHT_FLAG_YES = 2,     /**< Yes. */
} svcr_insight_flag;

/** Which time a statistic is about. */
typedef enum svcr_insight_time {
    SVCR_INSIGHT_TIME_FIRST_RESPONSE = 0, /**< From opening to the first response. */
    SVCR_INSIGHT_TIME_RESOLUTION = 1,     /**< From opening to resolution. */
} svcr_insight_time;

/**
 * One timer's outcome in a record, e.g. {"first_response", ::SVCR_INSIGHT_FLAG_YES} for "met its
 * goal". Set @c size to `sizeof(svcr_insight_timer)`.
 */
typedef struct svcr_insight_timer {
    size_t size;                /**< Set by the caller: `sizeof(svcr_insight_timer)`. */
    const char *name;           /**< The timer's name, e.g. "first_response"; not NULL, not "". */
    svcr_insight_flag met_goal; /**< Met (YES) or breached (NO) its goal; UNKNOWN while running. */
} svcr_insight_timer;

/**
 * The few values insight needs from one case. Initialise with
 * `svcr_insight_record_init(&r, sizeof r)` (which sets @c size and marks everything unknown), then fill what you know. The strings are copied
 * when needed; they need only live during the call.
 */
typedef struct svcr_insight_record {
    size_t size;                      /**< `sizeof(svcr_insight_record)`; set by svcr_insight_record_init(). */
    const char *state;                /**< The current state's name, or NULL. */
    int64_t opened_at;                /**< When the case was opened (seconds since the epoch, UTC). */
    int64_t first_response_seconds;   /**< Opening to first response; -1 for no response yet. */
    int64_t resolution_seconds;       /**< Opening to resolution; -1 for not resolved. */
    svcr_insight_follow_up follow_up; /**< The last follow-up's result. */
    bool closed;                      /**< Whether the case was ever closed. */
    uint32_t reopen_count;            /**< How many times it was reopened after closing. */
    const char *customer;             /**< The customer's id, or NULL if not known. */
    const char *root_cause;           /**< The classified root cause, or NULL if none. */
    svcr_insight_severity severity;   /**< Minor or major problem, or unknown. */
    bool has_satisfaction;            /**< Whether @c satisfaction holds a score. */
    int32_t satisfaction;             /**< Satisfaction after the case, on the host's scale; counted for the
                                           recovery paradox when the case was followed up. */
    svcr_insight_flag solicited;      /**< Whether the case came from solicitation (survey, outreach). */
    const svcr_insight_timer *const *timers; /**< Pointers to the timer outcomes, or NULL. */
    size_t timer_count;               /**< Entries in @c timers. */
} svcr_insight_record;

/**
 * Settings fixed when an accumulator is made. Initialise with svcr_insight_options_init(), then
 * change what you need. Accumulators merge only when their options are equal.
 */
typedef struct svcr_insight_options {
    size_t size;                      /**< `sizeof(svcr_insight_options)`; set by svcr_insight_options_init(). */
    int64_t quick_resolution_seconds; /**< "Resolved quickly" means within this; default 86400 (a day). */
    int64_t window_start;             /**< Repeat complaints count cases opened at or after this; default INT64_MIN. */
    int64_t window_end;               /**< ... and before this; default INT64_MAX. */
    /**
     * Repurchase probability in basis points (10000 = 100%) by [severity - 1][resolution]: row 0
     * minor, row 1 major; columns resolved quickly, resolved, unresolved. Default: the TARP
     * figures, minor 9500 / 7000 / 4600, major 8200 / 5400 / 1900.
     */
    uint16_t repurchase[2][3];
    /* Reading cases (svcr_insight_add_case()): event and fact names; NULL skips the value. */
    const char *first_response_event; /**< Event that is the first response; default "apologized". */
    const char *satisfied_event;      /**< Follow-up found the customer satisfied; default "satisfied". */
    const char *not_satisfied_event;  /**< Follow-up found the customer not satisfied; default "not_satisfied". */
    const char *root_cause_fact;      /**< String fact with the root cause; default "root_cause". */
    const char *customer_fact;        /**< String or integer fact with the customer id; default "customer". */
    const char *severity_fact;        /**< String fact "minor" or "major"; default "severity". */
    const char *satisfaction_fact;    /**< Integer fact with the satisfaction score; default "satisfaction". */
    const char *solicited_fact;       /**< Boolean fact: the case came from solicitation; default "solicited". */
} svcr_insight_options;

/** Statistics of one kind of time (seconds), as read by svcr_insight_times(). Set @c size first. */
typedef struct svcr_insight_time_stats {
    size_t size;    /**< Set by the caller: `sizeof(svcr_insight_time_stats)`. */
    uint64_t count; /**< Cases with this time. */
    int64_t min;    /**< Shortest (exact); 0 when count is 0. */
    int64_t max;    /**< Longest (exact). */
    double mean;    /**< Mean (exact sum ÷ count). */
    int64_t p50;    /**< Median, within ::SVCR_INSIGHT_PERCENTILE_ERROR. */
    int64_t p90;    /**< 90th percentile. */
    int64_t p99;    /**< 99th percentile. */
} svcr_insight_time_stats;

/** A named rate, as read by svcr_insight_metric() and svcr_insight_metric_find(). Set @c size first. */
typedef struct svcr_insight_metric_value {
    size_t size;          /**< Set by the caller: `sizeof(svcr_insight_metric_value)`. */
    const char *name;     /**< e.g. "recovery_rate" (owned by the library or the accumulator). */
    double value;         /**< The rate, 0 to 1; 0 when @c denominator is 0. */
    uint64_t numerator;   /**< What was counted (for expected_retention: retained customers, rounded down). */
    uint64_t denominator; /**< Out of how many; 0 means no data: skip the metric. */
} svcr_insight_metric_value;

/**
 * One root cause's row of the Pareto and per-cause tables, as read by svcr_insight_pareto().
 * Set @c size first.
 */
typedef struct svcr_insight_cause {
    size_t size;                      /**< Set by the caller: `sizeof(svcr_insight_cause)`. */
    const char *cause;                /**< The root cause (owned by the accumulator). */
    const char *owner;                /**< Its process owner from svcr_insight_set_owner(), or NULL. */
    uint64_t cases;                   /**< Cases with this cause. */
    double share;                     /**< cases ÷ all classified cases. */
    double cumulative_share;          /**< Share of this cause and all before it. */
    bool vital_few;                   /**< Among the fewest top causes reaching 80%. */
    uint64_t followed_up;             /**< Of its cases, followed up. */
    uint64_t recovered;               /**< Of its cases, satisfied at follow-up. */
    uint64_t reopened;                /**< Of its cases, reopened at least once. */
    uint64_t resolved;                /**< Of its cases, resolved. */
    double mean_resolution_seconds;   /**< Mean time to resolution of the resolved ones; 0 if none. */
} svcr_insight_cause;

/** Satisfaction of one group of customers (a member of ::svcr_insight_paradox_figures only). */
typedef struct svcr_insight_satisfaction {
    uint64_t count; /**< Scores given. */
    double mean;    /**< Their mean; 0 when count is 0. */
    double stddev;  /**< Their sample standard deviation; 0 when count < 2. */
} svcr_insight_satisfaction;

/** The recovery paradox, as read by svcr_insight_paradox(). Set @c size first. */
typedef struct svcr_insight_paradox_figures {
    size_t size;                             /**< Set by the caller: `sizeof(svcr_insight_paradox_figures)`. */
    svcr_insight_satisfaction recovered;     /**< Cases satisfied at follow-up, with a score. */
    svcr_insight_satisfaction not_recovered; /**< Cases not satisfied at follow-up, with a score. */
    svcr_insight_satisfaction no_failure;    /**< Customers who met no failure (svcr_insight_add_baseline()). */
    bool defined;                            /**< Both recovered and no_failure have scores. */
    double index;                            /**< recovered.mean - no_failure.mean; > 0: the paradox holds. */
    double welch_t;                          /**< Welch's t for that difference; 0 when either count < 2. */
} svcr_insight_paradox_figures;

/**
 * Expected retention, as read by svcr_insight_retention(). A case is classified when its severity
 * is known and it is finished: resolved quickly (resolution within the options'
 * quick_resolution_seconds), resolved (later, or satisfied at follow-up without a resolution
 * time), or unresolved (not satisfied at follow-up, or closed without a resolution). Cases still
 * open and unresolved are left out. Set @c size first.
 */
typedef struct svcr_insight_retention_figures {
    size_t size;               /**< Set by the caller: `sizeof(svcr_insight_retention_figures)`. */
    uint64_t cases[2][3];      /**< Classified cases by [severity - 1][resolution]. */
    uint64_t classified;       /**< Their total. */
    double expected_retained;  /**< Σ cases × repurchase probability. */
    double rate;               /**< expected_retained ÷ classified; 0 when none. */
} svcr_insight_retention_figures;

/**
 * The 22 SERVQUAL items and five dimensions (A. Parasuraman, V. A. Zeithaml and L. L. Berry,
 * "SERVQUAL: A Multiple-Item Scale for Measuring Consumer Perceptions of Service Quality",
 * Journal of Retailing 64(1), 1988, pp. 12-40).
 */
enum {
    SVCR_SERVQUAL_ITEMS = 22,     /**< Items 1-22: tangibles 1-4, reliability 5-9, responsiveness
                                       10-13, assurance 14-17, empathy 18-22. */
    SVCR_SERVQUAL_DIMENSIONS = 5, /**< Tangibles, reliability, responsiveness, assurance, empathy. */
};

/** A SERVQUAL dimension: the index into the per-dimension arrays of ::svcr_servqual_result. */
typedef enum svcr_servqual_dimension {
    SVCR_SERVQUAL_TANGIBLES = 0,  /**< Physical facilities, equipment and the appearance of staff. */
    SVCR_SERVQUAL_RELIABILITY,    /**< Performing the promised service dependably and accurately. */
    SVCR_SERVQUAL_RESPONSIVENESS, /**< Willingness to help customers and give prompt service. */
    SVCR_SERVQUAL_ASSURANCE,      /**< Knowledge and courtesy of staff, and their ability to inspire trust. */
    SVCR_SERVQUAL_EMPATHY,        /**< Caring, individual attention to customers. */
} svcr_servqual_dimension;

/**
 * SERVQUAL scores of one respondent or the mean over many. Gaps are perception - expectation.
 * Set @c size first.
 */
typedef struct svcr_servqual_result {
    size_t size;                                       /**< Set by the caller: `sizeof(svcr_servqual_result)`. */
    uint64_t respondents;                              /**< Respondents averaged (1 for svcr_servqual_score()). */
    double item_gap[SVCR_SERVQUAL_ITEMS];              /**< Mean gap per item (index 0 is item 1). */
    double expectation[SVCR_SERVQUAL_DIMENSIONS];      /**< Mean expectation per dimension. */
    double perception[SVCR_SERVQUAL_DIMENSIONS];       /**< Mean perception per dimension. */
    double dimension_gap[SVCR_SERVQUAL_DIMENSIONS];    /**< Mean gap per dimension. */
    double weight[SVCR_SERVQUAL_DIMENSIONS];           /**< Mean points allocated per dimension. */
    double unweighted;                                 /**< Mean of the five dimension gaps. */
    double weighted;                                   /**< Mean over respondents of Σ gap × points ÷ 100. */
} svcr_servqual_result;

/**
 * Fill a record with "nothing known": @c size set to @p size, times -1, strings NULL, flags
 * unknown. Only the first @p size bytes are written.
 *
 * @param record the record; may be NULL (then nothing happens)
 * @param size   `sizeof(svcr_insight_record)` as the caller knows it; less than a `size_t`
 *               writes nothing
 */
SVCR_EXTERN void svcr_insight_record_init(svcr_insight_record *record, size_t size);

/**
 * Fill options with the defaults (see ::svcr_insight_options), @c size set to @p size. Only the
 * first @p size bytes are written.
 *
 * @param options the options; may be NULL (then nothing happens)
 * @param size    `sizeof(svcr_insight_options)` as the caller knows it; less than a `size_t`
 *                writes nothing
 */
SVCR_EXTERN void svcr_insight_options_init(svcr_insight_options *options, size_t size);

/**
 * Make an empty accumulator.
 *
 * @param options the settings (copied, with the names), or NULL for the defaults
 * @param out     receives the accumulator, to free with svcr_insight_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out, a @c size of 0, a negative quick resolution
 *         time, a window that ends before it starts, a repurchase figure above 10000, or an empty
 *         event or fact name; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_new(const svcr_insight_options *options, svcr_insight **out);

/**
 * Free an accumulator.
 *
 * @param insight the accumulator, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_insight_free(svcr_insight *insight);

/**
 * Add one case given as a plain record.
 *
 * @param insight the accumulator; not NULL
 * @param record  the case's values; not NULL; made with svcr_insight_record_init()
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0, a time below -1, a
 *         resolution or follow-up value out of range, an empty string or one that is not valid
 *         UTF-8 (customer, root cause), a satisfaction score outside
 *         ::SVCR_INSIGHT_SCORE_MIN to ::SVCR_INSIGHT_SCORE_MAX, a timer without a name;
 *         ::SVCR_EOVERFLOW if a sum would overflow; ::SVCR_ENOMEM. On failure nothing is counted.
 */
SVCR_EXTERN svcr_status svcr_insight_add(svcr_insight *insight, const svcr_insight_record *record);

/**
 * Add several plain records, in order, exactly as svcr_insight_add() would one by one. For large
 * feeds: while adding one record it fetches the memory the next ones will need (the customer
 * table outgrows the processor's caches at around a hundred thousand customers), which makes it
 * markedly faster than a loop of svcr_insight_add() when there are many customers.
 *
 * @param insight the accumulator; not NULL
 * @param records a list of @p count pointers to records, each made with
 *                svcr_insight_record_init(); not NULL unless @p count is 0
 * @param count   the number of records
 * @param added   receives how many records were added (all of them on success; on failure the
 *                ones before the failing record, which stay counted); may be NULL
 * @return ::SVCR_OK; as svcr_insight_add() for the first record that fails;
 *         ::SVCR_EINVAL also for NULL @p records with a non-zero @p count, or a NULL entry
 */
SVCR_EXTERN svcr_status svcr_insight_add_many(svcr_insight *insight, const svcr_insight_record *const *records,
                                              size_t count, size_t *added);

/**
 * Read the record insight takes from a case: its state, the times of the first response event and
 * of first entering a resolved or closed state, the last follow-up event, whether it was closed,
 * its reopen transitions, and the facts named in the options (a fact the workflow does not declare
 * or the case has not set stays unknown). Strings in the record belong to the case.
 *
 * @param insight the accumulator whose options name the events and facts; not NULL
 * @param c       the case; not NULL
 * @param record  receives the values; not NULL; its timers are left empty
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a named fact of an unexpected type, or a
 *         severity fact that is not "minor" or "major"; ::SVCR_EOVERFLOW if an event lies further
 *         from the opening than 64-bit seconds hold
 */
SVCR_EXTERN svcr_status svcr_insight_record_from_case(const svcr_insight *insight, const svcr_case *c,
                                                      svcr_insight_record *record);

/**
 * Read each of the case's timers as an insight outcome at time @p at: met its goal (stopped within
 * its target), breached it (went past its target, even if still running), or unknown (running
 * within its target, paused or not started). The names belong to the workflow.
 *
 * @param c        the case; not NULL
 * @param config   calendars and target overrides for the case's workflow (svcr_timer_config_new());
 *                 NULL when every timer counts in "24x7" or the default "business" calendar
 *                 (see svcr_case_timer())
 * @param at       the time to look at, seconds since the epoch (UTC); not before the opening
 * @param timers   @p capacity pointers to structs with @c size set, which receive one outcome per
 *                 workflow timer, in the workflow's order; may be NULL only when the workflow has
 *                 no timers
 * @param capacity the number of entries @p timers holds
 * @param count    receives the number written; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or element, a @c size of 0, or a buffer
 *         smaller than the workflow's timer count; the errors of svcr_case_timer()
 *         (::SVCR_ENOTFOUND for an unbound calendar)
 */
SVCR_EXTERN svcr_status svcr_insight_timers_from_case(const svcr_case *c, const svcr_timer_config *config,
                                                      int64_t at, svcr_insight_timer *const *timers,
                                                      size_t capacity, size_t *count);

/**
 * Add one case: svcr_insight_record_from_case(), then, with a timer configuration,
 * svcr_insight_timers_from_case() at time @p at, then svcr_insight_add(). The timers' outcomes
 * feed the per-timer "share within goal" metrics.
 *
 * @param insight the accumulator; not NULL
 * @param c       the case; not NULL
 * @param config  calendars and target overrides for the case's workflow (svcr_timer_config_new();
 *                one with nothing bound serves workflows whose timers count in "24x7"), or NULL
 *                to leave the timers out
 * @param at      when to read the timers (e.g. the end of the reporting period); not before the
 *                case's opening; ignored when @p config is NULL
 * @return as those functions; ::SVCR_EINVAL also for a workflow with more than 32 timers.
 *         On failure nothing is counted.
 */
SVCR_EXTERN svcr_status svcr_insight_add_case(svcr_insight *insight, const svcr_case *c,
                                              const svcr_timer_config *config, int64_t at);

/**
 * Add the satisfaction score of a customer who met no failure: the comparison group of the
 * recovery paradox.
 *
 * @param insight the accumulator; not NULL
 * @param score   the score, on the same scale as the cases' satisfaction
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p insight or a score outside
 *         ::SVCR_INSIGHT_SCORE_MIN to ::SVCR_INSIGHT_SCORE_MAX; ::SVCR_EOVERFLOW
 */
SVCR_EXTERN svcr_status svcr_insight_add_baseline(svcr_insight *insight, int32_t score);

/**
 * Add one SERVQUAL respondent: checked as in svcr_servqual_score().
 *
 * @param insight      the accumulator; not NULL
 * @param expectations 22 scores, 1 to 7; not NULL
 * @param perceptions  22 scores, 1 to 7; not NULL
 * @param points       5 allocations summing to 100; not NULL
 * @return as svcr_servqual_score(); ::SVCR_EOVERFLOW. On failure nothing is counted.
 */
SVCR_EXTERN svcr_status svcr_insight_add_servqual(svcr_insight *insight, const uint8_t *expectations,
                                                  const uint8_t *perceptions, const uint8_t *points);

/**
 * Name the process owner to notify about a root cause (replaces an earlier owner of that cause).
 * The mapping is read when results are written; causes not seen yet may be mapped.
 *
 * @param insight the accumulator; not NULL
 * @param cause   the root cause; not NULL, not ""
 * @param owner   the owner, e.g. "logistics"; not NULL, not ""
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL or empty argument, or one that is not valid UTF-8;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_set_owner(svcr_insight *insight, const char *cause, const char *owner);

/**
 * Add everything @p from has counted to @p into (its cases, customers, baseline and SERVQUAL
 * respondents; owners that @p into lacks). The result equals one pass over both inputs.
 *
 * @param into the accumulator that grows; not NULL
 * @param from the accumulator added; not NULL, not @p into; unchanged
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, the same accumulator twice, or different
 *         options; ::SVCR_EOVERFLOW; ::SVCR_ENOMEM. On failure @p into is unchanged.
 */
SVCR_EXTERN svcr_status svcr_insight_merge(svcr_insight *into, const svcr_insight *from);

/**
 * Write the accumulator's whole mergeable state (options, counts, time histograms, scores,
 * SERVQUAL sums, states, root causes, customers, timers, owners) as compact bytes, to send to
 * another process or store: svcr_insight_state_decode() gives back an accumulator equal to this
 * one, so partial accumulators made on many machines merge (svcr_insight_merge()) into exactly
 * what one pass gives. The bytes are versioned and checksummed; equal states give equal bytes
 * (tables are written in key order), so comparing the bytes compares the states.
 *
 * @param insight the accumulator; not NULL; unchanged
 * @param bytes   receives the bytes, to free with svcr_free(); not NULL
 * @param length  receives their number; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_state_encode(const svcr_insight *insight, unsigned char **bytes,
                                                  size_t *length);

/**
 * Make an accumulator from bytes that svcr_insight_state_encode() wrote (by this or another
 * process). Everything is checked before it is trusted: the header, the version, the length, a
 * checksum of the bytes, and that the figures agree with one another.
 *
 * @param bytes  the bytes; not NULL
 * @param length their number
 * @param out    receives the new accumulator, to free with svcr_insight_free(); not NULL;
 *               untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for bytes that are not an
 *         insight state, a version this library does not read, truncated bytes ("truncated: N of
 *         its M bytes"), bytes after the end, or corrupt ones (a checksum mismatch, or figures that
 *         disagree; the message names what and the byte); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_state_decode(const unsigned char *bytes, size_t length, svcr_insight **out);

/**
 * The number of cases added.
 *
 * @param insight the accumulator, or NULL (then 0)
 * @return the count
 */
SVCR_EXTERN uint64_t svcr_insight_case_count(const svcr_insight *insight);

/**
 * The number of cases whose current state has this name.
 *
 * @param insight the accumulator, or NULL (then 0)
 * @param state   the state's name, or NULL (then 0)
 * @return the count
 */
SVCR_EXTERN uint64_t svcr_insight_state_count(const svcr_insight *insight, const char *state);

/**
 * The number of cases with this follow-up outcome.
 *
 * @param insight the accumulator, or NULL (then 0)
 * @param outcome the outcome
 * @return the count; 0 for a value that is not an outcome
 */
SVCR_EXTERN uint64_t svcr_insight_outcome_count(const svcr_insight *insight, svcr_insight_follow_up outcome);

/**
 * Statistics of time to first response or to resolution.
 *
 * @param insight the accumulator; not NULL
 * @param which   which time
 * @param out     receives the statistics; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an unknown @p which
 */
SVCR_EXTERN svcr_status svcr_insight_times(const svcr_insight *insight, svcr_insight_time which,
                                           svcr_insight_time_stats *out);

/**
 * Any percentile of time to first response or to resolution (nearest rank, then the middle of its
 * histogram bucket, clamped to the exact min and max).
 *
 * @param insight  the accumulator; not NULL
 * @param which    which time
 * @param fraction the percentile as a fraction, more than 0 and at most 1 (0.5 is the median)
 * @param seconds  receives the value; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, an unknown @p which or a fraction out of
 *         range; ::SVCR_ENOTFOUND when no case has that time
 */
SVCR_EXTERN svcr_status svcr_insight_percentile(const svcr_insight *insight, svcr_insight_time which,
                                                double fraction, int64_t *seconds);

/**
 * The number of metrics: the fixed ones (responded_share, recovery_rate, reopen_rate,
 * repeat_complaint_rate, root_cause_share, solicited_share, owner_mapped_share,
 * expected_retention) and one `<timer>_within_goal_share` per timer seen, in name order.
 *
 * @param insight the accumulator, or NULL (then 0)
 * @return the count
 */
SVCR_EXTERN size_t svcr_insight_metric_count(const svcr_insight *insight);

/**
 * Read one metric. Feed them to maturity scoring with svcr_maturity_answers_set_metric(),
 * skipping those with a denominator of 0.
 *
 * @param insight the accumulator; not NULL
 * @param index   0 to svcr_insight_metric_count() - 1
 * @param out     receives the metric; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_insight_metric(const svcr_insight *insight, size_t index,
                                            svcr_insight_metric_value *out);

/**
 * Read a metric by name.
 *
 * @param insight the accumulator; not NULL
 * @param name    e.g. "recovery_rate"; not NULL
 * @param out     receives the metric; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND for an
 *         unknown name
 */
SVCR_EXTERN svcr_status svcr_insight_metric_find(const svcr_insight *insight, const char *name,
                                                 svcr_insight_metric_value *out);

/**
 * The root-cause Pareto: every cause, by cases (most first; ties by name), with the per-cause
 * figures. The rows are written to the caller's structs that @p causes points to, up to
 * @p capacity of them; @p count receives the number of causes, which may exceed @p capacity
 * (call again with more room to read them all).
 *
 * @param insight  the accumulator; not NULL
 * @param causes   @p capacity pointers to structs with @c size set; their strings belong to
 *                 @p insight and live until it is changed or freed; may be NULL when
 *                 @p capacity is 0
 * @param capacity the number of entries in @p causes
 * @param count    receives the number of causes; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or element, or a @c size of 0;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_pareto(const svcr_insight *insight, svcr_insight_cause *const *causes,
                                            size_t capacity, size_t *count);

/**
 * The recovery paradox figures.
 *
 * @param insight the accumulator; not NULL
 * @param out     receives them; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0
 */
SVCR_EXTERN svcr_status svcr_insight_paradox(const svcr_insight *insight, svcr_insight_paradox_figures *out);

/**
 * Expected retention from the repurchase table.
 *
 * @param insight the accumulator; not NULL
 * @param out     receives it; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0
 */
SVCR_EXTERN svcr_status svcr_insight_retention(const svcr_insight *insight, svcr_insight_retention_figures *out);

/**
 * The mean SERVQUAL scores of the respondents added.
 *
 * @param insight the accumulator; not NULL
 * @param out     receives them (all zero with 0 respondents); not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0
 */
SVCR_EXTERN svcr_status svcr_insight_servqual(const svcr_insight *insight, svcr_servqual_result *out);

/**
 * Write every figure as JSON: `{"cases", "by_state", "by_outcome", "first_response",
 * "resolution", "timers", "metrics", "repeat_complaints", "pareto", "notifications", "paradox",
 * "retention", "servqual"}` (README.md shows an example).
 *
 * @param insight the accumulator; not NULL
 * @param json    receives NUL-terminated compact JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_encode(const svcr_insight *insight, char **json);

/**
 * Write the Pareto table as CSV (RFC 4180, CRLF line ends, header
 * `cause,cases,share,cumulative_share,vital_few,owner`).
 *
 * The text cells (cause, owner) come from users, so one that a spreadsheet would evaluate as a
 * formula, starting with `=`, `+`, `-`, `@`, a tab or a carriage return, is written quoted with a
 * leading apostrophe (`"'=HYPERLINK(...)"`), as the OWASP guidance on CSV injection recommends;
 * the numeric columns are numbers and stay so (a text cause "-3" is written `"'-3"`).
 *
 * @param insight the accumulator; not NULL
 * @param csv     receives NUL-terminated text, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_pareto_csv(const svcr_insight *insight, char **csv);

/**
 * Write the per-cause table as CSV (header
 * `cause,cases,followed_up,recovered,recovery_rate,reopened,resolved,mean_resolution_seconds,owner`),
 * in Pareto order. Text cells that would start a formula are neutralised as in
 * svcr_insight_pareto_csv().
 *
 * @param insight the accumulator; not NULL
 * @param csv     receives NUL-terminated text, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_causes_csv(const svcr_insight *insight, char **csv);

/**
 * Score one SERVQUAL respondent: gap = perception - expectation per item; per dimension the mean
 * gap of its items; unweighted score the mean of the five dimension gaps; weighted score
 * Σ dimension gap × points ÷ 100.
 *
 * @param expectations 22 scores, 1 to 7 (index 0 is item 1); not NULL
 * @param perceptions  22 scores, 1 to 7; not NULL
 * @param points       the 100 points the respondent allocated to tangibles, reliability,
 *                     responsiveness, assurance and empathy; not NULL
 * @param out          receives the scores; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0, a score outside 1 to 7 (the message names
 *         the item), or points that do not sum to 100
 */
SVCR_EXTERN svcr_status svcr_servqual_score(const uint8_t *expectations, const uint8_t *perceptions,
                                            const uint8_t *points, svcr_servqual_result *out);

/**
 * The name of a SERVQUAL dimension.
 *
 * @param dimension a dimension
 * @return "tangibles", "reliability", "responsiveness", "assurance" or "empathy"; NULL for a value
 *         that is not a dimension
 */
SVCR_EXTERN const char *svcr_servqual_dimension_name(svcr_servqual_dimension dimension);

/* ---- the recovery loop: causes by taxonomy code, surveys -------------------------------- */

/**
 * One row of the Pareto by taxonomy code, as read by svcr_insight_pareto_by_code(). Set @c size
 * to `sizeof(svcr_insight_code_row)` first.
 */
typedef struct svcr_insight_code_row {
    size_t size;               /**< Set by the caller: `sizeof(svcr_insight_code_row)`. */
    const char *code;          /**< The code (owned by the taxonomy), or NULL for the causes no code matches. */
    const char *name;          /**< Its display name; "unresolved" for the row of unmatched causes. */
    size_t level;              /**< Its level in the taxonomy; 0 for the unmatched row. */
    const char *owner_team;    /**< The team to notify (owned by the taxonomy), or NULL. */
    const char *owner_contact; /**< How to reach it, or NULL. */
    uint64_t cases;            /**< Cases whose cause falls under the code. */
    double share;              /**< cases ÷ all classified cases. */
    double cumulative_share;   /**< Share of this row and all before it. */
    bool vital_few;            /**< Among the fewest top rows reaching 80%. */
    uint64_t followed_up;      /**< Of its cases, followed up. */
    uint64_t recovered;        /**< Of its cases, satisfied at follow-up. */
} svcr_insight_code_row;

/**
 * The root-cause Pareto by taxonomy code: each case's cause is resolved in @p taxonomy (a code,
 * a name or an alias, so causes typed before the taxonomy existed count too) and counted under
 * its code, or under its ancestor at @p level; causes that resolve to nothing share one row
 * (code NULL). Rows by cases, most first, ties by code; each names the owner to notify.
 *
 * @param insight  the accumulator; not NULL
 * @param taxonomy the taxonomy; not NULL
 * @param level    0 for each code as classified; 1, 2, ... to roll codes up to that level
 * @param rows     @p capacity pointers to rows with @c size set (strings belong to @p taxonomy);
 *                 may be NULL when @p capacity is 0
 * @param capacity the number of entries in @p rows
 * @param count    receives the number of rows, which may exceed @p capacity; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or element, or a @c size of 0;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_insight_pareto_by_code(const svcr_insight *insight, const svcr_taxonomy *taxonomy,
                                                    size_t level, svcr_insight_code_row *const *rows,
                                                    size_t capacity, size_t *count);

/**
 * One answer to a satisfaction survey: the solicitation that finds the customers who met a
 * failure and did not complain, and the scores of those who met none (the paradox's baseline).
 * Read with svcr_survey_response_parse(); the strings live in the same block.
 */
typedef struct svcr_survey_response {
    size_t size;          /**< Set by the library: the size it filled. */
    const char *customer; /**< The customer's id. */
    int32_t score;        /**< The score given, within the scale. */
    int32_t scale_min;    /**< The lowest score of the survey's scale. */
    int32_t scale_max;    /**< The highest. */
    int64_t at;           /**< When it was answered (seconds since the epoch, UTC). */
    const char *comment;  /**< What the customer wrote, or NULL. */
    bool had_problem;     /**< Whether the customer says they met a problem. */
} svcr_survey_response;

/**
 * Read one survey response, a JSON object such as
 * `{"customer": "K-7", "score": 2, "scale": [1, 5], "at": "2026-11-23T09:00:00Z",
 *   "comment": "Late again", "had_problem": true}` (one line of a JSON-lines file). "scale" is
 * [lowest, highest] or a number N for 1 to N; "at" ISO 8601 text or seconds; "comment" optional.
 *
 * @param json   the text, need not be NUL-terminated; not NULL
 * @param length its length in bytes
 * @param out    receives the response in one block, to free with svcr_free(); not NULL;
 *               untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for invalid JSON, a missing
 *         or mistyped member, a bad scale or a score outside its scale (with line:column);
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_survey_response_parse(const char *json, size_t length, svcr_survey_response **out);

/**
 * What a survey response asks of the host: a detractor (a score at or under @p threshold) is a
 * customer to reach out to, so the host opens a solicited case for them (its fact "solicited"
 * set to true, which insight counts for solicited_share).
 *
 * @param response            the response; not NULL
 * @param threshold           the highest detractor score, within the response's scale
 * @param open_solicited_case receives true for a detractor; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a threshold outside the scale
 */
SVCR_EXTERN svcr_status svcr_survey_triage(const svcr_survey_response *response, int32_t threshold,
                                           bool *open_solicited_case);

/**
 * Count a survey response in insight: the score of a respondent who met no failure joins the
 * paradox's baseline (svcr_insight_add_baseline()), against which the recovered cases' scores
 * are compared; a response with a problem adds nothing here (its solicited case will).
 *
 * @param insight  the accumulator; not NULL
 * @param response the response; not NULL; on the same scale as the cases' satisfaction
 * @return as svcr_insight_add_baseline(); ::SVCR_EINVAL for a NULL argument
 */
SVCR_EXTERN svcr_status svcr_insight_add_survey(svcr_insight *insight, const svcr_survey_response *response);

#ifdef __cplusplus
}
#endif

#endif
