/* svcr-desk check_reply: not wired yet. */
#include "desk.h"

int desk_cmd_check_reply(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("check_reply: not available in this build");
}
