/* Running an example program from a cmocka test, as a user would from a shell (header only; the
 * example tests test_maturity_cli.c and test_insight_cli.c include it after cmocka.h). */
#ifndef SVCR_TEST_EXAMPLE_RUN_H
#define SVCR_TEST_EXAMPLE_RUN_H

#include <stdio.h>
#include <sys/wait.h>

typedef struct example_output {
    char text[65536]; /* standard output, and standard error when asked for */
    int exit_code;
} example_output;

/* Run @p program with @p args (already quoted for the shell); standard error joins the output
 * when @p with_stderr is set, else it is dropped. */
static void example_run(const char *program, const char *args, int with_stderr, example_output *out)
{
    char command[4096];
    snprintf(command, sizeof command, "'%s' %s %s", program, args, with_stderr ? "2>&1" : "2>/dev/null");
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    size_t length = fread(out->text, 1, sizeof out->text - 1, pipe);
    out->text[length] = '\0';
    int status = pclose(pipe);
    assert_true(WIFEXITED(status));
    out->exit_code = WEXITSTATUS(status);
}

#endif
