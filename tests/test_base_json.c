/* Private JSON helpers: positioned syntax errors, locating values by JSON Pointer, dumping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/alloc.h"
#include "base/json_read.h"
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

/* The reading helpers every module uses (lib/base/json_read.h): each error names the value's
 * pointer and line:column. */
static const char members_document[] = "{\"name\": \"x\",\n \"a/b~\": 1,\n \"list\": [1, 2, 3], \"flag\": 2}";

static svcr_status read_members(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const only_name[] = {"name", NULL};
    static const char *const all[] = {"name", "a/b~", "list", "flag", NULL};
    (void)context;
    char at[SVCR__POINTER_SIZE];
    const char *text;
    const json_t *list;
    bool flag;
    /* Member lookup gives the escaped pointer (RFC 6901: ~ -> ~0, / -> ~1). */
    assert_int_equal(json_integer_value(svcr__json_member(root, "", "a/b~", at)), 1);
    assert_string_equal(at, "/a~1b~0");
    assert_int_equal(svcr__json_check_members(source, root, "", all), SVCR_OK);
    assert_int_equal(svcr__json_check_members(source, root, "", only_name), SVCR_EPARSE);
    assert_string_equal(svcr_error_message(), "test JSON: line 2, column 10: /a~1b~0: unknown member \"a/b~\"");
    assert_int_equal(svcr__json_expect_object(source, json_object_get(root, "list"), "/list", all), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "line 3, column 10: /list: must be an object"));
    /* Typed getters: a value of the wrong type is an error at the value. */
    assert_int_equal(svcr__json_string(source, root, "", "name", SVCR__JSON_REQUIRED, &text), SVCR_OK);
    assert_string_equal(text, "x");
    assert_int_equal(svcr__json_string(source, root, "", "list", 0, &text), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "column 10: /list: must be a string"));
    assert_int_equal(svcr__json_string(source, root, "", "title", SVCR__JSON_REQUIRED, &text), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), ": missing member \"title\""));
    assert_int_equal(svcr__json_string(source, root, "", "title", 0, &text), SVCR_OK);
    assert_null(text);
    assert_int_equal(svcr__json_array(source, root, "", "list", true, 3, &list), SVCR_OK);
    assert_int_equal(json_array_size(list), 3);
    assert_int_equal(svcr__json_array(source, root, "", "list", true, 2, &list), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/list: has 3 entries; at most 2 are supported"));
    assert_int_equal(svcr__json_bool(source, root, "", "missing", true, &flag), SVCR_OK);
    assert_true(flag);
    assert_int_equal(svcr__json_bool(source, root, "", "flag", false, &flag), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "line 3, column 29: /flag: must be true or false"));
    return SVCR_OK;
}

static void reading_helpers_name_the_member_and_its_position(void **state)
{
    (void)state;
    svcr__json_source source = {"test JSON", members_document, strlen(members_document)};
    assert_int_equal(svcr__json_parse(&source, read_members, NULL), SVCR_OK);
    const char broken[] = "{\"name\": }";
    svcr__json_source bad = {"test JSON", broken, strlen(broken)};
    assert_int_equal(svcr__json_parse(&bad, read_members, NULL), SVCR_EPARSE); /* read never runs */
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
        cmocka_unit_test(reading_helpers_name_the_member_and_its_position),
        cmocka_unit_test(load_and_dump_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
