/* Standard DMN models evaluated through the public API: a compensation schedule (EU 261/2004) and
 * a DMN 1.3 specification-style DRG, every hit policy, and the errors a model author meets. The
 * DMN TCK runs in the `conformance` suite when it is present; these run everywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

static char *read_data(const char *name, size_t *length)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/dmn/%s", SVCR_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = malloc(1 << 20);
    assert_non_null(text);
    *length = fread(text, 1, (1 << 20) - 1, f);
    text[*length] = '\0';
    fclose(f);
    return text;
}

static svcr_dmn_model *load(const char *name)
{
    size_t length;
    char *text = read_data(name, &length);
    svcr_dmn_model *model = NULL;
    svcr_status status = svcr_dmn_model_parse(text, length, &model);
    if (status != SVCR_OK)
        print_error("%s: %s\n", name, svcr_error_message());
    assert_int_equal(status, SVCR_OK);
    free(text);
    return model;
}

/* Evaluate @p inputs and compare the whole result's JSON with @p expected. */
static void expect_result(const svcr_dmn_model *model, const char *inputs, const char *expected)
{
    svcr_dmn_result *result = NULL;
    svcr_status status = svcr_dmn_model_evaluate(model, inputs, strlen(inputs), &result);
    if (status != SVCR_OK)
        print_error("%s\n", svcr_error_message());
    assert_int_equal(status, SVCR_OK);
    char *json = NULL;
    assert_int_equal(svcr_dmn_result_encode(result, &json), SVCR_OK);
    assert_string_equal(json, expected);
    svcr_free(json);
    svcr_dmn_result_free(result);
}

/* Parsing @p xml fails with @p status and a message containing each of the NULL-ended texts. */
static void expect_parse_error(const char *xml, svcr_status status, ...)
{
    svcr_dmn_model *model = NULL;
    assert_int_equal(svcr_dmn_model_parse(xml, strlen(xml), &model), status);
    assert_null(model);
    va_list ap;
    va_start(ap, status);
    for (const char *part = va_arg(ap, const char *); part != NULL; part = va_arg(ap, const char *))
        if (strstr(svcr_error_message(), part) == NULL)
            fail_msg("\"%s\" not in \"%s\"", part, svcr_error_message());
    va_end(ap);
}

static int skip_without_dmn(void **state)
{
    (void)state;
    return 0;
}

#define REQUIRE_DMN()                                                                            \
    do {                                                                                         \
        if (!svcr_dmn_available())                                                               \
            skip();                                                                              \
    } while (0)

static void eu261_schedule(void **state)
{
    (void)state;
    REQUIRE_DMN();
    svcr_dmn_model *m = load("eu261-compensation.dmn");
    assert_int_equal(svcr_dmn_model_decision_count(m), 3);
    assert_string_equal(svcr_dmn_model_decision_name(m, 0), "Distance band");
    assert_string_equal(svcr_dmn_model_decision_name(m, 2), "Compensation");
    assert_null(svcr_dmn_model_decision_name(m, 3));
    /* Article 7(1)(a): up to 1500 km, three and a half hours late. */
    expect_result(m,
                  "{\"Flight distance\": 1200, \"Intra-Community\": true, \"Arrival delay\": \"PT3H30M\", "
                  "\"Extraordinary circumstances\": false, \"Rerouted within limit\": false}",
                  "{\"Distance band\": {\"band\": \"up to 1500 km\", \"amount\": 250}, \"Eligible\": true, "
                  "\"Compensation\": 250}");
    /* The band edge 1500 km is closed: [0..1500]; 1500.000001 km is in the next band. */
    expect_result(m,
                  "{\"Flight distance\": 1500.000001, \"Intra-Community\": true, \"Arrival delay\": \"PT3H\", "
                  "\"Extraordinary circumstances\": false, \"Rerouted within limit\": false}",
                  "{\"Distance band\": {\"band\": \"1500 to 3500 km\", \"amount\": 400}, \"Eligible\": true, "
                  "\"Compensation\": 400}");
    /* Article 7(1)(c) with the 50% reduction of Article 7(2). */
    expect_result(m,
                  "{\"Flight distance\": 5000, \"Intra-Community\": false, \"Arrival delay\": \"PT4H\", "
                  "\"Extraordinary circumstances\": false, \"Rerouted within limit\": true}",
                  "{\"Distance band\": {\"band\": \"over 3500 km\", \"amount\": 600}, \"Eligible\": true, "
                  "\"Compensation\": 300}");
    /* Intra-Community flights over 3500 km: 400. */
    expect_result(m,
                  "{\"Flight distance\": 5000, \"Intra-Community\": true, \"Arrival delay\": \"P1D\", "
                  "\"Extraordinary circumstances\": false, \"Rerouted within limit\": false}",
                  "{\"Distance band\": {\"band\": \"intra-Community over 1500 km\", \"amount\": 400}, "
                  "\"Eligible\": true, \"Compensation\": 400}");
    /* A minute short of three hours, or extraordinary circumstances: nothing. */
    expect_result(m,
                  "{\"Flight distance\": 2000, \"Intra-Community\": false, \"Arrival delay\": \"PT2H59M\", "
                  "\"Extraordinary circumstances\": false, \"Rerouted within limit\": false}",
                  "{\"Distance band\": {\"band\": \"1500 to 3500 km\", \"amount\": 400}, \"Eligible\": false, "
                  "\"Compensation\": 0}");
    expect_result(m,
                  "{\"Flight distance\": 2000, \"Intra-Community\": false, \"Arrival delay\": \"PT9H\", "
                  "\"Extraordinary circumstances\": true, \"Rerouted within limit\": false}",
                  "{\"Distance band\": {\"band\": \"1500 to 3500 km\", \"amount\": 400}, \"Eligible\": false, "
                  "\"Compensation\": 0}");
    /* A forgotten input is null: the decisions that need it say why. */
    svcr_dmn_result *r = NULL;
    const char *partial = "{\"Flight distance\": 5000, \"Arrival delay\": \"PT9H\", \"Extraordinary circumstances\": false}";
    assert_int_equal(svcr_dmn_model_evaluate(m, partial, strlen(partial), &r), SVCR_OK);
    assert_int_equal(svcr_dmn_result_count(r), 3);
    assert_string_equal(svcr_dmn_result_name(r, 0), "Distance band");
    assert_string_equal(svcr_dmn_result_value_json(r, 0), "null"); /* no rule matches a null Intra-Community */
    assert_string_equal(svcr_dmn_result_value_json(r, 1), "true");
    assert_null(svcr_dmn_result_error(r, 1));
    svcr_dmn_result_free(r);
    /* A duration that is not ISO 8601 is refused, naming the input. */
    const char *bad = "{\"Arrival delay\": \"3 hours\"}";
    assert_int_equal(svcr_dmn_model_evaluate(m, bad, strlen(bad), &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "input \"Arrival delay\""));
    assert_non_null(strstr(svcr_error_message(), "ISO 8601 duration"));
    svcr_dmn_model_free(m);
}

