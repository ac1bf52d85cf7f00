/* insight: what a set of recovery cases tells you.
 *
 *   insight [--workflow WORKFLOW_JSON]... [--owner CAUSE=OWNER]... [--csv pareto|causes]
 *           [CASES_JSONL]
 *
 * Reads cases as JSON lines from the file or from standard input, feeds each to an insight
 * accumulator and prints its JSON (or, with --csv, the root-cause Pareto or per-cause table as
 * CSV). A line is what `svcr-desk export` writes, {"customer", "tier", "severity", "price",
 * "case": {...}}, or a bare case as svcr_case_encode() writes it. For an exported line the desk's
 * columns count as its report counts them: the customer is the envelope's, and its severity (1 to
 * 5) is minor up to 2, major from 3 (unknown when absent). Each case names its workflow: a
 * built-in ("five-step", ...) or one loaded with --workflow. --owner names the process owner to
 * notify about a root cause. Exit status: 0 on success, 2 on bad usage or bad input (the message
 * gives the line), 1 when the library fails otherwise (out of memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <svcrecover.h>

enum { EXIT_BAD_INPUT = 2 };

/* The workflows loaded so far, by name. */
typedef struct workflows {
    svcr_workflow **list;
    size_t count;
} workflows;

/* Room for one more workflow; false when out of memory. */
static int make_room(workflows *loaded)
{
    svcr_workflow **grown = realloc(loaded->list, (loaded->count + 1) * sizeof *grown);
    if (grown != NULL)
        loaded->list = grown;
    return grown != NULL;
}

static int usage(void)
{
    fputs("usage: insight [--workflow WORKFLOW_JSON]... [--owner CAUSE=OWNER]... [--csv pareto|causes]\n"
          "               [CASES_JSONL]\n",
          stderr);
    return EXIT_BAD_INPUT;
}

static int fail(const char *what, svcr_status status)
{
    fprintf(stderr, "insight: %s: %s\n", what, svcr_error_message());
    return status == SVCR_ENOMEM ? EXIT_FAILURE : EXIT_BAD_INPUT;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t size = 0, capacity = 0, got = 1;
    while (file != NULL && got > 0) {
        if (size == capacity) {
            char *grown = realloc(text, capacity = capacity ? capacity * 2 : 8192);
            if (grown == NULL)
                break;
            text = grown;
        }
        size += got = fread(text + size, 1, capacity - size, file);
    }
    if (file == NULL || ferror(file) || got > 0) {
        fprintf(stderr, "insight: cannot read %s\n", path);
        free(text);
        text = NULL;
    }
    if (file != NULL)
        fclose(file);
    *length = size;
    return text;
}

/* The workflow a case names: one already loaded, or a built-in. */
static svcr_status find_workflow(workflows *loaded, const char *name, const svcr_workflow **out)
{
    for (size_t i = 0; i < loaded->count; i++) {
        if (strcmp(svcr_workflow_name(loaded->list[i]), name) == 0) {
            *out = loaded->list[i];
            return SVCR_OK;
        }
    }
    if (!make_room(loaded))
        return SVCR_ENOMEM;
    svcr_status status = svcr_workflow_builtin(name, &loaded->list[loaded->count]);
    if (status == SVCR_OK)
        *out = loaded->list[loaded->count++];
    return status;
}

/* The desk's columns of an exported line (the envelope around "case"), as insight takes them;
 * EXIT_BAD_INPUT (reported) when they are malformed. */
static int read_envelope(json_t *root, long number, const char **customer, svcr_insight_severity *severity)
{
    json_t *who = json_object_get(root, "customer"), *grade = json_object_get(root, "severity");
    *customer = json_string_value(who);
    *severity = SVCR_INSIGHT_SEVERITY_UNKNOWN;
    if (who != NULL && (*customer == NULL || (*customer)[0] == '\0')) {
        fprintf(stderr, "insight: line %ld: \"customer\" must be a non-empty string\n", number);
        return EXIT_BAD_INPUT;
    }
    if (grade != NULL) {
        json_int_t value = json_integer_value(grade);
        if (!json_is_integer(grade) || value < 1 || value > 5) {
            fprintf(stderr, "insight: line %ld: \"severity\" must be 1 to 5\n", number);
            return EXIT_BAD_INPUT;
        }
        *severity = value >= 3 ? SVCR_INSIGHT_SEVERITY_MAJOR : SVCR_INSIGHT_SEVERITY_MINOR;
    }
    return EXIT_SUCCESS;
}

