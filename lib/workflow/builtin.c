/* Loading the built-in workflow templates by name. */
#include "workflow/builtin.h"
#include "workflow/internal.h"

#include <stdio.h>
#include <string.h>

const char *svcr_workflow_builtin_name(size_t index)
{
    for (size_t i = 0; svcr__builtin_workflows[i].name != NULL; i++)
        if (i == index)
            return svcr__builtin_workflows[i].name;
    return NULL;
}

svcr_status svcr_workflow_builtin(const char *name, svcr_workflow **out)
{
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(out);
    for (const svcr__builtin_workflow *b = svcr__builtin_workflows; b->name != NULL; b++)
        if (strcmp(b->name, name) == 0)
            return svcr_workflow_parse(b->json, b->length, out);
    char names[128] = "";
    for (const svcr__builtin_workflow *b = svcr__builtin_workflows; b->name != NULL; b++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                 b == svcr__builtin_workflows ? "" : ", ", b->name);
    return svcr__fail(SVCR_ENOTFOUND, "no built-in workflow \"%s\" (built-ins: %s)", name, names);
}
