/* Bad inputs of workflow.h and case.h. Rows of docs/bad-inputs.md (tests/bad_inputs_table.py);
 * see bad_inputs.h. The snapshot is the workflow's and both cases' JSON plus the timers the
 * configuration gives, so a refused call must change none of them. */
#include "bad_inputs/bad_inputs.h"
#include "case_fixture.h"

#include <inttypes.h>

typedef struct fixture {
    svcr_workflow *desk;
    svcr_workflow *five_step;
    svcr_calendar *always;
    svcr_timer_config *config;
    svcr_timer_config *five_config;
    svcr_case *c;      /* "C-1": desk, working, summary and severity set */
    svcr_case *closed; /* "C-2": desk, closed at T0 + 1 hour */
    svcr_case *fresh;  /* "C-3": desk, just opened, no facts */
    /* out-parameters the rows pass: they must stay untouched */
    svcr_workflow *wf_out;
    svcr_case *case_out;
    svcr_timer_config *config_out;
    char *json_out;
    const char *text_out;
    int64_t integer_out;
    bool boolean_out;
    svcr_money money_out;
    size_t count_out;
    const char *events[4];
    svcr_state_info state_info;
    svcr_fact_info fact_info;
    svcr_transition_info transition_info;
    svcr_timer_info timer_info;
    svcr_log_entry log_entry;
    svcr_timer_status timer_status;
    svcr_workflow *night;  /* desk with its response timer counting in "night" */
    svcr_case *night_case; /* a case of night */
} fixture;

static void append_case(char **text, const svcr_case *c)
{
    char *json = NULL;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    bad_append_owned(text, json);
}

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL, *json = NULL;
    assert_int_equal(svcr_workflow_encode(f->desk, &json), SVCR_OK);
    bad_append_owned(&text, json);
    append_case(&text, f->c);
    append_case(&text, f->closed);
    append_case(&text, f->fresh);
    static const char *const timers[] = {"response", "resolution", "handling"};
    for (int i = 0; i < 3; i++) {
        svcr_timer_status status = {.size = sizeof status};
        assert_int_equal(svcr_case_timer(f->c, f->config, timers[i], T0 + 2 * HOUR, &status), SVCR_OK);
        bad_append(&text, "%s %d %" PRId64 " %" PRId64 "\n", status.name, (int)status.state, status.target,
                   status.elapsed);
    }
    bad_append(&text, "outputs %p %p %p %p %p %" PRId64 " %d %" PRId64 " %zu %p %zu %zu %zu %zu %zu %zu",
               (void *)f->wf_out, (void *)f->case_out, (void *)f->config_out, (void *)f->json_out,
               (const void *)f->text_out, f->integer_out, f->boolean_out, f->money_out.amount_minor, f->count_out,
               (const void *)f->events[0], f->state_info.index, f->fact_info.index, f->transition_info.index,
               f->timer_info.index, (size_t)f->log_entry.sequence, (size_t)f->timer_status.elapsed);
    return text;
}

/* The desk workflow with its response timer counting in "night", a calendar nothing stands in for
 * (an unbound "business" is the default office hours), or NULL. */
static svcr_workflow *fixture_night_desk(void)
{
    size_t length = 0;
    char *desk = fixture_read("workflow_desk.json", &length);
    if (desk == NULL)
        return NULL;
    const char *night = fixture_variant(desk, "\"calendar\": \"business\"", "\"calendar\": \"night\"");
    free(desk);
    svcr_workflow *wf = NULL;
    return svcr_workflow_parse(night, strlen(night), &wf) == SVCR_OK ? wf : NULL;
}

