/* Loading a DMN model from XML: item definitions, input data, decisions (decision tables and
 * literal expressions) and business knowledge models; requirements resolved by href and checked
 * for cycles; every FEEL text parsed, with errors naming where it is. */
#include "dmn/model.h"
#include "dmn/xml.h"
#include "base/alloc.h"
#include "base/error.h"

#include <libxml/tree.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct loader {
    svcr_dmn_model *model;
    xmlNodePtr *nodes; /* each element's XML node */
    feel_names names;  /* every element and component name: what FEEL texts may refer to */
} loader;

static bool is_dmn_namespace(const xmlNs *ns)
{
    if (ns == NULL || ns->href == NULL)
        return false;
    const char *href = (const char *)ns->href;
    return strstr(href, "omg.org/spec/DMN/") != NULL;
}

static bool is_element(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE && is_dmn_namespace(node->ns) &&
           strcmp((const char *)node->name, name) == 0;
}

static xmlNodePtr first_child(const xmlNode *parent, const char *name)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        if (is_element(c, name))
            return c;
    return NULL;
}

static size_t count_children(const xmlNode *parent, const char *name)
{
    size_t n = 0;
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        n += is_element(c, name);
    return n;
}

static int line_of(const xmlNode *node)
{
    long line = xmlGetLineNo(node);
    return line > 0 && line < INT_MAX ? (int)line : 0;
}

static svcr_status fail_at_node(const xmlNode *node, svcr_status status, const char *fmt, ...) SVCR_PRINTF(3, 4);
static svcr_status fail_at_node(const xmlNode *node, svcr_status status, const char *fmt, ...)
{
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    int line = line_of(node);
    return svcr__fail_at(status, line, 0, "DMN XML: line %d: %s", line, message);
}

static svcr_status nomem(void)
{
    return svcr__fail_nomem("loading a DMN model");
}

/* An attribute copied into the model's arena ("" stays ""), or NULL when absent. */
static const char *attribute(loader *l, xmlNodePtr node, const char *name, bool *failed)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (value == NULL)
        return NULL;
    char *copy = svcr__feel_strndup(&l->model->arena, (const char *)value, strlen((const char *)value));
    xmlFree(value);
    if (copy == NULL)
        *failed = true;
    return copy;
}

/* The trimmed text of @p element's <text> child (or of @p element itself for <typeRef>). */
static const char *text_of(loader *l, xmlNodePtr element, bool *failed, int *line)
{
    xmlNodePtr text = first_child(element, "text");
    xmlChar *content = xmlNodeGetContent(text != NULL ? text : element);
    *line = line_of(text != NULL ? text : element);
    const char *s = content != NULL ? (const char *)content : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    char *copy = svcr__feel_strndup(&l->model->arena, s, n);
    if (content != NULL)
        xmlFree(content);
    if (copy == NULL)
        *failed = true;
    return copy;
}

/* Parse one FEEL text; @p where says where it is for the message. */
static svcr_status parse_feel(loader *l, xmlNodePtr element, bool unary, const feel_names *names,
                              const feel_node **out, const char *fmt, ...) SVCR_PRINTF(6, 7);
