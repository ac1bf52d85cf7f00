/* The library's one hash map (private): open addressing with linear probing over a power-of-two
 * array of slots, at most three quarters full, with backward-shift deletion (so no tombstones). A
 * slot holds a key's 32-bit hash (base/hash.h) and a 32-bit value, then payload_words 64-bit
 * words the caller keeps there (none unless it sets payload_words before the first put); the
 * caller compares a candidate's key itself. So one map serves string keys, keys made of several
 * parts, keys that already live in the caller's own records (a value naming the record), and
 * small keys kept in the slot itself (a payload: a lookup then reads the slot alone).
 *
 * All allocation goes through the library's allocator hook (base/alloc.h). Growing is the only
 * step that allocates; when it fails the map is unchanged. svcr__hashmap_reserve() makes room
 * first, so that the svcr__hashmap_put() calls after it cannot fail.
 *
 * Typed maps are small wrappers, in the manner of libgit2's src/util/hashmap.h (its
 * GIT_HASHMAP_SETUP macros make a typed map from a key type, a hash and an equality function):
 * a wrapper holds a svcr__hashmap and says what a value means, hashes its key with base/hash.h,
 * and walks the candidates with the same hash (svcr__hashmap_first(), svcr__hashmap_next())
 * comparing keys. svcr__strmap below is the wrapper for string keys (workflow/names.h wraps it
 * once more for name -> index); lib/agenda/index.c wraps svcr__hashmap directly for its
 * (case id, timer) keys stored in its own entries. */
#ifndef SVCR_BASE_HASHMAP_H
#define SVCR_BASE_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/hash.h"

/* No value: what a lookup returns for a key that is not there. */
#define SVCR__HASHMAP_ABSENT UINT32_MAX
/* The largest value a map holds. */
#define SVCR__HASHMAP_VALUE_MAX (UINT32_MAX - 1)

typedef struct svcr__hashmap {
    uint64_t *slots;      /* slot_count slots, each a header (hash << 32 | (value + 1); 0 when the
                           * slot is empty) and then payload_words words of payload */
    size_t slot_count;    /* 0 or a power of two */
    size_t count;         /* used slots */
    size_t payload_words; /* set by the caller while the map is empty; 0 unless it does */
} svcr__hashmap;

/* An empty map (no allocation yet), its slots without payload. */
#define SVCR__HASHMAP_INIT {NULL, 0, 0, 0}

/* The header of the slot at @p position. */
static inline uint64_t svcr__hashmap_header(const svcr__hashmap *map, size_t position)
{
    return map->slots[position * (1 + map->payload_words)];
}

/* The value of the used slot at @p position. */
static inline uint32_t svcr__hashmap_value(const svcr__hashmap *map, size_t position)
{
    return (uint32_t)svcr__hashmap_header(map, position) - 1;
}

/* The payload of the slot at @p position (payload_words words the caller fills after a put). */
static inline uint64_t *svcr__hashmap_payload(const svcr__hashmap *map, size_t position)
{
    return map->slots + position * (1 + map->payload_words) + 1;
}

/* Free the slots; the map is empty (its payload_words kept) and reusable afterwards. */
void svcr__hashmap_free(svcr__hashmap *map);
/* Make room for @p count values in all, so that putting that many cannot fail. Returns 0, or -1
 * on allocation failure (or a count too large), the map then unchanged. Positions found before
 * are no longer valid when it grew. */
int svcr__hashmap_reserve(svcr__hashmap *map, size_t count);
/* Add @p value (at most SVCR__HASHMAP_VALUE_MAX) under @p hash; the caller has checked that its
 * key is absent. Its slot's position goes to *position unless NULL (its payload is zero, for the
 * caller to fill). Returns 0, or -1 on allocation failure (the map unchanged). */
int svcr__hashmap_put(svcr__hashmap *map, uint32_t hash, uint32_t value, size_t *position);
/* Remove the value at @p position (from svcr__hashmap_first() or svcr__hashmap_next()). Other
 * values may move, so positions found before are no longer valid. */
void svcr__hashmap_remove_at(svcr__hashmap *map, size_t position);

/* From *position on, the first value stored under @p hash, or SVCR__HASHMAP_ABSENT at the end of
 * the probe run; *position receives the slot where it stopped. */
