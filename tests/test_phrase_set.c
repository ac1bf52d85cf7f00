/* Phrase sets: the defaults, a host's list, JSON, reading a set back, every error path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"
#include "support/read_all.h"

static void default_set_lists_the_default_phrases(void **state)
{
    (void)state;
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_phrase_set_builtin(&set), SVCR_OK);
    assert_int_equal(svcr_phrase_set_count(set), 2);
    svcr_phrase_spec spec = {.size = sizeof spec};
    assert_int_equal(svcr_phrase_set_phrase(set, 0, &spec), SVCR_OK);
    assert_string_equal(spec.phrase, "I understand");
    assert_int_equal(spec.suggestion_count, 3);
    assert_string_equal(spec.suggestions[0], "I can only imagine how you feel");
    assert_string_equal(spec.suggestions[1], "That's got to be so frustrating");
    assert_string_equal(spec.suggestions[2], "What an unfortunate situation");
    assert_int_equal(svcr_phrase_set_phrase(set, 1, &spec), SVCR_OK);
    assert_string_equal(spec.phrase, "I know how you feel");
    assert_int_equal(spec.suggestion_count, 3);
    svcr_phrase_set_free(set);
}

static void host_list_is_copied(void **state)
{
    (void)state;
    char phrase[] = "  No   problem ";
    char suggestion[] = "Happy to help";
    const char *suggestions[] = {suggestion};
    svcr_phrase_spec specs[] = {{sizeof(svcr_phrase_spec), phrase, suggestions, 1}, {sizeof(svcr_phrase_spec), "calm down", NULL, 0}};
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(specs, 2, &set), SVCR_OK);
    memset(phrase, 'x', sizeof phrase - 1);
    memset(suggestion, 'y', sizeof suggestion - 1);
    svcr_phrase_spec got = {.size = sizeof got};
    assert_int_equal(svcr_phrase_set_phrase(set, 0, &got), SVCR_OK);
    assert_string_equal(got.phrase, "  No   problem "); /* kept as given; matched trimmed */
    assert_string_equal(got.suggestions[0], "Happy to help");
    assert_int_equal(svcr_phrase_set_phrase(set, 1, &got), SVCR_OK);
    assert_int_equal(got.suggestion_count, 0);

    svcr_phrase_match *m = NULL;
    size_t count = 0;
    const char *text = "no problem!";
    assert_int_equal(svcr_test_phrase_check(set, text, strlen(text), &m, &count), SVCR_OK);
    assert_int_equal(count, 1);
    assert_int_equal(m[0].end, 10);
    free(m);
    svcr_phrase_set_free(set);
}

static void empty_set_matches_nothing(void **state)
{
    (void)state;
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(NULL, 0, &set), SVCR_OK);
    assert_int_equal(svcr_phrase_set_count(set), 0);
    svcr_phrase_match *m = (svcr_phrase_match *)0x1;
    size_t count = 5;
    assert_int_equal(svcr_test_phrase_check(set, "I understand", 12, &m, &count), SVCR_OK);
    assert_null(m);
    assert_int_equal(count, 0);
    svcr_phrase_set_free(set);
}

static void expect_new_fails(const svcr_phrase_spec *specs, size_t count, const char *message_part)
{
    svcr_phrase_set *set = (svcr_phrase_set *)0x1;
    assert_int_equal(svcr_test_phrase_set_new(specs, count, &set), SVCR_EINVAL);
    assert_ptr_equal(set, (svcr_phrase_set *)0x1);
    if (strstr(svcr_error_message(), message_part) == NULL)
        fail_msg("\"%s\" lacks \"%s\"", svcr_error_message(), message_part);
}