static void specification_style_drg(void **state)
{
    (void)state;
    REQUIRE_DMN();
    svcr_dmn_model *m = load("applicant-risk.dmn");
    expect_result(m, "{\"Applicant Age\": 61, \"Medical History\": \"bad\", \"Bankrupt\": false, \"Monthly Income\": 2500}",
                  "{\"Applicant Risk Rating\": \"High\", \"Routing\": \"REFER\", \"Credit limit\": 0}");
    /* PRIORITY: DECLINE outranks ACCEPT; exact decimals: 2500.10 * 3.5 = 8750.35. */
    expect_result(m, "{\"Applicant Age\": 30, \"Medical History\": \"good\", \"Bankrupt\": true, \"Monthly Income\": 2500.10}",
                  "{\"Applicant Risk Rating\": \"Medium\", \"Routing\": \"DECLINE\", \"Credit limit\": 0}");
    expect_result(m, "{\"Applicant Age\": 30, \"Medical History\": \"good\", \"Bankrupt\": false, \"Monthly Income\": 2500.10}",
                  "{\"Applicant Risk Rating\": \"Medium\", \"Routing\": \"ACCEPT\", \"Credit limit\": 8750.35}");
    expect_result(m, "{\"Applicant Age\": 24, \"Medical History\": \"good\", \"Bankrupt\": false, \"Monthly Income\": 9000}",
                  "{\"Applicant Risk Rating\": \"Low\", \"Routing\": \"ACCEPT\", \"Credit limit\": 10000}");
    /* A value outside inputValues is an error of that decision; the default output still routes. */
    svcr_dmn_result *r = NULL;
    const char *odd = "{\"Applicant Age\": 30, \"Medical History\": \"so-so\", \"Bankrupt\": false, \"Monthly Income\": 1}";
    assert_int_equal(svcr_dmn_model_evaluate(m, odd, strlen(odd), &r), SVCR_OK);
    assert_string_equal(svcr_dmn_result_value_json(r, 0), "null");
    assert_non_null(strstr(svcr_dmn_result_error(r, 0), "decision \"Applicant Risk Rating\""));
    assert_non_null(strstr(svcr_dmn_result_error(r, 0), "is not one of its inputValues"));
    assert_string_equal(svcr_dmn_result_value_json(r, 1), "\"ACCEPT\"");
    svcr_dmn_result_free(r);
    svcr_dmn_model_free(m);
}

/* A one-decision model around a decision table with @p policy over input n. */
static char *table_model(const char *policy, const char *rules)
{
    static char text[8192];
    snprintf(text, sizeof text,
             "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\" name=\"t\" id=\"t\">"
             "<inputData id=\"n\" name=\"n\"><variable name=\"n\" typeRef=\"number\"/></inputData>"
             "<decision id=\"d\" name=\"d\"><informationRequirement><requiredInput href=\"#n\"/></informationRequirement>"
             "<decisionTable %s><input><inputExpression><text>n</text></inputExpression></input>"
             "<output><outputValues><text>\"a\", \"b\", \"c\"</text></outputValues></output>%s</decisionTable></decision>"
             "</definitions>",
             policy, rules);
    return text;
}

