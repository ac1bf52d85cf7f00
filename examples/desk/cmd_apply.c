/* svcr-desk apply ID EVENT [--fact NAME=VALUE]... [--role ROLE] [--note TEXT] [--at TIME]
 *
 * Records an event on a case after setting the given facts. The library checks the state, the
 * role, the guard facts and the time; if it refuses, nothing is stored (exit 2). */
#include "desk.h"

#include <stdlib.h>

int desk_apply_event(desk *d, const desk_apply_args *args, desk_case *out)
{
    desk_case dc;
    int rc = desk_case_load(d, args->id, &dc);
    if (rc != DESK_OK)
        return rc;
    for (size_t i = 0; i < args->fact_count && rc == DESK_OK; i++)
        rc = desk_case_set_fact(&dc, args->facts[i]);
    if (rc == DESK_OK && args->severity != NULL)
        rc = desk_case_set_severity(&dc, args->severity);
    if (rc == DESK_OK && args->price != NULL)
        rc = desk_case_set_price(&dc, args->price);
    const char *role = args->role != NULL ? args->role : DESK_DEFAULT_ROLE;
    if (rc == DESK_OK && svcr_case_apply(dc.c, args->event, role, args->at, args->note) != SVCR_OK)
        rc = desk_library_error("apply");
    if (rc == DESK_OK)
        rc = desk_case_save(d, &dc);
    if (rc == DESK_OK)
        *out = dc;
    else
        desk_case_clear(&dc);
    return rc;
}

int desk_cmd_apply(desk *d, int argc, char **argv)
{
    desk_apply_args args = {.at = d->now};
    const char *at = NULL, *positional[2] = {NULL, NULL};
    size_t positionals = 0;
    const char **facts = calloc((size_t)argc + 1, sizeof *facts);
    if (facts == NULL)
        return desk_failure("out of memory");
    args.facts = facts;
    int rc = DESK_OK;
    for (int i = 0; i < argc && rc == DESK_OK; i++) {
        const char *fact;
        int m;
        if ((m = desk_option(argc, argv, &i, "--fact", &fact)) > 0) {
            facts[args.fact_count++] = fact;
        } else if (m < 0 ||
                   (m = desk_option(argc, argv, &i, "--role", &args.role)) ||
                   (m = desk_option(argc, argv, &i, "--note", &args.note)) ||
                   (m = desk_option(argc, argv, &i, "--severity", &args.severity)) ||
                   (m = desk_option(argc, argv, &i, "--price", &args.price)) ||
                   (m = desk_option(argc, argv, &i, "--at", &at))) {
            if (m < 0)
                rc = DESK_BAD_INPUT;
        } else if (desk_is_option(argv[i]) || positionals == 2) {
            rc = desk_bad_input("apply: unexpected argument \"%s\"", argv[i]);
        } else {
            positional[positionals] = argv[i];
            rc = desk_check_text(argv[i], positionals == 0 ? "apply: case id" : "apply: event");
            positionals++;
        }
    }
    args.id = positional[0];
    args.event = positional[1];
    if (rc == DESK_OK && positionals != 2)
        rc = desk_bad_input("apply: usage: apply ID EVENT [--fact NAME=VALUE]... [--role ROLE] "
                            "[--note TEXT] [--at TIME]");
    if (rc == DESK_OK && at != NULL)
        rc = desk_parse_time(at, "--at", &args.at);
    desk_case dc;
    if (rc == DESK_OK)
        rc = desk_apply_event(d, &args, &dc);
    free(facts);
    if (rc != DESK_OK)
        return rc;
    if (d->json) {
        desk_print_json(d, desk_case_view_json(&dc, args.at, false));
    } else {
        desk_printf(d, "%s: ", args.event);
        desk_case_print(d, &dc, args.at, false);
    }
    desk_case_clear(&dc);
    return DESK_OK;
}
