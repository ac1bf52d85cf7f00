/* Loading the built-in workflow templates by name. */
#include "workflow/builtin.h"
#include "workflow/internal.h"

const char *svcr_workflow_builtin_name(size_t index)
{
    return index < svcr__workflow_builtins_count ? svcr__workflow_builtins[index].name : NULL;
}

svcr_status svcr_workflow_builtin(const char *name, svcr_workflow **out)
{
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(out);
    const svcr__embedded *b = svcr__embedded_find(svcr__workflow_builtins, svcr__workflow_builtins_count, name);
    if (b != NULL)
        return svcr_workflow_parse(b->text, b->length, out);
    char names[128];
    svcr__embedded_names(svcr__workflow_builtins, svcr__workflow_builtins_count, names, sizeof names);
    return svcr__fail(SVCR_ENOTFOUND, "no built-in workflow \"%s\" (built-ins: %s)", name, names);
}
