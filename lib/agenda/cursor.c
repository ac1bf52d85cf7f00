/* Walking and counting the entries due before an instant, without disturbing the heap.
 *
 * The entries due before T form a subtree at the heap's root. A cursor keeps a small heap of its
 * own holding the frontier of that subtree: taking its first yields the next entry in due order
 * and adds that entry's children that are also due before T. */
#include "agenda/internal.h"
#include "base/sized.h"

#include "base/alloc.h"
#include "base/error.h"

/* A heap position of the agenda with its sort key copied, so the frontier orders itself without
 * reading the agenda's scattered arrays. */
typedef struct frontier_item {
    int64_t due;
    uint32_t entry;
    uint32_t position;
} frontier_item;

struct svcr_agenda_cursor {
    const svcr_agenda *agenda;
    uint64_t version;
    int64_t before;
    frontier_item *frontier; /* a binary min-heap */
    size_t count;
    size_t capacity;
};

static bool earlier(frontier_item a, frontier_item b)
{
    return a.due < b.due || (a.due == b.due && a.entry < b.entry);
}

static frontier_item item_at(const svcr_agenda *agenda, size_t position)
{
    return (frontier_item){agenda->due[position], agenda->heap_entry[position], (uint32_t)position};
}

/* Entries due before @p at in the subtree rooted at @p position. The recursion depth is the
 * heap's height, at most 14 for SVCR_AGENDA_MAX_ENTRIES. */
static size_t count_before(const svcr_agenda *agenda, size_t position, int64_t at)
{
    if (position >= agenda->count || agenda->due[position] >= at)
        return 0;
    size_t n = 1;
    for (size_t child = 4 * position + 1; child <= 4 * position + 4; child++)
        n += count_before(agenda, child, at);
    return n;
}

svcr_status svcr_agenda_count_overdue(const svcr_agenda *agenda, int64_t at, size_t *count)
{
    SVCR_REQUIRE_ARG(agenda);
    SVCR_REQUIRE_ARG(count);
    *count = count_before(agenda, 0, at);
    return SVCR_OK;
}

svcr_status svcr_agenda_cursor_new(const svcr_agenda *agenda, int64_t before, svcr_agenda_cursor **out)
{
    SVCR_REQUIRE_ARG(agenda);
    SVCR_REQUIRE_ARG(out);
    svcr_agenda_cursor *cursor = svcr__calloc(1, sizeof *cursor);
    if (cursor == NULL)
        return svcr__fail_nomem("creating an agenda cursor");
    cursor->agenda = agenda;
    cursor->version = agenda->version;
    cursor->before = before;
    if (agenda->count > 0 && agenda->due[0] < before) {
        if (svcr__grow((void **)&cursor->frontier, &cursor->capacity, 1, sizeof *cursor->frontier) != 0) {
            svcr__free(cursor);
            return svcr__fail_nomem("creating an agenda cursor");
        }
        cursor->frontier[cursor->count++] = item_at(agenda, 0);
    }
    *out = cursor;
    return SVCR_OK;
}

static void frontier_push(svcr_agenda_cursor *cursor, frontier_item item)
{
    size_t i = cursor->count++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!earlier(item, cursor->frontier[parent]))
            break;
        cursor->frontier[i] = cursor->frontier[parent];
        i = parent;
    }
    cursor->frontier[i] = item;
}

static frontier_item frontier_pop(svcr_agenda_cursor *cursor)
{
    frontier_item first = cursor->frontier[0];
    frontier_item last = cursor->frontier[--cursor->count];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= cursor->count)
            break;
        if (child + 1 < cursor->count && earlier(cursor->frontier[child + 1], cursor->frontier[child]))
            child++;
        if (!earlier(cursor->frontier[child], last))
            break;
        cursor->frontier[i] = cursor->frontier[child];
        i = child;
    }
    cursor->frontier[i] = last;
    return first;
}

svcr_status svcr_agenda_cursor_next(svcr_agenda_cursor *cursor, svcr_agenda_entry *out)
{
    SVCR_REQUIRE_ARG(cursor);
    SVCR_REQUIRE_SIZED_ARG(out);
    const svcr_agenda *agenda = cursor->agenda;
    if (cursor->version != agenda->version)
        return svcr__fail(SVCR_ESTATE, "%s: the agenda changed since the cursor was made", __func__);
    if (cursor->count == 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: no more entries due before %lld", __func__,
                          (long long)cursor->before);
    /* Room for the children first, so that a failure leaves the cursor as it was. */
    if (svcr__grow((void **)&cursor->frontier, &cursor->capacity, cursor->count + 4,
                   sizeof *cursor->frontier) != 0)
        return svcr__fail_nomem("walking the agenda");
    size_t position = frontier_pop(cursor).position;
    svcr__agenda_entry_of(agenda, position, out);
    for (size_t child = 4 * position + 1; child <= 4 * position + 4; child++)
        if (child < agenda->count && agenda->due[child] < cursor->before)
            frontier_push(cursor, item_at(agenda, child));
    return SVCR_OK;
}

void svcr_agenda_cursor_free(svcr_agenda_cursor *cursor)
{
    if (cursor == NULL)
        return;
    svcr__free(cursor->frontier);
    svcr__free(cursor);
}
