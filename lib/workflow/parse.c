/* Loading a workflow from JSON: validation with positioned errors, then the compiled form. */
#include "workflow/build.h"
#include "workflow/duration.h"
#include "workflow/limits.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

typedef svcr__builder builder;

#define FAIL SVCR__BUILD_FAIL
#define NOMEM svcr__build_nomem

svcr_status svcr__build_nomem(void)
{
    return svcr__fail_nomem("building a workflow");
}

enum { POINTER_SIZE = SVCR__POINTER_SIZE };

static svcr_status expect_object(builder *b, const json_t *value, const char *pointer,
                                 const char *const *allowed)
{
    return svcr__json_expect_object(b->source, value, pointer, allowed);
}

static svcr_status get_string(builder *b, const json_t *object, const char *pointer, const char *key,
                              bool required, bool name, const char **out)
{
    return svcr__json_string(b->source, object, pointer, key,
                             (required ? SVCR__JSON_REQUIRED : 0) | (name ? SVCR__JSON_NONEMPTY : 0), out);
}

static svcr_status get_array(builder *b, const json_t *object, const char *pointer, const char *key,
                             bool required, size_t limit, const json_t **out)
{
    return svcr__json_array(b->source, object, pointer, key, required, limit, out);
}

/* Copy an optional string into the arena ("" when absent). */
static svcr_status intern_text(builder *b, const char *text, const char **out)
{
    *out = svcr__arena_strdup(&b->arena, text ? text : "");
    return *out ? SVCR_OK : NOMEM();
}

