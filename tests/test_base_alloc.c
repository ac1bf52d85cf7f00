/* The allocator hook: replacement, validation, restoration, and failures reaching callers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/alloc.h"
#include "support/test_alloc.h"

static long hook_calls;

static void *tracking_malloc(size_t size, void *user_data)
{
    hook_calls++;
    assert_ptr_equal(user_data, &hook_calls);
    return malloc(size);
}

static void *tracking_realloc(void *ptr, size_t size, void *user_data)
{
    hook_calls++;
    assert_ptr_equal(user_data, &hook_calls);
    return realloc(ptr, size);
}

static void tracking_free(void *ptr, void *user_data)
{
    hook_calls++;
    assert_ptr_equal(user_data, &hook_calls);
    free(ptr);
}

static void allocations_go_through_the_hook(void **state)
{
    (void)state;
    svcr_allocator hook = {sizeof(svcr_allocator), tracking_malloc, tracking_realloc, tracking_free, &hook_calls};
    hook_calls = 0;
    assert_int_equal(svcr_set_allocator(&hook), SVCR_OK);
    char *copy = svcr__strdup("apologize");
    assert_string_equal(copy, "apologize");
    copy = svcr__realloc(copy, 64);
    svcr_free(copy); /* the public release goes through the same hook */
    svcr_free(NULL);
    assert_int_equal(hook_calls, 3);
    assert_int_equal(svcr_set_allocator(NULL), SVCR_OK);
    copy = svcr__strdup("back to malloc");
    svcr__free(copy);
    assert_int_equal(hook_calls, 3);
}

static void incomplete_allocator_is_rejected_and_changes_nothing(void **state)
{
    (void)state;
    svcr_allocator hook = {sizeof(svcr_allocator), tracking_malloc, NULL, tracking_free, &hook_calls};
    hook_calls = 0;
    assert_int_equal(svcr_set_allocator(&hook), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "realloc_fn"));
    svcr__free(svcr__strdup("still default"));
    assert_int_equal(hook_calls, 0);
}

static void array_helpers_detect_overflow(void **state)
{
    (void)state;
    assert_null(svcr__calloc(SIZE_MAX / 2, 4));
    assert_null(svcr__reallocarray(NULL, SIZE_MAX / 2, 4));
    int *zeroed = svcr__calloc(8, sizeof(int));
    for (int i = 0; i < 8; i++)
        assert_int_equal(zeroed[i], 0);
    svcr__free(zeroed);
}

static void grow_doubles_and_keeps_contents_on_failure(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    assert_int_equal(svcr__grow((void **)&items, &capacity, 5, sizeof *items), 0);
    assert_true(capacity >= 5);
    for (int i = 0; i < 5; i++)
        items[i] = i * 7;
    test_alloc_install();
    test_alloc_fail_at(1);
    size_t before = capacity;
    assert_int_equal(svcr__grow((void **)&items, &capacity, capacity + 1, sizeof *items), -1);
    test_alloc_uninstall();
    assert_int_equal(capacity, before);
    for (int i = 0; i < 5; i++)
        assert_int_equal(items[i], i * 7);
    svcr__free(items);
}

static void failing_allocator_fails_exactly_the_nth(void **state)
{
    (void)state;
    test_alloc_install();
    test_alloc_fail_at(2);
    void *first = svcr__malloc(8);
    void *second = svcr__malloc(8);
    void *third = svcr__malloc(8);
    assert_non_null(first);
    assert_null(second);
    assert_non_null(third);
    assert_true(test_alloc_failure_happened());
    assert_int_equal(test_alloc_live(), 2);
    svcr__free(first);
    svcr__free(third);
    assert_int_equal(test_alloc_live(), 0);
    test_alloc_uninstall();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocations_go_through_the_hook),
        cmocka_unit_test(incomplete_allocator_is_rejected_and_changes_nothing),
        cmocka_unit_test(array_helpers_detect_overflow),
        cmocka_unit_test(grow_doubles_and_keeps_contents_on_failure),
        cmocka_unit_test(failing_allocator_fails_exactly_the_nth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
