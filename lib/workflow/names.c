/* Building the name lookup tables; see names.h. */
#include "workflow/names.h"

int svcr__name_index_init(svcr__name_index *index, svcr__arena *arena, size_t capacity)
{
    uint32_t slots = 4;
    while (slots < 2 * capacity)
        slots *= 2;
    index->slots = svcr__arena_array(arena, slots, sizeof *index->slots);
    index->lengths = svcr__arena_array(arena, capacity ? capacity : 1, sizeof *index->lengths);
    if (index->slots == NULL || index->lengths == NULL)
        return -1;
    index->mask = slots - 1;
    return 0;
}

long svcr__name_index_add(svcr__name_index *index, const char *const *names, size_t i)
{
    long existing = svcr__name_index_find(index, names, names[i]);
    if (existing >= 0)
        return existing;
    size_t length = strlen(names[i]);
    uint32_t slot = svcr__name_hash(names[i], length) & index->mask;
    while (index->slots[slot] != 0)
        slot = (slot + 1) & index->mask;
    index->slots[slot] = (uint32_t)i + 1;
    index->lengths[i] = length;
    return -1;
}
