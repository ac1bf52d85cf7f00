/* Private: the state of loading one workflow definition, shared by the files that build its
 * parts (parse.c: roles, facts, states, transitions; timers.c: timers). */
#ifndef SVCR_WORKFLOW_BUILD_H
#define SVCR_WORKFLOW_BUILD_H

#include "workflow/internal.h"
#include "base/json_read.h"

typedef struct svcr__builder {
    const svcr__json_source *source;
    svcr__arena arena;
    svcr_workflow *wf;
} svcr__builder;

/* Report a definition error at the value @p pointer names. */
#define SVCR__BUILD_FAIL(b, pointer, ...) svcr__json_fail((b)->source, (pointer), SVCR_EPARSE, __VA_ARGS__)

svcr_status svcr__build_nomem(void);

/* A duration member: whole seconds or text such as "14d"; @p fallback when absent. */
svcr_status svcr__build_duration(svcr__builder *b, const json_t *object, const char *pointer, const char *key,
                                 int64_t fallback, int64_t *out);

/* The "timers" member, then one timer per state with a "due_after". Needs states and events. */
svcr_status svcr__build_timers(svcr__builder *b, const json_t *root);

#endif
