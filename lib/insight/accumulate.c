/* The insight accumulator: options, adding records, baseline scores, owners, merging. */
#include "insight/internal.h"

#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/utf8.h"
#include "base/sized.h"

const char *const svcr__follow_up_names[3] = {"no_follow_up", "recovered", "not_recovered"};
const char *const svcr__severity_names[2] = {"minor", "major"};
const char *const svcr__resolution_names[3] = {"resolved_quickly", "resolved", "unresolved"};

static const char metric_suffix[] = "_within_goal_share";

/* TARP repurchase intentions, in basis points: [minor, major][quickly, resolved, unresolved]. */
static const uint16_t tarp_repurchase[2][3] = {{9500, 7000, 4600}, {8200, 5400, 1900}};

void svcr_insight_options_init(svcr_insight_options *options, size_t size)
{
    if (options == NULL || size < sizeof(size_t))
        return;
    svcr_insight_options full = {
        .quick_resolution_seconds = 86400,
        .window_start = INT64_MIN,
        .window_end = INT64_MAX,
        .first_response_event = "apologized",
        .satisfied_event = "satisfied",
        .not_satisfied_event = "not_satisfied",
        .root_cause_fact = "root_cause",
        .customer_fact = "customer",
        .severity_fact = "severity",
        .satisfaction_fact = "satisfaction",
        .solicited_fact = "solicited",
    };
    memcpy(full.repurchase, tarp_repurchase, sizeof tarp_repurchase);
    options->size = size;
    SVCR_FILL_SIZED(options, full);
}

void svcr_insight_record_init(svcr_insight_record *record, size_t size)
{
    if (record == NULL || size < sizeof(size_t))
        return;
    svcr_insight_record full = {.first_response_seconds = -1, .resolution_seconds = -1};
    record->size = size;
    SVCR_FILL_SIZED(record, full);
}

/* The names inside the options, for copying and freeing them together. */
static const char **option_name(svcr_insight_options *options, int i)
{
    const char **names[] = {&options->first_response_event, &options->satisfied_event,
                            &options->not_satisfied_event,  &options->root_cause_fact,
                            &options->customer_fact,        &options->severity_fact,
                            &options->satisfaction_fact,    &options->solicited_fact};
    return names[i];
}
enum { OPTION_NAMES = 8 };

static svcr_status check_options(const svcr_insight_options *options)
{
    if (options->quick_resolution_seconds < 0)
        return svcr__fail(SVCR_EINVAL, "insight options: quick_resolution_seconds must not be negative");
    if (options->window_start >= options->window_end)
        return svcr__fail(SVCR_EINVAL, "insight options: the repeat-complaint window must end after it starts");
    for (int s = 0; s < 2; s++)
        for (int r = 0; r < 3; r++)
            if (options->repurchase[s][r] > 10000)
                return svcr__fail(SVCR_EINVAL, "insight options: repurchase[%d][%d] is %u basis points (most 10000)",
                                  s, r, options->repurchase[s][r]);
    svcr_insight_options copy = *options;
    for (int i = 0; i < OPTION_NAMES; i++) {
        const char *name = *option_name(&copy, i);
        if (name != NULL && name[0] == '\0')
            return svcr__fail(SVCR_EINVAL, "insight options: an event or fact name is empty (use NULL to skip it)");
    }
    return SVCR_OK;
}

static void free_tables(svcr_insight *insight)
{
    svcr__intern_free(&insight->states);
    svcr__intern_free(&insight->causes);
    svcr__customers_free(&insight->customers);
    svcr__intern_free(&insight->timers);
    svcr__intern_free(&insight->owners);
}

void svcr_insight_free(svcr_insight *insight)
{
    if (insight == NULL)
        return;
    for (int i = 0; i < OPTION_NAMES; i++)
        svcr__free((void *)*option_name(&insight->options, i));
    free_tables(insight);
    svcr__free(insight);
}

