/* Survey responses: reading one JSON line, telling a detractor (open a solicited case), and
 * counting the never-failed respondents as the recovery paradox's baseline. */
#include <svcrecover/insight.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"
#include "base/utf8.h"

#include <string.h>

#define FAIL(source, pointer, ...) svcr__json_fail((source), (pointer), SVCR_EPARSE, __VA_ARGS__)

static svcr_status read_scale(const svcr__json_source *source, const json_t *root, int32_t *low, int32_t *high)
{
    const json_t *scale = json_object_get(root, "scale");
    if (scale == NULL)
        return FAIL(source, "", "missing member \"scale\"");
    if (json_is_integer(scale) && json_integer_value(scale) >= 2 && json_integer_value(scale) <= 1000) {
        *low = 1;
        *high = (int32_t)json_integer_value(scale);
        return SVCR_OK;
    }
    const json_t *a = json_array_get(scale, 0), *b = json_array_get(scale, 1);
    if (json_is_array(scale) && json_array_size(scale) == 2 && json_is_integer(a) && json_is_integer(b) &&
        json_integer_value(a) >= -1000 && json_integer_value(b) <= 1000 && json_integer_value(a) < json_integer_value(b)) {
        *low = (int32_t)json_integer_value(a);
        *high = (int32_t)json_integer_value(b);
        return SVCR_OK;
    }
    return FAIL(source, "/scale", "must be [lowest, highest] (e.g. [1, 5]) or a number N for 1 to N, within "
                "-1000 to 1000");
}

static svcr_status read_response(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const allowed[] = {"customer", "score", "scale", "at", "comment", "had_problem", NULL};
    svcr_survey_response **out = context;
    const char *customer, *comment;
    bool had_problem;
    int32_t low = 0, high = 0;
    svcr_status st;
    if ((st = svcr__json_expect_object(source, root, "", allowed)) != SVCR_OK ||
        (st = svcr__json_string(source, root, "", "customer", SVCR__JSON_REQUIRED | SVCR__JSON_NONEMPTY,
                                &customer)) != SVCR_OK ||
        (st = svcr__json_string(source, root, "", "comment", 0, &comment)) != SVCR_OK ||
        (st = read_scale(source, root, &low, &high)) != SVCR_OK)
        return st;
    const json_t *problem = json_object_get(root, "had_problem");
    if (problem == NULL)
        return FAIL(source, "", "missing member \"had_problem\"");
    if ((st = svcr__json_bool(source, root, "", "had_problem", false, &had_problem)) != SVCR_OK)
        return st;
    const json_t *score = json_object_get(root, "score");
    if (score == NULL)
        return FAIL(source, "", "missing member \"score\"");
    if (!json_is_integer(score) || json_integer_value(score) < low || json_integer_value(score) > high)
        return FAIL(source, "/score", "must be an integer within the scale %d-%d", (int)low, (int)high);
    const json_t *at = json_object_get(root, "at");
    int64_t when;
    if (at == NULL)
        return FAIL(source, "", "missing member \"at\"");
    if (json_is_integer(at) && json_integer_value(at) >= SVCR_TIME_MIN && json_integer_value(at) <= SVCR_TIME_MAX)
        when = json_integer_value(at);
    else if (!json_is_string(at) || svcr_time_parse(json_string_value(at), &when) != SVCR_OK)
        return FAIL(source, "/at", "must be a time: ISO 8601 text such as \"2026-11-23T09:00:00Z\" or seconds");
    size_t customer_size = strlen(customer) + 1, comment_size = comment ? strlen(comment) + 1 : 0;
    svcr_survey_response *r = svcr__malloc(sizeof *r + customer_size + comment_size);
    if (r == NULL)
        return svcr__fail_nomem("reading a survey response");
    char *text = (char *)(r + 1);
    memcpy(text, customer, customer_size);
    if (comment)
        memcpy(text + customer_size, comment, comment_size);
    *r = (svcr_survey_response){sizeof *r, text, (int32_t)json_integer_value(score), low, high, when,
                                comment ? text + customer_size : NULL, had_problem};
    *out = r;
    return SVCR_OK;
}

svcr_status svcr_survey_response_parse(const char *json, size_t length, svcr_survey_response **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"survey response", json, length};
    return svcr__json_parse(&source, read_response, out);
}

svcr_status svcr_survey_triage(const svcr_survey_response *response, int32_t threshold, bool *open_solicited_case)
{
    SVCR_REQUIRE_ARG(response);
    SVCR_REQUIRE_ARG(open_solicited_case);
    if (threshold < response->scale_min || threshold > response->scale_max)
        return svcr__fail(SVCR_EINVAL, "%s: threshold %d is outside the response's scale %d-%d", __func__,
                          (int)threshold, (int)response->scale_min, (int)response->scale_max);
    *open_solicited_case = response->score <= threshold;
    return SVCR_OK;
}

svcr_status svcr_insight_add_survey(svcr_insight *insight, const svcr_survey_response *response)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(response);
    return response->had_problem ? SVCR_OK : svcr_insight_add_baseline(insight, response->score);
}