static svcr_status parse_feel(loader *l, xmlNodePtr element, bool unary, const feel_names *names,
                              const feel_node **out, const char *fmt, ...)
{
    bool failed = false;
    int line;
    const char *text = text_of(l, element, &failed, &line);
    if (failed)
        return nomem();
    feel_parse_error error;
    size_t length = strlen(text);
    *out = unary ? svcr__feel_parse_unary_tests(&l->model->arena, text, length, names, &error)
                 : svcr__feel_parse_expression(&l->model->arena, text, length, names, &error);
    if (*out != NULL)
        return SVCR_OK;
    if (error.out_of_memory)
        return nomem();
    char where[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(where, sizeof where, fmt, ap);
    va_end(ap);
    return svcr__fail_at(SVCR_EPARSE, line, 0, "DMN XML: line %d: %s: FEEL syntax error at line %d, column %d of \"%.60s\": %s",
                         line, where, error.line, error.column, text, error.message);
}

static svcr_status resolve_type(loader *l, xmlNodePtr node, const char *text, dmn_type *out)
{
    if (!svcr__dmn_resolve_type(l->model, text, out))
        return fail_at_node(node, SVCR_EPARSE,
                            "unknown typeRef \"%s\" (a FEEL type such as number, string, boolean, date, time, "
                            "date and time, days and time duration, years and months duration, or an "
                            "itemDefinition of the model)",
                            text);
    return SVCR_OK;
}

/* ---- item definitions ---------------------------------------------------------------------- */

static svcr_status read_item_names(loader *l, xmlNodePtr node, dmn_item *item)
{
    bool failed = false;
    item->name = attribute(l, node, "name", &failed);
    if (failed)
        return nomem();
    if (item->name == NULL)
        return fail_at_node(node, SVCR_EPARSE, "an itemDefinition or itemComponent without a name");
    xmlChar *collection = xmlGetProp(node, (const xmlChar *)"isCollection");
    item->collection = collection != NULL && strcmp((const char *)collection, "true") == 0;
    xmlFree(collection);
    item->component_count = count_children(node, "itemComponent");
    item->structured = item->component_count > 0;
    if (item->component_count > 0) {
        item->components = svcr__feel_alloc(&l->model->arena, item->component_count * sizeof *item->components);
        if (item->components == NULL)
            return nomem();
        size_t k = 0;
        for (xmlNodePtr c = node->children; c != NULL; c = c->next)
            if (is_element(c, "itemComponent")) {
                svcr_status status = read_item_names(l, c, &item->components[k++]);
                if (status != SVCR_OK)
                    return status;
            }
    }
    return SVCR_OK;
}

static svcr_status read_item_types(loader *l, xmlNodePtr node, dmn_item *item)
{
    xmlNodePtr type_ref = first_child(node, "typeRef");
    bool failed = false;
    int line;
    const char *text = type_ref != NULL ? text_of(l, type_ref, &failed, &line) : attribute(l, node, "typeRef", &failed);
    if (failed)
        return nomem();
    svcr_status status = resolve_type(l, type_ref != NULL ? type_ref : node, text, &item->type);
    if (status != SVCR_OK)
        return status;
    if (item->type.item == item)
        return fail_at_node(node, SVCR_EPARSE, "itemDefinition \"%s\" is defined as itself", item->name);
    xmlNodePtr allowed = first_child(node, "allowedValues");
    if (allowed != NULL) {
        status = parse_feel(l, allowed, true, &l->names, &item->allowed, "allowedValues of \"%s\"", item->name);
        if (status != SVCR_OK)
            return status;
    }
    size_t k = 0;
    for (xmlNodePtr c = node->children; c != NULL; c = c->next)
        if (is_element(c, "itemComponent")) {
            status = read_item_types(l, c, &item->components[k++]);
            if (status != SVCR_OK)
                return status;
        }
    return SVCR_OK;
}

/* ---- names FEEL may use ---------------------------------------------------------------------- */

static size_t count_component_names(const dmn_item *item)
{
    size_t n = item->component_count;
    for (size_t i = 0; i < item->component_count; i++)
        n += count_component_names(&item->components[i]);
    return n;
}

static void add_component_names(const dmn_item *item, const char **names, size_t *n)
{
    for (size_t i = 0; i < item->component_count; i++) {
        names[(*n)++] = item->components[i].name;
        add_component_names(&item->components[i], names, n);
    }
}

static svcr_status collect_names(loader *l)
{
    svcr_dmn_model *m = l->model;
    size_t n = m->element_count;
    for (size_t i = 0; i < m->item_count; i++)
        n += count_component_names(&m->items[i]);
    const char **names = svcr__feel_alloc(&m->arena, (n + 1) * sizeof *names);
    if (names == NULL)
        return nomem();
    size_t k = 0;
    for (size_t i = 0; i < m->element_count; i++)
        if (m->elements[i].name != NULL)
            names[k++] = m->elements[i].name;
    for (size_t i = 0; i < m->item_count; i++)
        add_component_names(&m->items[i], names, &k);
    l->names.names = names;
    l->names.count = k;
    return SVCR_OK;
}

/* ---- decision tables ----------------------------------------------------------------------- */

static svcr_status hit_policy(xmlNodePtr node, dmn_table *table)
{
    static const struct {
        const char *name;
        char policy;
    } policies[] = {{"UNIQUE", 'U'},     {"ANY", 'A'},          {"PRIORITY", 'P'}, {"FIRST", 'F'},
                    {"RULE ORDER", 'R'}, {"OUTPUT ORDER", 'O'}, {"COLLECT", 'C'}};
    static const struct {
        const char *name;
        char aggregation;
    } aggregations[] = {{"SUM", '+'}, {"MIN", '<'}, {"MAX", '>'}, {"COUNT", '#'}};
    xmlChar *policy = xmlGetProp(node, (const xmlChar *)"hitPolicy");
    xmlChar *aggregation = xmlGetProp(node, (const xmlChar *)"aggregation");
    svcr_status status = SVCR_OK;
    table->hit_policy = policy == NULL ? 'U' : 0;
    for (size_t i = 0; policy != NULL && i < sizeof policies / sizeof policies[0]; i++)
        if (strcmp((const char *)policy, policies[i].name) == 0)
            table->hit_policy = policies[i].policy;
    for (size_t i = 0; aggregation != NULL && i < sizeof aggregations / sizeof aggregations[0]; i++)
        if (strcmp((const char *)aggregation, aggregations[i].name) == 0)
            table->aggregation = aggregations[i].aggregation;
    if (table->hit_policy == 0)
        status = fail_at_node(node, SVCR_EPARSE,
                              "unknown hitPolicy \"%s\" (UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER "
                              "or COLLECT)",
                              (const char *)policy);
    else if (aggregation != NULL && table->aggregation == 0)
        status = fail_at_node(node, SVCR_EPARSE, "unknown aggregation \"%s\" (SUM, MIN, MAX or COUNT)",
                              (const char *)aggregation);
    else if (aggregation != NULL && table->hit_policy != 'C')
        status = fail_at_node(node, SVCR_EPARSE, "an aggregation needs the hit policy COLLECT");
    xmlFree(policy);
    xmlFree(aggregation);
    return status;
}

static svcr_status read_table(loader *l, const dmn_element *owner, xmlNodePtr node, const feel_names *names,
                              dmn_table **out)
{
    feel_arena *arena = &l->model->arena;
    dmn_table *table = svcr__feel_alloc(arena, sizeof *table);
    if (table == NULL)
        return nomem();
    svcr_status status = hit_policy(node, table);
    if (status != SVCR_OK)
        return status;
    table->input_count = count_children(node, "input");
    table->output_count = count_children(node, "output");
    table->rule_count = count_children(node, "rule");
    if (table->output_count == 0)
        return fail_at_node(node, SVCR_EPARSE, "decision \"%s\": a decision table needs an output", owner->name);
    if (table->aggregation != 0 && table->aggregation != '#' && table->output_count > 1)
        return fail_at_node(node, SVCR_EPARSE, "decision \"%s\": SUM, MIN and MAX need a single output", owner->name);
    size_t columns = table->input_count + table->output_count;
    if (table->rule_count > SVCR_DMN_MAX_CELLS / columns)
        return fail_at_node(node, SVCR_EPARSE, "decision \"%s\": %zu rules of %zu columns is more than the %u cells a "
                            "table may have", owner->name, table->rule_count, columns, SVCR_DMN_MAX_CELLS);
    table->inputs = svcr__feel_alloc(arena, (table->input_count + 1) * sizeof *table->inputs);
    table->outputs = svcr__feel_alloc(arena, table->output_count * sizeof *table->outputs);
    table->entries = svcr__feel_alloc(arena, (table->rule_count * table->input_count + 1) * sizeof *table->entries);
    table->results = svcr__feel_alloc(arena, (table->rule_count * table->output_count + 1) * sizeof *table->results);
    if (table->inputs == NULL || table->outputs == NULL || table->entries == NULL || table->results == NULL)
        return nomem();
    size_t i = 0, o = 0, r = 0;
    bool failed = false;
    for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
        if (is_element(c, "input")) {
            dmn_table_input *input = &table->inputs[i++];
            input->label = attribute(l, c, "label", &failed);
            xmlNodePtr expression = first_child(c, "inputExpression");
            if (expression == NULL)
                return fail_at_node(c, SVCR_EPARSE, "decision \"%s\": input %zu has no inputExpression", owner->name, i);
            status = parse_feel(l, expression, false, names, &input->expression, "decision \"%s\", input %zu",
                                owner->name, i);
            xmlNodePtr values = first_child(c, "inputValues");
            if (status == SVCR_OK && values != NULL)
                status = parse_feel(l, values, true, names, &input->allowed, "decision \"%s\", inputValues of input %zu",
                                    owner->name, i);
        } else if (is_element(c, "output")) {
            dmn_table_output *output = &table->outputs[o++];
            output->name = attribute(l, c, "name", &failed);
            if (output->name == NULL && table->output_count > 1 && !failed)
                return fail_at_node(c, SVCR_EPARSE, "decision \"%s\": output %zu needs a name (the table has %zu outputs)",
                                    owner->name, o, table->output_count);
            xmlChar *type_ref = xmlGetProp(c, (const xmlChar *)"typeRef");
            dmn_type ignored;
            if (type_ref != NULL && !svcr__dmn_resolve_type(l->model, (const char *)type_ref, &ignored)) {
                status = resolve_type(l, c, (const char *)type_ref, &ignored);
                xmlFree(type_ref);
                return status;
            }
            xmlFree(type_ref);
            xmlNodePtr values = first_child(c, "outputValues");
            if (values != NULL)
                status = parse_feel(l, values, true, names, &output->allowed, "decision \"%s\", outputValues of output %zu",
                                    owner->name, o);
            xmlNodePtr default_entry = first_child(c, "defaultOutputEntry");
            if (status == SVCR_OK && default_entry != NULL)
                status = parse_feel(l, default_entry, false, names, &output->default_entry,
                                    "decision \"%s\", defaultOutputEntry of output %zu", owner->name, o);
        } else if (is_element(c, "rule")) {
            r++;
            size_t in = 0, out_index = 0;
            if (count_children(c, "inputEntry") != table->input_count ||
                count_children(c, "outputEntry") != table->output_count)
                return fail_at_node(c, SVCR_EPARSE, "decision \"%s\", rule %zu: %zu input entries and %zu output entries "
                                    "for %zu inputs and %zu outputs", owner->name, r, count_children(c, "inputEntry"),
                                    count_children(c, "outputEntry"), table->input_count, table->output_count);
            for (xmlNodePtr e = c->children; e != NULL && status == SVCR_OK; e = e->next) {
                if (is_element(e, "inputEntry")) {
                    in++;
                    status = parse_feel(l, e, true, names, &table->entries[(r - 1) * table->input_count + in - 1],
                                        "decision \"%s\", rule %zu, input column %zu", owner->name, r, in);
                } else if (is_element(e, "outputEntry")) {
                    out_index++;
                    status = parse_feel(l, e, false, names, &table->results[(r - 1) * table->output_count + out_index - 1],
                                        "decision \"%s\", rule %zu, output column %zu", owner->name, r, out_index);
                }
            }
        }
        if (failed)
            return nomem();
        if (status != SVCR_OK)
            return status;
    }
    *out = table;
    return SVCR_OK;
}

