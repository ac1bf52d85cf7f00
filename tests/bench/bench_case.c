/*
 * Recovery cases on the built-in five-step workflow: the same work as the peers in
 * tests/bench/peers (xstate, pytransitions) and the plain-C baseline in bench_baseline.c.
 *
 *   case_transitions_per_s             whole lifecycle per case: svcr_case_new, four facts, the
 *                                      six happy-path events (role, time order and guard checked,
 *                                      log appended), svcr_case_free; transitions counted
 *   case_apply_transitions_per_s       svcr_case_apply alone, on cases made beforehand
 *   case_bytes_new_case_without_id     bytes a just-opened case holds (no facts set, no log), less
 *                                      its id's (requested sizes, via the allocator hook; the C
 *                                      library's own per-block overhead not counted)
 *   case_bytes_per_open_case           an open case with its id and four facts, no log yet
 *   case_bytes_beyond_id_and_fact_values  the same less the id's and the fact values' bytes
 *   case_bytes_per_closed_case         a case after the happy path, with its six log entries
 *   case_bytes_per_log_entry           what a long log (3003 entries: the happy path's first
 *                                      three, then fixed, atoned, not_satisfied 1000 times) adds,
 *                                      per entry, array slack included
 *   case_json_encode_per_s             svcr_case_encode of a closed case (six log entries)
 *   case_json_decode_per_s             svcr_case_decode of that text (validated by replay)
 *
 * Prints `figure <name>: <number> <unit>` lines (see bench.h).
 */
#include "bench.h"

#include <stdint.h>
#include <string.h>
#include <svcrecover.h>

enum { CASES = 1000, PATH_LEN = 6, OPEN_CASES = 100000, LOOPS = 1000 };

static const int64_t T0 = 1767225600; /* 2026-01-01T00:00:00Z */
static const char *const happy_path[PATH_LEN] = {"identified", "apologized", "listened",
                                                 "fixed",      "atoned",     "satisfied"};
static const char *const fact_names[4] = {"expectation", "customer_wish", "atonement",
                                          "root_cause"};
static const char *const fact_values[4] = {"parcel delivered by Friday",
                                           "redeliver tomorrow morning",
                                           "refund of the shipping fee", "carrier: missed pickup"};

static void check(svcr_status st, const char *what)
{
    if (st != SVCR_OK) {
        fprintf(stderr, "bench_case: %s: %s: %s\n", what, svcr_status_name(st),
                svcr_error_message());
        exit(1);
    }
}

static svcr_case *open_case(const svcr_workflow *wf, int i)
{
    char id[32];
    svcr_case *c;
    snprintf(id, sizeof id, "case-%06d", i);
    check(svcr_case_new(wf, id, T0, &c), "svcr_case_new");
    for (int f = 0; f < 4; f++)
        check(svcr_case_set_fact_string(c, fact_names[f], fact_values[f]), "svcr_case_set_fact_string");
    return c;
}

static void walk(svcr_case *c)
{
    for (int k = 0; k < PATH_LEN; k++)
        check(svcr_case_apply(c, happy_path[k], "agent", T0 + 60 * (k + 1), NULL), happy_path[k]);
}

static void lifecycle_batch(void *ctx)
{
    const svcr_workflow *wf = ctx;
    for (int i = 0; i < CASES; i++) {
        svcr_case *c = open_case(wf, i);
        walk(c);
        if (strcmp(svcr_case_state(c), "closed") != 0)
            abort();
        svcr_case_free(c);
    }
}

/* ---- counting allocator: live bytes requested from the hook ---- */

typedef union header {
    size_t size;
    max_align_t align;
} header;

static size_t live_bytes;

