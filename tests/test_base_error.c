/* Status names, the thread-local last error, and the version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <pthread.h>

#include <svcrecover.h>
#include "base/error.h"

static void status_names_are_symbolic(void **state)
{
    (void)state;
    assert_string_equal(svcr_status_name(SVCR_OK), "SVCR_OK");
    assert_string_equal(svcr_status_name(SVCR_EINVAL), "SVCR_EINVAL");
    assert_string_equal(svcr_status_name(SVCR_ENOMEM), "SVCR_ENOMEM");
    assert_string_equal(svcr_status_name(SVCR_ESTATE), "SVCR_ESTATE");
    assert_string_equal(svcr_status_name(SVCR_EGUARD), "SVCR_EGUARD");
    assert_string_equal(svcr_status_name(SVCR_EPARSE), "SVCR_EPARSE");
    assert_string_equal(svcr_status_name(SVCR_EOVERFLOW), "SVCR_EOVERFLOW");
    assert_string_equal(svcr_status_name(SVCR_ENOTFOUND), "SVCR_ENOTFOUND");
    assert_string_equal(svcr_status_name(SVCR_EPERM), "SVCR_EPERM");
    assert_string_equal(svcr_status_name(SVCR_ECURRENCY), "SVCR_ECURRENCY");
    assert_string_equal(svcr_status_name(SVCR_ECONFLICT), "SVCR_ECONFLICT");
    assert_string_equal(svcr_status_name((svcr_status)-999), "SVCR_UNKNOWN");
    assert_string_equal(svcr_status_name((svcr_status)5), "SVCR_UNKNOWN");
}

static void error_records_status_message_and_position(void **state)
{
    (void)state;
    svcr_error_clear();
    assert_string_equal(svcr_error_message(), "");
    assert_int_equal(svcr_error_status(), SVCR_OK);

    assert_int_equal(svcr__fail_at(SVCR_EPARSE, 3, 14, "table: line %d, column %d: bad cell", 3, 14),
                     SVCR_EPARSE);
    assert_int_equal(svcr_error_status(), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 3);
    assert_int_equal(svcr_error_column(), 14);
    assert_string_equal(svcr_error_message(), "table: line 3, column 14: bad cell");

    /* A later error without position clears the old position. */
    assert_int_equal(svcr__fail(SVCR_EGUARD, "needs fact \"%s\"", "root_cause"), SVCR_EGUARD);
    assert_int_equal(svcr_error_line(), 0);
    assert_int_equal(svcr_error_column(), 0);
    assert_string_equal(svcr_error_message(), "needs fact \"root_cause\"");

    svcr_error_clear();
    assert_int_equal(svcr_error_status(), SVCR_OK);
    assert_string_equal(svcr_error_message(), "");
}

static void long_messages_are_truncated_not_overflowed(void **state)
{
    (void)state;
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    svcr__fail(SVCR_EINVAL, "%s", big);
    size_t length = strlen(svcr_error_message());
    assert_true(length > 100 && length < sizeof big);
}

static void *fail_in_thread(void *arg)
{
    (void)arg;
    svcr__fail(SVCR_ENOTFOUND, "thread's own error");
    return NULL;
}

static void errors_are_per_thread(void **state)
{
    (void)state;
    svcr__fail(SVCR_ESTATE, "main thread error");
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, fail_in_thread, NULL), 0);
    pthread_join(thread, NULL);
    assert_int_equal(svcr_error_status(), SVCR_ESTATE);
    assert_string_equal(svcr_error_message(), "main thread error");
}

static void version_matches_macros(void **state)
{
    (void)state;
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", SVCR_VERSION_MAJOR, SVCR_VERSION_MINOR,
             SVCR_VERSION_PATCH);
    assert_string_equal(svcr_version(), expected);
    assert_string_equal(svcr_version(), SVCR_VERSION_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_names_are_symbolic),
        cmocka_unit_test(error_records_status_message_and_position),
        cmocka_unit_test(long_messages_are_truncated_not_overflowed),
        cmocka_unit_test(errors_are_per_thread),
        cmocka_unit_test(version_matches_macros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
