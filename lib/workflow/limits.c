/* Spending limits per role for money facts: reading them (alone or as a workflow's "limits"),
 * writing them back, and the queries the case checks and a host's offers use. */
#include "workflow/limits.h"
#include "workflow/internal.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

enum { POINTER_SIZE = SVCR__POINTER_SIZE };

#define FAIL(source, pointer, ...) svcr__json_fail((source), (pointer), SVCR_EPARSE, __VA_ARGS__)

bool svcr__money_from_text(const char *text, svcr_money *out)
{
    const char *space = strrchr(text, ' ');
    char amount[64];
    if (space == NULL || (size_t)(space - text) >= sizeof amount)
        return false;
    memcpy(amount, text, (size_t)(space - text));
    amount[space - text] = '\0';
    return svcr_money_parse_decimal(amount, space + 1, out) == SVCR_OK;
}

void svcr__limits_format(const svcr__limit_rule *rule, int64_t amount, char buf[SVCR_MONEY_FORMAT_SIZE])
{
    svcr_money m = {amount, {rule->currency[0], rule->currency[1], rule->currency[2], '\0'}};
    if (amount == SVCR__UNLIMITED || svcr_money_format(m, buf, SVCR_MONEY_FORMAT_SIZE) != SVCR_OK)
        snprintf(buf, SVCR_MONEY_FORMAT_SIZE, "unlimited");
}

static void free_rules(svcr__limit_rule *rules, size_t count)
{
    for (size_t i = 0; rules != NULL && i < count; i++) {
        svcr__free(rules[i].limit);
        svcr__free(rules[i].commits);
    }
    svcr__free(rules);
}

void svcr_limits_free(svcr_limits *limits)
{
    if (limits == NULL)
        return;
    free_rules(limits->rules, limits->count);
    svcr__free(limits);
}

/* One entry of the array: {"fact", "currency", "roles": {role: "25.00 EUR" | "unlimited"}}. */
static svcr_status build_rule(const svcr__json_source *source, const svcr_workflow *wf, const json_t *entry,
                              const char *at, svcr__limit_rule *rule, const svcr__limit_rule *before, size_t count)
{
    static const char *const allowed[] = {"fact", "currency", "roles", "events", NULL};
    const char *fact, *currency;
    svcr_status st;
    char member[POINTER_SIZE];
    if ((st = svcr__json_expect_object(source, entry, at, allowed)) != SVCR_OK ||
        (st = svcr__json_string(source, entry, at, "fact", SVCR__JSON_REQUIRED, &fact)) != SVCR_OK ||
        (st = svcr__json_string(source, entry, at, "currency", SVCR__JSON_REQUIRED, &currency)) != SVCR_OK)
        return st;
    long slot = svcr__workflow_find_fact(wf, fact);
    svcr__json_pointer_member(member, at, "fact");
    if (slot < 0)
        return FAIL(source, member, "workflow \"%s\" declares no fact \"%s\"", wf->name, fact);
    if (wf->facts[slot].type != SVCR_FACT_MONEY)
        return FAIL(source, member, "fact \"%s\" is of type %s; limits apply to money facts", fact,
                    svcr_fact_type_name(wf->facts[slot].type));
    for (size_t i = 0; i < count; i++)
        if (before[i].fact == slot)
            return FAIL(source, member, "fact \"%s\" has limits already", fact);
    svcr_money check;
    svcr__json_pointer_member(member, at, "currency");
    if (strlen(currency) != 3 || svcr_money_make(0, currency, &check) != SVCR_OK)
        return FAIL(source, member, "\"%s\" is not an ISO 4217 currency code", currency);
    rule->fact = (uint16_t)slot;
    memcpy(rule->currency, currency, 4);
    const json_t *roles = svcr__json_member(entry, at, "roles", member);
    if (roles == NULL)
        return FAIL(source, at, "missing member \"roles\"");
    if (!json_is_object(roles))
        return FAIL(source, member, "must be an object: role -> \"25.00 %s\" or \"unlimited\"", currency);
    const char *role;
    const json_t *value;
    json_object_foreach((json_t *)roles, role, value) {
        char role_at[POINTER_SIZE];
        svcr__json_pointer_member(role_at, member, role);
        long r = svcr__workflow_find_role(wf, role);
        if (r < 0)
            return FAIL(source, role_at, "\"%s\" is not a role of workflow \"%s\"", role, wf->name);
        const char *text = json_is_string(value) ? json_string_value(value) : "";
        svcr_money m;
        if (strcmp(text, "unlimited") == 0) {
            rule->limit[r] = SVCR__UNLIMITED;
            continue;
        }
        if (!svcr__money_from_text(text, &m))
            return FAIL(source, role_at, "must be money such as \"25.00 %s\", or \"unlimited\"", currency);
        if (strcmp(m.currency, currency) != 0)
            return FAIL(source, role_at, "the limit is in %s but fact \"%s\" is limited in %s", m.currency, fact,
                        currency);
        if (m.amount_minor < 0)
            return FAIL(source, role_at, "a limit cannot be negative");
        rule->limit[r] = m.amount_minor;
    }
    const json_t *events;
    if ((st = svcr__json_array(source, entry, at, "events", false, SVCR__MAX_EVENTS, &events)) != SVCR_OK ||
        events == NULL)
        return st;
    if ((rule->commits = svcr__calloc(wf->event_count ? wf->event_count : 1, sizeof *rule->commits)) == NULL)
        return svcr__fail_nomem("reading spending limits");
    svcr__json_pointer_member(member, at, "events");
    for (size_t i = 0; i < json_array_size(events); i++) {
        const json_t *event = json_array_get(events, i);
        long e = json_is_string(event) ? svcr__workflow_find_event(wf, json_string_value(event)) : -1;
        char event_at[POINTER_SIZE];
        svcr__json_pointer_index(event_at, member, i);
        if (e < 0)
            return FAIL(source, event_at, "must be an event of workflow \"%s\"", wf->name);
        rule->commits[e] = true;
    }
    return SVCR_OK;
}

