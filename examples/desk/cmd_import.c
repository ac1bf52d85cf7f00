/* svcr-desk import: not wired yet. */
#include "desk.h"

int desk_cmd_import(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("import: not available in this build");
}
