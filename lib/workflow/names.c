/* Building the name lookup tables; see names.h. */
#include "workflow/names.h"

int svcr__name_index_init(svcr__name_index *index, svcr__arena *arena, size_t capacity)
{
    uint32_t slots = 4;
    while (slots < 2 * capacity)
        slots *= 2;
    index->slots = svcr__arena_array(arena, slots, sizeof *index->slots);
    if (index->slots == NULL)
        return -1;
    index->mask = slots - 1;
    return 0;
}

long svcr__name_index_add(svcr__name_index *index, const char *const *names, size_t i)
{
    uint32_t slot = svcr__name_hash(names[i]) & index->mask;
    for (; index->slots[slot] != 0; slot = (slot + 1) & index->mask)
        if (strcmp(names[index->slots[slot] - 1], names[i]) == 0)
            return (long)index->slots[slot] - 1;
    index->slots[slot] = (uint32_t)i + 1;
    return -1;
}
