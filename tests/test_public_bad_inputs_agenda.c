/* Bad inputs of agenda.h and phrase.h. Rows of docs/bad-inputs.md (tests/bad_inputs_table.py);
 * see bad_inputs.h. The snapshot lists the agenda's entries and the phrase set's phrases, so a
 * refused call must change neither. */
#include "bad_inputs/bad_inputs.h"

#include <inttypes.h>
#include "support/read_all.h"

typedef struct fixture {
    svcr_agenda *agenda;         /* C-1/response 100, C-1/resolution 200, C-2/response 150 */
    svcr_agenda *empty;
    svcr_agenda *full_timers;    /* holds SVCR_AGENDA_MAX_TIMERS timer names */
    svcr_agenda_cursor *stale;   /* over full_timers, made before it changed */
    svcr_agenda_cursor *done;    /* over agenda, nothing due before 0 */
    svcr_phrase_set *phrases;
    /* out-parameters the rows pass: they must stay untouched */
    svcr_agenda *agenda_out;
    svcr_agenda_cursor *cursor_out;
    svcr_agenda_entry entry;
    int64_t due;
    size_t count;
    svcr_phrase_set *set_out;
    svcr_phrase_spec spec;
    svcr_phrase_match *matches;
} fixture;

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL;
    svcr_agenda_cursor *cursor = NULL;
    assert_int_equal(svcr_agenda_cursor_new(f->agenda, INT64_MAX, &cursor), SVCR_OK);
    svcr_agenda_entry e = {.size = sizeof e};
    while (svcr_agenda_cursor_next(cursor, &e) == SVCR_OK)
        bad_append(&text, "%s/%s@%" PRId64 " ", e.case_id, e.timer, e.due);
    svcr_agenda_cursor_free(cursor);
    bad_append(&text, "count %zu full %zu\n", svcr_agenda_count(f->agenda), svcr_agenda_count(f->full_timers));
    for (size_t i = 0; i < svcr_phrase_set_count(f->phrases); i++) {
        svcr_phrase_spec spec = {.size = sizeof spec};
        assert_int_equal(svcr_phrase_set_phrase(f->phrases, i, &spec), SVCR_OK);
        bad_append(&text, "%s(%zu) ", spec.phrase, spec.suggestion_count);
    }
    bad_append(&text, "\noutputs %p %p %p %" PRId64 " %" PRId64 " %zu %p %p %p", (void *)f->agenda_out,
               (void *)f->cursor_out, (const void *)f->entry.case_id, f->entry.due, f->due, f->count,
               (void *)f->set_out, (const void *)f->spec.phrase, (void *)f->matches);
    return text;
}

static int setup(void **state)
{
    static fixture f;
    if (svcr_agenda_new(&f.agenda) != SVCR_OK || svcr_agenda_add(f.agenda, "C-1", "response", 100) != SVCR_OK ||
        svcr_agenda_add(f.agenda, "C-1", "resolution", 200) != SVCR_OK ||
        svcr_agenda_add(f.agenda, "C-2", "response", 150) != SVCR_OK || svcr_agenda_new(&f.full_timers) != SVCR_OK ||
        svcr_agenda_new(&f.empty) != SVCR_OK)
        return -1;
    for (unsigned i = 0; i < SVCR_AGENDA_MAX_TIMERS; i++) {
        char name[16];
        snprintf(name, sizeof name, "t%u", i);
        if (svcr_agenda_add(f.full_timers, "C-1", name, i) != SVCR_OK)
            return -1;
        if (i == 0 && svcr_agenda_cursor_new(f.full_timers, INT64_MAX, &f.stale) != SVCR_OK)
            return -1;
    }
    if (svcr_agenda_cursor_new(f.agenda, 0, &f.done) != SVCR_OK || svcr_phrase_set_builtin(&f.phrases) != SVCR_OK)
        return -1;
    f.entry.size = sizeof f.entry; /* sized out-parameters carry their size, as a caller's would */
    f.spec.size = sizeof f.spec;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_agenda_cursor_free(f->stale);
    svcr_agenda_cursor_free(f->done);
    svcr_agenda_free(f->agenda);
    svcr_agenda_free(f->full_timers);
    svcr_agenda_free(f->empty);
    svcr_phrase_set_free(f->phrases);
    return 0;
}

