/* Root-cause taxonomy as data: parsing, resolving, the case's root cause, the Pareto by code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

static svcr_taxonomy *load(void)
{
    size_t length;
    char *text = fixture_read("taxonomy.json", &length);
    svcr_taxonomy *t = NULL;
    if (text == NULL || svcr_taxonomy_parse(text, length, &t) != SVCR_OK)
        t = NULL;
    free(text);
    return t;
}

static void codes_form_a_hierarchy_with_owners(void **state)
{
    (void)state;
    svcr_taxonomy *t = load();
    assert_non_null(t);
    assert_string_equal(svcr_taxonomy_fact(t), "root_cause");
    assert_int_equal(svcr_taxonomy_node_count(t), 6);
    svcr_taxonomy_node_info node = {.size = sizeof node};
    assert_int_equal(svcr_taxonomy_find(t, "logistics/carrier/late", &node), SVCR_OK);
    assert_string_equal(node.name, "Late delivery");
    assert_string_equal(node.parent, "logistics/carrier");
    assert_int_equal(node.level, 3);
    assert_string_equal(node.owner_team, "Carrier desk");
    /* a node without an owner has its ancestor's */
    assert_int_equal(svcr_taxonomy_find(t, "logistics/carrier/damaged", &node), SVCR_OK);
    assert_string_equal(node.owner_team, "Operations");
    assert_string_equal(node.owner_contact, "ops@example.com");
    /* parents come first */
    assert_int_equal(svcr_taxonomy_node(t, 0, &node), SVCR_OK);
    assert_int_equal(node.level, 1);
    assert_int_equal(svcr_taxonomy_node(t, 6, &node), SVCR_EINVAL);
    const char *up;
    assert_int_equal(svcr_taxonomy_ancestor(t, "logistics/carrier/late", 1, &up), SVCR_OK);
    assert_string_equal(up, "logistics");
    assert_int_equal(svcr_taxonomy_ancestor(t, "billing", 2, &up), SVCR_OK);
    assert_string_equal(up, "billing");
    assert_int_equal(svcr_taxonomy_ancestor(t, "nowhere", 1, &up), SVCR_ENOTFOUND);
    svcr_taxonomy_free(t);
}

static void aliases_resolve_ignoring_case_and_spaces(void **state)
{
    (void)state;
    svcr_taxonomy *t = load();
    const char *code;
    static const char *const same[] = {"carrier delay", "Carrier Delay", "  carrier   DELAY ", "carrier_delay",
                                       "late delivery", "logistics/carrier/late", "LATE-PARCEL"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        assert_int_equal(svcr_taxonomy_resolve(t, same[i], &code), SVCR_OK);
        assert_string_equal(code, "logistics/carrier/late");
    }
    assert_int_equal(svcr_taxonomy_resolve(t, "carier dely", &code), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "closest: logistics/carrier/late (Late delivery)"));
    svcr_taxonomy_free(t);
}

static void bad_taxonomies_are_refused(void **state)
{
    (void)state;
    svcr_taxonomy *t = NULL;
    const char *cycle = "{\"nodes\": [{\"id\": \"a\", \"parent\": \"c\"},\n {\"id\": \"b\", \"parent\": \"a\"},"
                        " {\"id\": \"c\", \"parent\": \"b\"}]}";
    assert_int_equal(svcr_taxonomy_parse(cycle, strlen(cycle), &t), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/nodes/0/parent: the parents form a cycle: a -> c -> b -> a"));
    const char *alias = "{\"nodes\": [{\"id\": \"a\", \"aliases\": [\"Late Parcel\"]},\n"
                        " {\"id\": \"b\", \"aliases\": [\"late  parcel\"]}]}";
    assert_int_equal(svcr_taxonomy_parse(alias, strlen(alias), &t), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "line 2"));
    assert_non_null(strstr(svcr_error_message(), "\"late parcel\" names both \"a\" and \"b\""));
    const char *parent = "{\"nodes\": [{\"id\": \"a\", \"parent\": \"z\"}]}";
    assert_int_equal(svcr_taxonomy_parse(parent, strlen(parent), &t), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "no node has id \"z\""));
    const char *id = "{\"nodes\": [{\"id\": \"Bad Id\"}]}";
    assert_int_equal(svcr_taxonomy_parse(id, strlen(id), &t), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "is not an id"));
    const char *twice = "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}";
    assert_int_equal(svcr_taxonomy_parse(twice, strlen(twice), &t), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "duplicate id \"a\""));
    const char *empty = "{\"nodes\": []}";
    assert_int_equal(svcr_taxonomy_parse(empty, strlen(empty), &t), SVCR_EPARSE);
    assert_null(t);
}

