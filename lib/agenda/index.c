/* The agenda's key index (case id, timer) -> entry, and its interned timer names. */
#include "agenda/internal.h"

#include "base/alloc.h"
#include "base/hash.h"

#define SLOT_INDEX_MASK (((uint32_t)1 << AGENDA_SLOT_INDEX_BITS) - 1)

uint64_t svcr__agenda_hash(const char *text, uint32_t timer)
{
    /* FNV-1a over the bytes, seeded by the timer number, then a 64-bit finaliser (MurmurHash3's)
     * so that both the low bits (the slot) and the high bits (the tag) are well mixed. */
    uint64_t h = svcr__hash_text(text, SVCR__HASH_SEED ^ (timer * UINT64_C(0x9E3779B97F4A7C15)), NULL);
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    return h;
}

static uint32_t tag_of(uint64_t hash)
{
    return (uint32_t)(hash >> (64 - (32 - AGENDA_SLOT_INDEX_BITS)));
}

long svcr__agenda_timer_find(const svcr_agenda *agenda, const char *timer)
{
    if (agenda->timer_slot_count == 0)
        return -1;
    size_t mask = agenda->timer_slot_count - 1;
    for (size_t i = svcr__agenda_hash(timer, 0) & mask;; i = (i + 1) & mask) {
        uint16_t number = agenda->timer_slots[i];
        if (number == 0)
            return -1;
        if (strcmp(agenda->timers[number - 1], timer) == 0)
            return number - 1;
    }
}

static void timer_slot_put(uint16_t *slots, size_t slot_count, const char *name, uint16_t number)
{
    size_t i = svcr__agenda_hash(name, 0) & (slot_count - 1);
    while (slots[i] != 0)
        i = (i + 1) & (slot_count - 1);
    slots[i] = (uint16_t)(number + 1);
}

int svcr__agenda_timer_reserve(svcr_agenda *agenda)
{
    size_t needed = agenda->timer_count + 1;
    if (svcr__grow((void **)&agenda->timers, &agenda->timer_capacity, needed, sizeof(char *)) != 0)
        return -1;
    if (2 * needed <= agenda->timer_slot_count)
        return 0;
    /* Timer tables stay at most half full; a new one is filled from the name list. */
    size_t slot_count = agenda->timer_slot_count ? 2 * agenda->timer_slot_count : 8;
    uint16_t *slots = svcr__calloc(slot_count, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t t = 0; t < agenda->timer_count; t++)
        timer_slot_put(slots, slot_count, agenda->timers[t], (uint16_t)t);
    svcr__free(agenda->timer_slots);
    agenda->timer_slots = slots;
    agenda->timer_slot_count = slot_count;
    return 0;
}

uint32_t svcr__agenda_timer_insert(svcr_agenda *agenda, char *name)
{
    uint32_t number = (uint32_t)agenda->timer_count++;
    agenda->timers[number] = name;
    timer_slot_put(agenda->timer_slots, agenda->timer_slot_count, name, (uint16_t)number);
    return number;
}

uint32_t svcr__agenda_find(const svcr_agenda *agenda, const char *case_id, uint32_t timer,
                           uint64_t hash, size_t *slot)
{
    size_t mask = agenda->slot_count - 1;
    uint32_t tag = tag_of(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t value = agenda->slots[i];
        if (value == 0) {
            *slot = i;
            return AGENDA_NO_ENTRY;
        }
        if (value >> AGENDA_SLOT_INDEX_BITS == tag) {
            uint32_t entry = (value & SLOT_INDEX_MASK) - 1;
            const svcr__agenda_entry *e = svcr__agenda_entry_at(agenda, entry);
            if (e->timer == timer && strcmp(svcr__agenda_id(e), case_id) == 0) {
                *slot = i;
                return entry;
            }
        }
    }
}

static uint64_t entry_hash(const svcr_agenda *agenda, uint32_t entry)
{
    const svcr__agenda_entry *e = svcr__agenda_entry_at(agenda, entry);
    return svcr__agenda_hash(svcr__agenda_id(e), e->timer);
}

int svcr__agenda_index_reserve(svcr_agenda *agenda, size_t entries)
{
    size_t slot_count = agenda->slot_count ? agenda->slot_count : 16;
    while (entries > slot_count / 4 * 3)
        slot_count *= 2;
    if (slot_count == agenda->slot_count)
        return 0;
    uint32_t *slots = svcr__calloc(slot_count, sizeof *slots);
    if (slots == NULL)
        return -1;
    /* The heap lists every live entry. */
    for (size_t position = 0; position < agenda->count; position++) {
        uint32_t entry = agenda->heap_entry[position];
        uint64_t hash = entry_hash(agenda, entry);
        size_t i = hash & (slot_count - 1);
        while (slots[i] != 0)
            i = (i + 1) & (slot_count - 1);
        slots[i] = tag_of(hash) << AGENDA_SLOT_INDEX_BITS | (entry + 1);
    }
    svcr__free(agenda->slots);
    agenda->slots = slots;
    agenda->slot_count = slot_count;
    return 1;
}

void svcr__agenda_slot_set(svcr_agenda *agenda, size_t slot, uint64_t hash, uint32_t entry)
{
    agenda->slots[slot] = tag_of(hash) << AGENDA_SLOT_INDEX_BITS | (entry + 1);
}

void svcr__agenda_slot_clear(svcr_agenda *agenda, size_t slot)
{
    /* Backward-shift deletion: pull later members of the probe run into the hole unless that
     * would put them before their home slot, so lookups never need tombstones. */
    size_t mask = agenda->slot_count - 1, hole = slot;
    for (size_t i = (slot + 1) & mask; agenda->slots[i] != 0; i = (i + 1) & mask) {
        uint32_t value = agenda->slots[i];
        size_t home = entry_hash(agenda, (value & SLOT_INDEX_MASK) - 1) & mask;
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            agenda->slots[hole] = value;
            hole = i;
        }
    }
    agenda->slots[hole] = 0;
}
