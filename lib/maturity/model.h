/* Private: the layout of criteria models and answers, shared by the files of lib/maturity. */
#ifndef SVCR_MATURITY_MODEL_H
#define SVCR_MATURITY_MODEL_H

#include "base/embedded.h"
#include <jansson.h>
#include <svcrecover/maturity.h>

enum {
    SVCR__FIRST_SCORED_STAGE = SVCR_MATURITY_REACTIVE, /* Moribund has no criteria */
    SVCR__LAST_STAGE = SVCR_MATURITY_INFUSED,
};

typedef struct svcr__criterion {
    char *id;
    char *question;
    char *source; /* "" when the model gives none */
    int stage;
    svcr_maturity_kind kind;
    svcr_maturity_direction direction;
    double threshold;
} svcr__criterion;

struct svcr_maturity_model {
    svcr__criterion *criteria;
    size_t count;
};

/* Each criterion's answer, in model order. */
typedef struct svcr__answer {
    bool given;
    double value; /* yes/no: 1 or 0 */
} svcr__answer;

struct svcr_maturity_answers {
    const svcr_maturity_model *model;
    svcr__answer *answers;
};

/* The index of criterion @p id, or model->count when there is none. */
size_t svcr__maturity_lookup(const svcr_maturity_model *model, const char *id);

/* Does an answer meet its criterion? */
bool svcr__criterion_met(const svcr__criterion *criterion, double value);

/* Dump @p root (NULL when building it failed; its reference is consumed) into *json, or fail
 * with SVCR_ENOMEM naming @p what. */
svcr_status svcr__maturity_dump(json_t *root, const char *what, char **json);

/* The built-in model: one entry, lib/maturity/criteria.json, embedded at build time. */
extern const svcr__embedded svcr__maturity_builtins[];
extern const size_t svcr__maturity_builtins_count;

#endif
