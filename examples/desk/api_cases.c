/* POST /v1/cases, GET /v1/cases/{id}, POST /v1/cases/{id}/events, GET /v1/cases/{id}/offer.
 *
 * The work is the commands' own (desk_open_case, desk_apply_event, the offer command); this file
 * reads the JSON, answers in JSON and says which status a refusal is. */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A string member of the body: false (and a 400) if present but not a string, or missing when
 * @p required. */
static bool body_string(api_call *call, const char *key, bool required, const char **out)
{
    json_t *value = json_object_get(call->body, key);
    *out = NULL;
    if (value == NULL || json_is_null(value)) {
        if (required)
            api_error(&call->reply, 400, "\"%s\" is required", key);
        return !required;
    }
    if (!json_is_string(value)) {
        api_error(&call->reply, 400, "\"%s\" must be a string", key);
        return false;
    }
    *out = json_string_value(value);
    return true;
}

/* "severity": 1-5 as a number or a string, into @p text (16 bytes). */
static bool body_severity(api_call *call, char text[16], const char **out)
{
    json_t *value = json_object_get(call->body, "severity");
    *out = NULL;
    if (value == NULL || json_is_null(value))
        return true;
    if (json_is_integer(value)) {
        snprintf(text, 16, "%lld", (long long)json_integer_value(value));
        *out = text;
        return true;
    }
    return body_string(call, "severity", false, out);
}

/* "at": a time (ISO 8601 or @epoch), default now. */
static bool body_time(api_call *call, int64_t *at)
{
    const char *text;
    *at = call->d->now;
    if (!body_string(call, "at", false, &text))
        return false;
    if (text != NULL && (desk_parse_time(text, "at", at) != DESK_OK ||
                         desk_check_time(*at, "at") != DESK_OK)) {
        api_error(&call->reply, 400, "%s", api_messages());
        return false;
    }
    return true;
}

/* The case answered with its ETag (full: with the log). */
static void reply_case(api_call *call, unsigned status, const desk_case *dc, const char *etag)
{
    json_t *view = desk_case_view_json(dc, call->d->now, true);
    if (view == NULL) {
        api_error(&call->reply, 500, "the case could not be shown: %s", api_messages());
        return;
    }
    api_ok(&call->reply, status, view);
    snprintf(call->reply.etag, sizeof call->reply.etag, "%s", etag);
}

/* Load the row of the case in the path: false (and a 404 or 500) when there is none. */
static bool load_row(api_call *call, const char *id, desk_case_row *row)
{
    int rc = desk_db_load(call->d, id, row);
    if (rc == DESK_BAD_INPUT)
        api_error(&call->reply, 404, "no case \"%s\"", id);
    else if (rc != DESK_OK)
        api_error(&call->reply, 500, "%s", api_messages());
    return rc == DESK_OK;
}

static void row_etag(const desk_case_row *row, char etag[48])
{
    api_case_etag(row->json, row->customer, row->tier, row->severity, row->has_price, row->price,
                  etag);
}

/* If-Match: "*", or a list of entity tags one of which must be the case's. */
static bool if_match_holds(const char *header, const char *etag)
{
    const char *p = header;
    size_t n = strlen(etag);
    while (*p != '\0') {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
            return true;
        while (*p != '\0' && *p != ',')
            p++;
    }
    return false;
}

static void percent_encode(const char *s, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0' && n + 4 < size; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
}

void api_create_case(api_call *call)
{
    desk_open_args args = {0};
    char severity[16];
    if (!body_string(call, "id", true, &args.id) ||
        !body_string(call, "expectation", true, &args.expectation) ||
        !body_string(call, "customer", false, &args.customer) ||
        !body_string(call, "tier", false, &args.tier) || !body_severity(call, severity, &args.severity) ||
        !body_string(call, "price", false, &args.price) ||
        !body_string(call, "workflow", false, &args.workflow) || !body_time(call, &args.at))
        return;
    if (!api_check_case_id(args.id, "id", &call->reply))
        return;
    if (args.workflow != NULL && desk_workflow_is_file(args.workflow)) {
        api_error(&call->reply, 400, "workflow: \"%s\" is a file name; give the name of a built-in "
                  "or stored workflow", args.workflow);
        return;
    }
    bool exists = false;
    if (desk_db_exists(call->d, args.id, &exists) != DESK_OK) {
        api_error(&call->reply, 500, "%s", api_messages());
        return;
    }
    if (exists) {
        api_error(&call->reply, 409, "case \"%s\" already exists", args.id);
        return;
    }
    desk_case dc;
    int rc = desk_open_case(call->d, &args, &dc);
    if (rc != DESK_OK) {
        api_error(&call->reply, rc == DESK_BAD_INPUT ? 400 : 500, "%s", api_messages());
        return;
    }
    char etag[48], encoded[200 * 3 + 1];
    api_case_etag_of(&dc, etag);
    reply_case(call, 201, &dc, etag);
    percent_encode(args.id, encoded, sizeof encoded);
    snprintf(call->reply.location, sizeof call->reply.location, "/v1/cases/%s", encoded);
    desk_case_clear(&dc);
}

