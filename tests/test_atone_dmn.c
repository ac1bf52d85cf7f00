/* DMN 1.3 XML import: a two-decision model from tests/data, the offer mapping (kind, amount,
 * currency, approval, annotations), hit policies and aggregation, and malformed documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static char *read_data(const char *name, size_t *length)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SVCR_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[65536];
    *length = fread(text, 1, sizeof text - 1, f);
    text[*length] = '\0';
    fclose(f);
    return text;
}

static void imports_the_offer_model(void **state)
{
    (void)state;
    size_t length;
    const char *text = read_data("atone_offers.dmn", &length);
    svcr_table *table;
    if (svcr_table_parse_dmn(text, length, &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    assert_string_equal(svcr_table_name(table), "offer");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    static const struct {
        const char *facts;
        const char *kind;
        int64_t amount;
        const char *approval;
        const char *rule;
    } cases[] = {
        {"{\"hours_late\": 30, \"tier\": \"basic\"}", "refund", 25000, "manager", "severe"},
        {"{\"hours_late\": 30, \"tier\": \"gold\"}", "refund", 25000, "manager", "severe"},
        {"{\"hours_late\": 5, \"tier\": \"gold\"}", "credit", 4000, "supervisor", "valued"},
        {"{\"hours_late\": 5, \"tier\": \"basic\"}", "voucher", 1550, "agent", "late"},
        {"{\"hours_late\": 1, \"tier\": \"basic\"}", "apology_only", -1, "agent", "sorry"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(svcr_table_facts_set_json(facts, cases[i].facts, strlen(cases[i].facts), 0), SVCR_OK);
        assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
        assert_int_equal(svcr_table_result_offer_count(result), 1);
        const svcr_table_offer *offer = svcr_table_result_offer(result, 0);
        assert_string_equal(offer->kind, cases[i].kind);
        assert_string_equal(offer->rule, cases[i].rule);
        assert_string_equal(offer->approval, cases[i].approval);
        assert_int_equal(offer->has_amount, cases[i].amount >= 0);
        if (cases[i].amount >= 0) {
            assert_int_equal(offer->amount.amount_minor, cases[i].amount);
            assert_string_equal(offer->amount.currency, "EUR");
        }
    }
    assert_string_equal(svcr_table_result_offer(result, 0)->rule, "sorry");
    assert_int_equal(svcr_table_facts_set_json(facts, "{\"hours_late\": 30}", 18, 0), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->annotation, "Full refund of the booking");
    assert_int_equal(svcr_table_result_trace(result, 0)->line, 12); /* the classify rule "very_late" */
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static const char head[] = "<?xml version=\"1.0\"?>\n<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n";

