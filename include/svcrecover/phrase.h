/**
 * @file svcrecover/phrase.h
 * The empathy phrase check: find discouraged phrases in an agent's draft reply.
 *
 * Service-recovery guidance for the "listen and empathize" step advises agents to avoid phrases
 * such as "I understand" and "I know how you feel" — nobody can know how someone else feels — and
 * to say instead "I can only imagine how you feel", "That's got to be so frustrating" or "What an
 * unfortunate situation". A *phrase set* holds the discouraged phrases, each with its suggested
 * alternatives; svcr_phrase_check() finds them in a draft and reports byte spans.
 *
 * How text is matched (the same rules apply to the phrases of the set and to the draft):
 * - **Case-insensitive**: ASCII letters, and the upper/lower-case pairs of Latin-1, Latin
 *   Extended-A, Greek and Cyrillic, compare equal (simple one-to-one folding; no locale).
 * - **Apostrophes**: the curly apostrophe ’ (U+2019), ‘ (U+2018) and ʼ (U+02BC) compare equal to
 *   the ASCII apostrophe ', so "That’s" matches the phrase "That's".
 * - **Whitespace**: a space in a phrase matches any run of whitespace in the draft (spaces, tabs,
 *   line breaks, no-break and other Unicode spaces). Phrases are trimmed and their inner whitespace
 *   collapsed when the set is built.
 * - **Word boundaries**: a match neither begins nor ends inside a word. Word characters are ASCII
 *   letters, digits and '_' and every non-ASCII character except Unicode spaces and punctuation
 *   (General Punctuation U+2000–U+206F, ¡ « » ¿, and the ideographic space, comma and full stop).
 *   So "I understanding" and "AI understand" do **not** match "I understand", while "I understand."
 *   and "(I understand)" do, and "I understandé" does not (é is a letter).
 * - Matches are reported leftmost first; where several phrases match at the same place the longest
 *   wins; matches never overlap (scanning resumes after the end of a match).
 * - Text is UTF-8; a match never splits a multi-byte character. Invalid UTF-8 (a bad lead or
 *   continuation byte, a truncated, overlong or surrogate sequence, a code point above U+10FFFF) is
 *   rejected with ::SVCR_EINVAL and the message names the byte offset.
 *
 * A phrase set is immutable once built and may be shared between threads.
 */
#ifndef SVCRECOVER_PHRASE_H
#define SVCRECOVER_PHRASE_H

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable set of discouraged phrases with their suggested alternatives. */
typedef struct svcr_phrase_set svcr_phrase_set;

/**
 * One discouraged phrase and its alternatives, as given to svcr_phrase_set_new() and read back
 * by svcr_phrase_set_phrase(). Set @c size to `sizeof(svcr_phrase_spec)`.
 */
typedef struct svcr_phrase_spec {
    size_t size;                     /**< Set by the caller: `sizeof(svcr_phrase_spec)`. */
    const char *phrase;              /**< The phrase, UTF-8, e.g. "I understand"; not NULL. */
    const char *const *suggestions;  /**< Alternatives to offer, UTF-8; NULL when the count is 0. */
    size_t suggestion_count;         /**< Number of entries in @c suggestions. */
} svcr_phrase_spec;

/**
 * One discouraged phrase found in a draft, as filled by svcr_phrase_check(). Set @c size to
 * `sizeof(svcr_phrase_match)` before the call.
 *
 * The pointers point into the phrase set and stay valid as long as the set does.
 */
typedef struct svcr_phrase_match {
    size_t size;                     /**< Set by the caller: `sizeof(svcr_phrase_match)`. */
    size_t start;                    /**< Byte offset of the match's first byte in the draft. */
    size_t end;                      /**< Byte offset one past the match's last byte. */
    size_t char_start;               /**< The same start counted in characters (code points). */
    size_t char_end;                 /**< The same end counted in characters (code points). */
    size_t phrase_index;             /**< Index of the matched phrase in the set. */
    const char *phrase;              /**< The phrase as listed in the set, e.g. "I understand". */
    const char *const *suggestions;  /**< The phrase's suggested alternatives (may be empty). */
    size_t suggestion_count;         /**< Number of entries in @c suggestions. */
} svcr_phrase_match;

