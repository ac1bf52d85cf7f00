/* Timers as workflow data: loading "timers" (and the timers states declare with "due_after"),
 * and writing them back.
 *
 *   {"name": "first_response", "start": "opened", "stop": {"event": "apologized"},
 *    "target": "1h", "calendar": "business", "pause_in": ["waiting"], "on_reopen": "stop"}
 *
 * A trigger is "opened" (start only) or one of {"event": e}, {"enter": s}, {"leave": s}; "start"
 * and "stop" take one trigger or an array of them. */
#include "workflow/build.h"
#include "workflow/duration.h"

#include <stdio.h>
#include <string.h>

typedef svcr__builder builder;

#define FAIL SVCR__BUILD_FAIL
#define NOMEM svcr__build_nomem

static const char *const reopen_names[] = {"resume", "restart", "stop"};
static const char *const trigger_keys[] = {"opened", "event", "enter", "leave"};

static svcr_status parse_trigger(builder *b, const json_t *value, const char *pointer, bool start,
                                 svcr__wf_trigger *out)
{
    static const char *const allowed[] = {"event", "enter", "leave", NULL};
    if (start && json_is_string(value) && strcmp(json_string_value(value), "opened") == 0) {
        *out = (svcr__wf_trigger){SVCR__TRIGGER_OPENED, 0};
        return SVCR_OK;
    }
    if (!json_is_object(value) || json_object_size(value) != 1)
        return FAIL(b, pointer, "must be %s{\"event\": ...}, {\"enter\": state} or {\"leave\": state}",
                    start ? "\"opened\", " : "");
    svcr_status st = svcr__json_expect_object(b->source, value, pointer, allowed);
    if (st != SVCR_OK)
        return st;
    const char *key = json_object_iter_key(json_object_iter((json_t *)value));
    const json_t *name = json_object_get(value, key);
    char at[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    if (!json_is_string(name))
        return FAIL(b, at, "must be a string");
    bool event = strcmp(key, "event") == 0;
    long index = event ? svcr__workflow_find_event(b->wf, json_string_value(name))
                       : svcr__workflow_find_state(b->wf, json_string_value(name));
    if (index < 0)
        return FAIL(b, at, "unknown %s \"%s\"", event ? "event" : "state", json_string_value(name));
    *out = (svcr__wf_trigger){event ? SVCR__TRIGGER_EVENT
                                    : strcmp(key, "enter") == 0 ? SVCR__TRIGGER_ENTER : SVCR__TRIGGER_LEAVE,
                              (uint16_t)index};
    return SVCR_OK;
}

/* "start" or "stop": one trigger or a non-empty array of them. */
static svcr_status parse_triggers(builder *b, const json_t *timer, const char *pointer, const char *key,
                                  const svcr__wf_trigger **list, uint16_t *count)
{
    const json_t *value = json_object_get(timer, key);
    char at[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    if (value == NULL)
        return FAIL(b, pointer, "missing member \"%s\"", key);
    size_t n = json_is_array(value) ? json_array_size(value) : 1;
    if (n == 0 || n > SVCR__MAX_EVENTS)
        return FAIL(b, at, "must name from 1 to %d triggers", SVCR__MAX_EVENTS);
    svcr__wf_trigger *triggers = svcr__arena_array(&b->arena, n, sizeof *triggers);
    if (triggers == NULL)
        return NOMEM();
    bool start = strcmp(key, "start") == 0;
    for (size_t i = 0; i < n; i++) {
        char item_at[SVCR__POINTER_SIZE];
        if (json_is_array(value))
            svcr__json_pointer_index(item_at, at, i);
        svcr_status st = parse_trigger(b, json_is_array(value) ? json_array_get(value, i) : value,
                                       json_is_array(value) ? item_at : at, start, &triggers[i]);
        if (st != SVCR_OK)
            return st;
    }
    *list = triggers;
    *count = (uint16_t)n;
    return SVCR_OK;
}

/* "pause_in": the states in which the timer does not count. */
static svcr_status parse_paused(builder *b, const json_t *timer, const char *pointer, svcr__wf_timer *t)
{
    svcr_workflow *wf = b->wf;
    const json_t *list;
    svcr_status st = svcr__json_array(b->source, timer, pointer, "pause_in", false, SVCR__MAX_STATES, &list);
    if (st != SVCR_OK)
        return st;
    size_t n = json_array_size(list);
    bool *paused = svcr__arena_array(&b->arena, wf->state_count, sizeof *paused);
    const char **names = svcr__arena_array(&b->arena, n ? n : 1, sizeof *names);
    if (paused == NULL || names == NULL)
        return NOMEM();
    for (size_t i = 0; i < n; i++) {
        char list_at[SVCR__POINTER_SIZE], at[SVCR__POINTER_SIZE];
        svcr__json_pointer_member(list_at, pointer, "pause_in");
        svcr__json_pointer_index(at, list_at, i);
        const json_t *item = json_array_get(list, i);
        long s = json_is_string(item) ? svcr__workflow_find_state(wf, json_string_value(item)) : -1;
        if (s < 0)
            return FAIL(b, at, json_is_string(item) ? "unknown state \"%s\"" : "must be a state's name%s",
                        json_is_string(item) ? json_string_value(item) : "");
        if (paused[s])
            return FAIL(b, at, "state \"%s\" is listed twice", wf->state_names[s]);
        paused[s] = true;
        names[i] = wf->state_names[s];
    }
    t->paused = paused;
    t->pause_names = names;
    t->pause_count = (uint16_t)n;
    return SVCR_OK;
}

/* The slot of a calendar name, added on first use. */
static svcr_status calendar_slot(builder *b, const char *name, uint16_t *slot)
{
    svcr_workflow *wf = b->wf;
    const char **names = (const char **)wf->calendar_names;
    long existing = svcr__name_index_find(&wf->calendar_index, name);
    if (existing >= 0) {
        *slot = (uint16_t)existing;
        return SVCR_OK;
    }
    if ((names[wf->calendar_count] = svcr__arena_strdup(&b->arena, name)) == NULL)
        return NOMEM();
    svcr__name_index_add(&wf->calendar_index, names[wf->calendar_count], wf->calendar_count);
    *slot = wf->calendar_count++;
    return SVCR_OK;
}

/* Give timer @p i its name; a second timer of that name is an error at @p pointer. */
static svcr_status name_timer(builder *b, size_t i, const char *name, const char *pointer)
{
    svcr_workflow *wf = b->wf;
    const char **names = (const char **)wf->timer_names;
    if ((names[i] = svcr__arena_strdup(&b->arena, name)) == NULL)
        return NOMEM();
    long existing = svcr__name_index_add(&wf->timer_index, names[i], i);
    if (existing >= 0)
        return FAIL(b, pointer, "a second timer \"%s\" (timers/%ld has that name)", name, existing);
    wf->timer_count = (uint16_t)(i + 1);
    return SVCR_OK;
}

static svcr_status build_timer(builder *b, const json_t *timer, size_t i)
{
    static const char *const allowed[] = {"name", "start", "stop", "target", "calendar", "pause_in", "on_reopen",
                                          NULL};
    svcr__wf_timer *t = &b->wf->timers[i];
    char at[SVCR__POINTER_SIZE], member[SVCR__POINTER_SIZE];
    svcr__json_pointer_index(at, "/timers", i);
    const char *name, *calendar, *on_reopen;
    svcr_status st;
    if ((st = svcr__json_expect_object(b->source, timer, at, allowed)) != SVCR_OK ||
        (st = svcr__json_string(b->source, timer, at, "name", SVCR__JSON_REQUIRED | SVCR__JSON_NONEMPTY, &name)) ||
        (st = svcr__json_string(b->source, timer, at, "calendar", SVCR__JSON_NONEMPTY, &calendar)) != SVCR_OK ||
        (st = svcr__json_string(b->source, timer, at, "on_reopen", 0, &on_reopen)) != SVCR_OK ||
        (st = parse_triggers(b, timer, at, "start", &t->start, &t->start_count)) != SVCR_OK ||
        (st = parse_triggers(b, timer, at, "stop", &t->stop, &t->stop_count)) != SVCR_OK ||
        (st = parse_paused(b, timer, at, t)) != SVCR_OK ||
        (st = svcr__build_duration(b, timer, at, "target", -1, &t->target)) != SVCR_OK)
        return st;
    if (t->target < 0)
        return FAIL(b, at, "missing member \"target\"");
    for (size_t k = 0; k < t->stop_count; k++)
        if (t->stop[k].kind == SVCR__TRIGGER_OPENED)
            return FAIL(b, at, "a timer cannot stop when the case is opened");
    t->on_reopen = SVCR_TIMER_RESUME;
    if (on_reopen != NULL) {
        int r = 0;
        while (r < 3 && strcmp(reopen_names[r], on_reopen) != 0)
            r++;
        svcr__json_pointer_member(member, at, "on_reopen");
        if (r == 3)
            return FAIL(b, member, "must be \"resume\", \"restart\" or \"stop\"");
        t->on_reopen = (svcr_timer_reopen)r;
    }
    if ((st = calendar_slot(b, calendar ? calendar : SVCR__CALENDAR_24X7, &t->calendar)) != SVCR_OK)
        return st;
    svcr__json_pointer_member(member, at, "name");
    return name_timer(b, i, name, member);
}

/* A state's "due_after": a 24x7 timer named after the state, from entering it until leaving it. */
static svcr_status build_state_timer(builder *b, uint16_t state, size_t i)
{
    svcr_workflow *wf = b->wf;
    svcr__wf_timer *t = &wf->timers[i];
    svcr__wf_trigger *triggers = svcr__arena_array(&b->arena, 2, sizeof *triggers);
    bool *paused = svcr__arena_array(&b->arena, wf->state_count, sizeof *paused);
    if (triggers == NULL || paused == NULL)
        return NOMEM();
    triggers[0] = (svcr__wf_trigger){SVCR__TRIGGER_ENTER, state};
    triggers[1] = (svcr__wf_trigger){SVCR__TRIGGER_LEAVE, state};
    *t = (svcr__wf_timer){.target = wf->states[state].due_after,
                          .on_reopen = SVCR_TIMER_STAY,
                          .start_count = 1,
                          .stop_count = 1,
                          .implicit = true,
                          .start = &triggers[0],
                          .stop = &triggers[1],
                          .pause_names = wf->state_names, /* with pause_count 0: none */
                          .paused = paused};
    svcr_status st = calendar_slot(b, SVCR__CALENDAR_24X7, &t->calendar);
    if (st != SVCR_OK)
        return st;
    char at[SVCR__POINTER_SIZE];
    snprintf(at, sizeof at, "/states/%u/due_after", state);
    return name_timer(b, i, wf->state_names[state], at);
}

svcr_status svcr__build_timers(builder *b, const json_t *root)
{
    svcr_workflow *wf = b->wf;
    const json_t *timers;
    svcr_status st = svcr__json_array(b->source, root, "", "timers", false, SVCR__MAX_TIMERS, &timers);
    if (st != SVCR_OK)
        return st;
    size_t explicit_count = json_array_size(timers), total = explicit_count;
    for (uint16_t s = 0; s < wf->state_count; s++)
        total += wf->states[s].due_after >= 0;
    if (total > SVCR__MAX_TIMERS)
        return FAIL(b, "/timers", "more than %d timers", SVCR__MAX_TIMERS);
    /* Room for every timer's name and calendar name (at most one distinct calendar per timer). */
    wf->timers = svcr__arena_array(&b->arena, total ? total : 1, sizeof *wf->timers);
    wf->timer_names = svcr__arena_array(&b->arena, total ? total : 1, sizeof *wf->timer_names);
    wf->calendar_names = svcr__arena_array(&b->arena, total ? total : 1, sizeof *wf->calendar_names);
    if (wf->timers == NULL || wf->timer_names == NULL || wf->calendar_names == NULL ||
        svcr__name_index_init(&wf->timer_index, total) != 0 ||
        svcr__name_index_init(&wf->calendar_index, total) != 0)
        return NOMEM();
    for (size_t i = 0; i < explicit_count; i++)
        if ((st = build_timer(b, json_array_get(timers, i), i)) != SVCR_OK)
            return st;
    size_t i = explicit_count;
    for (uint16_t s = 0; s < wf->state_count; s++)
        if (wf->states[s].due_after >= 0 && (st = build_state_timer(b, s, i++)) != SVCR_OK)
            return st;
    return SVCR_OK;
}

/* ---- writing back ------------------------------------------------------------------------ */

static json_t *encode_trigger(const svcr_workflow *wf, const svcr__wf_trigger *t)
{
    if (t->kind == SVCR__TRIGGER_OPENED)
        return json_string("opened");
    return json_pack("{s:s}", trigger_keys[t->kind],
                     t->kind == SVCR__TRIGGER_EVENT ? wf->event_names[t->index] : wf->state_names[t->index]);
}

/* One trigger as itself, several as an array. */
static json_t *encode_triggers(const svcr_workflow *wf, const svcr__wf_trigger *list, uint16_t count)
{
    if (count == 1)
        return encode_trigger(wf, &list[0]);
    json_t *array = json_array();
    for (uint16_t i = 0; array != NULL && i < count; i++)
        if (svcr__json_append(array, encode_trigger(wf, &list[i])) != 0) {
            json_decref(array);
            return NULL;
        }
    return array;
}

json_t *svcr__encode_timers(const svcr_workflow *wf)
{
    json_t *timers = json_array();
    for (uint16_t i = 0; timers != NULL && i < wf->timer_count; i++) {
        const svcr__wf_timer *t = &wf->timers[i];
        if (t->implicit)
            continue; /* written as its state's "due_after" */
        char target[SVCR__DURATION_SIZE];
        svcr__duration_format(t->target, target);
        json_t *timer = json_object();
        if (svcr__json_append(timers, timer) != 0 || svcr__json_put(timer, "name", json_string(wf->timer_names[i])) ||
            svcr__json_put(timer, "start", encode_triggers(wf, t->start, t->start_count)) != 0 ||
            svcr__json_put(timer, "stop", encode_triggers(wf, t->stop, t->stop_count)) != 0 ||
            svcr__json_put(timer, "target", json_string(target)) != 0 ||
            svcr__json_put(timer, "calendar", json_string(wf->calendar_names[t->calendar])) != 0 ||
            (t->pause_count && svcr__json_put(timer, "pause_in", svcr__json_string_array(t->pause_names, t->pause_count))) ||
            svcr__json_put(timer, "on_reopen", json_string(reopen_names[t->on_reopen])) != 0) {
            json_decref(timers);
            return NULL;
        }
    }
    return timers;
}
