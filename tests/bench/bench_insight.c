/*
 * Insight and maturity over 10 million synthetic cases (BENCH_INSIGHT_CASES to change the count).
 * Each case is a plain svcr_insight_record made on the fly: one of 7 states, 20 root causes
 * (skewed, so the Pareto has a head), one of 1 million customers (skewed too: a few complain often,
 * most rarely), two timers, times from seconds to weeks, satisfaction on some.
 *
 *   insight_generate_cases_per_s    making the records alone (the loop's own cost)
 *   insight_generate_cpu_seconds    the CPU time of that loop (part of every figure below)
 *   insight_cases_per_s             making and adding them to one accumulator, one thread
 *   insight_maturity_seconds        the whole run on one thread: every case added, then the
 *                                   metrics fed to maturity scoring and both results encoded
 *   insight_maturity_cpu_seconds    the CPU time of that thread for it (on a shared machine the
 *                                   wall time above can be much longer)
 *   insight_maturity_cases_per_s    cases divided by that time
 *   insight_merged_cases_per_s      two threads, each with its own accumulator, then merged
 *   insight_accumulator_bytes       bytes the accumulator holds after all the cases (requested
 *                                   from the allocator hook)
 *   insight_bytes_per_customer      that divided by the customers tracked
 *   insight_peak_rss_bytes          the process's peak resident memory after the one-thread run
 *   insight_merged_peak_rss_bytes   and after the two-thread run (two accumulators at once)
 *
 * Prints `figure <name>: <number> <unit>` lines. Build optimised to measure:
 * meson setup build-rel --buildtype=release && meson test -C build-rel --benchmark insight -v
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <svcrecover.h>

static double seconds_on(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double bench_now(void)
{
    return seconds_on(CLOCK_MONOTONIC);
}

static void bench_figure(const char *name, double value, const char *unit)
{
    printf("figure %s: %.*f %s\n", name, value >= 100.0 ? 0 : 2, value, unit);
    fflush(stdout);
}

/* Keeps a computed value alive so the optimiser cannot drop the work that produced it. */
static void bench_keep(unsigned long v)
{
    static volatile unsigned long sink;
    sink += v;
}

enum { CAUSES = 20 };
static uint32_t customers = 1000000; /* BENCH_INSIGHT_CUSTOMERS to change */

static const char *const states[] = {"identify", "apologize", "listen", "fix", "atone", "follow_up", "closed"};
static const char *const causes[CAUSES] = {
    "late delivery",  "damaged parcel", "wrong item",    "billing error", "rude agent",
    "long wait",      "missing part",   "double charge", "lost order",    "app crash",
    "refund delay",   "wrong address",  "out of stock",  "size mismatch", "expired coupon",
    "login failure",  "noisy room",     "dirty room",    "late checkout", "overbooking",
};

static void check(svcr_status status, const char *what)
{
    if (status != SVCR_OK) {
        fprintf(stderr, "bench_insight: %s: %s: %s\n", what, svcr_status_name(status), svcr_error_message());
        exit(1);
    }
}

/* A synthetic case from its number (splitmix64 bits), into @p r; its two timers go to @p timers
 * and its customer id to @p id. */
/* A case's two timer outcomes and the pointers a record lists them by. */
typedef struct case_timers {
    svcr_insight_timer timers[2];
    const svcr_insight_timer *pointers[2];
} case_timers;

static void make_case(uint64_t n, svcr_insight_record *r, case_timers *t, char *id)
{
    uint64_t x = n + 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    x ^= x >> 31;
    svcr_insight_record_init(r, sizeof *(r));
    r->state = states[x % 7];
    r->opened_at = 1767225600 + (int64_t)(n / 10);
    r->first_response_seconds = (int64_t)(x >> 8 & 0x3FFF);     /* up to 4.5 hours */
    r->resolution_seconds = x >> 22 & 7 ? (int64_t)(x >> 25 & 0xFFFFF) : -1; /* up to 12 days */
    r->follow_up = (svcr_insight_follow_up)((x >> 45) % 3);
    r->closed = r->state == states[6];
    r->reopen_count = (x >> 47 & 31) == 0;
    /* customer "C-" and 7 digits; skewed (u^2), so some customers complain often and most rarely */
    uint64_t u = (x >> 12) % customers;
    uint32_t customer = (uint32_t)(u * u / customers);
    static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                   "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                   "8081828384858687888990919293949596979899";
    id[0] = 'C';
    id[1] = '-';
    id[2] = (char)('0' + customer / 1000000 % 10); /* two digits at a time: the loop's own cost stays small */
    memcpy(id + 3, pairs + 2 * (customer / 10000 % 100), 2);
    memcpy(id + 5, pairs + 2 * (customer / 100 % 100), 2);
    memcpy(id + 7, pairs + 2 * (customer % 100), 2);
    id[9] = '\0';
    r->customer = id;
    /* skewed causes: the lower of two draws, so early causes are much more frequent */
    unsigned a = (unsigned)(x >> 52) % CAUSES, b = (unsigned)(x >> 57) % CAUSES;
    r->root_cause = x >> 50 & 3 ? causes[a < b ? a : b] : NULL;
    r->severity = (svcr_insight_severity)(x >> 62);
    r->severity = r->severity > SVCR_INSIGHT_SEVERITY_MAJOR ? SVCR_INSIGHT_SEVERITY_MAJOR : r->severity;
    r->has_satisfaction = x >> 40 & 1;
    r->satisfaction = (int32_t)((x >> 41) % 10) + 1;
    r->solicited = (svcr_insight_flag)(1 + (x >> 61 & 1));
    svcr_insight_timer *timers = t->timers;
    timers[0] = (svcr_insight_timer){sizeof(svcr_insight_timer), "first_response", r->first_response_seconds <= 3600 ? SVCR_INSIGHT_FLAG_YES
                                                                                                  : SVCR_INSIGHT_FLAG_NO};
    timers[1] = (svcr_insight_timer){sizeof(svcr_insight_timer), "resolution", r->resolution_seconds < 0 ? SVCR_INSIGHT_FLAG_UNKNOWN
                                                      : r->resolution_seconds <= 172800 ? SVCR_INSIGHT_FLAG_YES
                                                                                       : SVCR_INSIGHT_FLAG_NO};
    t->pointers[0] = &timers[0];
    t->pointers[1] = &timers[1];
    r->timers = t->pointers;
    r->timer_count = 2;
}