svcr_status svcr__build_duration(builder *b, const json_t *object, const char *pointer, const char *key,
                                 int64_t fallback, int64_t *out)
{
    const json_t *value = json_object_get(object, key);
    char at[POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    *out = fallback;
    if (value == NULL)
        return SVCR_OK;
    if (json_is_integer(value) && json_integer_value(value) >= 0 &&
        json_integer_value(value) <= (int64_t)36525 * 86400) {
        *out = json_integer_value(value);
        return SVCR_OK;
    }
    if (json_is_string(value) && svcr__duration_parse(json_string_value(value), out))
        return SVCR_OK;
    return FAIL(b, at, "must be a duration: seconds, or text such as \"14d\", \"24h\", \"1h30m\"");
}

/* Fill names[0..count) from a JSON array of distinct, non-empty strings and index them. */
static svcr_status intern_name_list(builder *b, const json_t *array, const char *pointer,
                                    const char *what, const char ***names, svcr__name_index *index)
{
    size_t count = json_array_size(array);
    const char **list = svcr__arena_array(&b->arena, count ? count : 1, sizeof *list);
    if (list == NULL || svcr__name_index_init(index, count) != 0)
        return NOMEM();
    for (size_t i = 0; i < count; i++) {
        char at[POINTER_SIZE];
        svcr__json_pointer_index(at, pointer, i);
        const json_t *item = json_array_get(array, i);
        if (!json_is_string(item) || json_string_length(item) == 0)
            return FAIL(b, at, "a %s must be a non-empty string", what);
        if ((list[i] = svcr__arena_strdup(&b->arena, json_string_value(item))) == NULL)
            return NOMEM();
        if (svcr__name_index_add(index, list[i], i) >= 0)
            return FAIL(b, at, "duplicate %s \"%s\"", what, list[i]);
    }
    *names = list;
    return SVCR_OK;
}

static svcr_status build_roles(builder *b, const json_t *root)
{
    const json_t *roles;
    svcr_status st = get_array(b, root, "", "roles", false, SVCR__MAX_ROLES, &roles);
    if (st != SVCR_OK)
        return st;
    json_t *fallback = NULL;
    if (roles == NULL) {
        /* Roles default to a single "agent". */
        if ((fallback = json_pack("[s]", "agent")) == NULL)
            return NOMEM();
        roles = fallback;
    } else if (json_array_size(roles) == 0) {
        return FAIL(b, "/roles", "must name at least one role");
    }
    const char **names = NULL;
    st = intern_name_list(b, roles, "/roles", "role", &names, &b->wf->role_index);
    b->wf->role_names = names;
    b->wf->role_count = (uint16_t)json_array_size(roles);
    json_decref(fallback);
    return st;
}

static svcr_status build_facts(builder *b, const json_t *root)
{
    static const char *const allowed[] = {"name", "type", "description", "scale", "taxonomy", NULL};
    svcr_workflow *wf = b->wf;
    const json_t *facts;
    svcr_status st = get_array(b, root, "", "facts", false, SVCR__MAX_FACTS, &facts);
    if (st != SVCR_OK)
        return st;
    size_t count = json_array_size(facts); /* 0 when absent */
    const char **names = svcr__arena_array(&b->arena, count ? count : 1, sizeof *names);
    wf->facts = svcr__arena_array(&b->arena, count ? count : 1, sizeof *wf->facts);
    if (names == NULL || wf->facts == NULL || svcr__name_index_init(&wf->fact_index, count))
        return NOMEM();
    wf->fact_names = names;
    for (size_t i = 0; i < count; i++) {
        char at[POINTER_SIZE], type_at[POINTER_SIZE];
        svcr__json_pointer_index(at, "/facts", i);
        svcr__json_pointer_member(type_at, at, "type");
        const json_t *fact = json_array_get(facts, i);
        const char *name, *type, *description;
        if ((st = expect_object(b, fact, at, allowed)) != SVCR_OK ||
            (st = get_string(b, fact, at, "name", true, true, &name)) != SVCR_OK ||
            (st = get_string(b, fact, at, "type", true, true, &type)) != SVCR_OK ||
            (st = get_string(b, fact, at, "description", false, false, &description)) != SVCR_OK)
            return st;
        int t = svcr__fact_type_from_name(type);
        if (t < 0)
            return FAIL(b, type_at, "unknown fact type \"%s\" (use string, integer, boolean or money)",
                        type);
        wf->facts[i].type = (svcr_fact_type)t;
        wf->facts[i].has_scale = false;
        bool codes;
        if ((st = svcr__json_bool(b->source, fact, at, "taxonomy", false, &codes)) != SVCR_OK)
            return st;
        if (codes && t != SVCR_FACT_STRING)
            return FAIL(b, at, "only a string fact holds taxonomy codes");
        wf->facts[i].taxonomy = codes;
        const json_t *scale = json_object_get(fact, "scale");
        if (scale != NULL) {
            char scale_at[POINTER_SIZE];
            svcr__json_pointer_member(scale_at, at, "scale");
            const json_t *low = json_array_get(scale, 0), *high = json_array_get(scale, 1);
            if (t != SVCR_FACT_INTEGER)
                return FAIL(b, scale_at, "only an integer fact has a scale");
            if (!json_is_array(scale) || json_array_size(scale) != 2 || !json_is_integer(low) || !json_is_integer(high) ||
                json_integer_value(low) >= json_integer_value(high))
                return FAIL(b, scale_at, "must be [lowest, highest], two integers, lowest first (e.g. [1, 5])");
            wf->facts[i].has_scale = true;
            wf->facts[i].scale_min = json_integer_value(low);
            wf->facts[i].scale_max = json_integer_value(high);
        }
        if ((names[i] = svcr__arena_strdup(&b->arena, name)) == NULL ||
            (st = intern_text(b, description, &wf->facts[i].description)) != SVCR_OK)
            return names[i] ? st : NOMEM();
        if (svcr__name_index_add(&wf->fact_index, names[i], i) >= 0)
            return FAIL(b, at, "duplicate fact \"%s\"", name);
        wf->fact_count = (uint16_t)(i + 1);
    }
    return SVCR_OK;
}

static svcr_status build_states(builder *b, const json_t *root)
{
    static const char *const allowed[] = {"name", "kind", "guidance", "due_after", NULL};
    svcr_workflow *wf = b->wf;
    const json_t *states;
    svcr_status st = get_array(b, root, "", "states", true, SVCR__MAX_STATES, &states);
    if (st != SVCR_OK)
        return st;
    size_t count = json_array_size(states);
    if (count == 0)
        return FAIL(b, "/states", "must list at least one state");
    const char **names = svcr__arena_array(&b->arena, count, sizeof *names);
    wf->states = svcr__arena_array(&b->arena, count, sizeof *wf->states);
    if (names == NULL || wf->states == NULL || svcr__name_index_init(&wf->state_index, count))
        return NOMEM();
    wf->state_names = names;
    long initial = -1;
    for (size_t i = 0; i < count; i++) {
        char at[POINTER_SIZE], kind_at[POINTER_SIZE];
        svcr__json_pointer_index(at, "/states", i);
        svcr__json_pointer_member(kind_at, at, "kind");
        const json_t *state = json_array_get(states, i);
        const char *name, *kind, *guidance;
        svcr__wf_state *s = &wf->states[i];
        if ((st = expect_object(b, state, at, allowed)) != SVCR_OK ||
            (st = get_string(b, state, at, "name", true, true, &name)) != SVCR_OK ||
            (st = get_string(b, state, at, "kind", false, true, &kind)) != SVCR_OK ||
            (st = get_string(b, state, at, "guidance", false, false, &guidance)) != SVCR_OK ||
            (st = svcr__build_duration(b, state, at, "due_after", -1, &s->due_after)) != SVCR_OK)
            return st;
        int k = kind ? svcr__state_kind_from_name(kind) : SVCR_STATE_ACTIVE;
        if (k < 0)
            return FAIL(b, kind_at,
                        "unknown state kind \"%s\" (use initial, active, waiting-on-customer, "
                        "resolved or closed)", kind);
        s->kind = (svcr_state_kind)k;
        if (k == SVCR_STATE_INITIAL) {
            if (initial >= 0)
                return FAIL(b, kind_at, "a second initial state (\"%s\" is initial already)",
                            names[initial]);
            initial = (long)i;
        }
        if ((names[i] = svcr__arena_strdup(&b->arena, name)) == NULL)
            return NOMEM();
        if ((st = intern_text(b, guidance, &s->guidance)) != SVCR_OK)
            return st;
        if (svcr__name_index_add(&wf->state_index, names[i], i) >= 0)
            return FAIL(b, at, "duplicate state \"%s\"", name);
        wf->state_count = (uint16_t)(i + 1);
    }
    if (initial < 0)
        return FAIL(b, "/states", "no state has kind \"initial\"");
    wf->initial = (uint16_t)initial;
    return SVCR_OK;
}

/* Resolve a state name of a transition. */
static svcr_status transition_state(builder *b, const json_t *transition, const char *at,
                                    const char *key, uint16_t *out)
{
    const char *name;
    svcr_status st = get_string(b, transition, at, key, true, true, &name);
    if (st != SVCR_OK)
        return st;
    long s = svcr__workflow_find_state(b->wf, name);
    if (s < 0) {
        char member[POINTER_SIZE];
        svcr__json_pointer_member(member, at, key);
        return FAIL(b, member, "unknown state \"%s\"", name);
    }
    *out = (uint16_t)s;
    return SVCR_OK;
}

/* The guard: "requires", a list of declared facts, each once. */
static svcr_status transition_requires(builder *b, const json_t *transition, const char *at,
                                       svcr__wf_transition *t)
{
    char list_at[POINTER_SIZE];
    svcr__json_pointer_member(list_at, at, "requires");
    const json_t *requires;
    svcr_status st = get_array(b, transition, at, "requires", false, SVCR__MAX_FACTS, &requires);
    if (st != SVCR_OK || requires == NULL)
        return st;
    size_t count = json_array_size(requires);
    uint16_t *slots = svcr__arena_array(&b->arena, count ? count : 1, sizeof *slots);
    const char **names = svcr__arena_array(&b->arena, count ? count : 1, sizeof *names);
    if (slots == NULL || names == NULL)
        return NOMEM();
    for (size_t i = 0; i < count; i++) {
        char item_at[POINTER_SIZE];
        svcr__json_pointer_index(item_at, list_at, i);
        const json_t *item = json_array_get(requires, i);
        if (!json_is_string(item))
            return FAIL(b, item_at, "a required fact must be a string");
        long f = svcr__workflow_find_fact(b->wf, json_string_value(item));
        if (f < 0)
            return FAIL(b, item_at, "unknown fact \"%s\" (declare it under \"facts\")",
                        json_string_value(item));
        for (size_t j = 0; j < i; j++)
            if (slots[j] == f)
                return FAIL(b, item_at, "fact \"%s\" is required twice", json_string_value(item));
        slots[i] = (uint16_t)f;
        names[i] = b->wf->fact_names[f];
    }
    t->required = slots;
    t->required_names = names;
    t->required_count = (uint16_t)count;
    return SVCR_OK;
}

/* Who may fire it: "roles", a subset of the workflow's roles; all of them when absent. */
static svcr_status transition_roles(builder *b, const json_t *transition, const char *at,
                                    svcr__wf_transition *t)
{
    svcr_workflow *wf = b->wf;
    char list_at[POINTER_SIZE];
    svcr__json_pointer_member(list_at, at, "roles");
    const json_t *roles;
    svcr_status st = get_array(b, transition, at, "roles", false, SVCR__MAX_ROLES, &roles);
    if (st != SVCR_OK)
        return st;
    if (roles == NULL) {
        t->role_names = wf->role_names;
        t->role_count = wf->role_count;
        t->role_mask = wf->role_count == 64 ? UINT64_MAX : (UINT64_C(1) << wf->role_count) - 1;
        return SVCR_OK;
    }
    size_t count = json_array_size(roles);
    if (count == 0)
        return FAIL(b, list_at, "must name at least one role (leave it out to allow every role)");
    const char **names = svcr__arena_array(&b->arena, count, sizeof *names);
    if (names == NULL)
        return NOMEM();
    for (size_t i = 0; i < count; i++) {
        char item_at[POINTER_SIZE];
        svcr__json_pointer_index(item_at, list_at, i);
        const json_t *item = json_array_get(roles, i);
        if (!json_is_string(item))
            return FAIL(b, item_at, "a role must be a string");
        long r = svcr__workflow_find_role(wf, json_string_value(item));
        if (r < 0)
            return FAIL(b, item_at, "unknown role \"%s\" (declare it under \"roles\")",
                        json_string_value(item));
        if (t->role_mask & (UINT64_C(1) << r))
            return FAIL(b, item_at, "role \"%s\" is listed twice", json_string_value(item));
        t->role_mask |= UINT64_C(1) << r;
        names[i] = wf->role_names[r];
    }
    t->role_names = names;
    t->role_count = (uint16_t)count;
    return SVCR_OK;
}

static svcr_status build_transitions(builder *b, const json_t *root)
{
    static const char *const allowed[] = {"event", "from", "to", "requires", "roles", "reopen", NULL};
    svcr_workflow *wf = b->wf;
    const json_t *transitions;
    svcr_status st = get_array(b, root, "", "transitions", true, (size_t)SVCR__MAX_STATES * 64,
                               &transitions);
    if (st != SVCR_OK)
        return st;
    size_t count = json_array_size(transitions);
    wf->transitions = svcr__arena_array(&b->arena, count ? count : 1, sizeof *wf->transitions);
    /* Events are named by the transitions; there are at most as many as transitions. */
    const char **events = svcr__arena_array(&b->arena, count ? count : 1, sizeof *events);
    if (wf->transitions == NULL || events == NULL ||
        svcr__name_index_init(&wf->event_index, count))
        return NOMEM();
    wf->event_names = events;
    for (size_t i = 0; i < count; i++) {
        char at[POINTER_SIZE], event_at[POINTER_SIZE];
        svcr__json_pointer_index(at, "/transitions", i);
        svcr__json_pointer_member(event_at, at, "event");
        const json_t *transition = json_array_get(transitions, i);
        svcr__wf_transition *t = &wf->transitions[i];
        const char *event;
        if ((st = expect_object(b, transition, at, allowed)) != SVCR_OK ||
            (st = get_string(b, transition, at, "event", true, true, &event)) != SVCR_OK ||
            (st = transition_state(b, transition, at, "from", &t->from)) != SVCR_OK ||
            (st = transition_state(b, transition, at, "to", &t->to)) != SVCR_OK ||
            (st = transition_requires(b, transition, at, t)) != SVCR_OK ||
            (st = transition_roles(b, transition, at, t)) != SVCR_OK)
            return st;
        bool reopen;
        if ((st = svcr__json_bool(b->source, transition, at, "reopen", false, &reopen)) != SVCR_OK)
            return st;
        t->reopen = reopen;
        svcr_state_kind from_kind = wf->states[t->from].kind;
        if (t->reopen && from_kind != SVCR_STATE_RESOLVED && from_kind != SVCR_STATE_CLOSED) {
            char reopen_at[POINTER_SIZE];
            svcr__json_pointer_member(reopen_at, at, "reopen");
            return FAIL(b, reopen_at, "a reopen must leave a resolved or closed state, not \"%s\" (%s)",
                        wf->state_names[t->from], svcr_state_kind_name(from_kind));
        }
        long existing = svcr__name_index_find(&wf->event_index, event);
        if (existing >= 0) {
            t->event = (uint16_t)existing;
        } else {
            if (wf->event_count == SVCR__MAX_EVENTS)
                return FAIL(b, event_at, "more than %d distinct events", SVCR__MAX_EVENTS);
            if ((events[wf->event_count] = svcr__arena_strdup(&b->arena, event)) == NULL)
                return NOMEM();
            svcr__name_index_add(&wf->event_index, events[wf->event_count], wf->event_count);
            t->event = wf->event_count++;
        }
        wf->transition_count = (uint32_t)(i + 1);
    }
    return SVCR_OK;
}

/* The (state, event) table; a state may have one transition per event. */
static svcr_status build_table(builder *b)
{
    svcr_workflow *wf = b->wf;
    size_t cells = (size_t)wf->state_count * wf->event_count;
    wf->table = svcr__arena_array(&b->arena, cells ? cells : 1, sizeof *wf->table);
    if (wf->table == NULL)
        return NOMEM();
    for (uint32_t i = 0; i < wf->transition_count; i++) {
        const svcr__wf_transition *t = &wf->transitions[i];
        uint32_t *cell = &wf->table[(size_t)t->from * wf->event_count + t->event];
        if (*cell != 0) {
            char at[POINTER_SIZE];
            snprintf(at, sizeof at, "/transitions/%u/event", i);
            return FAIL(b, at, "state \"%s\" already has a transition for event \"%s\" (/transitions/%u)",
                        wf->state_names[t->from], wf->event_names[t->event], *cell - 1);
        }
        *cell = i + 1;
    }
    return SVCR_OK;
}

static bool is_final(svcr_state_kind kind)
{
    return kind == SVCR_STATE_RESOLVED || kind == SVCR_STATE_CLOSED;
}

/* Every state must be reachable from the initial one, and every non-final state must be able to
 * reach a resolved or closed state. Both are fixed points over the transitions. */
static svcr_status check_graph(builder *b)
{
    svcr_workflow *wf = b->wf;
    unsigned char *reached = svcr__calloc(wf->state_count, 2);
    if (reached == NULL)
        return NOMEM();
    unsigned char *ends = reached + wf->state_count; /* can reach a final state */
    reached[wf->initial] = 1;
    for (uint16_t s = 0; s < wf->state_count; s++)
        ends[s] = is_final(wf->states[s].kind);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t i = 0; i < wf->transition_count; i++) {
            const svcr__wf_transition *t = &wf->transitions[i];
            if (reached[t->from] && !reached[t->to]) {
                reached[t->to] = 1;
                changed = true;
            }
            if (ends[t->to] && !ends[t->from]) {
                ends[t->from] = 1;
                changed = true;
            }
        }
    }
    svcr_status st = SVCR_OK;
    for (uint16_t s = 0; s < wf->state_count && st == SVCR_OK; s++) {
        char at[POINTER_SIZE];
        snprintf(at, sizeof at, "/states/%u", s);
        if (!reached[s])
            st = FAIL(b, at, "state \"%s\" is unreachable from the initial state \"%s\"",
                      wf->state_names[s], wf->state_names[wf->initial]);
        else if (!ends[s])
            st = FAIL(b, at, "state \"%s\" (%s) has no way out: no path leads to a resolved or closed state",
                      wf->state_names[s], svcr_state_kind_name(wf->states[s].kind));
    }
    svcr__free(reached);
    return st;
}

