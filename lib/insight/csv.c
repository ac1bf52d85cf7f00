/* The Pareto and per-cause tables as CSV (RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, a quote or a line break; text that would start a formula is neutralised). */
#include "insight/internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"

typedef struct text {
    char *data;
    size_t length, capacity;
    bool failed;
} text;

static void append(text *t, const char *bytes, size_t length)
{
    if (t->failed || svcr__grow((void **)&t->data, &t->capacity, t->length + length + 1, 1) != 0) {
        t->failed = true;
        return;
    }
    memcpy(t->data + t->length, bytes, length);
    t->length += length;
    t->data[t->length] = '\0';
}

static void appendf(text *t, const char *fmt, ...) SVCR_PRINTF(2, 3);
static void appendf(text *t, const char *fmt, ...)
{
    char buffer[256]; /* the widest use is five numbers */
    va_list args;
    va_start(args, fmt);
    int length = vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    append(t, buffer, length < (int)sizeof buffer ? (size_t)length : sizeof buffer - 1);
}

/* A text field, quoted when it must be; NULL is an empty field. Text fields hold what users
 * typed (causes, owners): one that a spreadsheet would take for a formula (first character =, +,
 * -, @, tab or CR) gets a leading apostrophe and quotes, as OWASP's CSV injection guidance says,
 * so =HYPERLINK(...) is shown as text and never evaluated. Numeric columns never come here, so a
 * count or share stays a number. */
static void field(text *t, const char *value)
{
    if (value == NULL)
        return;
    bool formula = value[0] != '\0' && strchr("=+-@\t\r", value[0]) != NULL;
    if (!formula && strpbrk(value, ",\"\r\n") == NULL) {
        append(t, value, strlen(value));
        return;
    }
    append(t, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (const char *p = value; *p != '\0'; p++) {
        if (*p == '"')
            append(t, "\"", 1); /* a quote inside is doubled */
        append(t, p, 1);
    }
    append(t, "\"", 1);
}

static void ratio_field(text *t, uint64_t numerator, uint64_t denominator)
{
    if (denominator > 0)
        appendf(t, "%.15g", (double)numerator / (double)denominator);
}

typedef void (*row_writer)(text *t, const svcr_insight_cause *row);

static void pareto_row(text *t, const svcr_insight_cause *r)
{
    field(t, r->cause);
    appendf(t, ",%" PRIu64 ",%.15g,%.15g,%s,", r->cases, r->share, r->cumulative_share,
            r->vital_few ? "true" : "false");
    field(t, r->owner);
}

static void cause_row(text *t, const svcr_insight_cause *r)
{
    field(t, r->cause);
    appendf(t, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",", r->cases, r->followed_up, r->recovered);
    ratio_field(t, r->recovered, r->followed_up);
    appendf(t, ",%" PRIu64 ",%" PRIu64 ",", r->reopened, r->resolved);
    if (r->resolved > 0)
        appendf(t, "%.15g", r->mean_resolution_seconds);
    append(t, ",", 1);
    field(t, r->owner);
}

static svcr_status write_table(const svcr_insight *insight, const char *header, row_writer write_row, char **csv)
{
    svcr_insight_cause *rows;
    size_t count;
    svcr_status status = svcr__insight_pareto(insight, &rows, &count);
    if (status != SVCR_OK)
        return status;
    text t = {NULL, 0, 0, false};
    append(&t, header, strlen(header));
    append(&t, "\r\n", 2);
    for (size_t i = 0; i < count; i++) {
        write_row(&t, &rows[i]);
        append(&t, "\r\n", 2);
    }
    svcr__free(rows);
    if (t.failed) {
        svcr__free(t.data);
        return svcr__fail_nomem("writing CSV");
    }
    *csv = t.data;
    return SVCR_OK;
}

svcr_status svcr_insight_pareto_csv(const svcr_insight *insight, char **csv)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(csv);
    return write_table(insight, "cause,cases,share,cumulative_share,vital_few,owner", pareto_row, csv);
}

svcr_status svcr_insight_causes_csv(const svcr_insight *insight, char **csv)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(csv);
    return write_table(insight,
                       "cause,cases,followed_up,recovered,recovery_rate,reopened,resolved,"
                       "mean_resolution_seconds,owner",
                       cause_row, csv);
}
