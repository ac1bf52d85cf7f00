/* Cases as JSON: encode with the full history, decode by replaying it against the workflow.
 *
 * {"workflow":"five-step","id":"C-1","opened_at":"2026-11-23T09:00:00Z","state":"apologize",
 *  "facts":{"expectation":"..."},
 *  "log":[{"seq":1,"event":"identified","from":"identify","to":"apologize",
 *          "at":"2026-11-23T09:05:00Z","role":"agent","note":"..."}],
 *  "fact_changes":[{"after":0,"fact":"expectation","value":"...","at":"...","role":"agent","actor":"ann"}],
 *  "assignments":[{"after":1,"assignee":"bob","at":"...","role":"supervisor","actor":"sue"}],
 *  "approvals":[{"after":2,"fact":"compensation","amount":"198.00 EUR","at":"...","role":"manager",
 *                "approver":"mia"}]}
 *
 * Log entries carry "actor" when recorded; "at", "role" and "actor" of a fact change are there
 * when the change was made with svcr_case_change_fact(). "assignments" and "approvals" are left
 * out when empty, so older cases encode as before.
 *
 * "state" and "facts" repeat what the history gives, for readers; decoding checks they agree. */
#include "case/internal.h"
#include "base/alloc.h"
#include "base/json_read.h"

#include <stdio.h>
#include <string.h>

/* ---- encoding ---------------------------------------------------------------------------- */

/* ISO 8601 where it can be written, otherwise the number of seconds. */
static json_t *time_value(int64_t t)
{
    char text[SVCR_TIME_FORMAT_SIZE];
    if (svcr_time_format(t, text, sizeof text) == SVCR_OK)
        return json_string(text);
    return json_integer(t);
}

static json_t *fact_value(svcr_fact_type type, const svcr__fact_value *v)
{
    switch (type) {
    case SVCR_FACT_STRING: return json_string(v->string);
    case SVCR_FACT_INTEGER: return json_integer(v->integer);
    case SVCR_FACT_BOOLEAN: return json_boolean(v->boolean);
    case SVCR_FACT_MONEY: {
        char text[SVCR_MONEY_FORMAT_SIZE];
        return svcr_money_format(v->money, text, sizeof text) == SVCR_OK ? json_string(text) : NULL;
    }
    }
    return NULL;
}

static json_t *encode_facts(const svcr_case *c)
{
    const svcr_workflow *wf = c->wf;
    json_t *facts = json_object();
    for (uint16_t f = 0; facts != NULL && f < wf->fact_count; f++) {
        if (!svcr__case_fact_is_set(c, f))
            continue;
        svcr__fact_value v = svcr__case_value(c, f);
        if (svcr__json_put(facts, wf->fact_names[f], fact_value(wf->facts[f].type, &v)) != 0) {
            json_decref(facts);
            return NULL;
        }
    }
    return facts;
}

/* Each entry is appended before it is filled, so releasing the array releases everything. */
static json_t *encode_log(const svcr_case *c)
{
    const svcr_workflow *wf = c->wf;
    json_t *log = json_array();
    for (size_t i = 0; log != NULL && i < c->log_length; i++) {
        const svcr__log_entry e = svcr__case_log(c, i);
        const char *note = svcr__case_note(c, i);
        json_t *entry = json_object();
        if (svcr__json_append(log, entry) != 0 ||
            svcr__json_put(entry, "seq", json_integer((json_int_t)i + 1)) != 0 ||
            svcr__json_put(entry, "event", json_string(wf->event_names[e.event])) != 0 ||
            svcr__json_put(entry, "from", json_string(wf->state_names[e.from])) != 0 ||
            svcr__json_put(entry, "to", json_string(wf->state_names[e.to])) != 0 ||
            svcr__json_put(entry, "at", time_value(e.at)) != 0 ||
            svcr__json_put(entry, "role", json_string(wf->role_names[e.role])) != 0 ||
            (note && svcr__json_put(entry, "note", json_string(note)) != 0) ||
            (c->log[i].actor && svcr__json_put(entry, "actor", json_string(svcr__case_actor_name(c, c->log[i].actor))) != 0)) {
            json_decref(log);
            return NULL;
        }
    }
    return log;
}