static svcr_table *import(const char *body)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s</definitions>\n", head, body);
    svcr_table *table = NULL;
    if (svcr_table_parse_dmn(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    return table;
}

static void collect_with_aggregation(void **state)
{
    (void)state;
    svcr_table *table = import(
        "<decision name=\"points\"><decisionTable hitPolicy=\"COLLECT\" aggregation=\"SUM\">\n"
        "<input><inputExpression typeRef=\"dayTimeDuration\"><text>wait</text></inputExpression></input>\n"
        "<output name=\"points\" typeRef=\"number\"/>\n"
        "<rule id=\"a\"><inputEntry><text>&gt; duration(\"PT1H\")</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>\n"
        "<rule id=\"b\"><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>\n"
        "</decisionTable></decision>\n");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_duration(facts, "wait", 7200), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    svcr_table_value v = {.size = sizeof v};
    assert_int_equal(svcr_table_result_aggregate(result, &v), SVCR_OK);
    assert_int_equal(v.number, 3 * SVCR_TABLE_NUMBER_SCALE);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

/* A standard table whose only output has no name (as DMN allows): the output is the decision's,
 * typed by the decision's variable, and gives plain values rather than offers. */
static void a_single_unnamed_output_is_the_decisions(void **state)
{
    (void)state;
    svcr_table *table = import(
        "<decision name=\"Loan Status\" id=\"d1\"><variable name=\"Loan Status\" typeRef=\"string\"/>\n"
        "<decisionTable hitPolicy=\"UNIQUE\">\n"
        "<input><inputExpression typeRef=\"number\"><text>age</text></inputExpression></input>\n"
        "<output/>\n"
        "<rule id=\"adult\"><inputEntry><text>&gt;=18</text></inputEntry><outputEntry><text>\"Approved\"</text></outputEntry></rule>\n"
        "<rule id=\"minor\"><inputEntry><text>&lt;18</text></inputEntry><outputEntry><text>\"Declined\"</text></outputEntry></rule>\n"
        "</decisionTable></decision>\n");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_integer(facts, "age", 17), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 1);
    assert_null(svcr_table_result_offer(result, 0)->kind);
    svcr_table_value v = {.size = sizeof v};
    assert_int_equal(svcr_table_result_output(result, 0, "Loan Status", &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_STRING);
    assert_string_equal(v.string, "Declined");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void bad(const char *body, int line, int column, const char *message)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s</definitions>\n", head, body);
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse_dmn(text, strlen(text), &table);
    if (status != SVCR_EPARSE || svcr_error_line() != line || svcr_error_column() != column ||
        !strstr(svcr_error_message(), message))
        fail_msg("%s\n-> %s %d:%d %s", body, svcr_status_name(status), svcr_error_line(), svcr_error_column(),
                 svcr_error_message());
    assert_null(table);
}

static void malformed_documents(void **state)
{
    (void)state;
    svcr_table *table = NULL;
    const char broken[] = "<definitions>\n  <decision>\n</definitions>";
    assert_int_equal(svcr_table_parse_dmn(broken, sizeof broken - 1, &table), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 3);
    assert_true(svcr_error_column() > 0);
    assert_non_null(strstr(svcr_error_message(), "DMN XML: line 3, column"));
    const char foreign[] = "<definitions xmlns=\"urn:other\"/>";
    assert_int_equal(svcr_table_parse_dmn(foreign, sizeof foreign - 1, &table), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "not DMN <definitions>"));
    bad("", 2, 0, "no decision with a decisionTable");
    bad("<decision name=\"d\"><literalExpression/></decision>\n", 3, 0, "only decision tables are imported");
    bad("<decision name=\"d\"><decisionTable hitPolicy=\"SOMETIMES\"/></decision>\n", 3, 0, "unknown hitPolicy SOMETIMES");
    bad("<decision name=\"d\"><decisionTable aggregation=\"SUM\"/></decision>\n", 3, 0, "with hitPolicy COLLECT");
    bad("<decision name=\"d\"><decisionTable>\n<input/>\n</decisionTable></decision>\n", 4, 0, "input without inputExpression");
    bad("<decision name=\"d\"><decisionTable>\n<input><inputExpression typeRef=\"date\"><text>x</text></inputExpression></input>\n"
        "</decisionTable></decision>\n", 4, 0, "unsupported typeRef");
    bad("<decision name=\"d\"><decisionTable>\n<input><inputExpression typeRef=\"number\"><text>x</text></inputExpression></input>\n"
        "</decisionTable></decision>\n", 3, 0, "decision table without outputs");
    bad("<decision name=\"d\"><decisionTable>\n<input><inputExpression typeRef=\"number\"><text>x</text></inputExpression></input>\n"
        "<output name=\"kind\"/>\n<rule id=\"r\">\n<inputEntry><text>[1..</text></inputEntry>\n<outputEntry><text>\"refund\"</text></outputEntry>\n"
        "</rule></decisionTable></decision>\n", 7, 0, "table \"d\", rule \"r\", input \"x\": cell \"[1..\", character 5: expected a number");
    bad("<decision name=\"d\"><decisionTable>\n<input><inputExpression typeRef=\"number\"><text>x</text></inputExpression></input>\n"
        "<output name=\"kind\"/>\n<rule id=\"r\">\n<inputEntry><text>1</text></inputEntry>\n"
        "</rule></decisionTable></decision>\n", 6, 0, "fewer outputEntry elements");
    bad("<decision name=\"d\"><decisionTable>\n<output/>\n<output name=\"x\"/>\n</decisionTable></decision>\n", 4, 0,
        "output without a name (only a table's single output may omit it)");
    assert_int_equal(svcr_table_parse_dmn(NULL, 0, &table), SVCR_EINVAL);
    assert_int_equal(svcr_table_parse_dmn("x", 1, NULL), SVCR_EINVAL);
}

/* Found by fuzzing: a table without input columns whose offer has a fixed amount read an input
 * that does not exist (heap overflow). Such a table always offers its amount. */
static void fixed_amount_without_inputs(void **state)
{
    (void)state;
    svcr_table *table = import(
        "<decision name=\"d\"><decisionTable>\n"
        "<output name=\"kind\"/><output name=\"amount\"/><output name=\"currency\"/>\n"
        "<rule><outputEntry><text>\"refund\"</text></outputEntry><outputEntry><text>250.00</text>"
        "</outputEntry><outputEntry><text>\"EUR\"</text></outputEntry></rule>\n"
        "</decisionTable></decision>\n");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 1);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "refund");
    assert_true(svcr_table_result_offer(result, 0)->has_amount);
    assert_int_equal(svcr_table_result_offer(result, 0)->amount.amount_minor, 25000);
    assert_string_equal(svcr_table_result_offer(result, 0)->amount.currency, "EUR");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