bool svcr__limit_applies(const svcr__limit_rule *rule, const svcr__wf_transition *t)
{
    if (rule->commits != NULL)
        return rule->commits[t->event];
    for (uint16_t k = 0; k < t->required_count; k++)
        if (t->required[k] == rule->fact)
            return true;
    return false;
}

svcr_status svcr__limits_build(const svcr__json_source *source, const svcr_workflow *wf, const json_t *array,
                               const char *pointer, svcr_limits **out)
{
    if (!json_is_array(array))
        return FAIL(source, pointer, "must be an array of limits, one per money fact");
    size_t count = json_array_size(array);
    svcr_limits *limits = svcr__calloc(1, sizeof *limits);
    if (limits == NULL || (count && (limits->rules = svcr__calloc(count, sizeof *limits->rules)) == NULL)) {
        svcr__free(limits);
        return svcr__fail_nomem("reading spending limits");
    }
    limits->wf = wf;
    svcr_status st = SVCR_OK;
    for (size_t i = 0; st == SVCR_OK && i < count; i++) {
        char at[POINTER_SIZE];
        svcr__json_pointer_index(at, pointer, i);
        if ((limits->rules[i].limit = svcr__calloc(wf->role_count ? wf->role_count : 1, sizeof(int64_t))) == NULL)
            st = svcr__fail_nomem("reading spending limits");
        else
            st = build_rule(source, wf, json_array_get(array, i), at, &limits->rules[i], limits->rules, i);
        limits->count = i + 1;
    }
    if (st != SVCR_OK) {
        svcr_limits_free(limits);
        return st;
    }
    *out = limits;
    return SVCR_OK;
}

typedef struct parse_context {
    const svcr_workflow *wf;
    svcr_limits **out;
} parse_context;

static svcr_status read_document(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const allowed[] = {"limits", NULL};
    parse_context *p = context;
    svcr_status st = svcr__json_expect_object(source, root, "", allowed);
    if (st != SVCR_OK)
        return st;
    const json_t *array = json_object_get(root, "limits");
    if (array == NULL)
        return FAIL(source, "", "missing member \"limits\"");
    return svcr__limits_build(source, p->wf, array, "/limits", p->out);
}

svcr_status svcr_limits_parse(const svcr_workflow *wf, const char *json, size_t length, svcr_limits **out)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"limits JSON", json, length};
    parse_context context = {wf, out};
    return svcr__json_parse(&source, read_document, &context);
}

