/* The built-in workflow templates: five-step exactly as specified, five-phase, four-step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "workflow/builtin.h"
#include "support/test_alloc.h"

static svcr_workflow *builtin(const char *name)
{
    svcr_workflow *wf = NULL;
    if (svcr_workflow_builtin(name, &wf) != SVCR_OK)
        fail_msg("%s: %s", name, svcr_error_message());
    return wf;
}

static void assert_states(const svcr_workflow *wf, const char *const *names, size_t count)
{
    assert_int_equal(svcr_workflow_state_count(wf), count);
    for (size_t i = 0; i < count; i++) {
        svcr_state_info s = {.size = sizeof s};
        assert_int_equal(svcr_workflow_state(wf, i, &s), SVCR_OK);
        assert_string_equal(s.name, names[i]);
        assert_true(strlen(s.guidance) > 20); /* every step says what to do */
    }
}

static void assert_transition(const svcr_workflow *wf, const char *from, const char *event, const char *to,
                              const char *required)
{
    svcr_transition_info t = {.size = sizeof t};
    if (svcr_workflow_find_transition(wf, from, event, &t) != SVCR_OK)
        fail_msg("%s: %s", svcr_workflow_name(wf), svcr_error_message());
    assert_string_equal(t.to, to);
    if (required == NULL) {
        assert_int_equal(t.required_fact_count, 0);
    } else {
        assert_int_equal(t.required_fact_count, 1);
        assert_string_equal(t.required_facts[0], required);
    }
}

static void assert_guidance_contains(const svcr_workflow *wf, const char *state, const char *text)
{
    svcr_state_info s = {.size = sizeof s};
    assert_int_equal(svcr_workflow_find_state(wf, state, &s), SVCR_OK);
    if (strstr(s.guidance, text) == NULL)
        fail_msg("guidance of %s lacks \"%s\": %s", state, text, s.guidance);
}

