/* One line of `import`: {"customer":...,"tier":...,"severity":...,"price":...,"case":{...}}.
 *
 * jansson checks the line and gives the values; the members' places in the line come from a small
 * scan of the line itself, so that every message names the column where the bad value is in the
 * line as the user wrote it (the case is decoded from its own bytes in the line, not re-written). */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

/* ---- where values are in the line ------------------------------------------------------- */

static size_t skip_space(const char *s, size_t at, size_t end)
{
    while (at < end && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
        at++;
    return at;
}

/* Past the string that starts (with its quote) at @p at. */
static size_t skip_string(const char *s, size_t at, size_t end)
{
    for (at++; at < end && s[at] != '"'; at++)
        if (s[at] == '\\')
            at++;
    return at < end ? at + 1 : end;
}

/* Past the value that starts at @p at (the text is valid JSON: jansson read it first). */
static size_t skip_value(const char *s, size_t at, size_t end)
{
    if (s[at] == '"')
        return skip_string(s, at, end);
    if (s[at] == '{' || s[at] == '[') {
        int depth = 0;
        while (at < end) {
            if (s[at] == '"') {
                at = skip_string(s, at, end);
                continue;
            }
            if (s[at] == '{' || s[at] == '[')
                depth++;
            else if ((s[at] == '}' || s[at] == ']') && --depth == 0)
                return at + 1;
            at++;
        }
        return end;
    }
    while (at < end && strchr(",}] \t\r\n", s[at]) == NULL)
        at++;
    return at;
}

/* The byte span of member @p key's value in the object spanning [from, to) of @p s; false when
 * the object has no such member (or spells its key with escapes). */
static bool find_member(const char *s, size_t from, size_t to, const char *key, size_t *start,
                        size_t *end)
{
    size_t at = skip_space(s, from, to);
    if (at >= to || s[at] != '{')
        return false;
    at = skip_space(s, at + 1, to);
    size_t key_length = strlen(key);
    while (at < to && s[at] == '"') {
        size_t key_end = skip_string(s, at, to);
        bool match = key_end - at == key_length + 2 && memcmp(s + at + 1, key, key_length) == 0;
        at = skip_space(s, key_end, to);
        at = skip_space(s, at + 1, to); /* past the colon */
        size_t value_end = skip_value(s, at, to);
        if (match) {
            *start = at;
            *end = value_end;
            return true;
        }
        at = skip_space(s, value_end, to);
        if (at < to && s[at] == ',')
            at = skip_space(s, at + 1, to);
    }
    return false;
}

/* The 1-based column of byte @p at in the line, counting characters as jansson does. */
static int column_of(const char *s, size_t at)
{
    int column = 1;
    for (size_t i = 0; i < at; i++)
        column += ((unsigned char)s[i] & 0xC0) != 0x80;
    return column;
}

typedef struct import_line {
    const char *text;
    size_t length;
    const char *file;
    long number;
} import_line;

/* Name the place of member @p key (of the envelope, or of the case when @p in_case) in messages. */
static void point_at(const import_line *l, bool in_case, const char *key)
{
    size_t start = 0, end = l->length, case_start, case_end;
    if (in_case && find_member(l->text, 0, l->length, "case", &case_start, &case_end)) {
        start = case_start;
        end = case_end;
    }
    size_t value_start, value_end;
    if (key != NULL && find_member(l->text, start, end, key, &value_start, &value_end))
        start = value_start;
    desk_message_context("%s: line %ld, column %d: ", l->file, l->number, column_of(l->text, start));
}

/* ---- the envelope and the case ---------------------------------------------------------- */

static int read_price(json_t *value, desk_case *dc)
{
    json_t *amount = json_object_get(value, "amount_minor");
    const char *currency = json_string_value(json_object_get(value, "currency"));
    if (!json_is_object(value) || !json_is_integer(amount) || currency == NULL ||
        json_object_size(value) != 2)
        return desk_bad_input("price needs \"amount_minor\" and a \"currency\" code");
    if (svcr_money_make(json_integer_value(amount), currency, &dc->price) != SVCR_OK)
        return desk_bad_input("price: %s", svcr_error_message());
    if (dc->price.amount_minor < 0)
        return desk_bad_input("price: %lld minor units is negative; a price is 0 or more",
                              (long long)dc->price.amount_minor);
    dc->has_price = true;
    return DESK_OK;
}

static int read_envelope(const import_line *l, json_t *root, desk_case *dc, json_t **case_json)
{
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        int rc = DESK_OK;
        point_at(l, false, key);
        if (strcmp(key, "case") == 0 && json_is_object(value)) {
            *case_json = value;
        } else if (strcmp(key, "customer") == 0 && json_is_string(value)) {
            if (json_string_length(value) == 0) /* jansson refuses \u0000 and invalid UTF-8 */
                rc = desk_bad_input("customer must be a non-empty id");
            else
                rc = desk_case_set_customer(dc, json_string_value(value));
        } else if (strcmp(key, "tier") == 0 && json_is_string(value)) {
            if (!desk_tier_is_known(json_string_value(value)))
                rc = desk_bad_input("unknown tier \"%s\" (basic, silver, gold, platinum)",
                                    json_string_value(value));
            else
                rc = desk_case_set_tier(dc, json_string_value(value));
        } else if (strcmp(key, "severity") == 0 && json_is_integer(value)) {
            json_int_t s = json_integer_value(value);
            if (s < 1 || s > 5)
                rc = desk_bad_input("severity %lld is not 1 to 5", (long long)s);
            dc->severity = (int)s;
        } else if (strcmp(key, "price") == 0) {
            rc = read_price(value, dc);
        } else {
            rc = desk_bad_input("unexpected or mistyped member \"%s\"", key);
        }
        if (rc != DESK_OK)
            return rc;
    }
    return DESK_OK;
}

