/* svcr-desk apply: not wired yet. */
#include "desk.h"

int desk_cmd_apply(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("apply: not available in this build");
}
