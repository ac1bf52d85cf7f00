/* Bad inputs of dmn.h: standard DMN models, their results and FEEL expressions. Rows of
 * docs/bad-inputs.md (tests/bad_inputs_table.py); see bad_inputs.h. The snapshot evaluates the
 * fixture's model and prints its kept result, so a refused call must change neither. */
#include "bad_inputs/bad_inputs.h"

static const char model_xml[] =
    "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"m\" id=\"m\">\n"
    "<inputData id=\"n\" name=\"Amount due\"><variable name=\"Amount due\" typeRef=\"number\"/></inputData>\n"
    "<decision id=\"d\" name=\"Credit\"><variable name=\"Credit\" typeRef=\"number\"/>"
    "<informationRequirement><requiredInput href=\"#n\"/></informationRequirement>"
    "<literalExpression><text>Amount due * 2</text></literalExpression></decision>\n"
    "</definitions>";

typedef struct fixture {
    svcr_dmn_model *model;
    svcr_dmn_result *result; /* Amount due 1.5 */
    /* out-parameters the rows pass: they must stay untouched */
    svcr_dmn_model *model_out;
    svcr_dmn_result *result_out;
    char *json_out;
} fixture;

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL;
    if (f->model != NULL) {
        svcr_dmn_result *r = NULL;
        svcr_status status = svcr_dmn_model_evaluate(f->model, "{\"Amount due\": 2}", 17, &r);
        bad_append(&text, "evaluate %s %s\n", svcr_status_name(status), svcr_dmn_result_value_json(r, 0));
        svcr_dmn_result_free(r);
    }
    char *json = NULL;
    if (f->result != NULL && svcr_dmn_result_encode(f->result, &json) == SVCR_OK) {
        bad_append(&text, "result %s\n", json);
        svcr_free(json);
    }
    bad_append(&text, "outputs %p %p %p", (void *)f->model_out, (void *)f->result_out, (void *)f->json_out);
    return text;
}

static int setup(void **state)
{
    static fixture f;
    if (svcr_dmn_available() &&
        (svcr_dmn_model_parse(model_xml, sizeof model_xml - 1, &f.model) != SVCR_OK ||
         svcr_dmn_model_evaluate(f.model, "{\"Amount due\": 1.5}", 19, &f.result) != SVCR_OK))
        return -1;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_dmn_result_free(f->result);
    svcr_dmn_model_free(f->model);
    return 0;
}

