/* Private: the layout of a case, shared by the files of the case module.
 *
 * A case is one allocation: this struct, the bitset of facts that are set (one bit per fact the
 * workflow declares), then the id. The log and the history (fact changes and notes) are arrays
 * of their own, allocated when first needed and grown by doubling; their capacities follow from
 * their lengths. States, events, roles and facts are indexes into the workflow, which interns
 * their names.
 *
 * Memory: 48 bytes, 8 per 64 declared facts, the id; 8 per log entry (12 in a case that spans
 * more than 136 years); 16 per fact change or note (plus the text the host passed). */
#ifndef SVCR_CASE_INTERNAL_H
#define SVCR_CASE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/case.h>

#include "workflow/internal.h"
#include "base/utf8.h"

/* A fact's value; its type is the workflow's declaration of the slot. */
typedef union svcr__fact_value {
    char *string;
    int64_t integer;
    bool boolean;
    svcr_money money;
} svcr__fact_value;

/* One step of the history besides events, 16 bytes: a fact change (set, with its value, or
 * cleared) recorded after @c after events, or the note of log entry @c after. Records are in
 * the order they were made, so sorted by @c after; a note comes after the changes made before
 * its event. Replaying changes and events in this order reproduces every guard decision. */
typedef struct svcr__record {
    union {
        char *text;      /* a string fact's value or a note, owned by the record */
        int64_t integer; /* an integer; a boolean (0 or 1); a money amount in minor units */
    } value;
    uint32_t after;
    uint16_t slot;  /* the fact; SVCR__NOTE for a note */
    uint16_t extra; /* SVCR__CLEARED, or a money fact's currency (svcr__currency_pack) */
} svcr__record;

enum { SVCR__NOTE = 0xFFFF, SVCR__CLEARED = 0xFFFF };

/* A stored log entry, 8 bytes: the time as seconds after the case's opening (events are never
 * earlier), the transition and the role. */
typedef struct svcr__log_record {
    uint32_t offset;
    uint32_t code; /* transition index << SVCR__ROLE_BITS | role */
} svcr__log_record;

/* The same, 12 bytes, for a case with an event more than 2^32 - 1 seconds (136 years) after its
 * opening: the time in two halves, so that the array needs only 4-byte alignment. */
typedef struct svcr__wide_log_record {
    uint32_t at_low, at_high;
    uint32_t code;
} svcr__wide_log_record;

enum { SVCR__ROLE_BITS = 6 }; /* SVCR__MAX_ROLES is 64; transitions are fewer than 2^26 */

/* A log entry as read. */
typedef struct svcr__log_entry {
    int64_t at;
    uint16_t event, from, to, role;
    bool reopen;
} svcr__log_entry;

struct svcr_case {
    const svcr_workflow *wf;
    int64_t opened_at;
    void *log; /* svcr__log_record, or svcr__wide_log_record when wide_log */
    svcr__record *history;
    uint32_t log_length, history_length;
    uint16_t state;
    bool wide_log;
    uint64_t set_bits[]; /* one bit per fact slot; then the id */
};

/* The log and the history arrays are allocated for their first SVCR__FIRST_LOG or
 * SVCR__FIRST_HISTORY elements (powers of two), then doubled: full at 0 elements and at each
 * power of two from the first size on. */
enum { SVCR__FIRST_LOG = 8, SVCR__FIRST_HISTORY = 4 };

static inline bool svcr__case_full(size_t length, size_t first)
{
    return length == 0 || (length >= first && (length & (length - 1)) == 0);
}

static inline size_t svcr__case_log_record_size(const svcr_case *c)
{
    return c->wide_log ? sizeof(svcr__wide_log_record) : sizeof(svcr__log_record);
}

/* The time of log entry @p index (below log_length). */
static inline int64_t svcr__case_log_at(const svcr_case *c, size_t index)
{
    if (c->wide_log) {
        const svcr__wide_log_record *r = &((const svcr__wide_log_record *)c->log)[index];
        return (int64_t)(((uint64_t)r->at_high << 32) | r->at_low);
    }
    return (int64_t)((uint64_t)c->opened_at + ((const svcr__log_record *)c->log)[index].offset);
}

/* The transition and role of log entry @p index. */
static inline uint32_t svcr__case_log_code(const svcr_case *c, size_t index)
{
    return c->wide_log ? ((const svcr__wide_log_record *)c->log)[index].code
                       : ((const svcr__log_record *)c->log)[index].code;
}

/* Log entry @p index (0-based, below log_length). */
static inline svcr__log_entry svcr__case_log(const svcr_case *c, size_t index)
{
    uint32_t code = svcr__case_log_code(c, index);
    const svcr__wf_transition *t = &c->wf->transitions[code >> SVCR__ROLE_BITS];
    return (svcr__log_entry){svcr__case_log_at(c, index), t->event, t->from, t->to,
                             (uint16_t)(code & ((1u << SVCR__ROLE_BITS) - 1)), t->reopen};
}

static inline const char *svcr__case_id(const svcr_case *c)
{
    return (const char *)(c->set_bits + (c->wf->fact_count + 63) / 64);
}

static inline bool svcr__case_fact_is_set(const svcr_case *c, uint32_t slot)
{
    return (c->set_bits[slot / 64] >> (slot % 64)) & 1;
}

/* The value of fact @p slot, which is set. */
svcr__fact_value svcr__case_value(const svcr_case *c, uint32_t slot);

/* The value a fact-change record sets. */
svcr__fact_value svcr__record_value(const svcr_case *c, const svcr__record *r);

/* The note of log entry @p index, or NULL. */
const char *svcr__case_note(const svcr_case *c, size_t index);

static inline int64_t svcr__case_last_at(const svcr_case *c)
{
    return c->log_length ? svcr__case_log_at(c, c->log_length - 1) : c->opened_at;
}

/* Since when the case is in its state: its last change of state, or its opening. */
int64_t svcr__case_state_since(const svcr_case *c);

/* Grow *@p array (the log or the history, of @p length elements of @p size, full) for one more
 * element; 0, or -1 when out of memory (nothing changed). */
int svcr__case_grow(void **array, size_t length, size_t first, size_t size);

/* Make room in *@p array for one more element; 0, or -1 when out of memory (nothing changed). */
static inline int svcr__case_reserve(void **array, size_t length, size_t first, size_t size)
{
    return svcr__case_full(length, first) ? svcr__case_grow(array, length, first, size) : 0;
}

/* Apply (or with @p commit false, only check) an event; see svcr_case_apply(). */
svcr_status svcr__case_apply(svcr_case *c, const char *event, const char *role, int64_t at,
                             const char *note, bool commit);

/* Set the fact @p name to *@p value of @p type (a string is copied), or clear it when @p value is
 * NULL; records the change. @p function names the public entry point in messages. */
svcr_status svcr__case_set(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                           const svcr__fact_value *value);

/* A time for a message: ISO 8601, or the raw number when out of that range. */
void svcr__case_format_time(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE]);

#endif
