/* Private: a table of distinct strings (states, root causes, customers, timers, owners), each
 * with a fixed-size value. Open addressing with linear probing; each slot holds the entry itself:
 * the key's hash and length, the key when short (most customer ids and causes), and the value,
 * so a lookup touches one cache line or two. Longer keys are copied into chunked storage that
 * never moves. A dense list keeps the entries' insertion order for iterating.
 *
 * An entry is addressed by its slot position, which changes when the table grows. Updates that
 * must not fail halfway reserve first: svcr__intern_reserve() makes room for some number of new
 * keys and bytes of text (the only step that allocates; it may grow the table, so look keys up
 * after it), after which svcr__intern_add(), svcr__intern_insert() and svcr__intern_store()
 * cannot fail. */
#ifndef SVCR_INSIGHT_INTERN_H
#define SVCR_INSIGHT_INTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct svcr__chunk svcr__chunk;

enum {
    SVCR__INTERN_INLINE = 16, /* keys shorter than this live in their slot */
    SVCR__INTERN_HEAD = 32,   /* hash, length, insertion number, inline key or pointer */
};
#define SVCR__INTERN_ABSENT SIZE_MAX

enum { SVCR__INTERN_MEMO_BITS = 6, SVCR__INTERN_MEMO = 1 << SVCR__INTERN_MEMO_BITS }; /* short keys found, direct-mapped */

/* A short key found in the table: its image (svcr__intern_image()), hash and slot position. */
typedef struct svcr__intern_memo {
    uint64_t image[2], hash;
    uint32_t length, position; /* length 0: unused */
} svcr__intern_memo;

typedef struct svcr__intern {
    size_t value_size, stride;
    unsigned char *slots;    /* slot_count slots of stride bytes: head, then value */
    size_t slot_count;       /* 0 or a power of two; at most three quarters used */
    uint32_t *order;         /* slot position of the 1st, 2nd, ... entry added */
    size_t count, order_capacity;
    size_t long_key_bytes;   /* bytes the keys too long for their slot take in the text storage */
    svcr__chunk *chunks;     /* long keys and other stored text, newest first */
    char *free_text;         /* unused room in the newest chunk */
    size_t free_length;
    svcr__intern_memo memo[SVCR__INTERN_MEMO]; /* for svcr__intern_find_memo(); cleared when slots move */
} svcr__intern;

void svcr__intern_init(svcr__intern *table, size_t value_size);
void svcr__intern_free(svcr__intern *table);
uint64_t svcr__intern_hash(const char *key, size_t length);
/* The slot position of @p key, or SVCR__INTERN_ABSENT. */
size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* svcr__intern_find_memo() past the memo: hash, probe, note a short key found in the memo. */
size_t svcr__intern_find_noting(svcr__intern *table, const char *key, size_t length, uint64_t *hash);
/* Make room for @p new_keys more keys and @p text_bytes of text (svcr__intern_text_for() of each
 * new key, and anything for svcr__intern_store()). Returns 0, or -1 when out of memory (the
 * table's contents are then unchanged). Slot positions found before are no longer valid. */
int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes);
/* Add @p key, known to be absent, with a zeroed value; needs a reservation. Returns its position. */
size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* The position of @p key, adding it when absent; needs a reservation. */
size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Copy @p length bytes of @p text followed by @p suffix into the reserved storage; return the copy. */
const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix);
/* The key at @p position (valid until the table grows). */
const char *svcr__intern_key(const svcr__intern *table, size_t position);

/* @p length (at most 16) bytes of @p key into two words, NUL-padded: the layout of a key kept in a
 * slot. Reads only those bytes, a few at a time. */
static inline void svcr__intern_image(const char *key, size_t length, uint64_t image[2])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t low = 0, high = 0;
    if (length >= 8) { /* two overlapping 8-byte reads */
        uint64_t last;
        memcpy(&low, key, 8);
        memcpy(&last, key + length - 8, 8);
        high = length > 8 ? last >> 8 * (16 - length) : 0;
    } else if (length >= 4) { /* two overlapping 4-byte reads */
        uint32_t first, last;
        memcpy(&first, key, 4);
        memcpy(&last, key + length - 4, 4);
        low = first | (uint64_t)last << 8 * (length - 4);
    } else if (length > 0) {
        low = (uint64_t)(unsigned char)key[0] | (uint64_t)(unsigned char)key[length / 2] << 8 * (length / 2) |
              (uint64_t)(unsigned char)key[length - 1] << 8 * (length - 1);
    }
    image[0] = low;
    image[1] = high;
#else
    unsigned char bytes[16] = {0};
    memcpy(bytes, key, length);
    memcpy(image, bytes, sizeof bytes);
#endif
}

/* Two words mixed into a hash: the two halves of their 128-bit product (after fixed offsets) xored
 * (wyhash's "mum"), one multiplication; without 128-bit integers, multiply-xorshift rounds. */
static inline uint64_t svcr__intern_mix(uint64_t a, uint64_t b)
{
    a ^= 0xA0761D6478BD642Fu;
    b ^= 0xE7037ED1A0B428DBu;
#ifdef __SIZEOF_INT128__
    __uint128_t product = (__uint128_t)a * b;
    return (uint64_t)product ^ (uint64_t)(product >> 64);
#else
    uint64_t h = a * 0xBF58476D1CE4E5B9u;
    h = (h ^ (h >> 29) ^ b) * 0x94D049BB133111EBu;
    h = (h ^ (h >> 32)) * 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 29);
#endif
}

/* The text storage a new key of @p length bytes takes. */
static inline size_t svcr__intern_text_for(size_t length)
{
    return length < SVCR__INTERN_INLINE ? 0 : length + 1;
}

/* The position of the @p n-th entry added (0-based, below count). */
static inline size_t svcr__intern_position(const svcr__intern *table, size_t n)
{
    return table->order[n];
}

static inline void *svcr__intern_value(const svcr__intern *table, size_t position)
{
    return table->slots + position * table->stride + SVCR__INTERN_HEAD;
}

/* The memo entry for a short key's image. */
static inline svcr__intern_memo *svcr__intern_memo_for(svcr__intern *table, const uint64_t image[2], size_t length)
{
    return &table->memo[((image[0] ^ image[1] ^ length) * 0x9E3779B97F4A7C15u) >> (64 - SVCR__INTERN_MEMO_BITS)];
}

/* svcr__intern_find() for a caller that may write to the table, and the key's hash into *hash:
 * a short key found before is answered from the memo without hashing or probing. */
static inline size_t svcr__intern_find_memo(svcr__intern *table, const char *key, size_t length, uint64_t *hash)
{
    if (length > 0 && length < SVCR__INTERN_INLINE) {
        uint64_t image[2];
        svcr__intern_image(key, length, image);
        const svcr__intern_memo *memo = svcr__intern_memo_for(table, image, length);
        if (memo->length == length && memo->image[0] == image[0] && memo->image[1] == image[1]) {
            *hash = memo->hash;
            return memo->position;
        }
    }
    return svcr__intern_find_noting(table, key, length, hash);
}

static inline uint64_t svcr__intern_key_hash(const svcr__intern *table, size_t position)
{
    return *(const uint64_t *)(table->slots + position * table->stride);
}

#endif
