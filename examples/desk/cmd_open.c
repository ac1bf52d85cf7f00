/* svcr-desk open ID --expectation TEXT [--customer ID] [--tier TIER] [--severity 1-5]
 *                   [--price AMOUNT] [--workflow NAME|FILE.json] [--at TIME]
 *
 * Opens a recovery case for an unmet expectation. Recording the expectation is the first stage
 * of recovery (identify), so when the workflow's first step is identifying the expectation (it
 * needs that fact and no other) the desk takes it at once and the case waits at the apology; a
 * first step that is anything else waits until someone records it. --workflow takes a built-in
 * workflow's name or a workflow's JSON file (stored in the database: see workflows.c). */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

/* Whether @p event is the step of identifying the expectation: it needs the expectation and
 * nothing else. Only that step happens by opening the case; any other (an apology in the
 * four-step workflow, which needs no fact) is recorded when it happens. */
static bool records_the_expectation(const svcr_workflow *wf, const char *state, const char *event)
{
    svcr_transition_info t = {.size = sizeof t};
    if (svcr_workflow_find_transition(wf, state, event, &t) != SVCR_OK || t.required_fact_count == 0)
        return false;
    for (size_t i = 0; i < t.required_fact_count; i++)
        if (strcmp(t.required_facts[i], "expectation") != 0)
            return false;
    return true;
}

/* Take the initial state's only way out if it is identifying the expectation, now recorded. */
static int identify(desk_case *dc, int64_t at)
{
    const char *events[2];
    size_t count = 0;
    if (svcr_case_allowed_events(dc->c, DESK_DEFAULT_ROLE, events, 2, &count) != SVCR_OK)
        return desk_library_error("open");
    if (count != 1 ||
        !records_the_expectation(svcr_case_workflow(dc->c), svcr_case_state(dc->c), events[0]) ||
        svcr_case_check(dc->c, events[0], DESK_DEFAULT_ROLE, at) != SVCR_OK)
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
    char *from_file = NULL; /* the name of a workflow given as a file, now stored */
    const char *workflow = args->workflow ? args->workflow : DESK_DEFAULT_WORKFLOW;
    if (desk_workflow_is_file(workflow) &&
        (rc = desk_workflow_store_file(d, workflow, &from_file)) != DESK_OK)
        return rc;
    rc = desk_workflow(d, from_file != NULL ? from_file : workflow, &wf, &dc.timers);
    free(from_file);
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
        } else if (desk_check_text(argv[i], "open: case id") != DESK_OK) {
            return DESK_BAD_INPUT;
        } else {
            args.id = argv[i];
        }
    }
    if (args.id == NULL || args.expectation == NULL)
        return desk_bad_input("open: usage: open ID --expectation TEXT [--customer ID] "
                              "[--tier TIER] [--severity 1-5] [--price AMOUNT] "
                              "[--workflow NAME|FILE.json] [--at TIME]");
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
