/* One parsed DMN model evaluated by 8 threads at once, as dmn.h promises: each thread's results
 * are the ones a single thread gets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include <svcrecover.h>

static svcr_dmn_model *model;
static const char *const inputs[] = {
    "{\"Flight distance\": 1200, \"Intra-Community\": true, \"Arrival delay\": \"PT3H30M\", "
    "\"Extraordinary circumstances\": false, \"Rerouted within limit\": false}",
    "{\"Flight distance\": 5000, \"Intra-Community\": false, \"Arrival delay\": \"PT4H\", "
    "\"Extraordinary circumstances\": false, \"Rerouted within limit\": true}",
};
static char expected[2][512];

static void *worker(void *arg)
{
    size_t which = (size_t)(uintptr_t)arg % 2;
    for (int i = 0; i < 2000; i++) {
        svcr_dmn_result *r = NULL;
        char *json = NULL;
        if (svcr_dmn_model_evaluate(model, inputs[which], strlen(inputs[which]), &r) != SVCR_OK ||
            svcr_dmn_result_encode(r, &json) != SVCR_OK || strcmp(json, expected[which]) != 0) {
            svcr_free(json);
            svcr_dmn_result_free(r);
            return (void *)1;
        }
        svcr_free(json);
        svcr_dmn_result_free(r);
    }
    return NULL;
}

static void shared_model(void **state)
{
    (void)state;
    if (!svcr_dmn_available())
        skip();
    char path[1024];
    static char xml[1 << 16];
    snprintf(path, sizeof path, "%s/dmn/eu261-compensation.dmn", SVCR_TEST_DATA_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(xml, 1, sizeof xml, f);
    fclose(f);
    assert_int_equal(svcr_dmn_model_parse(xml, n, &model), SVCR_OK);
    for (size_t k = 0; k < 2; k++) {
        svcr_dmn_result *r = NULL;
        char *json = NULL;
        assert_int_equal(svcr_dmn_model_evaluate(model, inputs[k], strlen(inputs[k]), &r), SVCR_OK);
        assert_int_equal(svcr_dmn_result_encode(r, &json), SVCR_OK);
        snprintf(expected[k], sizeof expected[k], "%s", json);
        svcr_free(json);
        svcr_dmn_result_free(r);
    }
    pthread_t threads[8];
    for (size_t t = 0; t < 8; t++)
        assert_int_equal(pthread_create(&threads[t], NULL, worker, (void *)(uintptr_t)t), 0);
    int failed = 0;
    for (size_t t = 0; t < 8; t++) {
        void *result = NULL;
        pthread_join(threads[t], &result);
        failed += result != NULL;
    }
    assert_int_equal(failed, 0);
    svcr_dmn_model_free(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(shared_model)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