/* ---- expressions ----------------------------------------------------------------------------- */

static const char *const unsupported_expressions[] = {"context", "invocation", "relation", "list",
                                                      "functionDefinition", "conditional", "filter",
                                                      "for", "every", "some"};

static svcr_status read_expression(loader *l, dmn_element *element, xmlNodePtr parent, const feel_names *names)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
        if (is_element(c, "literalExpression"))
            return parse_feel(l, c, false, names, &element->literal, "decision \"%s\"", element->name);
        if (is_element(c, "decisionTable"))
            return read_table(l, element, c, names, &element->table);
        for (size_t i = 0; i < sizeof unsupported_expressions / sizeof unsupported_expressions[0]; i++)
            if (is_element(c, unsupported_expressions[i]))
                return fail_at_node(c, SVCR_EPARSE,
                                    "\"%s\": a %s expression is not supported (decision tables and literal "
                                    "expressions are)",
                                    element->name, unsupported_expressions[i]);
    }
    return fail_at_node(parent, SVCR_EPARSE, "\"%s\" has no decision table or literal expression", element->name);
}

/* ---- elements and requirements ----------------------------------------------------------------- */

static size_t find_by_id(const svcr_dmn_model *m, const char *id)
{
    for (size_t i = 0; i < m->element_count; i++)
        if (m->elements[i].id != NULL && strcmp(m->elements[i].id, id) == 0)
            return i;
    return SIZE_MAX;
}