static int setup(void **state)
{
    static fixture f;
    if ((f.desk = fixture_desk()) == NULL || svcr_workflow_builtin("five-step", &f.five_step) != SVCR_OK ||
        svcr_calendar_new_24x7(&f.always) != SVCR_OK || svcr_timer_config_new(f.desk, &f.config) != SVCR_OK ||
        svcr_timer_config_new(f.five_step, &f.five_config) != SVCR_OK ||
        svcr_timer_config_bind_calendar(f.config, "business", f.always) != SVCR_OK ||
        svcr_timer_config_set_target(f.config, "handling", 2 * HOUR) != SVCR_OK)
        return -1;
    svcr_money eur = {500, "EUR"};
    if (svcr_case_new(f.desk, "C-1", T0, &f.c) != SVCR_OK || svcr_case_set_fact_string(f.c, "summary", "Late") != SVCR_OK ||
        svcr_case_apply(f.c, "start", "agent", T0 + MINUTE, NULL) != SVCR_OK ||
        svcr_case_set_fact_integer(f.c, "severity", 2) != SVCR_OK ||
        svcr_case_set_fact_money(f.c, "refund", eur) != SVCR_OK)
        return -1;
    if (svcr_case_new(f.desk, "C-2", T0, &f.closed) != SVCR_OK ||
        svcr_case_set_fact_string(f.closed, "summary", "Broken") != SVCR_OK ||
        svcr_case_set_fact_integer(f.closed, "severity", 1) != SVCR_OK ||
        svcr_case_apply(f.closed, "start", "agent", T0 + MINUTE, NULL) != SVCR_OK ||
        svcr_case_apply(f.closed, "solve", "agent", T0 + 30 * MINUTE, NULL) != SVCR_OK ||
        svcr_case_apply(f.closed, "close", "agent", T0 + HOUR, NULL) != SVCR_OK)
        return -1;
    if (svcr_case_new(f.desk, "C-3", T0, &f.fresh) != SVCR_OK || (f.night = fixture_night_desk()) == NULL ||
        svcr_case_new(f.night, "N-1", T0, &f.night_case) != SVCR_OK)
        return -1;
    f.state_info.size = sizeof f.state_info;
    f.fact_info.size = sizeof f.fact_info;
    f.transition_info.size = sizeof f.transition_info;
    f.timer_info.size = sizeof f.timer_info;
    f.log_entry.size = sizeof f.log_entry;
    f.timer_status.size = sizeof f.timer_status;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_case_free(f->c);
    svcr_case_free(f->closed);
    svcr_case_free(f->fresh);
    svcr_case_free(f->night_case);
    svcr_workflow_free(f->night);
    svcr_timer_config_free(f->config);
    svcr_timer_config_free(f->five_config);
    svcr_calendar_free(f->always);
    svcr_workflow_free(f->desk);
    svcr_workflow_free(f->five_step);
    return 0;
}

