/* Rebuilding a case from its recorded history of fact changes and events. */
#include "case/internal.h"

#include <stdio.h>
#include <string.h>

/* Re-record the thread's last error with a prefix saying which step of the history failed. */
static svcr_status step_failed(svcr_status status, const char *what, size_t number)
{
    static const char prefix[] = "svcr_case_replay: "; /* the step's own message may carry it */
    const char *message = svcr_error_message();
    if (strncmp(message, prefix, sizeof prefix - 1) == 0)
        message += sizeof prefix - 1;
    char reason[400];
    snprintf(reason, sizeof reason, "%s", message);
    return svcr__fail(status, "svcr_case_replay: %s %zu: %s", what, number, reason);
}

/* Record again, in @p r, a fact change, an assignment or an approval of @p c. */
static svcr_status replay_record(const svcr_case *c, svcr_case *r, const svcr__record *record)
{
    const svcr_workflow *wf = c->wf;
    uint16_t actor;
    svcr_status st = svcr__case_actor(r, "svcr_case_replay", svcr__case_actor_name(c, record->actor), &actor);
    if (st != SVCR_OK)
        return st;
    /* Roles by name: @p r may follow another workflow. */
    uint16_t role = 0;
    if (record->role) {
        const char *name = wf->role_names[record->role - 1];
        long found = svcr__workflow_find_role(r->wf, name);
        if (found < 0)
            return svcr__fail(SVCR_EPERM, "case \"%s\": \"%s\" is not a role of workflow \"%s\"", svcr__case_id(c),
                              name, r->wf->name);
        role = (uint16_t)(found + 1);
    }
    svcr__fact_value value = svcr__record_value(c, record);
    switch (record->kind) {
    case SVCR__ASSIGNMENT: {
        uint16_t who;
        if ((st = svcr__case_actor(r, "svcr_case_replay", svcr__case_actor_name(c, (uint16_t)record->value.integer),
                                   &who)) != SVCR_OK)
            return st;
        svcr__record copy = *record;
        copy.value.integer = who;
        copy.actor = actor;
        copy.role = role;
        copy.after = r->log_length;
        return svcr__case_record(r, &copy) == 0 ? SVCR_OK : svcr__fail_nomem("replaying an assignment");
    }
    case SVCR__APPROVAL:
        value.money.amount_minor = record->value.integer;
        memcpy(value.money.currency, record->currency, 4);
        return svcr__case_approve(r, "svcr_case_replay", wf->fact_names[record->slot], value.money,
                                  wf->role_names[record->role - 1], svcr__case_actor_name(c, record->actor),
                                  record->at, false);
    default:
        return svcr__case_set_by(r, "svcr_case_replay", wf->fact_names[record->slot], wf->facts[record->slot].type,
                                 record->kind == SVCR__SET ? &value : NULL, record->at, role, actor);
    }
}

static svcr_status replay_into(const svcr_case *c, svcr_case *r)
{
    const svcr_workflow *wf = c->wf;
    size_t k = 0, changes = 0, assignments = 0, approvals = 0;
    for (size_t i = 0;; i++) {
        for (; k < c->history_length && c->history[k].after <= i; k++) {
            const svcr__record *record = &c->history[k];
            if (record->kind == SVCR__NOTE_RECORD)
                continue; /* the note of entry i, applied with it */
            size_t number = record->kind == SVCR__ASSIGNMENT ? ++assignments
                            : record->kind == SVCR__APPROVAL ? ++approvals
                                                             : ++changes;
            svcr_status st = replay_record(c, r, record);
            if (st != SVCR_OK)
                return step_failed(st, record->kind == SVCR__ASSIGNMENT ? "assignment"
                                       : record->kind == SVCR__APPROVAL ? "approval"
                                                                        : "fact change", number);
        }
        if (i == c->log_length)
            return SVCR_OK;
        const svcr__log_entry e = svcr__case_log(c, i);
        uint16_t actor;
        svcr_status st = svcr__case_actor(r, "svcr_case_replay", svcr__case_actor_name(c, c->log[i].actor), &actor);
        if (st == SVCR_OK)
            st = svcr__case_apply(r, wf->event_names[e.event], wf->role_names[e.role], e.at, svcr__case_note(c, i),
                                  true, actor);
        if (st != SVCR_OK)
            return step_failed(st, "log entry", i + 1);
    }
}

svcr_status svcr_case_replay(const svcr_case *c, const svcr_workflow *wf, svcr_case **out)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(out);
    svcr_case *r;
    svcr_status st = svcr_case_new(wf ? wf : c->wf, svcr__case_id(c), c->opened_at, &r);
    if (st != SVCR_OK)
        return st;
    /* The same rules: the limits and taxonomy bound to @p c. */
    if (c->extra != NULL && ((st = svcr_case_bind_limits(r, wf == NULL || wf == c->wf ? c->extra->limits : NULL)) != SVCR_OK ||
                             (st = svcr_case_bind_taxonomy(r, c->extra->taxonomy)) != SVCR_OK)) {
        svcr_case_free(r);
        return st;
    }
    if ((st = replay_into(c, r)) != SVCR_OK) {
        svcr_case_free(r);
        return st;
    }
    *out = r;
    return SVCR_OK;
}
