/* UTF-8 validation (RFC 3629): the rule jansson applies when it encodes, checked on entry so
 * that no text is accepted and then dropped on output. */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

size_t svcr__utf8_invalid_at(const char *text, size_t length)
{
    /* ASCII eight bytes at a time, then byte by byte from the first byte above 0x7F. */
    size_t i = 0;
    for (uint64_t word; i + 8 <= length; i += 8) {
        memcpy(&word, text + i, 8);
        if (word & UINT64_C(0x8080808080808080))
            break;
    }
    const unsigned char *p = (const unsigned char *)text;
    while (i < length) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t code;
        if ((p[i] & 0xE0) == 0xC0) {
            n = 2;
            code = p[i] & 0x1F;
        } else if ((p[i] & 0xF0) == 0xE0) {
            n = 3;
            code = p[i] & 0x0F;
        } else if ((p[i] & 0xF8) == 0xF0) {
            n = 4;
            code = p[i] & 0x07;
        } else {
            return i;
        }
        if (length - i < n)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (p[i + k] & 0x3F);
        }
        static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += n;
    }
    return SIZE_MAX;
}

size_t svcr__utf8_length(const char *text)
{
    size_t length = strlen(text);
    return svcr__utf8_invalid_at(text, length) == SIZE_MAX ? length : SIZE_MAX;
}
