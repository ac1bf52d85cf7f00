/* Links the shared library the way a host does and uses only the installed headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

static void version_and_errors_through_the_shared_library(void **state)
{
    (void)state;
    assert_string_equal(svcr_version(), SVCR_VERSION_STRING);
    svcr_money m;
    assert_int_equal(svcr_money_make(5, "nope", &m), SVCR_EINVAL);
    assert_true(strlen(svcr_error_message()) > 0);
    assert_int_equal(svcr_error_status(), SVCR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_and_errors_through_the_shared_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
