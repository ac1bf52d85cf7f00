/* The library's one hash function (private): 64-bit FNV-1a, by Fowler, Noll and Vo
 * (http://www.isthe.com/chongo/tech/comp/fnv/), folded to 32 bits for the hash map (hashmap.h).
 *
 * FNV-1a's low bits depend only on the low bits of the input bytes, so the 32-bit form XORs the
 * high half into the low half before a hash map masks it to a slot. */
#ifndef SVCR_BASE_HASH_H
#define SVCR_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a offset basis: where every hash starts. */
#define SVCR__HASH_SEED UINT64_C(0xcbf29ce484222325)

/* Continue the 64-bit FNV-1a @p hash over @p length bytes of @p data (a key made of several
 * parts hashes them one after the other). */
static inline uint64_t svcr__hash_bytes(uint64_t hash, const void *data, size_t length)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ bytes[i]) * UINT64_C(0x100000001b3);
    return hash;
}

/* 64-bit FNV-1a of the NUL-terminated @p text from @p start (a hash so far, or
 * SVCR__HASH_SEED); its length into @p length unless NULL
 * (so a caller that also needs the length walks the text once). */
static inline uint64_t svcr__hash_text(const char *text, uint64_t start, size_t *length)
{
    uint64_t hash = start;
    size_t n = 0;
    for (; text[n] != '\0'; n++)
        hash = (hash ^ (unsigned char)text[n]) * UINT64_C(0x100000001b3);
    if (length != NULL)
        *length = n;
    return hash;
}

/* The 32-bit form of a 64-bit hash, as hash maps take it. */
static inline uint32_t svcr__hash_fold(uint64_t hash)
{
    return (uint32_t)(hash ^ hash >> 32);
}

/* The 32-bit hash of @p length bytes of @p data. */
static inline uint32_t svcr__hash32(const void *data, size_t length)
{
    return svcr__hash_fold(svcr__hash_bytes(SVCR__HASH_SEED, data, length));
}

#endif
