/* Allocation failure in the phrase calls the module tests do not yet exhaust (a set from specs),
 * and in a check with a set that already exists: each allocation fails in turn, the call must
 * return SVCR_ENOMEM, leave the set and the outputs as they were and the set usable, and nothing
 * may leak. test_phrase_set.c and test_phrase_check.c exhaust the default and JSON sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"
#include "support/read_all.h"

static const char *const calm[] = {"I can see why this matters", "Let me put this right"};
static const svcr_phrase_spec specs[] = {
    {sizeof(svcr_phrase_spec), "Calm down", calm, 2},
    {sizeof(svcr_phrase_spec), "as I said", NULL, 0},
    {sizeof(svcr_phrase_spec), "That's our policy", calm + 1, 1},
};
static const char draft[] = "Calm down, as I said: that's our policy. As I said, calm  down.";

/* A set from specs, checked against a draft, every match read. */
static svcr_status build_from_specs(void *state)
{
    (void)state;
    svcr_phrase_set *set = NULL;
    svcr_phrase_match *matches = NULL;
    size_t count = 0;
    svcr_status s = svcr_test_phrase_set_new(specs, sizeof specs / sizeof specs[0], &set);
    if (s == SVCR_OK)
        s = svcr_test_phrase_check(set, draft, sizeof draft - 1, &matches, &count);
    if (s == SVCR_OK && count != 5)
        s = SVCR_ESTATE;
    free(matches);
    svcr_phrase_set_free(set);
    return s;
}

static void set_from_specs_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(build_from_specs, NULL) >= 3);
}

typedef struct objects {
    svcr_phrase_set *set;
    svcr_phrase_match *matches;
    size_t count;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o == NULL || svcr_test_phrase_set_new(specs, sizeof specs / sizeof specs[0], &o->set) != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    free(o->matches);
    svcr_phrase_set_free(o->set);
    free(o);
}

static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL;
    for (size_t i = 0; i < svcr_phrase_set_count(o->set); i++) {
        svcr_phrase_spec spec = {.size = sizeof spec};
        assert_int_equal(svcr_phrase_set_phrase(o->set, i, &spec), SVCR_OK);
        test_text_append(&text, "%s(%zu) ", spec.phrase, spec.suggestion_count);
    }
    test_text_append(&text, "%p %zu", (void *)o->matches, o->count);
    return text;
}

static svcr_status check(void *data)
{
    objects *o = data;
    return svcr_test_phrase_check(o->set, draft, sizeof draft - 1, &o->matches, &o->count);
}

/* The set still checks: the same draft gives all five matches. */
static svcr_status check_use(void *data)
{
    objects *o = data;
    svcr_status s = check(data);
    return s == SVCR_OK && o->count != 5 ? SVCR_ESTATE : s;
}

static const test_call phrase_check = {setup, check, snapshot, check_use, teardown};

static void a_set_survives_a_failed_check(void **state)
{
    (void)state;
    /* Checking writes into the caller's structs: it allocates nothing, so nothing can fail. */
    assert_int_equal(test_alloc_exhaust_call(&phrase_check), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_from_specs_exhausted),
        cmocka_unit_test(a_set_survives_a_failed_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
