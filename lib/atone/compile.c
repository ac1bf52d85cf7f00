/* From a draft to a compiled svcr_table: types and bindings between tables, cycles, facts,
 * cells parsed into tests, values and amounts, priorities, and the per-column interval lookup. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/json_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct compiler {
    const atone_draft *draft;
    svcr_table *table;
    atone_symbols symbols;
    char (*currencies)[4]; /* per computed slot: the currency of a money output, "" if unknown */
} compiler;

/* An error at a header or name cell (no offset). */
static svcr_status fail_cell(const compiler *cc, const atone_cell *cell, svcr_status status,
                             const char *fmt, ...) SVCR_PRINTF(4, 5);

static svcr_status fail_cell(const compiler *cc, const atone_cell *cell, svcr_status status,
                             const char *fmt, ...)
{
    char detail[300];
    va_list args;
    va_start(args, fmt);
    vsnprintf(detail, sizeof detail, fmt, args);
    va_end(args);
    if (cell->pointer != NULL && cc->draft->json_text != NULL) {
        int line = 0, column = 0;
        svcr__json_locate(cc->draft->json_text, cc->draft->json_length, cell->pointer, &line, &column);
        return svcr__fail_at(status, line, column, "%s: line %d, column %d: %s: %s", cc->draft->what, line,
                             column, cell->pointer, detail);
    }
    if (cell->column > 0)
        return svcr__fail_at(status, cell->line, cell->column, "%s: line %d, column %d: %s",
                             cc->draft->what, cell->line, cell->column, detail);
    return svcr__fail_at(status, cell->line, 0, "%s: line %d: %s", cc->draft->what, cell->line, detail);
}

/* ---- freeing ---------------------------------------------------------------------------- */

static void free_table(atone_table *t)
{
    svcr__free(t->name);
    for (size_t i = 0; i < t->input_count; i++) {
        svcr__free(t->inputs[i].name);
        svcr__free(t->inputs[i].starts);
        svcr__free(t->inputs[i].rows);
        svcr__free(t->inputs[i].bits);
    }
    svcr__free(t->inputs);
    for (size_t i = 0; i < t->output_count; i++)
        svcr__free(t->outputs[i].name);
    svcr__free(t->outputs);
    for (size_t r = 0; r < t->rule_count; r++) {
        atone_rule *rule = &t->rules[r];
        svcr__free(rule->name);
        if (rule->tests != NULL)
            for (size_t i = 0; i < t->input_count; i++)
                svcr__atone_test_free(&rule->tests[i]);
        svcr__free(rule->tests);
        svcr__free(rule->values);
        svcr__free(rule->kind);
        svcr__free(rule->approval);
        svcr__free(rule->annotation);
        svcr__free(rule->below_minimum_text);
    }
    svcr__free(t->rules);
    svcr__free(t->by_priority);
    svcr__free(t->at_eval);
    svcr__free(t->offers);
}

void svcr_table_free(svcr_table *table)
{
    if (table == NULL)
        return;
    for (size_t t = 0; t < table->table_count; t++)
        free_table(&table->tables[t]);
    svcr__free(table->tables);
    svcr__free(table->order);
    for (size_t i = 0; i < table->symbol_count; i++)
        svcr__free(table->symbols[i]);
    svcr__free(table->symbols);
    svcr__strmap_free(&table->symbol_index);
    for (size_t i = 0; i < table->fact_count; i++)
        svcr__free(table->facts[i].name);
    svcr__free(table->facts);
    svcr__free(table->required);
    svcr__atone_draft_free(&table->source);
    svcr__free(table);
}

const char *svcr_table_name(const svcr_table *table)
{
    if (table == NULL || table->order_count == 0)
        return "";
    return table->tables[table->order[table->order_count - 1]].name;
}

/* ---- columns and bindings --------------------------------------------------------------- */