static uint64_t case_count(void)
{
    const char *text = getenv("BENCH_INSIGHT_CASES");
    long long n = text ? atoll(text) : 0;
    return n > 0 ? (uint64_t)n : 10000000u;
}

/* ---- counting allocator: live bytes requested through the hook ---- */

typedef union header {
    size_t size;
    max_align_t align;
} header;

static size_t live_bytes;

static void *counting_malloc(size_t size, void *user_data)
{
    (void)user_data;
    header *h = malloc(sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    __atomic_add_fetch(&live_bytes, size, __ATOMIC_RELAXED);
    return h + 1;
}

static void counting_free(void *ptr, void *user_data)
{
    (void)user_data;
    if (ptr == NULL)
        return;
    header *h = (header *)ptr - 1;
    __atomic_sub_fetch(&live_bytes, h->size, __ATOMIC_RELAXED);
    free(h);
}

static void *counting_realloc(void *ptr, size_t size, void *user_data)
{
    if (ptr == NULL)
        return counting_malloc(size, user_data);
    header *h = (header *)ptr - 1;
    size_t old = h->size;
    header *grown = realloc(h, sizeof *grown + size);
    if (grown == NULL)
        return NULL;
    grown->size = size;
    __atomic_add_fetch(&live_bytes, size, __ATOMIC_RELAXED);
    __atomic_sub_fetch(&live_bytes, old, __ATOMIC_RELAXED);
    return grown + 1;
}

static double thread_cpu_seconds(void)
{
    return seconds_on(CLOCK_THREAD_CPUTIME_ID);
}

/* ---- the runs ---- */

typedef struct part {
    uint64_t from, to;
    svcr_insight *insight;
} part;

/* Feed the cases in batches of BATCH records through svcr_insight_add_many(). */
static void *feed(void *arg)
{
    enum { BATCH = 256 };
    part *p = arg;
    static _Thread_local svcr_insight_record records[BATCH];
    static _Thread_local const svcr_insight_record *list[BATCH];
    static _Thread_local case_timers timers[BATCH];
    static _Thread_local char ids[BATCH][16];
    for (uint64_t n = p->from; n < p->to;) {
        size_t count = 0;
        for (; count < BATCH && n < p->to; count++, n++)
            make_case(n, &records[count], &timers[count], ids[count]);
        for (size_t i = 0; i < count; i++)
            list[i] = &records[i];
        check(svcr_insight_add_many(p->insight, list, count, NULL), "svcr_insight_add_many");
    }
    return NULL;
}

static void set_owners(svcr_insight *insight)
{
    static const char *const owners[] = {"logistics", "billing", "warehouse", "customer care", "it"};
    for (int c = 0; c < CAUSES; c += 2) /* half the causes have an owner */
        check(svcr_insight_set_owner(insight, causes[c], owners[c % 5]), "svcr_insight_set_owner");
}

/* Metrics into maturity answers (with a few questionnaire answers), score, encode. */
static int score_maturity(const svcr_insight *insight)
{
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_metric_map *map;
    svcr_maturity_result *result;
    char *json;
    check(svcr_maturity_model_builtin(&model), "svcr_maturity_model_builtin");
    check(svcr_maturity_answers_new(model, &answers), "svcr_maturity_answers_new");
    check(svcr_maturity_metric_map_builtin(&map), "svcr_maturity_metric_map_builtin");
    static const char *const yes[] = {"complaint_channel", "complaints_recorded", "process_owner",
                                      "response_guidelines", "response_time_goals", "staff_trained"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check(svcr_maturity_answers_set_boolean(answers, yes[i], true), yes[i]);
    check(svcr_maturity_answers_set_number(answers, "complaints_tracked", 0.99), "complaints_tracked");
    for (size_t i = 0; i < svcr_insight_metric_count(insight); i++) {
        svcr_insight_metric_value m = {.size = sizeof m};
        check(svcr_insight_metric(insight, i, &m), "svcr_insight_metric");
        if (m.denominator > 0)
            check(svcr_maturity_answers_set_metric(answers, map, m.name, m.value, NULL), m.name);
    }
    check(svcr_maturity_score(model, answers, &result), "svcr_maturity_score");
    int stage = svcr_maturity_result_stage(result);
    check(svcr_maturity_result_encode(result, &json), "svcr_maturity_result_encode");
    bench_keep(strlen(json));
    svcr_free(json);
    svcr_maturity_result_free(result);
    svcr_maturity_metric_map_free(map);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return stage;
}

int main(void)
{
    const svcr_allocator counting = {sizeof(svcr_allocator), counting_malloc, counting_realloc, counting_free, NULL};
    check(svcr_set_allocator(&counting), "svcr_set_allocator");
    uint64_t cases = case_count();
    if (getenv("BENCH_INSIGHT_CUSTOMERS") != NULL && atol(getenv("BENCH_INSIGHT_CUSTOMERS")) > 0)
        customers = (uint32_t)atol(getenv("BENCH_INSIGHT_CUSTOMERS"));

    /* the loop alone */
    double start = bench_now(), generate_cpu = thread_cpu_seconds();
    svcr_insight_record record;
    case_timers timers;
    char id[16];
    unsigned long sum = 0;
    for (uint64_t n = 0; n < cases; n++) {
        make_case(n, &record, &timers, id);
        sum += (unsigned long)record.resolution_seconds + (unsigned char)id[8];
    }
    bench_keep(sum);
    double generate = bench_now() - start;
    generate_cpu = thread_cpu_seconds() - generate_cpu;

    /* one thread: insight, then maturity */
    double single_start = bench_now(), cpu_start = thread_cpu_seconds();
    part whole = {0, cases, NULL};
    check(svcr_insight_new(NULL, &whole.insight), "svcr_insight_new");
    set_owners(whole.insight);
    feed(&whole);
    double added = bench_now() - single_start;
    size_t accumulator_bytes = live_bytes;
    char *json;
    check(svcr_insight_encode(whole.insight, &json), "svcr_insight_encode");
    int stage = score_maturity(whole.insight);
    double total = bench_now() - single_start, cpu = thread_cpu_seconds() - cpu_start;
    svcr_insight_metric_value repeat = {.size = sizeof repeat};
    check(svcr_insight_metric_find(whole.insight, "repeat_complaint_rate", &repeat), "repeat_complaint_rate");
    printf("insight JSON: %zu bytes; %llu customers; maturity stage %d (%s)\n", strlen(json),
           (unsigned long long)repeat.denominator, stage, svcr_maturity_stage_name(stage));
    svcr_free(json);
    uint64_t whole_cases = svcr_insight_case_count(whole.insight);
    svcr_insight_free(whole.insight);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double single_peak = (double)usage.ru_maxrss * 1024.0;

    /* two threads, merged */
    start = bench_now();
    part halves[2] = {{0, cases / 2, NULL}, {cases / 2, cases, NULL}};
    pthread_t threads[2];
    for (int t = 0; t < 2; t++) {
        check(svcr_insight_new(NULL, &halves[t].insight), "svcr_insight_new");
        set_owners(halves[t].insight);
        if (pthread_create(&threads[t], NULL, feed, &halves[t]) != 0)
            abort();
    }
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    check(svcr_insight_merge(halves[0].insight, halves[1].insight), "svcr_insight_merge");
    double merged = bench_now() - start;
    if (svcr_insight_case_count(halves[0].insight) != whole_cases)
        abort();

    getrusage(RUSAGE_SELF, &usage);
    printf("cases: %llu\n", (unsigned long long)cases);
    bench_figure("insight_generate_cases_per_s", (double)cases / generate, "cases/s");
    bench_figure("insight_generate_cpu_seconds", generate_cpu, "s");
    bench_figure("insight_cases_per_s", (double)cases / added, "cases/s");
    bench_figure("insight_maturity_seconds", total, "s");
    bench_figure("insight_maturity_cpu_seconds", cpu, "s");
    bench_figure("insight_maturity_cases_per_s", (double)cases / total, "cases/s");
    bench_figure("insight_merged_cases_per_s", (double)cases / merged, "cases/s");
    bench_figure("insight_accumulator_bytes", (double)accumulator_bytes, "bytes");
    bench_figure("insight_bytes_per_customer", (double)accumulator_bytes / (double)repeat.denominator, "bytes");
    bench_figure("insight_peak_rss_bytes", single_peak, "bytes");
    bench_figure("insight_merged_peak_rss_bytes", (double)usage.ru_maxrss * 1024.0, "bytes");
    for (int t = 0; t < 2; t++)
        svcr_insight_free(halves[t].insight);
    return 0;
}
