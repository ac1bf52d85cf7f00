/* How a case looks to the user: as JSON (--json) and as text. Shared by show, open, apply and
 * the demo. */
#include "desk.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *fact_json(const svcr_case *c, const svcr_fact_info *fact)
{
    switch (fact->type) {
    case SVCR_FACT_INTEGER: {
        int64_t v;
        return svcr_case_get_fact_integer(c, fact->name, &v) == SVCR_OK ? json_integer(v) : NULL;
    }
    case SVCR_FACT_BOOLEAN: {
        bool v;
        return svcr_case_get_fact_boolean(c, fact->name, &v) == SVCR_OK ? json_boolean(v) : NULL;
    }
    case SVCR_FACT_MONEY: {
        svcr_money m;
        if (svcr_case_get_fact_money(c, fact->name, &m) != SVCR_OK)
            return NULL;
        return desk_money_json(m);
    }
    default: {
        const char *v;
        return svcr_case_get_fact_string(c, fact->name, &v) == SVCR_OK ? json_string(v) : NULL;
    }
    }
}

/* Text of a fact's value for the text view; money as "12.50 EUR". A new string (the whole
 * value, however long) the caller frees; NULL when out of memory. */
static char *fact_text(const svcr_case *c, const svcr_fact_info *fact)
{
    svcr_money m;
    char money[SVCR_MONEY_FORMAT_SIZE];
    if (fact->type == SVCR_FACT_MONEY && svcr_case_get_fact_money(c, fact->name, &m) == SVCR_OK) {
        svcr_money_format(m, money, sizeof money);
        return strdup(money);
    }
    json_t *v = fact_json(c, fact);
    char *text;
    if (json_is_string(v))
        text = strdup(json_string_value(v));
    else if (v != NULL)
        text = json_dumps(v, JSON_ENCODE_ANY);
    else
        text = strdup("-");
    json_decref(v);
    return text;
}

/* The events allowed next, all of them (a workflow may have many): a new array the caller frees,
 * NULL when out of memory. */
static const char **allowed_events(const svcr_case *c, size_t *count)
{
    *count = 0;
    svcr_case_allowed_events(c, NULL, NULL, 0, count);
    const char **events = malloc((*count > 0 ? *count : 1) * sizeof *events);
    size_t again = 0;
    if (events != NULL && svcr_case_allowed_events(c, NULL, events, *count, &again) != SVCR_OK)
        *count = 0;
    return events;
}

json_t *desk_case_view_json(const desk_case *dc, int64_t at, bool full)
{
    const svcr_case *c = dc->c;
    const svcr_workflow *wf = svcr_case_workflow(c);
    char t1[SVCR_TIME_FORMAT_SIZE], t2[SVCR_TIME_FORMAT_SIZE];
    svcr_state_info state = {.size = sizeof state};
    svcr_case_state_info(c, &state);

    json_t *view = json_pack("{ssssssssss}", "id", svcr_case_id(c), "workflow",
                             svcr_workflow_name(wf), "state", state.name, "kind",
                             svcr_state_kind_name(state.kind), "since",
                             desk_time_text(svcr_case_state_since(c), t1));
    if (view == NULL)
        return NULL;
    json_object_set_new(view, "opened_at", json_string(desk_time_text(svcr_case_opened_at(c), t2)));
    json_object_set_new(view, "customer", dc->customer ? json_string(dc->customer) : json_null());
    json_object_set_new(view, "tier", dc->tier ? json_string(dc->tier) : json_null());
    json_object_set_new(view, "severity", dc->severity ? json_integer(dc->severity) : json_null());
    json_object_set_new(view, "price", dc->has_price ? desk_money_json(dc->price) : json_null());
    json_object_set_new(view, "guidance", json_string(state.guidance));

    json_t *facts = json_object();
    for (size_t i = 0; i < svcr_workflow_fact_count(wf); i++) {
        svcr_fact_info fact = {.size = sizeof fact};
        if (svcr_workflow_fact(wf, i, &fact) == SVCR_OK && svcr_case_has_fact(c, fact.name))
            json_object_set_new(facts, fact.name, fact_json(c, &fact));
    }
    json_object_set_new(view, "facts", facts);

    /* What may happen next, and for each event whether it could happen now and why not. */
    json_t *next = json_array();
    size_t count = 0;
    const char **events = allowed_events(c, &count);
    if (events == NULL) {
        json_decref(view);
        json_decref(next);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        svcr_status status = svcr_case_check(c, events[i], DESK_DEFAULT_ROLE, at);
        json_t *e = json_pack("{sssb}", "event", events[i], "ready", status == SVCR_OK);
        if (status != SVCR_OK)
            json_object_set_new(e, "blocked_by", json_string(svcr_error_message()));
        json_array_append_new(next, e);
    }
    free(events);
    json_object_set_new(view, "next", next);

    json_object_set_new(view, "timers", desk_case_timers_json(dc, at));

    if (full) {
        json_t *log = json_array();
        for (size_t i = 0; i < svcr_case_log_count(c); i++) {
            svcr_log_entry e = {.size = sizeof e};
            if (svcr_case_log_entry(c, i, &e) != SVCR_OK)
                continue;
            json_t *entry = json_pack("{sIssssssssssss?}", "sequence", (json_int_t)e.sequence,
                                      "event", e.event, "from", e.from, "to", e.to, "at",
                                      desk_time_text(e.at, t1), "role", e.role, "note", e.note);
            json_array_append_new(log, entry);
        }
        json_object_set_new(view, "log", log);
    }
    return view;
}

