/* FNV-1a string hashing shared by the modules' hash tables (private to the library). */
#ifndef SVCR_BASE_HASH_H
#define SVCR_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a offset basis: the usual seed of svcr__hash_text(). */
#define SVCR__HASH_SEED UINT64_C(0xcbf29ce484222325)

/* 64-bit FNV-1a of the NUL-terminated @p text from @p seed; its length into @p length unless NULL
 * (so a caller that also needs the length walks the text once). */
static inline uint64_t svcr__hash_text(const char *text, uint64_t seed, size_t *length)
{
    uint64_t hash = seed;
    size_t n = 0;
    for (; text[n] != '\0'; n++)
        hash = (hash ^ (unsigned char)text[n]) * UINT64_C(0x100000001b3);
    if (length != NULL)
        *length = n;
    return hash;
}

#endif