/* Add the case on one line (a desk export line or a bare case); the number is for messages. */
static int add_line(svcr_insight *insight, workflows *loaded, const char *line, size_t length, long number)
{
    char where[64];
    snprintf(where, sizeof where, "line %ld", number);
    json_error_t error;
    json_t *root = json_loadb(line, length, 0, &error);
    if (root == NULL) {
        fprintf(stderr, "insight: line %ld, column %d: %s\n", number, error.column, error.text);
        return EXIT_BAD_INPUT;
    }
    json_t *exported = json_object_get(root, "case");
    json_t *c_json = exported != NULL ? exported : root;
    const char *name = json_string_value(json_object_get(c_json, "workflow"));
    if (name == NULL) {
        fprintf(stderr, "insight: line %ld: not a case (neither a desk export line with \"case\" nor a case "
                        "with a \"workflow\" name)\n", number);
        json_decref(root);
        return EXIT_BAD_INPUT;
    }
    const char *customer = NULL;
    svcr_insight_severity severity = SVCR_INSIGHT_SEVERITY_UNKNOWN;
    if (exported != NULL && read_envelope(root, number, &customer, &severity) != EXIT_SUCCESS) {
        json_decref(root);
        return EXIT_BAD_INPUT;
    }
    /* The case's own text: the whole line, or the exported case written back compactly. */
    char *text = exported != NULL ? json_dumps(exported, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    const svcr_workflow *wf = NULL;
    svcr_case *c = NULL;
    svcr_status status = exported != NULL && text == NULL ? SVCR_ENOMEM : find_workflow(loaded, name, &wf);
    if (status == SVCR_OK)
        status = text != NULL ? svcr_case_decode(wf, text, strlen(text), &c) : svcr_case_decode(wf, line, length, &c);
    if (status == SVCR_OK && exported == NULL) {
        status = svcr_insight_add_case(insight, c, NULL, 0);
    } else if (status == SVCR_OK) {
        svcr_insight_record record;
        svcr_insight_record_init(&record, sizeof record);
        status = svcr_insight_record_from_case(insight, c, &record);
        record.customer = customer;
        record.severity = severity;
        if (status == SVCR_OK)
            status = svcr_insight_add(insight, &record);
    }
    svcr_case_free(c);
    free(text);
    json_decref(root);
    return status == SVCR_OK ? EXIT_SUCCESS : fail(where, status);
}

static int read_cases(svcr_insight *insight, workflows *loaded, FILE *input)
{
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    long number = 0;
    int result = EXIT_SUCCESS;
    while (result == EXIT_SUCCESS && (length = getline(&line, &capacity, input)) >= 0) {
        number++;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
            length--;
        if (length > 0)
            result = add_line(insight, loaded, line, (size_t)length, number);
    }
    free(line);
    return result;
}

static int print_results(const svcr_insight *insight, const char *csv)
{
    char *text = NULL;
    svcr_status status;
    if (csv == NULL)
        status = svcr_insight_encode(insight, &text);
    else if (strcmp(csv, "pareto") == 0)
        status = svcr_insight_pareto_csv(insight, &text);
    else
        status = svcr_insight_causes_csv(insight, &text);
    if (status != SVCR_OK)
        return fail("results", status);
    fputs(text, stdout);
    if (csv == NULL)
        putchar('\n');
    svcr_free(text);
    if (fflush(stdout) != 0 || ferror(stdout)) { /* a full disk must not pass for success */
        fprintf(stderr, "insight: writing the output failed\n");
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    workflows loaded = {NULL, 0};
    svcr_insight *insight;
    svcr_status status = svcr_insight_new(NULL, &insight);
    if (status != SVCR_OK)
        return fail("insight", status);
    const char *path = NULL, *csv = NULL;
    int result = EXIT_SUCCESS;
    for (int i = 1; result == EXIT_SUCCESS && i < argc; i++) {
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--workflow") == 0 && next != NULL) {
            size_t length;
            char *text = read_file(next, &length);
            if (text == NULL) {
                result = EXIT_BAD_INPUT;
            } else {
                status = make_room(&loaded) ? svcr_workflow_parse(text, length, &loaded.list[loaded.count])
                                            : SVCR_ENOMEM;
                result = status == SVCR_OK ? EXIT_SUCCESS : fail(next, status);
                loaded.count += status == SVCR_OK;
                free(text);
            }
            i++;
        } else if (strcmp(argv[i], "--owner") == 0 && next != NULL && strchr(next, '=') != NULL) {
            /* The whole cause, however long: a cut one would name another cause. */
            size_t length = (size_t)(strchr(next, '=') - next);
            char *cause = malloc(length + 1);
            if (cause != NULL) {
                memcpy(cause, next, length);
                cause[length] = '\0';
            }
            status = cause != NULL ? svcr_insight_set_owner(insight, cause, next + length + 1) : SVCR_ENOMEM;
            free(cause);
            result = status == SVCR_OK ? EXIT_SUCCESS : fail("--owner", status);
            i++;
        } else if (strcmp(argv[i], "--csv") == 0 && next != NULL &&
                   (strcmp(next, "pareto") == 0 || strcmp(next, "causes") == 0)) {
            csv = argv[++i];
        } else if ((argv[i][0] != '-' || strcmp(argv[i], "-") == 0) && path == NULL) {
            path = argv[i];
        } else {
            result = usage();
        }
    }
    if (result == EXIT_SUCCESS) {
        FILE *input = path == NULL || strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
        if (input == NULL) {
            fprintf(stderr, "insight: cannot open %s\n", path);
            result = EXIT_BAD_INPUT;
        } else {
            result = read_cases(insight, &loaded, input);
            if (input != stdin)
                fclose(input);
        }
    }
    if (result == EXIT_SUCCESS)
        result = print_results(insight, csv);
    svcr_insight_free(insight);
    for (size_t i = 0; i < loaded.count; i++)
        svcr_workflow_free(loaded.list[i]);
    free(loaded.list);
    return result;
}
