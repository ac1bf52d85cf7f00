/* Private JSON helpers: positioned syntax errors, locating values by JSON Pointer, dumping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/alloc.h"
#include "base/json_util.h"
#include "support/test_alloc.h"

static const char document[] = "{\n"
                               "  \"name\": \"five-step\",\n"
                               "  \"states\": [\n"
                               "    {\"name\": \"identify\"},\n"
                               "    {\"name\": \"apologize\", \"kind\": \"active\"}\n"
                               "  ],\n"
                               "  \"a/b\": {\"é\": 1, \"x\": [true, null, 3]}\n"
                               "}\n";

static void locate(const char *pointer, int want_line, int want_column, int want_exact)
{
    int line = 0, column = 0;
    int exact = svcr__json_locate(document, strlen(document), pointer, &line, &column);
    if (line != want_line || column != want_column || exact != want_exact)
        fail_msg("%s: got %d:%d exact=%d, want %d:%d exact=%d", pointer, line, column, exact, want_line,
                 want_column, want_exact);
}

static void locates_values_by_pointer(void **state)
{
    (void)state;
    locate("", 1, 1, 1);
    locate("/name", 2, 11, 1);
    locate("/states", 3, 13, 1);
    locate("/states/0", 4, 5, 1);
    locate("/states/1/kind", 5, 35, 1);
    locate("/a~1b/x/2", 7, 37, 1);
    locate("/a~1b/x", 7, 24, 1);
    /* Missing members fall back to the deepest enclosing value found. */
    locate("/states/7", 3, 13, 0);
    locate("/nothing", 1, 1, 0);
}

static void syntax_errors_have_line_and_column(void **state)
{
    (void)state;
    const char text[] = "{\n  \"a\": 1,\n  \"b\": tru\n}";
    svcr__json_source source = {"test JSON", text, strlen(text)};
    json_t *root = (json_t *)0x1;
    assert_int_equal(svcr__json_load(&source, &root), SVCR_EPARSE);
    assert_ptr_equal(root, (json_t *)0x1);
    assert_int_equal(svcr_error_line(), 3);
    assert_true(svcr_error_column() > 0);
    assert_non_null(strstr(svcr_error_message(), "test JSON: line 3"));

    const char duplicate[] = "{\"a\": 1, \"a\": 2}";
    svcr__json_source dup_source = {"test JSON", duplicate, strlen(duplicate)};
    assert_int_equal(svcr__json_load(&dup_source, &root), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "duplicate"));
}

static void semantic_errors_name_pointer_and_position(void **state)
{
    (void)state;
    svcr__json_source source = {"workflow JSON", document, strlen(document)};
    assert_int_equal(svcr__json_fail(&source, "/states/1/kind", SVCR_EINVAL, "unknown kind \"%s\"", "x"),
                     SVCR_EINVAL);
    assert_string_equal(svcr_error_message(),
                        "workflow JSON: line 5, column 35: /states/1/kind: unknown kind \"x\"");
    assert_int_equal(svcr_error_line(), 5);
    assert_int_equal(svcr_error_column(), 35);
}

static svcr_status load_and_dump(void *unused)
{
    (void)unused;
    svcr__json_source source = {"test JSON", document, strlen(document)};
    json_t *root;
    svcr_status status = svcr__json_load(&source, &root);
    if (status != SVCR_OK)
        return status;
    char *text = svcr__json_dump(root);
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("dumping");
    status = strstr(text, "\"kind\":\"active\"") ? SVCR_OK : SVCR_EINVAL;
    svcr__free(text);
    return status;
}

static void load_and_dump_survive_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(load_and_dump, NULL);
    assert_true(points > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(locates_values_by_pointer),
        cmocka_unit_test(syntax_errors_have_line_and_column),
        cmocka_unit_test(semantic_errors_name_pointer_and_position),
        cmocka_unit_test(load_and_dump_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
