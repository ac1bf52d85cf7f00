/* POST /v1/intake?map=NAME: a helpdesk's ticket webhook opens or updates a case.
 *
 * A mapping file (svcr-desk serve --intake FILE, any number of them) says where in the payload
 * each of the case's fields is, as a JSON pointer (RFC 6901):
 *
 *   {"name": "zammad",
 *    "fields": {"id": {"pointer": "/ticket/number", "prefix": "zammad-"},
 *               "expectation": "/ticket/title",
 *               "severity": {"pointer": "/ticket/priority/name",
 *                            "values": {"1 low": "2", "2 normal": "3", "3 high": "4"}},
 *               "workflow": {"value": "five-step"}}}
 *
 * A field is a pointer, or an object with "pointer" (and "prefix" put before the value, "values"
 * translating it (a value not listed is refused: 422), "default" when the payload lacks it) or a constant "value". Fields: id,
 * expectation, customer, tier, severity, price, workflow. A ticket the desk has not seen opens a
 * case (201); a known one has its customer, tier, severity and price brought up to date (200).
 * Examples for Zammad and Zendesk are in examples/desk/intake/. */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_names[] = {"id", "expectation", "customer", "tier", "severity",
                                          "price", "workflow"};
enum { FIELD_COUNT = sizeof field_names / sizeof field_names[0] };

static bool known_field(const char *name)
{
    for (size_t i = 0; i < FIELD_COUNT; i++)
        if (strcmp(field_names[i], name) == 0)
            return true;
    return false;
}

/* Check one field's description; NULL when good, else what is wrong. */
static const char *check_field(const json_t *spec)
{
    if (json_is_string(spec))
        spec = json_pack("{sO}", "pointer", spec);
    else
        json_incref((json_t *)spec);
    const char *problem = NULL;
    const json_t *pointer = json_object_get(spec, "pointer"), *value = json_object_get(spec, "value");
    if (!json_is_object(spec))
        problem = "must be a JSON pointer or an object";
    else if ((pointer == NULL) == (value == NULL))
        problem = "needs one of \"pointer\" or \"value\"";
    else if (pointer != NULL && (!json_is_string(pointer) ||
                                 (json_string_value(pointer)[0] != '\0' && json_string_value(pointer)[0] != '/')))
        problem = "\"pointer\" must be a JSON pointer: \"\" or text beginning with \"/\"";
    else if (value != NULL && !json_is_string(value))
        problem = "\"value\" must be a string";
    else if (json_object_get(spec, "prefix") != NULL && !json_is_string(json_object_get(spec, "prefix")))
        problem = "\"prefix\" must be a string";
    else if (json_object_get(spec, "default") != NULL && !json_is_string(json_object_get(spec, "default")))
        problem = "\"default\" must be a string";
    else if (json_object_get(spec, "values") != NULL) {
        const char *key;
        json_t *v, *values = json_object_get(spec, "values");
        if (!json_is_object(values))
            problem = "\"values\" must be an object of text to text";
        json_object_foreach(values, key, v) if (!json_is_string(v)) problem =
            "\"values\" must be an object of text to text";
    }
    json_decref((json_t *)spec);
    return problem;
}

int intake_load_mapping(desk_server *server, const char *path)
{
    json_error_t error;
    json_t *mapping = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
    if (mapping == NULL)
        return desk_bad_input("--intake %s: line %d, column %d: %s", path, error.line, error.column,
                              error.text);
    const char *name = json_string_value(json_object_get(mapping, "name"));
    json_t *fields = json_object_get(mapping, "fields");
    int rc = DESK_OK;
    if (name == NULL || name[0] == '\0')
        rc = desk_bad_input("--intake %s: \"name\" is required (the map=NAME of the request)", path);
    else if (!json_is_object(fields) || json_object_get(fields, "id") == NULL)
        rc = desk_bad_input("--intake %s: \"fields\" must be an object mapping at least \"id\"", path);
    else if (json_object_get(server->intake_maps, name) != NULL)
        rc = desk_bad_input("--intake %s: a mapping named \"%s\" was given already", path, name);
    const char *field;
    json_t *spec;
    if (rc == DESK_OK)
        json_object_foreach(fields, field, spec) {
            const char *problem = known_field(field) ? check_field(spec)
                                                     : "is not a field of a case (id, expectation, "
                                                       "customer, tier, severity, price, workflow)";
            if (problem != NULL) {
                rc = desk_bad_input("--intake %s: fields: \"%s\" %s", path, field, problem);
                break;
            }
        }
    if (rc == DESK_OK)
        json_object_set(server->intake_maps, name, mapping);
    json_decref(mapping);
    return rc;
}

