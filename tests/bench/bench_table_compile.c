/*
 * Compiling a large decision table: a Unique table of N adjacent ranges (`[i..i+1)` in a number
 * column, `-` in a string column, a fixed amount each), N = 20,000, 40,000 and 100,000, parsed and
 * compiled by svcr_table_parse(), then evaluated once at a value on the last range (so the index
 * is used, and a wrong one is caught).
 *
 *   table_compile_<N>_rules_s            seconds in svcr_table_parse() (text to compiled table)
 *   table_compile_<N>_rules_cpu_s        ... of processor time (user and system: on a machine
 *                                        shared with other work, the wall time counts their
 *                                        turns too)
 *   table_compile_<N>_rules_peak_bytes   the most bytes the library held at once while compiling
 *                                        (counted through svcr_set_allocator())
 *   table_compile_<N>_rules_maxrss_bytes the process's peak resident size (the table text, made
 *                                        beforehand, included)
 *
 * Each size runs in its own child process, so one size's peak does not hide another's.
 * Usage: bench_table_compile [N...]   (default 20000 40000 100000)
 * Prints `figure <name>: <number> <unit>` lines (see bench.h).
 */
#include "bench.h"

#include <stdint.h>
#include <string.h>
#include <svcrecover.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* The library's live and peak bytes: each block carries its size in front. */
static size_t live, peak;

typedef union header {
    size_t size;
    max_align_t align;
} header;

static void *count_malloc(size_t size, void *user)
{
    (void)user;
    header *h = malloc(sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    live += size;
    if (live > peak)
        peak = live;
    return h + 1;
}

static void count_free(void *ptr, void *user)
{
    (void)user;
    if (ptr == NULL)
        return;
    header *h = (header *)ptr - 1;
    live -= h->size;
    free(h);
}

static void *count_realloc(void *ptr, size_t size, void *user)
{
    if (ptr == NULL)
        return count_malloc(size, user);
    header *h = (header *)ptr - 1;
    size_t old = h->size;
    header *grown = realloc(h, sizeof *grown + size);
    if (grown == NULL)
        return NULL;
    grown->size = size;
    live = live - old + size;
    if (live > peak)
        peak = live;
    return grown + 1;
}

static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec * 1e-6 +
           (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec * 1e-6;
}

static char *make_table(long n, size_t *length)
{
    size_t capacity = 256 + (size_t)n * 80, used = 0;
    char *text = malloc(capacity);
    if (text == NULL)
        abort();
    used += (size_t)snprintf(text, capacity,
                             "table adjacent\nhit-policy unique\n"
                             "| rule | uptime: number | tier: string || kind | amount | approval |\n");
    for (long i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, capacity - used,
                                 "| r%ld | [%ld..%ld) | - || credit | %ld.%02ld EUR | agent |\n", i, i,
                                 i + 1, i % 1000, i % 100);
    *length = used;
    return text;
}

static int measure(long n)
{
    size_t length;
    char *text = make_table(n, &length);
    svcr_allocator counting = {sizeof counting, count_malloc, count_realloc, count_free, NULL};
    if (svcr_set_allocator(&counting) != SVCR_OK)
        return 1;
    svcr_table *table = NULL;
    double start = bench_now(), cpu_start = cpu_seconds();
    svcr_status status = svcr_table_parse(text, length, &table);
    double seconds = bench_now() - start, cpu = cpu_seconds() - cpu_start;
    if (status != SVCR_OK) {
        fprintf(stderr, "bench_table_compile: %ld rules: %s\n", n, svcr_error_message());
        return 1;
    }
    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    if (svcr_table_facts_new(table, &facts) != SVCR_OK || svcr_table_result_new(table, &result) != SVCR_OK ||
        svcr_table_facts_set_integer(facts, "uptime", n - 1) != SVCR_OK ||
        svcr_table_eval(table, facts, 0, result) != SVCR_OK || svcr_table_result_offer_count(result) != 1) {
        fprintf(stderr, "bench_table_compile: %ld rules: evaluation failed: %s\n", n, svcr_error_message());
        return 1;
    }
    char name[80];
    snprintf(name, sizeof name, "table_compile_%ld_rules_s", n);
    bench_figure(name, seconds, "s");
    snprintf(name, sizeof name, "table_compile_%ld_rules_cpu_s", n);
    bench_figure(name, cpu, "s");
    snprintf(name, sizeof name, "table_compile_%ld_rules_peak_bytes", n);
    bench_figure(name, (double)peak, "bytes");
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    snprintf(name, sizeof name, "table_compile_%ld_rules_maxrss_bytes", n);
    bench_figure(name, (double)usage.ru_maxrss * 1024.0, "bytes");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    static const long sizes[] = {20000, 40000, 100000};
    long count = argc > 1 ? argc - 1 : (long)(sizeof sizes / sizeof sizes[0]);
    int failed = 0;
    for (long k = 0; k < count; k++) {
        long n = argc > 1 ? atol(argv[k + 1]) : sizes[k];
        fflush(stdout);
        pid_t child = fork();
        if (child == 0)
            _exit(measure(n));
        int status = 0;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            failed = 1;
    }
    return failed;
}
