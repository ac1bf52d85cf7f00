/* svcr-desk check-reply TEXT [--phrases FILE]
 *
 * The empathy phrase check on an agent's draft reply: finds phrases that make an upset customer
 * feel worse ("I understand", "I know how you feel": nobody can know how someone else feels) and
 * suggests what to say instead. --phrases takes a host's own list as JSON. Needs no database. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load_phrases(const char *file, svcr_phrase_set **out)
{
    if (file == NULL)
        return svcr_phrase_set_builtin(out) == SVCR_OK ? DESK_OK : desk_library_error("check-reply");
    char *text;
    size_t length;
    int rc = desk_read_file(file, "check-reply", &text, &length);
    if (rc != DESK_OK)
        return rc;
    if (svcr_phrase_set_parse(text, length, out) != SVCR_OK)
        rc = desk_bad_input("check-reply: %s: %s", file, svcr_error_message());
    free(text);
    return rc;
}

static void print_matches(const desk *d, const char *text, const svcr_phrase_match *matches,
                          size_t count)
{
    if (count == 0) {
        desk_printf(d, "no discouraged phrases\n");
        return;
    }
    desk_printf(d, "%zu discouraged phrase%s:\n", count, count == 1 ? "" : "s");
    bool control = false; /* shown escaped (\x09), so the underline would not line up */
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        control = control || *p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f);
    if (!control) {
        /* Underline the matches under the draft (by character, so UTF-8 lines up). */
        desk_printf(d, "  %s\n  ", text);
        size_t column = 0;
        for (size_t i = 0; i < count; i++) {
            for (; column < matches[i].char_start; column++)
                desk_printf(d, " ");
            for (; column < matches[i].char_end; column++)
                desk_printf(d, "^");
        }
        desk_printf(d, "\n");
    }
    for (size_t i = 0; i < count; i++) {
        const svcr_phrase_match *m = &matches[i];
        desk_printf(d, "  \"%.*s\" (characters %zu-%zu, like \"%s\")\n", (int)(m->end - m->start),
                    text + m->start, m->char_start + 1, m->char_end, m->phrase);
        for (size_t s = 0; s < m->suggestion_count; s++)
            desk_printf(d, "      %s \"%s\"\n", s == 0 ? "try" : " or", m->suggestions[s]);
    }
}

static json_t *matches_json(const char *text, const svcr_phrase_match *matches, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++) {
        const svcr_phrase_match *m = &matches[i];
        json_t *suggestions = json_array();
        for (size_t s = 0; s < m->suggestion_count; s++)
            json_array_append_new(suggestions, json_string(m->suggestions[s]));
        json_array_append_new(list, json_pack("{ssss#sIsIsIsIso}", "phrase", m->phrase, "text",
                                              text + m->start, (int)(m->end - m->start), "start",
                                              (json_int_t)m->start, "end", (json_int_t)m->end,
                                              "char_start", (json_int_t)m->char_start, "char_end",
                                              (json_int_t)m->char_end, "suggestions", suggestions));
    }
    return json_pack("{sIso}", "found", (json_int_t)count, "matches", list);
}

int desk_cmd_check_reply(desk *d, int argc, char **argv)
{
    const char *text = NULL, *phrases = NULL;
    for (int i = 0; i < argc; i++) {
        int m = desk_option(argc, argv, &i, "--phrases", &phrases);
        if (m < 0)
            return DESK_BAD_INPUT;
        if (m == 0 && text != NULL)
            return desk_bad_input("check-reply: give the draft as one argument (quote it)");
        if (m == 0 && desk_check_text(argv[i], "check-reply: the draft") != DESK_OK)
            return DESK_BAD_INPUT;
        if (m == 0)
            text = argv[i];
    }
    if (text == NULL)
        return desk_bad_input("check-reply: usage: check-reply TEXT [--phrases FILE]");
    svcr_phrase_set *set;
    int rc = load_phrases(phrases, &set);
    if (rc != DESK_OK)
        return rc;
    /* Count the matches, then read them into structs of our own (each with its size). */
    svcr_phrase_match *matches = NULL;
    svcr_phrase_match **pointers = NULL;
    size_t count = 0;
    if (svcr_phrase_check(set, text, strlen(text), NULL, 0, &count) != SVCR_OK)
        rc = desk_library_error("check-reply");
    if (rc == DESK_OK && count > 0) {
        matches = calloc(count, sizeof *matches);
        pointers = calloc(count, sizeof *pointers);
        if (matches == NULL || pointers == NULL)
            rc = desk_failure("check-reply: out of memory");
        for (size_t i = 0; rc == DESK_OK && i < count; i++) {
            matches[i].size = sizeof matches[i];
            pointers[i] = &matches[i];
        }
        if (rc == DESK_OK && svcr_phrase_check(set, text, strlen(text), pointers, count, &count) != SVCR_OK)
            rc = desk_library_error("check-reply");
    }
    if (rc == DESK_OK && d->json)
        desk_print_json(d, matches_json(text, matches, count));
    else if (rc == DESK_OK)
        print_matches(d, text, matches, count);
    free(matches);
    free(pointers);
    svcr_phrase_set_free(set);
    return rc;
}