static svcr_status make_columns(compiler *cc, size_t t)
{
    const atone_draft_table *d = &cc->draft->tables[t];
    atone_table *table = &cc->table->tables[t];
    if (d->column_count == 0)
        return fail_cell(cc, &d->where, SVCR_EPARSE, "table \"%s\" has no header row", d->name);
    size_t inputs = 0;
    while (inputs < d->column_count && d->columns[inputs].role == ATONE_INPUT)
        inputs++;
    table->inputs = svcr__calloc(inputs, sizeof *table->inputs);
    table->outputs = svcr__calloc(d->column_count - inputs, sizeof *table->outputs);
    if (table->inputs == NULL || table->outputs == NULL)
        return svcr__fail_nomem("compiling a table");
    for (size_t i = 0; i < d->column_count; i++) {
        const atone_draft_column *c = &d->columns[i];
        for (size_t k = 0; k < i; k++) /* an input and an output may share a name */
            if ((d->columns[k].role == ATONE_INPUT) == (c->role == ATONE_INPUT) &&
                strcmp(d->columns[k].name, c->name) == 0)
                return fail_cell(cc, &c->where, SVCR_EPARSE, "table \"%s\": a second column \"%s\"",
                                 d->name, c->name);
        svcr_table_type type = SVCR_TABLE_TYPE_NULL;
        if (c->type != NULL && !svcr__atone_type_from_name(c->type, &type))
            return fail_cell(cc, &c->where, SVCR_EPARSE,
                             "table \"%s\", column \"%s\": unknown type \"%s\" (number, string, "
                             "boolean, money, duration)", d->name, c->name, c->type);
        if (type == SVCR_TABLE_TYPE_NULL && c->from == NULL && (c->role == ATONE_INPUT || c->role == ATONE_VALUE))
            return fail_cell(cc, &c->where, SVCR_EPARSE,
                             "table \"%s\", column \"%s\" needs a type: write %s: number (or string, "
                             "boolean, money, duration)", d->name, c->name, c->name);
        char *name = svcr__strdup(c->name);
        if (name == NULL)
            return svcr__fail_nomem("compiling a table");
        if (c->role == ATONE_INPUT) {
            table->inputs[table->input_count++] = (atone_input){.name = name, .type = type};
            continue;
        }
        table->outputs[table->output_count++] = (atone_output){.name = name, .role = c->role, .type = type};
        if (c->role == ATONE_KIND)
            table->has_kind = true;
        if (c->role == ATONE_AMOUNT)
            table->has_amount = true;
    }
    if (table->has_amount && !table->has_kind)
        return fail_cell(cc, &d->where, SVCR_EPARSE, "table \"%s\" has an amount column but no kind column",
                         d->name);
    return SVCR_OK;
}

static size_t find_table(const svcr_table *table, const char *name)
{
    for (size_t t = 0; t < table->table_count; t++)
        if (strcmp(table->tables[t].name, name) == 0)
            return t;
    return SIZE_MAX;
}

static const char *hit_name(atone_hit hit)
{
    static const char *const names[] = {"unique", "any", "first", "priority", "collect", "rule-order",
                                        "output-order"};
    return names[hit];
}

/* Inputs taken from another table: check the output exists, is a single value, and the types. */
static svcr_status bind_inputs(compiler *cc, size_t t, size_t *const *edges, size_t *edge_counts)
{
    const atone_draft_table *d = &cc->draft->tables[t];
    atone_table *table = &cc->table->tables[t];
    for (size_t i = 0; i < table->input_count; i++) {
        const atone_draft_column *c = &d->columns[i];
        if (c->from == NULL)
            continue;
        size_t source = find_table(cc->table, c->from);
        if (source == SIZE_MAX)
            return fail_cell(cc, &c->where, SVCR_EPARSE, "table \"%s\", input \"%s\": no table \"%s\"",
                             d->name, c->name, c->from);
        const atone_table *from = &cc->table->tables[source];
        size_t o = 0;
        while (o < from->output_count &&
               !(from->outputs[o].role == ATONE_VALUE && strcmp(from->outputs[o].name, c->name) == 0))
            o++;
        if (o == from->output_count)
            return fail_cell(cc, &c->where, SVCR_EPARSE,
                             "table \"%s\", input \"%s\": table \"%s\" has no value output \"%s\"",
                             d->name, c->name, c->from, c->name);
        bool single = from->hit == ATONE_HIT_UNIQUE || from->hit == ATONE_HIT_ANY ||
                      from->hit == ATONE_HIT_FIRST || from->hit == ATONE_HIT_PRIORITY ||
                      (from->aggregation != ATONE_AGG_NONE && !from->has_amount && from->aggregated == o);
        if (!single)
            return fail_cell(cc, &c->where, SVCR_EPARSE,
                             "table \"%s\", input \"%s\": table \"%s\" (hit policy %s) gives a list, "
                             "not one value", d->name, c->name, c->from, hit_name(from->hit));
        svcr_table_type type = from->aggregation == ATONE_AGG_COUNT ? SVCR_TABLE_TYPE_NUMBER : from->outputs[o].type;
        if (table->inputs[i].type != SVCR_TABLE_TYPE_NULL && table->inputs[i].type != type)
            return fail_cell(cc, &c->where, SVCR_EPARSE,
                             "table \"%s\", input \"%s\" is %s but table \"%s\" gives %s", d->name,
                             c->name, svcr__atone_type_name(table->inputs[i].type), c->from,
                             svcr__atone_type_name(type));
        table->inputs[i].type = type;
        table->inputs[i].computed = true;
        table->inputs[i].slot = from->outputs[o].slot;
        edges[t][edge_counts[t]++] = source;
    }
    return SVCR_OK;
}

/* Depth-first search for cycles; appends tables to the evaluation order after their sources. */
enum { UNSEEN, ACTIVE, DONE };

