/* Reading a workflow: names, states, events, roles, facts and transitions. */
#include "workflow/internal.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"initial", "active", "waiting-on-customer", "resolved", "closed"};
static const char *const type_names[] = {"string", "integer", "boolean", "money"};

enum {
    KIND_COUNT = sizeof kind_names / sizeof kind_names[0],
    TYPE_COUNT = sizeof type_names / sizeof type_names[0],
};

const char *svcr_state_kind_name(svcr_state_kind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_names[kind] : "unknown";
}

const char *svcr_fact_type_name(svcr_fact_type type)
{
    return (unsigned)type < TYPE_COUNT ? type_names[type] : "unknown";
}

int svcr__state_kind_from_name(const char *name)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (strcmp(kind_names[k], name) == 0)
            return k;
    return -1;
}

int svcr__fact_type_from_name(const char *name)
{
    for (int t = 0; t < TYPE_COUNT; t++)
        if (strcmp(type_names[t], name) == 0)
            return t;
    return -1;
}

void svcr__workflow_list_events(const svcr_workflow *wf, uint32_t state, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t e = 0; e < wf->event_count; e++) {
        if (svcr__workflow_lookup(wf, state, e) == NULL)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", wf->event_names[e]);
        if (n < 0 || (size_t)n >= size - used)
            break; /* truncated: the list is advice in a message */
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(buf, size, "none");
}

const char *svcr_workflow_name(const svcr_workflow *wf)
{
    return wf ? wf->name : NULL;
}

const char *svcr_workflow_title(const svcr_workflow *wf)
{
    return wf ? wf->title : NULL;
}

int64_t svcr_workflow_reopen_grace(const svcr_workflow *wf)
{
    return wf ? wf->reopen_grace : -1;
}

const char *svcr_workflow_initial_state(const svcr_workflow *wf)
{
    return wf ? wf->state_names[wf->initial] : NULL;
}

size_t svcr_workflow_state_count(const svcr_workflow *wf)
{
    return wf ? wf->state_count : 0;
}

size_t svcr_workflow_event_count(const svcr_workflow *wf)
{
    return wf ? wf->event_count : 0;
}

const char *svcr_workflow_event_name(const svcr_workflow *wf, size_t index)
{
    return wf && index < wf->event_count ? wf->event_names[index] : NULL;
}

size_t svcr_workflow_role_count(const svcr_workflow *wf)
{
    return wf ? wf->role_count : 0;
}

const char *svcr_workflow_role_name(const svcr_workflow *wf, size_t index)
{
    return wf && index < wf->role_count ? wf->role_names[index] : NULL;
}

size_t svcr_workflow_fact_count(const svcr_workflow *wf)
{
    return wf ? wf->fact_count : 0;
}

size_t svcr_workflow_transition_count(const svcr_workflow *wf)
{
    return wf ? wf->transition_count : 0;
}

/* The caller's info struct may be an older, smaller version: fill what fits. */
#define FILL_INFO(out, full)                                                                     \
    do {                                                                                         \
        size_t size_ = (out)->size < sizeof(full) ? (out)->size : sizeof(full);                  \
        (full).size = (out)->size;                                                               \
        memcpy((out), &(full), size_);                                                           \
    } while (0)

static svcr_status check_info(const char *function, const void *wf, const void *out, size_t size)
{
    if (wf == NULL)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"wf\" is NULL", function);
    if (out == NULL)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"out\" is NULL", function);
    if (size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "%s: out->size is %zu; set it to the struct's sizeof", function,
                          size);
    return SVCR_OK;
}

/* check_info(), then @p index must be below @p count (the workflow's number of @p things). */
static svcr_status check_index(const char *function, const svcr_workflow *wf, const void *out, size_t size,
                               size_t index, size_t count, const char *things)
{
    svcr_status st = check_info(function, wf, out, size);
    if (st == SVCR_OK && index >= count)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (workflow \"%s\" has %zu %s)", function,
                          index, wf->name, count, things);
    return st;
}

static svcr_status fill_state(const svcr_workflow *wf, size_t index, svcr_state_info *out)
{
    svcr_state_info full = {0, index, wf->state_names[index], wf->states[index].kind,
                            wf->states[index].guidance, wf->states[index].due_after};
    FILL_INFO(out, full);
    return SVCR_OK;
}

svcr_status svcr_workflow_state(const svcr_workflow *wf, size_t index, svcr_state_info *out)
{
    svcr_status st = check_index(__func__, wf, out, out ? out->size : 0, index,
                                 wf ? wf->state_count : 0, "states");
    if (st != SVCR_OK)
        return st;
    return fill_state(wf, index, out);
}

svcr_status svcr_workflow_find_state(const svcr_workflow *wf, const char *name, svcr_state_info *out)
{
    SVCR_REQUIRE_ARG(name);
    svcr_status st = check_info(__func__, wf, out, out ? out->size : 0);
    if (st != SVCR_OK)
        return st;
    long s = svcr__workflow_find_state(wf, name);
    if (s < 0)
        return svcr__fail(SVCR_ENOTFOUND, "workflow \"%s\" has no state \"%s\"", wf->name, name);
    return fill_state(wf, (size_t)s, out);
}