svcr_status svcr_insight_new(const svcr_insight_options *options, svcr_insight **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_insight_options settings;
    svcr_insight_options_init(&settings, sizeof settings);
    if (options != NULL) {
        if (options->size == 0)
            return svcr__fail(SVCR_EINVAL, "%s: options->size is 0 (use svcr_insight_options_init())", __func__);
        memcpy(&settings, options, options->size < sizeof settings ? options->size : sizeof settings);
        settings.size = sizeof settings;
    }
    svcr_status status = check_options(&settings);
    if (status != SVCR_OK)
        return status;

    svcr_insight *insight = svcr__calloc(1, sizeof *insight);
    if (insight == NULL)
        return svcr__fail_nomem("making an insight accumulator");
    insight->options = settings;
    int failed = 0;
    for (int i = 0; i < OPTION_NAMES; i++) {
        const char **name = option_name(&insight->options, i);
        if (*name != NULL && failed) {
            *name = NULL;
        } else if (*name != NULL) {
            *name = svcr__strdup(*name);
            failed = *name == NULL;
        }
    }
    svcr__intern_init(&insight->states, sizeof(uint64_t));
    svcr__intern_init(&insight->causes, sizeof(svcr__cause_stats));
    svcr__customers_init(&insight->customers);
    svcr__intern_init(&insight->timers, sizeof(svcr__timer_stats));
    svcr__intern_init(&insight->owners, sizeof(const char *));
    if (failed) {
        svcr_insight_free(insight);
        return svcr__fail_nomem("making an insight accumulator");
    }
    *out = insight;
    return SVCR_OK;
}

static svcr_status check_score(int32_t score, const char *what)
{
    if (score < SVCR_INSIGHT_SCORE_MIN || score > SVCR_INSIGHT_SCORE_MAX)
        return svcr__fail(SVCR_EINVAL, "%s %d is outside %d to %d", what, score, SVCR_INSIGHT_SCORE_MIN,
                          SVCR_INSIGHT_SCORE_MAX);
    return SVCR_OK;
}

static svcr_status check_text(const char *text, const char *field)
{
    if (text != NULL && text[0] == '\0')
        return svcr__fail(SVCR_EINVAL, "insight record: %s is empty (use NULL for not known)", field);
    /* Kept and later written as JSON: text that is not UTF-8 would be dropped there. */
    if (text != NULL && svcr__utf8_length(text) == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "insight record: %s is not valid UTF-8", field);
    return SVCR_OK;
}

static svcr_status check_record(const svcr_insight_record *r)
{
    if (r->first_response_seconds < -1 || r->resolution_seconds < -1)
        return svcr__fail(SVCR_EINVAL, "insight record: a time is negative (-1 means none)");
    if ((unsigned)r->follow_up > SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED || (unsigned)r->severity > SVCR_INSIGHT_SEVERITY_MAJOR ||
        (unsigned)r->solicited > SVCR_INSIGHT_FLAG_YES)
        return svcr__fail(SVCR_EINVAL, "insight record: follow_up, severity or solicited is out of range");
    svcr_status status = check_text(r->state, "state");
    if (status == SVCR_OK)
        status = check_text(r->customer, "customer");
    if (status == SVCR_OK)
        status = check_text(r->root_cause, "root_cause");
    if (status == SVCR_OK && r->has_satisfaction)
        status = check_score(r->satisfaction, "insight record: satisfaction");
    if (status != SVCR_OK)
        return status;
    if (r->timer_count > 0 && r->timers == NULL)
        return svcr__fail(SVCR_EINVAL, "insight record: timer_count is %zu but timers is NULL", r->timer_count);
    for (size_t i = 0; i < r->timer_count; i++) {
        if (r->timers[i] == NULL)
            return svcr__fail(SVCR_EINVAL, "insight record: timers[%zu] is NULL", i);
        if (r->timers[i]->size < sizeof(size_t))
            return svcr__fail(SVCR_EINVAL, "insight record: timers[%zu]->size is %zu; set it to the struct's sizeof",
                              i, r->timers[i]->size);
        if (r->timers[i]->name == NULL || r->timers[i]->name[0] == '\0')
            return svcr__fail(SVCR_EINVAL, "insight record: timer %zu has no name", i);
        if ((unsigned)r->timers[i]->met_goal > SVCR_INSIGHT_FLAG_YES)
            return svcr__fail(SVCR_EINVAL, "insight record: timer \"%s\": met_goal is out of range", r->timers[i]->name);
    }
    return SVCR_OK;
}

