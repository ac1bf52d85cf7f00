/**
 * @file svcrecover/maturity.h
 * Maturity scoring: which of the five stages of service-recovery maturity an organisation is at,
 * and what is missing for the next.
 *
 * The stages are 1 Moribund, 2 Reactive, 3 Active Listening, 4 Solicitous and
 * 5 Infused. A **criteria model** lists observable criteria, each belonging to one stage from 2 to
 * 5: a yes/no question (kind ::SVCR_MATURITY_BOOLEAN) or a measured number with a threshold and a
 * direction (kind ::SVCR_MATURITY_NUMBER, e.g. "share of complaints acknowledged within goal, at
 * least 0.9"). The library ships a built-in model (lib/maturity/criteria.json, also installed as
 * `$datadir/svcrecover/criteria.json`); a host may load its own.
 *
 * **Answers** are given per criterion id, from a questionnaire (JSON `{"answers": {...}}` or one
 * call per answer) and/or from measured metrics such as insight's rates, through a metric map
 * (metric name -> criterion id). **Scoring** is staged and cumulative: the stage is the highest
 * one whose criteria, and those of every stage below it, are all met; an organisation that meets
 * no stage-2 criterion is stage 1, Moribund. A criterion without an answer is never guessed: it
 * counts as not met and is listed as missing.
 *
 * **Numbers** are `double`. A number answer meets an `at_least` threshold when given >= threshold
 * and an `at_most` threshold when given <= threshold, compared exactly, with no tolerance. Both
 * sides are the nearest double to their exact value (decimal text such as `0.9` is converted once;
 * svcr_maturity_answers_set_ratio() divides two counts once), and rounding to nearest is monotonic,
 * so a share that is exactly the threshold (9 of 10 against 0.9) meets it and one below it
 * (899 of 1000 against 0.9) does not: for shares from 0 to 1, thresholds of at most six decimals
 * and denominators below 10^9, distinct exact values stay distinct and in order as doubles.
 * Pass counts as a ratio rather than the result of your own floating-point arithmetic (0.3 * 3
 * is not 0.9). JSON output writes numbers with 15 significant digits, so 0.9 prints as 0.9.
 *
 * Threads: a model is immutable once built (after any svcr_maturity_model_set_threshold() calls)
 * and may be shared; answers and results belong to one thread at a time. A model must outlive
 * the answers and results made from it.
 */
#ifndef SVCRECOVER_MATURITY_H
#define SVCRECOVER_MATURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The five stages of service-recovery maturity. */
typedef enum svcr_maturity_stage {
    SVCR_MATURITY_MORIBUND = 1,         /**< No complaint handling; angry customers are ignored. */
    SVCR_MATURITY_REACTIVE = 2,         /**< Complaints heard and answered, haphazardly: no goals, no owner. */
    SVCR_MATURITY_ACTIVE_LISTENING = 3, /**< Structured response: owners, guidelines, goals; still reactive. */
    SVCR_MATURITY_SOLICITOUS = 4,       /**< Customers with issues are actively asked, as most never complain. */
    SVCR_MATURITY_INFUSED = 5,          /**< Complaints feed process improvement: root causes, owners notified. */
} svcr_maturity_stage;

/** What a criterion's answer is. */
typedef enum svcr_maturity_kind {
    SVCR_MATURITY_BOOLEAN = 0,   /**< Yes or no; met when the answer is yes (JSON `"bool"`). */
    SVCR_MATURITY_NUMBER = 1, /**< A measured number compared with a threshold (JSON `"number"`). */
} svcr_maturity_kind;

/** How a number answer is compared with its criterion's threshold. */
typedef enum svcr_maturity_direction {
    SVCR_MATURITY_AT_LEAST = 0, /**< Met when answer >= threshold (JSON `"at_least"`). */
    SVCR_MATURITY_AT_MOST = 1,  /**< Met when answer <= threshold (JSON `"at_most"`). */
} svcr_maturity_direction;

/** A criteria model: the criteria of stages 2 to 5 (opaque; immutable once built). */
typedef struct svcr_maturity_model svcr_maturity_model;

/** Answers to a model's criteria (opaque). */
typedef struct svcr_maturity_answers svcr_maturity_answers;

/** A metric map: which metric fills which criterion (opaque). */
typedef struct svcr_maturity_metric_map svcr_maturity_metric_map;

/** The outcome of scoring answers against a model (opaque). */
typedef struct svcr_maturity_result svcr_maturity_result;

/**
 * One criterion of a model, as read by svcr_maturity_model_criterion(). Set @c size to
 * `sizeof(svcr_maturity_criterion)` before the call. The strings belong to the model.
 */
