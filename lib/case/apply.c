/* Applying events: the checks (time, state, role, guard, reopen window) and the log append.
 *
 * This is the hot path: one hash lookup each for the event and the role, one table access for
 * the transition, a bit test per required fact, and an amortised append to the log. Messages
 * are only built on failure. */
#include "case/internal.h"

#include <inttypes.h>
#include "base/alloc.h"
#include "workflow/duration.h"

#include <stdio.h>
#include <string.h>

static svcr_status fail_time(const svcr_case *c, const char *event, int64_t at)
{
    char when[SVCR_TIME_FORMAT_SIZE], last[SVCR_TIME_FORMAT_SIZE];
    svcr__case_format_time(at, when);
    svcr__case_format_time(svcr__case_last_at(c), last);
    return svcr__fail(SVCR_EINVAL, "case \"%s\": event \"%s\" at %s is earlier than the case's %s at %s",
                      svcr__case_id(c), event, when, c->log_length ? "last event" : "opening", last);
}

static svcr_status fail_state(const svcr_case *c, const char *event, long e)
{
    char allowed[256];
    svcr__workflow_list_events(c->wf, c->state, allowed, sizeof allowed);
    if (e < 0)
        return svcr__fail(SVCR_ESTATE, "case \"%s\": workflow \"%s\" has no event \"%s\"; state \"%s\" allows: %s",
                          svcr__case_id(c), c->wf->name, event, c->wf->state_names[c->state], allowed);
    return svcr__fail(SVCR_ESTATE, "case \"%s\": state \"%s\" does not allow event \"%s\"; allowed: %s",
                      svcr__case_id(c), c->wf->state_names[c->state], event, allowed);
}

