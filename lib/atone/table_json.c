/* A decision table's JSON form (README, "Tables as JSON"): the tables as written, cells as text
 * in the text format's syntax, so a table written out and read back compiles to the same table
 * and writes out the same JSON. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"
#include "base/json_util.h"
#include "base/utf8.h"

#include <jansson.h>
#include <string.h>

static const struct {
    const char *name;
    atone_hit hit;
    atone_aggregation aggregation;
} hit_policies[] = {
    {"unique", ATONE_HIT_UNIQUE, ATONE_AGG_NONE},
    {"any", ATONE_HIT_ANY, ATONE_AGG_NONE},
    {"first", ATONE_HIT_FIRST, ATONE_AGG_NONE},
    {"priority", ATONE_HIT_PRIORITY, ATONE_AGG_NONE},
    {"collect", ATONE_HIT_COLLECT, ATONE_AGG_NONE},
    {"collect-sum", ATONE_HIT_COLLECT, ATONE_AGG_SUM},
    {"collect-min", ATONE_HIT_COLLECT, ATONE_AGG_MIN},
    {"collect-max", ATONE_HIT_COLLECT, ATONE_AGG_MAX},
    {"collect-count", ATONE_HIT_COLLECT, ATONE_AGG_COUNT},
    {"rule-order", ATONE_HIT_RULE_ORDER, ATONE_AGG_NONE},
    {"output-order", ATONE_HIT_OUTPUT_ORDER, ATONE_AGG_NONE},
};

static const struct {
    const char *name;
    svcr_rounding rounding;
} roundings[] = {
    {"half-even", SVCR_ROUND_HALF_EVEN}, {"half-up", SVCR_ROUND_HALF_UP},
    {"half-down", SVCR_ROUND_HALF_DOWN}, {"up", SVCR_ROUND_UP},
    {"down", SVCR_ROUND_DOWN},           {"ceiling", SVCR_ROUND_CEILING},
    {"floor", SVCR_ROUND_FLOOR},
};

enum { N_HITS = sizeof hit_policies / sizeof hit_policies[0], N_ROUNDINGS = sizeof roundings / sizeof roundings[0] };

/* ---- writing ---------------------------------------------------------------------------- */

static const char *hit_name(const atone_draft_table *d)
{
    for (size_t i = 0; i < N_HITS; i++)
        if (hit_policies[i].hit == d->hit && hit_policies[i].aggregation == d->aggregation)
            return hit_policies[i].name;
    return "unique";
}

static const char *rounding_name(svcr_rounding rounding)
{
    for (size_t i = 0; i < N_ROUNDINGS; i++)
        if (roundings[i].rounding == rounding)
            return roundings[i].name;
    return "half-up";
}