static void *count_malloc(size_t size, void *user)
{
    header *h = malloc(sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    live_bytes += size;
    return h + 1;
}

static void *count_realloc(void *ptr, size_t size, void *user)
{
    if (ptr == NULL)
        return count_malloc(size, user);
    header *old = (header *)ptr - 1;
    size_t old_size = old->size;
    header *h = realloc(old, sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    live_bytes = live_bytes - old_size + size;
    return h + 1;
}

static void count_free(void *ptr, void *user)
{
    if (ptr == NULL)
        return;
    header *h = (header *)ptr - 1;
    live_bytes -= h->size;
    free(h);
}

static void measure_memory(void)
{
    static const svcr_allocator counting = {sizeof(svcr_allocator), count_malloc, count_realloc, count_free, NULL};
    check(svcr_set_allocator(&counting), "svcr_set_allocator");
    svcr_workflow *wf;
    check(svcr_workflow_builtin("five-step", &wf), "svcr_workflow_builtin");
    svcr_case **cases = calloc(OPEN_CASES, sizeof *cases);
    if (cases == NULL)
        abort();

    size_t before = live_bytes;
    svcr_case *empty;
    check(svcr_case_new(wf, "case-000000", T0, &empty), "svcr_case_new");
    double bare = (double)(live_bytes - before) - (double)sizeof "case-000000";
    svcr_case_free(empty);
    for (int i = 0; i < OPEN_CASES; i++)
        cases[i] = open_case(wf, i);
    double open = (double)(live_bytes - before) / OPEN_CASES;
    size_t own = sizeof "case-000000";
    for (int f = 0; f < 4; f++)
        own += strlen(fact_values[f]) + 1;
    for (int i = 0; i < OPEN_CASES; i++)
        walk(cases[i]);
    double closed = (double)(live_bytes - before) / OPEN_CASES;
    for (int i = 0; i < OPEN_CASES; i++)
        svcr_case_free(cases[i]);
    free(cases);

    svcr_case *looping = open_case(wf, 0);
    size_t no_log = live_bytes;
    for (int k = 0; k < 3; k++)
        check(svcr_case_apply(looping, happy_path[k], "agent", T0, NULL), happy_path[k]);
    static const char *const loop[3] = {"fixed", "atoned", "not_satisfied"};
    for (int k = 0; k < 3 * LOOPS; k++)
        check(svcr_case_apply(looping, loop[k % 3], "agent", T0, NULL), loop[k % 3]);
    double per_entry = (double)(live_bytes - no_log) / (double)svcr_case_log_count(looping);
    svcr_case_free(looping);
    svcr_workflow_free(wf);
    check(svcr_set_allocator(NULL), "svcr_set_allocator");

    bench_figure("case_bytes_new_case_without_id", bare, "bytes");
    bench_figure("case_bytes_per_open_case", open, "bytes");
    bench_figure("case_bytes_beyond_id_and_fact_values", open - (double)own, "bytes");
    bench_figure("case_bytes_per_closed_case", closed, "bytes");
    bench_figure("case_bytes_per_log_entry", per_entry, "bytes");
}

/* ---- apply alone, and JSON ---- */

struct apply_run {
    svcr_case *cases[CASES];
};

static void apply_batch(void *ctx)
{
    struct apply_run *run = ctx;
    bench_rate_pause();
    const svcr_workflow *wf = svcr_case_workflow(run->cases[0]);
    for (int i = 0; i < CASES; i++) {
        svcr_case_free(run->cases[i]);
        run->cases[i] = open_case(wf, i);
    }
    bench_rate_resume();
    for (int i = 0; i < CASES; i++)
        walk(run->cases[i]);
}

struct json_run {
    const svcr_workflow *wf;
    const svcr_case *c;
    const char *text;
    size_t len;
};

enum { JSON_BATCH = 100 };

static void encode_batch(void *ctx)
{
    struct json_run *run = ctx;
    for (int i = 0; i < JSON_BATCH; i++) {
        char *json;
        check(svcr_case_encode(run->c, &json), "svcr_case_encode");
        bench_keep((unsigned long)json[0]);
        svcr_free(json);
    }
}

static void decode_batch(void *ctx)
{
    struct json_run *run = ctx;
    for (int i = 0; i < JSON_BATCH; i++) {
        svcr_case *c;
        check(svcr_case_decode(run->wf, run->text, run->len, &c), "svcr_case_decode");
        svcr_case_free(c);
    }
}

int main(void)
{
    measure_memory();

    svcr_workflow *wf;
    check(svcr_workflow_builtin("five-step", &wf), "svcr_workflow_builtin");
    bench_figure("case_transitions_per_s",
                 bench_rate(lifecycle_batch, wf, (double)CASES * PATH_LEN), "transitions/s");

    static struct apply_run run;
    for (int i = 0; i < CASES; i++)
        run.cases[i] = open_case(wf, i);
    bench_figure("case_apply_transitions_per_s",
                 bench_rate(apply_batch, &run, (double)CASES * PATH_LEN), "transitions/s");
    for (int i = 0; i < CASES; i++)
        svcr_case_free(run.cases[i]);

    svcr_case *c = open_case(wf, 1);
    walk(c);
    char *json;
    check(svcr_case_encode(c, &json), "svcr_case_encode");
    struct json_run jr = {wf, c, json, strlen(json)};
    bench_figure("case_json_bytes", (double)jr.len, "bytes");
    bench_figure("case_json_encode_per_s", bench_rate(encode_batch, &jr, JSON_BATCH), "cases/s");
    bench_figure("case_json_decode_per_s", bench_rate(decode_batch, &jr, JSON_BATCH), "cases/s");
    svcr_free(json);
    svcr_case_free(c);
    svcr_workflow_free(wf);
    return 0;
}
