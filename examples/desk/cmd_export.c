/* svcr-desk export: every case as one line of JSON, in id order.
 *
 * Each line is exactly the JSON the case module encoded (state, facts, event log), so the output
 * is both the desk's backup format (svcr-desk import reads it back) and input for any other host
 * of the library, such as the insight example. */
#include "desk.h"

#include <stdio.h>

static int print_row(desk *d, const desk_case_row *row, void *user)
{
    long *count = user;
    if (fputs(row->json, stdout) == EOF || fputc('\n', stdout) == EOF)
        return desk_failure("export: writing the output failed");
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
