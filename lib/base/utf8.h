/* Private: UTF-8 validation, the one check every text entering the library passes. */
#ifndef SVCR_BASE_UTF8_H
#define SVCR_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h> /* SIZE_MAX */

/* The offset of the first byte of @p text (@p length bytes) that does not begin a valid UTF-8
 * character, or SIZE_MAX when all of it is valid UTF-8. */
size_t svcr__utf8_invalid_at(const char *text, size_t length);

/* The length in bytes of the NUL-terminated @p text when it is valid UTF-8 (no overlong forms,
 * surrogates or values above U+10FFFF), otherwise SIZE_MAX. */
size_t svcr__utf8_length(const char *text);

#endif
