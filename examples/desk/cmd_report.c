/* svcr-desk report: not wired yet. */
#include "desk.h"

int desk_cmd_report(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("report: not available in this build");
}
