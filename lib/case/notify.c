/* Notifications as records: the changes others must hear of (selected transitions, timer
 * breaches, the owners of classified causes, approvals requested) as JSON for the host's
 * outbox, each with a key that is the same for the same change (at-least-once delivery). Also
 * invoking a service guarantee, which pays through the same spending limits. */
#include "case/internal.h"
#include "workflow/limits.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

static json_t *time_value(int64_t t)
{
    char text[SVCR_TIME_FORMAT_SIZE];
    svcr__case_format_time(t, text);
    return json_string(text);
}

/* The members every record has: kind, key, case, workflow, and the assignee when there is one. */
static json_t *start(const svcr_case *c, const char *kind, const char *key)
{
    json_t *record = json_object();
    const char *assignee = svcr_case_assignee(c);
    if (svcr__json_put(record, "kind", json_string(kind)) != 0 || svcr__json_put(record, "key", json_string(key)) != 0 ||
        svcr__json_put(record, "case", json_string(svcr__case_id(c))) != 0 ||
        svcr__json_put(record, "workflow", json_string(c->wf->name)) != 0 ||
        (assignee && svcr__json_put(record, "assignee", json_string(assignee)) != 0)) {
        json_decref(record);
        return NULL;
    }
    return record;
}

/* Dump @p record (released) into *@p json; @p ok says whether filling it succeeded. */
static svcr_status finish(json_t *record, bool ok, char **json)
{
    char *text = ok && record ? svcr__json_dump(record) : NULL;
    json_decref(record);
    if (text == NULL)
        return svcr__fail_nomem("writing a notification");
    *json = text;
    return SVCR_OK;
}

svcr_status svcr_case_notify_transition(const svcr_case *c, size_t index, char **json)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(json);
    if (index >= c->log_length)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (case \"%s\" has %zu log entries)", __func__,
                          index, svcr__case_id(c), (size_t)c->log_length);
    const svcr__log_entry e = svcr__case_log(c, index);
    const char *actor = svcr__case_actor_name(c, c->log[index].actor);
    char key[512];
    snprintf(key, sizeof key, "%s/log/%zu", svcr__case_id(c), index + 1);
    json_t *record = start(c, "transition", key);
    bool ok = record && svcr__json_put(record, "event", json_string(c->wf->event_names[e.event])) == 0 &&
              svcr__json_put(record, "from", json_string(c->wf->state_names[e.from])) == 0 &&
              svcr__json_put(record, "to", json_string(c->wf->state_names[e.to])) == 0 &&
              svcr__json_put(record, "at", time_value(e.at)) == 0 &&
              svcr__json_put(record, "role", json_string(c->wf->role_names[e.role])) == 0 &&
              (actor == NULL || svcr__json_put(record, "actor", json_string(actor)) == 0);
    return finish(record, ok, json);
}

svcr_status svcr_case_notify_breach(const svcr_case *c, const svcr_timer_config *config, const char *timer,
                                   int64_t at, char **json)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(timer);
    SVCR_REQUIRE_ARG(json);
    svcr_timer_status status = {.size = sizeof status};
    svcr_status st = svcr_case_timer(c, config, timer, at, &status);
    if (st != SVCR_OK)
        return st;
    if (!status.breached)
        return svcr__fail(SVCR_ESTATE, "%s: case \"%s\": timer \"%s\" has not breached", __func__, svcr__case_id(c),
                          timer);
    char key[512], when[SVCR_TIME_FORMAT_SIZE];
    svcr__case_format_time(status.started_at, when);
    snprintf(key, sizeof key, "%s/breach/%s/%s", svcr__case_id(c), timer, when);
    json_t *record = start(c, "breach", key);
    bool ok = record && svcr__json_put(record, "timer", json_string(status.name)) == 0 &&
              svcr__json_put(record, "target", json_integer(status.target)) == 0 &&
              svcr__json_put(record, "breached_at", time_value(status.breached_at)) == 0 &&
              svcr__json_put(record, "state", json_string(c->wf->state_names[c->state])) == 0;
    return finish(record, ok, json);
}

svcr_status svcr_case_notify_owner(svcr_case *c, const char *role, const char *actor, int64_t at, char **json)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(role);
    SVCR_REQUIRE_ARG(json);
    const svcr_taxonomy *taxonomy = svcr_case_taxonomy(c);
    if (taxonomy == NULL)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": no taxonomy is bound (svcr_case_bind_taxonomy)", __func__,
                          svcr__case_id(c));
    const char *fact = svcr_taxonomy_fact(taxonomy), *cause;
    if (!svcr_case_has_fact(c, fact) || svcr_case_get_fact_string(c, fact, &cause) != SVCR_OK)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": the root cause (\"%s\") is not set", __func__,
                          svcr__case_id(c), fact);
    svcr_taxonomy_node_info node = {.size = sizeof node};
    if (svcr_taxonomy_find(taxonomy, cause, &node) != SVCR_OK)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": root cause \"%s\" is not a code of the taxonomy", __func__,
                          svcr__case_id(c), cause);
    if (node.owner_team == NULL)
        return svcr__fail(SVCR_ESTATE, "%s: case \"%s\": code \"%s\" has no owner in the taxonomy", __func__,
                          svcr__case_id(c), cause);
    long slot = svcr__workflow_find_fact(c->wf, "owner_notified");
    bool record_fact = slot >= 0 && c->wf->facts[slot].type == SVCR_FACT_BOOLEAN;
    long r = svcr__workflow_find_role(c->wf, role);
    if (r < 0)
        return svcr__fail(SVCR_EPERM, "%s: case \"%s\": \"%s\" is not a role of workflow \"%s\"", __func__,
                          svcr__case_id(c), role, c->wf->name);
    if (at < svcr__case_last_at(c) || at > SVCR_TIME_MAX)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the time is earlier than the case's last event or after "
                          "year 9999", __func__, svcr__case_id(c));
    char key[1024];
    snprintf(key, sizeof key, "%s/owner/%s", svcr__case_id(c), cause);
    json_t *record = start(c, "owner", key);
    bool ok = record && svcr__json_put(record, "code", json_string(node.code)) == 0 &&
              svcr__json_put(record, "name", json_string(node.name)) == 0 &&
              svcr__json_put(record, "team", json_string(node.owner_team)) == 0 &&
              (node.owner_contact == NULL || svcr__json_put(record, "contact", json_string(node.owner_contact)) == 0) &&
              svcr__json_put(record, "at", time_value(at)) == 0 &&
              (actor == NULL || svcr__json_put(record, "actor", json_string(actor)) == 0);
    char *text = NULL;
    svcr_status st = finish(record, ok, &text);
    if (st == SVCR_OK && record_fact)
        st = svcr_case_change_fact(c, "owner_notified", "true", role, actor, at);
    if (st != SVCR_OK) {
        svcr_free(text);
        return st;
    }
    *json = text;
    return SVCR_OK;
}

