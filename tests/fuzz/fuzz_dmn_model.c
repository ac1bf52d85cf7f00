/* libFuzzer target: standard DMN models (svcr_dmn_model_parse; built only with the dmn feature,
 * libxml2). A model that loads is evaluated with no inputs, and its result must encode; every
 * decision has a value, and an error only where the value is null. The library never prints: a
 * libxml2 message reaching the generic error handler is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void printed(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xmlSetGenericErrorFunc(NULL, printed);
    svcr_dmn_model *model = NULL;
    if (svcr_dmn_model_parse((const char *)data, size, &model) != SVCR_OK)
        return 0;
    svcr_dmn_result *result = NULL;
    if (svcr_dmn_model_evaluate(model, "{}", 2, &result) == SVCR_OK) {
        if (svcr_dmn_result_count(result) != svcr_dmn_model_decision_count(model))
            abort();
        for (size_t i = 0; i < svcr_dmn_result_count(result); i++)
            if (svcr_dmn_result_error(result, i) != NULL && strcmp(svcr_dmn_result_value_json(result, i), "null") != 0)
                abort();
        char *json = NULL;
        if (svcr_dmn_result_encode(result, &json) != SVCR_OK)
            abort();
        svcr_free(json);
    }
    svcr_dmn_result_free(result);
    svcr_dmn_model_free(model);
    return 0;
}