typedef struct svcr_maturity_criterion {
    size_t size;                       /**< Set by the caller: `sizeof(svcr_maturity_criterion)`. */
    const char *id;                    /**< Unique id, e.g. "acknowledged_within_goal". */
    svcr_maturity_stage stage;         /**< The stage it belongs to, 2 to 5. */
    svcr_maturity_kind kind;           /**< Yes/no or number. */
    double threshold;                  /**< Number criteria: the value needed; 0 for yes/no. */
    svcr_maturity_direction direction; /**< Number criteria: how to compare; at least for yes/no. */
    const char *question;              /**< The question put to the organisation. */
    const char *source;                /**< Where the default comes from; "" when not given. */
} svcr_maturity_criterion;

/**
 * One stage's tally in a result, as read by svcr_maturity_result_stage_score(). Set @c size to
 * `sizeof(svcr_maturity_stage_score)` before the call.
 */
typedef struct svcr_maturity_stage_score {
    size_t size;    /**< Set by the caller: `sizeof(svcr_maturity_stage_score)`. */
    svcr_maturity_stage stage; /**< 2 to 5. */
    size_t total;   /**< Criteria of this stage. */
    size_t met;     /**< Of them, answered and met. */
    size_t unmet;   /**< Answered and not met. */
    size_t missing; /**< Not answered. */
    double share;   /**< met / total. */
} svcr_maturity_stage_score;

/**
 * An unmet criterion of the next stage, as read by svcr_maturity_result_gap(). For a yes/no
 * criterion @c given is 0 (answered no) and @c needed is 1 (yes). Set @c size to
 * `sizeof(svcr_maturity_gap)` before the call.
 */
typedef struct svcr_maturity_gap {
    size_t size;                       /**< Set by the caller: `sizeof(svcr_maturity_gap)`. */
    const char *id;                    /**< The criterion's id (owned by the model). */
    svcr_maturity_stage stage;         /**< Its stage. */
    svcr_maturity_kind kind;           /**< Yes/no or number. */
    double given;                      /**< The answer given. */
    double needed;                     /**< The threshold (numbers) or 1 (yes/no). */
    svcr_maturity_direction direction; /**< How @c given must compare with @c needed. */
} svcr_maturity_gap;

/**
 * The name of a stage.
 *
 * @param stage a stage
 * @return a static string: "Moribund", "Reactive", "Active Listening", "Solicitous" or "Infused";
 *         NULL for a value that is not a stage
 */
SVCR_EXTERN const char *svcr_maturity_stage_name(svcr_maturity_stage stage);

/* ------------------------------------------------------------------------------------------ */
/* Criteria models                                                                             */
/* ------------------------------------------------------------------------------------------ */

/**
 * Make the built-in criteria model (20 criteria; the same text as the installed
 * `svcrecover/criteria.json`, compiled into the library).
 *
 * @param out receives the new model, to free with svcr_maturity_model_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_model_builtin(svcr_maturity_model **out);

/**
 * Load a criteria model from JSON:
 * `{"criteria": [{"id": "...", "stage": 3, "kind": "number", "threshold": 0.9,
 * "direction": "at_least", "question": "...", "source": "..."}, ...]}`.
 *
 * Rules: ids are unique, 1 to 64 characters of `a-z`, `0-9` and `_`; stage is an integer 2 to 5
 * and every stage 2 to 5 has at least one criterion; kind is "bool" or "number"; number criteria
 * need a finite threshold and a direction ("at_least" or "at_most") and yes/no criteria have
 * neither; the question is a non-empty string; "source" is optional; no other members.
 *
 * @param json the text; not NULL
 * @param length its length in bytes
 * @param out  receives the new model; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for malformed JSON or a
 *         rule broken, with the line:column of the offending value in the message and in
 *         svcr_error_line()/svcr_error_column(); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_model_parse(const char *json, size_t length,
                                                  svcr_maturity_model **out);

/**
 * Free a model. Answers and results made from it must be freed first.
 *
 * @param model the model, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_maturity_model_free(svcr_maturity_model *model);

/**
 * Write a model as JSON `{"criteria": [{"id", "stage", "kind", "threshold", "direction",
 * "question"}, ...]}` (threshold and direction for number criteria only; sources are not
 * written).
 *
 * @param model the model; not NULL
 * @param json  receives NUL-terminated compact JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_model_encode(const svcr_maturity_model *model, char **json);

/**
 * The number of criteria in a model.
 *
 * @param model the model, or NULL
 * @return the count; 0 for NULL
 */
