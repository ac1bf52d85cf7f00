#include "test_alloc.h"

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static long allocation_count;
static long live_blocks;
static long fail_countdown; /* 0 = disarmed; otherwise allocations left until the failing one */
static int failure_happened;
static int json_may_fail; /* test_alloc_fail_json() */

static int should_fail(void)
{
    allocation_count++;
    if (fail_countdown > 0 && --fail_countdown == 0) {
        failure_happened = 1;
        return 1;
    }
    return 0;
}

static void *counting_malloc(size_t size, void *user_data)
{
    (void)user_data;
    if (should_fail())
        return NULL;
    void *p = malloc(size);
    if (p)
        live_blocks++;
    return p;
}

static void *counting_realloc(void *ptr, size_t size, void *user_data)
{
    (void)user_data;
    if (should_fail())
        return NULL;
    void *p = realloc(ptr, size);
    if (p && ptr == NULL)
        live_blocks++;
    return p;
}

static void counting_free(void *ptr, void *user_data)
{
    (void)user_data;
    if (ptr) {
        live_blocks--;
        free(ptr);
    }
}

/* jansson's blocks are counted (so leaked JSON values show up) but never made to fail:
 * jansson reports some of its own allocation failures as syntax errors, which would make
 * "every failure gives SVCR_ENOMEM" untestable for reasons outside the library. */
static void *jansson_malloc(size_t size)
{
    if (json_may_fail) {
        if (should_fail())
            return NULL;
    } else {
        allocation_count++;
    }
    void *p = malloc(size);
    if (p)
        live_blocks++;
    return p;
}

static void jansson_free(void *ptr)
{
    counting_free(ptr, NULL);
}

void test_alloc_install(void)
{
    static const svcr_allocator counting = {sizeof(svcr_allocator), counting_malloc, counting_realloc, counting_free, NULL};
    allocation_count = 0;
    live_blocks = 0;
    fail_countdown = 0;
    failure_happened = 0;
    svcr_set_allocator(&counting);
    json_set_alloc_funcs(jansson_malloc, jansson_free);
}

void test_alloc_uninstall(void)
{
    svcr_set_allocator(NULL);
    json_set_alloc_funcs(malloc, free);
    fail_countdown = 0;
}

void test_alloc_fail_json(int on)
{
    json_may_fail = on;
}

void test_alloc_fail_at(long n)
{
    fail_countdown = n;
    failure_happened = 0;
}

int test_alloc_failure_happened(void)
{
    return failure_happened;
}

long test_alloc_count(void)
{
    return allocation_count;
}

long test_alloc_live(void)
{
    return live_blocks;
}

const char *test_alloc_scenario_name(const char *file, const char *scenario)
{
    static char name[256];
    if (scenario[0] == '&')
        scenario++;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (strncmp(base, "test_", 5) == 0)
        base += 5;
    size_t length = strlen(base);
    if (length > 2 && strcmp(base + length - 2, ".c") == 0)
        length -= 2;
    snprintf(name, sizeof name, "%.*s/%s", (int)length, base, scenario);
    return name;
}

long test_alloc_exhaust_named(const char *name, test_scenario scenario, void *state)
{
    long points = 0;
    for (long n = 1;; n++) {
        test_alloc_install();
        test_alloc_fail_at(n);
        svcr_status status = scenario(state);
        int failed = test_alloc_failure_happened();
        long leaked = test_alloc_live();
        test_alloc_uninstall();
        if (leaked != 0)
            fail_msg("%s: allocation failure %ld: %ld block(s) leaked", name, n, leaked);
        if (!failed) {
            if (status != SVCR_OK)
                fail_msg("%s: scenario without injected failure returned %s: %s", name,
                         svcr_status_name(status), svcr_error_message());
            print_message("alloc points: %s %ld\n", name, points);
            return points;
        }
        if (status != SVCR_ENOMEM)
            fail_msg("%s: allocation failure %ld: expected SVCR_ENOMEM, got %s (%s)", name, n,
                     svcr_status_name(status), svcr_error_message());
        points++;
    }
}

long test_alloc_exhaust_call_named(const char *name, const test_call *c)
{
    long points = 0;
    for (long n = 1;; n++) {
        test_alloc_install();
        void *objects = c->setup();
        if (objects == NULL)
            fail_msg("%s: setup failed: %s", name, svcr_error_message());
        char *before = c->snapshot(objects);
        test_alloc_fail_at(n);
        svcr_status status = c->call(objects);
        int failed = test_alloc_failure_happened();
        test_alloc_fail_at(0);
        char message[512];
        snprintf(message, sizeof message, "%s", svcr_error_message());
        char *after = c->snapshot(objects);
        int same = strcmp(before, after) == 0;
        svcr_status used = failed ? c->use(objects) : SVCR_OK;
        c->teardown(objects);
        long leaked = test_alloc_live();
        test_alloc_uninstall();
        if (failed && status != SVCR_ENOMEM)
            fail_msg("%s: allocation failure %ld: expected SVCR_ENOMEM, got %s (%s)", name, n,
                     svcr_status_name(status), message);
        if (failed && !same)
            fail_msg("%s: allocation failure %ld changed the objects:\nbefore: %.400s\nafter:  %.400s", name, n,
                     before, after);
        if (used != SVCR_OK)
            fail_msg("%s: after allocation failure %ld the objects are not usable: %s (%s)", name, n,
                     svcr_status_name(used), svcr_error_message());
        free(before);
        free(after);
        if (leaked != 0)
            fail_msg("%s: allocation failure %ld: %ld block(s) leaked", name, n, leaked);
        if (!failed) {
            if (status != SVCR_OK)
                fail_msg("%s: call without injected failure returned %s: %s", name, svcr_status_name(status),
                         message);
            print_message("alloc points: %s %ld\n", name, points);
            return points;
        }
        points++;
    }
}

void test_text_append(char **text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    size_t old = *text ? strlen(*text) : 0;
    char *grown = realloc(*text, old + (size_t)length + 1);
    assert_non_null(grown);
    va_start(args, format);
    vsnprintf(grown + old, (size_t)length + 1, format, args);
    va_end(args);
    *text = grown;
}

void test_text_take(char **text, char *owned)
{
    assert_non_null(owned);
    test_text_append(text, "%s\n", owned);
    svcr_free(owned);
}
