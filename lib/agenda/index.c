/* The agenda's key index (case id, timer) -> entry, and its interned timer names: wrappers of the
 * library's hash map (base/hashmap.h). */
#include "agenda/internal.h"

#include "base/alloc.h"

uint32_t svcr__agenda_hash(const char *case_id, uint32_t timer)
{
    uint16_t number = (uint16_t)timer;
    return svcr__hash_fold(svcr__hash_bytes(svcr__hash_text(case_id, SVCR__HASH_SEED, NULL), &number, sizeof number));
}

long svcr__agenda_timer_find(const svcr_agenda *agenda, const char *timer)
{
    const svcr__strmap_entry *entry = svcr__strmap_get_text(&agenda->timers, timer);
    return entry == NULL ? -1 : (long)entry->value;
}

int svcr__agenda_timer_reserve(svcr_agenda *agenda)
{
    return svcr__strmap_reserve(&agenda->timers, agenda->timers.count + 1);
}

uint32_t svcr__agenda_timer_insert(svcr_agenda *agenda, char *name)
{
    uint32_t number = (uint32_t)agenda->timers.count;
    svcr__strmap_put(&agenda->timers, name, strlen(name), number, NULL); /* reserved: cannot fail */
    return number;
}

uint32_t svcr__agenda_find(const svcr_agenda *agenda, const char *case_id, uint32_t timer,
                           uint32_t hash, size_t *position)
{
    for (uint32_t entry = svcr__hashmap_first(&agenda->keys, hash, position); entry != SVCR__HASHMAP_ABSENT;
         entry = svcr__hashmap_next(&agenda->keys, hash, position)) {
        const svcr__agenda_entry *e = svcr__agenda_entry_at(agenda, entry);
        if (e->timer == timer && strcmp(svcr__agenda_id(e), case_id) == 0)
            return entry;
    }
    return AGENDA_NO_ENTRY;
}

int svcr__agenda_index_reserve(svcr_agenda *agenda, size_t entries)
{
    return svcr__hashmap_reserve(&agenda->keys, entries);
}

void svcr__agenda_index_put(svcr_agenda *agenda, uint32_t hash, uint32_t entry)
{
    svcr__hashmap_put(&agenda->keys, hash, entry, NULL); /* reserved: cannot fail */
}

void svcr__agenda_index_remove(svcr_agenda *agenda, size_t position)
{
    svcr__hashmap_remove_at(&agenda->keys, position);
}
