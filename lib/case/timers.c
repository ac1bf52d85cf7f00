/* A timer's status for one case, computed by walking the case's log up to the time asked about.
 *
 * The walk keeps one clock: not started, active (running, or paused while the case is in one of
 * the timer's pausing states) or stopped. Between two log entries an active, unpaused clock
 * counts the calendar's open seconds; at each entry the reopen rule, then the stop triggers, then
 * the start triggers are looked at. Nothing is stored per case: replaying a case or decoding it
 * gives the same answers. */
#include "case/internal.h"
#include "calendar/business.h"

#include <string.h>

typedef enum phase { NOT_STARTED, ACTIVE, STOPPED } phase;

typedef struct timer_clock {
    const svcr__wf_timer *timer;
    const svcr_calendar *calendar; /* NULL: always open */
    int64_t target;
    phase phase;
    uint16_t state; /* the case's state at @c mark */
    int64_t mark;   /* counted up to here */
    int64_t started_at, elapsed, breached_at, stopped_at;
    bool breached;
    /* The current stretch of counting without pause: since when, and what was counted before.
     * The due time is the stretch's start plus what remained then, in the calendar. */
    int64_t stretch_start, stretch_elapsed;
} timer_clock;

static svcr_status open_seconds(const timer_clock *k, int64_t from, int64_t to, int64_t *out)
{
    if (k->calendar != NULL)
        return svcr_calendar_between(k->calendar, from, to, out);
    /* from may be before 1970 and to the last second int64_t holds: the span may not fit. */
    if (from < 0 && to > INT64_MAX + from)
        return svcr__fail(SVCR_EOVERFLOW, "svcr_case_timer: the time asked about is out of range "
                                          "(too far from the case's times)");
    *out = to - from;
    return SVCR_OK;
}

static svcr_status add_open_seconds(const timer_clock *k, int64_t from, int64_t seconds, int64_t *out)
{
    if (k->calendar != NULL)
        return svcr_calendar_add(k->calendar, from, seconds, out);
    if (from > INT64_MAX - seconds)
        return svcr__fail(SVCR_EOVERFLOW, "svcr_case_timer: the due time is out of range");
    *out = from + seconds;
    return SVCR_OK;
}

static bool counting(const timer_clock *k)
{
    return k->phase == ACTIVE && !k->timer->paused[k->state];
}

/* When the current stretch reaches the target (with the elapsed time it started with). */
static svcr_status due_time(const timer_clock *k, int64_t *out)
{
    return add_open_seconds(k, k->stretch_start, k->target - k->stretch_elapsed, out);
}

/* Count up to @p to; note the moment the target was passed. */
static svcr_status advance(timer_clock *k, int64_t to)
{
    if (!counting(k) || to <= k->mark) {
        k->mark = to > k->mark ? to : k->mark;
        return SVCR_OK;
    }
    int64_t counted;
    svcr_status st = open_seconds(k, k->mark, to, &counted);
    if (st == SVCR_OK && !k->breached && k->elapsed + counted > k->target) {
        st = due_time(k, &k->breached_at);
        k->breached = true;
    }
    k->elapsed += counted;
    k->mark = to;
    return st;
}

static void start(timer_clock *k, int64_t at)
{
    k->phase = ACTIVE;
    k->started_at = at;
    k->elapsed = 0;
    k->breached = false;
    k->breached_at = 0;
    k->stopped_at = 0;
}

static bool matches(const svcr__wf_trigger *list, uint16_t count, const svcr__log_entry *e)
{
    for (uint16_t i = 0; i < count; i++) {
        const svcr__wf_trigger *t = &list[i];
        if ((t->kind == SVCR__TRIGGER_EVENT && t->index == e->event) ||
            (t->kind == SVCR__TRIGGER_ENTER && e->from != e->to && t->index == e->to) ||
            (t->kind == SVCR__TRIGGER_LEAVE && e->from != e->to && t->index == e->from))
            return true;
    }
    return false;
}

/* Does the case's opening start the timer (it starts on "opened", or on entering the initial state)? */
static bool starts_at_opening(const svcr__wf_timer *t, uint16_t initial)
{
    for (uint16_t i = 0; i < t->start_count; i++)
        if (t->start[i].kind == SVCR__TRIGGER_OPENED ||
            (t->start[i].kind == SVCR__TRIGGER_ENTER && t->start[i].index == initial))
            return true;
    return false;
}

