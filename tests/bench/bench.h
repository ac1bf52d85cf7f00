/*
 * Shared helpers for the benchmark programs in tests/bench (header only).
 *
 * The one output convention that tests/bench/run parses: every figure is a line
 *     figure <name>: <number> <unit>
 * e.g. "figure case_transitions_per_s: 31250000 transitions/s". Names are lower_snake_case and
 * unique across all benches; anything else a bench prints is shown but not parsed.
 *
 * Benchmarks read the clock (the library never does); the time budget per measurement is
 * BENCH_SECONDS (default 1), after a warm-up of a third of it.
 */
#ifndef SVCR_BENCH_H
#define SVCR_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double bench_seconds(void)
{
    const char *s = getenv("BENCH_SECONDS");
    double v = s ? atof(s) : 0.0;
    return v > 0.0 ? v : 1.0;
}

/* Time a batch spends between bench_rate_pause() and bench_rate_resume() (e.g. making the
 * objects it works on) is not counted. */
static double bench_paused, bench_paused_at;

static inline void bench_rate_pause(void)
{
    bench_paused_at = bench_now();
}

static inline void bench_rate_resume(void)
{
    bench_paused += bench_now() - bench_paused_at;
}

/* Repeats batch(ctx), which does `units` units of work, for about `seconds`; units per second. */
static inline double bench_rate_for(void (*batch)(void *), void *ctx, double units, double seconds)
{
    double done = 0.0, start = bench_now(), now = start;
    bench_paused = 0.0;
    while (now - start - bench_paused < seconds) {
        batch(ctx);
        done += units;
        now = bench_now();
    }
    return done / (now - start - bench_paused);
}

/* Warm up for a third of the budget, then measure for BENCH_SECONDS: units per second. */
static inline double bench_rate(void (*batch)(void *), void *ctx, double units)
{
    double seconds = bench_seconds();
    bench_rate_for(batch, ctx, units, seconds / 3.0);
    return bench_rate_for(batch, ctx, units, seconds);
}

static inline void bench_figure(const char *name, double value, const char *unit)
{
    printf("figure %s: %.*f %s\n", name, value >= 100.0 || value <= -100.0 ? 0 : 2, value, unit);
    fflush(stdout);
}

/* Keeps a computed value alive so the optimiser cannot drop the work that produced it. */
static inline void bench_keep(unsigned long v)
{
    static volatile unsigned long sink;
    sink += v;
}

#endif
