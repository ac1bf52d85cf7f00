/* libFuzzer target: the maturity parsers. The input is tried as a criteria model and as answers
 * to the built-in model. A model that parses encodes to JSON that parses back to the same
 * encoding; answers that parse can be scored and encoded. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void model_round_trip(const char *text, size_t size)
{
    svcr_maturity_model *model, *again;
    if (svcr_maturity_model_parse(text, size, &model) != SVCR_OK)
        return;
    char *json, *json_again;
    if (svcr_maturity_model_encode(model, &json) != SVCR_OK)
        abort();
    if (svcr_maturity_model_parse(json, strlen(json), &again) != SVCR_OK ||
        svcr_maturity_model_encode(again, &json_again) != SVCR_OK || strcmp(json, json_again) != 0)
        abort();
    svcr_free(json);
    svcr_free(json_again);
    svcr_maturity_model_free(again);
    svcr_maturity_model_free(model);
}

static void score_answers(const char *text, size_t size)
{
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    char *json;
    if (svcr_maturity_model_builtin(&model) != SVCR_OK)
        abort();
    if (svcr_maturity_answers_parse(model, text, size, &answers) == SVCR_OK) {
        if (svcr_maturity_score(model, answers, &result) != SVCR_OK)
            abort();
        int stage = svcr_maturity_result_stage(result);
        if (stage < 1 || stage > 5 || svcr_maturity_result_encode(result, &json) != SVCR_OK)
            abort();
        svcr_free(json);
        svcr_maturity_result_free(result);
        svcr_maturity_answers_free(answers);
    }
    svcr_maturity_model_free(model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_round_trip((const char *)data, size);
    score_answers((const char *)data, size);
    return 0;
}