SVCR_EXTERN size_t svcr_maturity_model_count(const svcr_maturity_model *model);

/**
 * Read one criterion of a model, in model order.
 *
 * @param model the model; not NULL
 * @param index 0 to svcr_maturity_model_count() - 1
 * @param out   receives the criterion; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_maturity_model_criterion(const svcr_maturity_model *model, size_t index,
                                                      svcr_maturity_criterion *out);

/**
 * Find a criterion's position by id.
 *
 * @param model the model; not NULL
 * @param id    the criterion id; not NULL
 * @param index receives its index; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if no criterion has
 *         that id
 */
SVCR_EXTERN svcr_status svcr_maturity_model_find(const svcr_maturity_model *model, const char *id,
                                                 size_t *index);

/**
 * Change a number criterion's threshold (configure a model before sharing it between threads;
 * answers and results already made keep pointing at the model and see the change).
 *
 * @param model     the model; not NULL
 * @param id        the criterion id; not NULL
 * @param threshold the new threshold; finite
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a non-finite threshold or a yes/no
 *         criterion; ::SVCR_ENOTFOUND for an unknown id
 */
SVCR_EXTERN svcr_status svcr_maturity_model_set_threshold(svcr_maturity_model *model, const char *id,
                                                          double threshold);

/* ------------------------------------------------------------------------------------------ */
/* Answers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/**
 * Make an empty set of answers to a model's criteria (every criterion missing).
 *
 * @param model the model the answers are for; not NULL; must outlive the answers
 * @param out   receives the answers, to free with svcr_maturity_answers_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_new(const svcr_maturity_model *model,
                                                  svcr_maturity_answers **out);

/**
 * Read answers from JSON `{"answers": {"<id>": true | false | 0.93 | null, ...}}`. A yes/no
 * criterion takes true or false, a number criterion a number; null leaves the criterion missing.
 *
 * @param model the model the answers are for; not NULL
 * @param json  the text; not NULL
 * @param length its length in bytes
 * @param out   receives the answers; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for malformed JSON, a
 *         missing "answers" object, another top-level member, an id the model does not have or a
 *         value of the wrong type, with line:column; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_parse(const svcr_maturity_model *model, const char *json,
                                                    size_t length, svcr_maturity_answers **out);

/**
 * Free answers.
 *
 * @param answers the answers, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_maturity_answers_free(svcr_maturity_answers *answers);

/**
 * Answer a yes/no criterion.
 *
 * @param answers the answers; not NULL
 * @param id      the criterion id; not NULL
 * @param value   the answer
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a number criterion;
 *         ::SVCR_ENOTFOUND for an id the model does not have
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_set_boolean(svcr_maturity_answers *answers, const char *id,
                                                          bool value);

/**
 * Answer a number criterion.
 *
 * @param answers the answers; not NULL
 * @param id      the criterion id; not NULL
 * @param value   the measured value; finite
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a non-finite value or a yes/no
 *         criterion; ::SVCR_ENOTFOUND for an id the model does not have
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_set_number(svcr_maturity_answers *answers,
                                                         const char *id, double value);

/**
 * Answer a number criterion with a share of two counts, divided once (see the file comment on
 * exact comparisons): e.g. 9 of 10 complaints acknowledged within goal.
 *
 * @param answers     the answers; not NULL
 * @param id          the criterion id; not NULL
 * @param numerator   the part
 * @param denominator the whole; not 0
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a zero denominator or a yes/no
 *         criterion; ::SVCR_ENOTFOUND for an id the model does not have
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_set_ratio(svcr_maturity_answers *answers, const char *id,
                                                        uint64_t numerator, uint64_t denominator);

/**
 * Forget a criterion's answer, making it missing again.
 *
 * @param answers the answers; not NULL
 * @param id      the criterion id; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND for an unknown id
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_unset(svcr_maturity_answers *answers, const char *id);

/* ------------------------------------------------------------------------------------------ */
/* Metric maps: measured metrics fill criteria                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * Make the built-in metric map, which connects insight's metric names to the built-in model:
 * `responded_share` -> `complaints_answered`, `first_response_within_goal_share` ->
 * `acknowledged_within_goal`, `resolution_within_goal_share` -> `resolved_within_goal`,
 * `solicited_share` -> `solicited_share`, `root_cause_share` -> `root_cause_classified`,
 * `owner_mapped_share` -> `process_owners_notified`.
 *
 * @param out receives the map, to free with svcr_maturity_metric_map_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_metric_map_builtin(svcr_maturity_metric_map **out);

/**
 * Make an empty metric map.
 *
 * @param out receives the map; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_metric_map_new(svcr_maturity_metric_map **out);

/**
 * Map a metric to a criterion, replacing any earlier mapping of that metric.
 *
 * @param map       the map; not NULL
 * @param metric    the metric name, e.g. "first_response_within_goal_share"; not NULL, not ""
 * @param criterion the criterion id it fills; not NULL, not ""
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL or empty argument; ::SVCR_ENOMEM (map unchanged)
 */
