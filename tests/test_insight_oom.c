/* Allocation failure in the insight calls the module tests do not yet exhaust (adding records in
 * bulk), and in every allocating call on accumulators that already exist: each allocation fails in
 * turn, the call must return SVCR_ENOMEM, leave the accumulators exactly as they were (JSON and
 * CSV byte for byte) and usable (they still add, merge and encode), and nothing may leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"
#include "support/read_all.h"

enum { FIRST = 30, SECOND = 12 };

/* Record @p n (deterministic): causes, customers and states vary with n; @p customer is its buffer. */
static svcr_insight_record record(unsigned n, char customer[16])
{
    static const char *const states[] = {"identify", "fix", "follow_up", "closed"};
    static const char *const causes[] = {"late", "damaged", "billing", "rude", "lost"};
    snprintf(customer, 16, "K-%u", n % 11);
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = states[n % 4];
    r.opened_at = 1000 + n;
    r.first_response_seconds = n % 3 ? (int64_t)(60 * n) : -1;
    r.resolution_seconds = n % 2 ? (int64_t)(3600 * n) : -1;
    r.follow_up = (svcr_insight_follow_up)(n % 3);
    r.closed = n % 4 == 3;
    r.customer = customer;
    r.root_cause = causes[n % 5];
    r.severity = (svcr_insight_severity)(n % 3);
    r.has_satisfaction = n % 2;
    r.satisfaction = (int32_t)(n % 7);
    return r;
}

static svcr_status add_records(svcr_insight *insight, unsigned from, unsigned count)
{
    for (unsigned n = from; n < from + count; n++) {
        char customer[16];
        svcr_insight_record r = record(n, customer);
        svcr_status s = svcr_insight_add(insight, &r);
        if (s != SVCR_OK)
            return s;
    }
    return SVCR_OK;
}

/* Many records in one call, in three accumulators merged into a fourth, then encoded. */
static svcr_status add_many_and_merge(void *state)
{
    (void)state;
    svcr_insight_record records[20];
    const svcr_insight_record *list[20];
    char customers[20][16];
    for (unsigned i = 0; i < 20; i++) {
        records[i] = record(i, customers[i]);
        list[i] = &records[i];
    }
    svcr_insight *parts[3] = {NULL, NULL, NULL}, *all = NULL;
    char *json = NULL;
    svcr_status s = svcr_insight_new(NULL, &all);
    for (unsigned i = 0; i < 3 && s == SVCR_OK; i++) {
        s = svcr_insight_new(NULL, &parts[i]);
        if (s == SVCR_OK)
            s = svcr_insight_add_many(parts[i], list + 5 * i, 5 + 5 * (i == 2), NULL);
        if (s == SVCR_OK)
            s = svcr_insight_merge(all, parts[i]);
    }
    if (s == SVCR_OK)
        s = svcr_insight_encode(all, &json);
    svcr_free(json);
    for (unsigned i = 0; i < 3; i++)
        svcr_insight_free(parts[i]);
    svcr_insight_free(all);
    return s;
}

static void add_many_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(add_many_and_merge, NULL) > 10);
}

typedef struct objects {
    svcr_insight *insight; /* FIRST records, an owner */
    svcr_insight *other;   /* SECOND different records */
    svcr_workflow *five_step;
    svcr_calendar *always;
    svcr_timer_config *config;
    svcr_case *c; /* five-step, fixed, root cause "warehouse", compensation */
    char *text;
    svcr_insight_cause *causes;
    size_t count;
} objects;

/* Four more states and three more causes fill those key tables' first 8 entries: the next new key
 * grows them. */
static svcr_status fill_key_tables(svcr_insight *insight)
{
    static const char *const states[] = {"s4", "s5", "s6", "s7"};
    static const char *const causes[] = {"c5", "c6", "c7", "c7"};
    for (int i = 0; i < 4; i++) {
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.state = states[i];
        r.root_cause = causes[i];
        svcr_status s = svcr_insight_add(insight, &r);
        if (s != SVCR_OK)
            return s;
    }
    return SVCR_OK;
}

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o == NULL || svcr_insight_new(NULL, &o->insight) != SVCR_OK || svcr_insight_new(NULL, &o->other) != SVCR_OK ||
        add_records(o->insight, 0, FIRST) != SVCR_OK || fill_key_tables(o->insight) != SVCR_OK ||
        add_records(o->other, 1000, SECOND) != SVCR_OK ||
        svcr_insight_set_owner(o->insight, "late", "logistics") != SVCR_OK)
        return NULL;
    if (svcr_workflow_builtin("five-step", &o->five_step) != SVCR_OK || svcr_calendar_new_24x7(&o->always) != SVCR_OK ||
        svcr_timer_config_new(o->five_step, &o->config) != SVCR_OK ||
        svcr_timer_config_bind_calendar(o->config, "business", o->always) != SVCR_OK ||
        svcr_case_new(o->five_step, "C-new-customer", 5000, &o->c) != SVCR_OK ||
        svcr_case_set_fact_string(o->c, "expectation", "Delivery on Friday") != SVCR_OK ||
        svcr_case_apply(o->c, "identified", "agent", 5060, NULL) != SVCR_OK ||
        svcr_case_apply(o->c, "apologized", "agent", 5120, NULL) != SVCR_OK ||
        svcr_case_set_fact_string(o->c, "root_cause", "warehouse") != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_insight_free(o->insight);
    svcr_insight_free(o->other);
    svcr_case_free(o->c);
    svcr_timer_config_free(o->config);
    svcr_calendar_free(o->always);
    svcr_workflow_free(o->five_step);
    svcr_free(o->text);
    free(o->causes);
    free(o);
}

