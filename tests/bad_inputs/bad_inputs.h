/* Rows of the bad-input table (docs/bad-inputs.md). Each row calls one public entry point with one
 * bad input and asserts what the caller gets: the status, a substring of svcr_error_message()
 * (which also must be the thread's svcr_error_status()), and that the objects of the test's
 * fixture are unchanged (their snapshot text before and after the call is equal).
 *
 * tests/bad_inputs_table.py reads the rows from the test sources to write the table, so each row
 * must be written as one of the three macros below with string literals for all but the last
 * argument:
 *
 *   BAD(entry point, bad input in words, expected status, message substring, call);
 *   BAD_RETURNS(entry point, bad input in words, what it returns, message substring or "", condition);
 *   BAD_IGNORED(entry point, bad input in words, call);   // void functions: nothing happens
 */
#ifndef SVCR_TEST_BAD_INPUTS_H
#define SVCR_TEST_BAD_INPUTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

/* Returns a malloc()ed text of everything observable in @p fixture (freed with free()). */
typedef char *(*bad_snapshot)(void *fixture);

static bad_snapshot bad__snapshot_fn;
static void *bad__fixture;
static int bad__rows;
static int bad__failures;

/* A row that does not hold is reported and counted, and the remaining rows still run;
 * bad_inputs_verify() (a cmocka teardown) then fails the test. */
#define bad__fail(...)                                                                                   \
    do {                                                                                                  \
        print_error(__VA_ARGS__);                                                                         \
        print_error("\n");                                                                                \
        bad__failures++;                                                                                  \
        return;                                                                                           \
    } while (0)

/* cmocka teardown: fails when a row of the test did not hold. */
static inline int bad_inputs_verify(void **state)
{
    (void)state;
    int failures = bad__failures;
    bad__failures = 0;
    if (failures > 0)
        print_error("%d row(s) did not hold\n", failures);
    return failures > 0 ? -1 : 0;
}

/* Watch @p fixture through @p snapshot for the rows that follow. */
static inline void bad_inputs_watch(bad_snapshot snapshot, void *fixture)
{
    bad__snapshot_fn = snapshot;
    bad__fixture = fixture;
}

static inline char *bad__take(void)
{
    svcr_error_clear();
    return bad__snapshot_fn ? bad__snapshot_fn(bad__fixture) : NULL;
}

static char bad__message[1024];
static svcr_status bad__status;

static inline void bad__same(const char *row, char *before)
{
    /* The error detail is kept before the snapshot, which calls the library. */
    snprintf(bad__message, sizeof bad__message, "%s", svcr_error_message());
    bad__status = svcr_error_status();
    char *after = bad__snapshot_fn ? bad__snapshot_fn(bad__fixture) : NULL;
    if ((before == NULL) != (after == NULL) || (before && strcmp(before, after) != 0)) {
        size_t at = 0;
        while (before && after && before[at] == after[at])
            at++;
        size_t from = at > 60 ? at - 60 : 0;
        print_error("%s: the call changed the fixture at byte %zu:\nbefore: ...%.160s\nafter:  ...%.160s\n",
                    row, at, before ? before + from : "(none)", after ? after + from : "(none)");
        bad__failures++;
    }
    free(before);
    free(after);
}

static inline void bad__names(const char *row, const char *names)
{
    const char *message = bad__message;
    if (names[0] != '\0' && strstr(message, names) == NULL)
        bad__fail("%s: message \"%s\" does not contain \"%s\"", row, message, names);
}

static inline void bad__call_names(const char *row, const char *function, const char *call)
{
    size_t length = strlen(function);
    const char *at = strstr(call, function);
    if (at == NULL || at[length] == '_' || (at[length] >= 'a' && at[length] <= 'z'))
        bad__fail("%s: the call \"%s\" does not call %s", row, call, function);
}

static inline void bad__check(const char *function, const char *input, const char *call, svcr_status expected,
                              const char *names, svcr_status got, char *before, int line)
{
    char row[512];
    snprintf(row, sizeof row, "line %d: %s with %s", line, function, input);
    int failures = bad__failures;
    bad__same(row, before);
    bad__call_names(row, function, call);
    if (got != expected)
        bad__fail("%s: expected %s, got %s (%s)", row, svcr_status_name(expected), svcr_status_name(got),
                  bad__message);
    if (bad__status != expected)
        bad__fail("%s: svcr_error_status() is %s, not %s", row, svcr_status_name(bad__status),
                  svcr_status_name(expected));
    bad__names(row, names);
    if (bad__failures == failures)
        bad__rows++;
}

static inline void bad__check_returns(const char *function, const char *input, const char *condition_text,
                                      int condition, const char *names, char *before, int line)
{
    char row[512];
    snprintf(row, sizeof row, "line %d: %s with %s", line, function, input);
    int failures = bad__failures;
    bad__same(row, before);
    bad__call_names(row, function, condition_text);
    if (!condition)
        bad__fail("%s: %s does not hold (%s)", row, condition_text, bad__message);
    bad__names(row, names);
    if (bad__failures == failures)
        bad__rows++;
}

#define BAD(function, input, expected, names, call)                                                      \
    do {                                                                                                  \
        char *before_ = bad__take();                                                                      \
        svcr_status got_ = (call);                                                                        \
        bad__check(function, input, #call, expected, names, got_, before_, __LINE__);                     \
    } while (0)

#define BAD_RETURNS(function, input, returns, names, condition)                                          \
    do {                                                                                                  \
        char *before_ = bad__take();                                                                      \
        int holds_ = (condition) ? 1 : 0;                                                                 \
        bad__check_returns(function, input, #condition, holds_, names, before_, __LINE__);                \
    } while (0)

#define BAD_IGNORED(function, input, call)                                                               \
    do {                                                                                                  \
        char *before_ = bad__take();                                                                      \
        call;                                                                                             \
        bad__check_returns(function, input, #call, 1, "", before_, __LINE__);                             \
    } while (0)

/* Append printf-style text to a malloc()ed snapshot string (*text may be NULL). */
static inline void bad_append(char **text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char piece[1024];
    vsnprintf(piece, sizeof piece, format, args);
    va_end(args);
    size_t old = *text ? strlen(*text) : 0;
    char *grown = realloc(*text, old + strlen(piece) + 1);
    assert_non_null(grown);
    strcpy(grown + old, piece);
    *text = grown;
}

/* Append a library-allocated text (e.g. from an encode function) and free it with svcr_free(). */
static inline void bad_append_owned(char **text, char *owned)
{
    assert_non_null(owned);
    size_t old = *text ? strlen(*text) : 0;
    char *grown = realloc(*text, old + strlen(owned) + 2);
    assert_non_null(grown);
    strcpy(grown + old, owned);
    strcat(grown, "\n");
    *text = grown;
    svcr_free(owned);
}

#endif
