/* Private: UTF-8 validation, the one check every text entering the library passes. */
#ifndef SVCR_BASE_UTF8_H
#define SVCR_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h> /* SIZE_MAX */

/* The length in bytes of the NUL-terminated @p text when it is valid UTF-8 (no overlong forms,
 * surrogates or values above U+10FFFF), otherwise SIZE_MAX. */
size_t svcr__utf8_length(const char *text);

#endif
