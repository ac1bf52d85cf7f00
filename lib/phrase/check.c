/* Finding a phrase set's phrases in a draft reply. */
#include "phrase/set.h"

#include "base/alloc.h"
#include "base/error.h"
#include "phrase/text.h"
#include "base/sized.h"

/* A position in the draft: byte offset and character count so far. */
typedef struct cursor {
    size_t byte;
    size_t chars;
} cursor;

typedef struct draft {
    const unsigned char *bytes;
    size_t length;
} draft;

/* The folded code point at @p at (which must be before the end of the draft); advances @p at. */
static uint32_t next_cp(const draft *text, cursor *at)
{
    uint32_t cp;
    at->byte += svcr__phrase_utf8_decode(text->bytes + at->byte, text->length - at->byte, &cp);
    at->chars++;
    return svcr__phrase_fold(cp);
}

/* Whether @p entry matches the draft at @p start; if so *end is just past the match. */
static int match_at(const draft *text, cursor start, const phrase_entry *entry, cursor *end)
{
    cursor at = start;
    for (size_t i = 0; i < entry->folded_length; i++) {
        if (at.byte >= text->length)
            return 0;
        uint32_t want = entry->folded[i];
        if (want == ' ') {
            /* One or more whitespace characters. */
            cursor after = at;
            if (!svcr__phrase_is_space(next_cp(text, &after)))
                return 0;
            do {
                at = after;
            } while (at.byte < text->length && svcr__phrase_is_space(next_cp(text, &after)));
        } else if (next_cp(text, &at) != want) {
            return 0;
        }
    }
    /* The match must not end inside a word. */
    if (svcr__phrase_is_word(entry->folded[entry->folded_length - 1]) && at.byte < text->length) {
        cursor peek = at;
        if (svcr__phrase_is_word(next_cp(text, &peek)))
            return 0;
    }
    *end = at;
    return 1;
}

/* Report a match in the caller's @p out (filled as far as its size says). */
static void fill_match(svcr_phrase_match *out, const svcr_phrase_set *set, size_t index, cursor start, cursor end)
{
    const phrase_entry *entry = &set->entries[index];
    svcr_phrase_match full = {
        .start = start.byte,
        .end = end.byte,
        .char_start = start.chars,
        .char_end = end.chars,
        .phrase_index = index,
        .phrase = entry->phrase,
        .suggestions = (const char *const *)entry->suggestions,
        .suggestion_count = entry->suggestion_count,
    };
    SVCR_FILL_SIZED(out, full);
}

svcr_status svcr_phrase_check(const svcr_phrase_set *set, const char *text, size_t length,
                              svcr_phrase_match *const *matches, size_t capacity, size_t *count)
{
    SVCR_REQUIRE_ARG(set);
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(count);
    if (matches == NULL && capacity > 0)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"matches\" is NULL but capacity is %zu", __func__, capacity);
    for (size_t i = 0; i < capacity; i++) {
        if (matches[i] == NULL)
            return svcr__fail(SVCR_EINVAL, "%s: matches[%zu] is NULL", __func__, i);
        if (matches[i]->size < sizeof(size_t))
            return svcr__fail(SVCR_EINVAL, "%s: matches[%zu]->size is %zu; set it to the struct's sizeof",
                              __func__, i, matches[i]->size);
    }
    size_t bad = 0;
    if (!svcr__phrase_utf8_check(text, length, &bad))
        return svcr__fail(SVCR_EINVAL, "phrase check: the text is not valid UTF-8 at byte %zu", bad);

    draft d = {(const unsigned char *)text, length};
    size_t found = 0;
    cursor at = {0, 0};
    uint32_t previous = ' '; /* the folded character before @p at; the start counts as a boundary */
    while (at.byte < length) {
        /* Leftmost-longest: try every phrase here and keep the one that ends furthest. */
        size_t best = 0;
        cursor best_end = at;
        for (size_t i = 0; i < set->count; i++) {
            const phrase_entry *entry = &set->entries[i];
            cursor end;
            if (svcr__phrase_is_word(entry->folded[0]) && svcr__phrase_is_word(previous))
                continue; /* would begin inside a word */
            if (match_at(&d, at, entry, &end) && end.byte > best_end.byte) {
                best = i;
                best_end = end;
            }
        }
        if (best_end.byte > at.byte) {
            if (found < capacity)
                fill_match(matches[found], set, best, at, best_end);
            found++;
            /* The character before the resumed scan is the match's last one. */
            previous = set->entries[best].folded[set->entries[best].folded_length - 1];
            at = best_end;
        } else {
            previous = next_cp(&d, &at);
        }
    }
    *count = found;
    return SVCR_OK;
}