static void model_rows(void **state)
{
    fixture *f = *state;
    static const char doctype[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE d SYSTEM \"file:///etc/passwd\">\n<definitions/>";
    static const char broken[] = "<definitions>\n<decision>\n</definitions>";
    static const char unknown_type[] = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n"
                                       "<inputData name=\"a\"><variable typeRef=\"tNope\"/></inputData></definitions>";
    static const char bad_feel[] = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n"
                                   "<decision name=\"d\"><literalExpression><text>1 + (2</text></literalExpression>"
                                   "</decision></definitions>";
    BAD("svcr_dmn_model_parse", "NULL xml", SVCR_EINVAL, "\"xml\" is NULL", svcr_dmn_model_parse(NULL, 0, &f->model_out));
    BAD("svcr_dmn_model_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_dmn_model_parse(model_xml, 10, NULL));
    if (svcr_dmn_available()) {
        BAD("svcr_dmn_model_parse", "malformed XML (built with DMN)", SVCR_EPARSE, "DMN XML: line 3, column",
            svcr_dmn_model_parse(broken, sizeof broken - 1, &f->model_out));
        BAD("svcr_dmn_model_parse", "a DOCTYPE (built with DMN)", SVCR_EPARSE,
            "DMN XML: line 2, column 1: a DOCTYPE is not accepted",
            svcr_dmn_model_parse(doctype, sizeof doctype - 1, &f->model_out));
        BAD("svcr_dmn_model_parse", "an unknown typeRef (built with DMN)", SVCR_EPARSE,
            "DMN XML: line 2: unknown typeRef \"tNope\"",
            svcr_dmn_model_parse(unknown_type, sizeof unknown_type - 1, &f->model_out));
        BAD("svcr_dmn_model_parse", "a FEEL syntax error `1 + (2` (built with DMN)", SVCR_EPARSE,
            "decision \"d\": FEEL syntax error at line 1, column 7 of \"1 + (2\": expected ')'",
            svcr_dmn_model_parse(bad_feel, sizeof bad_feel - 1, &f->model_out));
        BAD("svcr_dmn_model_parse", "a document over SVCR_DMN_MAX_DOCUMENT bytes (built with DMN)", SVCR_EINVAL,
            "is longer than the 67108864 bytes",
            svcr_dmn_model_parse(model_xml, (size_t)SVCR_DMN_MAX_DOCUMENT + 1, &f->model_out));
    } else {
        BAD("svcr_dmn_model_parse", "any text (built without DMN)", SVCR_EINVAL, "built without DMN support",
            svcr_dmn_model_parse(model_xml, sizeof model_xml - 1, &f->model_out));
    }
    BAD_RETURNS("svcr_dmn_available", "takes no input", "false when built without libxml2", "",
                svcr_dmn_model_parse("x", 1, &f->model_out) == (svcr_dmn_available() ? SVCR_EPARSE : SVCR_EINVAL));
    BAD_IGNORED("svcr_dmn_model_free", "NULL", svcr_dmn_model_free(NULL));
    BAD_RETURNS("svcr_dmn_model_decision_count", "NULL model", "0", "", svcr_dmn_model_decision_count(NULL) == 0);
    BAD_RETURNS("svcr_dmn_model_decision_name", "NULL model", "NULL", "", svcr_dmn_model_decision_name(NULL, 0) == NULL);
    if (f->model != NULL)
        BAD_RETURNS("svcr_dmn_model_decision_name", "index out of range", "NULL", "",
                    svcr_dmn_model_decision_name(f->model, 1) == NULL);
}

static void evaluate_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_dmn_model_evaluate", "NULL model", SVCR_EINVAL, "\"model\" is NULL",
        svcr_dmn_model_evaluate(NULL, "{}", 2, &f->result_out));
    if (f->model == NULL)
        return;
    BAD("svcr_dmn_model_evaluate", "NULL inputs_json", SVCR_EINVAL, "\"inputs_json\" is NULL",
        svcr_dmn_model_evaluate(f->model, NULL, 0, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_dmn_model_evaluate(f->model, "{}", 2, NULL));
    BAD("svcr_dmn_model_evaluate", "malformed JSON", SVCR_EPARSE, "inputs JSON: line 2, column 15: unexpected character",
        svcr_dmn_model_evaluate(f->model, "{\n\"Amount due\": x}", 17, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "JSON that is not an object", SVCR_EPARSE, "expected an object",
        svcr_dmn_model_evaluate(f->model, "[]", 2, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "an input the model does not have", SVCR_EINVAL, "\"Amount\" is not an inputData of the model",
        svcr_dmn_model_evaluate(f->model, "{\"Amount\": 1}", 13, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "a string for a number input", SVCR_EINVAL, "input \"Amount due\": a string",
        svcr_dmn_model_evaluate(f->model, "{\"Amount due\": \"1\"}", 19, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "text that is not UTF-8", SVCR_EINVAL, "inputs_json is not UTF-8",
        svcr_dmn_model_evaluate(f->model, "{\"\xff\": 1}", 8, &f->result_out));
    BAD("svcr_dmn_model_evaluate", "a number beyond decimal128 (1E+7000)", SVCR_EPARSE, "number out of range",
        svcr_dmn_model_evaluate(f->model, "{\"Amount due\": 1E+7000}", 23, &f->result_out));
}

static void result_rows(void **state)
{
    fixture *f = *state;
    BAD_RETURNS("svcr_dmn_result_count", "NULL result", "0", "", svcr_dmn_result_count(NULL) == 0);
    BAD_RETURNS("svcr_dmn_result_name", "NULL result", "NULL", "", svcr_dmn_result_name(NULL, 0) == NULL);
    BAD_RETURNS("svcr_dmn_result_value_json", "NULL result", "NULL", "", svcr_dmn_result_value_json(NULL, 0) == NULL);
    BAD_RETURNS("svcr_dmn_result_error", "NULL result", "NULL", "", svcr_dmn_result_error(NULL, 0) == NULL);
    if (f->result != NULL) {
        BAD_RETURNS("svcr_dmn_result_name", "index out of range", "NULL", "", svcr_dmn_result_name(f->result, 1) == NULL);
        BAD_RETURNS("svcr_dmn_result_value_json", "index out of range", "NULL", "",
                    svcr_dmn_result_value_json(f->result, 1) == NULL);
        BAD_RETURNS("svcr_dmn_result_error", "index out of range", "NULL", "", svcr_dmn_result_error(f->result, 1) == NULL);
        BAD("svcr_dmn_result_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_dmn_result_encode(f->result, NULL));
    }
    BAD("svcr_dmn_result_encode", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_dmn_result_encode(NULL, &f->json_out));
    BAD_IGNORED("svcr_dmn_result_free", "NULL", svcr_dmn_result_free(NULL));
}

static void feel_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_feel_evaluate", "NULL expression", SVCR_EINVAL, "\"expression\" is NULL", svcr_feel_evaluate(NULL, NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "NULL result_json", SVCR_EINVAL, "\"result_json\" is NULL", svcr_feel_evaluate("1", NULL, NULL));
    BAD("svcr_feel_evaluate", "a syntax error on line 2", SVCR_EPARSE, "svcr_feel_evaluate: line 2, column 3: unexpected ')'",
        svcr_feel_evaluate("1 +\n  )", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "an unterminated string", SVCR_EPARSE, "line 1, column 5: unterminated string",
        svcr_feel_evaluate("1 + \"abc", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "a type mismatch (\"a\" * 2)", SVCR_EINVAL, "line 1, column 1: cannot multiply string and number",
        svcr_feel_evaluate("\"a\" * 2", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "division by zero", SVCR_EINVAL, "line 1, column 1: division by zero",
        svcr_feel_evaluate("1 / 0", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "an unknown name", SVCR_EINVAL, "line 1, column 5: unknown name 'y'",
        svcr_feel_evaluate("1 + y", "{\"x\": 1}", &f->json_out));
    BAD("svcr_feel_evaluate", "an unknown function", SVCR_EINVAL, "unknown function 'frobnicate'",
        svcr_feel_evaluate("frobnicate(1)", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "a wrong number of arguments", SVCR_EINVAL, "substring takes 2 to 3 arguments, not 1",
        svcr_feel_evaluate("substring(\"a\")", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "a result beyond decimal128 (10 ** 7000)", SVCR_EINVAL, "number out of range",
        svcr_feel_evaluate("10 ** 7000", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "a non-integer exponent", SVCR_EINVAL, "exponent must be an integer",
        svcr_feel_evaluate("2 ** 0.5", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "context_json that is not an object", SVCR_EPARSE, "context_json: line 1, column 1: expected an object",
        svcr_feel_evaluate("1", "[1]", &f->json_out));
    BAD("svcr_feel_evaluate", "malformed context_json", SVCR_EPARSE, "context_json: line 1, column 7: unexpected end of JSON",
        svcr_feel_evaluate("1", "{\"a\": ", &f->json_out));
    BAD("svcr_feel_evaluate", "an expression that is not UTF-8", SVCR_EINVAL, "expression is not UTF-8",
        svcr_feel_evaluate("\"\xc3\"", NULL, &f->json_out));
    BAD("svcr_feel_evaluate", "expressions nested 300 deep", SVCR_EPARSE, "nested too deeply",
        svcr_feel_evaluate("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                           "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                           "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                           "((((((((1",
                           NULL, &f->json_out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(model_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(evaluate_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(result_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(feel_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
