/* The customer set of customers.h. */
#include "insight/customers.h"

#include <string.h>

#include "base/alloc.h"

/* The tag, the last byte of a slot: cases seen in the low two bits (0: empty), a flag for long keys. */
enum { TAG_AT = 15, TAG_CASES = 3, TAG_LONG = 0x80, HASH_AT = 8, HASH_BYTES = 7 };
#define HASH_BITS ((UINT64_C(1) << 8 * HASH_BYTES) - 1)

/* The second word of a slot with only the bits of the tag byte given in @p tag set. */
static uint64_t tag_word(unsigned char tag)
{
    unsigned char bytes[8] = {0};
    bytes[TAG_AT - 8] = tag;
    uint64_t word;
    memcpy(&word, bytes, sizeof word);
    return word;
}

static unsigned char *tag_of(uint64_t *slot)
{
    return (unsigned char *)slot + TAG_AT;
}

static unsigned cases_in(const uint64_t *slot)
{
    return ((const unsigned char *)slot)[TAG_AT] & TAG_CASES;
}

/* The hash of an inline key from its two words (NUL-padded, tag byte cleared). */
static uint64_t hash_words(uint64_t first, uint64_t second)
{
    return svcr__intern_mix(first, second);
}

/* The hash a slot's key was placed by. */
static uint64_t slot_hash(const uint64_t *slot)
{
    const unsigned char *bytes = (const unsigned char *)slot;
    if (!(bytes[TAG_AT] & TAG_LONG))
        return hash_words(slot[0], slot[1] & ~tag_word(0xFF));
    uint64_t hash = 0;
    for (int i = 0; i < HASH_BYTES; i++)
        hash |= (uint64_t)bytes[HASH_AT + i] << 8 * i;
    return hash;
}

static const char *long_key(const uint64_t *slot)
{
    const char *key;
    memcpy(&key, slot, sizeof key);
    return key;
}

void svcr__customers_init(svcr__customers *set)
{
    memset(set, 0, sizeof *set);
    svcr__intern_init(&set->text, 0);
}

void svcr__customers_free(svcr__customers *set)
{
    svcr__free(set->slots);
    svcr__intern_free(&set->text);
    svcr__customers_init(set);
}

void svcr__customer_key_make(svcr__customer_key *key, const char *id, size_t length)
{
    key->key = id;
    key->length = length;
    if (length <= SVCR__CUSTOMER_INLINE) {
        svcr__intern_image(id, length, key->image);
        key->hash = hash_words(key->image[0], key->image[1]);
        key->image[1] |= tag_word(1);
    } else {
        unsigned char bytes[16] = {0};
        key->hash = svcr__intern_hash(id, length) & HASH_BITS;
        for (int i = 0; i < HASH_BYTES; i++)
            bytes[HASH_AT + i] = (unsigned char)(key->hash >> 8 * i);
        bytes[TAG_AT] = TAG_LONG | 1;
        memcpy(key->image, bytes, sizeof bytes); /* the first word becomes the pointer to the copy */
    }
}

size_t svcr__customers_find(const svcr__customers *set, const svcr__customer_key *key)
{
    if (set->slot_count == 0)
        return SVCR__CUSTOMER_ABSENT;
    const uint64_t cases = tag_word(TAG_CASES), want = key->image[1] & ~cases;
    const bool is_long = key->length > SVCR__CUSTOMER_INLINE;
    size_t mask = set->slot_count - 1;
    for (size_t position = key->hash & mask;; position = (position + 1) & mask) {
        const uint64_t *slot = set->slots + 2 * position;
        if ((slot[1] & cases) == 0)
            return SVCR__CUSTOMER_ABSENT;
        if ((slot[1] & ~cases) == want &&
            (is_long ? strcmp(long_key(slot), key->key) == 0 : slot[0] == key->image[0]))
            return position;
    }
}

/* The first empty slot for @p hash. */
static uint64_t *free_slot(uint64_t *slots, size_t slot_count, uint64_t hash)
{
    size_t mask = slot_count - 1, position = hash & mask;
    while (cases_in(slots + 2 * position) != 0)
        position = (position + 1) & mask;
    return slots + 2 * position;
}

int svcr__customers_reserve(svcr__customers *set, size_t new_keys, size_t long_bytes)
{
    if (new_keys > SIZE_MAX / 8 - set->count)
        return -1;
    if (long_bytes > 0 && svcr__intern_reserve(&set->text, 0, long_bytes) != 0)
        return -1;
    size_t needed = set->count + new_keys;
    if (needed * 4 <= set->slot_count * 3)
        return 0;
    size_t slot_count = set->slot_count < 16 ? 16 : set->slot_count;
    while (needed * 4 > slot_count * 3)
        slot_count *= 2;
    uint64_t *slots = svcr__calloc(slot_count, 2 * sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < set->slot_count; i++) {
        const uint64_t *old = set->slots + 2 * i;
        if (cases_in(old) != 0)
            memcpy(free_slot(slots, slot_count, slot_hash(old)), old, 2 * sizeof *old);
    }
    svcr__free(set->slots);
    set->slots = slots;
    set->slot_count = slot_count;
    return 0;
}

void svcr__customers_count(svcr__customers *set, const svcr__customer_key *key, size_t position, unsigned cases)
{
    uint64_t *slot;
    unsigned before = 0;
    if (position == SVCR__CUSTOMER_ABSENT) {
        slot = free_slot(set->slots, set->slot_count, key->hash);
        slot[0] = key->image[0];
        slot[1] = key->image[1] & ~tag_word(TAG_CASES);
        if (key->length > SVCR__CUSTOMER_INLINE) {
            const char *copy = svcr__intern_store(&set->text, key->key, key->length, "");
            memcpy(slot, &copy, sizeof copy);
            set->long_key_bytes += key->length + 1;
        }
        set->count++;
    } else {
        slot = set->slots + 2 * position;
        before = cases_in(slot);
    }
    unsigned after = before + cases > 2 ? 2 : before + cases;
    *tag_of(slot) = (unsigned char)((*tag_of(slot) & ~TAG_CASES) | after);
    set->repeat += before < 2 && after >= 2;
}

void svcr__customers_merge(svcr__customers *set, const svcr__customers *from)
{
    for (size_t i = 0; i < from->slot_count; i++) {
        const uint64_t *slot = from->slots + 2 * i;
        unsigned cases = cases_in(slot);
        if (cases == 0)
            continue;
        svcr__customer_key key = {.image = {slot[0], slot[1]}, .hash = slot_hash(slot)};
        if (((const unsigned char *)slot)[TAG_AT] & TAG_LONG) {
            key.key = long_key(slot);
            key.length = strlen(key.key);
        }
        svcr__customers_count(set, &key, svcr__customers_find(set, &key), cases);
    }
}