/* Decode the case from its own bytes in the line, and report the library's error at its column
 * in the line. */
static int decode_case(const import_line *l, const svcr_workflow *wf, json_t *case_json, desk_case *dc)
{
    size_t start, end;
    char *rewritten = NULL; /* only when "case" is spelled with escapes and cannot be found */
    const char *text = l->text;
    if (!find_member(l->text, 0, l->length, "case", &start, &end)) {
        if ((rewritten = json_dumps(case_json, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
            return desk_failure("import: out of memory");
        text = rewritten;
        start = 0;
        end = strlen(rewritten);
    }
    svcr_status status = svcr_case_decode(wf, text + start, end - start, &dc->c);
    free(rewritten);
    if (rewritten != NULL)
        start = 0;
    if (status == SVCR_OK)
        return DESK_OK;
    if (svcr_error_status() == SVCR_ENOMEM)
        return desk_failure("import: out of memory");
    /* "case JSON: line 1, column 7: /log/0/at: must be ..." becomes ".../case/log/0/at: ..." */
    const char *message = svcr_error_message();
    const char *after = strstr(message, ", column ");
    after = after != NULL ? strstr(after, ": ") : NULL;
    const char *why = after != NULL ? after + 2 : message;
    int column = column_of(l->text, start);
    if (svcr_error_line() == 1 && svcr_error_column() > 0)
        column += svcr_error_column() - 1;
    desk_message_context("%s: line %ld, column %d: ", l->file, l->number, column);
    return desk_bad_input("%s%s", why[0] == '/' ? "/case" : "case: ", why);
}

/* ---- the common line, quickly ------------------------------------------------------------ */
/* A line as export writes it is read without building it twice: its envelope members are parsed
 * on their own (the case, most of the line, is parsed only by the library's decoder), and nothing
 * is spent on messages. Anything unusual (a key with escapes, a duplicate, a value the careful
 * path would refuse, a workflow not loaded yet) returns false without a message, and the careful
 * path below reads the line again and names what is wrong where it is. */

static bool envelope_quick(json_t *root, desk_case *dc)
{
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        if (strcmp(key, "customer") == 0 && json_is_string(value) && json_string_length(value) > 0) {
            if ((dc->customer = strdup(json_string_value(value))) == NULL)
                return false;
        } else if (strcmp(key, "tier") == 0 && json_is_string(value) &&
                   desk_tier_is_known(json_string_value(value))) {
            if ((dc->tier = strdup(json_string_value(value))) == NULL)
                return false;
        } else if (strcmp(key, "severity") == 0 && json_is_integer(value) &&
                   json_integer_value(value) >= 1 && json_integer_value(value) <= 5) {
            dc->severity = (int)json_integer_value(value);
        } else if (strcmp(key, "price") == 0 && json_is_object(value) &&
                   json_object_size(value) == 2 &&
                   json_is_integer(json_object_get(value, "amount_minor")) &&
                   json_is_string(json_object_get(value, "currency"))) {
            if (svcr_money_make(json_integer_value(json_object_get(value, "amount_minor")),
                                json_string_value(json_object_get(value, "currency")),
                                &dc->price) != SVCR_OK || dc->price.amount_minor < 0)
                return false;
            dc->has_price = true;
        } else {
            return false;
        }
    }
    return true;
}

/* A workflow already loaded, without loading one (which may report). */
static const svcr_workflow *loaded_workflow(desk *d, const char *name, desk_case *dc)
{
    for (size_t i = 0; i < d->workflow_count; i++)
        if (strcmp(svcr_workflow_name(d->workflows[i]), name) == 0) {
            dc->timers = d->timer_configs[i];
            return d->workflows[i];
        }
    return NULL;
}

static bool import_quick(desk *d, const char *line, size_t length, desk_case *out)
{
    /* The envelope without its case: {"customer":...,"tier":...} */
    char envelope[1024];
    size_t used = 1, at = skip_space(line, 0, length), case_start = 0, case_end = 0;
    envelope[0] = '{';
    if (at >= length || line[at] != '{')
        return false;
    at = skip_space(line, at + 1, length);
    while (at < length && line[at] == '"') {
        size_t key_end = skip_string(line, at, length);
        if (memchr(line + at, '\\', key_end - at) != NULL)
            return false;
        bool is_case = key_end - at == 6 && memcmp(line + at, "\"case\"", 6) == 0;
        size_t colon = skip_space(line, key_end, length);
        if (colon >= length || line[colon] != ':')
            return false;
        size_t value = skip_space(line, colon + 1, length);
        if (value >= length)
            return false;
        size_t value_end = skip_value(line, value, length);
        if (is_case) {
            if (case_end != 0 || line[value] != '{')
                return false;
            case_start = value;
            case_end = value_end;
        } else {
            size_t n = value_end - at;
            if (used + n + 2 > sizeof envelope)
                return false;
            if (used > 1)
                envelope[used++] = ',';
            memcpy(envelope + used, line + at, n);
            used += n;
        }
        at = skip_space(line, value_end, length);
        if (at < length && line[at] == ',')
            at = skip_space(line, at + 1, length);
        else
            break;
    }
    if (case_end == 0 || at >= length || line[at] != '}' || skip_space(line, at + 1, length) != length)
        return false;
    envelope[used++] = '}';
    size_t workflow_start, workflow_end;
    char workflow[128];
    if (!find_member(line, case_start, case_end, "workflow", &workflow_start, &workflow_end) ||
        line[workflow_start] != '"' || workflow_end - workflow_start - 2 >= sizeof workflow ||
        memchr(line + workflow_start, '\\', workflow_end - workflow_start) != NULL)
        return false;
    memcpy(workflow, line + workflow_start + 1, workflow_end - workflow_start - 2);
    workflow[workflow_end - workflow_start - 2] = '\0';
    desk_case dc = {.version = DESK_VERSION_ANY};
    const svcr_workflow *wf = loaded_workflow(d, workflow, &dc);
    if (wf == NULL)
        return false;
    json_t *root = json_loadb(envelope, used, JSON_REJECT_DUPLICATES, NULL);
    bool ok = root != NULL && envelope_quick(root, &dc) &&
              svcr_case_decode(wf, line + case_start, case_end - case_start, &dc.c) == SVCR_OK;
    json_decref(root);
    if (!ok) {
        desk_case_clear(&dc);
        return false;
    }
    *out = dc;
    return true;
}

int desk_case_import_line(desk *d, const char *line, size_t length, const char *file, long number,
                          desk_case *out)
{
    import_line l = {line, length, file, number};
    const char *nul = memchr(line, '\0', length);
    if (nul != NULL) {
        desk_message_context("%s: line %ld, column %d: ", file, number, column_of(line, (size_t)(nul - line)));
        int rc = desk_bad_input("a NUL byte; a line is one JSON object of text");
        desk_message_context(NULL);
        return rc;
    }
    if (import_quick(d, line, length, out))
        return DESK_OK;
    json_error_t error;
    json_t *root = json_loadb(line, length, JSON_REJECT_DUPLICATES, &error);
    if (root == NULL) {
        desk_message_context("%s: line %ld, column %d: ", file, number, error.column);
        int rc = desk_bad_input("%s", error.text);
        desk_message_context(NULL);
        return rc;
    }
    desk_case dc = {.version = DESK_VERSION_ANY}; /* an imported case replaces a stored one */
    json_t *case_json = NULL;
    int rc = DESK_OK;
    desk_message_context("%s: line %ld, column 1: ", file, number);
    if (!json_is_object(root))
        rc = desk_bad_input("expected an object {\"case\": ...}");
    if (rc == DESK_OK)
        rc = read_envelope(&l, root, &dc, &case_json);
    const char *workflow = json_string_value(json_object_get(case_json, "workflow"));
    if (rc == DESK_OK && (case_json == NULL || workflow == NULL)) {
        point_at(&l, case_json != NULL, NULL);
        rc = desk_bad_input("needs \"case\", an object with a \"workflow\" name");
    }
    const svcr_workflow *wf = NULL;
    if (rc == DESK_OK) {
        point_at(&l, true, "workflow");
        rc = desk_workflow(d, workflow, &wf, &dc.timers);
    }
    desk_message_context(NULL);
    if (rc == DESK_OK)
        rc = decode_case(&l, wf, case_json, &dc);
    desk_message_context(NULL);
    json_decref(root);
    if (rc == DESK_OK)
        *out = dc;
    else
        desk_case_clear(&dc);
    return rc;
}
