/* The agenda's 4-ary min-heap of (due, entry), kept in step with each entry's heap position. */
#include "agenda/internal.h"
#include "base/sized.h"

/* Whether (due a, entry a) comes before (due b, entry b): by due time, then entry number, so
 * the order is total and repeatable. */
static inline bool precedes(int64_t due_a, uint32_t entry_a, int64_t due_b, uint32_t entry_b)
{
    return due_a < due_b || (due_a == due_b && entry_a < entry_b);
}

static bool child_before(const svcr_agenda *agenda, size_t a, size_t b)
{
    return precedes(agenda->due[a], agenda->heap_entry[a], agenda->due[b], agenda->heap_entry[b]);
}

static inline void place(svcr_agenda *agenda, size_t position, int64_t due, uint32_t entry)
{
    agenda->due[position] = due;
    agenda->heap_entry[position] = entry;
    svcr__agenda_entry_at(agenda, entry)->heap_position = (uint32_t)position;
}

/* Put (due, entry) at @p position or above it, moving later parents down. */
static void sift_up(svcr_agenda *agenda, size_t position, int64_t due, uint32_t entry)
{
    while (position > 0) {
        size_t parent = (position - 1) / 4;
        if (!precedes(due, entry, agenda->due[parent], agenda->heap_entry[parent]))
            break;
        place(agenda, position, agenda->due[parent], agenda->heap_entry[parent]);
        position = parent;
    }
    place(agenda, position, due, entry);
}

/* Put (due, entry) at @p position or below it, moving earlier children up. */
static void sift_down(svcr_agenda *agenda, size_t position, int64_t due, uint32_t entry)
{
    for (;;) {
        size_t first = 4 * position + 1;
        if (first >= agenda->count)
            break;
        size_t last = first + 4 < agenda->count ? first + 4 : agenda->count;
        size_t best = first;
        for (size_t child = first + 1; child < last; child++)
            if (child_before(agenda, child, best))
                best = child;
        if (!precedes(agenda->due[best], agenda->heap_entry[best], due, entry))
            break;
        place(agenda, position, agenda->due[best], agenda->heap_entry[best]);
        position = best;
    }
    place(agenda, position, due, entry);
}

/* Capacity for one more was reserved by the caller. */
void svcr__agenda_heap_push(svcr_agenda *agenda, int64_t due, uint32_t entry)
{
    sift_up(agenda, agenda->count++, due, entry);
}

void svcr__agenda_heap_change(svcr_agenda *agenda, size_t position, int64_t due)
{
    uint32_t entry = agenda->heap_entry[position];
    if (due < agenda->due[position])
        sift_up(agenda, position, due, entry);
    else
        sift_down(agenda, position, due, entry);
}

void svcr__agenda_heap_delete(svcr_agenda *agenda, size_t position)
{
    size_t last = --agenda->count;
    if (position == last)
        return;
    int64_t due = agenda->due[last];
    uint32_t entry = agenda->heap_entry[last];
    if (precedes(due, entry, agenda->due[position], agenda->heap_entry[position]))
        sift_up(agenda, position, due, entry);
    else
        sift_down(agenda, position, due, entry);
}

void svcr__agenda_entry_of(const svcr_agenda *agenda, size_t position, svcr_agenda_entry *out)
{
    const svcr__agenda_entry *entry = svcr__agenda_entry_at(agenda, agenda->heap_entry[position]);
    svcr_agenda_entry full = {0, svcr__agenda_id(entry), svcr__agenda_timer_name(agenda, entry->timer),
                              agenda->due[position]};
    SVCR_FILL_SIZED(out, full);
}
