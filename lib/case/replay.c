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

static svcr_status replay_into(const svcr_case *c, svcr_case *r)
{
    const svcr_workflow *wf = c->wf;
    size_t k = 0, changes = 0;
    for (size_t i = 0;; i++) {
        for (; k < c->history_length && c->history[k].after <= i; k++) {
            const svcr__record *record = &c->history[k];
            if (record->slot == SVCR__NOTE)
                continue; /* the note of entry i, applied with it */
            changes++;
            svcr__fact_value value = svcr__record_value(c, record);
            svcr_status st = svcr__case_set(r, "svcr_case_replay", wf->fact_names[record->slot],
                                            wf->facts[record->slot].type,
                                            !record->cleared ? &value : NULL);
            if (st != SVCR_OK)
                return step_failed(st, "fact change", changes);
        }
        if (i == c->log_length)
            return SVCR_OK;
        const svcr__log_entry e = svcr__case_log(c, i);
        svcr_status st = svcr__case_apply(r, wf->event_names[e.event], wf->role_names[e.role], e.at,
                                          svcr__case_note(c, i), true);
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
    if ((st = replay_into(c, r)) != SVCR_OK) {
        svcr_case_free(r);
        return st;
    }
    *out = r;
    return SVCR_OK;
}