/* RFC 6901: "/a/b~1c/0" -> payload["a"]["b/c"][0]; NULL when absent. */
static const json_t *resolve(const json_t *root, const char *pointer)
{
    const json_t *at = root;
    const char *p = pointer;
    char token[256];
    while (at != NULL && *p == '/') {
        p++;
        size_t n = 0;
        while (*p != '\0' && *p != '/' && n + 1 < sizeof token) {
            if (p[0] == '~' && p[1] == '1') {
                token[n++] = '/';
                p += 2;
            } else if (p[0] == '~' && p[1] == '0') {
                token[n++] = '~';
                p += 2;
            } else {
                token[n++] = *p++;
            }
        }
        token[n] = '\0';
        if (json_is_object(at)) {
            at = json_object_get(at, token);
        } else if (json_is_array(at)) {
            char *end;
            unsigned long index = strtoul(token, &end, 10);
            at = n > 0 && *end == '\0' && (token[0] != '0' || n == 1) ? json_array_get(at, index) : NULL;
        } else {
            at = NULL;
        }
    }
    return *p == '\0' ? at : NULL;
}

/* One field's text from the payload into @p out (NULL when the payload does not give it);
 * false (and a 422) when the value cannot be used. */
static bool field_text(api_call *call, const char *map, const json_t *fields, const char *field,
                       char *out, size_t size, const char **result)
{
    const json_t *spec = json_object_get(fields, field);
    *result = NULL;
    if (spec == NULL)
        return true;
    const char *pointer = json_is_string(spec) ? json_string_value(spec)
                                               : json_string_value(json_object_get(spec, "pointer"));
    const char *constant = json_string_value(json_object_get(spec, "value"));
    const char *prefix = json_string_value(json_object_get(spec, "prefix"));
    const char *fallback = json_string_value(json_object_get(spec, "default"));
    const json_t *values = json_object_get(spec, "values");
    char scalar[64];
    const char *text = constant;
    if (pointer != NULL) {
        const json_t *v = resolve(call->body, pointer);
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_integer(v))
            snprintf(scalar, sizeof scalar, "%lld", (long long)json_integer_value(v)), text = scalar;
        else if (json_is_boolean(v))
            text = json_is_true(v) ? "true" : "false";
        else if (v != NULL && !json_is_null(v)) {
            api_error(&call->reply, 422, "intake %s: %s: %s holds %s, not text", map, field, pointer,
                      json_is_object(v) ? "an object" : json_is_array(v) ? "an array" : "a number");
            return false;
        }
    }
    if (text != NULL && values != NULL) {
        const char *mapped = json_string_value(json_object_get(values, text));
        if (mapped == NULL) { /* a value nobody mapped is a question, not a default */
            api_error(&call->reply, 422, "intake %s: %s: \"%s\" (at %s) is not one of the mapping's "
                      "values", map, field, text, pointer);
            return false;
        }
        text = mapped;
    }
    if (text == NULL || text[0] == '\0')
        text = fallback;
    if (text == NULL)
        return true;
    if ((size_t)snprintf(out, size, "%s%s", prefix != NULL ? prefix : "", text) >= size) {
        api_error(&call->reply, 422, "intake %s: %s: the value at %s is too long", map, field,
                  pointer != NULL ? pointer : "");
        return false;
    }
    *result = out;
    return true;
}