static svcr_status visit(compiler *cc, size_t t, size_t *const *edges, const size_t *edge_counts,
                         int *marks, size_t *path, size_t depth, bool record)
{
    if (marks[t] == DONE)
        return SVCR_OK;
    path[depth] = t;
    if (marks[t] == ACTIVE) {
        char cycle[300] = "";
        size_t start = 0;
        while (path[start] != t)
            start++;
        for (size_t i = start; i <= depth; i++) {
            size_t used = strlen(cycle);
            snprintf(cycle + used, sizeof cycle - used, "%s\"%s\"", i > start ? " -> " : "",
                     cc->table->tables[path[i]].name);
        }
        return fail_cell(cc, &cc->draft->tables[t].where, SVCR_ECONFLICT,
                         "tables take inputs from each other in a cycle: %s", cycle);
    }
    marks[t] = ACTIVE;
    for (size_t e = 0; e < edge_counts[t]; e++) {
        svcr_status status = visit(cc, edges[t][e], edges, edge_counts, marks, path, depth + 1, record);
        if (status != SVCR_OK)
            return status;
    }
    marks[t] = DONE;
    if (record) {
        cc->table->tables[t].evaluated = true;
        cc->table->order[cc->table->order_count++] = t;
    }
    return SVCR_OK;
}

/* Bind inputs between tables, reject cycles, and order the tables the top one needs. */
static svcr_status link_tables(compiler *cc)
{
    svcr_table *table = cc->table;
    size_t n = table->table_count;
    size_t **edges = svcr__calloc(n, sizeof *edges);
    size_t *edge_counts = svcr__calloc(n, sizeof *edge_counts);
    int *marks = svcr__calloc(n, sizeof *marks);
    size_t *path = svcr__calloc(n + 1, sizeof *path);
    table->order = svcr__calloc(n, sizeof *table->order);
    svcr_status status = SVCR_OK;
    if (edges == NULL || edge_counts == NULL || marks == NULL || path == NULL || table->order == NULL)
        status = svcr__fail_nomem("linking tables");
    for (size_t t = 0; t < n && status == SVCR_OK; t++)
        if ((edges[t] = svcr__calloc(table->tables[t].input_count, sizeof **edges)) == NULL)
            status = svcr__fail_nomem("linking tables");
    for (size_t t = 0; t < n && status == SVCR_OK; t++)
        status = bind_inputs(cc, t, edges, edge_counts);
    for (size_t t = 0; t < n && status == SVCR_OK; t++)
        status = visit(cc, t, edges, edge_counts, marks, path, 0, false);
    if (status == SVCR_OK) {
        /* The top: the last table no other table takes input from. */
        size_t top = n - 1;
        for (size_t t = n; t-- > 0;) {
            bool used = false;
            for (size_t u = 0; u < n && !used; u++)
                for (size_t e = 0; e < edge_counts[u]; e++)
                    used = used || edges[u][e] == t;
            if (!used) {
                top = t;
                break;
            }
        }
        memset(marks, 0, n * sizeof *marks);
        status = visit(cc, top, edges, edge_counts, marks, path, 0, true);
    }
    for (size_t t = 0; edges != NULL && t < n; t++)
        svcr__free(edges[t]);
    svcr__free(edges);
    svcr__free(edge_counts);
    svcr__free(marks);
    svcr__free(path);
    return status;
}

/* ---- facts ------------------------------------------------------------------------------ */

static int compare_facts(const void *a, const void *b)
{
    return strcmp(((const atone_fact *)a)->name, ((const atone_fact *)b)->name);
}

