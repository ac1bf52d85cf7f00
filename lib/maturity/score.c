/* Staged, cumulative scoring of answers, and the result: stage, tallies, gaps, missing answers. */
#include "maturity/model.h"

#include "base/alloc.h"
#include "base/error.h"
#include "base/sized.h"

enum { SCORED_STAGES = SVCR__LAST_STAGE - SVCR__FIRST_SCORED_STAGE + 1 };

struct svcr_maturity_result {
    const svcr_maturity_model *model;
    svcr_maturity_stage stage;
    svcr_maturity_stage_score stages[SCORED_STAGES];
    svcr_maturity_gap *gaps;
    size_t gap_count;
    size_t *missing; /* criterion indices */
    size_t missing_count;
};

void svcr_maturity_result_free(svcr_maturity_result *result)
{
    if (result == NULL)
        return;
    svcr__free(result->gaps);
    svcr__free(result->missing);
    svcr__free(result);
}

/* Count met, unmet and missing answers per stage; find the stage reached. */
static void tally(const svcr_maturity_answers *answers, svcr_maturity_result *result)
{
    const svcr_maturity_model *model = answers->model;
    for (int s = 0; s < SCORED_STAGES; s++)
        result->stages[s] = (svcr_maturity_stage_score){.size = sizeof(svcr_maturity_stage_score),
                                                       .stage = (svcr_maturity_stage)(SVCR__FIRST_SCORED_STAGE + s)};
    for (size_t i = 0; i < model->count; i++) {
        const svcr__answer *answer = &answers->answers[i];
        svcr_maturity_stage_score *score = &result->stages[model->criteria[i].stage - SVCR__FIRST_SCORED_STAGE];
        score->total++;
        if (!answer->given)
            score->missing++;
        else if (svcr__criterion_met(&model->criteria[i], answer->value))
            score->met++;
        else
            score->unmet++;
    }
    result->stage = SVCR_MATURITY_MORIBUND;
    for (int s = 0; s < SCORED_STAGES; s++) {
        svcr_maturity_stage_score *score = &result->stages[s];
        score->share = (double)score->met / (double)score->total;
        if (result->stage == score->stage - 1 && score->met == score->total)
            result->stage = score->stage;
    }
}

svcr_status svcr_maturity_score(const svcr_maturity_model *model, const svcr_maturity_answers *answers,
                                svcr_maturity_result **out)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(out);
    if (answers->model != model)
        return svcr__fail(SVCR_EINVAL, "%s: the answers were made for another criteria model", __func__);

    svcr_maturity_result *result = svcr__calloc(1, sizeof *result);
    if (result == NULL)
        return svcr__fail_nomem("scoring maturity");
    result->model = model;
    tally(answers, result);

    int next = (int)result->stage + 1;
    size_t gap_capacity = next <= SVCR__LAST_STAGE ? result->stages[next - SVCR__FIRST_SCORED_STAGE].unmet : 0;
    size_t missing_capacity = 0;
    for (int s = 0; s < SCORED_STAGES; s++)
        missing_capacity += result->stages[s].missing;
    result->gaps = svcr__calloc(gap_capacity, sizeof *result->gaps);
    result->missing = svcr__calloc(missing_capacity, sizeof *result->missing);
    if (result->gaps == NULL || result->missing == NULL) {
        svcr_maturity_result_free(result);
        return svcr__fail_nomem("scoring maturity");
    }

    for (size_t i = 0; i < model->count; i++) {
        const svcr__criterion *c = &model->criteria[i];
        const svcr__answer *answer = &answers->answers[i];
        if (!answer->given) {
            result->missing[result->missing_count++] = i;
        } else if (c->stage == next && !svcr__criterion_met(c, answer->value)) {
            double needed = c->kind == SVCR_MATURITY_BOOLEAN ? 1 : c->threshold;
            result->gaps[result->gap_count++] =
                (svcr_maturity_gap){sizeof(svcr_maturity_gap), c->id, (svcr_maturity_stage)c->stage, c->kind,
                                    answer->value, needed, c->direction};
        }
    }
    *out = result;
    return SVCR_OK;
}

svcr_maturity_stage svcr_maturity_result_stage(const svcr_maturity_result *result)
{
    return result ? result->stage : (svcr_maturity_stage)0;
}

svcr_status svcr_maturity_result_stage_score(const svcr_maturity_result *result, svcr_maturity_stage stage,
                                             svcr_maturity_stage_score *out)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_SIZED_ARG(out);
    if ((int)stage < SVCR__FIRST_SCORED_STAGE || (int)stage > SVCR__LAST_STAGE)
        return svcr__fail(SVCR_EINVAL, "%s: stage %d has no criteria (stages 2 to 5 do)", __func__, (int)stage);
    svcr_maturity_stage_score full = result->stages[stage - SVCR__FIRST_SCORED_STAGE];
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

size_t svcr_maturity_result_gap_count(const svcr_maturity_result *result)
{
    return result ? result->gap_count : 0;
}

svcr_status svcr_maturity_result_gap(const svcr_maturity_result *result, size_t index, svcr_maturity_gap *out)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_SIZED_ARG(out);
    if (index >= result->gap_count)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (%zu gaps)", __func__, index,
                          result->gap_count);
    svcr_maturity_gap full = result->gaps[index];
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

size_t svcr_maturity_result_missing_count(const svcr_maturity_result *result)
{
    return result ? result->missing_count : 0;
}

const char *svcr_maturity_result_missing(const svcr_maturity_result *result, size_t index)
{
    if (result == NULL || index >= result->missing_count)
        return NULL;
    return result->model->criteria[result->missing[index]].id;
}

static json_t *gap_value(const svcr_maturity_gap *gap, double value)
{
    return gap->kind == SVCR_MATURITY_BOOLEAN ? json_boolean(value != 0) : json_real(value);
}

static json_t *encode_result(const svcr_maturity_result *result)
{
    json_t *stages = json_array();
    json_t *gaps = json_array();
    json_t *missing = json_array();
    json_t *root = json_pack("{sisssososo}", "stage", result->stage, "stage_name",
                             svcr_maturity_stage_name(result->stage), "stages", stages, "gaps", gaps, "missing",
                             missing);
    if (root == NULL)
        return NULL;
    int failed = 0;
    for (int s = 0; s < SCORED_STAGES; s++) {
        const svcr_maturity_stage_score *score = &result->stages[s];
        failed |= json_array_append_new(
            stages, json_pack("{sisssIsIsIsIsf}", "stage", score->stage, "name", svcr_maturity_stage_name(score->stage),
                              "total", (json_int_t)score->total, "met", (json_int_t)score->met, "unmet",
                              (json_int_t)score->unmet, "missing", (json_int_t)score->missing, "share",
                              score->share));
    }
    for (size_t i = 0; i < result->gap_count; i++) {
        const svcr_maturity_gap *gap = &result->gaps[i];
        failed |= json_array_append_new(gaps, json_pack("{sssoso}", "id", gap->id, "given", gap_value(gap, gap->given),
                                                        "needed", gap_value(gap, gap->needed)));
    }
    for (size_t i = 0; i < result->missing_count; i++)
        failed |= json_array_append_new(missing, json_string(svcr_maturity_result_missing(result, i)));
    if (failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}

svcr_status svcr_maturity_result_encode(const svcr_maturity_result *result, char **json)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_ARG(json);
    return svcr__maturity_dump(encode_result(result), "encoding a maturity result", json);
}
