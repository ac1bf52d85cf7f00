/* Test allocator: counts allocations and live blocks, and can fail the Nth allocation.
 * Installed through svcr_set_allocator() and jansson's json_set_alloc_funcs(): the library's
 * allocations are counted and can fail; jansson's are counted (for leak checks) only. */
#ifndef SVCR_TEST_ALLOC_H
#define SVCR_TEST_ALLOC_H

#include <svcrecover.h>

/* Install the counting allocator (no failure armed) and zero its counters. */
void test_alloc_install(void);
/* Restore the default allocators. */
void test_alloc_uninstall(void);
/* Make the Nth library allocation from now fail (1 = the next one); 0 disarms. */
void test_alloc_fail_at(long n);
/* Let jansson's allocations be the failing one too (1) or not (0, the default). Only for calls
 * that build JSON rather than parse it: jansson reports some of its parsing allocation failures
 * as syntax errors. */
void test_alloc_fail_json(int on);
/* Whether the armed failure has happened since it was armed. */
int test_alloc_failure_happened(void);
/* Allocations made since install; blocks not yet freed. */
long test_alloc_count(void);
long test_alloc_live(void);

/* A scenario exercises some public API and frees everything it made. It returns SVCR_OK when
 * all went well, or the first error status it met. */
typedef svcr_status (*test_scenario)(void *state);

/* Run @p scenario (called @p name in the printed count) failing allocation 1, 2, 3, ... in turn until a run completes without meeting
 * the failure. Asserts (cmocka) that every run with a failure returns SVCR_ENOMEM, that the last
 * run returns SVCR_OK, and that no run leaks. Returns the number of allocation points exercised. */
long test_alloc_exhaust_named(const char *name, test_scenario scenario, void *state);

/* Every call names its scenario after the test file and the scenario function, and prints
 * "alloc points: <file>/<scenario> <count>" (a cmocka print_message line) so a run of the unit
 * suite can be summed: grep '^alloc points:' of the test logs. */
#define test_alloc_exhaust(scenario, state) \
    test_alloc_exhaust_named(test_alloc_scenario_name(__FILE__, #scenario), (scenario), (state))

/* "<file without directory, test_ prefix and .c>/<scenario>", in a static buffer. */
const char *test_alloc_scenario_name(const char *file, const char *scenario);

/* A call on objects that already exist, for the "objects stay valid" half of fault injection. */
typedef struct test_call {
    /* Make the objects (no failure armed yet); NULL if that failed. */
    void *(*setup)(void);
    /* The call under test, which may allocate; returns its status. */
    svcr_status (*call)(void *objects);
    /* Everything observable about the objects, as malloc()ed text (freed with free()). */
    char *(*snapshot)(void *objects);
    /* After a failed call: use the objects again (e.g. repeat the call, then the next step);
     * must return SVCR_OK. */
    svcr_status (*use)(void *objects);
    /* Free everything setup() and the calls made. */
    void (*teardown)(void *objects);
} test_call;

/* Run @p c's call failing its allocation 1, 2, 3, ... in turn (each on freshly set-up objects)
 * until it succeeds without meeting the failure. Asserts that every failed call returns
 * SVCR_ENOMEM, leaves the snapshot exactly as before, and that use() then succeeds; that the last
 * call returns SVCR_OK; and that nothing leaks. Prints "alloc points: <file>/<name> <count>".
 * Returns the number of allocation points exercised. */
long test_alloc_exhaust_call_named(const char *name, const test_call *c);
#define test_alloc_exhaust_call(c) test_alloc_exhaust_call_named(test_alloc_scenario_name(__FILE__, #c), (c))

/* Define `static const test_call name` for one call on a test file's objects: the file has a type
 * `objects` and functions setup(), snapshot() and teardown() of the test_call signatures; the call
 * evaluates @p expression (a status) with `objects *o`, and use() evaluates it again, then returns
 * @p then(o) when that succeeded. */
#define TEST_CALL(name, then, expression)                                                               \
    static svcr_status name##_call(void *data)                                                         \
    {                                                                                                   \
        objects *o = data;                                                                              \
        return (expression);                                                                            \
    }                                                                                                   \
    static svcr_status name##_use(void *data)                                                          \
    {                                                                                                   \
        objects *o = data;                                                                              \
        svcr_status s = (expression);                                                                   \
        return s == SVCR_OK ? then(o) : s;                                                              \
    }                                                                                                   \
    static const test_call name = {setup, name##_call, snapshot, name##_use, teardown};

/* Snapshot helpers: append printf-style text to a malloc()ed string (*text may be NULL), or
 * append a library-allocated text (from an encode function) and svcr_free() it. */
void test_text_append(char **text, const char *format, ...);
void test_text_take(char **text, char *owned);

#endif