static svcr_status fill_fact(const svcr_workflow *wf, size_t index, svcr_fact_info *out)
{
    const svcr__wf_fact *f = &wf->facts[index];
    svcr_fact_info full = {0, index, wf->fact_names[index], f->type, f->description, f->has_scale,
                           f->has_scale ? f->scale_min : 0, f->has_scale ? f->scale_max : 0, f->taxonomy};
    FILL_INFO(out, full);
    return SVCR_OK;
}

svcr_status svcr_workflow_fact(const svcr_workflow *wf, size_t index, svcr_fact_info *out)
{
    svcr_status st = check_index(__func__, wf, out, out ? out->size : 0, index,
                                 wf ? wf->fact_count : 0, "facts");
    if (st != SVCR_OK)
        return st;
    return fill_fact(wf, index, out);
}

svcr_status svcr_workflow_find_fact(const svcr_workflow *wf, const char *name, svcr_fact_info *out)
{
    SVCR_REQUIRE_ARG(name);
    svcr_status st = check_info(__func__, wf, out, out ? out->size : 0);
    if (st != SVCR_OK)
        return st;
    long f = svcr__workflow_find_fact(wf, name);
    if (f < 0)
        return svcr__fail(SVCR_ENOTFOUND, "workflow \"%s\" declares no fact \"%s\"", wf->name, name);
    return fill_fact(wf, (size_t)f, out);
}

static svcr_status fill_transition(const svcr_workflow *wf, size_t index, svcr_transition_info *out)
{
    const svcr__wf_transition *t = &wf->transitions[index];
    svcr_transition_info full = {0,
                                 index,
                                 wf->event_names[t->event],
                                 wf->state_names[t->from],
                                 wf->state_names[t->to],
                                 t->required_names,
                                 t->required_count,
                                 t->role_names,
                                 t->role_count,
                                 t->reopen};
    FILL_INFO(out, full);
    return SVCR_OK;
}

svcr_status svcr_workflow_transition(const svcr_workflow *wf, size_t index, svcr_transition_info *out)
{
    svcr_status st = check_index(__func__, wf, out, out ? out->size : 0, index,
                                 wf ? wf->transition_count : 0, "transitions");
    if (st != SVCR_OK)
        return st;
    return fill_transition(wf, index, out);
}

svcr_status svcr_workflow_find_transition(const svcr_workflow *wf, const char *from, const char *event,
                                          svcr_transition_info *out)
{
    SVCR_REQUIRE_ARG(from);
    SVCR_REQUIRE_ARG(event);
    svcr_status st = check_info(__func__, wf, out, out ? out->size : 0);
    if (st != SVCR_OK)
        return st;
    long s = svcr__workflow_find_state(wf, from);
    if (s < 0)
        return svcr__fail(SVCR_ENOTFOUND, "workflow \"%s\" has no state \"%s\"", wf->name, from);
    long e = svcr__workflow_find_event(wf, event);
    const svcr__wf_transition *t = e < 0 ? NULL : svcr__workflow_lookup(wf, (uint32_t)s, (uint32_t)e);
    if (t == NULL) {
        char allowed[256];
        svcr__workflow_list_events(wf, (uint32_t)s, allowed, sizeof allowed);
        return svcr__fail(SVCR_ENOTFOUND, "workflow \"%s\": state \"%s\" does not allow event \"%s\"; "
                          "allowed: %s", wf->name, from, event, allowed);
    }
    return fill_transition(wf, (size_t)(t - wf->transitions), out);
}

size_t svcr_workflow_timer_count(const svcr_workflow *wf)
{
    return wf ? wf->timer_count : 0;
}

static svcr_status fill_timer(const svcr_workflow *wf, size_t index, svcr_timer_info *out)
{
    const svcr__wf_timer *t = &wf->timers[index];
    svcr_timer_info full = {0,
                            index,
                            wf->timer_names[index],
                            wf->calendar_names[t->calendar],
                            t->target,
                            t->on_reopen,
                            t->pause_names,
                            t->pause_count};
    FILL_INFO(out, full);
    return SVCR_OK;
}

svcr_status svcr_workflow_timer(const svcr_workflow *wf, size_t index, svcr_timer_info *out)
{
    svcr_status st = check_index(__func__, wf, out, out ? out->size : 0, index,
                                 wf ? wf->timer_count : 0, "timers");
    if (st != SVCR_OK)
        return st;
    return fill_timer(wf, index, out);
}

svcr_status svcr_workflow_find_timer(const svcr_workflow *wf, const char *name, svcr_timer_info *out)
{
    SVCR_REQUIRE_ARG(name);
    svcr_status st = check_info(__func__, wf, out, out ? out->size : 0);
    if (st != SVCR_OK)
        return st;
    long t = svcr__workflow_find_timer(wf, name);
    if (t < 0)
        return svcr__fail(SVCR_ENOTFOUND, "workflow \"%s\" has no timer \"%s\"", wf->name, name);
    return fill_timer(wf, (size_t)t, out);
}