static void a_bound_taxonomy_makes_the_root_cause_a_code(void **state)
{
    (void)state;
    svcr_taxonomy *t = load();
    svcr_workflow *wf;
    svcr_case *c, *copy;
    assert_int_equal(svcr_workflow_builtin("five-step", &wf), SVCR_OK);
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_bind_taxonomy(c, t), SVCR_OK);
    assert_ptr_equal(svcr_case_taxonomy(c), t);
    assert_int_equal(svcr_case_change_fact(c, "root_cause", "Carrier Delay", "agent", "ann", T0), SVCR_OK);
    const char *cause;
    assert_int_equal(svcr_case_get_fact_string(c, "root_cause", &cause), SVCR_OK);
    assert_string_equal(cause, "logistics/carrier/late");
    assert_int_equal(svcr_case_set_fact_string(c, "root_cause", "the weather"), SVCR_EGUARD);
    assert_non_null(strstr(svcr_error_message(), "fact \"root_cause\": \"the weather\" is no root-cause code"));
    assert_non_null(strstr(svcr_error_message(), "closest: "));
    assert_int_equal(svcr_case_get_fact_string(c, "root_cause", &cause), SVCR_OK);
    assert_string_equal(cause, "logistics/carrier/late");
    /* other string facts are free text */
    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "the weather"), SVCR_OK);
    assert_int_equal(svcr_case_replay(c, NULL, &copy), SVCR_OK);
    assert_ptr_equal(svcr_case_taxonomy(copy), t);
    svcr_case_free(copy);
    svcr_case_free(c);
    svcr_workflow_free(wf);
    svcr_taxonomy_free(t);
}

static void the_pareto_by_code_and_level_names_the_owners(void **state)
{
    (void)state;
    svcr_taxonomy *t = load();
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    static const char *const causes[] = {"logistics/carrier/late", "Carrier delay", "late parcel",
                                         "broken parcel", "billing/double_charge", "gremlins"};
    for (size_t i = 0; i < sizeof causes / sizeof *causes; i++) {
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.root_cause = causes[i];
        assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    }
    svcr_insight_code_row rows[4], *p[4];
    for (int i = 0; i < 4; i++) {
        rows[i] = (svcr_insight_code_row){.size = sizeof rows[i]};
        p[i] = &rows[i];
    }
    size_t count;
    assert_int_equal(svcr_insight_pareto_by_code(insight, t, 0, p, 4, &count), SVCR_OK);
    assert_int_equal(count, 4);
    assert_string_equal(rows[0].code, "logistics/carrier/late");
    assert_int_equal(rows[0].cases, 3);
    assert_string_equal(rows[0].owner_team, "Carrier desk");
    assert_true(rows[0].vital_few);
    assert_null(rows[3].code); /* "gremlins": no code */
    assert_string_equal(rows[3].name, "unresolved");
    assert_int_equal(svcr_insight_pareto_by_code(insight, t, 1, p, 4, &count), SVCR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(rows[0].code, "logistics");
    assert_int_equal(rows[0].cases, 4);
    assert_string_equal(rows[0].owner_team, "Operations");
    assert_true(rows[0].share > 0.66 && rows[0].share < 0.67);
    assert_string_equal(rows[1].code, "billing");
    assert_string_equal(rows[1].owner_contact, "billing@example.com");
    assert_int_equal(svcr_insight_pareto_by_code(insight, t, 1, NULL, 0, &count), SVCR_OK);
    assert_int_equal(count, 3);
    assert_int_equal(svcr_insight_pareto_by_code(insight, t, 1, NULL, 2, &count), SVCR_EINVAL);
    svcr_insight_free(insight);
    svcr_taxonomy_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_form_a_hierarchy_with_owners),
        cmocka_unit_test(aliases_resolve_ignoring_case_and_spaces),
        cmocka_unit_test(bad_taxonomies_are_refused),
        cmocka_unit_test(a_bound_taxonomy_makes_the_root_cause_a_code),
        cmocka_unit_test(the_pareto_by_code_and_level_names_the_owners),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
