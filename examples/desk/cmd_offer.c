/* svcr-desk offer: not wired yet. */
#include "desk.h"

int desk_cmd_offer(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("offer: not available in this build");
}