static svcr_status read_requirements(loader *l, size_t index)
{
    dmn_element *e = &l->model->elements[index];
    xmlNodePtr node = l->nodes[index];
    size_t n = count_children(node, "informationRequirement") + count_children(node, "knowledgeRequirement");
    e->requires = svcr__feel_alloc(&l->model->arena, (n + 1) * sizeof *e->requires);
    if (e->requires == NULL)
        return nomem();
    static const char *const kinds[] = {"requiredInput", "requiredDecision", "requiredKnowledge"};
    for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
        if (!is_element(c, "informationRequirement") && !is_element(c, "knowledgeRequirement"))
            continue;
        for (xmlNodePtr r = c->children; r != NULL; r = r->next)
            for (size_t k = 0; k < 3; k++) {
                if (!is_element(r, kinds[k]))
                    continue;
                xmlChar *href = xmlGetProp(r, (const xmlChar *)"href");
                const char *hash = href != NULL ? strchr((const char *)href, '#') : NULL;
                size_t target = hash != NULL ? find_by_id(l->model, hash + 1) : SIZE_MAX;
                if (target == SIZE_MAX) {
                    svcr_status status = fail_at_node(r, SVCR_EPARSE, "\"%s\": %s href \"%s\" names no element of the model",
                                                      e->name, kinds[k], href != NULL ? (const char *)href : "");
                    xmlFree(href);
                    return status;
                }
                xmlFree(href);
                dmn_element_kind want = k == 0 ? DMN_INPUT_DATA : k == 1 ? DMN_DECISION : DMN_KNOWLEDGE_MODEL;
                if (l->model->elements[target].kind != want)
                    return fail_at_node(r, SVCR_EPARSE, "\"%s\": %s refers to \"%s\", which is not a %s", e->name,
                                        kinds[k], l->model->elements[target].name,
                                        k == 0 ? "inputData" : k == 1 ? "decision" : "businessKnowledgeModel");
                if (e->require_count < n)
                    e->requires[e->require_count++] = target;
            }
    }
    return SVCR_OK;
}

