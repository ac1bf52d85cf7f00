/* libFuzzer target: questionnaire answers from JSON, against the built-in criteria model (built
 * once: parsing the model per input made this target forty times slower). Answers that parse
 * score to a stage from 1 to 5 whose result encodes; the gaps and missing criteria are readable.
 * Answers have no encoder, so there is no round trip. */
#include <stdint.h>
#include <stdlib.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static svcr_maturity_model *model;
    if (model == NULL && svcr_maturity_model_builtin(&model) != SVCR_OK)
        abort();
    svcr_maturity_answers *answers;
    if (svcr_maturity_answers_parse(model, (const char *)data, size, &answers) != SVCR_OK)
        return 0;
    svcr_maturity_result *result;
    char *json;
    if (svcr_maturity_score(model, answers, &result) != SVCR_OK)
        abort();
    int stage = svcr_maturity_result_stage(result);
    if (stage < 1 || stage > 5 || svcr_maturity_result_encode(result, &json) != SVCR_OK)
        abort();
    for (size_t i = 0; i < svcr_maturity_result_gap_count(result); i++) {
        svcr_maturity_gap gap = {.size = sizeof gap};
        if (svcr_maturity_result_gap(result, i, &gap) != SVCR_OK || gap.id == NULL)
            abort();
    }
    for (size_t i = 0; i < svcr_maturity_result_missing_count(result); i++)
        if (svcr_maturity_result_missing(result, i) == NULL)
            abort();
    svcr_free(json);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    return 0;
}
