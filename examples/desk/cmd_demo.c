/* svcr-desk demo: not wired yet. */
#include "desk.h"

int desk_cmd_demo(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("demo: not available in this build");
}