static inline uint32_t svcr__hashmap_scan(const svcr__hashmap *map, uint32_t hash, size_t *position)
{
    size_t mask = map->slot_count - 1;
    for (size_t i = *position;; i = (i + 1) & mask) {
        uint64_t slot = svcr__hashmap_header(map, i);
        if (slot == 0 || (uint32_t)(slot >> 32) == hash) {
            *position = i;
            return slot == 0 ? SVCR__HASHMAP_ABSENT : (uint32_t)slot - 1;
        }
    }
}

/* The first value stored under @p hash (a candidate whose key the caller compares), or
 * SVCR__HASHMAP_ABSENT; its slot goes to *position. */
static inline uint32_t svcr__hashmap_first(const svcr__hashmap *map, uint32_t hash, size_t *position)
{
    if (map->slot_count == 0) {
        *position = 0;
        return SVCR__HASHMAP_ABSENT;
    }
    *position = hash & (map->slot_count - 1);
    return svcr__hashmap_scan(map, hash, position);
}

/* The next value under @p hash after the one at *position, or SVCR__HASHMAP_ABSENT. */
static inline uint32_t svcr__hashmap_next(const svcr__hashmap *map, uint32_t hash, size_t *position)
{
    *position = (*position + 1) & (map->slot_count - 1);
    return svcr__hashmap_scan(map, hash, position);
}

/* Iteration in slot order: start with *position = 0; each call gives the next value and returns
 * true (its slot is at *position - 1), or returns false at the end. The map must not change
 * meanwhile. */
static inline bool svcr__hashmap_each(const svcr__hashmap *map, size_t *position, uint32_t *value)
{
    for (; *position < map->slot_count; ++*position) {
        uint64_t slot = svcr__hashmap_header(map, *position);
        if (slot != 0) {
            *value = (uint32_t)slot - 1;
            ++*position;
            return true;
        }
    }
    return false;
}

/* String keys -> values (a number, or a pointer cast to uintptr_t). The map keeps a pointer to
 * each key, not a copy: a key must outlive the map. Keys are byte strings of a length (they need
 * no NUL and may hold one). Entries stay in insertion order: entries[0 .. count) iterates them. */
typedef struct svcr__strmap_entry {
    const char *key;
    size_t length;
    uintptr_t value;
} svcr__strmap_entry;

typedef struct svcr__strmap {
    svcr__hashmap index; /* values are positions in entries */
    svcr__strmap_entry *entries;
    size_t count, capacity;
} svcr__strmap;

#define SVCR__STRMAP_INIT {SVCR__HASHMAP_INIT, NULL, 0, 0}

void svcr__strmap_free(svcr__strmap *map);
/* Room for @p count entries in all, so that adding that many cannot fail. Returns 0, or -1 on
 * allocation failure (the map unchanged). */
int svcr__strmap_reserve(svcr__strmap *map, size_t count);
/* Add @p key (@p length bytes) with @p value unless an equal key is there. Returns 0 when added,
 * 1 when the key was there already (its entry, unchanged, into *entry unless NULL), -1 on
 * allocation failure (the map unchanged). */
int svcr__strmap_put(svcr__strmap *map, const char *key, size_t length, uintptr_t value,
                     const svcr__strmap_entry **entry);

/* The entry of @p key (@p length bytes) whose svcr__hash32() is @p hash, or NULL. */
static inline const svcr__strmap_entry *svcr__strmap_find(const svcr__strmap *map, const char *key,
                                                          size_t length, uint32_t hash)
{
    size_t position;
    for (uint32_t i = svcr__hashmap_first(&map->index, hash, &position); i != SVCR__HASHMAP_ABSENT;
         i = svcr__hashmap_next(&map->index, hash, &position)) {
        const svcr__strmap_entry *entry = &map->entries[i];
        if (entry->length == length && memcmp(entry->key, key, length) == 0)
            return entry;
    }
    return NULL;
}

/* The entry of @p key (@p length bytes), or NULL. */
static inline const svcr__strmap_entry *svcr__strmap_get(const svcr__strmap *map, const char *key,
                                                         size_t length)
{
    return svcr__strmap_find(map, key, length, svcr__hash32(key, length));
}

/* The entry of the NUL-terminated @p text, or NULL (one pass over the text). */
static inline const svcr__strmap_entry *svcr__strmap_get_text(const svcr__strmap *map, const char *text)
{
    size_t length;
    uint32_t hash = svcr__hash_fold(svcr__hash_text(text, SVCR__HASH_SEED, &length));
    return svcr__strmap_find(map, text, length, hash);
}

#endif
