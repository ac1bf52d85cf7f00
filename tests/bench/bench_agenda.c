/* Benchmark: the agenda at 10 million entries. Prints bytes per entry (counted through the
 * library's allocator hook) and nanoseconds per next-due, insert, move and remove.
 *
 * Usage: bench_agenda [entries]   (default 10000000). Build optimised:
 *   meson setup build-rel --buildtype=release && meson test -C build-rel --benchmark --verbose agenda
 *
 * Keys are 3 timers ("first_response", "resolution", "follow_up") per case, case ids
 * "C-000000042" (11 bytes), due times spread at random over 30 days. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <svcrecover.h>

/* ---- A counting allocator: each block carries its size in a 16-byte header. ---- */

static size_t live_bytes;

static void count(ptrdiff_t delta)
{
    live_bytes += (size_t)delta;
}

static void *counting_malloc(size_t size, void *user_data)
{
    (void)user_data;
    size_t *block = malloc(size + 16);
    if (block == NULL)
        return NULL;
    block[0] = size;
    count((ptrdiff_t)size);
    return (char *)block + 16;
}

static void *counting_realloc(void *ptr, size_t size, void *user_data)
{
    if (ptr == NULL)
        return counting_malloc(size, user_data);
    size_t *block = (size_t *)((char *)ptr - 16);
    size_t old = block[0];
    block = realloc(block, size + 16);
    if (block == NULL)
        return NULL;
    block[0] = size;
    count((ptrdiff_t)size - (ptrdiff_t)old);
    return (char *)block + 16;
}

static void counting_free(void *ptr, void *user_data)
{
    (void)user_data;
    if (ptr == NULL)
        return;
    size_t *block = (size_t *)((char *)ptr - 16);
    count(-(ptrdiff_t)block[0]);
    free(block);
}

/* ---- Workload ---- */

static const char *const timers[3] = {"first_response", "resolution", "follow_up"};
static const int64_t start = INT64_C(1795424400); /* 2026-11-23T09:00:00Z */

