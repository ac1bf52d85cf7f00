/* The /v1 routes: which function answers a method and path, and whether it writes.
 *
 *   POST /v1/cases                  open a case                 (write)
 *   GET  /v1/cases/{id}             the case, with an ETag
 *   POST /v1/cases/{id}/events      apply an event              (write)
 *   GET  /v1/cases/{id}/offer       the offers and their approval
 *   GET  /v1/due?within=2d          overdue and due-soon timers
 *   GET  /v1/report                 the report
 *   POST /v1/check-reply            the phrase check on a draft reply
 *   POST /v1/intake?map=NAME        a helpdesk's webhook        (write) */
#include "serve.h"

#include <string.h>

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

bool api_route_find(const char *method, const char *const *s, size_t count, api_route *route,
                    api_reply *reply)
{
    bool get = is(method, "GET"), post = is(method, "POST");
    const char *allowed = NULL;
    route->write = false;
    route->run = NULL;
    if (count == 1 && is(s[0], "cases")) {
        allowed = "POST";
        if (post)
            *route = (api_route){api_create_case, true};
    } else if (count == 2 && is(s[0], "cases")) {
        allowed = "GET";
        if (get)
            *route = (api_route){api_get_case, false};
    } else if (count == 3 && is(s[0], "cases") && is(s[2], "events")) {
        allowed = "POST";
        if (post)
            *route = (api_route){api_apply_event, true};
    } else if (count == 3 && is(s[0], "cases") && is(s[2], "offer")) {
        allowed = "GET";
        if (get)
            *route = (api_route){api_offer, false};
    } else if (count == 1 && is(s[0], "due")) {
        allowed = "GET";
        if (get)
            *route = (api_route){api_due, false};
    } else if (count == 1 && is(s[0], "report")) {
        allowed = "GET";
        if (get)
            *route = (api_route){api_report, false};
    } else if (count == 1 && is(s[0], "check-reply")) {
        allowed = "POST";
        if (post)
            *route = (api_route){api_check_reply, false};
    } else if (count == 1 && is(s[0], "intake")) {
        allowed = "POST";
        if (post)
            *route = (api_route){api_intake, true};
    }
    if (route->run != NULL)
        return true;
    if (allowed == NULL)
        api_error(reply, 404, "no such resource");
    else {
        api_error(reply, 405, "use %s here", allowed);
        reply->allow = allowed;
    }
    return false;
}
