/* Private: the layout of a case, shared by the files of the case module.
 *
 * A case is one allocation: this struct (with room for its first log entries), then the current
 * fact values (one slot per fact the workflow declares), the bitset of facts that are set, and the
 * id. Later log entries, fact changes and notes are in arrays of their own. States, events, roles
 * and facts are indexes into the workflow, which interns their names. */
#ifndef SVCR_CASE_INTERNAL_H
#define SVCR_CASE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/case.h>

#include "workflow/internal.h"

/* A fact's value; its type is the workflow's declaration of the slot. */
typedef union svcr__fact_value {
    char *string; /* owned by the svcr__fact_change that set it */
    int64_t integer;
    bool boolean;
    svcr_money money;
} svcr__fact_value;

/* One recorded fact change: set (with its value) or cleared, after @c after events. Replaying
 * changes and events in this order reproduces every guard decision exactly. */
typedef struct svcr__fact_change {
    svcr__fact_value value;
    uint32_t after;
    uint16_t slot;
    bool set;
} svcr__fact_change;

/* 16 bytes: the log is most of a case's memory. Notes are rare and kept aside. */
typedef struct svcr__log_entry {
    int64_t at;
    uint16_t event, from, to, role;
} svcr__log_entry;

/* The note of log entry @c index (notes are appended in log order, so sorted by index). */
typedef struct svcr__note {
    size_t index;
    char *text;
} svcr__note;

/* Log entries kept inside the case: a walk through the five steps allocates nothing more, and
 * the entries sit next to the state they change. */
enum { SVCR__CASE_FIRST_LOG = 8 };

struct svcr_case {
    const svcr_workflow *wf;
    const char *id; /* in this allocation, after the fact values and set-bits */
    int64_t opened_at;
    int64_t state_since;
    size_t log_length;
    svcr__log_entry *more_log; /* entries after the first SVCR__CASE_FIRST_LOG */
    size_t more_log_capacity;
    svcr__fact_change *changes;
    size_t change_count, change_capacity;
    svcr__note *notes;
    size_t note_count, note_capacity;
    uint16_t state;
    svcr__log_entry first_log[SVCR__CASE_FIRST_LOG];
};

/* Log entry @p index (0-based, below log_length). */
static inline svcr__log_entry *svcr__case_log(const svcr_case *c, size_t index)
{
    return index < SVCR__CASE_FIRST_LOG ? (svcr__log_entry *)&c->first_log[index]
                                        : &c->more_log[index - SVCR__CASE_FIRST_LOG];
}

/* The current fact values, one per fact slot, right after the struct. */
static inline svcr__fact_value *svcr__case_values(const svcr_case *c)
{
    return (svcr__fact_value *)(c + 1);
}

/* One bit per fact slot: set or not; after the values. */
static inline uint64_t *svcr__case_set_bits(const svcr_case *c)
{
    return (uint64_t *)(svcr__case_values(c) + c->wf->fact_count);
}

static inline bool svcr__case_fact_is_set(const svcr_case *c, uint32_t slot)
{
    return (svcr__case_set_bits(c)[slot / 64] >> (slot % 64)) & 1;
}

/* The note of log entry @p index, or NULL. */
const char *svcr__case_note(const svcr_case *c, size_t index);

static inline int64_t svcr__case_last_at(const svcr_case *c)
{
    return c->log_length ? svcr__case_log(c, c->log_length - 1)->at : c->opened_at;
}

/* Apply (or with @p commit false, only check) an event; see svcr_case_apply(). */
svcr_status svcr__case_apply(svcr_case *c, const char *event, const char *role, int64_t at,
                             const char *note, bool commit);

/* Set the fact @p name to *@p value of @p type (a string is copied), or clear it when @p value is
 * NULL; records the change. @p function names the public entry point in messages. */
svcr_status svcr__case_set(svcr_case *c, const char *function, const char *name, svcr_fact_type type,
                           const svcr__fact_value *value);

/* Does @p text hold valid UTF-8 (no overlong forms, surrogates or values above U+10FFFF)? */
bool svcr__utf8_valid(const char *text);

/* A time for a message: ISO 8601, or the raw number when out of that range. */
void svcr__case_format_time(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE]);

#endif