void api_get_case(api_call *call)
{
    const char *id = call->segments[1];
    desk_case_row row = {0};
    if (!api_check_case_id(id, "case id", &call->reply) || !load_row(call, id, &row))
        return;
    desk_case dc;
    if (desk_case_from_row(call->d, &row, &dc) != DESK_OK) {
        api_error(&call->reply, 500, "%s", api_messages());
    } else {
        char etag[48];
        row_etag(&row, etag);
        reply_case(call, 200, &dc, etag);
        desk_case_clear(&dc);
    }
    desk_case_row_clear(&row);
}

/* "facts": {"NAME": "text" | number | true/false | null} as the commands' NAME=VALUE. */
static bool fact_assignments(api_call *call, char ***out, size_t *count)
{
    json_t *facts = json_object_get(call->body, "facts");
    *out = NULL;
    *count = 0;
    if (facts == NULL || json_is_null(facts))
        return true;
    if (!json_is_object(facts)) {
        api_error(&call->reply, 400, "\"facts\" must be an object of NAME: VALUE");
        return false;
    }
    char **list = calloc(json_object_size(facts) + 1, sizeof *list);
    if (list == NULL) {
        api_error(&call->reply, 500, "out of memory");
        return false;
    }
    const char *name;
    json_t *value;
    size_t n = 0;
    bool ok = true;
    json_object_foreach(facts, name, value) {
        char number[32] = "";
        const char *text = number;
        if (json_is_string(value))
            text = json_string_value(value);
        else if (json_is_integer(value))
            snprintf(number, sizeof number, "%lld", (long long)json_integer_value(value));
        else if (json_is_boolean(value))
            text = json_is_true(value) ? "true" : "false";
        else if (!json_is_null(value))
            ok = false;
        if (!ok || name[0] == '\0' || strchr(name, '=') != NULL) {
            api_error(&call->reply, 400, "facts: \"%s\" must name a fact and hold text, a whole "
                      "number, true, false or null", name);
            ok = false;
            break;
        }
        size_t length = strlen(name) + strlen(text) + 2;
        if ((list[n] = malloc(length)) == NULL) {
            api_error(&call->reply, 500, "out of memory");
            ok = false;
            break;
        }
        snprintf(list[n++], length, "%s=%s", name, text);
    }
    *out = list;
    *count = n;
    return ok;
}

static void free_list(char **list, size_t count)
{
    for (size_t i = 0; list != NULL && i < count; i++)
        free(list[i]);
    free(list);
}

/* The spending limit on recording a compensation: the role may record up to the total the offer
 * table sizes for the case when it may approve that offer (the authority check), and more than
 * that total, or any amount for a case the table cannot size, only at the top level (manager). */
static bool within_spending_limit(api_call *call, const desk_case *dc, const char *amount_text)
{
    svcr_money amount;
    if (amount_text[0] == '\0' || desk_parse_money(amount_text, &amount) != SVCR_OK)
        return true; /* cleared, or malformed: the apply says what is wrong */
    desk_offer offer = {0};
    bool sized = desk_offer_for_case(call->d, dc, NULL, &offer) == DESK_OK;
    svcr_authority *authority = NULL;
    svcr_approval approval = {.size = sizeof approval};
    const char *needed = "manager";
    if (sized && offer.has_amount && strcmp(offer.amount.currency, amount.currency) == 0 &&
        amount.amount_minor <= offer.amount.amount_minor)
        needed = offer.approval;
    bool ok = svcr_authority_new(NULL, 0, &authority) == SVCR_OK &&
              svcr_authority_check(authority, call->role, needed, &approval) == SVCR_OK;
    if (!ok) {
        api_error(&call->reply, 403, "spending limit: %s", svcr_error_message());
    } else if (!approval.allowed) {
        char total[SVCR_MONEY_FORMAT_SIZE] = "";
        if (sized && offer.has_amount)
            svcr_money_format(offer.amount, total, sizeof total);
        api_error(&call->reply, 403,
                  "spending limit: a compensation of %s on case \"%s\" needs %s approval (the offer "
                  "table sizes %s%s); role %s may not record it",
                  amount_text, svcr_case_id(dc->c), needed, sized ? "its atonement at " : "no atonement for it",
                  sized ? (offer.has_amount ? total : offer.summary) : "", call->role);
        api_error_detail(&call->reply, "needs", json_string(needed));
        ok = false;
    }
    svcr_authority_free(authority);
    if (sized)
        desk_offer_clear(&offer);
    return ok;
}