static const char *eval_one(const char *xml, const char *inputs)
{
    static char value[256];
    svcr_dmn_model *m = NULL;
    svcr_status status = svcr_dmn_model_parse(xml, strlen(xml), &m);
    if (status != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_dmn_result *r = NULL;
    assert_int_equal(svcr_dmn_model_evaluate(m, inputs, strlen(inputs), &r), SVCR_OK);
    snprintf(value, sizeof value, "%s", svcr_dmn_result_value_json(r, 0));
    svcr_dmn_result_free(r);
    svcr_dmn_model_free(m);
    return value;
}

static void hit_policies(void **state)
{
    (void)state;
    REQUIRE_DMN();
    /* Rules: n > 1 gives "c", n > 2 gives "a", n > 3 gives "b". */
    const char *rules = "<rule><inputEntry><text>&gt;1</text></inputEntry><outputEntry><text>\"c\"</text></outputEntry></rule>"
                        "<rule><inputEntry><text>&gt;2</text></inputEntry><outputEntry><text>\"a\"</text></outputEntry></rule>"
                        "<rule><inputEntry><text>&gt;3</text></inputEntry><outputEntry><text>\"b\"</text></outputEntry></rule>";
    const char *four = "{\"n\": 4}";
    assert_string_equal(eval_one(table_model("hitPolicy=\"FIRST\"", rules), four), "\"c\"");
    assert_string_equal(eval_one(table_model("hitPolicy=\"PRIORITY\"", rules), four), "\"a\"");
    assert_string_equal(eval_one(table_model("hitPolicy=\"RULE ORDER\"", rules), four), "[\"c\", \"a\", \"b\"]");
    assert_string_equal(eval_one(table_model("hitPolicy=\"OUTPUT ORDER\"", rules), four), "[\"a\", \"b\", \"c\"]");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\"", rules), four), "[\"c\", \"a\", \"b\"]");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\" aggregation=\"COUNT\"", rules), four), "3");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\" aggregation=\"MIN\"", rules), four), "\"a\"");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\" aggregation=\"MAX\"", rules), four), "\"c\"");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\" aggregation=\"COUNT\"", rules), "{\"n\": 0}"), "0");
    assert_string_equal(eval_one(table_model("hitPolicy=\"COLLECT\"", rules), "{\"n\": 0}"), "[]");
    /* UNIQUE with two matches and ANY with different outputs are errors: null. */
    assert_string_equal(eval_one(table_model("hitPolicy=\"UNIQUE\"", rules), four), "null");
    assert_string_equal(eval_one(table_model("hitPolicy=\"ANY\"", rules), four), "null");
    assert_string_equal(eval_one(table_model("", rules), "{\"n\": 1.5}"), "\"c\"");
    /* Sums are exact: 0.1 + 0.2 is 0.3. */
    const char *tenths = "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>0.1</text></outputEntry></rule>"
                         "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>0.2</text></outputEntry></rule>";
    char *sum = table_model("hitPolicy=\"COLLECT\" aggregation=\"SUM\"", tenths);
    char *no_values = strstr(sum, "<outputValues>");
    memmove(no_values, strstr(no_values, "</outputValues>") + 15, strlen(strstr(no_values, "</outputValues>") + 15) + 1);
    assert_string_equal(eval_one(sum, "{\"n\": 1}"), "0.3");
}

