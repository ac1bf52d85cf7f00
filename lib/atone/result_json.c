/* An evaluation's result as JSON: its offers and its trace (format in README, "Evaluating"). */
#include "atone/model.h"
#include "base/error.h"
#include "base/json_util.h"

#include <jansson.h>

static json_t *text_or_null(const char *text)
{
    return text != NULL ? json_string(text) : json_null();
}

static json_t *offer_json(const svcr_table_offer *offer)
{
    json_t *o = json_object();
    if (svcr__json_put(o, "kind", text_or_null(offer->kind)) != 0 ||
        svcr__json_put(o, "amount_minor", json_integer(offer->has_amount ? offer->amount.amount_minor : 0)) != 0 ||
        svcr__json_put(o, "currency", offer->has_amount ? json_string(offer->amount.currency) : json_null()) != 0 ||
        svcr__json_put(o, "approval", text_or_null(offer->approval)) != 0 ||
        svcr__json_put(o, "rule", json_string(offer->rule)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *step_json(const svcr_table_trace_step *step)
{
    json_t *s = json_object();
    int failed = svcr__json_put(s, "table", json_string(step->table)) != 0 ||
                 svcr__json_put(s, "rule", json_string(step->rule)) != 0 ||
                 svcr__json_put(s, "line", json_integer(step->line)) != 0 ||
                 svcr__json_put(s, "matched", json_boolean(step->matched)) != 0;
    if (!failed && !step->matched && step->input != NULL)
        failed = svcr__json_put(s, "input", json_string(step->input)) != 0 ||
                 svcr__json_put(s, "test", json_string(step->test)) != 0;
    if (!failed && step->outcome != NULL)
        failed = svcr__json_put(s, "outcome", json_string(step->outcome)) != 0;
    if (failed) {
        json_decref(s);
        return NULL;
    }
    return s;
}

svcr_status svcr_table_result_json(const svcr_table_result *result, char **json)
{
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_ARG(json);
    json_t *root = json_object(), *offers = json_array(), *trace = json_array();
    int failed = root == NULL || offers == NULL || trace == NULL;
    size_t n = 0;
    const svcr_table_offer *const *list = svcr_table_result_offers(result, &n);
    for (size_t k = 0; k < n && !failed; k++)
        failed = svcr__json_append(offers, offer_json(list[k])) != 0;
    size_t steps = svcr_table_result_trace_count(result);
    for (size_t k = 0; k < steps && !failed; k++)
        failed = svcr__json_append(trace, step_json(svcr_table_result_trace(result, k))) != 0;
    char *text = NULL;
    if (!failed && svcr__json_put(root, "offers", offers) == 0) {
        offers = NULL;
        if (svcr__json_put(root, "trace", trace) == 0) {
            trace = NULL;
            text = svcr__json_dump(root);
        } else {
            trace = NULL; /* released by svcr__json_put */
        }
    } else if (!failed) {
        offers = NULL;
    }
    json_decref(offers);
    json_decref(trace);
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("encoding a result");
    *json = text;
    return SVCR_OK;
}