/* Print @p text wrapped to @p width columns, continuation lines indented by @p indent. */
static void print_wrapped(const desk *d, const char *text, int indent, int width)
{
    int column = indent;
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + (int)word > width) {
            desk_printf(d, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            desk_printf(d, " ");
            column++;
        }
        desk_printf(d, "%.*s", (int)word, text);
        column += (int)word;
        text += word;
        while (*text == ' ')
            text++;
    }
    desk_printf(d, "\n");
}

void desk_case_print(const desk *d, const desk_case *dc, int64_t at, bool full)
{
    const svcr_case *c = dc->c;
    const svcr_workflow *wf = svcr_case_workflow(c);
    char t[SVCR_TIME_FORMAT_SIZE], buf[SVCR_MONEY_FORMAT_SIZE];
    svcr_state_info state = {.size = sizeof state};
    svcr_case_state_info(c, &state);

    desk_printf(d, "case %s (%s)", svcr_case_id(c), svcr_workflow_name(wf));
    if (dc->customer != NULL)
        desk_printf(d, "  customer %s", dc->customer);
    if (dc->tier != NULL)
        desk_printf(d, ", %s", dc->tier);
    if (dc->severity > 0)
        desk_printf(d, ", severity %d", dc->severity);
    if (dc->has_price) {
        svcr_money_format(dc->price, buf, sizeof buf);
        desk_printf(d, ", paid %s", buf);
    }
    desk_printf(d, "\n  state     %s (%s) since %s\n", state.name, svcr_state_kind_name(state.kind),
                desk_time_text(svcr_case_state_since(c), t));
    if (state.guidance[0] != '\0') {
        desk_printf(d, "  guidance  ");
        print_wrapped(d, state.guidance, 12, 96);
    }
    if (full) {
        for (size_t i = 0, shown = 0; i < svcr_workflow_fact_count(wf); i++) {
            svcr_fact_info fact = {.size = sizeof fact};
            if (svcr_workflow_fact(wf, i, &fact) != SVCR_OK || !svcr_case_has_fact(c, fact.name))
                continue;
            char *text = fact_text(c, &fact);
            desk_printf(d, "  %-9s %s = %s\n", shown++ == 0 ? "facts" : "", fact.name,
                        text != NULL ? text : "(out of memory: not shown)");
            free(text);
        }
    }
    desk_case_print_timers(d, dc, at);

    size_t count = 0;
    const char **events = allowed_events(c, &count);
    if (events == NULL)
        desk_printf(d, "  next      (out of memory: not shown)\n");
    for (size_t i = 0; events != NULL && i < count; i++) {
        svcr_status status = svcr_case_check(c, events[i], DESK_DEFAULT_ROLE, at);
        desk_printf(d, "  %-9s %-14s %s\n", i == 0 ? "next" : "", events[i],
                    status == SVCR_OK ? "ready" : svcr_error_message());
    }
    free(events);
    if (full) {
        for (size_t i = 0; i < svcr_case_log_count(c); i++) {
            svcr_log_entry e = {.size = sizeof e};
            if (svcr_case_log_entry(c, i, &e) != SVCR_OK)
                continue;
            desk_printf(d, "  %-9s %2" PRIu64 "  %s  %-14s %s -> %s (%s)%s%s\n", i == 0 ? "log" : "",
                        e.sequence, desk_time_text(e.at, t), e.event, e.from, e.to, e.role,
                        e.note != NULL ? ": " : "", e.note != NULL ? e.note : "");
        }
    }
}
