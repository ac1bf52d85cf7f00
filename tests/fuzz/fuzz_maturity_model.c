/* libFuzzer target: maturity criteria models from JSON. A model that parses encodes to JSON that
 * parses back to the same encoding, and it scores empty answers (every criterion unanswered)
 * without failing. Answers have their own target (maturity_answers). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_maturity_model *model, *again;
    if (svcr_maturity_model_parse((const char *)data, size, &model) != SVCR_OK)
        return 0;
    char *json, *json_again;
    if (svcr_maturity_model_encode(model, &json) != SVCR_OK)
        abort();
    if (svcr_maturity_model_parse(json, strlen(json), &again) != SVCR_OK ||
        svcr_maturity_model_encode(again, &json_again) != SVCR_OK || strcmp(json, json_again) != 0 ||
        svcr_maturity_model_count(again) != svcr_maturity_model_count(model))
        abort();
    svcr_free(json);
    svcr_free(json_again);
    svcr_maturity_model_free(again);

    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    if (svcr_maturity_answers_new(model, &answers) != SVCR_OK ||
        svcr_maturity_score(model, answers, &result) != SVCR_OK)
        abort();
    int stage = svcr_maturity_result_stage(result);
    if (stage < 1 || stage > 5)
        abort();
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return 0;
}
