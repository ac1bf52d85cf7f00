/* Shared by the case tests: the "desk" test workflow (tests/data/workflow_desk.json) and times.
 * Included by each test file; everything here is static. */
#ifndef SVCR_TEST_CASE_FIXTURE_H
#define SVCR_TEST_CASE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

enum { MINUTE = 60, HOUR = 3600, DAY = 86400 };

/* 2026-11-23T09:00:00Z, a Monday. */
static const int64_t T0 = 1795424400;

/* Read a file under tests/data/ into a NUL-terminated buffer (free with free()). */
static inline char *fixture_read(const char *name, size_t *length)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SVCR_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = malloc(1 << 16);
    size_t n = text ? fread(text, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (text)
        text[n] = '\0';
    if (length)
        *length = n;
    return text;
}

/* The desk workflow, or NULL (the caller asserts). */
static inline svcr_workflow *fixture_desk(void)
{
    size_t length;
    char *text = fixture_read("workflow_desk.json", &length);
    svcr_workflow *wf = NULL;
    if (text != NULL && svcr_workflow_parse(text, length, &wf) != SVCR_OK)
        wf = NULL;
    free(text);
    return wf;
}

/* The @p n-th (1-based) ```json block of README.md's "Workflows and cases" section, in a static
 * buffer; NULL if missing. Tests parse them so the documentation cannot drift from the code. */
static inline const char *fixture_readme_json(int n)
{
    static char block[8192];
    char path[512];
    snprintf(path, sizeof path, "%s/README.md", SVCR_SOURCE_ROOT);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static char text[1 << 17];
    size_t length = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[length] = '\0';
    const char *p = strstr(text, "## Workflows and cases");
    for (int i = 0; p != NULL && i < n; i++)
        if ((p = strstr(p, "```json\n")) != NULL)
            p += 8;
    const char *end = p ? strstr(p, "```") : NULL;
    if (end == NULL || (size_t)(end - p) >= sizeof block)
        return NULL;
    memcpy(block, p, (size_t)(end - p));
    block[end - p] = '\0';
    return block;
}

/* @p base with the first occurrence of @p find replaced by @p replace, in a static buffer. */
static inline const char *fixture_variant(const char *base, const char *find, const char *replace)
{
    static char buffer[8192];
    const char *at = strstr(base, find);
    if (at == NULL)
        fail_msg("variant: \"%s\" is not in the document", find);
    snprintf(buffer, sizeof buffer, "%.*s%s%s", (int)(at - base), base, replace, at + strlen(find));
    return buffer;
}

/* Assert that the last error message contains @p part. Needs cmocka. */
static inline void fixture_assert_message_has(const char *part)
{
    if (strstr(svcr_error_message(), part) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", svcr_error_message(), part);
}

/* Assert that the last error is at the first occurrence of @p mark in @p doc (line:column, as
 * svcr_error_line() and svcr_error_column() report it, and in the message). Needs cmocka. */
static inline void fixture_assert_error_at(const char *doc, const char *mark)
{
    const char *at = strstr(doc, mark);
    if (at == NULL)
        fail_msg("\"%s\" is not in the document", mark);
    int line = 1, column = 1;
    for (const char *p = doc; p < at; p++) {
        if (*p == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    if (svcr_error_line() != line || svcr_error_column() != column)
        fail_msg("error at %d:%d, expected %d:%d (\"%s\"): %s", svcr_error_line(), svcr_error_column(), line,
                 column, mark, svcr_error_message());
    char where[64];
    snprintf(where, sizeof where, "line %d, column %d", line, column);
    if (strstr(svcr_error_message(), where) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", svcr_error_message(), where);
}

/* The whole case as JSON, to compare before and after a failing call (free with svcr_free()). */
static inline char *fixture_snapshot(const svcr_case *c)
{
    char *json = NULL;
    if (svcr_case_encode(c, &json) != SVCR_OK)
        return NULL;
    return json;
}

#endif
