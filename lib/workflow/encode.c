/* Writing a workflow back as JSON in the format svcr_workflow_parse() reads. */
#include "workflow/internal.h"
#include "workflow/limits.h"
#include "workflow/duration.h"
#include "base/json_read.h"
#include "base/alloc.h"

/* jansson's allocation failures surface as NULL values, which svcr__json_put() and
 * svcr__json_append() pass on. Each new object is appended to its array before it is filled, so
 * releasing the array releases everything after a failure. */
static json_t *duration(int64_t seconds)
{
    char text[SVCR__DURATION_SIZE];
    svcr__duration_format(seconds, text);
    return json_string(text);
}

static json_t *encode_facts(const svcr_workflow *wf)
{
    json_t *facts = json_array();
    for (uint16_t i = 0; facts != NULL && i < wf->fact_count; i++) {
        json_t *fact = json_object();
        if (svcr__json_append(facts, fact) != 0 ||
            svcr__json_put(fact, "name", json_string(wf->fact_names[i])) != 0 ||
            svcr__json_put(fact, "type", json_string(svcr_fact_type_name(wf->facts[i].type))) != 0 ||
            (wf->facts[i].description[0] &&
             svcr__json_put(fact, "description", json_string(wf->facts[i].description)) != 0) ||
            (wf->facts[i].taxonomy && svcr__json_put(fact, "taxonomy", json_true()) != 0) ||
            (wf->facts[i].has_scale &&
             svcr__json_put(fact, "scale", json_pack("[II]", (json_int_t)wf->facts[i].scale_min,
                                                     (json_int_t)wf->facts[i].scale_max)) != 0)) {
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
        if (svcr__json_append(states, state) != 0 ||
            svcr__json_put(state, "name", json_string(wf->state_names[i])) != 0 ||
            svcr__json_put(state, "kind", json_string(svcr_state_kind_name(s->kind))) != 0 ||
            (s->guidance[0] && svcr__json_put(state, "guidance", json_string(s->guidance)) != 0) ||
            (s->due_after >= 0 && svcr__json_put(state, "due_after", duration(s->due_after)) != 0)) {
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
        if (svcr__json_append(transitions, transition) != 0 ||
            svcr__json_put(transition, "event", json_string(wf->event_names[t->event])) != 0 ||
            svcr__json_put(transition, "from", json_string(wf->state_names[t->from])) != 0 ||
            svcr__json_put(transition, "to", json_string(wf->state_names[t->to])) != 0 ||
            (t->required_count &&
             svcr__json_put(transition, "requires", svcr__json_string_array(t->required_names, t->required_count)) != 0) ||
            (t->role_count != wf->role_count &&
             svcr__json_put(transition, "roles", svcr__json_string_array(t->role_names, t->role_count)) != 0) ||
            (t->reopen && svcr__json_put(transition, "reopen", json_true()) != 0)) {
            json_decref(transitions);
            return NULL;
        }
    }
    return transitions;
}

/* Timers other than those states declare with "due_after" go in "timers". */
static bool has_declared_timers(const svcr_workflow *wf)
{
    for (uint16_t i = 0; i < wf->timer_count; i++)
        if (!wf->timers[i].implicit)
            return true;
    return false;
}

svcr_status svcr_workflow_encode(const svcr_workflow *wf, char **json)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(json);
    json_t *root = json_object();
    char *text = NULL;
    if (svcr__json_put(root, "name", json_string(wf->name)) == 0 &&
        (wf->title[0] == '\0' || svcr__json_put(root, "title", json_string(wf->title)) == 0) &&
        svcr__json_put(root, "reopen_grace", duration(wf->reopen_grace)) == 0 &&
        svcr__json_put(root, "roles", svcr__json_string_array(wf->role_names, wf->role_count)) == 0 &&
        svcr__json_put(root, "facts", encode_facts(wf)) == 0 &&
        svcr__json_put(root, "states", encode_states(wf)) == 0 &&
        svcr__json_put(root, "transitions", encode_transitions(wf)) == 0 &&
        (!has_declared_timers(wf) || svcr__json_put(root, "timers", svcr__encode_timers(wf)) == 0) &&
        (wf->limits == NULL || svcr__json_put(root, "limits", svcr__limits_encode(wf->limits)) == 0))
        text = svcr__json_dump(root);
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("encoding a workflow");
    *json = text;
    return SVCR_OK;
}
