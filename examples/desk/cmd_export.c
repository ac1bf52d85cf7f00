/* svcr-desk export: every case as one line of JSON, in id order:
 *   {"customer":"K-17","tier":"gold","severity":3,"case":{...}}
 * where "case" is exactly the JSON the case module encoded (state, facts, the whole event log),
 * and the other members are what the desk knows about the customer. import reads it back. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>

static int print_row(desk *d, const desk_case_row *row, void *user)
{
    long *count = user;
    char *line;
    int rc = desk_case_export_line(row, &line);
    if (rc != DESK_OK)
        return rc;
    int written = puts(line);
    free(line);
    if (written == EOF) /* stop here; main reports the lost output (exit status 3) */
        return DESK_OUTPUT_FAILED;
    desk_progress(d, "export", ++*count, 0);
    return DESK_OK;
}

int desk_cmd_export(desk *d, int argc, char **argv)
{
    if (argc > 0)
        return desk_bad_input("export: unexpected argument \"%s\"", argv[0]);
    long count = 0;
    int rc = desk_db_each(d, print_row, &count);
    desk_progress_done(d);
    return rc;
}
