/* The example program `atone`, run as a user runs it: JSON on stdout, exit 2 and the library's
 * message on stderr for bad input, --explain. The binary and the source root come from the
 * environment (SVCR_ATONE_EXAMPLE, SVCR_SOURCE_ROOT), set by meson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static char output[65536];

/* Run atone with @p arguments (shell words); stdout (and stderr, after "STDERR:") in output. */
static int run(const char *arguments)
{
    char command[4096];
    snprintf(command, sizeof command, "cd '%s' && '%s' %s 2>/tmp/atone_example_stderr.%d", getenv("SVCR_SOURCE_ROOT"),
             getenv("SVCR_ATONE_EXAMPLE"), arguments, (int)getpid());
    FILE *p = popen(command, "r");
    assert_non_null(p);
    size_t n = fread(output, 1, sizeof output - 1, p);
    output[n] = '\0';
    int status = pclose(p);
    char path[64];
    snprintf(path, sizeof path, "/tmp/atone_example_stderr.%d", (int)getpid());
    FILE *e = fopen(path, "r");
    if (e != NULL) {
        strcat(output, "STDERR:");
        size_t used = strlen(output);
        output[used + fread(output + used, 1, sizeof output - used - 1, e)] = '\0';
        fclose(e);
        remove(path);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define CONTAINS(text) \
    do { if (strstr(output, text) == NULL) fail_msg("missing %s in:\n%s", text, output); } while (0)

static void prints_offers_and_trace(void **state)
{
    (void)state;
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 5, \"tier\": \"gold\", "
                         "\"price\": {\"amount_minor\": 12000, \"currency\": \"EUR\"}}'"), 0);
    CONTAINS("{\"offers\":[{\"kind\":\"refund\",\"amount_minor\":12000,\"currency\":\"EUR\",\"approval\":\"manager\","
             "\"rule\":\"s5-refund\"},{\"kind\":\"credit\",\"amount_minor\":2400,\"currency\":\"EUR\","
             "\"approval\":\"manager\",\"rule\":\"s5-gold-plus\"}],\"trace\":[");
    CONTAINS("{\"table\":\"severity-value\",\"rule\":\"s5-refund\",\"line\":31,\"matched\":true}");
    assert_null(strstr(output, "\"matched\":false"));
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 1, \"tier\": \"basic\"}'"), 0);
    CONTAINS("{\"kind\":\"apology_only\",\"amount_minor\":0,\"currency\":null,\"approval\":\"agent\",\"rule\":\"s1-apology\"}");
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 9}'"), 0);
    CONTAINS("{\"offers\":[],\"trace\":[]}");
}

static void explain_adds_failed_tests(void **state)
{
    (void)state;
    assert_int_equal(run("--explain lib/atone/severity-value.table '{\"severity\": 2, \"tier\": \"gold\", "
                         "\"price\": {\"amount_minor\": 1000, \"currency\": \"EUR\"}}'"), 0);
    CONTAINS("{\"table\":\"severity-value\",\"rule\":\"s2-basic\",\"line\":18,\"matched\":false,\"input\":\"tier\","
             "\"test\":\"\\\"basic\\\"\"}");
    CONTAINS("\"rule\":\"s2-gold\",\"line\":20,\"matched\":true}");
}

static void reads_dmn_and_fact_files(void **state)
{
    (void)state;
    assert_int_equal(run("tests/data/atone_offers.dmn '{\"hours_late\": 5, \"tier\": \"gold\"}'"), 0);
    CONTAINS("{\"kind\":\"credit\",\"amount_minor\":4000,\"currency\":\"EUR\",\"approval\":\"supervisor\",\"rule\":\"valued\"}");
    FILE *f = fopen("/tmp/atone_example_facts.json", "w");
    assert_non_null(f);
    fputs("{\"issue\": \"billing_error\"}\n", f);
    fclose(f);
    assert_int_equal(run("lib/atone/hotel-stay.table /tmp/atone_example_facts.json"), 0);
    CONTAINS("\"rule\":\"billing\"");
    remove("/tmp/atone_example_facts.json");
}

static void bad_input_exits_2_with_the_message(void **state)
{
    (void)state;
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": \"high\"}'"), 2);
    CONTAINS("STDERR:atone: facts: facts JSON: line 1, column 14: /severity: fact \"severity\" is a number");
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 3,'"), 2);
    CONTAINS("facts JSON: line 1, column");
    /* A number too large for a fact is called too large, not a matter of decimals. */
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 9223372036855}'"), 2);
    CONTAINS("column 14: /severity: fact \"severity\" is too large");
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 1e300}'"), 2);
    CONTAINS("fact \"severity\" is too large");
    assert_int_equal(run("tests/data/no-such.table '{}'"), 2);
    CONTAINS("no-such.table");
    assert_int_equal(run("lib/atone/severity-value.table"), 2);
    CONTAINS("usage: atone [--explain] TABLE_FILE FACTS_JSON");
    assert_int_equal(run("lib/atone/severity-value.table '{\"severity\": 3, \"tier\": \"gold\"}'"), 2);
    CONTAINS("needs fact \"price\", which is not set");
    FILE *f = fopen("/tmp/atone_example_bad.table", "w");
    assert_non_null(f);
    fputs("table t\n| x: number || kind |\n| [1..2 || refund |\n", f);
    fclose(f);
    assert_int_equal(run("/tmp/atone_example_bad.table '{}'"), 2);
    CONTAINS("table text: line 3, column 8: table \"t\", rule \"1\", input \"x\": cell \"[1..2\"");
    remove("/tmp/atone_example_bad.table");
}

int main(void)
{
    if (getenv("SVCR_ATONE_EXAMPLE") == NULL || getenv("SVCR_SOURCE_ROOT") == NULL) {
        fprintf(stderr, "set SVCR_ATONE_EXAMPLE and SVCR_SOURCE_ROOT\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prints_offers_and_trace),
        cmocka_unit_test(explain_adds_failed_tests),
        cmocka_unit_test(reads_dmn_and_fact_files),
        cmocka_unit_test(bad_input_exits_2_with_the_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