static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL, *owned = NULL;
    assert_int_equal(svcr_insight_encode(o->insight, &owned), SVCR_OK);
    test_text_take(&text, owned);
    assert_int_equal(svcr_insight_causes_csv(o->insight, &owned), SVCR_OK);
    test_text_take(&text, owned);
    assert_int_equal(svcr_insight_encode(o->other, &owned), SVCR_OK);
    test_text_take(&text, owned);
    test_text_append(&text, "%p %p %zu", (void *)o->text, (void *)o->causes, o->count);
    return text;
}

/* The accumulators still add, merge and encode. */
static svcr_status still_usable(objects *o)
{
    char *json = NULL;
    svcr_status s = add_records(o->insight, 500, 3);
    if (s == SVCR_OK)
        s = svcr_insight_merge(o->insight, o->other);
    if (s == SVCR_OK)
        s = svcr_insight_encode(o->insight, &json);
    svcr_free(json);
    return s;
}

#define INSIGHT_CALL(name, expression) TEST_CALL(name, still_usable, expression)

/* A record with a new state, customer and cause: each is a new key. */
static svcr_status add_new_keys(svcr_insight *insight)
{
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = "escalated";
    r.opened_at = 9000;
    r.customer = "K-brand-new";
    r.root_cause = "a cause never seen";
    r.severity = SVCR_INSIGHT_SEVERITY_MAJOR;
    return svcr_insight_add(insight, &r);
}

static svcr_status add_many_new_key(svcr_insight *insight)
{
    char customer[16];
    svcr_insight_record r = record(777, customer);
    r.root_cause = "one more new cause";
    const svcr_insight_record *list[] = {&r};
    return svcr_insight_add_many(insight, list, 1, NULL);
}

INSIGHT_CALL(insight_add, add_new_keys(o->insight))
INSIGHT_CALL(insight_add_many, add_many_new_key(o->insight))
INSIGHT_CALL(insight_add_case, svcr_insight_add_case(o->insight, o->c, NULL, 0))
INSIGHT_CALL(insight_add_case_at, svcr_insight_add_case(o->insight, o->c, o->config, 9000))
/* An owner's name longer than the owner table's storage holds: it needs a new block. */
static const char *long_owner(void)
{
    static char name[70000];
    if (name[0] == '\0') {
        memset(name, 'o', sizeof name - 1);
        name[sizeof name - 1] = '\0';
    }
    return name;
}

INSIGHT_CALL(insight_set_owner, svcr_insight_set_owner(o->insight, "billing", long_owner()))
INSIGHT_CALL(insight_merge, svcr_insight_merge(o->insight, o->other))
INSIGHT_CALL(insight_encode, (svcr_free(o->text), o->text = NULL, svcr_insight_encode(o->insight, &o->text)))
/* The same with jansson's own allocations failing in turn (test_alloc_fail_json()). */
static svcr_status encode_json_failing(objects *o)
{
    svcr_free(o->text);
    o->text = NULL;
    test_alloc_fail_json(1);
    svcr_status s = svcr_insight_encode(o->insight, &o->text);
    test_alloc_fail_json(0);
    return s;
}
INSIGHT_CALL(insight_encode_json_failing, encode_json_failing(o))
INSIGHT_CALL(insight_pareto_csv, (svcr_free(o->text), o->text = NULL, svcr_insight_pareto_csv(o->insight, &o->text)))
INSIGHT_CALL(insight_causes_csv, (svcr_free(o->text), o->text = NULL, svcr_insight_causes_csv(o->insight, &o->text)))
INSIGHT_CALL(insight_pareto, (svcr_free(o->causes), o->causes = NULL, o->count = 0,
                              svcr_test_insight_pareto(o->insight, &o->causes, &o->count)))

static void accumulators_survive_failed_calls(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&insight_add) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_add_many) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_add_case) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_add_case_at) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_set_owner) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_merge) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_encode) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_encode_json_failing) > 10);
    assert_true(test_alloc_exhaust_call(&insight_pareto_csv) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_causes_csv) >= 1);
    assert_true(test_alloc_exhaust_call(&insight_pareto) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_many_exhausted),
        cmocka_unit_test(accumulators_survive_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
