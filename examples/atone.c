/* atone: evaluate a decision table against facts and print the offers as JSON.
 *
 *   atone [--explain] TABLE_FILE FACTS_JSON
 *
 * TABLE_FILE is a table in the text format, or DMN 1.3 XML when its name ends in ".dmn".
 * FACTS_JSON is a JSON object, given inline or as the name of a file holding it, e.g.
 *   atone lib/atone/severity-value.table '{"severity": 3, "tier": "gold",
 *                                          "price": {"amount_minor": 12000, "currency": "EUR"}}'
 * It prints {"offers": [{"kind", "amount_minor", "currency", "approval", "rule"}...], "trace": [...]}.
 * --explain adds each rule that did not match, with the first input test that failed.
 * Exit status: 0 on success, 2 on bad input (the library's message on stderr). */
#include <svcrecover.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read a whole file; NULL (with errno's message printed) on failure. */
static char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    char *text = NULL;
    size_t size = 0, capacity = 0, n;
    char chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (size + n + 1 > capacity) {
            capacity = (size + n + 1) * 2;
            char *grown = realloc(text, capacity);
            if (grown == NULL) {
                free(text);
                fclose(f);
                fprintf(stderr, "atone: out of memory reading %s\n", path);
                return NULL;
            }
            text = grown;
        }
        memcpy(text + size, chunk, n);
        size += n;
    }
    fclose(f);
    if (text == NULL && (text = calloc(1, 1)) == NULL)
        return NULL;
    text[size] = '\0';
    *length = size;
    return text;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);
    return n >= m && strcmp(text + n - m, suffix) == 0;
}

static int fail(const char *what)
{
    fprintf(stderr, "atone: %s: %s\n", what, svcr_error_message());
    return 2;
}

int main(int argc, char **argv)
{
    unsigned flags = 0;
    int arg = 1;
    if (arg < argc && strcmp(argv[arg], "--explain") == 0) {
        flags |= SVCR_TABLE_EVAL_EXPLAIN;
        arg++;
    }
    if (argc - arg != 2) {
        fprintf(stderr, "usage: atone [--explain] TABLE_FILE FACTS_JSON\n");
        return 2;
    }
    const char *table_path = argv[arg], *facts_arg = argv[arg + 1];

    size_t table_length;
    char *table_text = read_file(table_path, &table_length);
    if (table_text == NULL)
        return 2;
    svcr_table *table = NULL;
    svcr_status status = ends_with(table_path, ".dmn")
                             ? svcr_table_parse_dmn(table_text, table_length, &table)
                             : svcr_table_parse(table_text, table_length, &table);
    free(table_text);
    if (status != SVCR_OK)
        return fail(table_path);

    /* Inline JSON starts with '{'; anything else names a file. */
    const char *p = facts_arg;
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    size_t facts_length = strlen(facts_arg);
    char *facts_text = *p == '{' ? NULL : read_file(facts_arg, &facts_length);
    if (*p != '{' && facts_text == NULL) {
        svcr_table_free(table);
        return 2;
    }

    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    int exit_code = 0;
    if ((status = svcr_table_facts_new(table, &facts)) != SVCR_OK ||
        (status = svcr_table_result_new(table, &result)) != SVCR_OK)
        exit_code = fail("setting up");
    else if ((status = svcr_table_facts_set_json(facts, facts_text ? facts_text : facts_arg, facts_length, 0)) != SVCR_OK)
        exit_code = fail("facts");
    else if ((status = svcr_table_eval(table, facts, flags, result)) != SVCR_OK)
        exit_code = fail("evaluation");
    else {
        char *text = NULL;
        if (svcr_table_result_json(result, &text) != SVCR_OK) {
            exit_code = fail("encoding the result");
        } else {
            printf("%s\n", text);
            svcr_free(text);
            if (fflush(stdout) != 0 || ferror(stdout)) { /* never a silent success */
                fprintf(stderr, "atone: writing the output failed\n");
                exit_code = 1;
            }
        }
    }
    free(facts_text);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    return exit_code;
}
