/* The agenda's public operations: lifetime, adding, moving, removing and looking up deadlines. */
#include "agenda/internal.h"
#include "base/sized.h"

#include "base/alloc.h"
#include "base/error.h"

svcr_status svcr_agenda_new(svcr_agenda **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_agenda *agenda = svcr__calloc(1, sizeof *agenda);
    if (agenda == NULL)
        return svcr__fail_nomem("creating an agenda");
    agenda->free_entry = AGENDA_NO_ENTRY;
    *out = agenda;
    return SVCR_OK;
}

void svcr_agenda_free(svcr_agenda *agenda)
{
    if (agenda == NULL)
        return;
    for (size_t position = 0; position < agenda->count; position++) {
        svcr__agenda_entry *entry = svcr__agenda_entry_at(agenda, agenda->heap_entry[position]);
        if (entry->long_id)
            svcr__free((void *)svcr__agenda_id(entry));
    }
    for (size_t c = 0; c < agenda->chunk_count; c++)
        svcr__free(agenda->chunks[c]);
    for (size_t t = 0; t < agenda->timers.count; t++)
        svcr__free((char *)agenda->timers.entries[t].key);
    svcr__free(agenda->chunks);
    svcr__strmap_free(&agenda->timers);
    svcr__hashmap_free(&agenda->keys);
    svcr__free(agenda->due);
    svcr__free(agenda->heap_entry);
    svcr__free(agenda);
}

/* Heap arrays for @p entries; they grow by half so that 10 million entries do not leave
 * millions of unused slots. */
static int heap_reserve(svcr_agenda *agenda, size_t entries)
{
    if (entries <= agenda->heap_capacity)
        return 0;
    size_t capacity = agenda->heap_capacity + agenda->heap_capacity / 2;
    capacity = capacity < 64 ? 64 : capacity;
    capacity = capacity < entries ? entries : capacity;
    int64_t *due = svcr__reallocarray(agenda->due, capacity, sizeof *due);
    if (due == NULL)
        return -1;
    agenda->due = due;
    uint32_t *heap_entry = svcr__reallocarray(agenda->heap_entry, capacity, sizeof *heap_entry);
    if (heap_entry == NULL)
        return -1; /* the larger due[] is kept; the capacity stays what both arrays hold */
    agenda->heap_entry = heap_entry;
    agenda->heap_capacity = capacity;
    return 0;
}

/* Chunks so that entry numbers below @p entries exist (free entries are reused first). */
static int entries_reserve(svcr_agenda *agenda, size_t entries)
{
    size_t chunks = (entries + AGENDA_CHUNK_SIZE - 1) / AGENDA_CHUNK_SIZE;
    if (chunks <= agenda->chunk_count)
        return 0;
    if (svcr__grow((void **)&agenda->chunks, &agenda->chunk_capacity, chunks, sizeof *agenda->chunks) != 0)
        return -1;
    while (agenda->chunk_count < chunks) {
        svcr__agenda_entry *chunk = svcr__reallocarray(NULL, AGENDA_CHUNK_SIZE, sizeof *chunk);
        if (chunk == NULL)
            return -1;
        agenda->chunks[agenda->chunk_count++] = chunk;
    }
    return 0;
}

static svcr_status check_capacity(size_t entries)
{
    if (entries > SVCR_AGENDA_MAX_ENTRIES)
        return svcr__fail(SVCR_EOVERFLOW, "an agenda holds at most %u entries", SVCR_AGENDA_MAX_ENTRIES);
    return SVCR_OK;
}

svcr_status svcr_agenda_reserve(svcr_agenda *agenda, size_t entries)
{
    SVCR_REQUIRE_ARG(agenda);
    svcr_status status = check_capacity(entries);
    if (status != SVCR_OK)
        return status;
    if (heap_reserve(agenda, entries) != 0 || svcr__agenda_index_reserve(agenda, entries) < 0 ||
        entries_reserve(agenda, entries) != 0)
        return svcr__fail_nomem("reserving room in the agenda");
    return SVCR_OK;
}

static svcr_status check_key(const char *function, const svcr_agenda *agenda, const char *case_id,
                             const char *timer)
{
    if (agenda == NULL || case_id == NULL || timer == NULL)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"%s\" is NULL", function,
                          agenda == NULL ? "agenda" : case_id == NULL ? "case_id" : "timer");
    return SVCR_OK;
}

/* Check the arguments and find the entry with this key: SVCR_ENOTFOUND when there is none. */
static svcr_status find_key(const char *function, const svcr_agenda *agenda, const char *case_id,
                            const char *timer, uint32_t *entry, size_t *position)
{
    svcr_status status = check_key(function, agenda, case_id, timer);
    if (status != SVCR_OK)
        return status;
    long number = svcr__agenda_timer_find(agenda, timer);
    *entry = AGENDA_NO_ENTRY;
    if (number >= 0)
        *entry = svcr__agenda_find(agenda, case_id, (uint32_t)number,
                                   svcr__agenda_hash(case_id, (uint32_t)number), position);
    if (*entry == AGENDA_NO_ENTRY)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\" has no timer \"%s\" on the agenda",
                          function, case_id, timer);
    return SVCR_OK;
}

static void move_entry(svcr_agenda *agenda, uint32_t entry, int64_t due)
{
    svcr__agenda_heap_change(agenda, svcr__agenda_entry_at(agenda, entry)->heap_position, due);
    agenda->version++;
}