/* A key of a record: its length and hash, made once, and its entry once looked up. */
typedef struct lookup {
    const char *key; /* NULL: no key */
    size_t length;
    uint32_t hash;
    size_t entry;
} lookup;

static lookup prepare(const char *key)
{
    lookup l = {key, 0, 0, SVCR__INTERN_ABSENT};
    if (key != NULL)
        l.hash = svcr__intern_hash(key, &l.length);
    return l;
}

static void find(const svcr__intern *table, lookup *l)
{
    if (l->key != NULL)
        l->entry = svcr__intern_find(table, l->key, l->length, l->hash);
}

static lookup look_up(const svcr__intern *table, const char *key)
{
    lookup l = prepare(key);
    find(table, &l);
    return l;
}

static bool is_new(const lookup *l)
{
    return l->key != NULL && l->entry == SVCR__INTERN_ABSENT;
}

/* The entry of a key, found or else added (room reserved). */
static size_t entry_for(svcr__intern *table, const lookup *l)
{
    return l->entry != SVCR__INTERN_ABSENT ? l->entry
                                              : svcr__intern_insert(table, l->key, l->length, l->hash);
}

/* Make room for @p l's key as if it were new: nothing is allocated unless the table is full or
 * its text storage too small. Returns 0, or -1 when out of memory. */
static int reserve_room(svcr__intern *table, const lookup *l)
{
    return l->key != NULL ? svcr__intern_reserve(table, 1, svcr__intern_text_for(l->length)) : 0;
}

/* Would @p a + @p b overflow? */
static bool sum_overflows(int64_t a, int64_t b)
{
    int64_t ignored;
    return svcr__add_overflow_i64(a, b, &ignored);
}

static bool score_overflows(const svcr__score_sum *sum, int64_t add_sum, int64_t add_squares)
{
    return sum_overflows(sum->sum, add_sum) || sum_overflows(sum->sum_squares, add_squares);
}

/* Count @p cases (1, or 2 for two or more) more for the customer @p l (room reserved): the
 * repeat rate needs no more than "one" or "more than one". */
static void count_customer(svcr_insight *insight, const lookup *l, uint8_t cases)
{
    uint8_t *seen = svcr__customers_cases(&insight->customers, l->key, l->length, l->hash);
    uint8_t after = *seen + cases > 2 ? 2 : (uint8_t)(*seen + cases);
    insight->repeat_customers += *seen < 2 && after == 2;
    *seen = after;
}

static void score_add(svcr__score_sum *sum, uint64_t count, int64_t add_sum, int64_t add_squares)
{
    sum->count += count;
    sum->sum += add_sum;
    sum->sum_squares += add_squares;
}

/* The TARP class of a finished case with a known severity, or -1 when it is not classified. */
static int resolution_class(const svcr_insight_options *options, const svcr_insight_record *r, bool closed)
{
    if (r->severity == SVCR_INSIGHT_SEVERITY_UNKNOWN)
        return -1;
    if (r->follow_up == SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED || (closed && r->resolution_seconds < 0))
        return SVCR_INSIGHT_UNRESOLVED;
    if (r->resolution_seconds >= 0 && r->resolution_seconds <= options->quick_resolution_seconds)
        return SVCR_INSIGHT_RESOLVED_QUICKLY;
    if (r->resolution_seconds >= 0 || r->follow_up == SVCR_INSIGHT_FOLLOW_UP_SATISFIED)
        return SVCR_INSIGHT_RESOLVED;
    return -1;
}

