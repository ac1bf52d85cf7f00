/* Allocation failure in the maturity constructors the module tests do not yet exhaust (empty
 * answers, an empty metric map), and in every allocating call on a model, answers or metric map
 * that already exist: each allocation fails in turn, the call must return SVCR_ENOMEM, leave the
 * objects exactly as they were (the model's JSON, what the answers score, what the map fills) and
 * usable, and nothing may leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"

/* Empty answers and a map built by hand, filled from metrics, scored and encoded. */
static svcr_status answers_from_a_new_map(void *state)
{
    (void)state;
    svcr_maturity_model *model = NULL;
    svcr_maturity_answers *answers = NULL;
    svcr_maturity_metric_map *map = NULL;
    svcr_maturity_result *result = NULL;
    char *json = NULL;
    bool filled = false;
    svcr_status s = svcr_maturity_model_builtin(&model);
    if (s == SVCR_OK)
        s = svcr_maturity_answers_new(model, &answers);
    if (s == SVCR_OK)
        s = svcr_maturity_metric_map_new(&map);
    if (s == SVCR_OK)
        s = svcr_maturity_metric_map_set(map, "answered_share", "complaints_answered");
    if (s == SVCR_OK)
        s = svcr_maturity_metric_map_set(map, "answered_share", "complaints_tracked");
    if (s == SVCR_OK)
        s = svcr_maturity_answers_set_metric(answers, map, "answered_share", 0.97, &filled);
    if (s == SVCR_OK)
        s = svcr_maturity_answers_set_boolean(answers, "complaint_channel", true);
    if (s == SVCR_OK)
        s = svcr_maturity_score(model, answers, &result);
    if (s == SVCR_OK)
        s = svcr_maturity_result_encode(result, &json);
    svcr_free(json);
    svcr_maturity_result_free(result);
    svcr_maturity_metric_map_free(map);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return s;
}

static void new_answers_and_map_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(answers_from_a_new_map, NULL) > 5);
}

typedef struct objects {
    svcr_maturity_model *model;
    svcr_maturity_answers *answers; /* complaint_channel yes, complaints_answered 0.9 */
    svcr_maturity_metric_map *map;  /* the built-in map */
    svcr_maturity_result *result;
    char *json;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o == NULL || svcr_maturity_model_builtin(&o->model) != SVCR_OK ||
        svcr_maturity_answers_new(o->model, &o->answers) != SVCR_OK ||
        svcr_maturity_answers_set_boolean(o->answers, "complaint_channel", true) != SVCR_OK ||
        svcr_maturity_answers_set_number(o->answers, "complaints_answered", 0.9) != SVCR_OK ||
        svcr_maturity_metric_map_builtin(&o->map) != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_free(o->json);
    svcr_maturity_result_free(o->result);
    svcr_maturity_metric_map_free(o->map);
    svcr_maturity_answers_free(o->answers);
    svcr_maturity_model_free(o->model);
    free(o);
}

static const char *const metrics[] = {"responded_share", "first_response_within_goal_share", "solicited_share",
                                      "root_cause_share", "owner_mapped_share", "tracked_share"};

/* The model's JSON, what the answers score, and which criteria the map's metrics fill. */
static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL, *json = NULL;
    assert_int_equal(svcr_maturity_model_encode(o->model, &json), SVCR_OK);
    test_text_take(&text, json);
    svcr_maturity_result *result = NULL;
    assert_int_equal(svcr_maturity_score(o->model, o->answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_encode(result, &json), SVCR_OK);
    test_text_take(&text, json);
    svcr_maturity_result_free(result);
    svcr_maturity_answers *probe = NULL;
    assert_int_equal(svcr_maturity_answers_new(o->model, &probe), SVCR_OK);
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++) {
        bool filled = false;
        assert_int_equal(svcr_maturity_answers_set_metric(probe, o->map, metrics[i], 0.5, &filled), SVCR_OK);
        test_text_append(&text, "%s:%d ", metrics[i], (int)filled);
    }
    assert_int_equal(svcr_maturity_score(o->model, probe, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_encode(result, &json), SVCR_OK);
    test_text_take(&text, json);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(probe);
    test_text_append(&text, "%p %p", (void *)o->result, (void *)o->json);
    return text;
}

/* The objects still work together: a metric fills an answer and the answers score. */
static svcr_status still_usable(objects *o)
{
    bool filled = false;
    svcr_maturity_result *result = NULL;
    svcr_status s = svcr_maturity_answers_set_metric(o->answers, o->map, "tracked_share", 0.8, &filled);
    if (s == SVCR_OK)
        s = svcr_maturity_score(o->model, o->answers, &result);
    svcr_maturity_result_free(result);
    return s;
}

#define MATURITY_CALL(name, expression) TEST_CALL(name, still_usable, expression)

MATURITY_CALL(metric_map_set_new, svcr_maturity_metric_map_set(o->map, "tracked_share", "complaints_tracked"))
MATURITY_CALL(metric_map_set_replace, svcr_maturity_metric_map_set(o->map, "solicited_share", "complaints_tracked"))
MATURITY_CALL(maturity_score, (svcr_maturity_result_free(o->result), o->result = NULL,
                               svcr_maturity_score(o->model, o->answers, &o->result)))
MATURITY_CALL(maturity_model_encode, (svcr_free(o->json), o->json = NULL, svcr_maturity_model_encode(o->model, &o->json)))

static void maturity_objects_survive_failed_calls(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&metric_map_set_new) >= 2);
    assert_true(test_alloc_exhaust_call(&metric_map_set_replace) >= 1);
    assert_true(test_alloc_exhaust_call(&maturity_score) >= 3);
    assert_true(test_alloc_exhaust_call(&maturity_model_encode) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_answers_and_map_exhausted),
        cmocka_unit_test(maturity_objects_survive_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
