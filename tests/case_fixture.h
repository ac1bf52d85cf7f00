/* Shared by the case tests: the "desk" test workflow (tests/data/workflow_desk.json) and times.
 * Included by each test file; everything here is static. */
#ifndef SVCR_TEST_CASE_FIXTURE_H
#define SVCR_TEST_CASE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

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

/* The whole case as JSON, to compare before and after a failing call (free with svcr_free()). */
static inline char *fixture_snapshot(const svcr_case *c)
{
    char *json = NULL;
    if (svcr_case_encode(c, &json) != SVCR_OK)
        return NULL;
    return json;
}

#endif