/* When, in which role and by whom a record was made, as far as recorded. */
static int put_who(const svcr_case *c, json_t *object, const svcr__record *r, const char *actor_key)
{
    return (r->at != SVCR__NO_TIME && svcr__json_put(object, "at", time_value(r->at)) != 0) ||
           (r->role && svcr__json_put(object, "role", json_string(c->wf->role_names[r->role - 1])) != 0) ||
           (r->actor && svcr__json_put(object, actor_key, json_string(svcr__case_actor_name(c, r->actor))) != 0);
}

/* The records of @p kind as a JSON array. */
static json_t *encode_records(const svcr_case *c, svcr__record_kind kind)
{
    const svcr_workflow *wf = c->wf;
    json_t *array = json_array();
    for (size_t i = 0; array != NULL && i < c->history_length; i++) {
        const svcr__record *r = &c->history[i];
        if (kind == SVCR__SET ? !svcr__record_is_change(r) : r->kind != kind)
            continue;
        svcr__fact_value v = svcr__record_value(c, r);
        json_t *entry = json_object();
        int failed = svcr__json_append(array, entry) != 0 || svcr__json_put(entry, "after", json_integer(r->after)) != 0;
        if (!failed && kind == SVCR__SET)
            failed = svcr__json_put(entry, "fact", json_string(wf->fact_names[r->slot])) != 0 ||
                     svcr__json_put(entry, "value",
                                    r->kind == SVCR__SET ? fact_value(wf->facts[r->slot].type, &v) : json_null()) != 0 ||
                     put_who(c, entry, r, "actor") != 0;
        else if (!failed && kind == SVCR__ASSIGNMENT)
            failed = svcr__json_put(entry, "assignee", r->value.integer ? json_string(svcr__case_actor_name(
                                                                              c, (uint16_t)r->value.integer))
                                                                        : json_null()) != 0 ||
                     put_who(c, entry, r, "actor") != 0;
        else if (!failed)
            failed = svcr__json_put(entry, "fact", json_string(wf->fact_names[r->slot])) != 0 ||
                     svcr__json_put(entry, "amount", fact_value(SVCR_FACT_MONEY, &v)) != 0 ||
                     put_who(c, entry, r, "approver") != 0;
        if (failed) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

static bool has_records(const svcr_case *c, svcr__record_kind kind)
{
    for (size_t i = 0; i < c->history_length; i++)
        if (c->history[i].kind == kind)
            return true;
    return false;
}

svcr_status svcr_case_encode(const svcr_case *c, char **json)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(json);
    json_t *root = json_object();
    char *text = NULL;
    if (svcr__json_put(root, "workflow", json_string(c->wf->name)) == 0 &&
        svcr__json_put(root, "id", json_string(svcr__case_id(c))) == 0 &&
        svcr__json_put(root, "opened_at", time_value(c->opened_at)) == 0 &&
        svcr__json_put(root, "state", json_string(c->wf->state_names[c->state])) == 0 &&
        svcr__json_put(root, "facts", encode_facts(c)) == 0 && svcr__json_put(root, "log", encode_log(c)) == 0 &&
        svcr__json_put(root, "fact_changes", encode_records(c, SVCR__SET)) == 0 &&
        (!has_records(c, SVCR__ASSIGNMENT) ||
         svcr__json_put(root, "assignments", encode_records(c, SVCR__ASSIGNMENT)) == 0) &&
        (!has_records(c, SVCR__APPROVAL) || svcr__json_put(root, "approvals", encode_records(c, SVCR__APPROVAL)) == 0))
        text = svcr__json_dump(root);
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("encoding a case");
    *json = text;
    return SVCR_OK;
}

/* ---- decoding ---------------------------------------------------------------------------- */

enum { POINTER_SIZE = SVCR__POINTER_SIZE };

typedef struct decoder {
    const svcr__json_source *source;
    const svcr_workflow *wf;
    svcr_case *c;
} decoder;

#define FAIL(d, pointer, ...) svcr__json_fail((d)->source, (pointer), SVCR_EPARSE, __VA_ARGS__)

/* A step of the history failed: keep ENOMEM, otherwise report the reason at @p pointer. */
static svcr_status step_failed(decoder *d, svcr_status status, const char *pointer)
{
    if (status == SVCR_ENOMEM)
        return status;
    char reason[400];
    snprintf(reason, sizeof reason, "%s", svcr_error_message());
    return FAIL(d, pointer, "%s", reason);
}

static svcr_status check_members(decoder *d, const json_t *object, const char *pointer,
                                 const char *const *allowed)
{
    return svcr__json_expect_object(d->source, object, pointer, allowed);
}

static svcr_status get_string(decoder *d, const json_t *object, const char *pointer, const char *key,
                              const char **out)
{
    return svcr__json_string(d->source, object, pointer, key, SVCR__JSON_REQUIRED, out);
}

static svcr_status get_time(decoder *d, const json_t *object, const char *pointer, const char *key, int64_t *out)
{
    const json_t *value = json_object_get(object, key);
    if (value == NULL)
        return FAIL(d, pointer, "missing member \"%s\"", key);
    if (json_is_string(value) && svcr_time_parse(json_string_value(value), out) == SVCR_OK)
        return SVCR_OK;
    /* The member's pointer is built only for an error: most times are fine. */
    char at[POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    if (json_is_integer(value)) {
        json_int_t seconds = json_integer_value(value);
        if (seconds < SVCR_TIME_MIN || seconds > SVCR_TIME_MAX)
            return FAIL(d, at, "must be a time in years 0001-9999");
        *out = seconds;
        return SVCR_OK;
    }
    if (json_is_string(value) && svcr_error_status() == SVCR_EOVERFLOW)
        return FAIL(d, at, "must be a time in years 0001-9999");
    return FAIL(d, at, "must be a time: ISO 8601 text such as \"2026-11-23T09:00:00Z\" or seconds");
}

/* Read a fact value of @p type from JSON: member @p key of the object at @p base. */
static svcr_status read_value(decoder *d, const json_t *value, svcr_fact_type type, const char *base,
                              const char *key, svcr__fact_value *out)
{
    switch (type) {
    case SVCR_FACT_STRING:
        if (!json_is_string(value))
            break;
        out->string = (char *)json_string_value(value); /* copied by svcr__case_set() */
        return SVCR_OK;
    case SVCR_FACT_INTEGER:
        if (!json_is_integer(value))
            break;
        out->integer = json_integer_value(value);
        return SVCR_OK;
    case SVCR_FACT_BOOLEAN:
        if (!json_is_boolean(value))
            break;
        out->boolean = json_is_true(value);
        return SVCR_OK;
    case SVCR_FACT_MONEY: {
        /* "12.50 EUR": decimal major units, a space, the currency code */
        const char *text = json_is_string(value) ? json_string_value(value) : "";
        const char *space = strrchr(text, ' ');
        char amount[64];
        if (space == NULL || (size_t)(space - text) >= sizeof amount)
            break;
        memcpy(amount, text, (size_t)(space - text));
        amount[space - text] = '\0';
        if (svcr_money_parse_decimal(amount, space + 1, &out->money) != SVCR_OK)
            break;
        return SVCR_OK;
    }
    }
    char pointer[POINTER_SIZE];
    svcr__json_pointer_member(pointer, base, key);
    return FAIL(d, pointer, "must be %s",
                type == SVCR_FACT_MONEY ? "money such as \"12.50 EUR\"" : svcr_fact_type_name(type));
}

static bool same_value(svcr_fact_type type, const svcr__fact_value *a, const svcr__fact_value *b)
{
    switch (type) {
    case SVCR_FACT_STRING: return strcmp(a->string, b->string) == 0;
    case SVCR_FACT_INTEGER: return a->integer == b->integer;
    case SVCR_FACT_BOOLEAN: return a->boolean == b->boolean;
    case SVCR_FACT_MONEY:
        return a->money.amount_minor == b->money.amount_minor && strcmp(a->money.currency, b->money.currency) == 0;
    }
    return false;
}

/* The optional "at", "role" and @p actor_key of a record at @p at: when absent, no time, role 0,
 * actor 0. */
static svcr_status decode_who(decoder *d, const json_t *object, const char *at, const char *actor_key,
                              int64_t *when, uint16_t *role, uint16_t *actor)
{
    const char *role_name = NULL, *actor_name = NULL;
    svcr_status st;
    *when = SVCR__NO_TIME;
    *role = *actor = 0;
    if ((json_object_get(object, "at") && (st = get_time(d, object, at, "at", when)) != SVCR_OK) ||
        (st = svcr__json_string(d->source, object, at, "role", SVCR__JSON_NONEMPTY, &role_name)) != SVCR_OK ||
        (st = svcr__json_string(d->source, object, at, actor_key, SVCR__JSON_NONEMPTY, &actor_name)) != SVCR_OK)
        return st;
    char member[POINTER_SIZE];
    if (role_name != NULL) {
        long r = svcr__workflow_find_role(d->wf, role_name);
        if (r < 0) {
            svcr__json_pointer_member(member, at, "role");
            return FAIL(d, member, "\"%s\" is not a role of workflow \"%s\"", role_name, d->wf->name);
        }
        *role = (uint16_t)(r + 1);
    }
    if ((st = svcr__case_actor(d->c, "svcr_case_decode", actor_name, actor)) == SVCR_OK)
        return SVCR_OK;
    svcr__json_pointer_member(member, at, actor_key);
    return step_failed(d, st, member);
}

/* Apply fact change @p k of @p changes. */
static svcr_status decode_change(decoder *d, const json_t *changes, size_t k)
{
    static const char *const allowed[] = {"after", "fact", "value", "at", "role", "actor", NULL};
    char at[POINTER_SIZE];
    snprintf(at, sizeof at, "/fact_changes/%zu", k);
    const json_t *change = json_array_get(changes, k);
    const char *name;
    svcr_status st;
    if ((st = check_members(d, change, at, allowed)) != SVCR_OK ||
        (st = get_string(d, change, at, "fact", &name)) != SVCR_OK)
        return st;
    const json_t *value = json_object_get(change, "value");
    if (value == NULL)
        return FAIL(d, at, "missing member \"value\" (null clears the fact)");
    long slot = svcr__workflow_find_fact(d->wf, name);
    svcr_fact_type type = slot >= 0 ? d->wf->facts[slot].type : SVCR_FACT_STRING;
    svcr__fact_value v;
    if (slot >= 0 && !json_is_null(value) && (st = read_value(d, value, type, at, "value", &v)) != SVCR_OK)
        return st;
    int64_t when;
    uint16_t role, actor;
    if ((st = decode_who(d, change, at, "actor", &when, &role, &actor)) != SVCR_OK)
        return st;
    st = svcr__case_set_by(d->c, "svcr_case_decode", name, type, json_is_null(value) ? NULL : &v, when, role, actor);
    return st == SVCR_OK ? SVCR_OK : step_failed(d, st, at);
}

/* Apply assignment @p k. */
static svcr_status decode_assignment(decoder *d, const json_t *array, size_t k)
{
    static const char *const allowed[] = {"after", "assignee", "at", "role", "actor", NULL};
    char at[POINTER_SIZE], member[POINTER_SIZE];
    snprintf(at, sizeof at, "/assignments/%zu", k);
    const json_t *entry = json_array_get(array, k);
    svcr_status st;
    if ((st = check_members(d, entry, at, allowed)) != SVCR_OK)
        return st;
    const json_t *assignee = json_object_get(entry, "assignee");
    svcr__json_pointer_member(member, at, "assignee");
    if (assignee == NULL || !(json_is_null(assignee) || (json_is_string(assignee) && json_string_length(assignee))))
        return FAIL(d, assignee ? member : at, "\"assignee\" must be a person's id, or null for unassigned");
    int64_t when;
    uint16_t role, actor, who;
    if ((st = decode_who(d, entry, at, "actor", &when, &role, &actor)) != SVCR_OK)
        return st;
    if ((st = svcr__case_actor(d->c, "svcr_case_decode", json_string_value(assignee), &who)) != SVCR_OK)
        return step_failed(d, st, member);
    svcr__record record = {.value.integer = who, .at = when, .after = d->c->log_length, .slot = SVCR__ASSIGN,
                           .actor = actor, .role = role, .kind = SVCR__ASSIGNMENT};
    return svcr__case_record(d->c, &record) == 0 ? SVCR_OK : svcr__fail_nomem("decoding an assignment");
}

/* Apply approval @p k. */
static svcr_status decode_approval(decoder *d, const json_t *array, size_t k)
{
    static const char *const allowed[] = {"after", "fact", "amount", "at", "role", "approver", NULL};
    char at[POINTER_SIZE];
    snprintf(at, sizeof at, "/approvals/%zu", k);
    const json_t *entry = json_array_get(array, k);
    const char *fact, *role, *approver;
    int64_t when;
    svcr_status st;
    if ((st = check_members(d, entry, at, allowed)) != SVCR_OK ||
        (st = get_string(d, entry, at, "fact", &fact)) != SVCR_OK ||
        (st = get_string(d, entry, at, "role", &role)) != SVCR_OK ||
        (st = get_string(d, entry, at, "approver", &approver)) != SVCR_OK ||
        (st = get_time(d, entry, at, "at", &when)) != SVCR_OK)
        return st;
    svcr__fact_value amount;
    const json_t *value = json_object_get(entry, "amount");
    if (value == NULL)
        return FAIL(d, at, "missing member \"amount\"");
    if ((st = read_value(d, value, SVCR_FACT_MONEY, at, "amount", &amount)) != SVCR_OK)
        return st;
    st = svcr__case_approve(d->c, "svcr_case_decode", fact, amount.money, role, approver, when, false);
    return st == SVCR_OK ? SVCR_OK : step_failed(d, st, at);
}

/* Check and apply log entry @p i. */
static svcr_status decode_entry(decoder *d, const json_t *log, size_t i)
{
    static const char *const allowed[] = {"seq", "event", "from", "to", "at", "role", "note", "actor", NULL};
    const svcr_workflow *wf = d->wf;
    char at[POINTER_SIZE], member[POINTER_SIZE];
    snprintf(at, sizeof at, "/log/%zu", i);
    const json_t *entry = json_array_get(log, i);
    const char *event, *from, *to, *role, *note = NULL, *actor = NULL;
    int64_t when;
    svcr_status st;
    if ((st = check_members(d, entry, at, allowed)) != SVCR_OK ||
        (st = get_string(d, entry, at, "event", &event)) != SVCR_OK ||
        (st = get_string(d, entry, at, "from", &from)) != SVCR_OK ||
        (st = get_string(d, entry, at, "to", &to)) != SVCR_OK ||
        (st = get_string(d, entry, at, "role", &role)) != SVCR_OK ||
        (st = get_time(d, entry, at, "at", &when)) != SVCR_OK ||
        (json_object_get(entry, "note") && (st = get_string(d, entry, at, "note", &note)) != SVCR_OK) ||
        (st = svcr__json_string(d->source, entry, at, "actor", SVCR__JSON_NONEMPTY, &actor)) != SVCR_OK)
        return st;
    const json_t *seq = json_object_get(entry, "seq");
    if (seq != NULL && (!json_is_integer(seq) || json_integer_value(seq) != (json_int_t)i + 1)) {
        svcr__json_pointer_member(member, at, "seq");
        return FAIL(d, member, "must be %zu (entries are numbered from 1, in order)", i + 1);
    }
    if (strcmp(from, wf->state_names[d->c->state]) != 0) {
        svcr__json_pointer_member(member, at, "from");
        return FAIL(d, member, "the case was in state \"%s\" here, not \"%s\"", wf->state_names[d->c->state], from);
    }
    uint16_t number = 0;
    if ((st = svcr__case_apply(d->c, event, role, when, note, false, 0)) == SVCR_OK &&
        (st = svcr__case_actor(d->c, "svcr_case_decode", actor, &number)) != SVCR_OK) {
        svcr__json_pointer_member(member, at, "actor");
        return step_failed(d, st, member);
    }
    if (st == SVCR_OK)
        st = svcr__case_apply(d->c, event, role, when, note, true, number);
    if (st != SVCR_OK) {
        /* Point at the member that made the step fail: the time, the role, or the event. */
        svcr__json_pointer_member(member, at, st == SVCR_EINVAL ? "at" : st == SVCR_EPERM ? "role" : "event");
        return step_failed(d, st, member);
    }
    if (strcmp(to, wf->state_names[d->c->state]) != 0) {
        svcr__json_pointer_member(member, at, "to");
        return FAIL(d, member, "event \"%s\" leads to state \"%s\", not \"%s\"", event, wf->state_names[d->c->state],
                    to);
    }
    return SVCR_OK;
}

/* One array of records made between events, read in step with the log. */
typedef struct record_array {
    const char *name; /* its member, e.g. "fact_changes" */
    const json_t *array;
    svcr_status (*decode)(decoder *d, const json_t *array, size_t k);
    size_t next;
    json_int_t previous;
} record_array;

/* Apply the records of @p r made after @p i events. */
static svcr_status replay_records(decoder *d, record_array *r, size_t i, size_t n_log)
{
    for (; r->next < json_array_size(r->array); r->next++) {
        const json_t *after = json_object_get(json_array_get(r->array, r->next), "after");
        if (!json_is_integer(after) || json_integer_value(after) < r->previous ||
            json_integer_value(after) > (json_int_t)n_log) {
            char at[POINTER_SIZE];
            snprintf(at, sizeof at, "/%s/%zu/after", r->name, r->next);
            return FAIL(d, at, "must be the number of log entries before the change, from %lld to %zu and "
                        "in order", (long long)r->previous, n_log);
        }
        if (json_integer_value(after) > (json_int_t)i)
            break;
        r->previous = json_integer_value(after);
        svcr_status st = r->decode(d, r->array, r->next);
        if (st != SVCR_OK)
            return st;
    }
    return SVCR_OK;
}

/* Replay the history: records made after i events come before event i + 1. */
static svcr_status replay(decoder *d, const json_t *log, const json_t *changes, const json_t *assignments,
                          const json_t *approvals)
{
    size_t n_log = json_array_size(log);
    record_array arrays[] = {{"fact_changes", changes, decode_change, 0, 0},
                             {"assignments", assignments, decode_assignment, 0, 0},
                             {"approvals", approvals, decode_approval, 0, 0}};
    for (size_t i = 0;; i++) {
        for (size_t a = 0; a < sizeof arrays / sizeof *arrays; a++) {
            svcr_status st = replay_records(d, &arrays[a], i, n_log);
            if (st != SVCR_OK)
                return st;
        }
        if (i == n_log)
            return SVCR_OK;
        svcr_status st = decode_entry(d, log, i);
        if (st != SVCR_OK)
            return st;
    }
}

/* "state" and "facts", when present, must be what the history gives. */
static svcr_status check_summary(decoder *d, const json_t *root)
{
    const svcr_workflow *wf = d->wf;
    const svcr_case *c = d->c;
    const json_t *state = json_object_get(root, "state");
    if (state != NULL && (!json_is_string(state) || strcmp(json_string_value(state), wf->state_names[c->state])))
        return FAIL(d, "/state", "the history leads to state \"%s\"", wf->state_names[c->state]);
    const json_t *facts = json_object_get(root, "facts");
    if (facts == NULL)
        return SVCR_OK;
    if (!json_is_object(facts))
        return FAIL(d, "/facts", "must be an object");
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)facts, key, value) {
        char at[POINTER_SIZE];
        long slot = svcr__workflow_find_fact(wf, key);
        if (slot < 0 || !svcr__case_fact_is_set(c, (uint32_t)slot)) {
            svcr__json_pointer_member(at, "/facts", key);
            return FAIL(d, at, "fact \"%s\" is not set by the history", key);
        }
        svcr__fact_value v;
        svcr_status st = read_value(d, value, wf->facts[slot].type, "/facts", key, &v);
        if (st != SVCR_OK)
            return st;
        svcr__fact_value current = svcr__case_value(c, (uint32_t)slot);
        if (!same_value(wf->facts[slot].type, &v, &current)) {
            svcr__json_pointer_member(at, "/facts", key);
            return FAIL(d, at, "differs from the value the history sets");
        }
    }
    for (uint16_t f = 0; f < wf->fact_count; f++)
        if (svcr__case_fact_is_set(c, f) && json_object_get(facts, wf->fact_names[f]) == NULL)
            return FAIL(d, "/facts", "fact \"%s\" is set by the history but missing here", wf->fact_names[f]);
    return SVCR_OK;
}