static uint64_t rng = 88172645463325252u;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int64_t random_due(void)
{
    return start + (int64_t)(next_random() % (30 * 86400));
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

enum { BATCH = 1 << 20, ID_SIZE = 16 };

/* Ids and due times of a batch of keys, made before the clock starts. */
typedef struct batch {
    char (*ids)[ID_SIZE];
    int timer[BATCH];
    int64_t due[BATCH];
} batch;

static void key_of(uint64_t key, char id[ID_SIZE], int *timer)
{
    snprintf(id, ID_SIZE, "C-%09u", (unsigned)(key / 3 % 1000000000u));
    *timer = (int)(key % 3);
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

static void check(svcr_status status, const char *what)
{
    if (status != SVCR_OK) {
        fprintf(stderr, "%s: %s\n", what, svcr_error_message());
        exit(1);
    }
}

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000u;
    static const svcr_allocator counting = {sizeof(svcr_allocator), counting_malloc, counting_realloc, counting_free, NULL};
    check(svcr_set_allocator(&counting), "allocator");
    static batch b;
    b.ids = malloc(sizeof *b.ids * BATCH);
    if (b.ids == NULL)
        return 1;

    svcr_agenda *agenda;
    check(svcr_agenda_new(&agenda), "new");

    /* Insert n keys, in batches. */
    double insert_ns = 0;
    for (uint64_t done = 0; done < n;) {
        size_t size = n - done < BATCH ? (size_t)(n - done) : BATCH;
        for (size_t i = 0; i < size; i++) {
            key_of(done + i, b.ids[i], &b.timer[i]);
            b.due[i] = random_due();
        }
        double t0 = now_ns();
        for (size_t i = 0; i < size; i++)
            check(svcr_agenda_add(agenda, b.ids[i], timers[b.timer[i]], b.due[i]), "add");
        insert_ns += now_ns() - t0;
        done += size;
    }
    size_t bytes = live_bytes;
    printf("entries:            %" PRIu64 " (%" PRIu64 " cases x 3 timers, 11-byte case ids)\n", n, n / 3);
    printf("memory:             %.1f MiB allocated through the hook\n", bytes / 1048576.0);
    printf("bytes per entry:    %.1f\n", (double)bytes / (double)n);
    printf("insert:             %.0f ns per entry\n", insert_ns / (double)n);

    /* next due: O(1) peeks. */
    enum { PEEKS = 10000000 };
    svcr_agenda_entry entry = {.size = sizeof entry};
    int64_t sum = 0;
    double t0 = now_ns();
    for (int i = 0; i < PEEKS; i++) {
        check(svcr_agenda_next(agenda, &entry), "next");
        sum += entry.due;
    }
    printf("next due:           %.1f ns per call (checksum %" PRId64 ")\n", (now_ns() - t0) / PEEKS,
           sum % 1000);

    size_t overdue = 0;
    int64_t at = start + 6 * 3600; /* the first 6 hours: ~0.8% of entries */
    t0 = now_ns();
    check(svcr_agenda_count_overdue(agenda, at, &overdue), "count");
    double count_ns = now_ns() - t0;
    svcr_agenda_cursor *cursor;
    check(svcr_agenda_cursor_new(agenda, at, &cursor), "cursor");
    size_t walked = 0;
    t0 = now_ns();
    while (svcr_agenda_cursor_next(cursor, &entry) == SVCR_OK)
        walked++;
    double walk_ns = now_ns() - t0;
    svcr_agenda_cursor_free(cursor);
    printf("count overdue:      %zu entries in %.1f ms (%.1f ns per overdue entry)\n", overdue,
           count_ns / 1e6, count_ns / (double)(overdue ? overdue : 1));
    printf("walk due before T:  %zu entries in %.1f ms (%.0f ns per entry)\n", walked, walk_ns / 1e6,
           walk_ns / (double)(walked ? walked : 1));

    /* A dispatcher loop: take the next due entry and re-arm it a day later. */
    enum { ROUNDS = 1000000 };
    t0 = now_ns();
    for (int i = 0; i < ROUNDS; i++) {
        check(svcr_agenda_next(agenda, &entry), "next");
        check(svcr_agenda_move(agenda, entry.case_id, entry.timer, entry.due + 86400), "move");
    }
    printf("next + re-arm:      %.0f ns per round\n", (now_ns() - t0) / ROUNDS);

    /* Move and remove random keys. */
    size_t size = n < BATCH ? (size_t)n : BATCH;
    for (size_t i = 0; i < size; i++) {
        key_of(next_random() % n, b.ids[i], &b.timer[i]);
        b.due[i] = random_due();
    }
    t0 = now_ns();
    for (size_t i = 0; i < size; i++)
        check(svcr_agenda_move(agenda, b.ids[i], timers[b.timer[i]], b.due[i]), "move");
    printf("move:               %.0f ns per entry (random keys)\n", (now_ns() - t0) / (double)size);

    /* Remove distinct random keys: a stride coprime to n visits each key once. */
    uint64_t stride = 2654435761u % n;
    while (gcd(stride, n) != 1)
        stride++;
    for (size_t i = 0; i < size; i++)
        key_of((i * stride) % n, b.ids[i], &b.timer[i]);
    size_t removed = 0;
    t0 = now_ns();
    for (size_t i = 0; i < size; i++)
        removed += svcr_agenda_remove(agenda, b.ids[i], timers[b.timer[i]]) == SVCR_OK;
    printf("remove:             %.0f ns per entry (%zu random keys)\n", (now_ns() - t0) / (double)size, removed);

    t0 = now_ns();
    svcr_agenda_free(agenda);
    printf("free:               %.0f ms\n", (now_ns() - t0) / 1e6);
    free(b.ids);
    return live_bytes == 0 ? 0 : 1;
}