static svcr__score_sum *score_group(svcr_insight *insight, svcr_insight_follow_up follow_up)
{
    if (follow_up == SVCR_INSIGHT_FOLLOW_UP_SATISFIED)
        return &insight->recovered_scores;
    if (follow_up == SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED)
        return &insight->not_recovered_scores;
    return NULL;
}

/* The keys of one record (each timer's is made when it is counted). */
typedef struct record_keys {
    lookup state, cause, customer; /* customer: NULL outside the repeat-complaint window */
} record_keys;

/* The name a timer of a record is counted under, or NULL when its goal is not known. */
static const char *timer_name(const svcr_insight_timer *timer)
{
    return timer->met_goal != SVCR_INSIGHT_FLAG_UNKNOWN ? timer->name : NULL;
}

/* Make room for the record's keys, as if each were new. Returns 0, or -1 when out of memory. */
static int reserve_keys(svcr_insight *insight, const svcr_insight_record *r, const record_keys *keys)
{
    size_t timer_text = 0;
    for (size_t i = 0; i < r->timer_count; i++) {
        const char *name = timer_name(r->timers[i]);
        size_t length = name != NULL ? strlen(name) : 0;
        if (name != NULL)
            timer_text += svcr__intern_text_for(length) + length + sizeof metric_suffix;
    }
    return reserve_room(&insight->states, &keys->state) || reserve_room(&insight->causes, &keys->cause) ||
                   (keys->customer.key != NULL &&
                    svcr__customers_reserve(&insight->customers, 1, svcr__customers_text_for(keys->customer.length))) ||
                   (r->timer_count > 0 && svcr__intern_reserve(&insight->timers, r->timer_count, timer_text))
               ? -1
               : 0;
}

/* Commit a checked record whose keys have room reserved. */
static void count_record(svcr_insight *insight, const svcr_insight_record *r, const record_keys *keys, bool closed)
{
    const lookup *state = &keys->state, *cause = &keys->cause;
    bool reopened = r->reopen_count > 0;
    insight->cases++;
    insight->outcome[r->follow_up]++;
    if (r->first_response_seconds >= 0) {
        insight->responded++;
        svcr__histogram_add(&insight->first_response, r->first_response_seconds);
    }
    if (r->resolution_seconds >= 0)
        svcr__histogram_add(&insight->resolution, r->resolution_seconds);
    insight->closed += closed;
    insight->reopened += reopened;
    insight->closed_with_cause += closed && r->root_cause != NULL;
    if (r->solicited != SVCR_INSIGHT_FLAG_UNKNOWN) {
        insight->solicited_known++;
        insight->solicited_yes += r->solicited == SVCR_INSIGHT_FLAG_YES;
    }
    int resolution = resolution_class(&insight->options, r, closed);
    if (resolution >= 0)
        insight->retention[r->severity - 1][resolution]++;
    svcr__score_sum *scores = r->has_satisfaction ? score_group(insight, r->follow_up) : NULL;
    if (scores != NULL)
        score_add(scores, 1, r->satisfaction, (int64_t)r->satisfaction * r->satisfaction);

    if (state->key != NULL)
        (*(uint64_t *)svcr__intern_value(&insight->states, entry_for(&insight->states, state)))++;
    if (cause->key != NULL) {
        svcr__cause_stats *stats = svcr__intern_value(&insight->causes, entry_for(&insight->causes, cause));
        insight->caused++;
        stats->cases++;
        stats->followed_up += r->follow_up != SVCR_INSIGHT_FOLLOW_UP_NONE;
        stats->recovered += r->follow_up == SVCR_INSIGHT_FOLLOW_UP_SATISFIED;
        stats->reopened += reopened;
        if (r->resolution_seconds >= 0) {
            stats->resolved++;
            stats->resolution_sum += r->resolution_seconds;
        }
    }
    if (keys->customer.key != NULL)
        count_customer(insight, &keys->customer, 1);
    for (size_t i = 0; i < r->timer_count; i++) {
        if (timer_name(r->timers[i]) == NULL)
            continue;
        /* a timer named twice in one record: the second lookup finds the entry the first added */
        lookup timer = prepare(r->timers[i]->name);
        svcr__timer_stats *stats = svcr__intern_value(&insight->timers, entry_for(&insight->timers, &timer));
        if (stats->metric_name == NULL)
            stats->metric_name = svcr__intern_store(&insight->timers, timer.key, timer.length, metric_suffix);
        if (r->timers[i]->met_goal == SVCR_INSIGHT_FLAG_YES)
            stats->met++;
        else
            stats->breached++;
    }
}