static void unary_tests_and_expressions(void **state)
{
    (void)state;
    char *json = NULL;
    static const struct {
        const char *expression, *context, *expected;
    } cases[] = {
        {"5 in [1..5]", NULL, "true"},
        {"5 in [1..5)", NULL, "false"},
        {"5 in (> 4, \"x\")", NULL, "true"},
        {"\"b\" in (\"a\", \"b\")", NULL, "true"},
        {"x between 1 and 10", "{\"x\": 10}", "true"},
        {"Monthly Salary * 12", "{\"Monthly Salary\": 1000.01}", "12000.12"},
        {"1 / 3", NULL, "0.3333333333333333333333333333333333"},
        {"2 ** 100", NULL, "1267650600228229401496703205376"},
        {"null = null", NULL, "true"},
        {"true and null", NULL, "null"},
        {"false and null", NULL, "false"},
        {"true or null", NULL, "true"},
        {"date(\"2024-02-28\") + duration(\"P1D\")", NULL, "\"2024-02-29\""},
        {"date(\"2024-01-31\") + duration(\"P1M\")", NULL, "\"2024-02-29\""},
        {"date and time(\"2024-03-01T10:00:00Z\") - date and time(\"2024-02-28T09:30:00Z\")", NULL, "\"P2DT30M\""},
        {"time(\"10:15:00\") < time(\"11:00:00\")", NULL, "true"},
        {"{a: 1, b: a + 1}.b", NULL, "2"},
        {"[1, 2, 3][item > 1]", NULL, "[2, 3]"},
        {"[10, 20, 30][-1]", NULL, "30"},
        {"sum([1.5, 2.25]) + count([1, 2])", NULL, "5.75"},
        {"decimal(2.5, 0) + floor(-1.5) + ceiling(1.2)", NULL, "2"},
        {"substring(\"hello\", 2, 3) + upper case(\"x\")", NULL, "\"ellX\""},
        {"string length(\"横綱\")", NULL, "2"},
        {"if 1 > 2 then \"a\" else \"b\"", NULL, "\"b\""},
        {"99.9899999 < 99.99", NULL, "true"},
        {"0.1 + 0.2 = 0.3", NULL, "true"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_status status = svcr_feel_evaluate(cases[i].expression, cases[i].context, &json);
        if (status != SVCR_OK)
            fail_msg("%s: %s", cases[i].expression, svcr_error_message());
        if (strcmp(json, cases[i].expected) != 0)
            fail_msg("%s: expected %s, got %s", cases[i].expression, cases[i].expected, json);
        svcr_free(json);
    }
}

static void model_errors(void **state)
{
    (void)state;
    REQUIRE_DMN();
    const char *head = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"m\" id=\"m\">";
    char xml[4096];
    /* Malformed XML: line and column. */
    expect_parse_error("<definitions>\n<decision name=\"a\">\n</definitions>", SVCR_EPARSE, "DMN XML: line 3, column", NULL);
    /* A DOCTYPE (and so an entity) is refused where it stands. */
    expect_parse_error("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n<definitions/>", SVCR_EPARSE,
                       "line 2, column 1: a DOCTYPE is not accepted", NULL);
    /* Not DMN. */
    expect_parse_error("<html/>", SVCR_EPARSE, "not a DMN <definitions>", NULL);
    /* Unknown typeRef. */
    snprintf(xml, sizeof xml, "%s\n<inputData id=\"a\" name=\"a\"><variable name=\"a\" typeRef=\"money\"/></inputData></definitions>", head);
    expect_parse_error(xml, SVCR_EPARSE, "line 2", "unknown typeRef \"money\"", NULL);
    /* A FEEL syntax error: the XML line, the decision, the rule and column, and where in the cell. */
    snprintf(xml, sizeof xml,
             "%s\n<inputData id=\"n\" name=\"n\"/>\n<decision id=\"d\" name=\"Band\">"
             "<informationRequirement><requiredInput href=\"#n\"/></informationRequirement>\n"
             "<decisionTable><input><inputExpression><text>n</text></inputExpression></input><output/>\n"
             "<rule><inputEntry><text>&gt; 1</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>\n"
             "<rule><inputEntry><text>[1..2</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>\n"
             "</decisionTable></decision></definitions>",
             head);
    expect_parse_error(xml, SVCR_EPARSE, "line 6", "decision \"Band\", rule 2, input column 1",
                       "FEEL syntax error at line 1, column 6", NULL);
    snprintf(xml, sizeof xml,
             "%s\n<decision id=\"d\" name=\"d\">\n<literalExpression><text>1 +\n* 2</text></literalExpression></decision></definitions>",
             head);
    expect_parse_error(xml, SVCR_EPARSE, "line 3", "decision \"d\"", "at line 2, column 1", NULL);
    /* A cycle among decisions is named. */
    snprintf(xml, sizeof xml,
             "%s<decision id=\"a\" name=\"A\"><informationRequirement><requiredDecision href=\"#b\"/></informationRequirement>"
             "<literalExpression><text>B</text></literalExpression></decision>"
             "<decision id=\"b\" name=\"B\"><informationRequirement><requiredDecision href=\"#a\"/></informationRequirement>"
             "<literalExpression><text>A</text></literalExpression></decision></definitions>",
             head);
    expect_parse_error(xml, SVCR_EPARSE, "requirements form a cycle: \"A\" -> \"B\" -> \"A\"", NULL);
    /* A requirement that names nothing. */
    snprintf(xml, sizeof xml,
             "%s<decision id=\"a\" name=\"A\"><informationRequirement><requiredInput href=\"#zz\"/></informationRequirement>"
             "<literalExpression><text>1</text></literalExpression></decision></definitions>",
             head);
    expect_parse_error(xml, SVCR_EPARSE, "requiredInput href \"#zz\" names no element", NULL);
    /* A boxed context is not supported: said so. */
    snprintf(xml, sizeof xml, "%s<decision id=\"a\" name=\"A\"><context/></decision></definitions>", head);
    expect_parse_error(xml, SVCR_EPARSE, "a context expression is not supported", NULL);
    /* A document over 64 MiB (a table of ten million rules is far more) is refused before parsing. */
    size_t huge = (size_t)SVCR_DMN_MAX_DOCUMENT + 1;
    char *big = malloc(huge);
    assert_non_null(big);
    memset(big, ' ', huge);
    svcr_dmn_model *model = NULL;
    assert_int_equal(svcr_dmn_model_parse(big, huge, &model), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "longer than the 67108864 bytes (64 MiB)"));
    free(big);
}