/* The details of a refusal: the events the state allows (409), the facts the guard misses (422). */
static void refusal_details(api_call *call, const desk_case *dc, const char *event, char **facts,
                            size_t fact_count)
{
    if (call->reply.status == 409) {
        const char *events[32];
        size_t count = 0;
        json_t *list = json_array();
        if (svcr_case_allowed_events(dc->c, call->role, events, 32, &count) == SVCR_OK)
            for (size_t i = 0; i < count && i < 32; i++)
                json_array_append_new(list, json_string(events[i]));
        json_t *error = json_object_get(call->reply.json, "error");
        json_object_set_new(error, "state", json_string(svcr_case_state(dc->c)));
        json_object_set_new(error, "allowed_events", list);
    } else if (call->reply.status == 422) {
        svcr_transition_info t = {.size = sizeof t};
        json_t *missing = json_array();
        if (svcr_workflow_find_transition(svcr_case_workflow(dc->c), svcr_case_state(dc->c), event,
                                          &t) == SVCR_OK)
            for (size_t i = 0; i < t.required_fact_count; i++) {
                const char *f = t.required_facts[i];
                bool given = false;
                size_t n = strlen(f);
                for (size_t k = 0; k < fact_count; k++)
                    given = given || (strncmp(facts[k], f, n) == 0 && facts[k][n] == '=' &&
                                      facts[k][n + 1] != '\0');
                if (!given && !svcr_case_has_fact(dc->c, f))
                    json_array_append_new(missing, json_string(f));
            }
        api_error_detail(&call->reply, "missing_facts", missing);
    }
}

void api_apply_event(api_call *call)
{
    const char *id = call->segments[1];
    desk_apply_args args = {.id = id, .role = call->role};
    const char *note = NULL;
    char severity[16];
    char **facts = NULL;
    size_t fact_count = 0;
    if (!api_check_case_id(id, "case id", &call->reply) ||
        !body_string(call, "event", true, &args.event) || !body_string(call, "note", false, &note) ||
        !body_severity(call, severity, &args.severity) ||
        !body_string(call, "price", false, &args.price) || !body_time(call, &args.at) ||
        !fact_assignments(call, &facts, &fact_count)) {
        free_list(facts, fact_count);
        return;
    }
    desk_case_row row = {0};
    desk_case dc = {0};
    char etag[48], *logged = NULL;
    if (!load_row(call, id, &row)) {
        free_list(facts, fact_count);
        return;
    }
    row_etag(&row, etag);
    if (call->if_match != NULL && !if_match_holds(call->if_match, etag)) {
        api_error(&call->reply, 412, "case \"%s\" changed since that version (If-Match %s); "
                  "read it again", id, call->if_match);
        api_error_detail(&call->reply, "etag", json_string(etag));
        goto done;
    }
    if (desk_case_from_row(call->d, &row, &dc) != DESK_OK) {
        api_error(&call->reply, 500, "%s", api_messages());
        goto done;
    }
    json_t *compensation = json_object_get(json_object_get(call->body, "facts"), "compensation");
    if (json_is_string(compensation) &&
        !within_spending_limit(call, &dc, json_string_value(compensation)))
        goto done;
    /* The library's log has a role and a note; the actor (the token's name) goes in the note. */
    size_t length = strlen(call->actor) + (note != NULL ? strlen(note) : 0) + 3;
    if ((logged = malloc(length)) == NULL) {
        api_error(&call->reply, 500, "out of memory");
        goto done;
    }
    snprintf(logged, length, "%s%s%s", call->actor, note != NULL && note[0] ? ": " : "",
             note != NULL ? note : "");
    args.note = logged;
    args.facts = (const char *const *)facts;
    args.fact_count = fact_count;
    svcr_error_clear();
    desk_case applied;
    int rc = desk_apply_event(call->d, &args, &applied);
    if (rc != DESK_OK) {
        api_error(&call->reply, api_status_for(rc), "%s", api_messages());
        refusal_details(call, &dc, args.event, facts, fact_count);
        goto done;
    }
    api_case_etag_of(&applied, etag);
    reply_case(call, 200, &applied, etag);
    desk_case_clear(&applied);
done:
    free(logged);
    free_list(facts, fact_count);
    if (dc.c != NULL)
        desk_case_clear(&dc);
    desk_case_row_clear(&row);
}

void api_offer(api_call *call)
{
    const char *id = call->segments[1];
    bool exists = false;
    if (!api_check_case_id(id, "case id", &call->reply))
        return;
    if (desk_db_exists(call->d, id, &exists) != DESK_OK) {
        api_error(&call->reply, 500, "%s", api_messages());
        return;
    }
    if (!exists) {
        api_error(&call->reply, 404, "no case \"%s\"", id);
        return;
    }
    /* The offer command itself, its JSON kept (api_capture_begin): the id cannot be taken for an
     * option, as it does not begin with "-". */
    json_t *out = NULL;
    desk_capture_json(&out);
    char *argv[] = {(char *)id, "--authority", (char *)call->role, NULL};
    int rc = desk_cmd_offer(call->d, 3, argv);
    desk_capture_json(NULL);
    if (rc != DESK_OK || out == NULL) {
        api_error(&call->reply, rc == DESK_BAD_INPUT ? 400 : 500, "%s", api_messages());
        json_decref(out);
        return;
    }
    api_ok(&call->reply, 200, out);
}
