/* What a request answers: JSON bodies, errors carrying the library's message, ETags. */
#include "serve.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The desk reports through desk_bad_input() and friends onto a stream; the server keeps each
 * request's messages in memory (per thread) to put them in the response. */
static _Thread_local FILE *message_stream;
static _Thread_local char *message_text;
static _Thread_local size_t message_length;
static _Thread_local char *message_line;

void api_capture_begin(json_t **json_sink)
{
    free(message_text);
    free(message_line);
    message_text = message_line = NULL;
    message_length = 0;
    message_stream = open_memstream(&message_text, &message_length);
    desk_set_message_stream(message_stream);
    desk_capture_json(json_sink);
    svcr_error_clear();
}

void api_capture_end(void)
{
    desk_set_message_stream(NULL);
    desk_capture_json(NULL);
    desk_message_context(NULL);
    if (message_stream != NULL)
        fclose(message_stream);
    message_stream = NULL;
    /* Every reply has copied what it needed: nothing outlives the request (nor its thread). */
    free(message_text);
    free(message_line);
    message_text = message_line = NULL;
    message_length = 0;
}

const char *api_messages(void)
{
    if (message_stream != NULL)
        fflush(message_stream);
    free(message_line);
    message_line = NULL;
    if (message_text == NULL || message_length == 0)
        return "";
    /* "svcr-desk: a\nsvcr-desk: b\n" -> "a; b" */
    message_line = malloc(message_length + 1);
    if (message_line == NULL)
        return "";
    size_t n = 0;
    const char *p = message_text, *end = message_text + message_length;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        if ((size_t)(eol - p) >= 11 && memcmp(p, "svcr-desk: ", 11) == 0)
            p += 11;
        if (eol > p) {
            if (n > 0) {
                memcpy(message_line + n, "; ", 2);
                n += 2;
            }
            if (n + (size_t)(eol - p) > message_length) /* never: each line lost 11 bytes */
                break;
            memcpy(message_line + n, p, (size_t)(eol - p));
            n += (size_t)(eol - p);
        }
        p = eol + 1;
    }
    message_line[n] = '\0';
    return message_line;
}

void api_error(api_reply *reply, unsigned status, const char *fmt, ...)
{
    char message[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    json_decref(reply->json);
    json_t *text = json_string(message);
    if (text == NULL) /* the message quoted invalid UTF-8: say so without it */
        text = json_string("the request holds text that is not valid UTF-8");
    reply->status = status;
    reply->json = json_pack("{s{sIso}}", "error", "status", (json_int_t)status, "message", text);
    reply->etag[0] = '\0';
}

void api_error_detail(api_reply *reply, const char *key, json_t *value)
{
    json_t *error = json_object_get(reply->json, "error");
    if (error != NULL)
        json_object_set_new(error, key, value);
    else
        json_decref(value);
}

void api_ok(api_reply *reply, unsigned status, json_t *json)
{
    json_decref(reply->json);
    reply->status = status;
    reply->json = json;
}

void api_case_etag(const char *json, const char *customer, const char *tier, int severity,
                   bool has_price, svcr_money price, char out[48])
{
    crypto_generichash_state state;
    unsigned char hash[16];
    char columns[128];
    crypto_generichash_init(&state, NULL, 0, sizeof hash);
    crypto_generichash_update(&state, (const unsigned char *)json, strlen(json) + 1);
    /* Separated by NULs, so no two different rows hash the same text. */
    crypto_generichash_update(&state, (const unsigned char *)(customer ? customer : ""),
                              customer ? strlen(customer) + 1 : 0);
    crypto_generichash_update(&state, (const unsigned char *)"\x01", 1);
    crypto_generichash_update(&state, (const unsigned char *)(tier ? tier : ""),
                              tier ? strlen(tier) + 1 : 0);
    int n = snprintf(columns, sizeof columns, "\x01%d\x01%d\x01%lld\x01%s", severity, has_price,
                     has_price ? (long long)price.amount_minor : 0LL, has_price ? price.currency : "");
    crypto_generichash_update(&state, (const unsigned char *)columns, (size_t)n);
    crypto_generichash_final(&state, hash, sizeof hash);
    out[0] = '"';
    sodium_bin2hex(out + 1, 33, hash, sizeof hash);
    out[33] = '"';
    out[34] = '\0';
}

void api_case_etag_of(const desk_case *dc, char out[48])
{
    char *json;
    out[0] = '\0';
    if (svcr_case_encode(dc->c, &json) != SVCR_OK)
        return;
    api_case_etag(json, dc->customer, dc->tier, dc->severity, dc->has_price, dc->price, out);
    svcr_free(json);
}

unsigned api_status_for(int rc)
{
    if (rc == DESK_OK)
        return 200;
    if (rc != DESK_BAD_INPUT)
        return 500;
    switch (svcr_error_status()) {
    case SVCR_ESTATE:
        return 409;
    case SVCR_EGUARD:
        return 422;
    case SVCR_EPERM:
        return 403;
    default:
        return 400;
    }
}

bool api_check_case_id(const char *id, const char *what, api_reply *reply)
{
    size_t length = strlen(id);
    json_t *checked = json_string(id);
    json_decref(checked);
    if (checked == NULL) {
        api_error(reply, 400, "%s is not valid UTF-8 text", what);
        return false;
    }
    if (length == 0 || length > 200) {
        api_error(reply, 400, "%s must be 1 to 200 bytes long", what);
        return false;
    }
    if (strcmp(id, ".") == 0 || strcmp(id, "..") == 0 || strchr(id, '/') != NULL) {
        api_error(reply, 400, "%s \"%s\" may not be \".\" or \"..\" or contain \"/\"", what, id);
        return false;
    }
    if (id[0] == '-') {
        api_error(reply, 400, "%s \"%s\" may not begin with \"-\"", what, id);
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)id; *p != '\0'; p++)
        if (*p < 0x20 || *p == 0x7f) {
            api_error(reply, 400, "%s may not contain control characters", what);
            return false;
        }
    return true;
}
