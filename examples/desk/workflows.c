/* Workflows the desk knows: the library's built-ins, and workflows a user gave as a JSON file.
 *
 * `open --workflow FILE.json` (and `import --workflow FILE.json`) stores the file's workflow in the
 * database, in the meta table under "workflow:NAME", as the library's canonical encoding of it.
 * Every later command (apply, show, due, report, export, import) finds a case's workflow by the
 * name recorded in the case, so the file is read once and may be deleted afterwards. A name holds
 * one definition: a file whose workflow has the name of a built-in, or of a stored workflow with
 * a different definition, is refused (rename the workflow in the file). */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

#define STORED_PREFIX "workflow:"

bool desk_workflow_is_file(const char *workflow)
{
    size_t n = strlen(workflow);
    return strchr(workflow, '/') != NULL || (n > 5 && strcmp(workflow + n - 5, ".json") == 0);
}

static bool is_builtin(const char *name)
{
    for (size_t i = 0; svcr_workflow_builtin_name(i) != NULL; i++)
        if (strcmp(svcr_workflow_builtin_name(i), name) == 0)
            return true;
    return false;
}

static int stored_definition(desk *d, const char *name, char **json)
{
    size_t size = strlen(STORED_PREFIX) + strlen(name) + 1;
    char *key = malloc(size);
    if (key == NULL)
        return desk_failure("out of memory");
    snprintf(key, size, "%s%s", STORED_PREFIX, name);
    int rc = desk_db_meta_get(d, key, json);
    free(key);
    return rc;
}

int desk_workflow_definition(desk *d, const char *name, svcr_workflow **out)
{
    if (is_builtin(name))
        return svcr_workflow_builtin(name, out) == SVCR_OK ? DESK_OK : desk_library_error("workflow");
    char *json = NULL;
    int rc = stored_definition(d, name, &json);
    if (rc != DESK_OK)
        return rc;
    if (json == NULL) {
        char names[128] = "";
        for (size_t i = 0; svcr_workflow_builtin_name(i) != NULL; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     svcr_workflow_builtin_name(i));
        return desk_bad_input("workflow \"%s\" is neither built in (%s) nor stored in %s; give its "
                              "file with --workflow FILE.json",
                              name, names, d->db_path);
    }
    if (svcr_workflow_parse(json, strlen(json), out) != SVCR_OK)
        rc = desk_failure("workflow \"%s\" stored in %s does not parse: %s", name, d->db_path,
                          svcr_error_message());
    free(json);
    return rc;
}

int desk_workflow_store_file(desk *d, const char *path, char **name)
{
    char *text;
    size_t length;
    int rc = desk_read_file(path, "--workflow", &text, &length);
    if (rc != DESK_OK)
        return rc;
    svcr_workflow *wf = NULL;
    char *canonical = NULL, *stored = NULL;
    if (svcr_workflow_parse(text, length, &wf) != SVCR_OK)
        rc = desk_bad_input("--workflow %s: %s", path, svcr_error_message());
    free(text);
    if (rc == DESK_OK && svcr_workflow_encode(wf, &canonical) != SVCR_OK)
        rc = desk_library_error("--workflow");
    const char *wf_name = wf != NULL ? svcr_workflow_name(wf) : "";
    if (rc == DESK_OK && is_builtin(wf_name))
        rc = desk_bad_input("--workflow %s: the workflow is called \"%s\", like a built-in one; "
                            "give it another name",
                            path, wf_name);
    if (rc == DESK_OK)
        rc = stored_definition(d, wf_name, &stored);
    if (rc == DESK_OK && stored != NULL && strcmp(stored, canonical) != 0)
        rc = desk_bad_input("--workflow %s: %s already holds a different workflow called \"%s\"; "
                            "give this one another name",
                            path, d->db_path, wf_name);
    if (rc == DESK_OK && stored == NULL) {
        size_t size = strlen(STORED_PREFIX) + strlen(wf_name) + 1;
        char *key = malloc(size);
        if (key == NULL) {
            rc = desk_failure("out of memory");
        } else {
            snprintf(key, size, "%s%s", STORED_PREFIX, wf_name);
            rc = desk_db_meta_set(d, key, canonical);
            free(key);
        }
    }
    if (rc == DESK_OK && (*name = strdup(wf_name)) == NULL)
        rc = desk_failure("out of memory");
    free(stored);
    svcr_free(canonical);
    svcr_workflow_free(wf);
    return rc;
}