SVCR_EXTERN svcr_status svcr_maturity_metric_map_set(svcr_maturity_metric_map *map, const char *metric,
                                                     const char *criterion);

/**
 * Free a metric map.
 *
 * @param map the map, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_maturity_metric_map_free(svcr_maturity_metric_map *map);

/**
 * Answer the criterion a metric is mapped to with the metric's value. Metrics the map does not
 * name, or that it maps to a criterion this model lacks, are skipped (so a host can pass every
 * metric it has).
 *
 * @param answers the answers; not NULL
 * @param map     the metric map; not NULL
 * @param metric  the metric name; not NULL
 * @param value   the metric's value; finite
 * @param filled  receives true if a criterion was answered, false if skipped; may be NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a non-finite value or a metric mapped to
 *         a yes/no criterion
 */
SVCR_EXTERN svcr_status svcr_maturity_answers_set_metric(svcr_maturity_answers *answers,
                                                         const svcr_maturity_metric_map *map,
                                                         const char *metric, double value, bool *filled);

/* ------------------------------------------------------------------------------------------ */
/* Scoring                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/**
 * Score answers against their model.
 *
 * @param model   the model; not NULL
 * @param answers answers made for @p model; not NULL
 * @param out     receives the result, to free with svcr_maturity_result_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or answers made for another model;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_score(const svcr_maturity_model *model,
                                            const svcr_maturity_answers *answers,
                                            svcr_maturity_result **out);

/**
 * Free a result.
 *
 * @param result the result, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_maturity_result_free(svcr_maturity_result *result);

/**
 * The stage reached: the highest stage whose criteria, and those of every stage below, are all
 * met.
 *
 * @param result the result; not NULL
 * @return ::SVCR_MATURITY_MORIBUND to ::SVCR_MATURITY_INFUSED; 0 (no stage) for NULL
 */
SVCR_EXTERN svcr_maturity_stage svcr_maturity_result_stage(const svcr_maturity_result *result);

/**
 * One stage's tally: criteria met, unmet, missing, and the share met.
 *
 * @param result the result; not NULL
 * @param stage  ::SVCR_MATURITY_REACTIVE to ::SVCR_MATURITY_INFUSED (stage 1 has no criteria)
 * @param out    receives the tally; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or a stage outside 2 to 5
 */
SVCR_EXTERN svcr_status svcr_maturity_result_stage_score(const svcr_maturity_result *result,
                                                         svcr_maturity_stage stage,
                                                         svcr_maturity_stage_score *out);

/**
 * The number of gaps: answered criteria of the next stage (the one after the stage reached)
 * that are not met. None when the stage reached is Infused.
 *
 * @param result the result, or NULL (then 0)
 * @return the count
 */
SVCR_EXTERN size_t svcr_maturity_result_gap_count(const svcr_maturity_result *result);

/**
 * Read one gap, in model order.
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_maturity_result_gap_count() - 1
 * @param out    receives the gap; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_maturity_result_gap(const svcr_maturity_result *result, size_t index,
                                                 svcr_maturity_gap *out);

/**
 * The number of criteria of the whole model that have no answer.
 *
 * @param result the result, or NULL (then 0)
 * @return the count
 */
SVCR_EXTERN size_t svcr_maturity_result_missing_count(const svcr_maturity_result *result);

/**
 * The id of one criterion without an answer, in model order.
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_maturity_result_missing_count() - 1
 * @return the id (owned by the model); NULL for NULL @p result or an index out of range
 */
SVCR_EXTERN const char *svcr_maturity_result_missing(const svcr_maturity_result *result, size_t index);

/**
 * Write a result as JSON: `{"stage": 3, "stage_name": "Active Listening", "stages": [{"stage": 2,
 * "name": "Reactive", "total": 3, "met": 3, "unmet": 0, "missing": 0, "share": 1}, ...],
 * "gaps": [{"id": "...", "given": false | 0.85, "needed": true | 0.9}], "missing": ["<id>", ...]}`.
 *
 * @param result the result; not NULL
 * @param json   receives NUL-terminated compact JSON, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_maturity_result_encode(const svcr_maturity_result *result, char **json);

#ifdef __cplusplus
}
#endif

#endif