/* Add @p record; @p customer is its customer's key prepared ahead (svcr_insight_add_many(), for
 * records of the full size only), or NULL. */
static svcr_status add_record(svcr_insight *insight, const svcr_insight_record *record, const lookup *customer)
{
    if (record->size == 0)
        return svcr__fail(SVCR_EINVAL, "%s: record->size is 0 (use svcr_insight_record_init())", __func__);
    const svcr_insight_record *r = record; /* read in place: no copy of the whole record per case */
    svcr_insight_record copy;
    if (record->size < sizeof copy) { /* a smaller record from an older caller: the fields it lacks are unknown */
        svcr_insight_record_init(&copy, sizeof copy);
        memcpy(&copy, record, record->size);
        r = &copy;
    }
    svcr_status status = check_record(r);
    if (status != SVCR_OK)
        return status;

    bool closed = r->closed || r->reopen_count > 0;
    bool in_window = r->opened_at >= insight->options.window_start && r->opened_at < insight->options.window_end;
    record_keys keys = {prepare(r->state), prepare(r->root_cause), prepare(NULL)};
    if (in_window)
        keys.customer = customer != NULL ? *customer : prepare(r->customer);
    if (keys.customer.length > SVCR__HASHMAP_VALUE_MAX)
        return svcr__fail(SVCR_EINVAL, "insight record: customer is longer than %lu bytes",
                          (unsigned long)SVCR__HASHMAP_VALUE_MAX);
    /* Everything that can fail happens before anything is counted. */
    if (reserve_keys(insight, r, &keys) != 0)
        return svcr__fail_nomem("adding a case to insight");
    find(&insight->causes, &keys.cause);
    svcr__score_sum *scores = r->has_satisfaction ? score_group(insight, r->follow_up) : NULL;
    int64_t squares = (int64_t)r->satisfaction * r->satisfaction;
    bool overflows = (r->first_response_seconds >= 0 &&
                      svcr__histogram_add_overflows(&insight->first_response, r->first_response_seconds)) ||
                     (r->resolution_seconds >= 0 &&
                      svcr__histogram_add_overflows(&insight->resolution, r->resolution_seconds)) ||
                     (scores != NULL && score_overflows(scores, r->satisfaction, squares));
    if (keys.cause.entry != SVCR__INTERN_ABSENT && r->resolution_seconds >= 0) {
        const svcr__cause_stats *stats = svcr__intern_value(&insight->causes, keys.cause.entry);
        overflows = overflows || sum_overflows(stats->resolution_sum, r->resolution_seconds);
    }
    if (overflows)
        return svcr__fail(SVCR_EOVERFLOW, "insight: a sum of times or scores would overflow");
    count_record(insight, r, &keys, closed);
    return SVCR_OK;
}

svcr_status svcr_insight_add(svcr_insight *insight, const svcr_insight_record *record)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(record);
    return add_record(insight, record, NULL);
}

/* Kept for speed: prepare each record's customer key (its hash) LOOK_AHEAD records before the
 * record is added, and start loading the slot where its lookup begins, so that with a million
 * customers the lookups do not each wait for memory in turn. Measured with bench_insight (10 M
 * cases, 750 k customers, release build, CPU time of the one-thread run, three pairs on a machine
 * with load 12-14 on 2 cores): 3.2-3.6 s with it, 4.9-5.7 s without (removing it costs 34-43% of
 * the throughput). */
enum { LOOK_AHEAD = 16 };

