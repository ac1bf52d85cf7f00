/* Answers to a criteria model: set one by one or read from JSON. */
#include "maturity/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"

static svcr_status make_answers(const svcr_maturity_model *model, svcr_maturity_answers **out)
{
    svcr_maturity_answers *answers = svcr__malloc(sizeof *answers);
    svcr__answer *list = svcr__calloc(model->count, sizeof *list);
    if (answers == NULL || list == NULL) {
        svcr__free(answers);
        svcr__free(list);
        return svcr__fail_nomem("making maturity answers");
    }
    answers->model = model;
    answers->answers = list;
    *out = answers;
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_new(const svcr_maturity_model *model, svcr_maturity_answers **out)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(out);
    return make_answers(model, out);
}

void svcr_maturity_answers_free(svcr_maturity_answers *answers)
{
    if (answers == NULL)
        return;
    svcr__free(answers->answers);
    svcr__free(answers);
}

/* Find criterion @p id and check it takes answers of @p kind. */
static svcr_status find_criterion(const svcr_maturity_answers *answers, const char *id, svcr_maturity_kind kind,
                                  size_t *index)
{
    size_t found = svcr__maturity_lookup(answers->model, id);
    if (found == answers->model->count)
        return svcr__fail(SVCR_ENOTFOUND, "no maturity criterion \"%s\"", id);
    if (answers->model->criteria[found].kind != kind)
        return svcr__fail(SVCR_EINVAL, "criterion \"%s\" takes %s", id,
                          kind == SVCR_MATURITY_BOOLEAN ? "a number, not yes/no" : "yes/no, not a number");
    *index = found;
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_set_boolean(svcr_maturity_answers *answers, const char *id, bool value)
{
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(id);
    size_t index = 0;
    svcr_status status = find_criterion(answers, id, SVCR_MATURITY_BOOLEAN, &index);
    if (status != SVCR_OK)
        return status;
    answers->answers[index] = (svcr__answer){true, value ? 1 : 0};
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_set_number(svcr_maturity_answers *answers, const char *id, double value)
{
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(id);
    if (!isfinite(value))
        return svcr__fail(SVCR_EINVAL, "criterion \"%s\": the answer must be a finite number", id);
    size_t index = 0;
    svcr_status status = find_criterion(answers, id, SVCR_MATURITY_NUMBER, &index);
    if (status != SVCR_OK)
        return status;
    answers->answers[index] = (svcr__answer){true, value};
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_set_ratio(svcr_maturity_answers *answers, const char *id, uint64_t numerator,
                                            uint64_t denominator)
{
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(id);
    if (denominator == 0)
        return svcr__fail(SVCR_EINVAL, "criterion \"%s\": the denominator of a share must not be 0", id);
    /* One correctly rounded division: the result is the double nearest the exact share. */
    return svcr_maturity_answers_set_number(answers, id, (double)numerator / (double)denominator);
}

svcr_status svcr_maturity_answers_unset(svcr_maturity_answers *answers, const char *id)
{
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(id);
    size_t index = svcr__maturity_lookup(answers->model, id);
    if (index == answers->model->count)
        return svcr__fail(SVCR_ENOTFOUND, "no maturity criterion \"%s\"", id);
    answers->answers[index] = (svcr__answer){false, 0};
    return SVCR_OK;
}

/* Fill @p answers from the members of the "answers" object. */
static svcr_status read_answers(const svcr__json_source *source, json_t *object, svcr_maturity_answers *answers)
{
    const svcr_maturity_model *model = answers->model;
    const char *id;
    json_t *value;
    json_object_foreach(object, id, value) {
        /* JSON Pointer escaping is not needed: ids are [a-z0-9_], and an id with '/' or '~' is
         * unknown anyway, located at the enclosing object at worst. */
        char at[SVCR__POINTER_SIZE];
        svcr__json_pointer_member(at, "/answers", id);
        size_t index = svcr__maturity_lookup(model, id);
        if (index == model->count)
            return svcr__json_fail(source, at, SVCR_EPARSE, "no maturity criterion \"%s\"", id);
        const svcr__criterion *criterion = &model->criteria[index];
        if (json_is_null(value))
            continue;
        if (criterion->kind == SVCR_MATURITY_BOOLEAN) {
            if (!json_is_boolean(value))
                return svcr__json_fail(source, at, SVCR_EPARSE, "criterion \"%s\" takes true or false", id);
            answers->answers[index] = (svcr__answer){true, json_is_true(value) ? 1 : 0};
        } else {
            if (!json_is_number(value))
                return svcr__json_fail(source, at, SVCR_EPARSE, "criterion \"%s\" takes a number", id);
            answers->answers[index] = (svcr__answer){true, json_number_value(value)};
        }
    }
    return SVCR_OK;
}

typedef struct parsing {
    const svcr_maturity_model *model;
    svcr_maturity_answers **out;
} parsing;

/* The document: {"answers": {...}} and nothing else. */
static svcr_status read_document(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const members[] = {"answers", NULL};
    const parsing *p = context;
    json_t *object = json_object_get(root, "answers");
    svcr_status status = svcr__json_check_members(source, root, "", members);
    if (status != SVCR_OK)
        return status;
    if (!json_is_object(object))
        return svcr__json_fail(source, object ? "/answers" : "", SVCR_EPARSE,
                               "answers JSON needs an \"answers\" object");
    svcr_maturity_answers *answers = NULL;
    status = make_answers(p->model, &answers);
    if (status == SVCR_OK)
        status = read_answers(source, object, answers);
    if (status != SVCR_OK) {
        svcr_maturity_answers_free(answers);
        return status;
    }
    *p->out = answers;
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_parse(const svcr_maturity_model *model, const char *json, size_t len,
                                        svcr_maturity_answers **out)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"answers JSON", json, len};
    parsing p = {model, out};
    return svcr__json_parse(&source, read_document, &p);
}
