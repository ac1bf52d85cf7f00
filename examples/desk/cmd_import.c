/* svcr-desk import [FILE] [--workflow FILE.json]...: add or replace cases from JSON lines (the
 * format export writes). --workflow stores a workflow given as a file first (see workflows.c), for
 * cases exported from a desk that had it.
 *
 * Messages name the file, the line and the column in that line. A line is one JSON object of
 * UTF-8 text: a line holding a NUL byte is refused, not cut short.
 *
 * The whole import is one transaction: every line is decoded and validated by the library
 * (its history replayed against the workflow) before anything is committed, so a bad line, an
 * interrupted run or a killed process leaves the database as it was. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int import_stream(desk *d, FILE *in, const char *name, long *count)
{
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    long number = 0;
    int rc = DESK_OK;
    while (rc == DESK_OK && (length = getline(&line, &capacity, in)) >= 0) {
        number++;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
            line[--length] = '\0';
        if (length == 0)
            continue;
        desk_case dc;
        rc = desk_case_import_line(d, line, (size_t)length, name, number, &dc);
        if (rc == DESK_OK) {
            rc = desk_case_save(d, &dc);
            desk_case_clear(&dc);
        }
        if (rc == DESK_OK && ++*count % 100 == 0)
            desk_progress(d, "import", *count, 0);
    }
    if (rc == DESK_OK && ferror(in))
        rc = desk_failure("import: reading %s failed", name);
    free(line);
    desk_progress_done(d);
    return rc;
}

int desk_cmd_import(desk *d, int argc, char **argv)
{
    const char *name = NULL;
    int rc = DESK_OK;
    for (int i = 0; i < argc && rc == DESK_OK; i++) {
        const char *workflow;
        int m = desk_option(argc, argv, &i, "--workflow", &workflow);
        char *stored = NULL;
        if (m < 0)
            rc = DESK_BAD_INPUT;
        else if (m > 0)
            rc = desk_workflow_store_file(d, workflow, &stored);
        else if (name != NULL || desk_is_option(argv[i]))
            rc = desk_bad_input("import: usage: import [FILE] [--workflow FILE.json]...");
        else
            name = argv[i];
        free(stored);
    }
    if (rc != DESK_OK)
        return rc;
    FILE *in = stdin;
    if (name == NULL || strcmp(name, "-") == 0) {
        name = "stdin";
    } else if ((in = fopen(name, "r")) == NULL) {
        return desk_bad_input("import: cannot open %s", name);
    }
    long count = 0;
    rc = import_stream(d, in, name, &count);
    if (in != stdin)
        fclose(in);
    if (rc == DESK_OK) /* every case stored (a store may batch them) before saying so */
        rc = desk_db_flush(d);
    if (rc != DESK_OK)
        return rc;
    if (d->json)
        desk_print_json(d, json_pack("{sI}", "imported", (json_int_t)count));
    else
        desk_printf(d, "imported %ld case%s\n", count, count == 1 ? "" : "s");
    return DESK_OK;
}