/**
 * Build the built-in phrase set: "I understand" and "I know how you feel", each with
 * the suggestions "I can only imagine how you feel", "That's got to be so frustrating" and "What
 * an unfortunate situation".
 *
 * @param out receives the new set, to be released with svcr_phrase_set_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_phrase_set_builtin(svcr_phrase_set **out);

/**
 * Build a phrase set from a host's own list.
 *
 * Every phrase must contain a non-space character, and no two phrases may be equal under the
 * matching rules (case, apostrophes and whitespace folded). The strings are copied.
 *
 * @param specs pointers to the phrases, each with its @c size set; may be NULL only when @p count
 *              is 0 (an empty set matches nothing)
 * @param count the number of entries in @p specs
 * @param out   receives the new set, to be released with svcr_phrase_set_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, pointer or string (the message names the
 *         entry), a @c size of 0, a phrase that is empty or only whitespace, text that is not valid
 *         UTF-8 (the message gives the byte offset) or a duplicate phrase; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_phrase_set_new(const svcr_phrase_spec *const *specs, size_t count,
                                            svcr_phrase_set **out);

/**
 * Build a phrase set from JSON text.
 *
 * The document is an object with one member, `phrases`: an array of objects, each with a string
 * `phrase` and an optional array of strings `suggestions`, e.g.
 * `{"phrases": [{"phrase": "I understand", "suggestions": ["What an unfortunate situation"]}]}`.
 * Unknown members are errors, so a misspelt key is not silently ignored.
 *
 * @param json   the JSON text, UTF-8; not NULL
 * @param length the length of @p json in bytes
 * @param out    receives the new set, to be released with svcr_phrase_set_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for malformed JSON, a
 *         missing or mistyped member, an unknown member, an empty or duplicate phrase (the message
 *         and svcr_error_line() / svcr_error_column() give the position); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_phrase_set_parse(const char *json, size_t length,
                                              svcr_phrase_set **out);

/**
 * Release a phrase set.
 *
 * @param set the set, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_phrase_set_free(svcr_phrase_set *set);

/**
 * The number of phrases in a set.
 *
 * @param set the set; not NULL
 * @return the number of phrases (0 for NULL)
 */
SVCR_EXTERN size_t svcr_phrase_set_count(const svcr_phrase_set *set);

/**
 * Read one phrase of a set, e.g. to show the list in a settings screen.
 *
 * @param set   the set; not NULL
 * @param index 0 to svcr_phrase_set_count() - 1
 * @param out   receives the phrase and its suggestions, pointing into the set (valid as long as
 *              the set); not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if
 *         @p index is out of
 *         range
 */
SVCR_EXTERN svcr_status svcr_phrase_set_phrase(const svcr_phrase_set *set, size_t index,
                                               svcr_phrase_spec *out);

/**
 * Find the set's phrases in a draft reply.
 *
 * See the file description for the matching rules. The matches are written, in text order, to
 * the caller's structs that @p matches points to, up to @p capacity of them; @p count receives
 * the number found, which may exceed @p capacity (call again with more room to read them all).
 * Nothing is allocated.
 *
 * @param set      the phrases to look for; not NULL
 * @param text     the draft, UTF-8; may contain NUL bytes (they separate words); not NULL
 * @param length   the length of @p text in bytes
 * @param matches  @p capacity pointers to structs with @c size set; may be NULL when @p capacity
 *                 is 0
 * @param capacity the number of entries in @p matches
 * @param count    receives the number of matches; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or element, a @c size of 0, or text that is
 *         not valid UTF-8 (the message gives the byte offset). On failure the outputs are
 *         untouched.
 */
SVCR_EXTERN svcr_status svcr_phrase_check(const svcr_phrase_set *set, const char *text, size_t length,
                                          svcr_phrase_match *const *matches, size_t capacity,
                                          size_t *count);

#ifdef __cplusplus
}
#endif

#endif