/* The log entry @p e as seen by the timer_clock. */
static void step(timer_clock *k, const svcr__log_entry *e)
{
    const svcr__wf_timer *t = k->timer;
    bool was_counting = counting(k);
    if (e->reopen && k->phase == STOPPED) {
        /* The reopen rule decides; the start triggers are not looked at. */
        if (t->on_reopen == SVCR_TIMER_RESUME) {
            k->phase = ACTIVE;
            k->stopped_at = 0;
        } else if (t->on_reopen == SVCR_TIMER_RESTART) {
            start(k, e->at);
        }
    } else if (k->phase == ACTIVE && matches(t->stop, t->stop_count, e)) {
        k->phase = STOPPED;
        k->stopped_at = e->at;
    } else if (k->phase != ACTIVE && matches(t->start, t->start_count, e)) {
        start(k, e->at);
        was_counting = false;
    }
    k->state = e->to;
    if (counting(k) && !was_counting) {
        k->stretch_start = e->at;
        k->stretch_elapsed = k->elapsed;
    }
}

static svcr_status find_calendar(const svcr_case *c, const svcr_timer_config *config, const svcr__wf_timer *t,
                                 const char *name, const svcr_calendar **out)
{
    const char *calendar = c->wf->calendar_names[t->calendar];
    *out = config ? config->calendars[t->calendar] : NULL;
    /* "business" unbound: the default office hours (calendar/business.c). */
    if (*out == NULL && strcmp(calendar, SVCR__CALENDAR_BUSINESS) == 0)
        *out = svcr__calendar_business();
    if (*out == NULL && strcmp(calendar, SVCR__CALENDAR_24X7) != 0)
        return svcr__fail(SVCR_ENOTFOUND,
                          "svcr_case_timer: case \"%s\": timer \"%s\" counts in calendar \"%s\", which is not bound "
                          "(svcr_timer_config_bind_calendar)", svcr__case_id(c), name, calendar);
    return SVCR_OK;
}

svcr_status svcr_case_timer(const svcr_case *c, const svcr_timer_config *config, const char *timer, int64_t at,
                            svcr_timer_status *out)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(timer);
    SVCR_REQUIRE_ARG(out);
    const svcr_workflow *wf = c->wf;
    if (out->size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "%s: out->size is %zu; set it to sizeof(svcr_timer_status)", __func__,
                          out->size);
    if (config != NULL && config->wf != wf)
        return svcr__fail(SVCR_EINVAL, "%s: the timer configuration is for workflow \"%s\", the case follows \"%s\"",
                          __func__, config->wf->name, wf->name);
    long index = svcr__workflow_find_timer(wf, timer);
    if (index < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: workflow \"%s\" has no timer \"%s\"", __func__, wf->name, timer);
    if (at < c->opened_at)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the time asked about is before the case was opened",
                          __func__, svcr__case_id(c));
    const svcr__wf_timer *t = &wf->timers[index];
    timer_clock k = {.timer = t, .state = wf->initial, .mark = c->opened_at};
    k.target = config && config->targets[index] >= 0 ? config->targets[index] : t->target;
    svcr_status st = find_calendar(c, config, t, timer, &k.calendar);
    if (st != SVCR_OK)
        return st;
    if (starts_at_opening(t, wf->initial)) {
        start(&k, c->opened_at);
        k.stretch_start = c->opened_at;
    }
    for (size_t i = 0; i < c->log_length && st == SVCR_OK; i++) {
        const svcr__log_entry e = svcr__case_log(c, i);
        if (e.at > at)
            break;
        if ((st = advance(&k, e.at)) == SVCR_OK)
            step(&k, &e);
    }
    if (st == SVCR_OK)
        st = advance(&k, at);
    if (st != SVCR_OK)
        return st;

    svcr_timer_status s = {.size = out->size,
                           .name = wf->timer_names[index],
                           .target = k.target,
                           .started_at = k.phase == NOT_STARTED ? 0 : k.started_at,
                           .elapsed = k.elapsed,
                           .remaining = k.target - k.elapsed,
                           .breached = k.breached,
                           .breached_at = k.breached_at,
                           .met = k.phase == STOPPED && !k.breached,
                           .stopped_at = k.stopped_at};
    s.state = k.phase == NOT_STARTED ? SVCR_TIMER_NOT_STARTED
              : k.phase == STOPPED   ? SVCR_TIMER_STOPPED
              : t->paused[k.state]   ? SVCR_TIMER_PAUSED
                                     : SVCR_TIMER_RUNNING;
    if (s.state == SVCR_TIMER_RUNNING) {
        s.has_due = 1;
        if (k.breached)
            s.due_at = k.breached_at;
        else if ((st = due_time(&k, &s.due_at)) != SVCR_OK)
            return st;
    }
    memcpy(out, &s, out->size < sizeof s ? out->size : sizeof s);
    return SVCR_OK;
}

const char *svcr_timer_state_name(svcr_timer_state state)
{
    static const char *const names[] = {"not-started", "running", "paused", "stopped"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "unknown";
}
