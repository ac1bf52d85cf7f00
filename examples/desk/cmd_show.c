/* svcr-desk show: not wired yet. */
#include "desk.h"

int desk_cmd_show(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("show: not available in this build");
}
