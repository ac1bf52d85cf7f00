/* Writing a workflow back as JSON in the format svcr_workflow_parse() reads. */
#include "workflow/internal.h"
#include "workflow/duration.h"
#include "base/alloc.h"

/* jansson's own allocation failures surface as NULL values; every helper below passes them up. */
static json_t *name_list(const char *const *names, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && i < count; i++)
        if (json_array_append_new(list, json_string(names[i])) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

static json_t *duration(int64_t seconds)
{
    char text[SVCR__DURATION_SIZE];
    svcr__duration_format(seconds, text);
    return json_string(text);
}

/* Add @p value (a new reference, possibly NULL after a failure) as @p key. Returns 0 or -1. */
static int put(json_t *object, const char *key, json_t *value)
{
    return value == NULL ? -1 : json_object_set_new(object, key, value);
}

static json_t *encode_facts(const svcr_workflow *wf)
{
    json_t *facts = json_array();
    for (uint16_t i = 0; facts != NULL && i < wf->fact_count; i++) {
        json_t *fact = json_object();
        if (put(fact, "name", json_string(wf->fact_names[i])) != 0 ||
            put(fact, "type", json_string(svcr_fact_type_name(wf->facts[i].type))) != 0 ||
            (wf->facts[i].description[0] &&
             put(fact, "description", json_string(wf->facts[i].description)) != 0) ||
            json_array_append_new(facts, fact) != 0) {
            json_decref(fact);
            json_decref(facts);
            return NULL;
        }
    }
    return facts;
}

static json_t *encode_states(const svcr_workflow *wf)
{
    json_t *states = json_array();
    for (uint16_t i = 0; states != NULL && i < wf->state_count; i++) {
        const svcr__wf_state *s = &wf->states[i];
        json_t *state = json_object();
        if (put(state, "name", json_string(wf->state_names[i])) != 0 ||
            put(state, "kind", json_string(svcr_state_kind_name(s->kind))) != 0 ||
            (s->guidance[0] && put(state, "guidance", json_string(s->guidance)) != 0) ||
            (s->due_after >= 0 && put(state, "due_after", duration(s->due_after)) != 0) ||
            json_array_append_new(states, state) != 0) {
            json_decref(state);
            json_decref(states);
            return NULL;
        }
    }
    return states;
}

static json_t *encode_transitions(const svcr_workflow *wf)
{
    json_t *transitions = json_array();
    for (uint32_t i = 0; transitions != NULL && i < wf->transition_count; i++) {
        const svcr__wf_transition *t = &wf->transitions[i];
        json_t *transition = json_object();
        /* "roles" is left out when every role may fire it, as in the definitions we ship. */
        if (put(transition, "event", json_string(wf->event_names[t->event])) != 0 ||
            put(transition, "from", json_string(wf->state_names[t->from])) != 0 ||
            put(transition, "to", json_string(wf->state_names[t->to])) != 0 ||
            (t->required_count &&
             put(transition, "requires", name_list(t->required_names, t->required_count)) != 0) ||
            (t->role_count != wf->role_count &&
             put(transition, "roles", name_list(t->role_names, t->role_count)) != 0) ||
            (t->reopen && put(transition, "reopen", json_true()) != 0) ||
            json_array_append_new(transitions, transition) != 0) {
            json_decref(transition);
            json_decref(transitions);
            return NULL;
        }
    }
    return transitions;
}

svcr_status svcr_workflow_encode(const svcr_workflow *wf, char **json)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(json);
    json_t *root = json_object();
    char *text = NULL;
    if (put(root, "name", json_string(wf->name)) == 0 &&
        (wf->title[0] == '\0' || put(root, "title", json_string(wf->title)) == 0) &&
        put(root, "reopen_grace", duration(wf->reopen_grace)) == 0 &&
        put(root, "roles", name_list(wf->role_names, wf->role_count)) == 0 &&
        put(root, "facts", encode_facts(wf)) == 0 && put(root, "states", encode_states(wf)) == 0 &&
        put(root, "transitions", encode_transitions(wf)) == 0)
        text = svcr__json_dump(root);
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("encoding a workflow");
    *json = text;
    return SVCR_OK;
}
