/* Shared command-line helpers: error reporting, option matching, times, output, progress. */
#include "desk.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where messages go: stderr, except while the demo tells its story on stdout (or the server
 * keeps a request's message for its response: per thread, as each thread serves its own). */
static _Thread_local FILE *messages;

void desk_set_message_stream(FILE *stream)
{
    messages = stream;
}

/* Where in the input the messages are about ("cases.jsonl: line 3, column 14: "), or NULL.
 * Grown to fit: a long file name is never cut. Control characters are escaped when it is set. */
static _Thread_local char *context;

void desk_message_context(const char *fmt, ...)
{
    free(context);
    context = NULL;
    if (fmt == NULL)
        return;
    char *text = NULL;
    size_t length = 0;
    FILE *buffer = open_memstream(&text, &length);
    if (buffer == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    desk_vprint_text(buffer, fmt, ap);
    va_end(ap);
    if (fclose(buffer) == 0)
        context = text;
    else
        free(text);
}

static void vreport(const char *fmt, va_list ap)
{
    FILE *out = messages != NULL ? messages : stderr;
    fputs("svcr-desk: ", out);
    fputs(context != NULL ? context : "", out); /* already escaped when it was set */
    desk_vprint_text(out, fmt, ap); /* ids in messages are shown escaped, never cut */
    fputc('\n', out);
}

int desk_bad_input(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    return DESK_BAD_INPUT;
}

int desk_failure(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    return DESK_FAILED;
}

int desk_library_error(const char *what)
{
    /* An allocation failure is not the user's fault. */
    int status = svcr_error_status() == SVCR_ENOMEM ? DESK_FAILED : DESK_BAD_INPUT;
    desk_bad_input("%s: %s", what, svcr_error_message());
    return status;
}

bool desk_is_option(const char *arg)
{
    return arg[0] == '-' && arg[1] == '-' && arg[2] != '\0';
}

int desk_check_text(const char *text, const char *what)
{
    json_t *checked = json_string(text); /* NULL for invalid UTF-8 */
    if (checked != NULL) {
        json_decref(checked);
        return DESK_OK;
    }
    /* Show the text with every byte above 0x7F as \xNN, so the bad byte can be found. */
    char shown[256];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 5 < sizeof shown; p++)
        n += (size_t)snprintf(shown + n, sizeof shown - n, *p < 0x80 && *p >= 0x20 ? "%c" : "\\x%02X", *p);
    return desk_bad_input("%s: \"%s\" is not valid UTF-8 text", what, shown);
}

int desk_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
    } else if (arg[n] != '\0') {
        return 0;
    } else if (*i + 1 >= argc) {
        desk_bad_input("option %s needs a value", name);
        return -1;
    } else {
        *i += 1;
        *value = argv[*i];
    }
    /* Every value is text that may be stored or printed: refuse invalid UTF-8 at entry. */
    return desk_check_text(*value, name) == DESK_OK ? 1 : -1;
}

int desk_read_file(const char *path, const char *what, char **text, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return desk_bad_input("%s: cannot open %s", what, path);
    size_t capacity = 4096, used = 0, n;
    char *buf = malloc(capacity + 1);
    while (buf != NULL && (n = fread(buf + used, 1, capacity - used, f)) > 0) {
        used += n;
        if (used == capacity) {
            char *grown = realloc(buf, 2 * capacity + 1);
            if (grown == NULL)
                free(buf);
            buf = grown;
            capacity *= 2;
        }
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (buf == NULL)
        return desk_failure("%s: out of memory reading %s", what, path);
    if (failed) {
        free(buf);
        return desk_bad_input("%s: reading %s failed", what, path);
    }
    buf[used] = '\0';
    *text = buf;
    *length = used;
    return DESK_OK;
}

int desk_parse_time(const char *text, const char *what, int64_t *out)
{
    if (svcr_time_parse(text, out) != SVCR_OK)
        return desk_bad_input("%s: %s", what, svcr_error_message());
    return DESK_OK;
}

const char *desk_time_text(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE])
{
    if (svcr_time_format(t, buf, SVCR_TIME_FORMAT_SIZE) != SVCR_OK)
        snprintf(buf, SVCR_TIME_FORMAT_SIZE, "%" PRId64, t);
    return buf;
}

const char *desk_duration_text(int64_t seconds, char buf[32])
{
    uint64_t s = seconds < 0 ? (uint64_t)0 - (uint64_t)seconds : (uint64_t)seconds;
    uint64_t days = s / 86400, hours = s % 86400 / 3600, minutes = s % 3600 / 60;
    if (days > 0)
        snprintf(buf, 32, "%" PRIu64 "d %" PRIu64 "h", days, hours);
    else if (hours > 0)
        snprintf(buf, 32, "%" PRIu64 "h %02" PRIu64 "m", hours, minutes);
    else
        snprintf(buf, 32, "%" PRIu64 "m", minutes);
    return buf;
}

json_t *desk_money_json(svcr_money m)
{
    return json_pack("{sIss}", "amount_minor", (json_int_t)m.amount_minor, "currency", m.currency);
}

/* Where desk_print_json() hands its value instead of printing it (the server), per thread. */
static _Thread_local json_t **json_capture;

void desk_capture_json(json_t **into)
{
    json_capture = into;
}

void desk_print_json(const desk *d, json_t *value)
{
    if (json_capture != NULL) {
        json_decref(*json_capture);
        *json_capture = value;
        return;
    }
    if (!d->quiet && value != NULL) {
        json_dumpf(value, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
    }
    json_decref(value);
}

void desk_printf(const desk *d, const char *fmt, ...)
{
    if (d->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    desk_vprint_text(stdout, fmt, ap);
    va_end(ap);
}

void desk_progress(const desk *d, const char *label, long done, long total)
{
    if (!d->progress)
        return;
    if (total > 0)
        fprintf(stderr, "\r%s: %ld/%ld", label, done, total);
    else
        fprintf(stderr, "\r%s: %ld", label, done);
    fflush(stderr);
}

void desk_progress_done(const desk *d)
{
    if (d->progress)
        fputs("\r\033[K", stderr); /* clear the line so the output that follows starts clean */
}