/* Depth-first order of decisions and knowledge models; a cycle is refused with its path. */
static svcr_status order_visit(loader *l, size_t index, unsigned char *state, size_t *stack, size_t depth,
                               size_t *order, size_t *count)
{
    svcr_dmn_model *m = l->model;
    if (state[index] == 2)
        return SVCR_OK;
    stack[depth] = index;
    if (state[index] == 1) {
        char path[400] = "";
        size_t start = 0;
        while (stack[start] != index)
            start++;
        for (size_t i = start; i <= depth; i++) {
            size_t used = strlen(path);
            snprintf(path + used, sizeof path - used, "%s\"%s\"", i > start ? " -> " : "", m->elements[stack[i]].name);
        }
        return fail_at_node(l->nodes[index], SVCR_EPARSE, "requirements form a cycle: %s", path);
    }
    state[index] = 1;
    const dmn_element *e = &m->elements[index];
    for (size_t i = 0; i < e->require_count; i++) {
        svcr_status status = order_visit(l, e->requires[i], state, stack, depth + 1, order, count);
        if (status != SVCR_OK)
            return status;
    }
    state[index] = 2;
    if (e->kind == DMN_DECISION)
        order[(*count)++] = index;
    return SVCR_OK;
}

static svcr_status order_decisions(loader *l)
{
    svcr_dmn_model *m = l->model;
    unsigned char *state = svcr__calloc(m->element_count + 1, 1);
    size_t *stack = svcr__calloc(m->element_count + 1, sizeof *stack);
    m->decision_order = svcr__feel_alloc(&m->arena, (m->decision_count + 1) * sizeof *m->decision_order);
    svcr_status status = state == NULL || stack == NULL || m->decision_order == NULL ? nomem() : SVCR_OK;
    size_t count = 0;
    for (size_t i = 0; i < m->element_count && status == SVCR_OK; i++)
        if (m->elements[i].kind != DMN_INPUT_DATA)
            status = order_visit(l, i, state, stack, 0, m->decision_order, &count);
    svcr__free(state);
    svcr__free(stack);
    return status;
}

