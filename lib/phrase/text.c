/* UTF-8 decoding and the character classes of the phrase check. */
#include "phrase/text.h"
#include "base/utf8.h"

size_t svcr__phrase_utf8_decode(const unsigned char *text, size_t length, uint32_t *cp)
{
    unsigned char lead = text[0];
    if (lead < 0x80) {
        *cp = lead;
        return 1;
    }
    size_t size;
    uint32_t value, minimum;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, value = lead & 0x1Fu, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, value = lead & 0x0Fu, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, value = lead & 0x07u, minimum = 0x10000;
    } else {
        return 0; /* a continuation byte, or a lead byte that can only start an overlong form */
    }
    if (length < size)
        return 0;
    for (size_t i = 1; i < size; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (text[i] & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *cp = value;
    return size;
}

int svcr__phrase_utf8_check(const char *text, size_t length, size_t *bad_offset)
{
    size_t bad = svcr__utf8_invalid_at(text, length); /* the library's one UTF-8 rule */
    if (bad == SIZE_MAX)
        return 1;
    *bad_offset = bad;
    return 0;
}

uint32_t svcr__phrase_fold(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC)
        return '\'';
    /* Latin-1: À..Þ except the multiplication sign. */
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    /* Latin Extended-A pairs: upper case even below U+0138 and from U+014A, odd in between. */
    if ((cp >= 0x100 && cp <= 0x137 && cp != 0x130 && cp != 0x131) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1u;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return (cp & 1u) ? cp + 1 : cp;
    if (cp == 0x178)
        return 0xFF; /* Ÿ -> ÿ */
    /* Greek capitals Α..Ω (U+03A2 is unassigned) and final sigma. */
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 32;
    if (cp == 0x3C2)
        return 0x3C3;
    /* Cyrillic: Ѐ..Џ and А..Я. */
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    return cp;
}

int svcr__phrase_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
        || cp == 0x205F || cp == 0x3000;
}

int svcr__phrase_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
            || cp == '_';
    if (svcr__phrase_is_space(cp) || cp == 0x02BC)
        return 0;
    if (cp >= 0x2000 && cp <= 0x206F)
        return 0; /* General Punctuation: dashes, quotes, ellipsis, ... */
    return cp != 0xA1 && cp != 0xAB && cp != 0xBB && cp != 0xBF && cp != 0x3001 && cp != 0x3002;
}