/* Add a new key: everything that can fail is reserved first, then the entry is committed. */
static svcr_status insert(svcr_agenda *agenda, const char *case_id, const char *timer, long number,
                          int64_t due)
{
    svcr_status status = check_capacity(agenda->count + 1);
    if (status == SVCR_OK && number < 0 && agenda->timers.count >= SVCR_AGENDA_MAX_TIMERS)
        status = svcr__fail(SVCR_EOVERFLOW, "an agenda holds at most %u timer names",
                            SVCR_AGENDA_MAX_TIMERS);
    if (status != SVCR_OK)
        return status;
    char *name = NULL, *long_id = NULL;
    size_t id_length = strlen(case_id);
    bool reuse = agenda->free_entry != AGENDA_NO_ENTRY;
    if (number < 0 && (svcr__agenda_timer_reserve(agenda) != 0 || (name = svcr__strdup(timer)) == NULL))
        goto nomem;
    if (id_length >= AGENDA_INLINE_ID && (long_id = svcr__strndup(case_id, id_length)) == NULL)
        goto nomem;
    if (heap_reserve(agenda, agenda->count + 1) != 0 || svcr__agenda_index_reserve(agenda, agenda->count + 1) < 0 ||
        (!reuse && entries_reserve(agenda, (size_t)agenda->entries_used + 1) != 0))
        goto nomem;

    if (number < 0)
        number = svcr__agenda_timer_insert(agenda, name);
    uint32_t entry_number = reuse ? agenda->free_entry : agenda->entries_used++;
    svcr__agenda_entry *entry = svcr__agenda_entry_at(agenda, entry_number);
    if (reuse)
        agenda->free_entry = entry->heap_position;
    entry->timer = (uint16_t)number;
    entry->long_id = long_id != NULL;
    if (long_id != NULL)
        memcpy(entry->id, &long_id, sizeof long_id);
    else
        memcpy(entry->id, case_id, id_length + 1);
    svcr__agenda_index_put(agenda, svcr__agenda_hash(case_id, (uint32_t)number), entry_number);
    svcr__agenda_heap_push(agenda, due, entry_number);
    agenda->version++;
    return SVCR_OK;

nomem:
    svcr__free(name);
    svcr__free(long_id);
    return svcr__fail_nomem("adding to the agenda");
}

svcr_status svcr_agenda_add(svcr_agenda *agenda, const char *case_id, const char *timer, int64_t due)
{
    svcr_status status = check_key(__func__, agenda, case_id, timer);
    if (status != SVCR_OK)
        return status;
    if (case_id[0] == '\0' || timer[0] == '\0')
        return svcr__fail(SVCR_EINVAL, "%s: the %s is empty", __func__,
                          case_id[0] == '\0' ? "case id" : "timer name");
    long number = svcr__agenda_timer_find(agenda, timer);
    if (number >= 0) {
        size_t position;
        uint32_t hash = svcr__agenda_hash(case_id, (uint32_t)number);
        uint32_t entry = svcr__agenda_find(agenda, case_id, (uint32_t)number, hash, &position);
        if (entry != AGENDA_NO_ENTRY) {
            move_entry(agenda, entry, due);
            return SVCR_OK;
        }
    }
    return insert(agenda, case_id, timer, number, due);
}

svcr_status svcr_agenda_move(svcr_agenda *agenda, const char *case_id, const char *timer, int64_t due)
{
    uint32_t entry;
    size_t position;
    svcr_status status = find_key(__func__, agenda, case_id, timer, &entry, &position);
    if (status == SVCR_OK)
        move_entry(agenda, entry, due);
    return status;
}

static void delete_entry(svcr_agenda *agenda, uint32_t entry_number, size_t position)
{
    svcr__agenda_entry *entry = svcr__agenda_entry_at(agenda, entry_number);
    svcr__agenda_index_remove(agenda, position);
    svcr__agenda_heap_delete(agenda, entry->heap_position);
    if (entry->long_id)
        svcr__free((void *)svcr__agenda_id(entry));
    entry->long_id = 0;
    entry->heap_position = agenda->free_entry;
    agenda->free_entry = entry_number;
    agenda->version++;
}

svcr_status svcr_agenda_remove(svcr_agenda *agenda, const char *case_id, const char *timer)
{
    uint32_t entry;
    size_t position;
    svcr_status status = find_key(__func__, agenda, case_id, timer, &entry, &position);
    if (status == SVCR_OK)
        delete_entry(agenda, entry, position);
    return status;
}

svcr_status svcr_agenda_remove_case(svcr_agenda *agenda, const char *case_id, size_t *removed)
{
    SVCR_REQUIRE_ARG(agenda);
    SVCR_REQUIRE_ARG(case_id);
    size_t n = 0;
    for (uint32_t number = 0; number < agenda->timers.count; number++) {
        size_t position;
        uint32_t entry = svcr__agenda_find(agenda, case_id, number, svcr__agenda_hash(case_id, number), &position);
        if (entry != AGENDA_NO_ENTRY) {
            delete_entry(agenda, entry, position);
            n++;
        }
    }
    if (removed != NULL)
        *removed = n;
    return SVCR_OK;
}

svcr_status svcr_agenda_find(const svcr_agenda *agenda, const char *case_id, const char *timer,
                             int64_t *due)
{
    SVCR_REQUIRE_ARG(due);
    uint32_t entry;
    size_t position;
    svcr_status status = find_key(__func__, agenda, case_id, timer, &entry, &position);
    if (status == SVCR_OK)
        *due = agenda->due[svcr__agenda_entry_at(agenda, entry)->heap_position];
    return status;
}

size_t svcr_agenda_count(const svcr_agenda *agenda)
{
    return agenda != NULL ? agenda->count : 0;
}

svcr_status svcr_agenda_next(const svcr_agenda *agenda, svcr_agenda_entry *out)
{
    SVCR_REQUIRE_ARG(agenda);
    SVCR_REQUIRE_SIZED_ARG(out);
    if (agenda->count == 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: the agenda is empty", __func__);
    svcr__agenda_entry_of(agenda, 0, out);
    return SVCR_OK;
}