/* A DTD could declare entities whose text (or an external file's) would silently become part of
 * a cell, or vanish from it: "a&x;b" read as "ab". A DOCTYPE is refused where it starts, and an
 * undeclared entity reference is an error, never dropped. Character references and the five
 * predefined entities stay ordinary XML. */
static const char table_with_text[] =
    "<decision name=\"d\"><decisionTable>\n"
    "<output name=\"kind\"/>\n"
    "<rule><outputEntry><text>\"a&x;b\"</text></outputEntry></rule>\n"
    "</decisionTable></decision>\n</definitions>\n";

/* @p column -1: any column libxml2 reports (its columns for its own errors vary by version). */
static void refuse_document(const char *prolog, int line, int column, const char *message)
{
    char text[4096];
    snprintf(text, sizeof text, "<?xml version=\"1.0\"?>\n%s"
             "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n%s",
             prolog, table_with_text);
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse_dmn(text, strlen(text), &table);
    bool column_ok = column < 0 ? svcr_error_column() > 0 : svcr_error_column() == column;
    if (status != SVCR_EPARSE || svcr_error_line() != line || !column_ok ||
        strstr(svcr_error_message(), message) == NULL)
        fail_msg("%s\n-> %s %d:%d %s", prolog, svcr_status_name(status), svcr_error_line(),
                 svcr_error_column(), svcr_error_message());
    assert_null(table);
}

static void refuses_dtds_and_entities(void **state)
{
    (void)state;
    const char *refused = "a DOCTYPE is not accepted (DMN needs no DTD; entities are refused)";
    refuse_document("<!DOCTYPE definitions [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n", 2, 1,
                    refused);
    refuse_document("<!DOCTYPE definitions [\n  <!ENTITY x \"\">\n]>\n", 2, 1, refused);
    refuse_document("\n  <!DOCTYPE definitions SYSTEM \"model.dtd\">\n", 3, 3, refused);
    refuse_document("<!-- a comment -->\n<!DOCTYPE definitions>\n", 3, 1, refused);
    /* Without a DTD, &x; is an undeclared entity: an error at the reference. */
    refuse_document("", 5, -1, "Entity 'x' not defined");
    /* Character references and the predefined entities are plain XML and still read. */
    svcr_table *table = import("<decision name=\"d\"><decisionTable>\n<output name=\"kind\"/>\n"
                               "<rule><outputEntry><text>\"a&amp;&#98;&lt;\"</text></outputEntry></rule>\n"
                               "</decisionTable></decision>\n");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 1);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "a&b<");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static svcr_status import_scenario(void *state)
{
    const char *text = state;
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse_dmn(text, strlen(text), &table);
    svcr_table_free(table);
    return status;
}

static void allocation_failures(void **state)
{
    (void)state;
    size_t length;
    const char *text = read_data("atone_offers.dmn", &length);
    long points = test_alloc_exhaust(import_scenario, (void *)text);
    assert_true(points > 50);
    print_message("allocation points: DMN import of atone_offers.dmn: %ld\n", points);
}

static void skip_without_dmn(void **state)
{
    (void)state;
    svcr_table *table = NULL;
    assert_int_equal(svcr_table_parse_dmn("<x/>", 4, &table), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "built without DMN support"));
    skip();
}

int main(void)
{
    const struct CMUnitTest with_dmn[] = {
        cmocka_unit_test(imports_the_offer_model),
        cmocka_unit_test(collect_with_aggregation),
        cmocka_unit_test(a_single_unnamed_output_is_the_decisions),
        cmocka_unit_test(malformed_documents),
        cmocka_unit_test(fixed_amount_without_inputs),
        cmocka_unit_test(refuses_dtds_and_entities),
        cmocka_unit_test(allocation_failures),
    };
    const struct CMUnitTest without_dmn[] = {
        cmocka_unit_test(skip_without_dmn),
    };
    if (!svcr_table_dmn_available())
        return cmocka_run_group_tests(without_dmn, NULL, NULL);
    return cmocka_run_group_tests(with_dmn, NULL, NULL);
}
