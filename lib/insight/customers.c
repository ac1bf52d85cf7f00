/* The customer set of customers.h. */
#include "insight/customers.h"

#include <string.h>

#include "base/compat.h"

enum { PAYLOAD_WORDS = 2, CASES_BYTE = PAYLOAD_WORDS * 8 - 1 };

void svcr__customers_init(svcr__customers *set)
{
    *set = (svcr__customers){SVCR__HASHMAP_INIT, SVCR__STORAGE_INIT, 0};
    set->map.payload_words = PAYLOAD_WORDS;
}

void svcr__customers_free(svcr__customers *set)
{
    svcr__hashmap_free(&set->map);
    svcr__storage_free(&set->text);
    svcr__customers_init(set);
}

int svcr__customers_reserve(svcr__customers *set, size_t new_ids, size_t text_bytes)
{
    if (new_ids > SVCR__HASHMAP_VALUE_MAX - set->map.count)
        return -1;
    return svcr__hashmap_reserve(&set->map, set->map.count + new_ids) != 0 ||
                   svcr__storage_reserve(&set->text, text_bytes) != 0
               ? -1
               : 0;
}

static unsigned char *payload(const svcr__customers *set, size_t position)
{
    return (unsigned char *)svcr__hashmap_payload(&set->map, position);
}

/* The id in the slot at @p position, of @p length bytes. */
static const char *id_at(const svcr__customers *set, size_t position, size_t length)
{
    const unsigned char *p = payload(set, position);
    if (length < SVCR__CUSTOMER_INLINE)
        return (const char *)p;
    const char *stored;
    memcpy(&stored, p, sizeof stored);
    return stored;
}

uint8_t *svcr__customers_cases(svcr__customers *set, const char *id, size_t length, uint32_t hash)
{
    size_t position;
    for (uint32_t n = svcr__hashmap_first(&set->map, hash, &position); n != SVCR__HASHMAP_ABSENT;
         n = svcr__hashmap_next(&set->map, hash, &position))
        if (n == length && memcmp(id_at(set, position, length), id, length) == 0)
            return payload(set, position) + CASES_BYTE;
    svcr__hashmap_put(&set->map, hash, (uint32_t)length, &position); /* cannot fail: room reserved */
    unsigned char *p = payload(set, position);
    if (length < SVCR__CUSTOMER_INLINE) {
        memcpy(p, id, length);
    } else {
        const char *stored = svcr__storage_store(&set->text, id, length, "");
        memcpy(p, &stored, sizeof stored);
    }
    set->text_bytes += svcr__customers_text_for(length);
    return p + CASES_BYTE;
}

void svcr__customers_prefetch(const svcr__customers *set, uint32_t hash)
{
    if (set->map.slot_count != 0)
        svcr__prefetch(svcr__hashmap_payload(&set->map, hash & (set->map.slot_count - 1)) - 1);
}

bool svcr__customers_each(const svcr__customers *set, size_t *position, const char **id, size_t *length,
                          uint8_t *cases)
{
    uint32_t n;
    if (!svcr__hashmap_each(&set->map, position, &n))
        return false;
    *length = n;
    *id = id_at(set, *position - 1, n);
    *cases = payload(set, *position - 1)[CASES_BYTE];
    return true;
}