static void host_list_errors(void **state)
{
    (void)state;
    const char *with_null[] = {"fine", NULL};
    svcr_phrase_spec null_phrase[] = {{sizeof(svcr_phrase_spec), "ok", NULL, 0}, {sizeof(svcr_phrase_spec), NULL, NULL, 0}};
    svcr_phrase_spec null_suggestions[] = {{sizeof(svcr_phrase_spec), "ok", NULL, 2}};
    svcr_phrase_spec null_suggestion[] = {{sizeof(svcr_phrase_spec), "ok", with_null, 2}};
    svcr_phrase_spec bad_phrase[] = {{sizeof(svcr_phrase_spec), "ok \xC3", NULL, 0}};
    const char *bad_text[] = {"fine", "x\xFF"};
    svcr_phrase_spec bad_suggestion[] = {{sizeof(svcr_phrase_spec), "ok", bad_text, 2}};
    svcr_phrase_spec empty[] = {{sizeof(svcr_phrase_spec), "ok", NULL, 0}, {sizeof(svcr_phrase_spec), " \t\n", NULL, 0}};
    svcr_phrase_spec duplicate[] = {{sizeof(svcr_phrase_spec), "That's bad", NULL, 0}, {sizeof(svcr_phrase_spec), "x", NULL, 0}, {sizeof(svcr_phrase_spec), " THAT\xE2\x80\x99S   BAD", NULL, 0}};

    expect_new_fails(NULL, 1, "\"specs\" is NULL");
    expect_new_fails(null_phrase, 2, "specs[1]: phrase is NULL");
    expect_new_fails(null_suggestions, 1, "specs[0]: suggestions is NULL");
    expect_new_fails(null_suggestion, 1, "specs[0]: suggestions[1] is NULL");
    expect_new_fails(bad_phrase, 1, "specs[0]: phrase is not valid UTF-8 at byte 3");
    expect_new_fails(bad_suggestion, 1, "specs[0]: suggestions[1] is not valid UTF-8 at byte 1");
    expect_new_fails(empty, 2, "specs[1]: phrase is empty");
    expect_new_fails(duplicate, 3, "specs[2]: phrase \" THAT\xE2\x80\x99S   BAD\" repeats specs[0]");

    svcr_phrase_spec ok[] = {{sizeof(svcr_phrase_spec), "ok", NULL, 0}};
    assert_int_equal(svcr_test_phrase_set_new(ok, 1, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"out\""));
    assert_int_equal(svcr_phrase_set_builtin(NULL), SVCR_EINVAL);
}

static const char custom_json[] = "{\"phrases\": [\n"
                                  "  {\"phrase\": \"No problem\", \"suggestions\": [\"Happy to help\", \"Glad to\"]},\n"
                                  "  {\"phrase\": \"calm down\"},\n"
                                  "  {\"phrase\": \"Je comprends\", \"suggestions\": []}\n"
                                  "]}\n";

static void parses_json(void **state)
{
    (void)state;
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_phrase_set_parse(custom_json, strlen(custom_json), &set), SVCR_OK);
    assert_int_equal(svcr_phrase_set_count(set), 3);
    svcr_phrase_spec spec = {.size = sizeof spec};
    assert_int_equal(svcr_phrase_set_phrase(set, 0, &spec), SVCR_OK);
    assert_string_equal(spec.phrase, "No problem");
    assert_int_equal(spec.suggestion_count, 2);
    assert_string_equal(spec.suggestions[1], "Glad to");
    assert_int_equal(svcr_phrase_set_phrase(set, 1, &spec), SVCR_OK);
    assert_int_equal(spec.suggestion_count, 0);
    assert_int_equal(svcr_phrase_set_phrase(set, 2, &spec), SVCR_OK);
    assert_string_equal(spec.phrase, "Je comprends");

    const char *text = "Calm down, je comprends. I understand.";
    svcr_phrase_match *m = NULL;
    size_t count = 0;
    assert_int_equal(svcr_test_phrase_check(set, text, strlen(text), &m, &count), SVCR_OK);
    assert_int_equal(count, 2); /* the host's list replaces the defaults */
    assert_int_equal(m[0].phrase_index, 1);
    assert_int_equal(m[1].phrase_index, 2);
    free(m);
    svcr_phrase_set_free(set);

    const char empty[] = "{\"phrases\": []}";
    assert_int_equal(svcr_phrase_set_parse(empty, strlen(empty), &set), SVCR_OK);
    assert_int_equal(svcr_phrase_set_count(set), 0);
    svcr_phrase_set_free(set);
}

static void expect_parse_fails(const char *json, int line, int column, const char *message_part)
{
    svcr_phrase_set *set = (svcr_phrase_set *)0x1;
    assert_int_equal(svcr_phrase_set_parse(json, strlen(json), &set), SVCR_EPARSE);
    assert_ptr_equal(set, (svcr_phrase_set *)0x1);
    if (strstr(svcr_error_message(), message_part) == NULL)
        fail_msg("\"%s\" lacks \"%s\"", svcr_error_message(), message_part);
    assert_int_equal(svcr_error_line(), line);
    if (column > 0)
        assert_int_equal(svcr_error_column(), column);
}

