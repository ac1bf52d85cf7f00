/* svcr-desk show ID [--at TIME]: state, facts, timers, guidance, next events and the log. */
#include "desk.h"

int desk_cmd_show(desk *d, int argc, char **argv)
{
    const char *id = NULL, *at_text = NULL;
    int64_t at = d->now;
    for (int i = 0; i < argc; i++) {
        int m = desk_option(argc, argv, &i, "--at", &at_text);
        if (m < 0)
            return DESK_BAD_INPUT;
        if (m == 0 && (desk_is_option(argv[i]) || id != NULL))
            return desk_bad_input("show: unexpected argument \"%s\"", argv[i]);
        if (m == 0)
            id = argv[i];
    }
    if (id == NULL)
        return desk_bad_input("show: usage: show ID [--at TIME]");
    int rc;
    if (at_text != NULL && (rc = desk_parse_time(at_text, "--at", &at)) != DESK_OK)
        return rc;
    if ((rc = desk_check_time(at, "show: --at")) != DESK_OK)
        return rc;
    desk_case dc;
    if ((rc = desk_case_load(d, id, &dc)) != DESK_OK)
        return rc;
    if (d->json)
        desk_print_json(d, desk_case_view_json(&dc, at, true));
    else
        desk_case_print(d, &dc, at, true);
    desk_case_clear(&dc);
    return DESK_OK;
}
