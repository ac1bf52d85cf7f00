/* svcr-desk offer ID [--table FILE]: not wired yet. */
#include "desk.h"

int desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out)
{
    (void)d;
    (void)dc;
    (void)table_file;
    (void)out;
    return desk_bad_input("offer: not available in this build");
}

int desk_cmd_offer(desk *d, int argc, char **argv)
{
    (void)d;
    (void)argc;
    (void)argv;
    return desk_bad_input("offer: not available in this build");
}
