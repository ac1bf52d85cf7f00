/* svcr-desk due: not wired yet. */
#include "desk.h"

int desk_cmd_due(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("due: not available in this build");
}