size_t svcr__atone_fact_slot(const svcr_table *table, const char *name)
{
    size_t low = 0, high = table->fact_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int order = strcmp(table->facts[mid].name, name);
        if (order == 0)
            return mid;
        if (order < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return SIZE_MAX;
}

/* One fact per input name that no table computes; types must agree. */
static svcr_status collect_facts(compiler *cc)
{
    svcr_table *table = cc->table;
    size_t capacity = 0;
    for (size_t k = 0; k < table->table_count; k++) {
        atone_table *t = &table->tables[k];
        const atone_draft_table *d = &cc->draft->tables[k];
        for (size_t i = 0; i < t->input_count; i++) {
            if (t->inputs[i].computed)
                continue;
            size_t f = 0;
            while (f < table->fact_count && strcmp(table->facts[f].name, t->inputs[i].name) != 0)
                f++;
            if (f < table->fact_count) {
                if (table->facts[f].type != t->inputs[i].type)
                    return fail_cell(cc, &d->columns[i].where, SVCR_EPARSE,
                                     "table \"%s\", input \"%s\" is %s, but another table reads fact "
                                     "\"%s\" as %s", t->name, t->inputs[i].name,
                                     svcr__atone_type_name(t->inputs[i].type), t->inputs[i].name,
                                     svcr__atone_type_name(table->facts[f].type));
                continue;
            }
            if (svcr__grow((void **)&table->facts, &capacity, table->fact_count + 1, sizeof *table->facts) != 0)
                return svcr__fail_nomem("collecting facts");
            atone_fact *fact = &table->facts[table->fact_count];
            *fact = (atone_fact){.name = svcr__strdup(t->inputs[i].name), .type = t->inputs[i].type};
            if (fact->name == NULL)
                return svcr__fail_nomem("collecting facts");
            table->fact_count++;
        }
    }
    if (table->fact_count > 1)
        qsort(table->facts, table->fact_count, sizeof *table->facts, compare_facts);
    if ((table->required = svcr__calloc(table->fact_count + 1, sizeof *table->required)) == NULL)
        return svcr__fail_nomem("collecting facts");
    for (size_t k = 0; k < table->table_count; k++)
        for (size_t i = 0; i < table->tables[k].input_count; i++)
            if (cc->draft->tables[k].columns[i].required) {
                atone_fact *fact = &table->facts[svcr__atone_fact_slot(table, table->tables[k].inputs[i].name)];
                fact->required = true;
            }
    for (size_t f = 0; f < table->fact_count; f++)
        if (table->facts[f].required)
            table->required[table->required_count++] = f;
    for (size_t k = 0; k < table->table_count; k++) {
        atone_table *t = &table->tables[k];
        for (size_t i = 0; i < t->input_count; i++)
            if (!t->inputs[i].computed)
                t->inputs[i].slot = svcr__atone_fact_slot(table, t->inputs[i].name);
    }
    return SVCR_OK;
}

/* ---- rules ------------------------------------------------------------------------------ */

/* A bare word (`refund`) or a quoted string (`"refund"`, as DMN writes it); `-` gives NULL. */
static svcr_status parse_word(compiler *cc, const atone_cell *cell, const char *where, bool free_text,
                              char **out)
{
    const char *text = cell->text;
    size_t length = strlen(text);
    *out = NULL;
    if (length == 0 || strcmp(text, "-") == 0)
        return SVCR_OK;
    if (!free_text && length >= 2 && text[0] == '"' && text[length - 1] == '"') {
        text++;
        length -= 2;
    } else if (!free_text) {
        for (size_t i = 0; i < length; i++) {
            char c = text[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-'))
                return svcr__atone_cell_fail(cc->draft, cell, i, where, SVCR_EPARSE,
                                             "expected a name (letters, digits, '_', '-') or a quoted string");
        }
    }
    if ((*out = svcr__strndup(text, length)) == NULL)
        return svcr__fail_nomem("compiling a rule");
    return SVCR_OK;
}

/* @p names: the names of the table's rules so far (a second one is an error). */
static svcr_status compile_rule(compiler *cc, size_t t, size_t r, svcr__strmap *names)
{
    const atone_draft_table *d = &cc->draft->tables[t];
    const atone_draft_rule *dr = &d->rules[r];
    atone_table *table = &cc->table->tables[t];
    atone_rule *rule = &table->rules[r];
    char number[24];
    snprintf(number, sizeof number, "%zu", r + 1);
    rule->name = svcr__strdup(dr->name != NULL ? dr->name : number);
    rule->line = dr->line;
    rule->tests = svcr__calloc(table->input_count, sizeof *rule->tests);
    rule->values = svcr__calloc(table->output_count, sizeof *rule->values);
    if (rule->name == NULL || rule->tests == NULL || rule->values == NULL)
        return svcr__fail_nomem("compiling a rule");
    int seen = svcr__strmap_put(names, rule->name, strlen(rule->name), r, NULL);
    if (seen < 0)
        return svcr__fail_nomem("compiling a rule");
    if (seen > 0) {
        atone_cell name_cell = {rule->name, dr->line, dr->column, NULL};
        return fail_cell(cc, &name_cell, SVCR_EPARSE, "table \"%s\": a second rule \"%s\"",
                         table->name, rule->name);
    }
    char where[300];
    svcr_status status = SVCR_OK;
    for (size_t i = 0; i < table->input_count && status == SVCR_OK; i++) {
        atone_input *input = &table->inputs[i];
        snprintf(where, sizeof where, "table \"%s\", rule \"%s\", input \"%s\"", table->name, rule->name,
                 input->name);
        char *currency = input->computed ? cc->currencies[input->slot] : cc->table->facts[input->slot].currency;
        status = svcr__atone_parse_test(cc->draft, &dr->cells[i], where, input->type, currency,
                                        &cc->symbols, &rule->tests[i]);
    }
    for (size_t o = 0; o < table->output_count && status == SVCR_OK; o++) {
        const atone_cell *cell = &dr->cells[table->input_count + o];
        atone_output *output = &table->outputs[o];
        snprintf(where, sizeof where, "table \"%s\", rule \"%s\", output \"%s\"", table->name, rule->name,
                 output->name);
        switch (output->role) {
        case ATONE_VALUE:
            status = svcr__atone_parse_value(cc->draft, cell, where, output->type, &cc->symbols,
                                             &rule->values[o]);
            if (status == SVCR_OK && output->type == SVCR_TABLE_TYPE_MONEY && rule->values[o].present) {
                char *currency = cc->currencies[output->slot];
                if (currency[0] == '\0')
                    memcpy(currency, rule->values[o].currency, 4);
                else if (strcmp(currency, rule->values[o].currency) != 0)
                    status = svcr__atone_cell_fail(cc->draft, cell, 0, where, SVCR_ECURRENCY,
                                                   "%s amount in a column of %s amounts",
                                                   rule->values[o].currency, currency);
            }
            break;
        case ATONE_KIND: status = parse_word(cc, cell, where, false, &rule->kind); break;
        case ATONE_APPROVAL: status = parse_word(cc, cell, where, false, &rule->approval); break;
        case ATONE_ANNOTATION: status = parse_word(cc, cell, where, true, &rule->annotation); break;
        case ATONE_AMOUNT:
            status = svcr__atone_parse_amount(cc->draft, cell, where, table, &rule->amount);
            break;
        case ATONE_INPUT: break;
        }
        if (status == SVCR_OK && output->role == ATONE_KIND && rule->kind == NULL)
            status = svcr__atone_cell_fail(cc->draft, cell, 0, where, SVCR_EPARSE,
                                           "every rule of an offer table names a kind (e.g. apology_only)");
    }
    if (status == SVCR_OK) {
        svcr__atone_amount_prepare(table, rule);
        status = svcr__atone_amount_trace(table, rule);
    }
    return status;
}

static int compare_int(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

static int compare_money(const svcr_money *a, const svcr_money *b)
{
    int order = compare_int(a->amount_minor, b->amount_minor);
    return order != 0 ? order : strcmp(a->currency, b->currency);
}

static int compare_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* An order of rules by their outputs: 0 for equal outputs (hit policy any allows several
 * matches only when their outputs are equal). */
static int compare_outputs(const atone_table *table, const atone_rule *a, const atone_rule *b)
{
    int order = 0;
    for (size_t o = 0; o < table->output_count && order == 0; o++)
        if (table->outputs[o].role == ATONE_VALUE) {
            const atone_slot *x = &a->values[o], *y = &b->values[o];
            order = x->present != y->present ? (x->present ? 1 : -1)
                    : !x->present            ? 0
                    : compare_int(x->key, y->key) != 0 ? compare_int(x->key, y->key)
                                                       : strcmp(x->currency, y->currency);
        }
    const atone_amount *x = &a->amount, *y = &b->amount;
    int64_t fields[][2] = {
        {x->form, y->form},         {x->numerator, y->numerator},   {x->denominator, y->denominator},
        {(int64_t)x->input, (int64_t)y->input}, {x->has_floor, y->has_floor}, {x->has_cap, y->has_cap},
        {x->has_minimum, y->has_minimum},
    };
    for (size_t f = 0; f < sizeof fields / sizeof fields[0] && order == 0; f++)
        order = compare_int(fields[f][0], fields[f][1]);
    if (order == 0)
        order = compare_text(a->kind, b->kind);
    if (order == 0)
        order = compare_text(a->approval, b->approval);
    if (order == 0)
        order = compare_money(&x->money, &y->money);
    if (order == 0 && x->has_floor)
        order = compare_money(&x->floor, &y->floor);
    if (order == 0 && x->has_cap)
        order = compare_money(&x->cap, &y->cap);
    if (order == 0 && x->has_minimum)
        order = compare_money(&x->minimum, &y->minimum);
    if (order == 0)
        order = strcmp(x->currency, y->currency);
    return order;
}

typedef struct rule_ref {
    const atone_table *table;
    size_t rule;
} rule_ref;

static int compare_rule_outputs(const void *a, const void *b)
{
    const rule_ref *x = a, *y = b;
    int order = compare_outputs(x->table, &x->table->rules[x->rule], &y->table->rules[y->rule]);
    return order != 0 ? order : compare_int((int64_t)x->rule, (int64_t)y->rule);
}

/* Rules with equal outputs share an output class (the first such rule's index): sorted by their
 * outputs, equal ones are side by side. */
static svcr_status classify_outputs(atone_table *table)
{
    size_t n = table->rule_count;
    rule_ref *refs = svcr__calloc(n + 1, sizeof *refs);
    if (refs == NULL)
        return svcr__fail_nomem("compiling rules");
    for (size_t r = 0; r < n; r++)
        refs[r] = (rule_ref){table, r};
    qsort(refs, n, sizeof *refs, compare_rule_outputs);
    for (size_t k = 0; k < n; k++) {
        bool same = k > 0 && compare_outputs(table, &table->rules[refs[k - 1].rule], &table->rules[refs[k].rule]) == 0;
        table->rules[refs[k].rule].output_class = same ? table->rules[refs[k - 1].rule].output_class : refs[k].rule;
    }
    svcr__free(refs);
    return SVCR_OK;
}

static bool same_text(const char *a, const char *b)
{
    return compare_text(a, b) == 0;
}

/* ---- priorities ------------------------------------------------------------------------- */

typedef struct ranked {
    size_t rule;
    const size_t *ranks; /* one per priority list */
    size_t count;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    for (size_t i = 0; i < x->count; i++)
        if (x->ranks[i] != y->ranks[i])
            return x->ranks[i] < y->ranks[i] ? -1 : 1;
    return (x->rule > y->rule) - (x->rule < y->rule); /* stable: rule order breaks ties */
}

/* The position of rule @p r's value of output @p o in priority list @p p. */
static svcr_status rank_of(compiler *cc, size_t t, const atone_draft_priority *p, size_t o, size_t r,
                           const atone_slot *values, char *const *words, size_t *rank)
{
    const atone_table *table = &cc->table->tables[t];
    const atone_rule *rule = &table->rules[r];
    const atone_output *output = &table->outputs[o];
    for (size_t i = 0; i < p->count; i++) {
        bool equal = output->role == ATONE_VALUE
                         ? values[i].present == rule->values[o].present && values[i].key == rule->values[o].key
                         : same_text(words[i], output->role == ATONE_KIND ? rule->kind : rule->approval);
        if (equal) {
            *rank = i;
            return SVCR_OK;
        }
    }
    return fail_cell(cc, &cc->draft->tables[t].rules[r].cells[table->input_count + o], SVCR_EPARSE,
                     "table \"%s\", rule \"%s\": its %s is not in the priority list of line %d",
                     table->name, rule->name, output->name, p->where.line);
}

static svcr_status order_by_priority(compiler *cc, size_t t)
{
    const atone_draft_table *d = &cc->draft->tables[t];
    atone_table *table = &cc->table->tables[t];
    bool needed = table->hit == ATONE_HIT_PRIORITY || table->hit == ATONE_HIT_OUTPUT_ORDER;
    if (!needed)
        return SVCR_OK;
    if (d->priority_count == 0)
        return fail_cell(cc, &d->where, SVCR_EPARSE,
                         "table \"%s\": hit policy %s needs `priority COLUMN: value, ...`", table->name,
                         hit_name(table->hit));
    size_t n = table->rule_count, lists = d->priority_count;
    ranked *items = svcr__calloc(n, sizeof *items);
    size_t *ranks = svcr__calloc(n * lists, sizeof *ranks);
    table->by_priority = svcr__calloc(n, sizeof *table->by_priority);
    svcr_status status = SVCR_OK;
    if (items == NULL || ranks == NULL || table->by_priority == NULL)
        status = svcr__fail_nomem("ordering rules by priority");
    for (size_t l = 0; l < lists && status == SVCR_OK; l++) {
        const atone_draft_priority *p = &d->priorities[l];
        size_t o = 0;
        while (o < table->output_count && strcmp(table->outputs[o].name, p->column) != 0)
            o++;
        atone_role role = o < table->output_count ? table->outputs[o].role : ATONE_INPUT;
        if (role != ATONE_VALUE && role != ATONE_KIND && role != ATONE_APPROVAL) {
            status = fail_cell(cc, &p->where, SVCR_EPARSE,
                               "table \"%s\": priority names \"%s\", which is not a value, kind or "
                               "approval output", table->name, p->column);
            break;
        }
        atone_slot *values = svcr__calloc(p->count, sizeof *values);
        char **words = svcr__calloc(p->count, sizeof *words);
        if (values == NULL || words == NULL)
            status = svcr__fail_nomem("ordering rules by priority");
        char where[200];
        snprintf(where, sizeof where, "table \"%s\", priority of \"%s\"", table->name, p->column);
        for (size_t i = 0; i < p->count && status == SVCR_OK; i++)
            status = role == ATONE_VALUE
                         ? svcr__atone_parse_value(cc->draft, &p->values[i], where, table->outputs[o].type,
                                                   &cc->symbols, &values[i])
                         : parse_word(cc, &p->values[i], where, false, &words[i]);
        for (size_t r = 0; r < n && status == SVCR_OK; r++)
            status = rank_of(cc, t, p, o, r, values, words, &ranks[r * lists + l]);
        for (size_t i = 0; words != NULL && i < p->count; i++)
            svcr__free(words[i]);
        svcr__free(words);
        svcr__free(values);
    }
    if (status == SVCR_OK) {
        for (size_t r = 0; r < n; r++)
            items[r] = (ranked){r, &ranks[r * lists], lists};
        qsort(items, n, sizeof *items, compare_ranked);
        for (size_t r = 0; r < n; r++)
            table->by_priority[r] = items[r].rule;
    }
    svcr__free(items);
    svcr__free(ranks);
    return status;
}

/* ---- the interval lookup ---------------------------------------------------------------- */

static int compare_keys(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The segments rule @p r's interval @p iv covers: [*from, *to] (the starts hold both its ends). */
static void covered(const atone_input *input, const atone_interval *iv, size_t *from, size_t *to)
{
    *from = svcr__atone_segment_of(input->starts, input->segment_count, iv->low);
    *to = iv->high == INT64_MAX ? input->segment_count - 1
                                : svcr__atone_segment_of(input->starts, input->segment_count, iv->high + 1) - 1;
}

/* Rule @p r is in row @p s: widen the row's window (@p pass 0) or set its bit (@p pass 1). */
static void add_to_row(atone_input *input, size_t s, size_t r, int pass)
{
    atone_row *row = &input->rows[s];
    size_t word = r / 64;
    if (pass == 1) {
        input->bits[row->offset + word - row->first] |= UINT64_C(1) << (r % 64);
    } else if (row->count == 0) {
        row->first = word;
        row->count = 1;
    } else if (word >= row->first + row->count) { /* rules come in order: only the end grows */
        row->count = word - row->first + 1;
    }
}

/* Cut the key range at every interval end of every rule's test, and record per segment which
 * rules' tests cover it: within a segment every test either holds everywhere or nowhere. Each
 * rule is added to the segments its intervals cover (and to the row of an unset value when its
 * test matches null), twice: once to size each row's window, once to set the bits. So the time
 * and memory grow with the rules and segments and the bits set, not with their product. */
static svcr_status build_lookup(atone_table *table, size_t i)
{
    atone_input *input = &table->inputs[i];
    size_t cuts = 1;
    for (size_t r = 0; r < table->rule_count; r++)
        cuts += 2 * table->rules[r].tests[i].count;
    int64_t *starts = svcr__calloc(cuts, sizeof *starts);
    if (starts == NULL)
        return svcr__fail_nomem("compiling a column lookup");
    size_t n = 0;
    starts[n++] = INT64_MIN;
    for (size_t r = 0; r < table->rule_count; r++)
        for (size_t k = 0; k < table->rules[r].tests[i].count; k++) {
            const atone_interval *iv = &table->rules[r].tests[i].intervals[k];
            starts[n++] = iv->low;
            if (iv->high != INT64_MAX)
                starts[n++] = iv->high + 1;
        }
    qsort(starts, n, sizeof *starts, compare_keys);
    size_t unique = 1;
    for (size_t k = 1; k < n; k++)
        if (starts[k] != starts[unique - 1])
            starts[unique++] = starts[k];
    input->starts = starts;
    input->segment_count = unique;
    input->rows = svcr__calloc(unique + 1, sizeof *input->rows); /* the last: an unset value */
    if (input->rows == NULL)
        return svcr__fail_nomem("compiling a column lookup");
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) { /* lay the windows out side by side */
            size_t total = 0;
            for (size_t s = 0; s <= unique; s++) {
                input->rows[s].offset = total;
                total += input->rows[s].count;
            }
            if ((input->bits = svcr__calloc(total + 1, sizeof *input->bits)) == NULL)
                return svcr__fail_nomem("compiling a column lookup");
        }
        for (size_t r = 0; r < table->rule_count; r++) {
            const atone_test *test = &table->rules[r].tests[i];
            for (size_t k = 0; k < test->count; k++) {
                size_t from, to;
                covered(input, &test->intervals[k], &from, &to);
                for (size_t s = from; s <= to; s++)
                    add_to_row(input, s, r, pass);
            }
            if (test->matches_null)
                add_to_row(input, unique, r, pass);
        }
    }
    return SVCR_OK;
}

/* ---- aggregation ------------------------------------------------------------------------ */

/* The value output a collect-with-aggregation table aggregates (when it has no amount column):
 * its only value output. */
static svcr_status check_aggregation(compiler *cc, size_t t)
{
    atone_table *table = &cc->table->tables[t];
    const atone_draft_table *d = &cc->draft->tables[t];
    size_t values = 0;
    table->aggregated = SIZE_MAX;
    for (size_t o = 0; o < table->output_count; o++)
        if (table->outputs[o].role == ATONE_VALUE) {
            values++;
            table->aggregated = o;
        }
    if (values != 1)
        table->aggregated = SIZE_MAX;
    if (table->aggregation == ATONE_AGG_NONE || table->aggregation == ATONE_AGG_COUNT ||
        table->has_amount)
        return SVCR_OK;
    svcr_table_type type = values == 1 ? table->outputs[table->aggregated].type : SVCR_TABLE_TYPE_NULL;
    if (type != SVCR_TABLE_TYPE_NUMBER && type != SVCR_TABLE_TYPE_MONEY && type != SVCR_TABLE_TYPE_DURATION)
        return fail_cell(cc, &d->where, SVCR_EPARSE,
                         "table \"%s\": collect with sum, min or max needs an amount column or exactly "
                         "one number, money or duration output", table->name);
    return SVCR_OK;
}

/* ---- the whole ---------------------------------------------------------------------------- */

/* Take over the symbols and their index. */
static svcr_status finish_symbols(compiler *cc)
{
    svcr_table *table = cc->table;
    table->symbols = cc->symbols.names;
    table->symbol_count = cc->symbols.count;
    table->symbol_index = cc->symbols.index;
    cc->symbols = (atone_symbols){NULL, 0, 0, SVCR__STRMAP_INIT};
    return SVCR_OK;
}

static svcr_status compile(compiler *cc)
{
    const atone_draft *draft = cc->draft;
    svcr_table *table = cc->table;
    size_t n = draft->table_count;
    table->tables = svcr__calloc(n, sizeof *table->tables);
    if (table->tables == NULL)
        return svcr__fail_nomem("compiling tables");
    table->table_count = n;
    svcr_status status = SVCR_OK;
    for (size_t t = 0; t < n && status == SVCR_OK; t++) {
        const atone_draft_table *d = &draft->tables[t];
        atone_table *compiled = &table->tables[t];
        for (size_t u = 0; u < t; u++)
            if (strcmp(draft->tables[u].name, d->name) == 0)
                return fail_cell(cc, &d->where, SVCR_EPARSE, "a second table \"%s\"", d->name);
        if ((compiled->name = svcr__strdup(d->name)) == NULL)
            return svcr__fail_nomem("compiling tables");
        compiled->hit = d->hit;
        compiled->aggregation = d->aggregation;
        compiled->rounding = d->rounding;
        status = make_columns(cc, t);
        if (status == SVCR_OK)
            status = check_aggregation(cc, t);
        /* Value outputs get the computed slots other tables read. */
        for (size_t o = 0; o < compiled->output_count; o++)
            if (compiled->outputs[o].role == ATONE_VALUE)
                compiled->outputs[o].slot = table->computed_count++;
    }
    if (status == SVCR_OK && (cc->currencies = svcr__calloc(table->computed_count + 1, 4)) == NULL)
        status = svcr__fail_nomem("compiling tables");
    if (status == SVCR_OK)
        status = link_tables(cc);
    if (status == SVCR_OK)
        status = collect_facts(cc);
    for (size_t t = 0; t < n && status == SVCR_OK; t++) {
        atone_table *compiled = &table->tables[t];
        const atone_draft_table *d = &draft->tables[t];
        compiled->words = d->rule_count / 64 + 1;
        if ((compiled->rules = svcr__calloc(d->rule_count + 1, sizeof *compiled->rules)) == NULL)
            return svcr__fail_nomem("compiling rules");
        compiled->rule_count = d->rule_count;
    }
    for (size_t t = 0; t < n && status == SVCR_OK; t++) {
        svcr__strmap names = SVCR__STRMAP_INIT;
        for (size_t r = 0; r < table->tables[t].rule_count && status == SVCR_OK; r++)
            status = compile_rule(cc, t, r, &names);
        svcr__strmap_free(&names);
    }
    for (size_t t = 0; t < n && status == SVCR_OK; t++) {
        atone_table *compiled = &table->tables[t];
        status = order_by_priority(cc, t);
        for (size_t i = 0; i < compiled->input_count && status == SVCR_OK; i++)
            status = build_lookup(compiled, i);
        if (status == SVCR_OK && compiled->hit == ATONE_HIT_ANY) /* only `any` compares outputs */
            status = classify_outputs(compiled);
        if (compiled->words > table->max_words)
            table->max_words = compiled->words;
        if (compiled->rule_count > table->max_rules)
            table->max_rules = compiled->rule_count;
        if (compiled->input_count > table->max_inputs)
            table->max_inputs = compiled->input_count;
        if (compiled->evaluated) {
            table->trace_capacity += compiled->rule_count;
            compiled->match_offset = table->match_words;
            table->match_words += compiled->words;
        }
        if (status == SVCR_OK &&
            ((compiled->at_eval = svcr__calloc(compiled->words, sizeof *compiled->at_eval)) == NULL ||
             (compiled->offers = svcr__calloc(compiled->rule_count + 1, sizeof *compiled->offers)) == NULL))
            status = svcr__fail_nomem("compiling rules");
        for (size_t r = 0; r < compiled->rule_count && status == SVCR_OK; r++) {
            if (compiled->rules[r].amount.at_eval)
                compiled->at_eval[r / 64] |= UINT64_C(1) << (r % 64);
            compiled->offers[r] = compiled->rules[r].offer;
        }
    }
    if (status != SVCR_OK)
        return status;
    return finish_symbols(cc);
}

svcr_status svcr__atone_compile(const atone_draft *draft, svcr_table **out)
{
    compiler cc = {draft, svcr__calloc(1, sizeof(svcr_table)), {NULL, 0, 0, SVCR__STRMAP_INIT}, NULL};
    if (cc.table == NULL)
        return svcr__fail_nomem("compiling tables");
    svcr_status status = compile(&cc);
    for (size_t i = 0; i < cc.symbols.count; i++)
        svcr__free(cc.symbols.names[i]);
    svcr__free(cc.symbols.names);
    svcr__strmap_free(&cc.symbols.index);
    svcr__free(cc.currencies);
    if (status != SVCR_OK) {
        svcr_table_free(cc.table);
        return status;
    }
    *out = cc.table;
    return SVCR_OK;
}

int64_t svcr__atone_symbol_key(const svcr_table *table, const char *text)
{
    const svcr__strmap_entry *entry = svcr__strmap_get_text(&table->symbol_index, text);
    return entry != NULL ? (int64_t)entry->value : ATONE_UNKNOWN_SYMBOL;
}
