/* Criteria models: loading and validating from JSON, the built-in model, reading, encoding. */
#include "maturity/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"
#include "base/sized.h"

enum { ID_MAX_LENGTH = 64, POINTER_SIZE = SVCR__POINTER_SIZE };

static const char *const stage_names[] = {"Moribund", "Reactive", "Active Listening", "Solicitous",
                                          "Infused"};

const char *svcr_maturity_stage_name(svcr_maturity_stage stage)
{
    if ((int)stage < SVCR_MATURITY_MORIBUND || (int)stage > SVCR__LAST_STAGE)
        return NULL;
    return stage_names[stage - 1];
}

size_t svcr__maturity_lookup(const svcr_maturity_model *model, const char *id)
{
    size_t i = 0;
    while (i < model->count && strcmp(model->criteria[i].id, id) != 0)
        i++;
    return i;
}

bool svcr__criterion_met(const svcr__criterion *criterion, double value)
{
    if (criterion->kind == SVCR_MATURITY_BOOLEAN)
        return value != 0;
    if (criterion->direction == SVCR_MATURITY_AT_MOST)
        return value <= criterion->threshold;
    return value >= criterion->threshold;
}

static void free_criteria(svcr__criterion *criteria, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        svcr__free(criteria[i].id);
        svcr__free(criteria[i].question);
        svcr__free(criteria[i].source);
    }
    svcr__free(criteria);
}

void svcr_maturity_model_free(svcr_maturity_model *model)
{
    if (model == NULL)
        return;
    free_criteria(model->criteria, model->count);
    svcr__free(model);
}