static svcr_status decode(decoder *d, const json_t *root, svcr_case **out)
{
    static const char *const allowed[] = {"workflow", "id", "opened_at", "state", "facts", "log", "fact_changes",
                                          "assignments", "approvals", NULL};
    const char *workflow, *id;
    int64_t opened_at;
    svcr_status st;
    if ((st = check_members(d, root, "", allowed)) != SVCR_OK ||
        (st = get_string(d, root, "", "workflow", &workflow)) != SVCR_OK ||
        (st = get_string(d, root, "", "id", &id)) != SVCR_OK ||
        (st = get_time(d, root, "", "opened_at", &opened_at)) != SVCR_OK)
        return st;
    if (strcmp(workflow, d->wf->name) != 0)
        return FAIL(d, "/workflow", "the case follows workflow \"%s\", not \"%s\"", workflow, d->wf->name);
    const json_t *log = json_object_get(root, "log"), *changes = json_object_get(root, "fact_changes");
    if (log != NULL && !json_is_array(log))
        return FAIL(d, "/log", "must be an array");
    if (changes != NULL && !json_is_array(changes))
        return FAIL(d, "/fact_changes", "must be an array");
    const json_t *assignments = json_object_get(root, "assignments"), *approvals = json_object_get(root, "approvals");
    if (assignments != NULL && !json_is_array(assignments))
        return FAIL(d, "/assignments", "must be an array");
    if (approvals != NULL && !json_is_array(approvals))
        return FAIL(d, "/approvals", "must be an array");
    if ((st = svcr_case_new(d->wf, id, opened_at, &d->c)) != SVCR_OK)
        return st == SVCR_ENOMEM ? st : step_failed(d, st, "/id");
    if ((st = replay(d, log, changes, assignments, approvals)) != SVCR_OK || (st = check_summary(d, root)) != SVCR_OK) {
        svcr_case_free(d->c);
        return st;
    }
    *out = d->c;
    return SVCR_OK;
}

svcr_status svcr_case_decode(const svcr_workflow *wf, const char *json, size_t len, svcr_case **out)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"case JSON", json, len};
    json_t *root;
    svcr_status st = svcr__json_load(&source, &root);
    if (st != SVCR_OK)
        return st;
    decoder d = {&source, wf, NULL};
    st = decode(&d, root, out);
    json_decref(root);
    return st;
}
