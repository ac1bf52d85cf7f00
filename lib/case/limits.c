/* Empowerment with limits: an event that commits a money fact above the firing role's limit
 * needs an approval in the history by a role whose limit covers the amount. */
#include "case/internal.h"
#include "workflow/limits.h"

#include <string.h>

/* The largest approved amount of fact @p slot in the history; -1 when none. *@p by receives its record. */
static int64_t best_approval(const svcr_case *c, uint32_t slot, const svcr__record **by)
{
    int64_t best = -1;
    *by = NULL;
    for (size_t i = 0; i < c->history_length; i++) {
        const svcr__record *r = &c->history[i];
        if (r->kind == SVCR__APPROVAL && r->slot == slot && r->value.integer > best) {
            best = r->value.integer;
            *by = r;
        }
    }
    return best;
}

svcr_status svcr__case_check_limits(const svcr_case *c, const svcr_limits *limits, const char *event,
                                    const svcr__wf_transition *t, uint16_t role)
{
    for (size_t k = 0; k < limits->count; k++) {
        const svcr__limit_rule *rule = &limits->rules[k];
        if (!svcr__case_fact_is_set(c, rule->fact) || !svcr__limit_applies(rule, t))
            continue;
        const char *fact = c->wf->fact_names[rule->fact];
        svcr_money value = svcr__case_value(c, rule->fact).money;
        if (strncmp(value.currency, rule->currency, 4) != 0)
            return svcr__fail(SVCR_ECURRENCY, "case \"%s\": event \"%s\": fact \"%s\" is in %s but is limited in %s",
                              svcr__case_id(c), event, fact, value.currency, rule->currency);
        if (value.amount_minor <= rule->limit[role])
            continue;
        const svcr__record *approval;
        int64_t approved = best_approval(c, rule->fact, &approval);
        if (approved >= value.amount_minor)
            continue;
        char amount[SVCR_MONEY_FORMAT_SIZE], limit[SVCR_MONEY_FORMAT_SIZE], got[SVCR_MONEY_FORMAT_SIZE];
        svcr__limits_format(rule, value.amount_minor, amount);
        svcr__limits_format(rule, rule->limit[role], limit);
        long lowest = svcr__limits_lowest(limits, rule, value.amount_minor);
        const char *who = lowest >= 0 ? c->wf->role_names[lowest] : "(no role: raise a limit)";
        if (approval != NULL) {
            svcr__limits_format(rule, approved, got);
            return svcr__fail(SVCR_EPERM,
                              "case \"%s\": event \"%s\": %s %s is above role \"%s\"'s limit of %s, and the approval "
                              "of %s by \"%s\" is below it; the lowest role that may approve it: %s",
                              svcr__case_id(c), event, fact, amount, c->wf->role_names[role], limit, got,
                              approval->actor ? svcr__case_actor_name(c, approval->actor) : "?", who);
        }
        return svcr__fail(SVCR_EPERM,
                          "case \"%s\": event \"%s\": %s %s is above role \"%s\"'s limit of %s; the lowest role "
                          "that may approve it: %s", svcr__case_id(c), event, fact, amount, c->wf->role_names[role],
                          limit, who);
    }
    return SVCR_OK;
}

/* Record an approval; with @p check false (decoding a history) its validity is taken as given. */
svcr_status svcr__case_approve(svcr_case *c, const char *function, const char *fact, svcr_money amount,
                               const char *role, const char *approver, int64_t at, bool check)
{
    const svcr_limits *limits = svcr__case_limits(c);
    long slot = svcr__workflow_find_fact(c->wf, fact);
    long r = svcr__workflow_find_role(c->wf, role);
    if (r < 0)
        return svcr__fail(SVCR_EPERM, "%s: case \"%s\": \"%s\" is not a role of workflow \"%s\"", function,
                          svcr__case_id(c), role, c->wf->name);
    if (slot < 0 || c->wf->facts[slot].type != SVCR_FACT_MONEY)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": workflow \"%s\" declares no money fact \"%s\"", function,
                          svcr__case_id(c), c->wf->name, fact);
    if (approver[0] == '\0' || svcr__utf8_length(approver) == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the approver must be non-empty UTF-8", function,
                          svcr__case_id(c));
    if (at < svcr__case_last_at(c) || at > SVCR_TIME_MAX)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the approval's time is earlier than the case's last event "
                          "or after year 9999", function, svcr__case_id(c));
    if (amount.amount_minor <= 0)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the amount approved must be positive", function,
                          svcr__case_id(c));
    svcr_money valid;
    if (amount.currency[3] != '\0' || svcr_money_make(amount.amount_minor, amount.currency, &valid) != SVCR_OK)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": \"%.4s\" is not an ISO 4217 code", function,
                          svcr__case_id(c), amount.currency);
    if (check) {
        const svcr__limit_rule *rule = limits ? svcr__limits_rule(limits, (uint32_t)slot) : NULL;
        if (rule == NULL)
            return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": no spending limits are in force for fact \"%s\"",
                              function, svcr__case_id(c), fact);
        if (strcmp(amount.currency, rule->currency) != 0)
            return svcr__fail(SVCR_ECURRENCY, "%s: case \"%s\": fact \"%s\" is limited in %s, not %s", function,
                              svcr__case_id(c), fact, rule->currency, amount.currency);
        if (rule->limit[r] < amount.amount_minor) {
            char text[SVCR_MONEY_FORMAT_SIZE], limit[SVCR_MONEY_FORMAT_SIZE];
            svcr__limits_format(rule, amount.amount_minor, text);
            svcr__limits_format(rule, rule->limit[r], limit);
            long lowest = svcr__limits_lowest(limits, rule, amount.amount_minor);
            return svcr__fail(SVCR_EPERM,
                              "%s: case \"%s\": role \"%s\" may approve %s up to %s, not %s; the lowest role that "
                              "may approve it: %s", function, svcr__case_id(c), role, fact, limit, text,
                              lowest >= 0 ? c->wf->role_names[lowest] : "(none)");
        }
    }
    uint16_t who;
    svcr_status st = svcr__case_actor(c, function, approver, &who);
    if (st != SVCR_OK)
        return st;
    svcr__record record = {.value.integer = amount.amount_minor, .at = at, .after = c->log_length,
                           .slot = (uint16_t)slot, .actor = who, .role = (uint16_t)(r + 1), .kind = SVCR__APPROVAL};
    memcpy(record.currency, amount.currency, 4);
    if (svcr__case_record(c, &record) != 0)
        return svcr__fail_nomem("recording an approval");
    return SVCR_OK;
}

svcr_status svcr_case_approve(svcr_case *c, const char *fact, svcr_money amount, const char *role,
                              const char *approver, int64_t at)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(fact);
    SVCR_REQUIRE_ARG(role);
    SVCR_REQUIRE_ARG(approver);
    return svcr__case_approve(c, __func__, fact, amount, role, approver, at, true);
}