/* The names a decision's or knowledge model's FEEL may use: every element, component and its own
 * parameters. */
static svcr_status names_for(loader *l, const dmn_element *e, feel_names *out)
{
    if (e->parameter_count == 0) {
        *out = l->names;
        return SVCR_OK;
    }
    const char **names = svcr__feel_alloc(&l->model->arena, (l->names.count + e->parameter_count) * sizeof *names);
    if (names == NULL)
        return nomem();
    memcpy(names, l->names.names, l->names.count * sizeof *names);
    memcpy(names + l->names.count, e->parameters, e->parameter_count * sizeof *names);
    out->names = names;
    out->count = l->names.count + e->parameter_count;
    return SVCR_OK;
}

static svcr_status read_element(loader *l, size_t index, xmlNodePtr node)
{
    dmn_element *e = &l->model->elements[index];
    bool failed = false;
    e->model = l->model;
    e->line = line_of(node);
    e->name = attribute(l, node, "name", &failed);
    e->id = attribute(l, node, "id", &failed);
    if (failed)
        return nomem();
    const char *what = e->kind == DMN_INPUT_DATA ? "inputData" : e->kind == DMN_DECISION ? "decision" : "businessKnowledgeModel";
    if (e->name == NULL || e->name[0] == '\0')
        return fail_at_node(node, SVCR_EPARSE, "a %s without a name", what);
    for (size_t i = 0; i < index; i++)
        if (strcmp(l->model->elements[i].name, e->name) == 0)
            return fail_at_node(node, SVCR_EPARSE, "two elements are named \"%s\"", e->name);
    xmlNodePtr variable = first_child(node, "variable");
    const char *type_ref = variable != NULL ? attribute(l, variable, "typeRef", &failed) : NULL;
    if (failed)
        return nomem();
    svcr_status status = resolve_type(l, variable != NULL ? variable : node, type_ref, &e->type);
    if (status != SVCR_OK)
        return status;
    if (e->kind == DMN_KNOWLEDGE_MODEL) {
        xmlNodePtr logic = first_child(node, "encapsulatedLogic");
        if (logic == NULL)
            return fail_at_node(node, SVCR_EPARSE, "business knowledge model \"%s\" has no encapsulatedLogic", e->name);
        e->parameter_count = count_children(logic, "formalParameter");
        e->parameters = svcr__feel_alloc(&l->model->arena, (e->parameter_count + 1) * sizeof *e->parameters);
        e->parameter_types = svcr__feel_alloc(&l->model->arena, (e->parameter_count + 1) * sizeof *e->parameter_types);
        if (e->parameters == NULL || e->parameter_types == NULL)
            return nomem();
        size_t k = 0;
        for (xmlNodePtr c = logic->children; c != NULL; c = c->next)
            if (is_element(c, "formalParameter")) {
                e->parameters[k] = attribute(l, c, "name", &failed);
                const char *parameter_type = attribute(l, c, "typeRef", &failed);
                if (failed)
                    return nomem();
                if (e->parameters[k] == NULL)
                    return fail_at_node(c, SVCR_EPARSE, "\"%s\": a formalParameter without a name", e->name);
                status = resolve_type(l, c, parameter_type, &e->parameter_types[k]);
                if (status != SVCR_OK)
                    return status;
                k++;
            }
        e->function.name = e->name;
        e->function.parameters = e->parameters;
        e->function.parameter_count = e->parameter_count;
        e->function.invoke = svcr__dmn_invoke_knowledge_model;
        e->function.data = e;
    }
    return SVCR_OK;
}

static svcr_status read_expressions(loader *l)
{
    svcr_dmn_model *m = l->model;
    for (size_t i = 0; i < m->element_count; i++) {
        dmn_element *e = &m->elements[i];
        if (e->kind == DMN_INPUT_DATA)
            continue;
        feel_names names;
        svcr_status status = names_for(l, e, &names);
        if (status == SVCR_OK)
            status = read_expression(l, e, e->kind == DMN_KNOWLEDGE_MODEL ? first_child(l->nodes[i], "encapsulatedLogic")
                                                                          : l->nodes[i], &names);
        if (status != SVCR_OK)
            return status;
    }
    return SVCR_OK;
}

