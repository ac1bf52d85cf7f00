/* libFuzzer target: the empathy phrase check and phrase sets from JSON.
 *
 * The input is a draft checked against the default set, and a phrase set in JSON; a set that
 * parses is also checked against the input itself (its own phrases occur in it).
 * - The check succeeds exactly when the draft is valid UTF-8 (an independent validator here).
 * - Matches are in order, do not overlap, lie inside the draft on character boundaries, and their
 *   character offsets count the code points before them.
 * - Round trip: a parsed set read back with svcr_phrase_set_phrase() and rebuilt with
 *   svcr_test_phrase_set_new() has the same phrases and finds the same matches. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>
#include "../support/read_all.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the valid UTF-8 sequence at p (RFC 3629), or 0. */
static size_t utf8_sequence(const uint8_t *p, size_t left)
{
    uint8_t b = p[0];
    if (b < 0x80)
        return 1;
    size_t n;
    uint32_t cp, min;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2, cp = b & 0x1F, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3, cp = b & 0x0F, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4, cp = b & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static bool valid_utf8(const uint8_t *text, size_t size)
{
    for (size_t i = 0; i < size;) {
        size_t n = utf8_sequence(text + i, size - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

static size_t code_points(const uint8_t *text, size_t bytes)
{
    size_t count = 0;
    for (size_t i = 0; i < bytes; i++)
        count += (text[i] & 0xC0) != 0x80;
    return count;
}

/* Check a set against the draft; returns the matches (caller frees) and their count. */
static svcr_phrase_match *check(const svcr_phrase_set *set, const uint8_t *data, size_t size,
                                size_t *count)
{
    svcr_phrase_match *matches = NULL;
    *count = 0;
    svcr_status status = svcr_test_phrase_check(set, (const char *)data, size, &matches, count);
    if ((status == SVCR_OK) != valid_utf8(data, size) || (status != SVCR_OK && status != SVCR_EINVAL))
        abort();
    if (status != SVCR_OK)
        return NULL;
    if ((*count == 0) != (matches == NULL))
        abort();
    size_t previous_end = 0;
    for (size_t i = 0; i < *count; i++) {
        const svcr_phrase_match *m = &matches[i];
        if (m->start < previous_end || m->start >= m->end || m->end > size ||
            (m->start < size && (data[m->start] & 0xC0) == 0x80) ||
            (m->end < size && (data[m->end] & 0xC0) == 0x80) ||
            m->char_start != code_points(data, m->start) || m->char_end != code_points(data, m->end) ||
            m->phrase_index >= svcr_phrase_set_count(set) || m->phrase == NULL)
            abort();
        previous_end = m->end;
    }
    return matches;
}

static void round_trip(const svcr_phrase_set *set, const uint8_t *data, size_t size)
{
    size_t n = svcr_phrase_set_count(set);
    svcr_phrase_spec *specs = calloc(n + 1, sizeof *specs);
    if (specs == NULL)
        abort();
    for (size_t i = 0; i < n; i++) {
        specs[i].size = sizeof specs[i];
        if (svcr_phrase_set_phrase(set, i, &specs[i]) != SVCR_OK || specs[i].phrase == NULL)
            abort();
    }
    svcr_phrase_set *again;
    if (svcr_test_phrase_set_new(specs, n, &again) != SVCR_OK || svcr_phrase_set_count(again) != n)
        abort();
    for (size_t i = 0; i < n; i++) {
        svcr_phrase_spec spec = {.size = sizeof spec};
        if (svcr_phrase_set_phrase(again, i, &spec) != SVCR_OK || strcmp(spec.phrase, specs[i].phrase) != 0 ||
            spec.suggestion_count != specs[i].suggestion_count)
            abort();
        for (size_t j = 0; j < spec.suggestion_count; j++)
            if (strcmp(spec.suggestions[j], specs[i].suggestions[j]) != 0)
                abort();
    }
    size_t count, count_again;
    svcr_phrase_match *matches = check(set, data, size, &count);
    svcr_phrase_match *matches_again = check(again, data, size, &count_again);
    if (count != count_again)
        abort();
    for (size_t i = 0; i < count; i++)
        if (matches[i].start != matches_again[i].start || matches[i].end != matches_again[i].end ||
            matches[i].phrase_index != matches_again[i].phrase_index)
            abort();
    free(matches);
    free(matches_again);
    svcr_phrase_set_free(again);
    free(specs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static svcr_phrase_set *standard;
    if (standard == NULL && svcr_phrase_set_builtin(&standard) != SVCR_OK)
        abort();
    size_t count;
    svcr_free(check(standard, data, size, &count));

    svcr_phrase_set *set;
    if (svcr_phrase_set_parse((const char *)data, size, &set) == SVCR_OK) {
        round_trip(set, data, size);
        svcr_phrase_set_free(set);
    }
    return 0;
}