json_t *svcr__limits_encode(const svcr_limits *limits)
{
    const svcr_workflow *wf = limits->wf;
    json_t *array = json_array();
    for (size_t i = 0; array != NULL && i < limits->count; i++) {
        const svcr__limit_rule *rule = &limits->rules[i];
        json_t *entry = json_object(), *roles = NULL;
        /* "roles" is made only when it is put, which takes it even on failure: made earlier, an
         * earlier failure would leak it. */
        int failed = svcr__json_append(array, entry) != 0 ||
                     svcr__json_put(entry, "fact", json_string(wf->fact_names[rule->fact])) != 0 ||
                     svcr__json_put(entry, "currency", json_string(rule->currency)) != 0 ||
                     svcr__json_put(entry, "roles", roles = json_object()) != 0;
        for (uint16_t r = 0; !failed && r < wf->role_count; r++) {
            char text[SVCR_MONEY_FORMAT_SIZE];
            svcr__limits_format(rule, rule->limit[r], text);
            failed = rule->limit[r] != 0 && svcr__json_put(roles, wf->role_names[r], json_string(text)) != 0;
        }
        if (!failed && rule->commits != NULL) {
            json_t *events = json_array();
            failed = svcr__json_put(entry, "events", events) != 0;
            for (uint16_t e = 0; !failed && e < wf->event_count; e++)
                failed = rule->commits[e] && svcr__json_append(events, json_string(wf->event_names[e])) != 0;
        }
        if (failed) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

const svcr__limit_rule *svcr__limits_rule(const svcr_limits *limits, uint32_t fact)
{
    for (size_t i = 0; i < limits->count; i++)
        if (limits->rules[i].fact == fact)
            return &limits->rules[i];
    return NULL;
}

long svcr__limits_lowest(const svcr_limits *limits, const svcr__limit_rule *rule, int64_t amount)
{
    long best = -1;
    for (uint16_t r = 0; r < limits->wf->role_count; r++)
        if (rule->limit[r] >= amount && (best < 0 || rule->limit[r] < rule->limit[best]))
            best = r;
    return best;
}

const svcr_limits *svcr_workflow_limits(const svcr_workflow *wf)
{
    return wf ? wf->limits : NULL;
}

/* The rule for @p fact, or an error naming why there is none. */
static svcr_status find_rule(const svcr_limits *limits, const char *function, const char *fact,
                             const svcr__limit_rule **out)
{
    long slot = svcr__workflow_find_fact(limits->wf, fact);
    if (slot < 0 || (*out = svcr__limits_rule(limits, (uint32_t)slot)) == NULL)
        return svcr__fail(SVCR_ENOTFOUND, "%s: no spending limits for fact \"%s\"", function, fact);
    return SVCR_OK;
}

svcr_status svcr_limits_role_limit(const svcr_limits *limits, const char *fact, const char *role, bool *unlimited,
                                   svcr_money *limit)
{
    SVCR_REQUIRE_ARG(limits);
    SVCR_REQUIRE_ARG(fact);
    SVCR_REQUIRE_ARG(role);
    SVCR_REQUIRE_ARG(unlimited);
    SVCR_REQUIRE_ARG(limit);
    const svcr__limit_rule *rule;
    svcr_status st = find_rule(limits, __func__, fact, &rule);
    if (st != SVCR_OK)
        return st;
    long r = svcr__workflow_find_role(limits->wf, role);
    if (r < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: \"%s\" is not a role of workflow \"%s\"", __func__, role,
                          limits->wf->name);
    *unlimited = rule->limit[r] == SVCR__UNLIMITED;
    *limit = (svcr_money){*unlimited ? 0 : rule->limit[r], {rule->currency[0], rule->currency[1], rule->currency[2], 0}};
    return SVCR_OK;
}

svcr_status svcr_limits_lowest_role(const svcr_limits *limits, const char *fact, svcr_money amount, const char **role)
{
    SVCR_REQUIRE_ARG(limits);
    SVCR_REQUIRE_ARG(fact);
    SVCR_REQUIRE_ARG(role);
    const svcr__limit_rule *rule;
    svcr_status st = find_rule(limits, __func__, fact, &rule);
    if (st != SVCR_OK)
        return st;
    if (strncmp(amount.currency, rule->currency, 4) != 0)
        return svcr__fail(SVCR_ECURRENCY, "%s: fact \"%s\" is limited in %s, not %.4s", __func__, fact, rule->currency,
                          amount.currency);
    if (amount.amount_minor < 0)
        return svcr__fail(SVCR_EINVAL, "%s: the amount is negative", __func__);
    long r = svcr__limits_lowest(limits, rule, amount.amount_minor);
    if (r < 0) {
        char text[SVCR_MONEY_FORMAT_SIZE];
        svcr__limits_format(rule, amount.amount_minor, text);
        return svcr__fail(SVCR_EPERM, "%s: no role may commit %s of fact \"%s\"", __func__, text, fact);
    }
    *role = limits->wf->role_names[r];
    return SVCR_OK;
}
