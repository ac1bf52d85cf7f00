/* GET /v1/due, GET /v1/report, POST /v1/check-reply.
 *
 * Due and report are the commands themselves (cmd_due.c, cmd_report.c) run with --json, their
 * JSON kept instead of printed (desk_capture_json). */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

/* Run a command on the request's transaction and answer with its JSON. */
static void run_command(api_call *call, int (*command)(desk *, int, char **), int argc, char **argv)
{
    json_t *out = NULL;
    desk_capture_json(&out);
    int rc = command(call->d, argc, argv);
    desk_capture_json(NULL);
    if (rc != DESK_OK || out == NULL) {
        api_error(&call->reply, rc == DESK_BAD_INPUT ? 400 : 500, "%s", api_messages());
        json_decref(out);
        return;
    }
    api_ok(&call->reply, 200, out);
}

/* A query parameter as a command option's value: refused when it could be read as an option. */
static bool query_value(api_call *call, const char *name, const char **out)
{
    *out = api_query(call, name);
    if (*out != NULL && (*out)[0] == '-') {
        api_error(&call->reply, 400, "%s: \"%s\" is not a valid value", name, *out);
        return false;
    }
    return true;
}

void api_due(api_call *call)
{
    const char *within, *at;
    if (!query_value(call, "within", &within) || !query_value(call, "at", &at))
        return;
    char *argv[4];
    int argc = 0;
    if (within != NULL) {
        argv[argc++] = "--within";
        argv[argc++] = (char *)within;
    }
    if (at != NULL) {
        argv[argc++] = "--at";
        argv[argc++] = (char *)at;
    }
    run_command(call, desk_cmd_due, argc, argv);
}

void api_report(api_call *call)
{
    const char *at;
    if (!query_value(call, "at", &at))
        return;
    char *argv[2] = {"--at", (char *)at};
    run_command(call, desk_cmd_report, at != NULL ? 2 : 0, argv);
}

/* {"text": DRAFT} -> {"found": N, "matches": [{"phrase", "text", "start", "end", "char_start",
 * "char_end", "suggestions"}]}: the library's phrase check with its built-in phrases. */
void api_check_reply(api_call *call)
{
    json_t *value = json_object_get(call->body, "text");
    if (!json_is_string(value)) {
        api_error(&call->reply, 400, "\"text\" is required: the draft reply, a string");
        return;
    }
    const char *text = json_string_value(value);
    size_t length = json_string_length(value);
    svcr_phrase_set *set = NULL;
    size_t count = 0;
    svcr_phrase_match *matches = NULL;
    svcr_phrase_match **rows = NULL;
    if (svcr_phrase_set_builtin(&set) != SVCR_OK ||
        svcr_phrase_check(set, text, length, NULL, 0, &count) != SVCR_OK) {
        api_error(&call->reply, svcr_error_status() == SVCR_ENOMEM ? 500 : 400, "check-reply: %s",
                  svcr_error_message());
        svcr_phrase_set_free(set);
        return;
    }
    if (count > 0) {
        matches = calloc(count, sizeof *matches);
        rows = calloc(count, sizeof *rows);
        for (size_t i = 0; matches != NULL && rows != NULL && i < count; i++) {
            matches[i].size = sizeof matches[i];
            rows[i] = &matches[i];
        }
        if (matches == NULL || rows == NULL ||
            svcr_phrase_check(set, text, length, rows, count, &count) != SVCR_OK) {
            api_error(&call->reply, 500, "check-reply: %s", svcr_error_message());
            count = 0;
        }
    }
    if (call->reply.status == 0) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++) {
            const svcr_phrase_match *m = &matches[i];
            json_t *suggestions = json_array();
            for (size_t s = 0; s < m->suggestion_count; s++)
                json_array_append_new(suggestions, json_string(m->suggestions[s]));
            json_array_append_new(
                list, json_pack("{sss s#sIsIsIsIso}", "phrase", m->phrase, "text", text + m->start,
                                (int)(m->end - m->start), "start", (json_int_t)m->start, "end",
                                (json_int_t)m->end, "char_start", (json_int_t)m->char_start,
                                "char_end", (json_int_t)m->char_end, "suggestions", suggestions));
        }
        api_ok(&call->reply, 200, json_pack("{sIso}", "found", (json_int_t)count, "matches", list));
    }
    free(matches);
    free(rows);
    svcr_phrase_set_free(set);
}
