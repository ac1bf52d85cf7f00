/* Private: the compiled form of spending limits, read by the case module's checks. */
#ifndef SVCR_WORKFLOW_LIMITS_H
#define SVCR_WORKFLOW_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include <svcrecover/workflow.h>

#include "base/json_read.h"
#include "workflow/internal.h"

/* A limited money fact: per role of the workflow the most it may commit on its own. */
typedef struct svcr__limit_rule {
    uint16_t fact;
    char currency[4];
    int64_t *limit; /* [role]; SVCR__UNLIMITED: no limit */
    bool *commits;  /* [event]: the event commits the fact ("events"); NULL: the events requiring it */
} svcr__limit_rule;

/* Whether transition @p t commits the fact of @p rule. */
bool svcr__limit_applies(const svcr__limit_rule *rule, const svcr__wf_transition *t);

#define SVCR__UNLIMITED INT64_MAX

struct svcr_limits {
    const svcr_workflow *wf;
    size_t count;
    svcr__limit_rule *rules;
};

/* Build limits for @p wf from the array @p array at @p pointer of @p source. */
svcr_status svcr__limits_build(const svcr__json_source *source, const svcr_workflow *wf, const json_t *array,
                               const char *pointer, svcr_limits **out);

/* The limits as the JSON array a workflow's "limits" holds (a new reference; NULL when out of memory). */
json_t *svcr__limits_encode(const svcr_limits *limits);

/* The rule for fact slot @p fact, or NULL. */
const svcr__limit_rule *svcr__limits_rule(const svcr_limits *limits, uint32_t fact);

/* The role (index) with the smallest limit covering @p amount, or -1. */
long svcr__limits_lowest(const svcr_limits *limits, const svcr__limit_rule *rule, int64_t amount);

/* "25.00 EUR", or "unlimited". */
void svcr__limits_format(const svcr__limit_rule *rule, int64_t amount, char buf[SVCR_MONEY_FORMAT_SIZE]);

/* Read "12.50 EUR" into @p out; false when it is not money text. */
bool svcr__money_from_text(const char *text, svcr_money *out);

#endif
