/* Private: name -> index lookup for a fixed list of names (states, events, roles, facts, timers).
 *
 * An open-addressing hash table of indexes into the caller's name array: one hash of the name
 * and, on a hit, one compare against a name of the same length. It sits on the hot path of
 * svcr_case_apply(), hence inline, and works eight bytes at a time: names are short, and byte-wise
 * hashing and strcmp() calls were most of an event lookup. */
#ifndef SVCR_WORKFLOW_NAMES_H
#define SVCR_WORKFLOW_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "workflow/arena.h"

typedef struct svcr__name_index {
    uint32_t mask;     /* slot count - 1; the slot count is a power of two above twice the names */
    uint32_t *slots;   /* index + 1 of the name hashed there; 0 = empty */
    size_t *lengths;   /* [index]: the name's length */
} svcr__name_index;

/* Mix one 64-bit word into the hash (a multiply-xorshift step). */
static inline uint64_t svcr__name_mix(uint64_t hash, uint64_t word)
{
    hash = (hash ^ word) * UINT64_C(0x9E3779B97F4A7C15);
    return hash ^ (hash >> 29);
}

/* Every byte counts; a tail is read as the name's last eight bytes. */
static inline uint32_t svcr__name_hash(const char *name, size_t length)
{
    uint64_t hash = length, word = 0;
    if (length < 8) {
        for (size_t i = 0; i < length; i++)
            word |= (uint64_t)(unsigned char)name[i] << (8 * i);
        return (uint32_t)(svcr__name_mix(hash, word) >> 32);
    }
    for (size_t i = 0; i + 8 <= length; i += 8) {
        memcpy(&word, name + i, 8);
        hash = svcr__name_mix(hash, word);
    }
    if (length % 8 != 0) {
        memcpy(&word, name + length - 8, 8);
        hash = svcr__name_mix(hash, word);
    }
    return (uint32_t)(hash >> 32);
}

/* Are the first @p length bytes of @p a and @p b equal? */
static inline bool svcr__name_same(const char *a, const char *b, size_t length)
{
    uint64_t x, y;
    if (length < 8) {
        for (size_t i = 0; i < length; i++)
            if (a[i] != b[i])
                return false;
        return true;
    }
    for (size_t i = 0; i + 8 <= length; i += 8) {
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    memcpy(&x, a + length - 8, 8);
    memcpy(&y, b + length - 8, 8);
    return x == y;
}

/* Make an empty index with room for @p capacity names, from @p arena. Returns 0, or -1 on
 * allocation failure. */
int svcr__name_index_init(svcr__name_index *index, svcr__arena *arena, size_t capacity);

/* Add names[i] (the index holds fewer than its capacity). When an equal name is indexed already,
 * nothing is added and its index is returned (a duplicate); otherwise -1. */
long svcr__name_index_add(svcr__name_index *index, const char *const *names, size_t i);

/* The index of @p name in @p names, or -1. */
static inline long svcr__name_index_find(const svcr__name_index *index, const char *const *names,
                                         const char *name)
{
    size_t length = strlen(name);
    for (uint32_t slot = svcr__name_hash(name, length) & index->mask;; slot = (slot + 1) & index->mask) {
        uint32_t entry = index->slots[slot];
        if (entry == 0)
            return -1;
        if (index->lengths[entry - 1] == length && svcr__name_same(names[entry - 1], name, length))
            return (long)entry - 1;
    }
}

#endif