static svcr_status build(builder *b, const json_t *root)
{
    static const char *const allowed[] = {"name",   "title",       "reopen_grace", "roles", "facts",
                                          "states", "transitions", "timers",       "limits", NULL};
    svcr_status st;
    const char *name, *title;
    if ((st = expect_object(b, root, "", allowed)) != SVCR_OK ||
        (st = get_string(b, root, "", "name", true, true, &name)) != SVCR_OK ||
        (st = get_string(b, root, "", "title", false, false, &title)) != SVCR_OK)
        return st;
    if ((b->wf = svcr__arena_alloc(&b->arena, sizeof *b->wf)) == NULL)
        return NOMEM();
    b->wf->limits = NULL;
    if ((st = intern_text(b, name, &b->wf->name)) != SVCR_OK ||
        (st = intern_text(b, title, &b->wf->title)) != SVCR_OK ||
        (st = svcr__build_duration(b, root, "", "reopen_grace", SVCR__DEFAULT_REOPEN_GRACE,
                           &b->wf->reopen_grace)) != SVCR_OK ||
        (st = build_roles(b, root)) != SVCR_OK || (st = build_facts(b, root)) != SVCR_OK ||
        (st = build_states(b, root)) != SVCR_OK || (st = build_transitions(b, root)) != SVCR_OK ||
        (st = build_table(b)) != SVCR_OK || (st = check_graph(b)) != SVCR_OK)
        return st;
    const json_t *limits = json_object_get(root, "limits");
    if (limits != NULL && (st = svcr__limits_build(b->source, b->wf, limits, "/limits", &b->wf->limits)) != SVCR_OK)
        return st;
    return svcr__build_timers(b, root);
}

