/* Bad inputs of the recovery loop: taxonomy.h, spending limits (workflow.h), actors, approvals,
 * bindings, notifications and guarantees (case.h), the Pareto by code and surveys (insight.h).
 * Rows of docs/bad-inputs.md (tests/bad_inputs_table.py); see bad_inputs.h. The snapshot is both
 * cases' JSON and assignee, so a refused call must change neither. */
#include "bad_inputs/bad_inputs.h"
#include "case_fixture.h"

typedef struct fixture {
    svcr_workflow *wf;     /* four-stage */
    svcr_taxonomy *taxonomy;
    svcr_limits *limits;
    svcr_case *c;          /* "C-1": in resolution, taxonomy bound, 60.00 EUR compensation, assigned to ann */
    svcr_case *bare;       /* "C-2": just opened, nothing bound */
    svcr_insight *insight;
    svcr_survey_response *response; /* score 2 on 1-5 */
    /* out-parameters the rows pass: they must stay untouched */
    svcr_taxonomy *taxonomy_out;
    svcr_limits *limits_out;
    svcr_survey_response *response_out;
    char *json_out;
    const char *text_out;
    bool boolean_out;
    svcr_money money_out;
    size_t count_out;
    svcr_taxonomy_node_info node;
    svcr_insight_code_row row;
} fixture;

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL, *json = NULL;
    assert_int_equal(svcr_case_encode(f->c, &json), SVCR_OK);
    bad_append_owned(&text, json);
    assert_int_equal(svcr_case_encode(f->bare, &json), SVCR_OK);
    bad_append_owned(&text, json);
    bad_append(&text, "%s %p %p %p %p %p %d %lld %zu %zu %zu", svcr_case_assignee(f->c), (void *)f->taxonomy_out,
               (void *)f->limits_out, (void *)f->response_out, (void *)f->json_out, (const void *)f->text_out,
               f->boolean_out, (long long)f->money_out.amount_minor, f->count_out, f->node.index, f->row.level);
    return text;
}

static const char limits_json[] = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\","
                                  " \"roles\": {\"agent\": \"25.00 EUR\", \"manager\": \"unlimited\"}}]}";

static int setup(void **state)
{
    static fixture f;
    size_t length;
    char *text = fixture_read("taxonomy.json", &length);
    const char *line = "{\"customer\": \"K-7\", \"score\": 2, \"scale\": [1, 5], \"at\": 0, \"had_problem\": true}";
    if (svcr_workflow_builtin("four-stage", &f.wf) != SVCR_OK ||
        svcr_taxonomy_parse(text, length, &f.taxonomy) != SVCR_OK ||
        svcr_limits_parse(f.wf, limits_json, strlen(limits_json), &f.limits) != SVCR_OK ||
        svcr_case_new(f.wf, "C-1", T0, &f.c) != SVCR_OK || svcr_case_bind_taxonomy(f.c, f.taxonomy) != SVCR_OK ||
        svcr_case_assign(f.c, "ann", "supervisor", "sue", T0) != SVCR_OK ||
        svcr_case_change_fact(f.c, "expectation", "On time", "agent", "ann", T0) != SVCR_OK ||
        svcr_case_apply_as(f.c, "identified", "agent", "ann", T0 + MINUTE, NULL) != SVCR_OK ||
        svcr_case_change_fact(f.c, "compensation", "60.00 EUR", "agent", "ann", T0 + MINUTE) != SVCR_OK ||
        svcr_case_new(f.wf, "C-2", T0, &f.bare) != SVCR_OK || svcr_insight_new(NULL, &f.insight) != SVCR_OK ||
        svcr_survey_response_parse(line, strlen(line), &f.response) != SVCR_OK)
        return -1;
    free(text);
    f.node.size = sizeof f.node;
    f.row.size = sizeof f.row;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_case_free(f->c);
    svcr_case_free(f->bare);
    svcr_limits_free(f->limits);
    svcr_taxonomy_free(f->taxonomy);
    svcr_insight_free(f->insight);
    svcr_free(f->response);
    svcr_workflow_free(f->wf);
    return 0;
}