/* The key of @p r's customer, its slot requested; no key for a record too small to have one. */
static lookup prepare_customer(const svcr_insight *insight, const svcr_insight_record *r)
{
    lookup l = prepare(r != NULL && r->size >= sizeof *r ? r->customer : NULL);
    if (l.key != NULL)
        svcr__customers_prefetch(&insight->customers, l.hash);
    return l;
}

svcr_status svcr_insight_add_many(svcr_insight *insight, const svcr_insight_record *const *records,
                                  size_t count, size_t *added)
{
    SVCR_REQUIRE_ARG(insight);
    if (records == NULL && count > 0)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"records\" is NULL", __func__);
    lookup ahead[LOOK_AHEAD]; /* the customer of record i at ahead[i % LOOK_AHEAD] */
    for (size_t i = 0; i < LOOK_AHEAD && i < count; i++)
        ahead[i] = prepare_customer(insight, records[i]);
    svcr_status status = SVCR_OK;
    size_t i = 0;
    for (; i < count; i++) {
        if (records[i] == NULL) {
            status = svcr__fail(SVCR_EINVAL, "%s: records[%zu] is NULL", __func__, i);
            break;
        }
        const lookup *customer = ahead[i % LOOK_AHEAD].key != NULL ? &ahead[i % LOOK_AHEAD] : NULL;
        if ((status = add_record(insight, records[i], customer)) != SVCR_OK)
            break;
        if (i + LOOK_AHEAD < count)
            ahead[i % LOOK_AHEAD] = prepare_customer(insight, records[i + LOOK_AHEAD]);
    }
    if (added != NULL)
        *added = i;
    return status;
}

svcr_status svcr_insight_add_baseline(svcr_insight *insight, int32_t score)
{
    SVCR_REQUIRE_ARG(insight);
    svcr_status status = check_score(score, "baseline satisfaction");
    if (status != SVCR_OK)
        return status;
    int64_t squares = (int64_t)score * score;
    if (score_overflows(&insight->baseline_scores, score, squares))
        return svcr__fail(SVCR_EOVERFLOW, "insight: the sum of baseline scores would overflow");
    score_add(&insight->baseline_scores, 1, score, squares);
    return SVCR_OK;
}

svcr_status svcr_insight_add_servqual(svcr_insight *insight, const uint8_t *expectations, const uint8_t *perceptions,
                                      const uint8_t *points)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(expectations);
    SVCR_REQUIRE_ARG(perceptions);
    SVCR_REQUIRE_ARG(points);
    svcr_status status = svcr__servqual_check(expectations, perceptions, points);
    if (status != SVCR_OK)
        return status;
    if (!svcr__servqual_add(&insight->servqual, expectations, perceptions, points))
        return svcr__fail(SVCR_EOVERFLOW, "insight: a SERVQUAL sum would overflow");
    return SVCR_OK;
}

const char *svcr__insight_owner(const svcr_insight *insight, const char *cause)
{
    lookup found = look_up(&insight->owners, cause);
    return found.entry == SVCR__INTERN_ABSENT ? NULL
                                                 : *(const char **)svcr__intern_value(&insight->owners, found.entry);
}

svcr_status svcr_insight_set_owner(svcr_insight *insight, const char *cause, const char *owner)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(cause);
    SVCR_REQUIRE_ARG(owner);
    if (cause[0] == '\0' || owner[0] == '\0')
        return svcr__fail(SVCR_EINVAL, "%s: cause and owner must not be empty", __func__);
    if (svcr__utf8_length(cause) == SIZE_MAX || svcr__utf8_length(owner) == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "%s: cause and owner must be valid UTF-8", __func__);
    lookup found = look_up(&insight->owners, cause);
    size_t owner_length = strlen(owner);
    /* a replaced owner's old text stays in the table's storage until the accumulator is freed */
    if (svcr__intern_reserve(&insight->owners, is_new(&found),
                             (is_new(&found) ? svcr__intern_text_for(found.length) : 0) + owner_length + 1) != 0)
        return svcr__fail_nomem("setting a process owner");
    *(const char **)svcr__intern_value(&insight->owners, entry_for(&insight->owners, &found)) =
        svcr__intern_store(&insight->owners, owner, owner_length, "");
    return SVCR_OK;
}

