/* svcr-desk open: not wired yet. */
#include "desk.h"

int desk_cmd_open(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("open: not available in this build");
}
