/* Private: the built-in workflow definitions, embedded from the JSON files in lib/workflow/builtin/ at
 * build time (see builtin/embed.py). */
#ifndef SVCR_WORKFLOW_BUILTIN_H
#define SVCR_WORKFLOW_BUILTIN_H

#include <stddef.h>

typedef struct svcr__builtin_workflow {
    const char *name;
    const char *json;
    size_t length;
} svcr__builtin_workflow;

/* In order, the default ("five-step") first; ends with an entry whose name is NULL. */
extern const svcr__builtin_workflow svcr__builtin_workflows[];

#endif
