/* svcr_phrase_check(): spans, case, word boundaries, whitespace, apostrophes, UTF-8, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"
#include "support/read_all.h"

static int setup_default(void **state)
{
    svcr_phrase_set *set = NULL;
    if (svcr_phrase_set_builtin(&set) != SVCR_OK)
        return -1;
    *state = set;
    return 0;
}

static int teardown_set(void **state)
{
    svcr_phrase_set_free(*state);
    return 0;
}

/* Check @p text and return the number of matches; *out gets the array (free with svcr_free). */
static size_t check(const svcr_phrase_set *set, const char *text, svcr_phrase_match **out)
{
    svcr_phrase_match *matches = NULL;
    size_t count = 99;
    assert_int_equal(svcr_test_phrase_check(set, text, strlen(text), &matches, &count), SVCR_OK);
    if (count == 0)
        assert_null(matches);
    *out = matches;
    return count;
}

static size_t count_in(const svcr_phrase_set *set, const char *text)
{
    svcr_phrase_match *matches;
    size_t count = check(set, text, &matches);
    free(matches);
    return count;
}

static void reports_spans_phrases_and_suggestions(void **state)
{
    const svcr_phrase_set *set = *state;
    const char *text = "Hello. I understand, and I know how you feel.";
    svcr_phrase_match *m;
    assert_int_equal(check(set, text, &m), 2);
    assert_int_equal(m[0].start, 7);
    assert_int_equal(m[0].end, 19);
    assert_int_equal(m[0].char_start, 7);
    assert_int_equal(m[0].char_end, 19);
    assert_int_equal(m[0].phrase_index, 0);
    assert_string_equal(m[0].phrase, "I understand");
    assert_int_equal(m[0].suggestion_count, 3);
    assert_string_equal(m[0].suggestions[0], "I can only imagine how you feel");
    assert_string_equal(m[0].suggestions[1], "That's got to be so frustrating");
    assert_string_equal(m[0].suggestions[2], "What an unfortunate situation");
    assert_int_equal(m[1].start, 25);
    assert_int_equal(m[1].end, 44);
    assert_memory_equal(text + m[1].start, "I know how you feel", 19);
    assert_string_equal(m[1].phrase, "I know how you feel");
    assert_int_equal(m[1].phrase_index, 1);
    free(m);
}

static void nothing_found_gives_null_and_zero(void **state)
{
    const svcr_phrase_set *set = *state;
    assert_int_equal(count_in(set, ""), 0);
    assert_int_equal(count_in(set, "I'm sorry, that should not have happened."), 0);
    assert_int_equal(count_in(set, "I don't understand"), 0);
}

static void ignores_case(void **state)
{
    const svcr_phrase_set *set = *state;
    assert_int_equal(count_in(set, "i understand"), 1);
    assert_int_equal(count_in(set, "I UNDERSTAND!"), 1);
    assert_int_equal(count_in(set, "i KnOw HoW yOu FeEl"), 1);
}

static void matches_only_whole_words(void **state)
{
    const svcr_phrase_set *set = *state;
    /* Decided: a match may neither begin nor end inside a word. */
    assert_int_equal(count_in(set, "I understanding"), 0);
    assert_int_equal(count_in(set, "I understands"), 0);
    assert_int_equal(count_in(set, "AI understand"), 0);
    assert_int_equal(count_in(set, "I understand_"), 0);
    assert_int_equal(count_in(set, "I understand2"), 0);
    assert_int_equal(count_in(set, "HI understand"), 0);
    /* Punctuation, quotes and the ends of the text are boundaries. */
    assert_int_equal(count_in(set, "I understand"), 1);
    assert_int_equal(count_in(set, "(I understand)"), 1);
    assert_int_equal(count_in(set, "\"I understand\""), 1);
    assert_int_equal(count_in(set, "Yes-I understand-really"), 1);
    assert_int_equal(count_in(set, "I understand's"), 1);
    assert_int_equal(count_in(set, "«I understand»"), 1);
    assert_int_equal(count_in(set, "—I understand…"), 1);
}

static void non_ascii_letters_are_word_characters(void **state)
{
    const svcr_phrase_set *set = *state;
    assert_int_equal(count_in(set, "I understandé"), 0);
    assert_int_equal(count_in(set, "éI understand"), 0);
    assert_int_equal(count_in(set, "I understandж"), 0);
    assert_int_equal(count_in(set, "日I understand"), 0);
    /* Ideographic full stop and no-break space are not. */
    assert_int_equal(count_in(set, "I understand。"), 1);
    assert_int_equal(count_in(set, "\xC2\xA0I understand"), 1);
}