static bool same_name(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool same_options(svcr_insight_options *a, svcr_insight_options *b)
{
    if (a->quick_resolution_seconds != b->quick_resolution_seconds || a->window_start != b->window_start ||
        a->window_end != b->window_end || memcmp(a->repurchase, b->repurchase, sizeof a->repurchase) != 0)
        return false;
    for (int i = 0; i < OPTION_NAMES; i++)
        if (!same_name(*option_name(a, i), *option_name(b, i)))
            return false;
    return true;
}

/* Would adding @p from's figures to @p into overflow a sum? */
static bool merge_overflows(const svcr_insight *into, const svcr_insight *from)
{
    if (svcr__histogram_merge_overflows(&into->first_response, &from->first_response) ||
        svcr__histogram_merge_overflows(&into->resolution, &from->resolution) ||
        score_overflows(&into->recovered_scores, from->recovered_scores.sum, from->recovered_scores.sum_squares) ||
        score_overflows(&into->not_recovered_scores, from->not_recovered_scores.sum,
                        from->not_recovered_scores.sum_squares) ||
        score_overflows(&into->baseline_scores, from->baseline_scores.sum, from->baseline_scores.sum_squares))
        return true;
    svcr__servqual_sum servqual = into->servqual;
    if (!svcr__servqual_merge(&servqual, &from->servqual))
        return true;
    for (size_t i = 0; i < from->causes.count; i++) {
        lookup found = look_up(&into->causes, svcr__intern_key(&from->causes, i));
        if (found.entry == SVCR__INTERN_ABSENT)
            continue;
        const svcr__cause_stats *a = svcr__intern_value(&into->causes, found.entry);
        const svcr__cause_stats *b = svcr__intern_value(&from->causes, i);
        if (sum_overflows(a->resolution_sum, b->resolution_sum))
            return true;
    }
    return false;
}

/* Text storage for every key of @p table added to another table. */
static size_t text_for_all(const svcr__intern *table)
{
    return table->key_bytes;
}

static int reserve_merge(svcr_insight *into, const svcr_insight *from)
{
    size_t owner_text = text_for_all(&from->owners);
    for (size_t n = 0; n < from->owners.count; n++) {
        const char *owner = *(const char **)svcr__intern_value(&from->owners, n);
        owner_text += strlen(owner) + 1;
    }
    size_t timer_text = text_for_all(&from->timers);
    for (size_t n = 0; n < from->timers.count; n++) {
        const svcr__timer_stats *timer = svcr__intern_value(&from->timers, n);
        timer_text += strlen(timer->metric_name) + 1;
    }
    return svcr__intern_reserve(&into->states, from->states.count, text_for_all(&from->states)) != 0 ||
                   svcr__intern_reserve(&into->causes, from->causes.count, text_for_all(&from->causes)) != 0 ||
                   svcr__customers_reserve(&into->customers, from->customers.map.count, from->customers.text_bytes) != 0 ||
                   svcr__intern_reserve(&into->timers, from->timers.count, timer_text) != 0 ||
                   svcr__intern_reserve(&into->owners, from->owners.count, owner_text) != 0
               ? -1
               : 0;
}

/* Insert the key of entry @p i of @p source into @p target (room reserved); returns its entry
 * there. */
static size_t insert_from(svcr__intern *target, const svcr__intern *source, size_t i)
{
    const char *key = svcr__intern_key(source, i);
    size_t length;
    uint32_t hash = svcr__intern_hash(key, &length);
    return svcr__intern_insert(target, key, length, hash);
}

static void merge_tables(svcr_insight *into, const svcr_insight *from)
{
    for (size_t i = 0; i < from->states.count; i++) {
        uint64_t *cases = svcr__intern_value(&into->states, insert_from(&into->states, &from->states, i));
        *cases += *(const uint64_t *)svcr__intern_value(&from->states, i);
    }
    for (size_t i = 0; i < from->causes.count; i++) {
        svcr__cause_stats *a = svcr__intern_value(&into->causes, insert_from(&into->causes, &from->causes, i));
        const svcr__cause_stats *b = svcr__intern_value(&from->causes, i);
        a->cases += b->cases;
        a->followed_up += b->followed_up;
        a->recovered += b->recovered;
        a->reopened += b->reopened;
        a->resolved += b->resolved;
        a->resolution_sum += b->resolution_sum;
    }
    lookup customer = {NULL, 0, 0, SVCR__INTERN_ABSENT};
    uint8_t cases;
    for (size_t position = 0;
         svcr__customers_each(&from->customers, &position, &customer.key, &customer.length, &cases);) {
        customer.hash = svcr__hash32(customer.key, customer.length);
        count_customer(into, &customer, cases);
    }
    for (size_t i = 0; i < from->timers.count; i++) {
        svcr__timer_stats *a = svcr__intern_value(&into->timers, insert_from(&into->timers, &from->timers, i));
        const svcr__timer_stats *b = svcr__intern_value(&from->timers, i);
        if (a->metric_name == NULL)
            a->metric_name = svcr__intern_store(&into->timers, b->metric_name, strlen(b->metric_name), "");
        a->met += b->met;
        a->breached += b->breached;
    }
    for (size_t i = 0; i < from->owners.count; i++) {
        const char *cause = svcr__intern_key(&from->owners, i);
        if (look_up(&into->owners, cause).entry != SVCR__INTERN_ABSENT)
            continue;
        const char *owner = *(const char **)svcr__intern_value(&from->owners, i);
        size_t index = insert_from(&into->owners, &from->owners, i);
        *(const char **)svcr__intern_value(&into->owners, index) =
            svcr__intern_store(&into->owners, owner, strlen(owner), "");
    }
}

svcr_status svcr_insight_merge(svcr_insight *into, const svcr_insight *from)
{
    SVCR_REQUIRE_ARG(into);
    SVCR_REQUIRE_ARG(from);
    if (into == from)
        return svcr__fail(SVCR_EINVAL, "%s: cannot merge an accumulator into itself", __func__);
    svcr_insight_options a = into->options, b = from->options;
    if (!same_options(&a, &b))
        return svcr__fail(SVCR_EINVAL, "%s: the accumulators were made with different options", __func__);
    if (merge_overflows(into, from))
        return svcr__fail(SVCR_EOVERFLOW, "insight: merging would overflow a sum of times or scores");
    if (reserve_merge(into, from) != 0)
        return svcr__fail_nomem("merging insight accumulators");

    into->cases += from->cases;
    into->responded += from->responded;
    into->closed += from->closed;
    into->reopened += from->reopened;
    into->closed_with_cause += from->closed_with_cause;
    into->caused += from->caused;
    into->solicited_yes += from->solicited_yes;
    into->solicited_known += from->solicited_known;
    for (int i = 0; i < 3; i++)
        into->outcome[i] += from->outcome[i];
    for (int s = 0; s < 2; s++)
        for (int r = 0; r < 3; r++)
            into->retention[s][r] += from->retention[s][r];
    svcr__histogram_merge(&into->first_response, &from->first_response);
    svcr__histogram_merge(&into->resolution, &from->resolution);
    score_add(&into->recovered_scores, from->recovered_scores.count, from->recovered_scores.sum,
              from->recovered_scores.sum_squares);
    score_add(&into->not_recovered_scores, from->not_recovered_scores.count, from->not_recovered_scores.sum,
              from->not_recovered_scores.sum_squares);
    score_add(&into->baseline_scores, from->baseline_scores.count, from->baseline_scores.sum,
              from->baseline_scores.sum_squares);
    svcr__servqual_merge(&into->servqual, &from->servqual);
    merge_tables(into, from);
    return SVCR_OK;
}
