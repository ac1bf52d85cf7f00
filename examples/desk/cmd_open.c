/* svcr-desk open ID --expectation TEXT [--customer ID] [--tier TIER] [--severity 1-5]
 *                   [--price AMOUNT] [--workflow NAME] [--at TIME]
 *
 * Opens a recovery case for an unmet expectation. Recording the expectation is the first stage
 * of recovery (identify), so when the workflow's first step needs nothing more the desk takes it
 * at once and the case waits at the apology. */
#include "desk.h"

/* Take the initial state's only way out if its guard is now satisfied. */
static int identify(desk_case *dc, int64_t at)
{
    const char *events[2];
    size_t count = 0;
    if (svcr_case_allowed_events(dc->c, DESK_DEFAULT_ROLE, events, 2, &count) != SVCR_OK)
        return desk_library_error("open");
    if (count != 1 || svcr_case_check(dc->c, events[0], DESK_DEFAULT_ROLE, at) != SVCR_OK)
        return DESK_OK;
    if (svcr_case_apply(dc->c, events[0], DESK_DEFAULT_ROLE, at, NULL) != SVCR_OK)
        return desk_library_error("open");
    return DESK_OK;
}

int desk_open_case(desk *d, const desk_open_args *args, desk_case *out)
{
    bool exists;
    int rc = desk_db_exists(d, args->id, &exists);
    if (rc != DESK_OK)
        return rc;
    if (exists)
        return desk_bad_input("open: case \"%s\" already exists", args->id);
    const svcr_workflow *wf;
    desk_case dc = {0};
    rc = desk_workflow(d, args->workflow ? args->workflow : DESK_DEFAULT_WORKFLOW, &wf, &dc.timers);
    if (rc != DESK_OK)
        return rc;
    if (svcr_case_new(wf, args->id, args->at, &dc.c) != SVCR_OK)
        return desk_library_error("open");
    if (svcr_case_set_fact_string(dc.c, "expectation", args->expectation) != SVCR_OK)
        rc = desk_library_error("open: --expectation");
    if (rc == DESK_OK && args->customer != NULL)
        rc = desk_case_set_customer(&dc, args->customer);
    if (rc == DESK_OK && args->tier != NULL)
        rc = desk_case_set_tier(&dc, args->tier);
    if (rc == DESK_OK && args->severity != NULL)
        rc = desk_case_set_severity(&dc, args->severity);
    if (rc == DESK_OK && args->price != NULL)
        rc = desk_case_set_price(&dc, args->price);
    if (rc == DESK_OK)
        rc = identify(&dc, args->at);
    if (rc == DESK_OK)
        rc = desk_case_save(d, &dc);
    if (rc == DESK_OK)
        *out = dc;
    else
        desk_case_clear(&dc);
    return rc;
}

int desk_cmd_open(desk *d, int argc, char **argv)
{
    desk_open_args args = {.at = d->now};
    const char *at = NULL;
    for (int i = 0; i < argc; i++) {
        int m;
        if ((m = desk_option(argc, argv, &i, "--expectation", &args.expectation)) ||
            (m = desk_option(argc, argv, &i, "--customer", &args.customer)) ||
            (m = desk_option(argc, argv, &i, "--tier", &args.tier)) ||
            (m = desk_option(argc, argv, &i, "--severity", &args.severity)) ||
            (m = desk_option(argc, argv, &i, "--price", &args.price)) ||
            (m = desk_option(argc, argv, &i, "--workflow", &args.workflow)) ||
            (m = desk_option(argc, argv, &i, "--at", &at))) {
            if (m < 0)
                return DESK_BAD_INPUT;
        } else if (desk_is_option(argv[i]) || args.id != NULL) {
            return desk_bad_input("open: unexpected argument \"%s\"", argv[i]);
        } else {
            args.id = argv[i];
        }
    }
    if (args.id == NULL || args.expectation == NULL)
        return desk_bad_input("open: usage: open ID --expectation TEXT [--customer ID] "
                              "[--tier TIER] [--severity 1-5] [--price AMOUNT] [--at TIME]");
    int rc;
    if (at != NULL && (rc = desk_parse_time(at, "--at", &args.at)) != DESK_OK)
        return rc;
    desk_case dc;
    if ((rc = desk_open_case(d, &args, &dc)) != DESK_OK)
        return rc;
    if (d->json) {
        desk_print_json(d, desk_case_view_json(&dc, args.at, false));
    } else {
        desk_printf(d, "opened ");
        desk_case_print(d, &dc, args.at, false);
    }
    desk_case_clear(&dc);
    return DESK_OK;
}