svcr_status svcr_case_notify_approval_request(const svcr_case *c, const char *fact, const char *role,
                                             const char *actor, int64_t at, char **json)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(fact);
    SVCR_REQUIRE_ARG(role);
    SVCR_REQUIRE_ARG(json);
    const svcr_limits *limits = svcr__case_limits(c);
    long slot = svcr__workflow_find_fact(c->wf, fact);
    const svcr__limit_rule *rule = limits && slot >= 0 ? svcr__limits_rule(limits, (uint32_t)slot) : NULL;
    if (rule == NULL || !svcr__case_fact_is_set(c, (uint32_t)slot))
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": fact \"%s\" is not set or no spending limits cover it",
                          __func__, svcr__case_id(c), fact);
    long r = svcr__workflow_find_role(c->wf, role);
    if (r < 0)
        return svcr__fail(SVCR_EPERM, "%s: case \"%s\": \"%s\" is not a role of workflow \"%s\"", __func__,
                          svcr__case_id(c), role, c->wf->name);
    svcr_money amount = svcr__case_value(c, (uint32_t)slot).money;
    const char *approver;
    svcr_status st = svcr_limits_lowest_role(limits, fact, amount, &approver);
    if (st != SVCR_OK)
        return st;
    if (rule->limit[r] >= amount.amount_minor)
        return svcr__fail(SVCR_ESTATE, "%s: case \"%s\": role \"%s\" may commit %s of this amount without approval",
                          __func__, svcr__case_id(c), role, fact);
    char text[SVCR_MONEY_FORMAT_SIZE], key[1024];
    svcr__limits_format(rule, amount.amount_minor, text);
    snprintf(key, sizeof key, "%s/approval/%s/%s", svcr__case_id(c), fact, text);
    json_t *record = start(c, "approval_requested", key);
    bool ok = record && svcr__json_put(record, "fact", json_string(fact)) == 0 &&
              svcr__json_put(record, "amount", json_string(text)) == 0 &&
              svcr__json_put(record, "role", json_string(role)) == 0 &&
              (actor == NULL || svcr__json_put(record, "requested_by", json_string(actor)) == 0) &&
              svcr__json_put(record, "approver_role", json_string(approver)) == 0 &&
              svcr__json_put(record, "at", time_value(at)) == 0;
    return finish(record, ok, json);
}

svcr_status svcr_case_invoke_guarantee(svcr_case *c, const char *promise, svcr_money payout, const char *fact,
                                       const char *role, const char *actor, int64_t at)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(promise);
    SVCR_REQUIRE_ARG(fact);
    SVCR_REQUIRE_ARG(role);
    if (payout.amount_minor < 0)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the payout is negative", __func__, svcr__case_id(c));
    char text[SVCR_MONEY_FORMAT_SIZE];
    if (svcr_money_format(payout, text, sizeof text) != SVCR_OK)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the payout's currency is not an ISO 4217 code", __func__,
                          svcr__case_id(c));
    /* Check the event before anything is recorded, then undo the payout if the event is refused. */
    if (svcr__workflow_find_event(c->wf, "guarantee_invoked") < 0)
        return svcr__fail(SVCR_ESTATE, "%s: case \"%s\": workflow \"%s\" has no event \"guarantee_invoked\"", __func__,
                          svcr__case_id(c), c->wf->name);
    uint32_t history_length = c->history_length;
    long slot = svcr__workflow_find_fact(c->wf, fact);
    bool was_set = slot >= 0 && svcr__case_fact_is_set(c, (uint32_t)slot);
    svcr_status st = svcr_case_change_fact(c, fact, text, role, actor, at);
    if (st != SVCR_OK)
        return st;
    if ((st = svcr_case_apply_as(c, "guarantee_invoked", role, actor, at, promise)) != SVCR_OK) {
        char reason[512];
        snprintf(reason, sizeof reason, "%s", svcr_error_message());
        c->history_length = history_length; /* the money record holds no text to free */
        if (!was_set)
            c->set_bits[slot / 64] &= ~(UINT64_C(1) << (slot % 64));
        return svcr__fail(st, "%s", reason);
    }
    return SVCR_OK;
}
