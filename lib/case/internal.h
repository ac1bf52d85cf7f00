/* Private: the layout of a case, shared by the files of the case module.
 *
 * A case is one allocation: this struct, the bitset of facts that are set (one bit per fact the
 * workflow declares), then the id. The log and the history (fact changes and notes) are arrays
 * of their own, allocated when first needed and grown by doubling. States, events, roles and
 * facts are indexes into the workflow, which interns their names.
 *
 * Memory: 64 bytes, 8 per 64 declared facts, the id; 16 per log entry; 24 per fact change or
 * note (plus the text the host passed). */
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

/* One step of the history besides events: a fact change (set, with its value, or cleared)
 * recorded after @c after events, or the note of log entry @c after. Records are in the order
 * they were made, so sorted by @c after; a note comes after the changes made before its event.
 * Replaying changes and events in this order reproduces every guard decision. */
typedef struct svcr__record {
    union {
        char *text;      /* a string fact's value or a note, owned by the record */
        int64_t integer; /* an integer; a boolean (0 or 1); a money amount in minor units */
    } value;
    uint32_t after;
    uint16_t slot;      /* the fact; SVCR__NOTE for a note */
    bool cleared;       /* a fact change that cleared the fact */
    char currency[4];   /* a money fact's ISO 4217 code */
} svcr__record;

enum { SVCR__NOTE = 0xFFFF };

/* A stored log entry: when, which transition of the workflow, by which role. */
typedef struct svcr__log_record {
    int64_t at;
    uint32_t transition;
    uint16_t role;
} svcr__log_record;

/* A log entry as read. */
typedef struct svcr__log_entry {
    int64_t at;
    uint16_t event, from, to, role;
    bool reopen;
} svcr__log_entry;

struct svcr_case {
    const svcr_workflow *wf;
    const char *id; /* in the same allocation, after set_bits */
    int64_t opened_at;
    svcr__log_record *log;
    uint32_t log_length, log_capacity;
    svcr__record *history;
    uint32_t history_length, history_capacity;
    uint16_t state;
    uint64_t set_bits[]; /* one bit per fact slot */
};

/* Log entry @p index (0-based, below log_length). */
static inline svcr__log_entry svcr__case_log(const svcr_case *c, size_t index)
{
    const svcr__log_record *r = &c->log[index];
    const svcr__wf_transition *t = &c->wf->transitions[r->transition];
    return (svcr__log_entry){r->at, t->event, t->from, t->to, r->role, t->reopen};
}

static inline const char *svcr__case_id(const svcr_case *c)
{
    return c->id;
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
    return c->log_length ? c->log[c->log_length - 1].at : c->opened_at;
}

/* Since when the case is in its state: its last change of state, or its opening. */
int64_t svcr__case_state_since(const svcr_case *c);

/* The capacities the log and the history are first allocated with: the happy path of a typical
 * workflow, and a few facts. */
enum { SVCR__FIRST_LOG = 8, SVCR__FIRST_HISTORY = 4 };

/* Grow *@p array (@p length elements of @p size, full at *@p capacity) for one more element: to
 * @p first elements, or double the capacity. 0, or -1 when out of memory (nothing changed). */
int svcr__case_grow(void **array, uint32_t *capacity, uint32_t length, uint32_t first, size_t size);

/* Make room in *@p array for one more element, growing it when full; 0, or -1 when out of memory
 * (nothing changed). */
static inline int svcr__case_reserve(void **array, uint32_t *capacity, uint32_t length, uint32_t first, size_t size)
{
    return length < *capacity ? 0 : svcr__case_grow(array, capacity, length, first, size);
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