static void json_errors_have_positions(void **state)
{
    (void)state;
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": tru}\n]}", 2, 0, "phrase set JSON: line 2");
    expect_parse_fails("[1]", 1, 1, "expected an object with \"phrases\"");
    expect_parse_fails("{\"phrase\": []}", 1, 12, "/phrase: unknown member \"phrase\"");
    expect_parse_fails("{}", 1, 1, "\"phrases\" must be an array");
    expect_parse_fails("{\n\"phrases\": {}}", 2, 12, "\"phrases\" must be an array");
    expect_parse_fails("{\"phrases\": [\n  \"I understand\"\n]}", 2, 3, "/phrases/0: expected an object");
    expect_parse_fails("{\"phrases\": [\n  {\"suggestions\": []}\n]}", 2, 3, "/phrases/0: \"phrase\" must be a string");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": 5}\n]}", 2, 14, "/phrases/0/phrase: \"phrase\" must be");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": \"a\", \"sugestions\": []}\n]}", 2, 33,
                       "/phrases/0/sugestions: unknown member \"sugestions\"");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": \"a\", \"suggestions\": \"b\"}\n]}", 2, 34,
                       "/phrases/0/suggestions: \"suggestions\" must be an array");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": \"a\", \"suggestions\": [\"b\", 3]}\n]}", 2, 40,
                       "/phrases/0/suggestions/1: a suggestion must be a string");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": \"  \"}\n]}", 2, 14, "/phrases/0/phrase: the phrase is empty");
    expect_parse_fails("{\"phrases\": [\n  {\"phrase\": \"a b\"},\n  {\"phrase\": \"A  B\"}\n]}", 3, 14,
                       "/phrases/1/phrase: phrase \"A  B\" repeats /phrases/0");

    char many[2048] = "{\"phrases\": [{\"phrase\": \"a\", \"suggestions\": [";
    for (int i = 0; i < 65; i++)
        strcat(many, i ? ",\"s\"" : "\"s\"");
    strcat(many, "]}]}");
    expect_parse_fails(many, 1, 0, "at most 64 strings");

    svcr_phrase_set *set;
    assert_int_equal(svcr_phrase_set_parse(NULL, 0, &set), SVCR_EINVAL);
    assert_int_equal(svcr_phrase_set_parse("{}", 2, NULL), SVCR_EINVAL);
}

static void reading_a_set_back(void **state)
{
    (void)state;
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_phrase_set_builtin(&set), SVCR_OK);
    svcr_phrase_spec spec = {sizeof spec, "untouched", NULL, 0};
    assert_int_equal(svcr_phrase_set_phrase(set, 2, &spec), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no phrase at index 2"));
    assert_string_equal(spec.phrase, "untouched");
    assert_int_equal(svcr_phrase_set_phrase(NULL, 0, &spec), SVCR_EINVAL);
    assert_int_equal(svcr_phrase_set_phrase(set, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_phrase_set_count(NULL), 0);
    svcr_phrase_set_free(set);
    svcr_phrase_set_free(NULL);
}

static svcr_status build_default(void *unused)
{
    (void)unused;
    svcr_phrase_set *set = NULL;
    svcr_status status = svcr_phrase_set_builtin(&set);
    svcr_phrase_set_free(set);
    return status;
}

static svcr_status build_from_json(void *unused)
{
    (void)unused;
    svcr_phrase_set *set = NULL;
    svcr_status status = svcr_phrase_set_parse(custom_json, strlen(custom_json), &set);
    svcr_phrase_set_free(set);
    return status;
}

static void survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(build_default, NULL);
    assert_int_equal(points, 2 + 2 * (3 + 3)); /* set, entries; per phrase: folded, copy, array, 3 strings */
    points = test_alloc_exhaust(build_from_json, NULL);
    print_message("phrase set from JSON: %ld allocation points\n", points);
    assert_true(points >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_set_lists_the_default_phrases),
        cmocka_unit_test(host_list_is_copied),
        cmocka_unit_test(empty_set_matches_nothing),
        cmocka_unit_test(host_list_errors),
        cmocka_unit_test(parses_json),
        cmocka_unit_test(json_errors_have_positions),
        cmocka_unit_test(reading_a_set_back),
        cmocka_unit_test(survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
