/* Private: the agenda's layout, shared by its source files.
 *
 * Three structures, all indexed by 32-bit numbers to keep an entry near 45 bytes:
 * - entries: fixed 24-byte records in chunks that never move (so growing copies nothing and a
 *   case id stored inline keeps its address), reused through a free list;
 * - the heap: a 4-ary min-heap of (due, entry) in two parallel arrays, ordered by due time and
 *   then entry number; each entry knows its heap position, so moving and removing are O(log n);
 * - the key index: the library's hash map (base/hashmap.h) of entry numbers under the hash of
 *   (case id, timer number); the keys are the entries' own.
 * Timer names are interned in a string map: an entry holds a 16-bit timer number. */
#ifndef SVCR_AGENDA_INTERNAL_H
#define SVCR_AGENDA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <svcrecover/agenda.h>

#include "base/hashmap.h"

enum {
    AGENDA_INLINE_ID = 16,     /* bytes of a case id stored in the entry, NUL included */
    AGENDA_CHUNK_SHIFT = 14,   /* 16384 entries (384 KiB) per chunk */
};

#define AGENDA_CHUNK_SIZE ((uint32_t)1 << AGENDA_CHUNK_SHIFT)
#define AGENDA_NO_ENTRY UINT32_MAX

typedef struct svcr__agenda_entry {
    uint32_t heap_position; /* for a free entry: the next free entry, or AGENDA_NO_ENTRY */
    uint16_t timer;
    uint8_t long_id; /* 1: id holds a pointer to the id's own block */
    uint8_t unused;
    char id[AGENDA_INLINE_ID];
} svcr__agenda_entry;

struct svcr_agenda {
    /* heap: due[i] and heap_entry[i] for i < count */
    int64_t *due;
    uint32_t *heap_entry;
    size_t count;
    size_t heap_capacity;
    /* entries */
    svcr__agenda_entry **chunks;
    size_t chunk_count;
    size_t chunk_capacity;
    uint32_t entries_used; /* entries ever handed out: 0 .. entries_used - 1 */
    uint32_t free_entry;   /* head of the free list */
    /* key index: hash of (case id, timer) -> entry number */
    svcr__hashmap keys;
    /* timer name (a copy the agenda owns) -> timer number; entries[number].key is the name */
    svcr__strmap timers;
    /* bumped by every change, so cursors notice */
    uint64_t version;
};

static inline svcr__agenda_entry *svcr__agenda_entry_at(const svcr_agenda *agenda, uint32_t entry)
{
    return &agenda->chunks[entry >> AGENDA_CHUNK_SHIFT][entry & (AGENDA_CHUNK_SIZE - 1)];
}

static inline const char *svcr__agenda_id(const svcr__agenda_entry *entry)
{
    if (entry->long_id) {
        const char *id;
        memcpy(&id, entry->id, sizeof id);
        return id;
    }
    return entry->id;
}

/* Heap (heap.c). Positions are indexes into due[] / heap_entry[]. */
void svcr__agenda_heap_push(svcr_agenda *agenda, int64_t due, uint32_t entry);
void svcr__agenda_heap_change(svcr_agenda *agenda, size_t position, int64_t due);
void svcr__agenda_heap_delete(svcr_agenda *agenda, size_t position);
/* Describe the entry at heap @p position for the host. */
void svcr__agenda_entry_of(const svcr_agenda *agenda, size_t position, svcr_agenda_entry *out);

/* Key index and timer names (index.c). */
/* The hash of the key (@p case_id, @p timer) in the key index. */
uint32_t svcr__agenda_hash(const char *case_id, uint32_t timer);
/* The timer's number, or -1 if the agenda has never seen the name. */
long svcr__agenda_timer_find(const svcr_agenda *agenda, const char *timer);
/* The name of timer @p number. */
static inline const char *svcr__agenda_timer_name(const svcr_agenda *agenda, uint32_t number)
{
    return agenda->timers.entries[number].key;
}
/* Room for one more timer name; 0, or -1 on allocation failure (nothing changed). */
int svcr__agenda_timer_reserve(svcr_agenda *agenda);
/* Add a name (a copy now owned by the agenda) after svcr__agenda_timer_reserve(); returns its
 * number. */
uint32_t svcr__agenda_timer_insert(svcr_agenda *agenda, char *name);
/* The entry with this key (whose svcr__agenda_hash() is @p hash), or AGENDA_NO_ENTRY; *position
 * receives its position in the key index, for svcr__agenda_index_remove(). */
uint32_t svcr__agenda_find(const svcr_agenda *agenda, const char *case_id, uint32_t timer,
                           uint32_t hash, size_t *position);
/* Room for @p entries keys: 0, or -1 on allocation failure (nothing changed). */
int svcr__agenda_index_reserve(svcr_agenda *agenda, size_t entries);
/* Index @p entry under @p hash (its key's svcr__agenda_hash()); needs the room reserved. */
void svcr__agenda_index_put(svcr_agenda *agenda, uint32_t hash, uint32_t entry);
/* Remove the key at @p position (from svcr__agenda_find()). */
void svcr__agenda_index_remove(svcr_agenda *agenda, size_t position);

#endif