static bool valid_id(const char *id)
{
    size_t length = strlen(id);
    if (length == 0 || length > ID_MAX_LENGTH)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* Read one criterion object at /criteria/<index> into *out (whose strings the caller frees). */
static svcr_status read_criterion(const svcr__json_source *source, json_t *item, size_t index,
                                  svcr__criterion *out)
{
    static const char *const known[] = {"id",        "stage",    "kind",   "threshold",
                                        "direction", "question", "source", NULL};
    char at[POINTER_SIZE];
    svcr__json_pointer_index(at, "/criteria", index);
    if (!json_is_object(item))
        return svcr__json_fail(source, at, SVCR_EPARSE, "a criterion must be an object");
    svcr_status status = svcr__json_check_members(source, item, at, known);
    if (status != SVCR_OK)
        return status;

    char member[POINTER_SIZE];

    json_t *id = svcr__json_member(item, at, "id", member);
    if (!json_is_string(id))
        return svcr__json_fail(source, id ? member : at, SVCR_EPARSE, "\"id\" must be a string");
    if (!valid_id(json_string_value(id)))
        return svcr__json_fail(source, member, SVCR_EPARSE,
                               "id \"%s\" must be 1 to %d characters of a-z, 0-9 and _",
                               json_string_value(id), ID_MAX_LENGTH);

    json_t *stage = svcr__json_member(item, at, "stage", member);
    if (!json_is_integer(stage) || json_integer_value(stage) < SVCR__FIRST_SCORED_STAGE ||
        json_integer_value(stage) > SVCR__LAST_STAGE)
        return svcr__json_fail(source, stage ? member : at, SVCR_EPARSE,
                               "criterion \"%s\": \"stage\" must be an integer from 2 to 5",
                               json_string_value(id));
    out->stage = (int)json_integer_value(stage);

    json_t *kind = svcr__json_member(item, at, "kind", member);
    const char *kind_text = json_string_value(kind);
    if (kind_text != NULL && strcmp(kind_text, "bool") == 0)
        out->kind = SVCR_MATURITY_BOOLEAN;
    else if (kind_text != NULL && strcmp(kind_text, "number") == 0)
        out->kind = SVCR_MATURITY_NUMBER;
    else
        return svcr__json_fail(source, kind ? member : at, SVCR_EPARSE,
                               "criterion \"%s\": \"kind\" must be \"bool\" or \"number\"",
                               json_string_value(id));

    json_t *threshold = json_object_get(item, "threshold");
    json_t *direction = json_object_get(item, "direction");
    out->threshold = 0;
    out->direction = SVCR_MATURITY_AT_LEAST;
    if (out->kind == SVCR_MATURITY_BOOLEAN) {
        if (threshold != NULL || direction != NULL) {
            svcr__json_pointer_member(member, at, threshold ? "threshold" : "direction");
            return svcr__json_fail(source, member, SVCR_EPARSE,
                                   "criterion \"%s\" is yes/no: it takes no threshold or direction",
                                   json_string_value(id));
        }
    } else {
        svcr__json_pointer_member(member, at, "threshold");
        if (!json_is_number(threshold))
            return svcr__json_fail(source, threshold ? member : at, SVCR_EPARSE,
                                   "criterion \"%s\": a number criterion needs a numeric \"threshold\"",
                                   json_string_value(id));
        out->threshold = json_number_value(threshold);
        svcr__json_pointer_member(member, at, "direction");
        const char *direction_text = json_string_value(direction);
        if (direction_text != NULL && strcmp(direction_text, "at_least") == 0)
            out->direction = SVCR_MATURITY_AT_LEAST;
        else if (direction_text != NULL && strcmp(direction_text, "at_most") == 0)
            out->direction = SVCR_MATURITY_AT_MOST;
        else
            return svcr__json_fail(source, direction ? member : at, SVCR_EPARSE,
                                   "criterion \"%s\": \"direction\" must be \"at_least\" or \"at_most\"",
                                   json_string_value(id));
    }

    json_t *question = svcr__json_member(item, at, "question", member);
    if (!json_is_string(question) || json_string_length(question) == 0)
        return svcr__json_fail(source, question ? member : at, SVCR_EPARSE,
                               "criterion \"%s\": \"question\" must be a non-empty string",
                               json_string_value(id));

    json_t *origin = svcr__json_member(item, at, "source", member);
    if (origin != NULL && !json_is_string(origin))
        return svcr__json_fail(source, member, SVCR_EPARSE, "criterion \"%s\": \"source\" must be a string",
                               json_string_value(id));

    out->id = svcr__strdup(json_string_value(id));
    out->question = svcr__strdup(json_string_value(question));
    out->source = svcr__strdup(origin ? json_string_value(origin) : "");
    if (out->id == NULL || out->question == NULL || out->source == NULL)
        return svcr__fail_nomem("loading a maturity criteria model");
    return SVCR_OK;
}

/* Model-wide rules: unique ids and at least one criterion per stage. */
static svcr_status check_model(const svcr__json_source *source, const svcr__criterion *criteria, size_t count)
{
    char at[POINTER_SIZE];
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(criteria[i].id, criteria[j].id) == 0) {
                snprintf(at, sizeof at, "/criteria/%zu/id", i);
                return svcr__json_fail(source, at, SVCR_EPARSE, "duplicate criterion id \"%s\"",
                                       criteria[i].id);
            }
        }
    }
    for (int stage = SVCR__FIRST_SCORED_STAGE; stage <= SVCR__LAST_STAGE; stage++) {
        size_t i = 0;
        while (i < count && criteria[i].stage != stage)
            i++;
        if (i == count)
            return svcr__json_fail(source, "/criteria", SVCR_EPARSE, "stage %d (%s) has no criteria", stage,
                                   svcr_maturity_stage_name(stage));
    }
    return SVCR_OK;
}

static svcr_status read_model(const svcr__json_source *source, json_t *root, void *out_model)
{
    static const char *const members[] = {"criteria", NULL};
    svcr_maturity_model **out = out_model;
    json_t *list = json_object_get(root, "criteria");
    svcr__criterion *criteria = NULL;
    size_t count = 0;
    if (!json_is_object(root))
        return svcr__json_fail(source, "", SVCR_EPARSE, "a criteria model must be an object");
    svcr_status status = svcr__json_check_members(source, root, "", members);
    if (status != SVCR_OK)
        return status;
    if (!json_is_array(list))
        return svcr__json_fail(source, list ? "/criteria" : "", SVCR_EPARSE,
                               "a criteria model needs a \"criteria\" array");

    criteria = svcr__calloc(json_array_size(list), sizeof *criteria);
    if (criteria == NULL) {
        status = svcr__fail_nomem("loading a maturity criteria model");
        goto done;
    }
    for (count = 0; count < json_array_size(list); count++) {
        status = read_criterion(source, json_array_get(list, count), count, &criteria[count]);
        if (status != SVCR_OK) {
            count++; /* free what the failed criterion already holds */
            goto done;
        }
    }
    status = check_model(source, criteria, count);
    if (status != SVCR_OK)
        goto done;

    svcr_maturity_model *model = svcr__malloc(sizeof *model);
    if (model == NULL) {
        status = svcr__fail_nomem("loading a maturity criteria model");
        goto done;
    }
    model->criteria = criteria;
    model->count = count;
    criteria = NULL;
    count = 0;
    *out = model;

done:
    free_criteria(criteria, count);
    return status;
}

