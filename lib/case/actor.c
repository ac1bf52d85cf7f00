/* Who did it: the people acting on a case (interned per case), events and fact changes recorded
 * with their actor and time, assignment, and what the host binds to a case. */
#include "case/internal.h"
#include "workflow/limits.h"
#include "base/alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

svcr__case_extra *svcr__case_extra_get(svcr_case *c)
{
    if (c->extra == NULL)
        c->extra = svcr__calloc(1, sizeof *c->extra);
    return c->extra;
}

svcr_status svcr__case_actor(svcr_case *c, const char *function, const char *name, uint16_t *out)
{
    *out = 0;
    if (name == NULL)
        return SVCR_OK;
    size_t length = svcr__utf8_length(name);
    if (length == 0 || length == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the actor must be non-empty UTF-8 (or NULL for none)",
                          function, svcr__case_id(c));
    svcr__case_extra *x = c->extra;
    for (uint32_t i = 0; x != NULL && i < x->actor_count; i++)
        if (strcmp(x->actors[i], name) == 0) {
            *out = (uint16_t)(i + 1);
            return SVCR_OK;
        }
    if ((x = svcr__case_extra_get(c)) == NULL)
        return svcr__fail_nomem("recording an actor");
    if (x->actor_count >= UINT16_MAX - 1)
        return svcr__fail(SVCR_EOVERFLOW, "%s: case \"%s\" has too many actors", function, svcr__case_id(c));
    char *copy = NULL;
    if (svcr__case_reserve((void **)&x->actors, &x->actor_capacity, x->actor_count, 4, sizeof *x->actors) != 0 ||
        (copy = svcr__malloc(length + 1)) == NULL)
        return svcr__fail_nomem("recording an actor");
    memcpy(copy, name, length + 1);
    x->actors[x->actor_count++] = copy;
    *out = (uint16_t)x->actor_count;
    return SVCR_OK;
}

int svcr__case_record(svcr_case *c, const svcr__record *record)
{
    if (svcr__case_reserve((void **)&c->history, &c->history_capacity, c->history_length, SVCR__FIRST_HISTORY,
                           sizeof *c->history) != 0)
        return -1;
    c->history[c->history_length++] = *record;
    return 0;
}

/* A time for a record: not before the case's last event, not after year 9999. */
static svcr_status check_time(const svcr_case *c, const char *function, int64_t at)
{
    if (at < svcr__case_last_at(c) || at > SVCR_TIME_MAX) {
        char when[SVCR_TIME_FORMAT_SIZE], last[SVCR_TIME_FORMAT_SIZE];
        svcr__case_format_time(at, when);
        svcr__case_format_time(svcr__case_last_at(c), last);
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": time %s is %s", function, svcr__case_id(c), when,
                          at > SVCR_TIME_MAX ? "after year 9999" : "earlier than the case's last event");
    }
    return SVCR_OK;
}

static svcr_status find_role(const svcr_case *c, const char *function, const char *role, uint16_t *out)
{
    long r = svcr__workflow_find_role(c->wf, role);
    if (r < 0)
        return svcr__fail(SVCR_EPERM, "%s: case \"%s\": \"%s\" is not a role of workflow \"%s\"", function,
                          svcr__case_id(c), role, c->wf->name);
    *out = (uint16_t)(r + 1);
    return SVCR_OK;
}

svcr_status svcr_case_apply_as(svcr_case *c, const char *event, const char *role, const char *actor, int64_t at,
                               const char *note)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(event);
    SVCR_REQUIRE_ARG(role);
    /* Check first, so a refused event leaves no new actor behind. */
    svcr_status st = svcr__case_apply(c, event, role, at, note, false, 0);
    uint16_t number;
    if (st == SVCR_OK)
        st = svcr__case_actor(c, __func__, actor, &number);
    return st == SVCR_OK ? svcr__case_apply(c, event, role, at, note, true, number) : st;
}

/* Read @p text as a value of @p type; a string value points into @p text. */
static bool value_from_text(svcr_fact_type type, const char *text, svcr__fact_value *out)
{
    char *end;
    switch (type) {
    case SVCR_FACT_STRING: out->string = (char *)text; return true;
    case SVCR_FACT_INTEGER:
        if (text[0] == '\0' || text[0] == ' ')
            return false;
        out->integer = strtoll(text, &end, 10);
        return *end == '\0' && !(out->integer == INT64_MAX || out->integer == INT64_MIN);
    case SVCR_FACT_BOOLEAN:
        out->boolean = strcmp(text, "true") == 0;
        return out->boolean || strcmp(text, "false") == 0;
    case SVCR_FACT_MONEY: return svcr__money_from_text(text, &out->money);
    }
    return false;
}