static void five_step_is_exactly_as_specified(void **state)
{
    (void)state;
    svcr_workflow *wf = builtin("five-step");
    static const char *const all[] = {"identify", "apologize", "listen", "fix", "atone", "follow_up", "closed"};
    assert_states(wf, all, 7);
    assert_string_equal(svcr_workflow_initial_state(wf), "identify");
    static const char *const events[] = {"identified", "apologized", "listened", "fixed",
                                         "atoned",     "satisfied",  "not_satisfied", "reopen"};
    assert_int_equal(svcr_workflow_event_count(wf), 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(svcr_workflow_event_name(wf, i), events[i]);
    assert_int_equal(svcr_workflow_transition_count(wf), 8);
    assert_transition(wf, "identify", "identified", "apologize", "expectation");
    assert_transition(wf, "apologize", "apologized", "listen", NULL);
    assert_transition(wf, "listen", "listened", "fix", NULL);
    assert_transition(wf, "fix", "fixed", "atone", "customer_wish");
    assert_transition(wf, "atone", "atoned", "follow_up", "atonement");
    assert_transition(wf, "follow_up", "satisfied", "closed", "root_cause");
    assert_transition(wf, "follow_up", "not_satisfied", "fix", NULL);
    assert_transition(wf, "closed", "reopen", "fix", NULL);
    svcr_transition_info t = {.size = sizeof t};
    assert_int_equal(svcr_workflow_find_transition(wf, "closed", "reopen", &t), SVCR_OK);
    assert_true(t.reopen);
    assert_int_equal(svcr_workflow_reopen_grace(wf), 14 * 86400);

    /* The follow-up is due a day after it is entered. */
    svcr_state_info s = {.size = sizeof s};
    assert_int_equal(svcr_workflow_find_state(wf, "follow_up", &s), SVCR_OK);
    assert_int_equal(s.due_after, 86400);
    assert_int_equal(svcr_workflow_find_state(wf, "closed", &s), SVCR_OK);
    assert_int_equal(s.kind, SVCR_STATE_CLOSED);

    assert_guidance_contains(wf, "apologize", "\"I'm sorry\"");
    assert_guidance_contains(wf, "apologize", "take responsibility");
    assert_guidance_contains(wf, "fix", "what they would like to have happen");
    assert_guidance_contains(wf, "atone", "\"I'd like to make it up to you.\"");
    assert_guidance_contains(wf, "follow_up", "\"Have we fixed everything for you? What else can we do for you?\"");
    assert_guidance_contains(wf, "listen", "\"I can only imagine how you feel\"");

    svcr_fact_info f = {.size = sizeof f};
    assert_int_equal(svcr_workflow_find_fact(wf, "compensation", &f), SVCR_OK);
    assert_int_equal(f.type, SVCR_FACT_MONEY);
    assert_int_equal(svcr_workflow_find_fact(wf, "root_cause", &f), SVCR_OK);
    assert_int_equal(f.type, SVCR_FACT_STRING);
    svcr_workflow_free(wf);
}

/* The embedding (lib/base/embed.py) keeps each file whole and NUL-terminated. */
static void embedded_texts_are_whole_and_terminated(void **state)
{
    (void)state;
    assert_int_equal(svcr__workflow_builtins_count, 4);
    for (size_t i = 0; i < svcr__workflow_builtins_count; i++) {
        const svcr__embedded *e = &svcr__workflow_builtins[i];
        assert_int_equal(e->text[e->length], '\0');
        assert_int_equal(strlen(e->text), e->length);
        assert_int_equal(e->text[0], '{');
    }
    assert_string_equal(svcr__workflow_builtins[0].name, "five-step");
}

static void five_phase_and_four_step_have_their_published_steps(void **state)
{
    (void)state;
    svcr_workflow *wf = builtin("five-phase");
    static const char *const phases[] = {"anticipate", "acknowledge", "apologize", "offer_alternatives",
                                         "make_amends", "closed"};
    assert_states(wf, phases, 6);
    assert_transition(wf, "anticipate", "anticipated", "acknowledge", "expectation");
    assert_transition(wf, "offer_alternatives", "alternatives_offered", "make_amends", "alternatives");
    svcr_transition_info t = {.size = sizeof t};
    assert_int_equal(svcr_workflow_find_transition(wf, "make_amends", "amends_made", &t), SVCR_OK);
    assert_int_equal(t.required_fact_count, 2);
    assert_string_equal(t.required_facts[1], "root_cause");
    assert_guidance_contains(wf, "make_amends", "\"I'd like to make it up to you.\"");
    svcr_workflow_free(wf);

    wf = builtin("four-step");
    static const char *const steps[] = {"apologize", "review", "fix_and_follow_up", "document", "closed"};
    assert_states(wf, steps, 5);
    assert_transition(wf, "review", "reviewed", "fix_and_follow_up", "expectation");
    assert_transition(wf, "fix_and_follow_up", "fixed_and_followed_up", "document", "resolution");
    assert_transition(wf, "document", "documented", "closed", "root_cause");
    assert_transition(wf, "closed", "reopen", "fix_and_follow_up", NULL);
    assert_guidance_contains(wf, "fix_and_follow_up", "What else can we do for you?");
    svcr_workflow_free(wf);
}

static void agent_supervisor_and_manager_may_fire_every_event(void **state)
{
    (void)state;
    for (size_t i = 0; svcr_workflow_builtin_name(i) != NULL; i++) {
        svcr_workflow *wf = builtin(svcr_workflow_builtin_name(i));
        assert_int_equal(svcr_workflow_role_count(wf), 3);
        for (size_t k = 0; k < svcr_workflow_transition_count(wf); k++) {
            svcr_transition_info t = {.size = sizeof t};
            assert_int_equal(svcr_workflow_transition(wf, k, &t), SVCR_OK);
            assert_int_equal(t.role_count, 3);
            assert_string_equal(t.roles[0], "agent");
            assert_string_equal(t.roles[1], "supervisor");
            assert_string_equal(t.roles[2], "manager");
        }
        /* Same guard discipline: the last step before closing needs the root cause. */
        svcr_fact_info f = {.size = sizeof f};
        assert_int_equal(svcr_workflow_find_fact(wf, "root_cause", &f), SVCR_OK);
        svcr_workflow_free(wf);
    }
}

static void lists_and_rejects_names(void **state)
{
    (void)state;
    assert_string_equal(svcr_workflow_builtin_name(0), "five-step");
    assert_string_equal(svcr_workflow_builtin_name(1), "five-phase");
    assert_string_equal(svcr_workflow_builtin_name(2), "four-step");
    assert_string_equal(svcr_workflow_builtin_name(3), "four-stage");
    assert_null(svcr_workflow_builtin_name(4));
    svcr_workflow *wf = (svcr_workflow *)0x1;
    assert_int_equal(svcr_workflow_builtin("six-step", &wf), SVCR_ENOTFOUND);
    assert_ptr_equal(wf, (svcr_workflow *)0x1);
    assert_string_equal(svcr_error_message(),
                        "no built-in workflow \"six-step\" (built-ins: five-step, five-phase, four-step, four-stage)");
    assert_int_equal(svcr_workflow_builtin(NULL, &wf), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_builtin("five-step", NULL), SVCR_EINVAL);
}

/* The shipped JSON files are the built-ins: parsing a file gives the same workflow. */
static void the_json_files_are_the_builtins(void **state)
{
    (void)state;
    for (size_t i = 0; svcr_workflow_builtin_name(i) != NULL; i++) {
        const char *name = svcr_workflow_builtin_name(i);
        char path[512];
        snprintf(path, sizeof path, "%s/lib/workflow/builtin/%s.json", SVCR_SOURCE_ROOT, name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char text[1 << 16];
        size_t length = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        svcr_workflow *from_file, *embedded = builtin(name);
        assert_int_equal(svcr_workflow_parse(text, length, &from_file), SVCR_OK);
        char *a, *b;
        assert_int_equal(svcr_workflow_encode(from_file, &a), SVCR_OK);
        assert_int_equal(svcr_workflow_encode(embedded, &b), SVCR_OK);
        assert_string_equal(a, b);
        svcr_free(a);
        svcr_free(b);
        svcr_workflow_free(from_file);
        svcr_workflow_free(embedded);
    }
}

static svcr_status load_each(void *unused)
{
    (void)unused;
    for (size_t i = 0; svcr_workflow_builtin_name(i) != NULL; i++) {
        svcr_workflow *wf;
        svcr_status st = svcr_workflow_builtin(svcr_workflow_builtin_name(i), &wf);
        if (st != SVCR_OK)
            return st;
        svcr_workflow_free(wf);
    }
    return SVCR_OK;
}

static void allocation_failures_are_reported(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(load_each, NULL);
    print_message("built-in workflows: %ld allocation points\n", points);
    assert_true(points > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_step_is_exactly_as_specified),
        cmocka_unit_test(embedded_texts_are_whole_and_terminated),
        cmocka_unit_test(five_phase_and_four_step_have_their_published_steps),
        cmocka_unit_test(agent_supervisor_and_manager_may_fire_every_event),
        cmocka_unit_test(lists_and_rejects_names),
        cmocka_unit_test(the_json_files_are_the_builtins),
        cmocka_unit_test(allocation_failures_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
