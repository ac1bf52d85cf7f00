/* Allocation failure in standard DMN models and FEEL: each allocation of a parse, an evaluation
 * and an encoding fails in turn; the call must return SVCR_ENOMEM, leave the model usable, and
 * nothing may leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"

static char model_xml[1 << 16];
static size_t model_length;
static const char inputs[] = "{\"Flight distance\": 5000, \"Intra-Community\": false, \"Arrival delay\": \"PT4H\", "
                             "\"Extraordinary circumstances\": false, \"Rerouted within limit\": true}";

static svcr_status parse_and_evaluate(void *state)
{
    (void)state;
    svcr_dmn_model *model = NULL;
    svcr_dmn_result *result = NULL;
    char *json = NULL;
    svcr_status s = svcr_dmn_model_parse(model_xml, model_length, &model);
    if (s == SVCR_OK)
        s = svcr_dmn_model_evaluate(model, inputs, sizeof inputs - 1, &result);
    if (s == SVCR_OK)
        s = svcr_dmn_result_encode(result, &json);
    if (s == SVCR_OK && strstr(json, "\"Compensation\": 300") == NULL)
        s = SVCR_ESTATE;
    svcr_free(json);
    svcr_dmn_result_free(result);
    svcr_dmn_model_free(model);
    return s;
}

static svcr_status feel_expressions(void *state)
{
    (void)state;
    static const char *const expressions[] = {
        "{a: [1, 2.5], b: a[item > 1], c: string(date(\"2024-01-31\") + duration(\"P1M\"))}",
        "substring(upper case(\"hello\"), 2) + string(sum([1, 2]) / 3)",
        "date and time(\"2024-03-01T10:00:00Z\") - date and time(\"2024-02-28T09:30:00Z\")",
        "x * 2 in [1..100]",
    };
    for (size_t i = 0; i < sizeof expressions / sizeof expressions[0]; i++) {
        char *json = NULL;
        svcr_status s = svcr_feel_evaluate(expressions[i], "{\"x\": 21.5, \"y\": [\"a\", {\"b\": null}]}", &json);
        svcr_free(json);
        if (s != SVCR_OK)
            return s;
    }
    return SVCR_OK;
}

static void model_exhausted(void **state)
{
    (void)state;
    if (!svcr_dmn_available())
        skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/dmn/eu261-compensation.dmn", SVCR_TEST_DATA_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    model_length = fread(model_xml, 1, sizeof model_xml, f);
    fclose(f);
    assert_true(test_alloc_exhaust(parse_and_evaluate, NULL) >= 10);
}

static void feel_exhausted(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(feel_expressions, NULL) >= 5); /* the arena allocates in 16 KiB blocks */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_exhausted),
        cmocka_unit_test(feel_exhausted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
