/* The phrase check's character rules: UTF-8 decoding, folding, word and space classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "phrase/text.h"

static void decodes_each_length(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xE2\x80\x99", 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* A sequence cut short by the length given is invalid even if more bytes follow in memory. */
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xE2\x80\x99", 2, &cp), 0);
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xC1\xBF", 2, &cp), 0);
    assert_int_equal(svcr__phrase_utf8_decode((const unsigned char *)"\xEF\xBF\xBF", 3, &cp), 3);
}

static void validates_whole_text(void **state)
{
    (void)state;
    size_t bad = 42;
    assert_true(svcr__phrase_utf8_check("", 0, &bad));
    assert_true(svcr__phrase_utf8_check("h\xC3\xA9llo", 6, &bad));
    assert_int_equal(bad, 42);
    assert_false(svcr__phrase_utf8_check("h\xC3\xA9llo\xC3", 7, &bad));
    assert_int_equal(bad, 6);
}

static void folds_case_and_apostrophes(void **state)
{
    (void)state;
    assert_int_equal(svcr__phrase_fold('Q'), 'q');
    assert_int_equal(svcr__phrase_fold('q'), 'q');
    assert_int_equal(svcr__phrase_fold('@'), '@');
    assert_int_equal(svcr__phrase_fold(0x2019), '\'');
    assert_int_equal(svcr__phrase_fold(0x2018), '\'');
    assert_int_equal(svcr__phrase_fold(0x02BC), '\'');
    assert_int_equal(svcr__phrase_fold(0xC9), 0xE9);   /* É */
    assert_int_equal(svcr__phrase_fold(0xD7), 0xD7);   /* × is not a letter */
    assert_int_equal(svcr__phrase_fold(0xDF), 0xDF);   /* ß has no simple upper case */
    assert_int_equal(svcr__phrase_fold(0x100), 0x101); /* Ā */
    assert_int_equal(svcr__phrase_fold(0x101), 0x101);
    assert_int_equal(svcr__phrase_fold(0x130), 0x130); /* İ is left alone */
    assert_int_equal(svcr__phrase_fold(0x141), 0x142); /* Ł */
    assert_int_equal(svcr__phrase_fold(0x142), 0x142);
    assert_int_equal(svcr__phrase_fold(0x15A), 0x15B); /* Ś */
    assert_int_equal(svcr__phrase_fold(0x178), 0xFF);  /* Ÿ */
    assert_int_equal(svcr__phrase_fold(0x17D), 0x17E); /* Ž */
    assert_int_equal(svcr__phrase_fold(0x393), 0x3B3); /* Γ */
    assert_int_equal(svcr__phrase_fold(0x3C2), 0x3C3); /* ς */
    assert_int_equal(svcr__phrase_fold(0x401), 0x451); /* Ё */
    assert_int_equal(svcr__phrase_fold(0x416), 0x436); /* Ж */
    assert_int_equal(svcr__phrase_fold(0x4E00), 0x4E00);
}

static void classifies_words_and_spaces(void **state)
{
    (void)state;
    assert_true(svcr__phrase_is_word('a'));
    assert_true(svcr__phrase_is_word('Z'));
    assert_true(svcr__phrase_is_word('7'));
    assert_true(svcr__phrase_is_word('_'));
    assert_false(svcr__phrase_is_word('\''));
    assert_false(svcr__phrase_is_word('-'));
    assert_false(svcr__phrase_is_word(0));
    assert_true(svcr__phrase_is_word(0xE9));
    assert_true(svcr__phrase_is_word(0x4E00));
    assert_false(svcr__phrase_is_word(0xA0));
    assert_false(svcr__phrase_is_word(0xAB));
    assert_false(svcr__phrase_is_word(0x2014));
    assert_false(svcr__phrase_is_word(0x3002));
    assert_false(svcr__phrase_is_word(0x02BC));
    assert_true(svcr__phrase_is_space('\n'));
    assert_true(svcr__phrase_is_space(0x3000));
    assert_false(svcr__phrase_is_space('x'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_each_length),
        cmocka_unit_test(validates_whole_text),
        cmocka_unit_test(folds_case_and_apostrophes),
        cmocka_unit_test(classifies_words_and_spaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
