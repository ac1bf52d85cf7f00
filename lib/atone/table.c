/* Loading tables: the text format and the built-in tables. */
#include "atone/builtin.h"
#include "atone/model.h"
#include "base/error.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

/* Tables keep their names, strings and annotations and write them out (explanations, JSON), so
 * text that is not UTF-8 is refused where it stands instead of being dropped on output. */
static svcr_status check_utf8(const char *what, const char *text, size_t length)
{
    size_t bad = svcr__utf8_invalid_at(text, length);
    if (bad == SIZE_MAX)
        return SVCR_OK;
    int line = 1, column = 1;
    for (size_t i = 0; i < bad; i++) {
        if (text[i] == '\n') {
            line++;
            column = 1;
        } else {
            column += ((unsigned char)text[i] & 0xC0) != 0x80;
        }
    }
    return svcr__fail_at(SVCR_EPARSE, line, column, "%s: line %d, column %d: byte 0x%02X is not valid UTF-8",
                         what, line, column, (unsigned char)text[bad]);
}

static svcr_status parse_text(const char *what, const char *text, size_t length, svcr_table **out)
{
    svcr_status status = check_utf8(what, text, length);
    if (status != SVCR_OK)
        return status;
    atone_draft draft = {what, NULL, 0, 0, NULL, 0};
    status = svcr__atone_read_text(text, length, &draft);
    if (status == SVCR_OK)
        status = svcr__atone_compile(&draft, out);
    if (status == SVCR_OK)
        svcr__atone_keep_source(*out, &draft);
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