svcr_status svcr_case_change_fact(svcr_case *c, const char *name, const char *value, const char *role,
                                  const char *actor, int64_t at)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(role);
    uint16_t r, number;
    svcr_status st;
    if ((st = find_role(c, __func__, role, &r)) != SVCR_OK || (st = check_time(c, __func__, at)) != SVCR_OK)
        return st;
    long slot = svcr__workflow_find_fact(c->wf, name);
    if (slot < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: case \"%s\": workflow \"%s\" declares no fact \"%s\"", __func__,
                          svcr__case_id(c), c->wf->name, name);
    svcr_fact_type type = c->wf->facts[slot].type;
    svcr__fact_value v;
    if (value != NULL && !value_from_text(type, value, &v))
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": fact \"%s\" is of type %s: \"%s\" is not %s", __func__,
                          svcr__case_id(c), name, svcr_fact_type_name(type), value,
                          type == SVCR_FACT_MONEY     ? "money such as \"12.50 EUR\""
                          : type == SVCR_FACT_BOOLEAN ? "\"true\" or \"false\""
                                                      : "a decimal integer");
    /* Validate the value before the actor is recorded. */
    if (value != NULL && type == SVCR_FACT_STRING && (value[0] == '\0' || svcr__utf8_length(value) == SIZE_MAX))
        return svcr__case_set(c, __func__, name, type, &v);
    if ((st = svcr__case_actor(c, __func__, actor, &number)) != SVCR_OK)
        return st;
    return svcr__case_set_by(c, __func__, name, type, value ? &v : NULL, at, r, number);
}

svcr_status svcr_case_assign(svcr_case *c, const char *assignee, const char *role, const char *actor, int64_t at)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(role);
    uint16_t r, who, by;
    svcr_status st;
    if ((st = find_role(c, __func__, role, &r)) != SVCR_OK || (st = check_time(c, __func__, at)) != SVCR_OK)
        return st;
    if (assignee != NULL && (assignee[0] == '\0' || svcr__utf8_length(assignee) == SIZE_MAX))
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the assignee must be non-empty UTF-8 (or NULL to unassign)",
                          __func__, svcr__case_id(c));
    if (actor != NULL && (actor[0] == '\0' || svcr__utf8_length(actor) == SIZE_MAX))
        return svcr__case_actor(c, __func__, actor, &by); /* its message */
    if ((st = svcr__case_actor(c, __func__, assignee, &who)) != SVCR_OK ||
        (st = svcr__case_actor(c, __func__, actor, &by)) != SVCR_OK)
        return st;
    svcr__record record = {.value.integer = who, .at = at, .after = c->log_length, .slot = SVCR__ASSIGN,
                           .actor = by, .role = r, .kind = SVCR__ASSIGNMENT};
    if (svcr__case_record(c, &record) != 0)
        return svcr__fail_nomem("recording an assignment");
    return SVCR_OK;
}

const char *svcr_case_assignee(const svcr_case *c)
{
    if (c == NULL)
        return NULL;
    for (size_t i = c->history_length; i-- > 0;)
        if (c->history[i].kind == SVCR__ASSIGNMENT)
            return svcr__case_actor_name(c, (uint16_t)c->history[i].value.integer);
    return NULL;
}

svcr_status svcr_case_bind_limits(svcr_case *c, const svcr_limits *limits)
{
    SVCR_REQUIRE_ARG(c);
    if (limits != NULL && limits->wf != c->wf)
        return svcr__fail(SVCR_EINVAL, "%s: case \"%s\": the limits were made for another workflow", __func__,
                          svcr__case_id(c));
    if (limits == NULL && c->extra == NULL)
        return SVCR_OK;
    svcr__case_extra *x = svcr__case_extra_get(c);
    if (x == NULL)
        return svcr__fail_nomem("binding limits to a case");
    x->limits = limits;
    return SVCR_OK;
}

svcr_status svcr_case_bind_taxonomy(svcr_case *c, const svcr_taxonomy *taxonomy)
{
    SVCR_REQUIRE_ARG(c);
    if (taxonomy == NULL && c->extra == NULL)
        return SVCR_OK;
    svcr__case_extra *x = svcr__case_extra_get(c);
    if (x == NULL)
        return svcr__fail_nomem("binding a taxonomy to a case");
    x->taxonomy = taxonomy;
    return SVCR_OK;
}

const svcr_taxonomy *svcr_case_taxonomy(const svcr_case *c)
{
    return c && c->extra ? c->extra->taxonomy : NULL;
}
