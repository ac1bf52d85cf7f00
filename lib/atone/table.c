/* Loading tables: the text format and the built-in tables. */
#include "atone/builtin.h"
#include "atone/model.h"
#include "base/error.h"

#include <stdio.h>
#include <string.h>

static svcr_status parse_text(const char *what, const char *text, size_t length, svcr_table **out)
{
    atone_draft draft = {what, NULL, 0, 0};
    svcr_status status = svcr__atone_read_text(text, length, &draft);
    if (status == SVCR_OK)
        status = svcr__atone_compile(&draft, out);
    svcr__atone_draft_free(&draft);
    return status;
}

svcr_status svcr_table_parse(const char *text, size_t length, svcr_table **out)
{
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(out);
    return parse_text("table text", text, length, out);
}

static const atone_builtin *find_builtin(const char *name)
{
    for (size_t i = 0; i < svcr__atone_builtins_count; i++)
        if (strcmp(svcr__atone_builtins[i].name, name) == 0)
            return &svcr__atone_builtins[i];
    return NULL;
}

static svcr_status no_builtin(const char *name)
{
    char known[200] = "";
    for (size_t i = 0; i < svcr__atone_builtins_count; i++) {
        size_t used = strlen(known);
        snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", svcr__atone_builtins[i].name);
    }
    return svcr__fail(SVCR_ENOTFOUND, "no built-in table \"%s\" (there are: %s)", name, known);
}

svcr_status svcr_table_builtin_text(const char *name, const char **text)
{
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(text);
    const atone_builtin *builtin = find_builtin(name);
    if (builtin == NULL)
        return no_builtin(name);
    *text = builtin->text;
    return SVCR_OK;
}

svcr_status svcr_table_builtin(const char *name, svcr_table **out)
{
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(out);
    const atone_builtin *builtin = find_builtin(name);
    if (builtin == NULL)
        return no_builtin(name);
    return parse_text("built-in table", builtin->text, strlen(builtin->text), out);
}
