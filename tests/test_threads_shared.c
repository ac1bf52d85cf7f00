/* One compiled workflow and one compiled decision table shared by 8 threads: each thread walks
 * its own cases through the workflow and evaluates the table with its own facts and result.
 * Run under ThreadSanitizer in CI (build with -Db_sanitize=thread); it also checks, without
 * sanitizers, that every thread sees the same answers as a single-threaded run. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

enum { THREADS = 8, CASES_PER_THREAD = 200 };

typedef struct shared {
    const svcr_workflow *workflow;
    const svcr_table *table;
} shared;

typedef struct outcome {
    long closed_cases;
    int64_t offered_minor; /* sum of all offers' amounts: equal across threads */
    svcr_status first_error;
    char message[256];
} outcome;

static void record_error(outcome *out, svcr_status status)
{
    if (out->first_error == SVCR_OK) {
        out->first_error = status;
        snprintf(out->message, sizeof out->message, "%s", svcr_error_message());
    }
}

static void walk_one_case(const svcr_workflow *wf, int thread, int n, outcome *out)
{
    char id[32];
    snprintf(id, sizeof id, "T%d-%d", thread, n);
    svcr_case *c = NULL;
    svcr_status status = svcr_case_new(wf, id, 1795424400, &c);
    if (status != SVCR_OK) {
        record_error(out, status);
        return;
    }
    static const struct {
        const char *fact, *value, *event;
    } steps[] = {
        {"expectation", "parcel by Friday", "identified"},
        {NULL, NULL, "apologized"},
        {NULL, NULL, "listened"},
        {"customer_wish", "replacement by courier", "fixed"},
        {"atonement", "voucher", "atoned"},
        {"root_cause", "carrier handover", "satisfied"},
    };
    int64_t at = 1795424400;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && status == SVCR_OK; i++) {
        if (steps[i].fact)
            status = svcr_case_set_fact_string(c, steps[i].fact, steps[i].value);
        if (status == SVCR_OK)
            status = svcr_case_apply(c, steps[i].event, "agent", at += 600, NULL);
    }
    if (status != SVCR_OK)
        record_error(out, status);
    else if (strcmp(svcr_case_state(c), "closed") == 0)
        out->closed_cases++;
    svcr_case_free(c);
}

static void evaluate_table(const svcr_table *table, outcome *out)
{
    static const char *const tiers[] = {"basic", "silver", "gold", "platinum"};
    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    svcr_status status = svcr_table_facts_new(table, &facts);
    if (status == SVCR_OK)
        status = svcr_table_result_new(table, &result);
    for (int severity = 1; severity <= 5 && status == SVCR_OK; severity++)
        for (int tier = 0; tier < 4 && status == SVCR_OK; tier++) {
            svcr_money price = {12000, "EUR"};
            status = svcr_table_facts_set_integer(facts, "severity", severity);
            if (status == SVCR_OK)
                status = svcr_table_facts_set_string(facts, "tier", tiers[tier]);
            if (status == SVCR_OK)
                status = svcr_table_facts_set_money(facts, "price", price);
            if (status == SVCR_OK)
                status = svcr_table_eval(table, facts, 0, result);
            for (size_t i = 0; status == SVCR_OK && i < svcr_table_result_offer_count(result); i++) {
                const svcr_table_offer *offer = svcr_table_result_offer(result, i);
                if (offer->has_amount)
                    out->offered_minor += offer->amount.amount_minor;
            }
        }
    if (status != SVCR_OK)
        record_error(out, status);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
}

typedef struct job {
    const shared *shared;
    int thread;
    outcome out;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (int n = 0; n < CASES_PER_THREAD; n++) {
        walk_one_case(j->shared->workflow, j->thread, n, &j->out);
        if (n % 20 == 0)
            evaluate_table(j->shared->table, &j->out);
    }
    return NULL;
}

static void eight_threads_share_one_workflow_and_one_table(void **state)
{
    (void)state;
    svcr_workflow *wf = NULL;
    svcr_table *table = NULL;
    assert_int_equal(svcr_workflow_builtin("five-step", &wf), SVCR_OK);
    assert_int_equal(svcr_table_builtin("severity-value", &table), SVCR_OK);
    shared s = {wf, table};

    job reference = {&s, 0, {0, 0, SVCR_OK, ""}};
    run_job(&reference);
    assert_int_equal(reference.out.first_error, SVCR_OK);
    assert_int_equal(reference.out.closed_cases, CASES_PER_THREAD);
    assert_true(reference.out.offered_minor > 0);

    job jobs[THREADS];
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (job){&s, t + 1, {0, 0, SVCR_OK, ""}};
        assert_int_equal(pthread_create(&threads[t], NULL, run_job, &jobs[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    for (int t = 0; t < THREADS; t++) {
        if (jobs[t].out.first_error != SVCR_OK)
            fail_msg("thread %d: %s: %s", t, svcr_status_name(jobs[t].out.first_error), jobs[t].out.message);
        assert_int_equal(jobs[t].out.closed_cases, reference.out.closed_cases);
        assert_int_equal(jobs[t].out.offered_minor, reference.out.offered_minor);
    }
    svcr_table_free(table);
    svcr_workflow_free(wf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eight_threads_share_one_workflow_and_one_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