static void evaluation_errors(void **state)
{
    (void)state;
    REQUIRE_DMN();
    const char *xml =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"m\" id=\"m\">"
        "<inputData id=\"s\" name=\"Name\"><variable name=\"Name\" typeRef=\"string\"/></inputData>"
        "<decision id=\"a\" name=\"Typo\"><variable name=\"Typo\" typeRef=\"number\"/>"
        "<informationRequirement><requiredInput href=\"#s\"/></informationRequirement>"
        "<literalExpression><text>Name * 2</text></literalExpression></decision>"
        "<decision id=\"b\" name=\"Wrong type\"><variable name=\"Wrong type\" typeRef=\"number\"/>"
        "<literalExpression><text>\"text\"</text></literalExpression></decision>"
        "<decision id=\"c\" name=\"Fine\"><literalExpression><text>1/4</text></literalExpression></decision>"
        "</definitions>";
    svcr_dmn_model *m = NULL;
    assert_int_equal(svcr_dmn_model_parse(xml, strlen(xml), &m), SVCR_OK);
    svcr_dmn_result *r = NULL;
    const char *in = "{\"Name\": \"Ada\"}";
    assert_int_equal(svcr_dmn_model_evaluate(m, in, strlen(in), &r), SVCR_OK);
    /* A type mismatch at evaluation: null, with the reason at line:column of the expression. */
    assert_string_equal(svcr_dmn_result_value_json(r, 0), "null");
    assert_string_equal(svcr_dmn_result_error(r, 0), "decision \"Typo\": line 1, column 1: cannot multiply string and number");
    assert_string_equal(svcr_dmn_result_value_json(r, 1), "null");
    assert_non_null(strstr(svcr_dmn_result_error(r, 1), "does not conform to its typeRef number"));
    assert_string_equal(svcr_dmn_result_value_json(r, 2), "0.25");
    assert_null(svcr_dmn_result_error(r, 2));
    svcr_dmn_result_free(r);
    /* Inputs: malformed JSON (line and column), not an object, an unknown name, a wrong type. */
    assert_int_equal(svcr_dmn_model_evaluate(m, "{\n\"Name\": }", 11, &r), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "inputs JSON: line 2, column 9"));
    assert_int_equal(svcr_dmn_model_evaluate(m, "[1]", 3, &r), SVCR_EPARSE);
    assert_int_equal(svcr_dmn_model_evaluate(m, "{\"Nmae\": \"x\"}", 13, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"Nmae\" is not an inputData of the model"));
    assert_int_equal(svcr_dmn_model_evaluate(m, "{\"Name\": 5}", 11, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "input \"Name\": a number"));
    svcr_dmn_model_free(m);
}


/* A model of @p body inside <definitions>; parsing it fails with a message containing @p part. */
static void refused(const char *body, const char *part)
{
    char xml[4096];
    snprintf(xml, sizeof xml, "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"m\" id=\"m\">%s"
                              "</definitions>", body);
    expect_parse_error(xml, SVCR_EPARSE, part, NULL);
}

static void more_model_errors(void **state)
{
    (void)state;
    REQUIRE_DMN();
    const char *in = "<input><inputExpression><text>1</text></inputExpression></input>";
    char body[2048];
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable hitPolicy=\"SOME\">%s<output/></decisionTable></decision>", in);
    refused(body, "unknown hitPolicy \"SOME\"");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable hitPolicy=\"COLLECT\" aggregation=\"AVG\">%s<output/>"
                                "</decisionTable></decision>", in);
    refused(body, "unknown aggregation \"AVG\"");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable hitPolicy=\"FIRST\" aggregation=\"SUM\">%s<output/>"
                                "</decisionTable></decision>", in);
    refused(body, "an aggregation needs the hit policy COLLECT");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable hitPolicy=\"COLLECT\" aggregation=\"SUM\">%s"
                                "<output name=\"a\"/><output name=\"b\"/></decisionTable></decision>", in);
    refused(body, "SUM, MIN and MAX need a single output");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s</decisionTable></decision>", in);
    refused(body, "a decision table needs an output");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s<output name=\"a\"/><output/></decisionTable></decision>", in);
    refused(body, "output 2 needs a name");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s<output typeRef=\"tX\"/></decisionTable></decision>", in);
    refused(body, "unknown typeRef \"tX\"");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s<output/><rule><outputEntry><text>1</text></outputEntry>"
                                "</rule></decisionTable></decision>", in);
    refused(body, "rule 1: 0 input entries and 1 output entries for 1 inputs and 1 outputs");
    refused("<decision name=\"d\"><decisionTable><input/><output/></decisionTable></decision>", "input 1 has no inputExpression");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s<output><outputValues><text>[1..</text></outputValues>"
                                "</output></decisionTable></decision>", in);
    refused(body, "outputValues of output 1: FEEL syntax error");
    snprintf(body, sizeof body, "<decision name=\"d\"><decisionTable>%s<output><defaultOutputEntry><text>)</text>"
                                "</defaultOutputEntry></output></decisionTable></decision>", in);
    refused(body, "defaultOutputEntry of output 1: FEEL syntax error");
    refused("<decision name=\"d\"><decisionTable><input><inputExpression><text>(</text></inputExpression>"
            "<inputValues><text>1</text></inputValues></input><output/></decisionTable></decision>",
            "decision \"d\", input 1: FEEL syntax error");
    refused("<decision name=\"d\"><decisionTable><input><inputExpression><text>1</text></inputExpression>"
            "<inputValues><text>&lt;</text></inputValues></input><output/></decisionTable></decision>",
            "inputValues of input 1: FEEL syntax error");
    refused("<decision name=\"d\"><decisionTable>" "<input><inputExpression><text>1</text></inputExpression></input>"
            "<output/><rule><inputEntry><text>1</text></inputEntry><outputEntry><text>1 +</text></outputEntry></rule>"
            "</decisionTable></decision>",
            "rule 1, output column 1: FEEL syntax error");
    refused("<decision name=\"d\"/>", "\"d\" has no decision table or literal expression");
    refused("<decision><literalExpression><text>1</text></literalExpression></decision>", "a decision without a name");
    refused("<inputData name=\"a\"/><decision name=\"a\"><literalExpression><text>1</text></literalExpression></decision>",
            "two elements are named \"a\"");
    refused("<inputData id=\"i\" name=\"i\"/><decision name=\"d\"><informationRequirement><requiredDecision href=\"#i\"/>"
            "</informationRequirement><literalExpression><text>1</text></literalExpression></decision>",
            "requiredDecision refers to \"i\", which is not a decision");
    refused("<businessKnowledgeModel name=\"f\"/>", "business knowledge model \"f\" has no encapsulatedLogic");
    refused("<businessKnowledgeModel name=\"f\"><encapsulatedLogic><formalParameter/><literalExpression><text>1</text>"
            "</literalExpression></encapsulatedLogic></businessKnowledgeModel>",
            "\"f\": a formalParameter without a name");
    refused("<businessKnowledgeModel name=\"f\"><encapsulatedLogic><formalParameter name=\"x\" typeRef=\"nope\"/>"
            "</encapsulatedLogic></businessKnowledgeModel>",
            "unknown typeRef \"nope\"");
    refused("<itemDefinition name=\"t\"><typeRef>t</typeRef></itemDefinition>", "itemDefinition \"t\" is defined as itself");
    refused("<itemDefinition><typeRef>string</typeRef></itemDefinition>", "an itemDefinition or itemComponent without a name");
    refused("<itemDefinition name=\"t\"><typeRef>string</typeRef><allowedValues><text>\"a\",</text></allowedValues></itemDefinition>",
            "allowedValues of \"t\": FEEL syntax error");
    refused("<itemDefinition name=\"t\"><itemComponent name=\"c\"><typeRef>bogus</typeRef></itemComponent></itemDefinition>",
            "unknown typeRef \"bogus\"");
    refused("<decision name=\"d\"><relation/></decision>", "a relation expression is not supported");
}

