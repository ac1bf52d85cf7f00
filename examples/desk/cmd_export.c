/* svcr-desk export: not wired yet. */
#include "desk.h"

int desk_cmd_export(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("export: not available in this build");
}