svcr_status svcr_maturity_model_parse(const char *json, size_t len, svcr_maturity_model **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"criteria model JSON", json, len};
    return svcr__json_parse(&source, read_model, out);
}

svcr_status svcr_maturity_model_builtin(svcr_maturity_model **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"built-in criteria model", svcr__maturity_builtins[0].text,
                                svcr__maturity_builtins[0].length};
    return svcr__json_parse(&source, read_model, out);
}

size_t svcr_maturity_model_count(const svcr_maturity_model *model)
{
    return model ? model->count : 0;
}

svcr_status svcr_maturity_model_criterion(const svcr_maturity_model *model, size_t index,
                                          svcr_maturity_criterion *out)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_SIZED_ARG(out);
    if (index >= model->count)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (the model has %zu criteria)", __func__,
                          index, model->count);
    const svcr__criterion *c = &model->criteria[index];
    svcr_maturity_criterion full = {0, c->id, (svcr_maturity_stage)c->stage, c->kind, c->threshold,
                                    c->direction, c->question, c->source};
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_maturity_model_find(const svcr_maturity_model *model, const char *id, size_t *index)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(id);
    SVCR_REQUIRE_ARG(index);
    size_t found = svcr__maturity_lookup(model, id);
    if (found == model->count)
        return svcr__fail(SVCR_ENOTFOUND, "no maturity criterion \"%s\"", id);
    *index = found;
    return SVCR_OK;
}

svcr_status svcr_maturity_model_set_threshold(svcr_maturity_model *model, const char *id, double threshold)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(id);
    size_t index = svcr__maturity_lookup(model, id);
    if (index == model->count)
        return svcr__fail(SVCR_ENOTFOUND, "no maturity criterion \"%s\"", id);
    if (model->criteria[index].kind != SVCR_MATURITY_NUMBER)
        return svcr__fail(SVCR_EINVAL, "criterion \"%s\" is yes/no: it has no threshold", id);
    if (!isfinite(threshold))
        return svcr__fail(SVCR_EINVAL, "criterion \"%s\": the threshold must be finite", id);
    model->criteria[index].threshold = threshold;
    return SVCR_OK;
}

static json_t *encode_criterion(const svcr__criterion *c)
{
    json_t *item = json_object();
    if (item == NULL)
        return NULL;
    int failed = json_object_set_new(item, "id", json_string(c->id));
    failed |= json_object_set_new(item, "stage", json_integer(c->stage));
    failed |= json_object_set_new(item, "kind", json_string(c->kind == SVCR_MATURITY_BOOLEAN ? "bool" : "number"));
    if (c->kind == SVCR_MATURITY_NUMBER) {
        failed |= json_object_set_new(item, "threshold", json_real(c->threshold));
        failed |= json_object_set_new(
            item, "direction", json_string(c->direction == SVCR_MATURITY_AT_MOST ? "at_most" : "at_least"));
    }
    failed |= json_object_set_new(item, "question", json_string(c->question));
    if (failed) {
        json_decref(item);
        return NULL;
    }
    return item;
}

static json_t *encode_model(const svcr_maturity_model *model)
{
    json_t *list = json_array();
    json_t *root = json_pack("{so}", "criteria", list);
    if (root == NULL)
        return NULL;
    for (size_t i = 0; i < model->count; i++) {
        if (json_array_append_new(list, encode_criterion(&model->criteria[i])) != 0) {
            json_decref(root);
            return NULL;
        }
    }
    return root;
}

svcr_status svcr__maturity_dump(json_t *root, const char *what, char **json)
{
    char *text = root ? svcr__json_dump_reals(root, SVCR__JSON_REAL_DIGITS) : NULL;
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem(what);
    *json = text;
    return SVCR_OK;
}

svcr_status svcr_maturity_model_encode(const svcr_maturity_model *model, char **json)
{
    SVCR_REQUIRE_ARG(model);
    SVCR_REQUIRE_ARG(json);
    return svcr__maturity_dump(encode_model(model), "encoding a maturity criteria model", json);
}
