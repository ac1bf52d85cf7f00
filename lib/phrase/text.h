/* Private: the character rules of the phrase check — UTF-8 decoding, case and apostrophe
 * folding, word and space classes (documented in include/svcrecover/phrase.h). */
#ifndef SVCR_PHRASE_TEXT_H
#define SVCR_PHRASE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at @p text (@p length > 0 bytes available) into *cp. Returns the number of
 * bytes it takes (1 to 4), or 0 when the bytes there are not valid UTF-8. */
size_t svcr__phrase_utf8_decode(const unsigned char *text, size_t length, uint32_t *cp);

/* Check that @p text is valid UTF-8. Returns 1 when it is; otherwise 0, with *bad_offset set to
 * the byte offset of the first invalid sequence. */
int svcr__phrase_utf8_check(const char *text, size_t length, size_t *bad_offset);

/* The code point compared in place of @p cp: lower case, apostrophes as '\''. */
uint32_t svcr__phrase_fold(uint32_t cp);

int svcr__phrase_is_space(uint32_t cp);

/* Whether @p cp continues a word (see phrase.h); spaces and punctuation do not. */
int svcr__phrase_is_word(uint32_t cp);

#endif