static void workflow_rows(void **state)
{
    fixture *f = *state;
    const svcr_workflow *wf = f->desk;
    const char *truncated = "{\"name\": \"x\",\n \"states\": [";
    const char *bad_target = "{\"name\": \"x\", \"roles\": [\"agent\"],\n"
                             " \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}],\n"
                             " \"transitions\": [{\"event\": \"go\", \"from\": \"a\", \"to\": \"nowhere\"}]}";
    svcr_state_info zero_size = {0};
    BAD("svcr_workflow_builtin", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_workflow_builtin(NULL, &f->wf_out));
    BAD("svcr_workflow_builtin", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_builtin("five-step", NULL));
    BAD("svcr_workflow_builtin", "unknown name \"six-step\"", SVCR_ENOTFOUND,
        "no built-in workflow \"six-step\" (built-ins: five-step", svcr_workflow_builtin("six-step", &f->wf_out));
    BAD_RETURNS("svcr_workflow_builtin_name", "index 4 (past the end)", "NULL", "", svcr_workflow_builtin_name(4) == NULL);
    BAD("svcr_workflow_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_workflow_parse(NULL, 2, &f->wf_out));
    BAD("svcr_workflow_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_workflow_parse(truncated, strlen(truncated), NULL));
    BAD("svcr_workflow_parse", "truncated JSON", SVCR_EPARSE, "line 2, column 12",
        svcr_workflow_parse(truncated, strlen(truncated), &f->wf_out));
    BAD("svcr_workflow_parse", "a transition to an undeclared state", SVCR_EPARSE, "line 3, column",
        svcr_workflow_parse(bad_target, strlen(bad_target), &f->wf_out));
    BAD_IGNORED("svcr_workflow_free", "NULL", svcr_workflow_free(NULL));
    BAD("svcr_workflow_encode", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_encode(NULL, &f->json_out));
    BAD("svcr_workflow_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_workflow_encode(wf, NULL));
    BAD_RETURNS("svcr_workflow_name", "NULL wf", "NULL", "", svcr_workflow_name(NULL) == NULL);
    BAD_RETURNS("svcr_workflow_title", "NULL wf", "NULL", "", svcr_workflow_title(NULL) == NULL);
    BAD_RETURNS("svcr_workflow_reopen_grace", "NULL wf", "-1", "", svcr_workflow_reopen_grace(NULL) == -1);
    BAD_RETURNS("svcr_workflow_initial_state", "NULL wf", "NULL", "", svcr_workflow_initial_state(NULL) == NULL);
    BAD_RETURNS("svcr_workflow_state_count", "NULL wf", "0", "", svcr_workflow_state_count(NULL) == 0);
    BAD("svcr_workflow_state", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_state(NULL, 0, &f->state_info));
    BAD("svcr_workflow_state", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_state(wf, 0, NULL));
    BAD("svcr_workflow_state", "out->size 0", SVCR_EINVAL, "out->size is 0", svcr_workflow_state(wf, 0, &zero_size));
    BAD("svcr_workflow_state", "index 6 of 6 states", SVCR_EINVAL,
        "index 6 is out of range (workflow \"desk\" has 6 states)", svcr_workflow_state(wf, 6, &f->state_info));
    BAD("svcr_workflow_find_state", "NULL name", SVCR_EINVAL, "\"name\" is NULL",
        svcr_workflow_find_state(wf, NULL, &f->state_info));
    BAD("svcr_workflow_find_state", "unknown state \"lost\"", SVCR_ENOTFOUND, "workflow \"desk\" has no state \"lost\"",
        svcr_workflow_find_state(wf, "lost", &f->state_info));
    BAD_RETURNS("svcr_state_kind_name", "a value that is not a kind (99)", "\"unknown\"", "",
                strcmp(svcr_state_kind_name((svcr_state_kind)99), "unknown") == 0);
    BAD_RETURNS("svcr_workflow_event_count", "NULL wf", "0", "", svcr_workflow_event_count(NULL) == 0);
    BAD_RETURNS("svcr_workflow_event_name", "NULL wf", "NULL", "", svcr_workflow_event_name(NULL, 0) == NULL);
    BAD_RETURNS("svcr_workflow_event_name", "index past the end", "NULL", "", svcr_workflow_event_name(wf, 99) == NULL);
    BAD_RETURNS("svcr_workflow_role_count", "NULL wf", "0", "", svcr_workflow_role_count(NULL) == 0);
    BAD_RETURNS("svcr_workflow_role_name", "NULL wf", "NULL", "", svcr_workflow_role_name(NULL, 0) == NULL);
    BAD_RETURNS("svcr_workflow_role_name", "index past the end", "NULL", "", svcr_workflow_role_name(wf, 2) == NULL);
    BAD_RETURNS("svcr_workflow_fact_count", "NULL wf", "0", "", svcr_workflow_fact_count(NULL) == 0);
    BAD("svcr_workflow_fact", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_fact(NULL, 0, &f->fact_info));
    BAD("svcr_workflow_fact", "index 4 of 4 facts", SVCR_EINVAL, "index 4 is out of range (workflow \"desk\" has 4 facts)",
        svcr_workflow_fact(wf, 4, &f->fact_info));
    BAD("svcr_workflow_find_fact", "NULL name", SVCR_EINVAL, "\"name\" is NULL",
        svcr_workflow_find_fact(wf, NULL, &f->fact_info));
    BAD("svcr_workflow_find_fact", "undeclared fact \"colour\"", SVCR_ENOTFOUND,
        "workflow \"desk\" declares no fact \"colour\"", svcr_workflow_find_fact(wf, "colour", &f->fact_info));
    BAD_RETURNS("svcr_fact_type_name", "a value that is not a type (99)", "\"unknown\"", "",
                strcmp(svcr_fact_type_name((svcr_fact_type)99), "unknown") == 0);
    BAD_RETURNS("svcr_workflow_transition_count", "NULL wf", "0", "", svcr_workflow_transition_count(NULL) == 0);
    BAD("svcr_workflow_transition", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_transition(wf, 0, NULL));
    BAD("svcr_workflow_transition", "index 10 of 10 transitions", SVCR_EINVAL, "index 10 is out of range",
        svcr_workflow_transition(wf, 10, &f->transition_info));
    BAD("svcr_workflow_find_transition", "NULL from", SVCR_EINVAL, "\"from\" is NULL",
        svcr_workflow_find_transition(wf, NULL, "start", &f->transition_info));
    BAD("svcr_workflow_find_transition", "NULL event", SVCR_EINVAL, "\"event\" is NULL",
        svcr_workflow_find_transition(wf, "new", NULL, &f->transition_info));
    BAD("svcr_workflow_find_transition", "unknown state \"lost\"", SVCR_ENOTFOUND, "has no state \"lost\"",
        svcr_workflow_find_transition(wf, "lost", "start", &f->transition_info));
    BAD("svcr_workflow_find_transition", "an event the state does not allow", SVCR_ENOTFOUND,
        "state \"new\" does not allow event \"close\"", svcr_workflow_find_transition(wf, "new", "close", &f->transition_info));
    BAD_RETURNS("svcr_workflow_timer_count", "NULL wf", "0", "", svcr_workflow_timer_count(NULL) == 0);
    BAD("svcr_workflow_timer", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_timer(NULL, 0, &f->timer_info));
    BAD("svcr_workflow_timer", "index 4 of 4 timers", SVCR_EINVAL, "index 4 is out of range (workflow \"desk\" has 4 timers)",
        svcr_workflow_timer(wf, 4, &f->timer_info));
    BAD("svcr_workflow_find_timer", "NULL name", SVCR_EINVAL, "\"name\" is NULL",
        svcr_workflow_find_timer(wf, NULL, &f->timer_info));
    BAD("svcr_workflow_find_timer", "unknown timer \"lunch\"", SVCR_ENOTFOUND, "workflow \"desk\" has no timer \"lunch\"",
        svcr_workflow_find_timer(wf, "lunch", &f->timer_info));
}

static void timer_config_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_timer_config_new", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_timer_config_new(NULL, &f->config_out));
    BAD("svcr_timer_config_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_timer_config_new(f->desk, NULL));
    BAD_IGNORED("svcr_timer_config_free", "NULL", svcr_timer_config_free(NULL));
    BAD("svcr_timer_config_bind_calendar", "NULL config", SVCR_EINVAL, "\"config\" is NULL",
        svcr_timer_config_bind_calendar(NULL, "business", f->always));
    BAD("svcr_timer_config_bind_calendar", "NULL name", SVCR_EINVAL, "\"name\" is NULL",
        svcr_timer_config_bind_calendar(f->config, NULL, f->always));
    BAD("svcr_timer_config_bind_calendar", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_timer_config_bind_calendar(f->config, "business", NULL));
    BAD("svcr_timer_config_bind_calendar", "a calendar name no timer uses", SVCR_ENOTFOUND,
        "no timer of workflow \"desk\" counts in calendar \"weekend\" (used: business",
        svcr_timer_config_bind_calendar(f->config, "weekend", f->always));
    BAD("svcr_timer_config_set_target", "NULL config", SVCR_EINVAL, "\"config\" is NULL",
        svcr_timer_config_set_target(NULL, "response", 60));
    BAD("svcr_timer_config_set_target", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL",
        svcr_timer_config_set_target(f->config, NULL, 60));
    BAD("svcr_timer_config_set_target", "a negative target", SVCR_EINVAL,
        "the target of timer \"response\" must not be negative", svcr_timer_config_set_target(f->config, "response", -1));
    BAD("svcr_timer_config_set_target", "unknown timer \"lunch\"", SVCR_ENOTFOUND, "workflow \"desk\" has no timer \"lunch\"",
        svcr_timer_config_set_target(f->config, "lunch", 60));
}

static void case_object_rows(void **state)
{
    fixture *f = *state;
    const svcr_workflow *wf = f->desk;
    svcr_state_info zero_size = {0};
    BAD("svcr_case_new", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_case_new(NULL, "C-9", T0, &f->case_out));
    BAD("svcr_case_new", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_case_new(wf, NULL, T0, &f->case_out));
    BAD("svcr_case_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_new(wf, "C-9", T0, NULL));
    BAD("svcr_case_new", "empty id", SVCR_EINVAL, "the case id must be non-empty UTF-8",
        svcr_case_new(wf, "", T0, &f->case_out));
    BAD("svcr_case_new", "id that is not UTF-8 (\"\\xff\")", SVCR_EINVAL, "the case id must be non-empty UTF-8",
        svcr_case_new(wf, "\xff", T0, &f->case_out));
    BAD("svcr_case_new", "opened in year 0 (SVCR_TIME_MIN - 1)", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_case_new(wf, "C-9", SVCR_TIME_MIN - 1, &f->case_out));
    BAD("svcr_case_new", "opened after year 9999 (INT64_MAX)", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_case_new(wf, "C-9", INT64_MAX, &f->case_out));
    BAD_IGNORED("svcr_case_free", "NULL", svcr_case_free(NULL));
    BAD_RETURNS("svcr_case_id", "NULL c", "NULL", "", svcr_case_id(NULL) == NULL);
    BAD_RETURNS("svcr_case_workflow", "NULL c", "NULL", "", svcr_case_workflow(NULL) == NULL);
    BAD_RETURNS("svcr_case_opened_at", "NULL c", "0", "", svcr_case_opened_at(NULL) == 0);
    BAD_RETURNS("svcr_case_state", "NULL c", "NULL", "", svcr_case_state(NULL) == NULL);
    BAD("svcr_case_state_info", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_state_info(NULL, &f->state_info));
    BAD("svcr_case_state_info", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_state_info(f->c, NULL));
    BAD("svcr_case_state_info", "out->size 0", SVCR_EINVAL, "out->size is 0", svcr_case_state_info(f->c, &zero_size));
    BAD_RETURNS("svcr_case_state_since", "NULL c", "0", "", svcr_case_state_since(NULL) == 0);
    BAD_RETURNS("svcr_case_last_at", "NULL c", "0", "", svcr_case_last_at(NULL) == 0);
    BAD_RETURNS("svcr_case_log_count", "NULL c", "0", "", svcr_case_log_count(NULL) == 0);
    svcr_log_entry zero_entry = {0};
    BAD("svcr_case_log_entry", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_log_entry(NULL, 0, &f->log_entry));
    BAD("svcr_case_log_entry", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_log_entry(f->c, 0, NULL));
    BAD("svcr_case_log_entry", "out->size 0", SVCR_EINVAL, "out->size is 0", svcr_case_log_entry(f->c, 0, &zero_entry));
    BAD("svcr_case_log_entry", "index 1 of 1 entries", SVCR_EINVAL,
        "index 1 is out of range (case \"C-1\" has 1 log entries)", svcr_case_log_entry(f->c, 1, &f->log_entry));
}

static void fact_rows(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    svcr_money eur = {100, "EUR"}, bad = {100, "eu"};
    BAD("svcr_case_set_fact_string", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_set_fact_string(NULL, "summary", "x"));
    BAD("svcr_case_set_fact_string", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_set_fact_string(c, NULL, "x"));
    BAD("svcr_case_set_fact_string", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_case_set_fact_string(c, "summary", NULL));
    BAD("svcr_case_set_fact_string", "empty value", SVCR_EINVAL, "fact \"summary\" must be non-empty UTF-8 text",
        svcr_case_set_fact_string(c, "summary", ""));
    BAD("svcr_case_set_fact_string", "value that is not UTF-8", SVCR_EINVAL, "must be non-empty UTF-8 text",
        svcr_case_set_fact_string(c, "summary", "caf\xe9"));
    BAD("svcr_case_set_fact_string", "undeclared fact \"colour\"", SVCR_ENOTFOUND, "workflow \"desk\" declares no fact \"colour\"",
        svcr_case_set_fact_string(c, "colour", "red"));
    BAD("svcr_case_set_fact_string", "an integer fact", SVCR_EINVAL, "fact \"severity\" is of type integer, not string",
        svcr_case_set_fact_string(c, "severity", "3"));
    BAD("svcr_case_set_fact_integer", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_set_fact_integer(NULL, "severity", 3));
    BAD("svcr_case_set_fact_integer", "a string fact", SVCR_EINVAL, "fact \"summary\" is of type string, not integer",
        svcr_case_set_fact_integer(c, "summary", 3));
    BAD("svcr_case_set_fact_integer", "undeclared fact", SVCR_ENOTFOUND, "declares no fact \"colour\"",
        svcr_case_set_fact_integer(c, "colour", 3));
    BAD("svcr_case_set_fact_boolean", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_set_fact_boolean(c, NULL, 1));
    BAD("svcr_case_set_fact_boolean", "a money fact", SVCR_EINVAL, "fact \"refund\" is of type money, not boolean",
        svcr_case_set_fact_boolean(c, "refund", 1));
    BAD("svcr_case_set_fact_money", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_set_fact_money(NULL, "refund", eur));
    BAD("svcr_case_set_fact_money", "currency code \"eu\"", SVCR_EINVAL, "fact \"refund\": \"eu\" is not an ISO 4217 code",
        svcr_case_set_fact_money(c, "refund", bad));
    BAD("svcr_case_set_fact_money", "a boolean fact", SVCR_EINVAL, "fact \"vip\" is of type boolean, not money",
        svcr_case_set_fact_money(c, "vip", eur));
    BAD("svcr_case_unset_fact", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_unset_fact(c, NULL));
    BAD("svcr_case_unset_fact", "undeclared fact", SVCR_ENOTFOUND, "declares no fact \"colour\"",
        svcr_case_unset_fact(c, "colour"));
    BAD_RETURNS("svcr_case_has_fact", "NULL c", "0", "", svcr_case_has_fact(NULL, "summary") == 0);
    BAD_RETURNS("svcr_case_has_fact", "undeclared fact", "0", "", svcr_case_has_fact(c, "colour") == 0);
    BAD("svcr_case_get_fact_string", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_case_get_fact_string(c, "summary", NULL));
    BAD("svcr_case_get_fact_string", "a fact that is not set", SVCR_ENOTFOUND, "fact \"summary\" is not set",
        svcr_case_get_fact_string(f->fresh, "summary", &f->text_out));
    BAD("svcr_case_get_fact_string", "an integer fact", SVCR_EINVAL, "fact \"severity\" is of type integer, not string",
        svcr_case_get_fact_string(c, "severity", &f->text_out));
    BAD("svcr_case_get_fact_string", "undeclared fact", SVCR_ENOTFOUND, "declares no fact \"colour\"",
        svcr_case_get_fact_string(c, "colour", &f->text_out));
    BAD("svcr_case_get_fact_integer", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_get_fact_integer(NULL, "severity", &f->integer_out));
    BAD("svcr_case_get_fact_integer", "a string fact", SVCR_EINVAL, "is of type string, not integer",
        svcr_case_get_fact_integer(c, "summary", &f->integer_out));
    BAD("svcr_case_get_fact_boolean", "a fact that is not set", SVCR_ENOTFOUND, "fact \"vip\" is not set",
        svcr_case_get_fact_boolean(c, "vip", &f->boolean_out));
    BAD("svcr_case_get_fact_boolean", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_case_get_fact_boolean(c, "vip", NULL));
    BAD("svcr_case_get_fact_money", "a fact that is not set", SVCR_ENOTFOUND, "fact \"refund\" is not set",
        svcr_case_get_fact_money(f->closed, "refund", &f->money_out));
    BAD("svcr_case_get_fact_money", "an integer fact", SVCR_EINVAL, "is of type integer, not money",
        svcr_case_get_fact_money(c, "severity", &f->money_out));
}

static void apply_rows(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    int64_t later = T0 + HOUR;
    BAD("svcr_case_apply", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_apply(NULL, "solve", "agent", later, NULL));
    BAD("svcr_case_apply", "NULL event", SVCR_EINVAL, "\"event\" is NULL", svcr_case_apply(c, NULL, "agent", later, NULL));
    BAD("svcr_case_apply", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_apply(c, "solve", NULL, later, NULL));
    BAD("svcr_case_apply", "a time after year 9999 (INT64_MAX)", SVCR_EINVAL, "is after year 9999",
        svcr_case_apply(c, "solve", "agent", INT64_MAX, NULL));
    BAD("svcr_case_apply", "a time before the last event", SVCR_EINVAL,
        "event \"solve\" at 2026-11-23T09:00:30Z is earlier than the case's",
        svcr_case_apply(c, "solve", "agent", T0 + 30, NULL));
    BAD("svcr_case_apply", "an event the workflow does not have", SVCR_ESTATE,
        "workflow \"desk\" has no event \"explode\"; state \"working\" allows:", svcr_case_apply(c, "explode", "agent", later, NULL));
    BAD("svcr_case_apply", "an event the state does not allow", SVCR_ESTATE,
        "state \"working\" does not allow event \"close\"; allowed:", svcr_case_apply(c, "close", "agent", later, NULL));
    BAD("svcr_case_apply", "a role the workflow does not have", SVCR_EPERM, "\"janitor\" is not a role of workflow \"desk\"",
        svcr_case_apply(c, "solve", "janitor", later, NULL));
    BAD("svcr_case_apply", "a role that may not fire the event", SVCR_EPERM,
        "role \"agent\" may not fire event \"reopen\" (allowed: supervisor)",
        svcr_case_apply(f->closed, "reopen", "agent", T0 + 2 * HOUR, NULL));
    BAD("svcr_case_apply", "a required fact not set", SVCR_EGUARD, "event \"start\" needs fact \"summary\"",
        svcr_case_apply(f->fresh, "start", "agent", later, NULL));
    BAD("svcr_case_apply", "a reopen after the grace period", SVCR_ESTATE,
        "is too late: the case was closed at 2026-11-23T10:00:00Z and its 2d reopen window closed",
        svcr_case_apply(f->closed, "reopen", "supervisor", T0 + 3 * DAY, NULL));
    BAD("svcr_case_apply", "NULL event", SVCR_EINVAL, "\"event\" is NULL",
        svcr_case_apply(c, NULL, "agent", later, "n"));
    BAD("svcr_case_apply", "a note that is not UTF-8", SVCR_EINVAL,
        "the note for event \"note\" is not valid UTF-8", svcr_case_apply(c, "note", "agent", later, "\xc3("));
    BAD("svcr_case_apply", "an event the state does not allow", SVCR_ESTATE, "does not allow event \"close\"",
        svcr_case_apply(c, "close", "agent", later, "n"));
    BAD("svcr_case_check", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_check(NULL, "solve", "agent", later));
    BAD("svcr_case_check", "an event the state does not allow", SVCR_ESTATE, "does not allow event \"close\"",
        svcr_case_check(c, "close", "agent", later));
    BAD("svcr_case_check", "a role that may not fire the event", SVCR_EPERM, "role \"agent\" may not fire event \"reopen\"",
        svcr_case_check(f->closed, "reopen", "agent", T0 + 2 * HOUR));
    BAD("svcr_case_allowed_events", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_allowed_events(NULL, NULL, f->events, 4, &f->count_out));
    BAD("svcr_case_allowed_events", "NULL count", SVCR_EINVAL, "\"count\" is NULL",
        svcr_case_allowed_events(c, NULL, f->events, 4, NULL));
    BAD("svcr_case_allowed_events", "NULL events with capacity 4", SVCR_EINVAL,
        "argument \"events\" is NULL but capacity is 4", svcr_case_allowed_events(c, NULL, NULL, 4, &f->count_out));
    BAD("svcr_case_allowed_events", "a role the workflow does not have", SVCR_EPERM, "\"janitor\" is not a role",
        svcr_case_allowed_events(c, "janitor", f->events, 4, &f->count_out));
}

static void history_rows(void **state)
{
    fixture *f = *state;
    char *json = NULL;
    assert_int_equal(svcr_case_encode(f->closed, &json), SVCR_OK);
    size_t length = strlen(json);
    BAD("svcr_case_replay", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_replay(NULL, NULL, &f->case_out));
    BAD("svcr_case_replay", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_replay(f->c, NULL, NULL));
    BAD("svcr_case_replay", "a workflow that refuses the history (five-step)", SVCR_ENOTFOUND,
        "svcr_case_replay: fact change 1: case \"C-2\": workflow \"five-step\" declares no fact \"summary\"",
        svcr_case_replay(f->closed, f->five_step, &f->case_out));
    BAD("svcr_case_encode", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_encode(NULL, &f->json_out));
    BAD("svcr_case_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_case_encode(f->c, NULL));
    BAD("svcr_case_decode", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_case_decode(NULL, json, length, &f->case_out));
    BAD("svcr_case_decode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_case_decode(f->desk, NULL, 0, &f->case_out));
    BAD("svcr_case_decode", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_decode(f->desk, json, length, NULL));
    BAD("svcr_case_decode", "truncated JSON", SVCR_EPARSE, "line 1, column",
        svcr_case_decode(f->desk, json, length / 2, &f->case_out));
    BAD("svcr_case_decode", "another workflow than the JSON's (five-step)", SVCR_EPARSE,
        "the case follows workflow \"desk\", not \"five-step\"", svcr_case_decode(f->five_step, json, length, &f->case_out));
    const char *wrong_state = fixture_variant(json, "\"state\":\"closed\"", "\"state\":\"working\"");
    BAD("svcr_case_decode", "a state the history does not lead to", SVCR_EPARSE,
        "the history leads to state \"closed\"", svcr_case_decode(f->desk, wrong_state, strlen(wrong_state), &f->case_out));
    const char *year_0 = fixture_variant(json, "\"opened_at\":\"2026-", "\"opened_at\":\"0000-");
    BAD("svcr_case_decode", "opened_at in year 0 (\"0000-11-23T09:00:00Z\")", SVCR_EPARSE,
        "/opened_at: must be a time in years 0001-9999", svcr_case_decode(f->desk, year_0, strlen(year_0), &f->case_out));
    svcr_free(json);
}

static void timer_rows(void **state)
{
    fixture *f = *state;
    svcr_timer_status zero = {0};
    int64_t at = T0 + HOUR;
    BAD("svcr_case_timer", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_case_timer(NULL, f->config, "response", at, &f->timer_status));
    BAD("svcr_case_timer", "NULL timer", SVCR_EINVAL, "\"timer\" is NULL",
        svcr_case_timer(f->c, f->config, NULL, at, &f->timer_status));
    BAD("svcr_case_timer", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_case_timer(f->c, f->config, "response", at, NULL));
    BAD("svcr_case_timer", "out->size 0", SVCR_EINVAL, "out->size is 0", svcr_case_timer(f->c, f->config, "response", at, &zero));
    BAD("svcr_case_timer", "a time before the opening", SVCR_EINVAL, "the time asked about is before the case was opened",
        svcr_case_timer(f->c, f->config, "response", T0 - 1, &f->timer_status));
    BAD("svcr_case_timer", "a configuration for another workflow", SVCR_EINVAL,
        "the timer configuration is for workflow \"five-step\", the case follows \"desk\"",
        svcr_case_timer(f->c, f->five_config, "response", at, &f->timer_status));
    BAD("svcr_case_timer", "unknown timer \"lunch\"", SVCR_ENOTFOUND, "workflow \"desk\" has no timer \"lunch\"",
        svcr_case_timer(f->c, f->config, "lunch", at, &f->timer_status));
    BAD("svcr_case_timer", "no configuration for a timer in calendar \"night\"", SVCR_ENOTFOUND,
        "counts in calendar \"night\", which is not bound",
        svcr_case_timer(f->night_case, NULL, "response", at, &f->timer_status));
    BAD_RETURNS("svcr_timer_state_name", "a value that is not a state (99)", "\"unknown\"", "",
                strcmp(svcr_timer_state_name((svcr_timer_state)99), "unknown") == 0);
}


/* NULL for each pointer argument not already given NULL above. */
static void null_rows(void **state)
{
    fixture *f = *state;
    const svcr_workflow *wf = f->desk;
    svcr_case *c = f->c;
    svcr_money eur = {100, "EUR"};
    BAD("svcr_workflow_find_state", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_find_state(NULL, "new", &f->state_info));
    BAD("svcr_workflow_find_state", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_find_state(wf, "new", NULL));
    BAD("svcr_workflow_fact", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_fact(wf, 0, NULL));
    BAD("svcr_workflow_find_fact", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_find_fact(NULL, "summary", &f->fact_info));
    BAD("svcr_workflow_find_fact", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_find_fact(wf, "summary", NULL));
    BAD("svcr_workflow_transition", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_transition(NULL, 0, &f->transition_info));
    BAD("svcr_workflow_find_transition", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL",
        svcr_workflow_find_transition(NULL, "new", "start", &f->transition_info));
    BAD("svcr_workflow_find_transition", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_workflow_find_transition(wf, "new", "start", NULL));
    BAD("svcr_workflow_timer", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_timer(wf, 0, NULL));
    BAD("svcr_workflow_find_timer", "NULL wf", SVCR_EINVAL, "\"wf\" is NULL", svcr_workflow_find_timer(NULL, "response", &f->timer_info));
    BAD("svcr_workflow_find_timer", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_workflow_find_timer(wf, "response", NULL));
    BAD("svcr_case_set_fact_integer", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_set_fact_integer(c, NULL, 1));
    BAD("svcr_case_set_fact_boolean", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_set_fact_boolean(NULL, "vip", 1));
    BAD("svcr_case_set_fact_money", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_set_fact_money(c, NULL, eur));
    BAD("svcr_case_unset_fact", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_unset_fact(NULL, "summary"));
    BAD_RETURNS("svcr_case_has_fact", "NULL name", "0", "", svcr_case_has_fact(c, NULL) == 0);
    BAD("svcr_case_get_fact_string", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_get_fact_string(NULL, "summary", &f->text_out));
    BAD("svcr_case_get_fact_string", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_get_fact_string(c, NULL, &f->text_out));
    BAD("svcr_case_get_fact_integer", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_get_fact_integer(c, NULL, &f->integer_out));
    BAD("svcr_case_get_fact_integer", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_case_get_fact_integer(c, "severity", NULL));
    BAD("svcr_case_get_fact_boolean", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_get_fact_boolean(NULL, "vip", &f->boolean_out));
    BAD("svcr_case_get_fact_boolean", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_get_fact_boolean(c, NULL, &f->boolean_out));
    BAD("svcr_case_get_fact_money", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_get_fact_money(NULL, "refund", &f->money_out));
    BAD("svcr_case_get_fact_money", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_case_get_fact_money(c, NULL, &f->money_out));
    BAD("svcr_case_get_fact_money", "NULL value", SVCR_EINVAL, "\"value\" is NULL", svcr_case_get_fact_money(c, "refund", NULL));
    BAD("svcr_case_apply", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_case_apply(NULL, "note", "agent", T0 + HOUR, "n"));
    BAD("svcr_case_apply", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_apply(c, "note", NULL, T0 + HOUR, "n"));
    BAD("svcr_case_check", "NULL event", SVCR_EINVAL, "\"event\" is NULL", svcr_case_check(c, NULL, "agent", T0 + HOUR));
    BAD("svcr_case_check", "NULL role", SVCR_EINVAL, "\"role\" is NULL", svcr_case_check(c, "note", NULL, T0 + HOUR));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(workflow_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(timer_config_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(case_object_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(fact_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(apply_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(history_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(timer_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(null_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
