/* Private: the layout of a case, shared by the files of the case module.
 *
 * A case is one allocation: this struct, the bitset of facts that are set (one bit per fact the
 * workflow declares), then the id. The log and the history (fact changes and notes) are arrays
 * of their own, allocated when first needed and grown by doubling. States, events, roles and
 * facts are indexes into the workflow, which interns their names.
 *
 * Memory: 72 bytes, 8 per 64 declared facts, the id; 16 per log entry; 32 per fact change or
 * note (plus the text the host passed); the actors' names and bindings once there are any. */
#ifndef SVCR_CASE_INTERNAL_H
#define SVCR_CASE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/case.h>
#include <svcrecover/taxonomy.h>

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
 * recorded after @c after events, the note of log entry @c after, an assignment or an approval.
 * Records are in the order they were made, so sorted by @c after; a note comes after the other
 * records made before its event. Replaying records and events in this order reproduces every
 * guard decision. */
typedef struct svcr__record {
    union {
        char *text;      /* a string fact's value or a note, owned by the record */
        int64_t integer; /* an integer; a boolean (0 or 1); a money amount in minor units; for an
                            assignment the assignee (an actor number, 0: unassigned) */
    } value;
    int64_t at;         /* when it was made; SVCR__NO_TIME when not recorded */
    uint32_t after;
    uint16_t slot;      /* the fact (a change or an approval of it); SVCR__NOTE; SVCR__ASSIGN */
    uint16_t actor;     /* who made it: 1 + index into the case's actors; 0 when not recorded */
    uint16_t role;      /* in which role: 1 + the workflow's role index; 0 when not recorded */
    uint8_t kind;       /* svcr__record_kind */
    char currency[4];   /* a money fact's (or an approval's) ISO 4217 code */
} svcr__record;

enum { SVCR__NOTE = 0xFFFF, SVCR__ASSIGN = 0xFFFE };

typedef enum svcr__record_kind {
    SVCR__SET = 0, /* a fact set to a value */
    SVCR__CLEAR,   /* a fact cleared */
    SVCR__NOTE_RECORD,
    SVCR__ASSIGNMENT,
    SVCR__APPROVAL, /* an amount of a money fact approved by a role (its limit covers it) */
} svcr__record_kind;

#define SVCR__NO_TIME INT64_MIN

static inline bool svcr__record_is_change(const svcr__record *r)
{
    return r->kind <= SVCR__CLEAR;
}

/* A stored log entry: when, which transition of the workflow, by which role and person (1 +
 * index into the case's actors; 0 when not recorded). */
typedef struct svcr__log_record {
    int64_t at;
    uint32_t transition;
    uint16_t role;
    uint16_t actor;
} svcr__log_record;

/* What a case holds besides its state, allocated on first use (most cases never need it): the
 * people who acted on it (interned: records hold numbers) and what the host bound to it. */
typedef struct svcr__case_extra {
    char **actors;
    uint32_t actor_count, actor_capacity;
    const svcr_limits *limits;
    const svcr_taxonomy *taxonomy;
} svcr__case_extra;

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
    svcr__case_extra *extra; /* NULL until an actor is recorded or something is bound */
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

/* Apply (or with @p commit false, only check) an event; see svcr_case_apply(). @p actor is a
 * number from svcr__case_actor() (0: none). */
svcr_status svcr__case_apply(svcr_case *c, const char *event, const char *role, int64_t at,
                             const char *note, bool commit, uint16_t actor);

/* The number of actor @p name in the case's table, adding it if new (0 for NULL or ""). */
svcr_status svcr__case_actor(svcr_case *c, const char *function, const char *name, uint16_t *out);

/* The name of actor number @p actor, or NULL for 0. */
static inline const char *svcr__case_actor_name(const svcr_case *c, uint16_t actor)
{
    return actor ? c->extra->actors[actor - 1] : NULL;
}

/* The extra part of a case, allocated if need be; NULL when out of memory. */
svcr__case_extra *svcr__case_extra_get(svcr_case *c);

/* The spending limits in force: the host's, else the workflow's; NULL for none. */
static inline const svcr_limits *svcr__case_limits(const svcr_case *c)
{
    return c->extra && c->extra->limits ? c->extra->limits : c->wf->limits;
}

/* Refuse event transition @p t by role @p role when it commits a money fact above the role's
 * limit without a covering approval (see svcr_limits). */
svcr_status svcr__case_check_limits(const svcr_case *c, const svcr_limits *limits, const char *event,
                                    const svcr__wf_transition *t, uint16_t role);

/* Record an approval (see svcr_case_approve()); with @p check false its validity against the
 * limits is taken as given (a decoded history). */
svcr_status svcr__case_approve(svcr_case *c, const char *function, const char *fact, svcr_money amount,
                               const char *role, const char *approver, int64_t at, bool check);

/* Record @p record (reserving room first); -1 when out of memory. */
int svcr__case_record(svcr_case *c, const svcr__record *record);

/* Set the fact @p name to *@p value of @p type (a string is copied), or clear it when @p value is
 * NULL; records the change. @p function names the public entry point in messages. */
svcr_status svcr__case_set(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                           const svcr__fact_value *value);

/* The same, recording when, in which role (1 + index, 0: none) and by whom (an actor number). */
svcr_status svcr__case_set_by(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                              const svcr__fact_value *value, int64_t at, uint16_t role, uint16_t actor);

/* A time for a message: ISO 8601, or the raw number when out of that range. */
void svcr__case_format_time(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE]);

#endif