static void table_edges(void **state)
{
    (void)state;
    REQUIRE_DMN();
    const char *elements =
        "<definitions xmlns=\"http://www.omg.org/spec/DMN/20151101/dmn.xsd\" name=\"m\" id=\"m\">"
        "<itemDefinition name=\"tLevel\"><typeRef>string</typeRef><allowedValues><text>\"low\", \"high\"</text></allowedValues></itemDefinition>"
        "<itemDefinition name=\"tClaim\"><itemComponent name=\"amount\"><typeRef>number</typeRef></itemComponent>"
        "<itemComponent name=\"filed\"><typeRef>date</typeRef></itemComponent></itemDefinition>"
        "<itemDefinition name=\"tClaims\" isCollection=\"true\"><typeRef>tClaim</typeRef></itemDefinition>"
        "<inputData id=\"l\" name=\"Level\"><variable name=\"Level\" typeRef=\"tLevel\"/></inputData>"
        "<inputData id=\"c\" name=\"Claim\"><variable name=\"Claim\" typeRef=\"tClaim\"/></inputData>"
        "<inputData id=\"w\" name=\"When\"><variable name=\"When\" typeRef=\"dateTime\"/></inputData>"
        "<inputData id=\"p\" name=\"Period\"><variable name=\"Period\" typeRef=\"yearMonthDuration\"/></inputData>"
        "<inputData id=\"t\" name=\"At\"><variable name=\"At\" typeRef=\"time\"/></inputData>"
        "<businessKnowledgeModel id=\"half\" name=\"Half\"><encapsulatedLogic><formalParameter name=\"x\" typeRef=\"number\"/>"
        "<literalExpression><text>x / 2</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>"
        "<businessKnowledgeModel id=\"quarter\" name=\"Quarter\"><variable name=\"Quarter\" typeRef=\"string\"/>"
        "<knowledgeRequirement><requiredKnowledge href=\"#half\"/></knowledgeRequirement>"
        "<encapsulatedLogic><formalParameter name=\"y\"/><literalExpression><text>Half(Half(y))</text></literalExpression>"
        "</encapsulatedLogic></businessKnowledgeModel>"
        "<decision id=\"a\" name=\"Named\"><knowledgeRequirement><requiredKnowledge href=\"#half\"/></knowledgeRequirement>"
        "<informationRequirement><requiredInput href=\"#c\"/></informationRequirement>"
        "<literalExpression><text>Half(x: Claim.amount)</text></literalExpression></decision>"
        "<decision id=\"b\" name=\"Bad argument\"><knowledgeRequirement><requiredKnowledge href=\"#half\"/></knowledgeRequirement>"
        "<literalExpression><text>Half(\"two\")</text></literalExpression></decision>"
        "<decision id=\"q\" name=\"Wrong result\"><knowledgeRequirement><requiredKnowledge href=\"#quarter\"/></knowledgeRequirement>"
        "<literalExpression><text>Quarter(8)</text></literalExpression></decision>"
        "<decision id=\"n\" name=\"Arity\"><knowledgeRequirement><requiredKnowledge href=\"#half\"/></knowledgeRequirement>"
        "<literalExpression><text>Half(1, 2)</text></literalExpression></decision>"
        "<decision id=\"u\" name=\"Unknown parameter\"><knowledgeRequirement><requiredKnowledge href=\"#half\"/></knowledgeRequirement>"
        "<literalExpression><text>Half(z: 1)</text></literalExpression></decision>"
        "<decision id=\"f\" name=\"Filed\"><informationRequirement><requiredInput href=\"#c\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#w\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#p\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#t\"/></informationRequirement>"
        "<literalExpression><text>[Claim.filed + Period, date(When), At]</text></literalExpression></decision>"
        ;
    const char *tables =
        "<decision id=\"s\" name=\"Sum\"><decisionTable hitPolicy=\"COLLECT\" aggregation=\"SUM\">"
        "<input><inputExpression><text>1</text></inputExpression></input><output/>"
        "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>\"x\"</text></outputEntry></rule></decisionTable></decision>"
        "<decision id=\"m\" name=\"Min\"><decisionTable hitPolicy=\"COLLECT\" aggregation=\"MIN\">"
        "<input><inputExpression><text>1</text></inputExpression></input><output/>"
        "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>\"x\"</text></outputEntry></rule>"
        "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>"
        "<decision id=\"o\" name=\"Out of values\"><decisionTable>"
        "<input><inputExpression><text>1</text></inputExpression></input><output><outputValues><text>\"a\"</text></outputValues></output>"
        "<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>\"b\"</text></outputEntry></rule></decisionTable></decision>"
        "<decision id=\"r\" name=\"Default list\"><decisionTable hitPolicy=\"RULE ORDER\">"
        "<input><inputExpression><text>1</text></inputExpression></input>"
        "<output name=\"k\"><defaultOutputEntry><text>\"none\"</text></defaultOutputEntry></output><output name=\"v\"/>"
        "<rule><inputEntry><text>2</text></inputEntry><outputEntry><text>\"x\"</text></outputEntry><outputEntry><text>1</text></outputEntry></rule>"
        "</decisionTable></decision>"
        "</definitions>";
    static char xml[8192];
    snprintf(xml, sizeof xml, "%s%s", elements, tables);
    svcr_dmn_model *m = NULL;
    if (svcr_dmn_model_parse(xml, strlen(xml), &m) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_dmn_result *r = NULL;
    const char *in = "{\"Level\": \"low\", \"Claim\": {\"amount\": 7, \"filed\": \"2024-01-31\"}, \"When\": \"2024-05-06T07:00:00Z\", "
                     "\"Period\": \"P1M\", \"At\": \"10:00:00+01:00\"}";
    if (svcr_dmn_model_evaluate(m, in, strlen(in), &r) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    static const struct {
        const char *value, *error;
    } expected[] = {
        {"3.5", NULL},
        {"null", "Half: argument x is a string, not a number"},
        {"null", "Quarter returned a number, not a string"},
        {"null", "Half takes 1 arguments, not 2"},
        {"null", "Half has no parameter 'z'"},
        {"[\"2024-02-29\", \"2024-05-06\", \"10:00:00+01:00\"]", NULL},
        {"null", "COLLECT SUM over a string"},
        {"null", "COLLECT MIN over values that cannot be compared"},
        {"null", "rule 1: output  is not one of its outputValues"},
        {"[{\"k\": \"none\", \"v\": null}]", NULL},
    };
    assert_int_equal(svcr_dmn_result_count(r), sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < svcr_dmn_result_count(r); i++) {
        if (strcmp(svcr_dmn_result_value_json(r, i), expected[i].value) != 0)
            fail_msg("%s: expected %s, got %s (%s)", svcr_dmn_result_name(r, i), expected[i].value,
                     svcr_dmn_result_value_json(r, i), svcr_dmn_result_error(r, i) ? svcr_dmn_result_error(r, i) : "");
        const char *error = svcr_dmn_result_error(r, i);
        if ((expected[i].error == NULL) != (error == NULL) || (error != NULL && strstr(error, expected[i].error) == NULL))
            fail_msg("%s: error %s", svcr_dmn_result_name(r, i), error ? error : "(none)");
    }
    svcr_dmn_result_free(r);
    /* Inputs that do not fit their types: allowed values, structure, collections. */
    static const struct {
        const char *json, *message;
    } bad[] = {
        {"{\"Level\": \"medium\"}", "input \"Level\": a string not one of the allowed values"},
        {"{\"Claim\": 5}", "input \"Claim\": a number not an object"},
        {"{\"Claim\": {\"filed\": \"yesterday\"}}", "input \"Claim\": a context not an ISO 8601 date"},
        {"{\"When\": \"2024-05-06 07:00\"}", "not an ISO 8601 date and time"},
        {"{\"Period\": \"P1D\"}", "not a years and months duration"},
        {"{\"At\": \"7am\"}", "not an ISO 8601 time"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(svcr_dmn_model_evaluate(m, bad[i].json, strlen(bad[i].json), &r), SVCR_EINVAL);
        if (strstr(svcr_error_message(), bad[i].message) == NULL)
            fail_msg("%s: %s", bad[i].json, svcr_error_message());
    }
    svcr_dmn_model_free(m);
}

static void type_refs(void **state)
{
    (void)state;
    REQUIRE_DMN();
    const char *xml =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20180521/MODEL/\" name=\"m\" id=\"m\">"
        "<itemDefinition name=\"tStop\"><itemComponent name=\"at\"><typeRef>date and time</typeRef></itemComponent>"
        "<itemComponent name=\"codes\" isCollection=\"true\"><typeRef>string</typeRef></itemComponent></itemDefinition>"
        "<itemDefinition name=\"tStops\" isCollection=\"true\"><itemComponent name=\"at\"><typeRef>date</typeRef></itemComponent></itemDefinition>"
        "<itemDefinition name=\"tAmount\"><typeRef>feel:number</typeRef></itemDefinition>"
        "<inputData id=\"s\" name=\"Stop\"><variable name=\"Stop\" typeRef=\"tStop\"/></inputData>"
        "<inputData id=\"l\" name=\"Stops\"><variable name=\"Stops\" typeRef=\"tStops\"/></inputData>"
        "<inputData id=\"a\" name=\"Anything\"><variable name=\"Anything\" typeRef=\"Any\"/></inputData>"
        "<inputData id=\"n\" name=\"Numbers\"><variable name=\"Numbers\" typeRef=\"list\"/></inputData>"
        "<inputData id=\"d\" name=\"Wait\"><variable name=\"Wait\" typeRef=\"duration\"/></inputData>"
        "<inputData id=\"m\" name=\"Money\"><variable name=\"Money\" typeRef=\"tAmount\"/></inputData>"
        "<decision id=\"d1\" name=\"First stop\"><variable name=\"First stop\" typeRef=\"date\"/>"
        "<informationRequirement><requiredInput href=\"#l\"/></informationRequirement>"
        "<literalExpression><text>Stops[1].at</text></literalExpression></decision>"
        "<decision id=\"d2\" name=\"Not a list\"><variable name=\"Not a list\" typeRef=\"tStops\"/>"
        "<literalExpression><text>1</text></literalExpression></decision>"
        "<decision id=\"d3\" name=\"Wrong component\"><variable name=\"Wrong component\" typeRef=\"tStop\"/>"
        "<literalExpression><text>{at: 1}</text></literalExpression></decision>"
        "<decision id=\"d4\" name=\"Echo\"><variable name=\"Echo\" typeRef=\"context\"/>"
        "<informationRequirement><requiredInput href=\"#s\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#a\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#n\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#d\"/></informationRequirement>"
        "<informationRequirement><requiredInput href=\"#m\"/></informationRequirement>"
        "<literalExpression><text>{s: Stop, a: Anything, n: Numbers, w: Wait, m: Money}</text></literalExpression></decision>"
        "<decision id=\"d5\" name=\"Scalar list\"><variable name=\"Scalar list\" typeRef=\"tStops\"/>"
        "<literalExpression><text>[1]</text></literalExpression></decision>"
        "</definitions>";
    svcr_dmn_model *m = NULL;
    if (svcr_dmn_model_parse(xml, strlen(xml), &m) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_dmn_result *r = NULL;
    const char *in = "{\"Stop\": {\"at\": \"2024-01-01T10:00:00Z\", \"codes\": [\"A\"], \"extra\": 1}, "
                     "\"Stops\": [{\"at\": \"2024-02-03\"}, null], \"Anything\": [1, \"x\"], \"Numbers\": [1, 2], "
                     "\"Wait\": \"P1Y\", \"Money\": 12.5}";
    if (svcr_dmn_model_evaluate(m, in, strlen(in), &r) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    assert_string_equal(svcr_dmn_result_value_json(r, 0), "\"2024-02-03\"");
    assert_string_equal(svcr_dmn_result_value_json(r, 1), "null");
    assert_non_null(strstr(svcr_dmn_result_error(r, 1), "does not conform to its typeRef tStops"));
    assert_string_equal(svcr_dmn_result_value_json(r, 2), "null");
    assert_string_equal(svcr_dmn_result_value_json(r, 3),
                        "{\"s\": {\"at\": \"2024-01-01T10:00:00Z\", \"codes\": [\"A\"], \"extra\": 1}, \"a\": [1, \"x\"], "
                        "\"n\": [1, 2], \"w\": \"P1Y\", \"m\": 12.5}");
    assert_string_equal(svcr_dmn_result_value_json(r, 4), "null");
    svcr_dmn_result_free(r);
    static const struct {
        const char *json, *message;
    } bad[] = {
        {"{\"Stops\": {\"at\": \"2024-02-03\"}}", "input \"Stops\": a context not a list"},
        {"{\"Stops\": [{\"at\": 5}]}", "input \"Stops\": a list of the wrong type"},
        {"{\"Stop\": {\"codes\": \"A\"}}", "input \"Stop\": a context not a list"},
        {"{\"Money\": \"12.5\"}", "input \"Money\": a string of the wrong type"},
        {"{\"Wait\": 5}", "input \"Wait\": a number of the wrong type"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(svcr_dmn_model_evaluate(m, bad[i].json, strlen(bad[i].json), &r), SVCR_EINVAL);
        if (strstr(svcr_error_message(), bad[i].message) == NULL)
            fail_msg("%s: %s", bad[i].json, svcr_error_message());
    }
    svcr_dmn_model_free(m);
    /* The root must be DMN; a namespace other than DMN's is not. */
    expect_parse_error("<definitions xmlns=\"urn:other\"/>", SVCR_EPARSE, "not a DMN <definitions>", NULL);
    expect_parse_error("", SVCR_EPARSE, "DMN XML: line", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eu261_schedule),
        cmocka_unit_test(specification_style_drg),
        cmocka_unit_test(hit_policies),
        cmocka_unit_test(unary_tests_and_expressions),
        cmocka_unit_test(model_errors),
        cmocka_unit_test(evaluation_errors),
        cmocka_unit_test(more_model_errors),
        cmocka_unit_test(table_edges),
        cmocka_unit_test(type_refs),
    };
    return cmocka_run_group_tests(tests, skip_without_dmn, NULL);
}