/* Names joined by ", " into @p buf (truncated if need be). */
static void join(const char *const *names, size_t count, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

static svcr_status fail_role(const svcr_case *c, const char *event, const char *role, long r,
                             const svcr__wf_transition *t)
{
    char roles[256];
    if (r < 0) {
        join(c->wf->role_names, c->wf->role_count, roles, sizeof roles);
        return svcr__fail(SVCR_EPERM, "case \"%s\": \"%s\" is not a role of workflow \"%s\" (roles: %s)",
                          svcr__case_id(c), role, c->wf->name, roles);
    }
    join(t->role_names, t->role_count, roles, sizeof roles);
    return svcr__fail(SVCR_EPERM, "case \"%s\": role \"%s\" may not fire event \"%s\" (allowed: %s)",
                      svcr__case_id(c), role, event, roles);
}

static svcr_status fail_guard(const svcr_case *c, const char *event, const svcr__wf_transition *t)
{
    const char *missing[8];
    size_t count = 0, total = 0;
    for (uint16_t k = 0; k < t->required_count; k++)
        if (!svcr__case_fact_is_set(c, t->required[k])) {
            if (count < sizeof missing / sizeof missing[0])
                missing[count++] = t->required_names[k];
            total++;
        }
    if (total == 1)
        return svcr__fail(SVCR_EGUARD, "case \"%s\": event \"%s\" needs fact \"%s\"",
                          svcr__case_id(c), event, missing[0]);
    char list[256];
    join(missing, count, list, sizeof list);
    return svcr__fail(SVCR_EGUARD, "case \"%s\": event \"%s\" needs facts %s (%zu not set)",
                      svcr__case_id(c), event, list, total);
}

static svcr_status fail_reopen(const svcr_case *c, const char *event, int64_t at)
{
    char closed[SVCR_TIME_FORMAT_SIZE], ended[SVCR_TIME_FORMAT_SIZE], when[SVCR_TIME_FORMAT_SIZE];
    char grace[SVCR__DURATION_SIZE];
    int64_t since = svcr__case_state_since(c);
    svcr__case_format_time(since, closed);
    svcr__case_format_time(since + c->wf->reopen_grace, ended);
    svcr__case_format_time(at, when);
    svcr__duration_format(c->wf->reopen_grace, grace);
    return svcr__fail(SVCR_ESTATE,
                      "case \"%s\": event \"%s\" at %s is too late: the case was %s at %s and its %s reopen "
                      "window closed at %s", svcr__case_id(c), event, when, c->wf->state_names[c->state], closed, grace,
                      ended);
}

svcr_status svcr__case_apply(svcr_case *c, const char *event, const char *role, int64_t at, const char *note,
                             bool commit, uint16_t actor)
{
    const svcr_workflow *wf = c->wf;
    if (at < svcr__case_last_at(c))
        return fail_time(c, event, at);
    if (at > SVCR_TIME_MAX) /* the lower bound follows from the case's opening time */
        return svcr__fail(SVCR_EINVAL, "case \"%s\": event \"%s\" at %" PRId64 " is after year 9999",
                          svcr__case_id(c), event, at);
    long e = svcr__workflow_find_event(wf, event);
    const svcr__wf_transition *t = e < 0 ? NULL : svcr__workflow_lookup(wf, c->state, (uint32_t)e);
    if (t == NULL)
        return fail_state(c, event, e);
    long r = svcr__workflow_find_role(wf, role);
    if (r < 0 || !((t->role_mask >> r) & 1))
        return fail_role(c, event, role, r, t);
    for (uint16_t k = 0; k < t->required_count; k++)
        if (!svcr__case_fact_is_set(c, t->required[k]))
            return fail_guard(c, event, t);
    const svcr_limits *limits = svcr__case_limits(c);
    if (limits != NULL) {
        svcr_status st = svcr__case_check_limits(c, limits, event, t, (uint16_t)r);
        if (st != SVCR_OK)
            return st;
    }
    /* state_since <= at, so the unsigned difference is exact even near the int64 limits. */
    if (t->reopen && (uint64_t)at - (uint64_t)svcr__case_state_since(c) > (uint64_t)wf->reopen_grace)
        return fail_reopen(c, event, at);
    if (note != NULL && svcr__utf8_length(note) == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "case \"%s\": the note for event \"%s\" is not valid UTF-8",
                          svcr__case_id(c), event);
    if (!commit)
        return SVCR_OK;

    if (c->log_length >= UINT32_MAX)
        return svcr__fail(SVCR_EOVERFLOW, "case \"%s\": the log is full", svcr__case_id(c));
    char *note_copy = NULL;
    if (note != NULL && note[0] != '\0') {
        /* Room for the note first: growing an array changes nothing visible. */
        if (svcr__case_reserve((void **)&c->history, &c->history_capacity, c->history_length, SVCR__FIRST_HISTORY,
                               sizeof *c->history) != 0 ||
            (note_copy = svcr__strdup(note)) == NULL)
            return svcr__fail_nomem("copying a note");
    }
    if (svcr__case_reserve((void **)&c->log, &c->log_capacity, c->log_length, SVCR__FIRST_LOG, sizeof *c->log) != 0) {
        svcr__free(note_copy);
        return svcr__fail_nomem("appending to a case's log");
    }
    if (note_copy != NULL)
        c->history[c->history_length++] = (svcr__record){.value.text = note_copy, .at = at, .after = c->log_length,
                                                         .slot = SVCR__NOTE, .actor = actor,
                                                         .role = (uint16_t)(r + 1), .kind = SVCR__NOTE_RECORD};
    c->log[c->log_length++] = (svcr__log_record){.at = at, .transition = (uint32_t)(t - wf->transitions),
                                                 .role = (uint16_t)r, .actor = actor};
    c->state = t->to;
    return SVCR_OK;
}

svcr_status svcr_case_apply(svcr_case *c, const char *event, const char *role, int64_t at, const char *note)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(event);
    SVCR_REQUIRE_ARG(role);
    return svcr__case_apply(c, event, role, at, note, true, 0);
}

svcr_status svcr_case_check(const svcr_case *c, const char *event, const char *role, int64_t at)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(event);
    SVCR_REQUIRE_ARG(role);
    /* With commit false nothing is written. */
    return svcr__case_apply((svcr_case *)c, event, role, at, NULL, false, 0);
}

svcr_status svcr_case_allowed_events(const svcr_case *c, const char *role, const char **events, size_t capacity,
                                     size_t *count)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(count);
    if (events == NULL && capacity > 0)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"events\" is NULL but capacity is %zu", __func__, capacity);
    const svcr_workflow *wf = c->wf;
    long r = -1;
    if (role != NULL && (r = svcr__workflow_find_role(wf, role)) < 0)
        return fail_role(c, "", role, r, NULL);
    size_t n = 0;
    for (uint32_t e = 0; e < wf->event_count; e++) {
        const svcr__wf_transition *t = svcr__workflow_lookup(wf, c->state, e);
        if (t == NULL || (r >= 0 && !((t->role_mask >> r) & 1)))
            continue;
        if (n < capacity)
            events[n] = wf->event_names[e];
        n++;
    }
    *count = n;
    return SVCR_OK;
}