static void whitespace_runs_match_one_space(void **state)
{
    const svcr_phrase_set *set = *state;
    svcr_phrase_match *m;
    const char *text = "I\n\t understand";
    assert_int_equal(check(set, text, &m), 1);
    assert_int_equal(m[0].start, 0);
    assert_int_equal(m[0].end, strlen(text));
    free(m);
    assert_int_equal(count_in(set, "I\xC2\xA0understand"), 1);          /* no-break space */
    assert_int_equal(count_in(set, "I\xE2\x80\x83understand"), 1);      /* em space */
    assert_int_equal(count_in(set, "Iunderstand"), 0);
    assert_int_equal(count_in(set, "I, understand"), 0);
}

static void utf8_spans_count_bytes_and_characters(void **state)
{
    const svcr_phrase_set *set = *state;
    /* "Désolé — i understand" : é is 2 bytes, the em dash 3. */
    const char *text = "D\xC3\xA9sol\xC3\xA9 \xE2\x80\x94 i understand";
    svcr_phrase_match *m;
    assert_int_equal(check(set, text, &m), 1);
    assert_int_equal(m[0].start, 13);
    assert_int_equal(m[0].end, 25);
    assert_int_equal(m[0].char_start, 9);
    assert_int_equal(m[0].char_end, 21);
    free(m);
}

static void curly_apostrophes_match_straight_ones(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    svcr_phrase_spec specs[] = {{sizeof(svcr_phrase_spec), "it's not my fault", none, 0}, {sizeof(svcr_phrase_spec), "I don’t know", none, 0}};
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(specs, 2, &set), SVCR_OK);
    const char *text = "It\xE2\x80\x99s not my fault. I don't know.";
    svcr_phrase_match *m;
    assert_int_equal(check(set, text, &m), 2);
    assert_int_equal(m[0].start, 0);
    assert_int_equal(m[0].end, 19); /* 17 characters, the apostrophe being 3 bytes */
    assert_int_equal(m[0].char_end, 17);
    assert_int_equal(m[1].phrase_index, 1);
    assert_int_equal(m[1].start, 21);
    assert_int_equal(m[1].end, 33);
    free(m);
    assert_int_equal(count_in(set, "it\xE2\x80\x98s not my fault"), 1); /* ‘ */
    assert_int_equal(count_in(set, "it\xCA\xBCs not my fault"), 1);     /* ʼ */
    assert_int_equal(count_in(set, "its not my fault"), 0);
    svcr_phrase_set_free(set);
}

static void non_ascii_case_folds(void **state)
{
    (void)state;
    svcr_phrase_spec specs[] = {{sizeof(svcr_phrase_spec), "Ich weiß, wie Sie sich fühlen", NULL, 0}, {sizeof(svcr_phrase_spec), "понимаю", NULL, 0}};
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(specs, 2, &set), SVCR_OK);
    assert_int_equal(count_in(set, "ICH WEIß, WIE SIE SICH FÜHLEN"), 1);
    assert_int_equal(count_in(set, "Я ПОНИМАЮ."), 1);
    assert_int_equal(count_in(set, "понимаючи"), 0);
    svcr_phrase_set_free(set);
}

static void longest_match_wins_and_matches_do_not_overlap(void **state)
{
    (void)state;
    svcr_phrase_spec specs[] = {{sizeof(svcr_phrase_spec), "I know", NULL, 0}, {sizeof(svcr_phrase_spec), "I know how you feel", NULL, 0}, {sizeof(svcr_phrase_spec), "how you", NULL, 0},
                                {sizeof(svcr_phrase_spec), "feel I know", NULL, 0}};
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(specs, 4, &set), SVCR_OK);
    svcr_phrase_match *m;
    assert_int_equal(check(set, "I know how you feel I know", &m), 2);
    assert_int_equal(m[0].phrase_index, 1);
    assert_int_equal(m[0].end, 19);
    /* "feel I know" overlaps the first match; the scan resumes after it. */
    assert_int_equal(m[1].phrase_index, 0);
    assert_int_equal(m[1].start, 20);
    free(m);
    assert_int_equal(check(set, "I know how they feel", &m), 1);
    assert_int_equal(m[0].phrase_index, 0);
    assert_int_equal(m[0].end, 6);
    free(m);
    svcr_phrase_set_free(set);
}

static void phrases_beginning_with_punctuation_need_no_boundary(void **state)
{
    (void)state;
    svcr_phrase_spec specs[] = {{sizeof(svcr_phrase_spec), "!!!", NULL, 0}, {sizeof(svcr_phrase_spec), "calm down!", NULL, 0}};
    svcr_phrase_set *set = NULL;
    assert_int_equal(svcr_test_phrase_set_new(specs, 2, &set), SVCR_OK);
    svcr_phrase_match *m;
    assert_int_equal(check(set, "Stop!!!! Calm down!x", &m), 2);
    assert_int_equal(m[0].start, 4);
    assert_int_equal(m[0].end, 7);
    assert_int_equal(m[1].start, 9);
    assert_int_equal(m[1].end, 19);
    free(m);
    svcr_phrase_set_free(set);
}

