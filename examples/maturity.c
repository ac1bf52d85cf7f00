/* maturity: score an organisation's service-recovery maturity from a questionnaire.
 *
 *   maturity --criteria [--model MODEL_JSON]       print the criteria model as JSON
 *   maturity [--model MODEL_JSON] ANSWERS_JSON     score {"answers": {"<id>": true | 0.93, ...}}
 *
 * The built-in criteria model is used unless --model names another. The result is printed as
 * JSON: the stage reached, each stage's tally, the gaps to the next stage and the criteria left
 * unanswered. Exit status: 0 on success, 2 on bad usage or bad input (the message says where),
 * 1 when the library fails otherwise (out of memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

enum { EXIT_BAD_INPUT = 2 };

static void usage(FILE *to)
{
    fputs("usage: maturity --criteria [--model MODEL_JSON]\n"
          "       maturity [--model MODEL_JSON] ANSWERS_JSON\n",
          to);
}

/* Read a whole file; NULL (with a message) when it cannot be read. */
static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "maturity: cannot open %s\n", path);
        return NULL;
    }
    char *text = NULL;
    size_t size = 0, capacity = 0;
    int ok = 1;
    for (;;) {
        if (size == capacity) {
            capacity = capacity ? capacity * 2 : 8192;
            char *grown = realloc(text, capacity);
            if (grown == NULL) {
                ok = 0;
                break;
            }
            text = grown;
        }
        size_t got = fread(text + size, 1, capacity - size, file);
        size += got;
        if (got == 0) {
            ok = !ferror(file);
            break;
        }
    }
    fclose(file);
    if (!ok) {
        fprintf(stderr, "maturity: cannot read %s\n", path);
        free(text);
        return NULL;
    }
    *length = size;
    return text;
}

/* Report a library failure; bad input exits 2, anything else 1. */
static int fail(const char *what, svcr_status status)
{
    fprintf(stderr, "maturity: %s: %s\n", what, svcr_error_message());
    return status == SVCR_ENOMEM ? EXIT_FAILURE : EXIT_BAD_INPUT;
}

/* Whether everything printed reached stdout: a full disk or a closed pipe is a failure, never
 * a silent success with the JSON missing. */
static int output_status(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_SUCCESS;
    fprintf(stderr, "maturity: writing the output failed\n");
    return EXIT_FAILURE;
}

static int print_and_free(char *json)
{
    puts(json);
    svcr_free(json);
    return output_status();
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *answers_path = NULL;
    int print_criteria = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--criteria") == 0) {
            print_criteria = 1;
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            model_path = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return output_status();
        } else if (argv[i][0] != '-' && answers_path == NULL) {
            answers_path = argv[i];
        } else {
            usage(stderr);
            return EXIT_BAD_INPUT;
        }
    }
    if (print_criteria == (answers_path != NULL)) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }

    svcr_maturity_model *model;
    svcr_status status;
    if (model_path != NULL) {
        size_t length;
        char *text = read_file(model_path, &length);
        if (text == NULL)
            return EXIT_BAD_INPUT;
        status = svcr_maturity_model_parse(text, length, &model);
        free(text);
    } else {
        status = svcr_maturity_model_builtin(&model);
    }
    if (status != SVCR_OK)
        return fail(model_path ? model_path : "built-in model", status);

    char *json = NULL;
    if (print_criteria) {
        status = svcr_maturity_model_encode(model, &json);
        svcr_maturity_model_free(model);
        return status == SVCR_OK ? print_and_free(json) : fail("criteria", status);
    }

    size_t length;
    char *text = read_file(answers_path, &length);
    if (text == NULL) {
        svcr_maturity_model_free(model);
        return EXIT_BAD_INPUT;
    }
    svcr_maturity_answers *answers = NULL;
    svcr_maturity_result *result = NULL;
    status = svcr_maturity_answers_parse(model, text, length, &answers);
    free(text);
    if (status != SVCR_OK) {
        svcr_maturity_model_free(model);
        return fail(answers_path, status);
    }
    status = svcr_maturity_score(model, answers, &result);
    if (status == SVCR_OK)
        status = svcr_maturity_result_encode(result, &json);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return status == SVCR_OK ? print_and_free(json) : fail("scoring", status);
}
