/* Private: the built-in workflow definitions, embedded from the JSON files in lib/workflow/builtin/
 * at build time (lib/base/embed.py); the default ("five-step") first. */
#ifndef SVCR_WORKFLOW_BUILTIN_H
#define SVCR_WORKFLOW_BUILTIN_H

#include "base/embedded.h"

extern const svcr__embedded svcr__workflow_builtins[];
extern const size_t svcr__workflow_builtins_count;

#endif