static svcr_status load(loader *l, xmlDocPtr doc)
{
    svcr_dmn_model *m = l->model;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!is_element(root, "definitions"))
        return fail_at_node(root, SVCR_EPARSE, "the root element is not a DMN <definitions> "
                                               "(namespace https://www.omg.org/spec/DMN/...)");
    m->item_count = count_children(root, "itemDefinition");
    m->items = svcr__feel_alloc(&m->arena, (m->item_count + 1) * sizeof *m->items);
    static const char *const kinds[] = {"inputData", "decision", "businessKnowledgeModel"};
    for (size_t k = 0; k < 3; k++)
        m->element_count += count_children(root, kinds[k]);
    m->decision_count = count_children(root, "decision");
    m->elements = svcr__feel_alloc(&m->arena, (m->element_count + 1) * sizeof *m->elements);
    m->decisions_in_document = svcr__feel_alloc(&m->arena, (m->decision_count + 1) * sizeof *m->decisions_in_document);
    l->nodes = svcr__calloc(m->element_count + 1, sizeof *l->nodes);
    if (m->items == NULL || m->elements == NULL || m->decisions_in_document == NULL || l->nodes == NULL)
        return nomem();
    size_t item = 0, element = 0, decision = 0;
    svcr_status status = SVCR_OK;
    for (xmlNodePtr c = root->children; c != NULL && status == SVCR_OK; c = c->next) {
        if (is_element(c, "itemDefinition")) {
            status = read_item_names(l, c, &m->items[item++]);
            continue;
        }
        for (size_t k = 0; k < 3; k++)
            if (is_element(c, kinds[k])) {
                m->elements[element].kind = (dmn_element_kind)k;
                l->nodes[element] = c;
                if (k == 1)
                    m->decisions_in_document[decision++] = element;
                element++;
            }
    }
    if (status == SVCR_OK)
        status = collect_names(l);
    item = 0;
    for (xmlNodePtr c = root->children; c != NULL && status == SVCR_OK; c = c->next)
        if (is_element(c, "itemDefinition"))
            status = read_item_types(l, c, &m->items[item++]);
    for (size_t i = 0; i < m->element_count && status == SVCR_OK; i++)
        status = read_element(l, i, l->nodes[i]);
    if (status == SVCR_OK)
        status = collect_names(l); /* now with the elements' names */
    for (size_t i = 0; i < m->element_count && status == SVCR_OK; i++)
        if (m->elements[i].kind != DMN_INPUT_DATA)
            status = read_requirements(l, i);
    if (status == SVCR_OK)
        status = order_decisions(l);
    if (status == SVCR_OK)
        status = read_expressions(l);
    return status;
}

svcr_status svcr_dmn_model_parse(const char *xml, size_t length, svcr_dmn_model **out)
{
    SVCR_REQUIRE_ARG(xml);
    SVCR_REQUIRE_ARG(out);
    if (length > SVCR_DMN_MAX_DOCUMENT)
        return svcr__fail(SVCR_EINVAL, "svcr_dmn_model_parse: a document of %zu bytes is longer than the %u bytes "
                                       "(64 MiB) a DMN model may have",
                          length, SVCR_DMN_MAX_DOCUMENT);
    xmlDocPtr doc;
    svcr_status status = svcr__dmn_read_xml(xml, length, &doc);
    if (status != SVCR_OK)
        return status;
    svcr_dmn_model *model = svcr__calloc(1, sizeof *model);
    if (model == NULL) {
        xmlFreeDoc(doc);
        return nomem();
    }
    loader l = {model, NULL, {NULL, 0}};
    status = load(&l, doc);
    svcr__free(l.nodes);
    xmlFreeDoc(doc);
    if (status != SVCR_OK) {
        svcr_dmn_model_free(model);
        return status;
    }
    *out = model;
    return SVCR_OK;
}

void svcr_dmn_model_free(svcr_dmn_model *model)
{
    if (model == NULL)
        return;
    svcr__feel_arena_free(&model->arena);
    svcr__free(model);
}

bool svcr_dmn_available(void)
{
    return true;
}
