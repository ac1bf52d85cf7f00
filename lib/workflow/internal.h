/* Private: the compiled form of a workflow, shared with the case module.
 *
 * Everything but the name indexes (base/hashmap.h) lives in one arena; all is immutable after
 * svcr__workflow_build(). Names are interned here once; cases refer to states, events, roles and
 * facts by index, and the (state, event) -> transition lookup is one array access. */
#ifndef SVCR_WORKFLOW_INTERNAL_H
#define SVCR_WORKFLOW_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <svcrecover/workflow.h>

#include "base/json_util.h"
#include "workflow/arena.h"
#include "workflow/names.h"

/* Size limits; they keep indexes in 16 bits in the case log and the lookup table small. */
enum {
    SVCR__MAX_STATES = 1024,
    SVCR__MAX_EVENTS = 1024,
    SVCR__MAX_ROLES = 64, /* roles allowed to fire a transition form a 64-bit mask */
    SVCR__MAX_FACTS = 4096,
    SVCR__MAX_TIMERS = 256,
};

#define SVCR__DEFAULT_REOPEN_GRACE ((int64_t)14 * 86400)

typedef struct svcr__wf_state {
    const char *guidance;
    svcr_state_kind kind;
    int64_t due_after; /* -1: none */
} svcr__wf_state;

typedef struct svcr__wf_fact {
    const char *description;
    svcr_fact_type type;
    bool has_scale; /* an integer fact with a "scale": its values lie in [scale_min, scale_max] */
    bool taxonomy;  /* a string fact that holds codes of the taxonomy in force ("taxonomy": true) */
    int64_t scale_min, scale_max;
} svcr__wf_fact;

typedef struct svcr__wf_transition {
    uint16_t event, from, to;
    bool reopen;
    uint16_t required_count;
    uint16_t role_count;
    const uint16_t *required;          /* fact slots */
    const char *const *required_names; /* the same facts by name, for svcr_transition_info */
    const char *const *role_names;
    uint64_t role_mask;                /* bit r: role r may fire it */
} svcr__wf_transition;

/* What starts or stops a timer. */
typedef enum svcr__trigger_kind {
    SVCR__TRIGGER_OPENED, /* the case is opened (start only) */
    SVCR__TRIGGER_EVENT,  /* an event is applied; index: the event */
    SVCR__TRIGGER_ENTER,  /* the case enters a state from another; index: the state */
    SVCR__TRIGGER_LEAVE,  /* the case leaves a state for another; index: the state */
} svcr__trigger_kind;

typedef struct svcr__wf_trigger {
    uint16_t kind; /* svcr__trigger_kind */
    uint16_t index;
} svcr__wf_trigger;

typedef struct svcr__wf_timer {
    int64_t target;
    svcr_timer_reopen on_reopen;
    uint16_t calendar; /* index into calendar_names */
    uint16_t start_count, stop_count, pause_count;
    bool implicit;     /* declared by a state's "due_after", written back that way */
    const svcr__wf_trigger *start, *stop;
    const char *const *pause_names;
    const bool *paused; /* [state]: the timer does not count there */
} svcr__wf_timer;

struct svcr_workflow {
    svcr__arena arena;
    const char *name;
    const char *title;
    int64_t reopen_grace;
    uint16_t initial;
    uint16_t state_count, event_count, role_count, fact_count;
    uint32_t transition_count;
    const char *const *state_names;
    svcr__wf_state *states;
    const char *const *event_names;
    const char *const *role_names;
    const char *const *fact_names;
    svcr__wf_fact *facts;
    svcr__wf_transition *transitions;
    /* [state * event_count + event] = transition index + 1; 0 when the state does not allow it */
    uint32_t *table;
    svcr__name_index state_index, event_index, role_index, fact_index;
    uint16_t timer_count, calendar_count;
    const char *const *timer_names;
    svcr__wf_timer *timers;
    const char *const *calendar_names; /* distinct names the timers count in */
    svcr__name_index timer_index, calendar_index;
    svcr_limits *limits; /* the "limits" member, or NULL; outside the arena */
};

/* The host's settings for a workflow's timers (see svcr_timer_config_new()). */
struct svcr_timer_config {
    const svcr_workflow *wf;
    const svcr_calendar **calendars; /* [calendar slot]; NULL: unbound */
    int64_t *targets;                /* [timer]; -1: the workflow's target */
};

/* The always-open calendar's name: a timer counting in it needs no binding. */
#define SVCR__CALENDAR_24X7 "24x7"

/* Validate the parsed JSON @p root of @p source and build a workflow from it into
 * *(svcr_workflow **)@p out (the signature svcr__json_parse() takes). */
svcr_status svcr__workflow_build(const svcr__json_source *source, json_t *root, void *out);

static inline long svcr__workflow_find_state(const svcr_workflow *wf, const char *name)
{
    return svcr__name_index_find(&wf->state_index, name);
}

static inline long svcr__workflow_find_event(const svcr_workflow *wf, const char *name)
{
    return svcr__name_index_find(&wf->event_index, name);
}

static inline long svcr__workflow_find_role(const svcr_workflow *wf, const char *name)
{
    return svcr__name_index_find(&wf->role_index, name);
}

static inline long svcr__workflow_find_timer(const svcr_workflow *wf, const char *name)
{
    return svcr__name_index_find(&wf->timer_index, name);
}

static inline long svcr__workflow_find_fact(const svcr_workflow *wf, const char *name)
{
    return svcr__name_index_find(&wf->fact_index, name);
}

/* The transition @p event fires in @p state, or NULL. */
static inline const svcr__wf_transition *svcr__workflow_lookup(const svcr_workflow *wf, uint32_t state,
                                                              uint32_t event)
{
    uint32_t entry = wf->table[state * wf->event_count + event];
    return entry ? &wf->transitions[entry - 1] : NULL;
}

/* The timers declared under "timers" as JSON (a new reference; NULL after a jansson failure). */
json_t *svcr__encode_timers(const svcr_workflow *wf);

/* Write the events @p state allows, comma-separated, into @p buf ("none" when there are none). */
void svcr__workflow_list_events(const svcr_workflow *wf, uint32_t state, char *buf, size_t size);

/* Kind and type names as written in JSON; -1 for an unknown name. */
int svcr__state_kind_from_name(const char *name);
int svcr__fact_type_from_name(const char *name);

#endif
