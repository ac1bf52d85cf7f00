/* dmn-eval: evaluate every decision of a standard DMN model.
 *
 *   dmn-eval MODEL.dmn INPUTS_JSON
 *
 * INPUTS_JSON is a file holding a JSON object of input values by name, or the object itself when
 * the argument starts with '{' ("-" reads standard input). Prints one JSON object mapping every
 * decision to its value and exits 0; a decision that evaluates to an error is null there, with
 * the reason on standard error. Exits 2 on bad input (the message names the line and column of
 * the XML or JSON, or the input), 1 when out of memory or on an output error. */
#include <svcrecover.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_stream(FILE *f, size_t *length)
{
    size_t capacity = 65536, n = 0;
    char *data = malloc(capacity);
    if (data == NULL)
        return NULL;
    for (;;) {
        if (n == capacity) {
            if (capacity > ((size_t)SVCR_DMN_MAX_DOCUMENT) * 2) { /* far past any model: stop reading */
                free(data);
                errno = EFBIG;
                return NULL;
            }
            char *grown = realloc(data, capacity * 2);
            if (grown == NULL) {
                free(data);
                return NULL;
            }
            data = grown;
            capacity *= 2;
        }
        size_t got = fread(data + n, 1, capacity - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(data);
        return NULL;
    }
    *length = n;
    return data;
}

static char *read_file(const char *path, size_t *length)
{
    if (strcmp(path, "-") == 0)
        return read_stream(stdin, length);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *data = read_stream(f, length);
    int saved = errno;
    fclose(f);
    errno = saved;
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: dmn-eval MODEL.dmn INPUTS_JSON\n"
                        "  INPUTS_JSON: a file (or - for standard input) holding a JSON object of input values,\n"
                        "  or the object itself, e.g. '{\"Age\": 18}'\n");
        return 2;
    }
    size_t model_length;
    char *model_text = read_file(argv[1], &model_length);
    if (model_text == NULL) {
        fprintf(stderr, "dmn-eval: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    const char *p = argv[2];
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    char *inputs_text;
    size_t inputs_length;
    if (*p == '{') {
        inputs_text = strdup(argv[2]);
        inputs_length = inputs_text != NULL ? strlen(inputs_text) : 0;
    } else {
        inputs_text = read_file(argv[2], &inputs_length);
    }
    if (inputs_text == NULL) {
        fprintf(stderr, "dmn-eval: %s: %s\n", argv[2], strerror(errno));
        free(model_text);
        return 2;
    }
    int exit_code = 0;
    svcr_dmn_model *model = NULL;
    svcr_dmn_result *result = NULL;
    char *json = NULL;
    svcr_status status = svcr_dmn_model_parse(model_text, model_length, &model);
    if (status != SVCR_OK) {
        fprintf(stderr, "dmn-eval: %s: %s\n", argv[1], svcr_error_message());
        exit_code = status == SVCR_ENOMEM ? 1 : 2;
    } else if ((status = svcr_dmn_model_evaluate(model, inputs_text, inputs_length, &result)) != SVCR_OK) {
        fprintf(stderr, "dmn-eval: %s: %s\n", *p == '{' ? "inputs" : argv[2], svcr_error_message());
        exit_code = status == SVCR_ENOMEM ? 1 : 2;
    } else if (svcr_dmn_result_encode(result, &json) != SVCR_OK) {
        fprintf(stderr, "dmn-eval: %s\n", svcr_error_message());
        exit_code = 1;
    } else {
        for (size_t i = 0; i < svcr_dmn_result_count(result); i++)
            if (svcr_dmn_result_error(result, i) != NULL)
                fprintf(stderr, "dmn-eval: %s\n", svcr_dmn_result_error(result, i));
        if (printf("%s\n", json) < 0 || fflush(stdout) != 0) {
            fprintf(stderr, "dmn-eval: writing the result: %s\n", strerror(errno));
            exit_code = 1;
        }
    }
    svcr_free(json);
    svcr_dmn_result_free(result);
    svcr_dmn_model_free(model);
    free(inputs_text);
    free(model_text);
    return exit_code;
}