static void many_matches_and_nul_bytes(void **state)
{
    const svcr_phrase_set *set = *state;
    char text[1300];
    size_t length = 0;
    for (int i = 0; i < 100; i++) {
        memcpy(text + length, "I understand\0", 13);
        length += 13;
    }
    svcr_phrase_match *m = NULL;
    size_t count = 0;
    assert_int_equal(svcr_test_phrase_check(set, text, length, &m, &count), SVCR_OK);
    assert_int_equal(count, 100);
    assert_int_equal(m[99].start, 99 * 13);
    assert_int_equal(m[99].end, 99 * 13 + 12);
    free(m);
}

static void invalid_utf8_is_rejected_with_its_offset(void **state)
{
    const svcr_phrase_set *set = *state;
    static const struct {
        const char *text;
        size_t bad;
    } cases[] = {
        {"I understand \xFF", 13},              /* never a UTF-8 byte */
        {"ok \x80", 3},                         /* stray continuation byte */
        {"\xC3", 0},                            /* truncated two-byte sequence */
        {"ab\xE2\x80", 2},                      /* truncated three-byte sequence */
        {"ab\xE2\x28\xA1", 2},                  /* bad continuation */
        {"\xC0\xAF", 0},                        /* overlong '/' */
        {"x\xE0\x80\xAF", 1},                   /* overlong, three bytes */
        {"xy\xF0\x82\x82\xAC", 2},              /* overlong, four bytes */
        {"\xED\xA0\x80", 0},                    /* UTF-16 surrogate */
        {"I understand\xF4\x90\x80\x80", 12},   /* above U+10FFFF */
        {"\xF5\x80\x80\x80", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_phrase_match *m = (svcr_phrase_match *)0x1;
        size_t count = 7;
        assert_int_equal(svcr_test_phrase_check(set, cases[i].text, strlen(cases[i].text), &m, &count), SVCR_EINVAL);
        assert_ptr_equal(m, (svcr_phrase_match *)0x1);
        assert_int_equal(count, 7);
        char want[64];
        snprintf(want, sizeof want, "not valid UTF-8 at byte %zu", cases[i].bad);
        if (strstr(svcr_error_message(), want) == NULL)
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, svcr_error_message(), want);
    }
    /* The largest code points and 4-byte characters are fine. */
    assert_int_equal(count_in(set, "\xF4\x8F\xBF\xBF \xF0\x9F\x98\x80 I understand"), 1);
}

static void null_arguments(void **state)
{
    const svcr_phrase_set *set = *state;
    size_t count;
    assert_int_equal(svcr_phrase_check(NULL, "x", 1, NULL, 0, &count), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"set\""));
    assert_int_equal(svcr_phrase_check(set, NULL, 1, NULL, 0, &count), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"text\""));
    assert_int_equal(svcr_phrase_check(set, "x", 1, NULL, 1, &count), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"matches\""));
    svcr_phrase_match unsized = {.size = 0};
    svcr_phrase_match *bad[] = {&unsized};
    assert_int_equal(svcr_phrase_check(set, "x", 1, bad, 1, &count), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "matches[0]->size is 0"));
    assert_int_equal(svcr_phrase_check(set, "x", 1, NULL, 0, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"count\""));
}

static svcr_status check_scenario(void *unused)
{
    (void)unused;
    svcr_phrase_set *set = NULL;
    svcr_status status = svcr_phrase_set_builtin(&set);
    if (status != SVCR_OK)
        return status;
    /* Enough matches to make the result array grow more than once. */
    const char *text = "I understand. I understand. I know how you feel. I understand. I understand. "
                       "I understand. I understand. I understand. I understand. I understand.";
    svcr_phrase_match *m = NULL;
    size_t count = 0;
    status = svcr_test_phrase_check(set, text, strlen(text), &m, &count);
    if (status == SVCR_OK && count != 10)
        status = SVCR_EINVAL;
    free(m);
    svcr_phrase_set_free(set);
    return status;
}

static void survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(check_scenario, NULL);
    print_message("default set + check: %ld allocation points\n", points);
    assert_true(points >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reports_spans_phrases_and_suggestions),
        cmocka_unit_test(nothing_found_gives_null_and_zero),
        cmocka_unit_test(ignores_case),
        cmocka_unit_test(matches_only_whole_words),
        cmocka_unit_test(non_ascii_letters_are_word_characters),
        cmocka_unit_test(whitespace_runs_match_one_space),
        cmocka_unit_test(utf8_spans_count_bytes_and_characters),
        cmocka_unit_test(curly_apostrophes_match_straight_ones),
        cmocka_unit_test(non_ascii_case_folds),
        cmocka_unit_test(longest_match_wins_and_matches_do_not_overlap),
        cmocka_unit_test(phrases_beginning_with_punctuation_need_no_boundary),
        cmocka_unit_test(many_matches_and_nul_bytes),
        cmocka_unit_test(invalid_utf8_is_rejected_with_its_offset),
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup_default, teardown_set);
}