static void agenda_rows(void **state)
{
    fixture *f = *state;
    svcr_agenda *a = f->agenda;
    BAD("svcr_agenda_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_agenda_new(NULL));
    BAD_IGNORED("svcr_agenda_free", "NULL", svcr_agenda_free(NULL));
    BAD("svcr_agenda_reserve", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_reserve(NULL, 10));
    BAD("svcr_agenda_reserve", "SVCR_AGENDA_MAX_ENTRIES + 1 entries", SVCR_EOVERFLOW, "an agenda holds at most 134217726 entries",
        svcr_agenda_reserve(a, (size_t)SVCR_AGENDA_MAX_ENTRIES + 1));
    BAD("svcr_agenda_add", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_add(NULL, "C-3", "response", 1));
    BAD("svcr_agenda_add", "NULL case_id", SVCR_EINVAL, "\"case_id\" is NULL", svcr_agenda_add(a, NULL, "response", 1));
    BAD("svcr_agenda_add", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL", svcr_agenda_add(a, "C-3", NULL, 1));
    BAD("svcr_agenda_add", "empty case id", SVCR_EINVAL, "the case id is empty", svcr_agenda_add(a, "", "response", 1));
    BAD("svcr_agenda_add", "empty timer name", SVCR_EINVAL, "the timer name is empty", svcr_agenda_add(a, "C-3", "", 1));
    BAD("svcr_agenda_add", "a new timer name beyond SVCR_AGENDA_MAX_TIMERS", SVCR_EOVERFLOW,
        "an agenda holds at most 65535 timer names", svcr_agenda_add(f->full_timers, "C-1", "one-too-many", 1));
    BAD("svcr_agenda_move", "NULL case_id", SVCR_EINVAL, "\"case_id\" is NULL", svcr_agenda_move(a, NULL, "response", 1));
    BAD("svcr_agenda_move", "a key not on the agenda", SVCR_ENOTFOUND, "case \"C-3\" has no timer \"response\" on the agenda",
        svcr_agenda_move(a, "C-3", "response", 1));
    BAD("svcr_agenda_move", "a timer name never added", SVCR_ENOTFOUND, "case \"C-1\" has no timer \"lunch\"",
        svcr_agenda_move(a, "C-1", "lunch", 1));
    BAD("svcr_agenda_remove", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_remove(NULL, "C-1", "response"));
    BAD("svcr_agenda_remove", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL", svcr_agenda_remove(a, "C-1", NULL));
    BAD("svcr_agenda_remove", "a key not on the agenda", SVCR_ENOTFOUND, "case \"C-2\" has no timer \"resolution\"",
        svcr_agenda_remove(a, "C-2", "resolution"));
    BAD("svcr_agenda_remove_case", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL",
        svcr_agenda_remove_case(NULL, "C-1", &f->count));
    BAD("svcr_agenda_remove_case", "NULL case_id", SVCR_EINVAL, "\"case_id\" is NULL",
        svcr_agenda_remove_case(a, NULL, &f->count));
    BAD("svcr_agenda_find", "NULL due", SVCR_EINVAL, "\"due\" is NULL", svcr_agenda_find(a, "C-1", "response", NULL));
    BAD("svcr_agenda_find", "NULL case_id", SVCR_EINVAL, "\"case_id\" is NULL", svcr_agenda_find(a, NULL, "response", &f->due));
    BAD("svcr_agenda_find", "a key not on the agenda", SVCR_ENOTFOUND, "case \"C-9\" has no timer \"response\"",
        svcr_agenda_find(a, "C-9", "response", &f->due));
    BAD_RETURNS("svcr_agenda_count", "NULL agenda", "0", "", svcr_agenda_count(NULL) == 0);
    BAD("svcr_agenda_next", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_next(NULL, &f->entry));
    BAD("svcr_agenda_next", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_agenda_next(a, NULL));
    BAD("svcr_agenda_next", "an empty agenda", SVCR_ENOTFOUND, "the agenda is empty",
        svcr_agenda_next(f->empty, &f->entry));
    BAD("svcr_agenda_count_overdue", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL",
        svcr_agenda_count_overdue(NULL, 0, &f->count));
    BAD("svcr_agenda_count_overdue", "NULL count", SVCR_EINVAL, "\"count\" is NULL", svcr_agenda_count_overdue(a, 0, NULL));
    BAD("svcr_agenda_cursor_new", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL",
        svcr_agenda_cursor_new(NULL, 0, &f->cursor_out));
    BAD("svcr_agenda_cursor_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_agenda_cursor_new(a, 0, NULL));
    BAD("svcr_agenda_cursor_next", "NULL cursor", SVCR_EINVAL, "\"cursor\" is NULL", svcr_agenda_cursor_next(NULL, &f->entry));
    BAD("svcr_agenda_cursor_next", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_agenda_cursor_next(f->done, NULL));
    BAD("svcr_agenda_cursor_next", "no entry due before the cursor's instant", SVCR_ENOTFOUND,
        "no more entries due before 0", svcr_agenda_cursor_next(f->done, &f->entry));
    BAD("svcr_agenda_cursor_next", "the agenda changed since the cursor was made", SVCR_ESTATE,
        "the agenda changed since the cursor was made", svcr_agenda_cursor_next(f->stale, &f->entry));
    BAD_IGNORED("svcr_agenda_cursor_free", "NULL", svcr_agenda_cursor_free(NULL));
}

static void phrase_rows(void **state)
{
    fixture *f = *state;
    const char *empty_phrase = "{\"phrases\": [\n  {\"phrase\": \"  \"}\n]}";
    const char *not_json = "{\"phrases\": [\n  {\"phrase\": tru}\n]}";
    const char *unknown = "{\"phrase\": []}";
    const char *const no_suggestions[] = {NULL};
    const svcr_phrase_spec null_phrase = {sizeof(svcr_phrase_spec), NULL, NULL, 0};
    const svcr_phrase_spec blank = {sizeof(svcr_phrase_spec), " \t", NULL, 0};
    const svcr_phrase_spec a_b = {sizeof(svcr_phrase_spec), "a b", NULL, 0};
    const svcr_phrase_spec a_b_again = {sizeof(svcr_phrase_spec), "A  B", NULL, 0};
    const svcr_phrase_spec bad_utf8 = {sizeof(svcr_phrase_spec), "caf\xe9", NULL, 0};
    const svcr_phrase_spec null_suggestions = {sizeof(svcr_phrase_spec), "sorry", NULL, 2};
    const svcr_phrase_spec null_suggestion = {sizeof(svcr_phrase_spec), "sorry", no_suggestions, 1};
    const svcr_phrase_spec unsized = {0, "sorry", NULL, 0};
    const svcr_phrase_spec *null_phrase_list[] = {&null_phrase}, *blank_list[] = {&blank};
    const svcr_phrase_spec *twice[] = {&a_b, &a_b_again}, *bad_utf8_list[] = {&bad_utf8};
    const svcr_phrase_spec *null_suggestions_list[] = {&null_suggestions}, *null_suggestion_list[] = {&null_suggestion};
    const svcr_phrase_spec *unsized_list[] = {&unsized}, *null_element[] = {&a_b, NULL};
    BAD("svcr_phrase_set_builtin", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_phrase_set_builtin(NULL));
    BAD("svcr_phrase_set_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_phrase_set_new(twice, 1, NULL));
    BAD("svcr_phrase_set_new", "NULL specs with count 2", SVCR_EINVAL, "argument \"specs\" is NULL but count is 2",
        svcr_phrase_set_new(NULL, 2, &f->set_out));
    BAD("svcr_phrase_set_new", "a NULL phrase", SVCR_EINVAL, "specs[0]: phrase is NULL",
        svcr_phrase_set_new(null_phrase_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "a phrase of only whitespace", SVCR_EINVAL, "specs[0]: phrase is empty",
        svcr_phrase_set_new(blank_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "the same phrase twice (\"a b\", \"A  B\")", SVCR_EINVAL, "specs[1]: phrase \"A  B\" repeats specs[0]",
        svcr_phrase_set_new(twice, 2, &f->set_out));
    BAD("svcr_phrase_set_new", "a phrase that is not UTF-8", SVCR_EINVAL, "specs[0]: phrase is not valid UTF-8 at byte 3",
        svcr_phrase_set_new(bad_utf8_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "NULL suggestions with suggestion_count 2", SVCR_EINVAL,
        "specs[0]: suggestions is NULL but suggestion_count is 2", svcr_phrase_set_new(null_suggestions_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "a NULL suggestion", SVCR_EINVAL, "specs[0]: suggestions[0] is NULL",
        svcr_phrase_set_new(null_suggestion_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "a spec with size 0", SVCR_EINVAL, "specs[0]->size is 0",
        svcr_phrase_set_new(unsized_list, 1, &f->set_out));
    BAD("svcr_phrase_set_new", "a NULL entry", SVCR_EINVAL, "specs[1] is NULL",
        svcr_phrase_set_new(null_element, 2, &f->set_out));
    BAD("svcr_phrase_set_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_phrase_set_parse(NULL, 0, &f->set_out));
    BAD("svcr_phrase_set_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_phrase_set_parse(unknown, strlen(unknown), NULL));
    BAD("svcr_phrase_set_parse", "malformed JSON (tru)", SVCR_EPARSE, "phrase set JSON: line 2",
        svcr_phrase_set_parse(not_json, strlen(not_json), &f->set_out));
    BAD("svcr_phrase_set_parse", "an unknown member \"phrase\"", SVCR_EPARSE, "unknown member \"phrase\"",
        svcr_phrase_set_parse(unknown, strlen(unknown), &f->set_out));
    BAD("svcr_phrase_set_parse", "an empty phrase", SVCR_EPARSE, "line 2, column 14: /phrases/0/phrase: the phrase is empty",
        svcr_phrase_set_parse(empty_phrase, strlen(empty_phrase), &f->set_out));
    BAD_IGNORED("svcr_phrase_set_free", "NULL", svcr_phrase_set_free(NULL));
    BAD_RETURNS("svcr_phrase_set_count", "NULL set", "0", "", svcr_phrase_set_count(NULL) == 0);
    BAD("svcr_phrase_set_phrase", "NULL set", SVCR_EINVAL, "\"set\" is NULL", svcr_phrase_set_phrase(NULL, 0, &f->spec));
    BAD("svcr_phrase_set_phrase", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_phrase_set_phrase(f->phrases, 0, NULL));
    BAD("svcr_phrase_set_phrase", "index past the end", SVCR_ENOTFOUND, "phrase set: no phrase at index 999",
        svcr_phrase_set_phrase(f->phrases, 999, &f->spec));
    BAD("svcr_phrase_check", "NULL set", SVCR_EINVAL, "\"set\" is NULL", svcr_phrase_check(NULL, "x", 1, NULL, 0, &f->count));
    BAD("svcr_phrase_check", "NULL text", SVCR_EINVAL, "\"text\" is NULL",
        svcr_phrase_check(f->phrases, NULL, 1, NULL, 0, &f->count));
    BAD("svcr_phrase_check", "NULL matches with capacity 1", SVCR_EINVAL, "\"matches\" is NULL",
        svcr_phrase_check(f->phrases, "x", 1, NULL, 1, &f->count));
    BAD("svcr_phrase_check", "NULL count", SVCR_EINVAL, "\"count\" is NULL",
        svcr_phrase_check(f->phrases, "x", 1, NULL, 0, NULL));
    BAD("svcr_phrase_check", "a draft that is not UTF-8", SVCR_EINVAL, "the text is not valid UTF-8 at byte 4",
        svcr_phrase_check(f->phrases, "I am\xff sorry", 10, NULL, 0, &f->count));
}


/* NULL for each pointer argument not already given NULL above. */
static void null_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_agenda_move", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_move(NULL, "C-1", "response", 1));
    BAD("svcr_agenda_move", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL", svcr_agenda_move(f->agenda, "C-1", NULL, 1));
    BAD("svcr_agenda_remove", "NULL case_id", SVCR_EINVAL, "\"case_id\" is NULL", svcr_agenda_remove(f->agenda, NULL, "response"));
    BAD("svcr_agenda_find", "NULL agenda", SVCR_EINVAL, "\"agenda\" is NULL", svcr_agenda_find(NULL, "C-1", "response", &f->due));
    BAD("svcr_agenda_find", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL", svcr_agenda_find(f->agenda, "C-1", NULL, &f->due));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(agenda_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(phrase_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(null_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