static void taxonomy_rows(void **state)
{
    fixture *f = *state;
    const svcr_taxonomy *t = f->taxonomy;
    const char *cycle = "{\"nodes\": [{\"id\": \"a\", \"parent\": \"b\"}, {\"id\": \"b\", \"parent\": \"a\"}]}";
    const char *alias = "{\"nodes\": [{\"id\": \"a\", \"aliases\": [\"Late\"]}, {\"id\": \"b\", \"aliases\": [\" late \"]}]}";
    const char *parent = "{\"nodes\": [{\"id\": \"a\", \"parent\": \"z\"}]}";
    svcr_taxonomy_node_info zero = {0};
    BAD("svcr_taxonomy_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_taxonomy_parse(NULL, 2, &f->taxonomy_out));
    BAD("svcr_taxonomy_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_taxonomy_parse(parent, strlen(parent), NULL));
    BAD("svcr_taxonomy_parse", "a cycle of parents", SVCR_EPARSE, "/nodes/0/parent: the parents form a cycle: a -> b -> a",
        svcr_taxonomy_parse(cycle, strlen(cycle), &f->taxonomy_out));
    BAD("svcr_taxonomy_parse", "two nodes sharing an alias (ignoring case and spaces)", SVCR_EPARSE,
        "\"late\" names both \"a\" and \"b\"", svcr_taxonomy_parse(alias, strlen(alias), &f->taxonomy_out));
    BAD("svcr_taxonomy_parse", "an unknown parent", SVCR_EPARSE, "no node has id \"z\"",
        svcr_taxonomy_parse(parent, strlen(parent), &f->taxonomy_out));
    BAD_IGNORED("svcr_taxonomy_free", "NULL", svcr_taxonomy_free(NULL));
    BAD_RETURNS("svcr_taxonomy_fact", "NULL taxonomy", "NULL", "", svcr_taxonomy_fact(NULL) == NULL);
    BAD_RETURNS("svcr_taxonomy_node_count", "NULL taxonomy", "0", "", svcr_taxonomy_node_count(NULL) == 0);
    BAD("svcr_taxonomy_node", "NULL taxonomy", SVCR_EINVAL, "\"taxonomy\" is NULL", svcr_taxonomy_node(NULL, 0, &f->node));
    BAD("svcr_taxonomy_node", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_taxonomy_node(t, 0, NULL));
    BAD("svcr_taxonomy_node", "out->size 0", SVCR_EINVAL, "out->size is 0", svcr_taxonomy_node(t, 0, &zero));
    BAD("svcr_taxonomy_node", "index 6 of 6 nodes", SVCR_EINVAL, "index 6 is out of range (the taxonomy has 6 nodes)",
        svcr_taxonomy_node(t, 6, &f->node));
    BAD("svcr_taxonomy_find", "NULL taxonomy", SVCR_EINVAL, "\"taxonomy\" is NULL", svcr_taxonomy_find(NULL, "billing", &f->node));
    BAD("svcr_taxonomy_find", "NULL code", SVCR_EINVAL, "\"code\" is NULL", svcr_taxonomy_find(t, NULL, &f->node));
    BAD("svcr_taxonomy_find", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_taxonomy_find(t, "billing", NULL));
    BAD("svcr_taxonomy_find", "a name instead of a code", SVCR_ENOTFOUND, "the taxonomy has no code \"Billing\"",
        svcr_taxonomy_find(t, "Billing", &f->node));
    BAD("svcr_taxonomy_resolve", "NULL taxonomy", SVCR_EINVAL, "\"taxonomy\" is NULL", svcr_taxonomy_resolve(NULL, "x", &f->text_out));
    BAD("svcr_taxonomy_resolve", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_taxonomy_resolve(t, NULL, &f->text_out));
    BAD("svcr_taxonomy_resolve", "NULL code", SVCR_EINVAL, "\"code\" is NULL", svcr_taxonomy_resolve(t, "billing", NULL));
    BAD("svcr_taxonomy_resolve", "a misspelt cause", SVCR_ENOTFOUND,
        "\"carier delay\" is no root-cause code, name or alias; closest: logistics/carrier/late (Late delivery)",
        svcr_taxonomy_resolve(t, "carier delay", &f->text_out));
    BAD("svcr_taxonomy_ancestor", "NULL taxonomy", SVCR_EINVAL, "\"taxonomy\" is NULL",
        svcr_taxonomy_ancestor(NULL, "billing", 1, &f->text_out));
    BAD("svcr_taxonomy_ancestor", "NULL code", SVCR_EINVAL, "\"code\" is NULL", svcr_taxonomy_ancestor(t, NULL, 1, &f->text_out));
    BAD("svcr_taxonomy_ancestor", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_taxonomy_ancestor(t, "billing", 1, NULL));
    BAD("svcr_taxonomy_ancestor", "level 0", SVCR_EINVAL, "level must be 1 or more", svcr_taxonomy_ancestor(t, "billing", 0, &f->text_out));
    BAD("svcr_taxonomy_ancestor", "an unknown code", SVCR_ENOTFOUND, "no code \"weather\"",
        svcr_taxonomy_ancestor(t, "weather", 1, &f->text_out));
}

static void limits_rows(void **state)
{
    fixture *f = *state;
    const svcr_limits *l = f->limits;
    const char *usd = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {\"agent\": \"25.00 USD\"}}]}";
    const char *role = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {\"clerk\": \"1.00 EUR\"}}]}";
    const char *event = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {}, \"events\": [\"paid\"]}]}";
    svcr_money eur = {2000, "EUR"}, usd_amount = {2000, "USD"}, huge = {-1, "EUR"};
    BAD("svcr_limits_parse", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_limits_parse(NULL, usd, strlen(usd), &f->limits_out));
    BAD("svcr_limits_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_limits_parse(f->wf, NULL, 2, &f->limits_out));
    BAD("svcr_limits_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_limits_parse(f->wf, usd, strlen(usd), NULL));
    BAD("svcr_limits_parse", "a limit in another currency than the fact", SVCR_EPARSE,
        "/limits/0/roles/agent: the limit is in USD but fact \"compensation\" is limited in EUR",
        svcr_limits_parse(f->wf, usd, strlen(usd), &f->limits_out));
    BAD("svcr_limits_parse", "an unknown role", SVCR_EPARSE, "\"clerk\" is not a role of workflow \"four-stage\"",
        svcr_limits_parse(f->wf, role, strlen(role), &f->limits_out));
    BAD("svcr_limits_parse", "an unknown event", SVCR_EPARSE, "/limits/0/events/0: must be an event of workflow",
        svcr_limits_parse(f->wf, event, strlen(event), &f->limits_out));
    BAD_IGNORED("svcr_limits_free", "NULL", svcr_limits_free(NULL));
    BAD_RETURNS("svcr_workflow_limits", "NULL wf", "NULL", "", svcr_workflow_limits(NULL) == NULL);
    BAD("svcr_limits_role_limit", "NULL limits", SVCR_EINVAL, "\"limits\" is NULL",
        svcr_limits_role_limit(NULL, "compensation", "agent", &f->boolean_out, &f->money_out));
    BAD("svcr_limits_role_limit", "NULL fact", SVCR_EINVAL, "\"fact\" is NULL",
        svcr_limits_role_limit(l, NULL, "agent", &f->boolean_out, &f->money_out));
    BAD("svcr_limits_role_limit", "NULL role", SVCR_EINVAL, "\"role\" is NULL",
        svcr_limits_role_limit(l, "compensation", NULL, &f->boolean_out, &f->money_out));
    BAD("svcr_limits_role_limit", "NULL unlimited", SVCR_EINVAL, "\"unlimited\" is NULL",
        svcr_limits_role_limit(l, "compensation", "agent", NULL, &f->money_out));
    BAD("svcr_limits_role_limit", "NULL limit", SVCR_EINVAL, "\"limit\" is NULL",
        svcr_limits_role_limit(l, "compensation", "agent", &f->boolean_out, NULL));
    BAD("svcr_limits_role_limit", "a fact without limits", SVCR_ENOTFOUND, "no spending limits for fact \"expectation\"",
        svcr_limits_role_limit(l, "expectation", "agent", &f->boolean_out, &f->money_out));
    BAD("svcr_limits_lowest_role", "NULL limits", SVCR_EINVAL, "\"limits\" is NULL",
        svcr_limits_lowest_role(NULL, "compensation", eur, &f->text_out));
    BAD("svcr_limits_lowest_role", "NULL fact", SVCR_EINVAL, "\"fact\" is NULL", svcr_limits_lowest_role(l, NULL, eur, &f->text_out));
    BAD("svcr_limits_lowest_role", "NULL role", SVCR_EINVAL, "\"role\" is NULL",
        svcr_limits_lowest_role(l, "compensation", eur, NULL));
    BAD("svcr_limits_lowest_role", "an amount in another currency", SVCR_ECURRENCY, "is limited in EUR, not USD",
        svcr_limits_lowest_role(l, "compensation", usd_amount, &f->text_out));
    BAD("svcr_limits_lowest_role", "a negative amount", SVCR_EINVAL, "the amount is negative",
        svcr_limits_lowest_role(l, "compensation", huge, &f->text_out));
}

static void case_rows(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    svcr_money sixty = {6000, "EUR"}, ten = {1000, "EUR"}, zero = {0, "EUR"};
    BAD("svcr_case_apply_as", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_apply_as(NULL, "resolved", "agent", "ann", T0 + HOUR, NULL));
    BAD("svcr_case_apply_as", "NULL event", SVCR_EINVAL, "\"event\" is NULL", svcr_case_apply_as(c, NULL, "agent", "ann", T0 + HOUR, NULL));
    BAD("svcr_case_apply_as", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_apply_as(c, "resolved", NULL, "ann", T0 + HOUR, NULL));
    BAD("svcr_case_apply_as", "an empty actor", SVCR_EINVAL, "the actor must be non-empty UTF-8",
        svcr_case_apply_as(c, "guarantee_invoked", "manager", "", T0 + HOUR, NULL));
    BAD("svcr_case_apply_as", "60.00 EUR compensation committed by an agent (limit 25.00 EUR)", SVCR_EPERM,
        "compensation 60.00 EUR is above role \"agent\"'s limit of 25.00 EUR; the lowest role that may approve it: supervisor",
        svcr_case_apply_as(c, "guarantee_invoked", "agent", "ann", T0 + HOUR, NULL));
    BAD("svcr_case_change_fact", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_change_fact(NULL, "resolution", "x", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_change_fact(c, NULL, "x", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_change_fact(c, "resolution", "x", NULL, NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "money without a currency", SVCR_EINVAL, "\"12.50\" is not money such as \"12.50 EUR\"",
        svcr_case_change_fact(c, "compensation", "12.50", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "a score outside its scale", SVCR_EINVAL, "6 is outside its scale 1-5",
        svcr_case_change_fact(c, "satisfaction", "6", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "a root cause that resolves to no code", SVCR_EGUARD,
        "\"weather\" is no root-cause code, name or alias; closest:", svcr_case_change_fact(c, "root_cause", "weather", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_change_fact", "a root cause with no taxonomy bound", SVCR_EGUARD, "no taxonomy for it is bound",
        svcr_case_change_fact(f->bare, "root_cause", "billing", "agent", NULL, T0));
    BAD("svcr_case_change_fact", "a time before the last event", SVCR_EINVAL, "earlier than the case's last event",
        svcr_case_change_fact(c, "resolution", "x", "agent", NULL, T0));
    BAD("svcr_case_assign", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_assign(NULL, "bob", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_assign", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_assign(c, "bob", NULL, NULL, T0 + HOUR));
    BAD("svcr_case_assign", "an empty assignee", SVCR_EINVAL, "the assignee must be non-empty UTF-8", svcr_case_assign(c, "", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_assign", "an unknown role", SVCR_EPERM, "\"boss\" is not a role of workflow \"four-stage\"",
        svcr_case_assign(c, "bob", "boss", NULL, T0 + HOUR));
    BAD_RETURNS("svcr_case_assignee", "NULL c", "NULL", "", svcr_case_assignee(NULL) == NULL);
    BAD("svcr_case_approve", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_approve(NULL, "compensation", sixty, "manager", "mia", T0 + HOUR));
    BAD("svcr_case_approve", "NULL fact", SVCR_EINVAL, "\"fact\" is NULL", svcr_case_approve(c, NULL, sixty, "manager", "mia", T0 + HOUR));
    BAD("svcr_case_approve", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_approve(c, "compensation", sixty, NULL, "mia", T0 + HOUR));
    BAD("svcr_case_approve", "NULL approver", SVCR_EINVAL, "\"approver\" is NULL",
        svcr_case_approve(c, "compensation", sixty, "manager", NULL, T0 + HOUR));
    BAD("svcr_case_approve", "an amount above the approving role's limit", SVCR_EPERM,
        "role \"supervisor\" may approve compensation up to 100.00 EUR, not 600.00 EUR; the lowest role that may approve it: manager",
        svcr_case_approve(c, "compensation", (svcr_money){60000, "EUR"}, "supervisor", "sue", T0 + HOUR));
    BAD("svcr_case_approve", "an amount of zero", SVCR_EINVAL, "the amount approved must be positive",
        svcr_case_approve(c, "compensation", zero, "manager", "mia", T0 + HOUR));
    BAD("svcr_case_approve", "a fact no limits cover", SVCR_ENOTFOUND, "declares no money fact \"resolution\"",
        svcr_case_approve(c, "resolution", ten, "manager", "mia", T0 + HOUR));
    BAD("svcr_case_bind_limits", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_bind_limits(NULL, f->limits));
    BAD("svcr_case_bind_taxonomy", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_bind_taxonomy(NULL, f->taxonomy));
    BAD_RETURNS("svcr_case_taxonomy", "NULL c", "NULL", "", svcr_case_taxonomy(NULL) == NULL);
}

static void notification_rows(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    svcr_money payout = {5000, "EUR"}, negative = {-5, "EUR"};
    BAD("svcr_case_notify_transition", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_notify_transition(NULL, 0, &f->json_out));
    BAD("svcr_case_notify_transition", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_case_notify_transition(c, 0, NULL));
    BAD("svcr_case_notify_transition", "index 1 of 1 log entry", SVCR_EINVAL, "index 1 is out of range",
        svcr_case_notify_transition(c, 1, &f->json_out));
    BAD("svcr_case_notify_breach", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_notify_breach(NULL, NULL, "resolution", T0, &f->json_out));
    BAD("svcr_case_notify_breach", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL", svcr_case_notify_breach(c, NULL, NULL, T0, &f->json_out));
    BAD("svcr_case_notify_breach", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_case_notify_breach(c, NULL, "resolution", T0, NULL));
    BAD("svcr_case_notify_breach", "a timer that has not breached", SVCR_ESTATE, "timer \"resolution\" has not breached",
        svcr_case_notify_breach(c, NULL, "resolution", T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_owner", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_notify_owner(NULL, "agent", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_owner", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_notify_owner(c, NULL, NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_owner", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_case_notify_owner(c, "agent", NULL, T0 + HOUR, NULL));
    BAD("svcr_case_notify_owner", "no root cause set", SVCR_ENOTFOUND, "the root cause (\"root_cause\") is not set",
        svcr_case_notify_owner(c, "agent", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_owner", "no taxonomy bound", SVCR_ENOTFOUND, "no taxonomy is bound",
        svcr_case_notify_owner(f->bare, "agent", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_approval_request", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_notify_approval_request(NULL, "compensation", "agent", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_approval_request", "NULL fact", SVCR_EINVAL, "\"fact\" is NULL",
        svcr_case_notify_approval_request(c, NULL, "agent", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_approval_request", "NULL role", SVCR_EINVAL, "\"role\" is NULL",
        svcr_case_notify_approval_request(c, "compensation", NULL, NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_notify_approval_request", "NULL json", SVCR_EINVAL, "\"json\" is NULL",
        svcr_case_notify_approval_request(c, "compensation", "agent", NULL, T0 + HOUR, NULL));
    BAD("svcr_case_notify_approval_request", "a role whose limit covers the amount", SVCR_ESTATE,
        "role \"manager\" may commit compensation of this amount without approval",
        svcr_case_notify_approval_request(c, "compensation", "manager", NULL, T0 + HOUR, &f->json_out));
    BAD("svcr_case_invoke_guarantee", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_invoke_guarantee(NULL, "x", payout, "compensation", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_invoke_guarantee", "NULL promise", SVCR_EINVAL, "\"promise\" is NULL",
        svcr_case_invoke_guarantee(c, NULL, payout, "compensation", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_invoke_guarantee", "NULL fact", SVCR_EINVAL, "\"fact\" is NULL",
        svcr_case_invoke_guarantee(c, "x", payout, NULL, "agent", NULL, T0 + HOUR));
    BAD("svcr_case_invoke_guarantee", "NULL role", SVCR_EINVAL, "\"role\" is NULL",
        svcr_case_invoke_guarantee(c, "x", payout, "compensation", NULL, NULL, T0 + HOUR));
    BAD("svcr_case_invoke_guarantee", "a negative payout", SVCR_EINVAL, "the payout is negative",
        svcr_case_invoke_guarantee(c, "x", negative, "compensation", "agent", NULL, T0 + HOUR));
    BAD("svcr_case_invoke_guarantee", "a payout above the agent's limit", SVCR_EPERM,
        "compensation 50.00 EUR is above role \"agent\"'s limit of 25.00 EUR",
        svcr_case_invoke_guarantee(c, "On time or 50 EUR back", payout, "compensation", "agent", "ann", T0 + HOUR));
}

static void insight_rows(void **state)
{
    fixture *f = *state;
    svcr_insight_code_row *rows[] = {&f->row};
    const char *outside = "{\"customer\": \"K-7\", \"score\": 7, \"scale\": [1, 5], \"at\": 0, \"had_problem\": true}";
    BAD("svcr_insight_pareto_by_code", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_pareto_by_code(NULL, f->taxonomy, 1, rows, 1, &f->count_out));
    BAD("svcr_insight_pareto_by_code", "NULL taxonomy", SVCR_EINVAL, "\"taxonomy\" is NULL",
        svcr_insight_pareto_by_code(f->insight, NULL, 1, rows, 1, &f->count_out));
    BAD("svcr_insight_pareto_by_code", "NULL count", SVCR_EINVAL, "\"count\" is NULL",
        svcr_insight_pareto_by_code(f->insight, f->taxonomy, 1, rows, 1, NULL));
    BAD("svcr_insight_pareto_by_code", "NULL rows with capacity 1", SVCR_EINVAL, "\"rows\" is NULL but capacity is 1",
        svcr_insight_pareto_by_code(f->insight, f->taxonomy, 1, NULL, 1, &f->count_out));
    BAD("svcr_survey_response_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_survey_response_parse(NULL, 2, &f->response_out));
    BAD("svcr_survey_response_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_survey_response_parse(outside, strlen(outside), NULL));
    BAD("svcr_survey_response_parse", "a score outside its scale", SVCR_EPARSE, "/score: must be an integer within the scale 1-5",
        svcr_survey_response_parse(outside, strlen(outside), &f->response_out));
    BAD("svcr_survey_triage", "NULL response", SVCR_EINVAL, "\"response\" is NULL", svcr_survey_triage(NULL, 2, &f->boolean_out));
    BAD("svcr_survey_triage", "NULL open_solicited_case", SVCR_EINVAL, "\"open_solicited_case\" is NULL",
        svcr_survey_triage(f->response, 2, NULL));
    BAD("svcr_survey_triage", "a threshold outside the scale", SVCR_EINVAL, "threshold 0 is outside the response's scale 1-5",
        svcr_survey_triage(f->response, 0, &f->boolean_out));
    BAD("svcr_insight_add_survey", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_add_survey(NULL, f->response));
    BAD("svcr_insight_add_survey", "NULL response", SVCR_EINVAL, "\"response\" is NULL", svcr_insight_add_survey(f->insight, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(taxonomy_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(limits_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(case_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(notification_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(insight_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
