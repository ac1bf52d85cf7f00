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

#endif