static json_t *column_json(const atone_draft_column *c)
{
    json_t *o = json_object();
    int failed = svcr__json_put(o, "name", json_string(c->name)) != 0;
    if (!failed && c->type != NULL)
        failed = svcr__json_put(o, "type", json_string(c->type)) != 0;
    if (!failed && c->from != NULL)
        failed = svcr__json_put(o, "from", json_string(c->from)) != 0;
    if (!failed && c->required)
        failed = svcr__json_put(o, "required", json_true()) != 0;
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *cells_json(const atone_cell *cells, size_t count)
{
    json_t *a = json_array();
    for (size_t i = 0; i < count && a != NULL; i++)
        if (svcr__json_append(a, json_string(cells[i].text)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static size_t input_count(const atone_draft_table *d)
{
    size_t n = 0;
    while (n < d->column_count && d->columns[n].role == ATONE_INPUT)
        n++;
    return n;
}

static json_t *rule_json(const atone_draft_table *d, const atone_draft_rule *rule)
{
    size_t inputs = input_count(d);
    json_t *o = json_object();
    int failed = rule->name != NULL && svcr__json_put(o, "name", json_string(rule->name)) != 0;
    failed = failed || svcr__json_put(o, "line", json_integer(rule->line)) != 0 ||
             svcr__json_put(o, "inputs", cells_json(rule->cells, inputs)) != 0 ||
             svcr__json_put(o, "outputs", cells_json(rule->cells + inputs, d->column_count - inputs)) != 0;
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *priority_json(const atone_draft_priority *p)
{
    json_t *o = json_object();
    if (svcr__json_put(o, "output", json_string(p->column)) != 0 ||
        svcr__json_put(o, "values", cells_json(p->values, p->count)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *table_json(const atone_draft_table *d)
{
    json_t *o = json_object(), *inputs = json_array(), *outputs = json_array(), *rules = json_array(),
           *priorities = json_array();
    int failed = o == NULL || inputs == NULL || outputs == NULL || rules == NULL || priorities == NULL;
    for (size_t i = 0; i < d->column_count && !failed; i++)
        failed = svcr__json_append(d->columns[i].role == ATONE_INPUT ? inputs : outputs,
                                   column_json(&d->columns[i])) != 0;
    for (size_t p = 0; p < d->priority_count && !failed; p++)
        failed = svcr__json_append(priorities, priority_json(&d->priorities[p])) != 0;
    for (size_t r = 0; r < d->rule_count && !failed; r++)
        failed = svcr__json_append(rules, rule_json(d, &d->rules[r])) != 0;
    failed = failed || svcr__json_put(o, "name", json_string(d->name != NULL ? d->name : "")) != 0 || svcr__json_put(o, "hit_policy", json_string(hit_name(d))) != 0 ||
             svcr__json_put(o, "rounding", json_string(rounding_name(d->rounding))) != 0;
    /* each array is handed over exactly once, released by svcr__json_put on failure */
    json_t *parts[] = {inputs, outputs, priorities, rules};
    const char *keys[] = {"inputs", "outputs", "priorities", "rules"};
    for (size_t k = 0; k < 4; k++) {
        if (!failed && (k != 2 || d->priority_count > 0))
            failed = svcr__json_put(o, keys[k], parts[k]) != 0;
        else
            json_decref(parts[k]);
    }
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

svcr_status svcr_table_json(const svcr_table *table, char **json)
{
    SVCR_REQUIRE_ARG(table);
    SVCR_REQUIRE_ARG(json);
    json_t *root = json_object(), *tables = json_array();
    int failed = root == NULL || tables == NULL;
    for (size_t t = 0; t < table->source.table_count && !failed; t++)
        failed = svcr__json_append(tables, table_json(&table->source.tables[t])) != 0;
    char *text = NULL;
    if (!failed) {
        if (svcr__json_put(root, "tables", tables) == 0)
            text = svcr__json_dump(root);
    } else {
        json_decref(tables);
    }
    json_decref(root);
    if (text == NULL)
        return svcr__fail_nomem("encoding a table as JSON");
    *json = text;
    return SVCR_OK;
}

/* ---- reading ---------------------------------------------------------------------------- */

enum { MAX_TABLES = 1000, MAX_COLUMNS = 256, MAX_RULES = 10000000, MAX_PRIORITY_VALUES = 100000 };

typedef struct json_reader {
    const svcr__json_source *source;
    atone_draft *draft;
} json_reader;

static svcr_status nomem(void)
{
    return svcr__fail_nomem("reading table JSON");
}

/* A cell from the string at @p pointer. */
static svcr_status make_cell(const json_reader *rd, const json_t *value, const char *pointer, atone_cell *out)
{
    if (!json_is_string(value))
        return svcr__json_fail(rd->source, pointer, SVCR_EPARSE, "must be a string");
    out->text = svcr__strndup(json_string_value(value), json_string_length(value));
    out->pointer = svcr__strdup(pointer);
    if (out->text == NULL || out->pointer == NULL)
        return nomem();
    if (strlen(out->text) != json_string_length(value))
        return svcr__json_fail(rd->source, pointer, SVCR_EPARSE, "must not hold a NUL character");
    return SVCR_OK;
}

static svcr_status read_column(const json_reader *rd, atone_draft_table *table, const json_t *value,
                               const char *pointer, bool input)
{
    static const char *const input_members[] = {"name", "type", "from", "required", NULL};
    static const char *const output_members[] = {"name", "type", NULL};
    svcr_status status = svcr__json_expect_object(rd->source, value, pointer, input ? input_members : output_members);
    const char *name = NULL, *type = NULL, *from = NULL;
    bool required = false;
    if (status == SVCR_OK)
        status = svcr__json_string(rd->source, value, pointer, "name", SVCR__JSON_REQUIRED | SVCR__JSON_NONEMPTY,
                                   &name);
    if (status == SVCR_OK)
        status = svcr__json_string(rd->source, value, pointer, "type", SVCR__JSON_NONEMPTY, &type);
    if (status == SVCR_OK && input)
        status = svcr__json_string(rd->source, value, pointer, "from", SVCR__JSON_NONEMPTY, &from);
    if (status == SVCR_OK && input)
        status = svcr__json_bool(rd->source, value, pointer, "required", false, &required);
    if (status != SVCR_OK)
        return status;
    char at[SVCR__POINTER_SIZE];
    if (required && from != NULL) {
        svcr__json_pointer_member(at, pointer, "required");
        return svcr__json_fail(rd->source, at, SVCR_EPARSE,
                               "an input from another table is not a fact: it cannot be required");
    }
    static const struct {
        const char *name;
        atone_role role;
    } offer_columns[] = {{"kind", ATONE_KIND},
                         {"amount", ATONE_AMOUNT},
                         {"approval", ATONE_APPROVAL},
                         {"annotation", ATONE_ANNOTATION}};
    atone_role role = input ? ATONE_INPUT : ATONE_VALUE;
    for (size_t i = 0; !input && i < sizeof offer_columns / sizeof offer_columns[0]; i++)
        if (strcmp(name, offer_columns[i].name) == 0)
            role = offer_columns[i].role;
    if (role != ATONE_INPUT && role != ATONE_VALUE && type != NULL) {
        svcr__json_pointer_member(at, pointer, "type");
        return svcr__json_fail(rd->source, at, SVCR_EPARSE, "offer column \"%s\" takes no type", name);
    }
    atone_draft_column *column = svcr__atone_draft_add_column(table);
    if (column == NULL)
        return nomem();
    column->role = role;
    column->required = required;
    column->name = svcr__strdup(name);
    column->type = type != NULL ? svcr__strdup(type) : NULL;
    column->from = from != NULL ? svcr__strdup(from) : NULL;
    column->where.text = svcr__strdup(name);
    column->where.pointer = svcr__strdup(pointer);
    if (column->name == NULL || (type && !column->type) || (from && !column->from) || column->where.text == NULL ||
        column->where.pointer == NULL)
        return nomem();
    return SVCR_OK;
}

static svcr_status read_columns(const json_reader *rd, atone_draft_table *table, const json_t *object,
                                const char *pointer, const char *key, bool input)
{
    const json_t *array;
    svcr_status status = svcr__json_array(rd->source, object, pointer, key, true, MAX_COLUMNS, &array);
    char at[SVCR__POINTER_SIZE], item[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    if (status == SVCR_OK && !input && json_array_size(array) == 0)
        return svcr__json_fail(rd->source, at, SVCR_EPARSE, "the table has no output column");
    for (size_t i = 0; status == SVCR_OK && i < json_array_size(array); i++) {
        svcr__json_pointer_index(item, at, i);
        status = read_column(rd, table, json_array_get(array, i), item, input);
    }
    return status;
}

/* The cells of one side of a rule: exactly @p count strings into cells[first ...]. */
static svcr_status read_cells(const json_reader *rd, const json_t *rule, const char *pointer, const char *key,
                              size_t count, atone_cell *cells)
{
    const json_t *array;
    svcr_status status = svcr__json_array(rd->source, rule, pointer, key, true, MAX_COLUMNS, &array);
    if (status != SVCR_OK)
        return status;
    char at[SVCR__POINTER_SIZE], item[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    if (json_array_size(array) != count)
        return svcr__json_fail(rd->source, at, SVCR_EPARSE, "%zu cells, but the table has %zu %s columns",
                               json_array_size(array), count, strcmp(key, "inputs") == 0 ? "input" : "output");
    for (size_t i = 0; status == SVCR_OK && i < count; i++) {
        svcr__json_pointer_index(item, at, i);
        status = make_cell(rd, json_array_get(array, i), item, &cells[i]);
    }
    return status;
}

static svcr_status read_rule(const json_reader *rd, atone_draft_table *table, size_t inputs, const json_t *value,
                             const char *pointer, size_t index)
{
    static const char *const members[] = {"name", "line", "inputs", "outputs", NULL};
    svcr_status status = svcr__json_expect_object(rd->source, value, pointer, members);
    const char *name = NULL;
    if (status == SVCR_OK)
        status = svcr__json_string(rd->source, value, pointer, "name", SVCR__JSON_NONEMPTY, &name);
    if (status != SVCR_OK)
        return status;
    char at[SVCR__POINTER_SIZE];
    const json_t *line = svcr__json_member(value, pointer, "line", at);
    if (line != NULL && (!json_is_integer(line) || json_integer_value(line) < 0 ||
                         json_integer_value(line) > 1000000000))
        return svcr__json_fail(rd->source, at, SVCR_EPARSE, "must be an integer from 0 to 1000000000");
    atone_draft_rule *rule = svcr__atone_draft_add_rule(table);
    if (rule == NULL)
        return nomem();
    rule->line = line != NULL ? (int)json_integer_value(line) : (int)(index + 1);
    if ((name != NULL && (rule->name = svcr__strdup(name)) == NULL) ||
        (rule->cells = svcr__calloc(table->column_count, sizeof *rule->cells)) == NULL)
        return nomem();
    status = read_cells(rd, value, pointer, "inputs", inputs, rule->cells);
    if (status == SVCR_OK)
        status = read_cells(rd, value, pointer, "outputs", table->column_count - inputs, rule->cells + inputs);
    return status;
}

static svcr_status read_priority(const json_reader *rd, atone_draft_table *table, const json_t *value,
                                 const char *pointer)
{
    static const char *const members[] = {"output", "values", NULL};
    svcr_status status = svcr__json_expect_object(rd->source, value, pointer, members);
    const char *output = NULL;
    const json_t *values = NULL;
    if (status == SVCR_OK)
        status = svcr__json_string(rd->source, value, pointer, "output", SVCR__JSON_REQUIRED | SVCR__JSON_NONEMPTY,
                                   &output);
    if (status == SVCR_OK)
        status = svcr__json_array(rd->source, value, pointer, "values", true, MAX_PRIORITY_VALUES, &values);
    if (status != SVCR_OK)
        return status;
    char at[SVCR__POINTER_SIZE], item[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, "values");
    if (json_array_size(values) == 0)
        return svcr__json_fail(rd->source, at, SVCR_EPARSE, "a priority list needs at least one value");
    atone_draft_priority *priority = svcr__atone_draft_add_priority(table);
    if (priority == NULL || (priority->column = svcr__strdup(output)) == NULL ||
        (priority->where.text = svcr__strdup(output)) == NULL ||
        (priority->where.pointer = svcr__strdup(pointer)) == NULL ||
        (priority->values = svcr__calloc(json_array_size(values), sizeof *priority->values)) == NULL)
        return nomem();
    for (size_t i = 0; status == SVCR_OK && i < json_array_size(values); i++) {
        svcr__json_pointer_index(item, at, i);
        status = make_cell(rd, json_array_get(values, i), item, &priority->values[i]);
        if (status == SVCR_OK)
            priority->count++;
    }
    return status;
}

static svcr_status read_choice(const json_reader *rd, const json_t *object, const char *pointer, const char *key,
                               const char *const *names, size_t count, const char *fallback, size_t *out)
{
    const char *name = NULL;
    svcr_status status = svcr__json_string(rd->source, object, pointer, key, 0, &name);
    if (status != SVCR_OK)
        return status;
    if (name == NULL)
        name = fallback;
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0) {
            *out = i;
            return SVCR_OK;
        }
    char at[SVCR__POINTER_SIZE], known[300] = "";
    for (size_t i = 0; i < count; i++) {
        size_t used = strlen(known);
        snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", names[i]);
    }
    svcr__json_pointer_member(at, pointer, key);
    return svcr__json_fail(rd->source, at, SVCR_EPARSE, "unknown %s \"%.80s\": %s", key, name, known);
}

static svcr_status read_table(const json_reader *rd, const json_t *value, const char *pointer)
{
    static const char *const members[] = {"name", "hit_policy", "rounding", "inputs", "outputs", "priorities", "rules",
                                          NULL};
    svcr_status status = svcr__json_expect_object(rd->source, value, pointer, members);
    const char *name = NULL;
    if (status == SVCR_OK)
        status = svcr__json_string(rd->source, value, pointer, "name", SVCR__JSON_REQUIRED | SVCR__JSON_NONEMPTY,
                                   &name);
    const char *hit_names[N_HITS], *rounding_names[N_ROUNDINGS];
    for (size_t i = 0; i < N_HITS; i++)
        hit_names[i] = hit_policies[i].name;
    for (size_t i = 0; i < N_ROUNDINGS; i++)
        rounding_names[i] = roundings[i].name;
    size_t hit = 0, rounding = 1;
    if (status == SVCR_OK)
        status = read_choice(rd, value, pointer, "hit_policy", hit_names, N_HITS, "unique", &hit);
    if (status == SVCR_OK)
        status = read_choice(rd, value, pointer, "rounding", rounding_names, N_ROUNDINGS, "half-up", &rounding);
    if (status != SVCR_OK)
        return status;
    atone_draft_table *table = svcr__atone_draft_add_table(rd->draft);
    if (table == NULL)
        return nomem();
    table->hit = hit_policies[hit].hit;
    table->aggregation = hit_policies[hit].aggregation;
    table->rounding = roundings[rounding].rounding;
    if ((table->name = svcr__strdup(name)) == NULL || (table->where.text = svcr__strdup(name)) == NULL ||
        (table->where.pointer = svcr__strdup(pointer)) == NULL)
        return nomem();
    status = read_columns(rd, table, value, pointer, "inputs", true);
    size_t inputs = table->column_count;
    if (status == SVCR_OK)
        status = read_columns(rd, table, value, pointer, "outputs", false);
    const json_t *array = NULL;
    char at[SVCR__POINTER_SIZE], item[SVCR__POINTER_SIZE];
    if (status == SVCR_OK)
        status = svcr__json_array(rd->source, value, pointer, "priorities", false, MAX_COLUMNS, &array);
    svcr__json_pointer_member(at, pointer, "priorities");
    for (size_t i = 0; status == SVCR_OK && array != NULL && i < json_array_size(array); i++) {
        svcr__json_pointer_index(item, at, i);
        status = read_priority(rd, table, json_array_get(array, i), item);
    }
    if (status == SVCR_OK)
        status = svcr__json_array(rd->source, value, pointer, "rules", true, MAX_RULES, &array);
    svcr__json_pointer_member(at, pointer, "rules");
    for (size_t r = 0; status == SVCR_OK && r < json_array_size(array); r++) {
        svcr__json_pointer_index(item, at, r);
        status = read_rule(rd, table, inputs, json_array_get(array, r), item, r);
    }
    return status;
}

static svcr_status read_root(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const members[] = {"tables", NULL};
    json_reader rd = {source, context};
    svcr_status status = svcr__json_expect_object(source, root, "", members);
    const json_t *tables = NULL;
    if (status == SVCR_OK)
        status = svcr__json_array(source, root, "", "tables", true, MAX_TABLES, &tables);
    if (status == SVCR_OK && json_array_size(tables) == 0)
        return svcr__json_fail(source, "/tables", SVCR_EPARSE, "no table");
    char item[SVCR__POINTER_SIZE];
    for (size_t t = 0; status == SVCR_OK && t < json_array_size(tables); t++) {
        svcr__json_pointer_index(item, "/tables", t);
        status = read_table(&rd, json_array_get(tables, t), item);
    }
    return status;
}

svcr_status svcr_table_parse_json(const char *json, size_t length, svcr_table **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"table JSON", json, length};
    atone_draft draft = {"table JSON", NULL, 0, 0, json, length};
    svcr_status status = svcr__json_parse(&source, read_root, &draft);
    svcr_table *table = NULL;
    if (status == SVCR_OK)
        status = svcr__atone_compile(&draft, &table);
    if (status == SVCR_OK) {
        svcr__atone_keep_source(table, &draft);
        *out = table;
    }
    svcr__atone_draft_free(&draft);
    return status;
}