/* Bring the known case's host data up to date; *changed says whether anything differed. */
static int update_case(api_call *call, desk_case *dc, const char *const values[FIELD_COUNT],
                       bool *changed)
{
    int rc = DESK_OK;
    *changed = false;
    const char *customer = values[2], *tier = values[3], *severity = values[4], *price = values[5];
    if (customer != NULL && (dc->customer == NULL || strcmp(dc->customer, customer) != 0)) {
        rc = desk_case_set_customer(dc, customer);
        *changed = true;
    }
    if (rc == DESK_OK && tier != NULL && (dc->tier == NULL || strcmp(dc->tier, tier) != 0)) {
        rc = desk_case_set_tier(dc, tier);
        *changed = true;
    }
    if (rc == DESK_OK && severity != NULL) {
        int before = dc->severity;
        rc = desk_case_set_severity(dc, severity);
        *changed = *changed || dc->severity != before;
    }
    if (rc == DESK_OK && price != NULL) {
        bool had = dc->has_price;
        svcr_money before = dc->price;
        rc = desk_case_set_price(dc, price);
        *changed = *changed || !had || before.amount_minor != dc->price.amount_minor ||
                   strcmp(before.currency, dc->price.currency) != 0;
    }
    if (rc == DESK_OK && *changed)
        rc = desk_case_save(call->d, dc);
    return rc;
}

void api_intake(api_call *call)
{
    json_t *maps = call->server->intake_maps;
    const char *map = api_query(call, "map");
    if (json_object_size(maps) == 0) {
        api_error(&call->reply, 404, "no intake mapping: start the server with --intake FILE");
        return;
    }
    if (map == NULL && json_object_size(maps) == 1) {
        void *only = json_object_iter(maps);
        map = json_object_iter_key(only);
    }
    if (map == NULL || json_object_get(maps, map) == NULL) {
        api_error(&call->reply, 404, "no intake mapping named \"%s\" (give ?map=NAME)",
                  map != NULL ? map : "");
        return;
    }
    const json_t *fields = json_object_get(json_object_get(maps, map), "fields");
    char buffers[FIELD_COUNT][1024];
    const char *values[FIELD_COUNT];
    for (size_t i = 0; i < FIELD_COUNT; i++)
        if (!field_text(call, map, fields, field_names[i], buffers[i], sizeof buffers[i], &values[i]))
            return;
    if (values[0] == NULL) {
        api_error(&call->reply, 422, "intake %s: the payload gives no case id (id)", map);
        return;
    }
    if (!api_check_case_id(values[0], "id", &call->reply))
        return;
    bool exists = false, changed = false;
    if (desk_db_exists(call->d, values[0], &exists) != DESK_OK) {
        api_error(&call->reply, 500, "%s", api_messages());
        return;
    }
    desk_case dc;
    int rc;
    unsigned status = 200;
    if (!exists) {
        if (values[1] == NULL) {
            api_error(&call->reply, 422, "intake %s: the payload gives no expectation for the new "
                      "case \"%s\"", map, values[0]);
            return;
        }
        if (values[6] != NULL && desk_workflow_is_file(values[6])) {
            api_error(&call->reply, 422, "intake %s: workflow \"%s\" is a file name", map, values[6]);
            return;
        }
        desk_open_args args = {.id = values[0], .expectation = values[1], .customer = values[2],
                               .tier = values[3], .severity = values[4], .price = values[5],
                               .workflow = values[6], .at = call->d->now};
        rc = desk_open_case(call->d, &args, &dc);
        status = 201;
    } else {
        rc = desk_case_load(call->d, values[0], &dc);
        if (rc == DESK_OK && (rc = update_case(call, &dc, values, &changed)) != DESK_OK)
            desk_case_clear(&dc);
    }
    if (rc != DESK_OK) {
        api_error(&call->reply, rc == DESK_BAD_INPUT ? 422 : 500, "intake %s: %s", map, api_messages());
        return;
    }
    json_t *view = desk_case_view_json(&dc, call->d->now, true);
    if (view != NULL)
        json_object_set_new(view, "intake",
                            json_pack("{ssss}", "map", map, "action",
                                      status == 201 ? "opened" : changed ? "updated" : "unchanged"));
    api_ok(&call->reply, status, view);
    api_case_etag_of(&dc, call->reply.etag);
    desk_case_clear(&dc);
}