/* The name indexes are the only parts of a workflow outside its arena. */
static void free_name_indexes(svcr_workflow *wf)
{
    svcr_limits_free(wf->limits); /* also outside */
    wf->limits = NULL;
    svcr__name_index *indexes[] = {&wf->state_index, &wf->event_index, &wf->role_index,
                                   &wf->fact_index,  &wf->timer_index, &wf->calendar_index};
    for (size_t i = 0; i < sizeof indexes / sizeof *indexes; i++)
        svcr__name_index_free(indexes[i]);
}

svcr_status svcr__workflow_build(const svcr__json_source *source, json_t *root, void *out_workflow)
{
    svcr_workflow **out = out_workflow;
    builder b = {source, {NULL}, NULL};
    svcr_status st = build(&b, root);
    if (st != SVCR_OK) {
        if (b.wf != NULL)
            free_name_indexes(b.wf);
        svcr__arena_free(&b.arena);
        return st;
    }
    b.wf->arena = b.arena; /* the workflow owns the arena it lives in */
    *out = b.wf;
    return SVCR_OK;
}

svcr_status svcr_workflow_parse(const char *json, size_t len, svcr_workflow **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"workflow JSON", json, len};
    return svcr__json_parse(&source, svcr__workflow_build, out);
}

void svcr_workflow_free(svcr_workflow *wf)
{
    if (wf == NULL)
        return;
    free_name_indexes(wf);
    svcr__arena arena = wf->arena;
    svcr__arena_free(&arena);
}
