/* DMN 1.x XML import through libxml2: each decision's decisionTable becomes a draft table, which
 * the same compiler as the text format compiles. Output columns kind, amount, currency, approval
 * and annotation make offers; `currency` is folded into the amount cells. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

typedef struct importer {
    atone_draft *draft;
    xmlNodePtr *decisions; /* decision elements with a decisionTable, in document order */
    size_t decision_count;
} importer;

static bool is_dmn_namespace(const xmlNs *ns)
{
    if (ns == NULL || ns->href == NULL)
        return false;
    const char *href = (const char *)ns->href;
    return strncmp(href, "https://www.omg.org/spec/DMN/", 29) == 0 ||
           strncmp(href, "http://www.omg.org/spec/DMN/", 28) == 0;
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

static int line_of(const xmlNode *node)
{
    long line = xmlGetLineNo(node);
    return line > 0 && line < INT_MAX ? (int)line : 0;
}

/* An attribute's value as a new string, or NULL (absent or out of memory: check *failed). */
static char *attribute(xmlNodePtr node, const char *name, bool *failed)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (value == NULL)
        return NULL;
    char *copy = svcr__strdup((const char *)value);
    xmlFree(value);
    if (copy == NULL)
        *failed = true;
    return copy;
}

/* The trimmed content of @p element's <text> child as a cell ("" when there is none). */
static svcr_status text_cell(xmlNodePtr element, atone_cell *out)
{
    xmlNodePtr text = element != NULL ? first_child(element, "text") : NULL;
    xmlChar *content = text != NULL ? xmlNodeGetContent(text) : NULL;
    const char *s = content != NULL ? (const char *)content : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    out->text = svcr__strndup(s, n);
    out->pointer = NULL;
    out->line = line_of(text != NULL ? text : element);
    out->column = 0;
    if (content != NULL)
        xmlFree(content);
    return out->text != NULL ? SVCR_OK : svcr__fail_nomem("importing DMN");
}

static svcr_status fail_at_node(const importer *im, const xmlNode *node, svcr_status status,
                                const char *message, const char *name)
{
    int line = line_of(node);
    return svcr__fail_at(status, line, 0, "%s: line %d: %s%s%s", im->draft->what, line, message,
                         name ? " " : "", name ? name : "");
}

static const char *decision_name(xmlNodePtr decision)
{
    static const char *const attributes[] = {"name", "id"};
    for (size_t i = 0; i < 2; i++)
        if (xmlHasProp(decision, (const xmlChar *)attributes[i]) != NULL)
            return attributes[i];
    return NULL;
}

static const struct {
    const char *dmn;
    const char *type;
} type_refs[] = {
    {"number", "number"},   {"integer", "number"},   {"long", "number"},     {"double", "number"},
    {"decimal", "number"},  {"string", "string"},    {"boolean", "boolean"}, {"money", "money"},
    {"dayTimeDuration", "duration"},                 {"days and time duration", "duration"},
    {"duration", "duration"},
};

/* Set column->type from a typeRef attribute (may be absent). */
static svcr_status column_type(const importer *im, xmlNodePtr node, atone_draft_column *column)
{
    xmlChar *ref = xmlGetProp(node, (const xmlChar *)"typeRef");
    if (ref == NULL)
        return SVCR_OK;
    const char *name = (const char *)ref;
    const char *colon = strchr(name, ':'); /* "feel:number" */
    if (colon != NULL)
        name = colon + 1;
    svcr_status status = SVCR_OK;
    size_t i = 0;
    while (i < sizeof type_refs / sizeof type_refs[0] && strcmp(type_refs[i].dmn, name) != 0)
        i++;
    if (i == sizeof type_refs / sizeof type_refs[0])
        status = fail_at_node(im, node, SVCR_EPARSE,
                              "unsupported typeRef (number, string, boolean, money, dayTimeDuration):",
                              name);
    else if ((column->type = svcr__strdup(type_refs[i].type)) == NULL)
        status = svcr__fail_nomem("importing DMN");
    xmlFree(ref);
    return status;
}

/* A decision the input expression @p text names ("classify" or "classify.severity"). */
static xmlNodePtr referenced_decision(const importer *im, const char *text, const char **output)
{
    for (size_t d = 0; d < im->decision_count; d++) {
        xmlChar *name = xmlGetProp(im->decisions[d], (const xmlChar *)decision_name(im->decisions[d]));
        size_t n = name != NULL ? strlen((const char *)name) : 0;
        bool whole = n > 0 && strcmp(text, (const char *)name) == 0;
        bool dotted = n > 0 && strncmp(text, (const char *)name, n) == 0 && text[n] == '.';
        xmlFree(name);
        if (whole || dotted) {
            *output = whole ? NULL : text + n + 1;
            return im->decisions[d];
        }
    }
    return NULL;
}

static svcr_status import_input(importer *im, atone_draft_table *table, xmlNodePtr input)
{
    atone_draft_column *column = svcr__atone_draft_add_column(table);
    if (column == NULL)
        return svcr__fail_nomem("importing DMN");
    column->role = ATONE_INPUT;
    xmlNodePtr expression = first_child(input, "inputExpression");
    if (expression == NULL)
        return fail_at_node(im, input, SVCR_EPARSE, "input without inputExpression", NULL);
    svcr_status status = text_cell(expression, &column->where);
    if (status == SVCR_OK)
        status = column_type(im, expression, column);
    if (status != SVCR_OK)
        return status;
    const char *output = NULL;
    xmlNodePtr source = referenced_decision(im, column->where.text, &output);
    bool failed = false;
    if (source == NULL) {
        column->name = svcr__strdup(column->where.text);
    } else {
        column->from = attribute(source, decision_name(source), &failed);
        if (output != NULL) {
            column->name = svcr__strdup(output);
        } else { /* the decision's only output */
            xmlNodePtr only = first_child(first_child(source, "decisionTable"), "output");
            column->name = only != NULL ? attribute(only, "name", &failed) : NULL;
            if (only == NULL && !failed)
                return fail_at_node(im, expression, SVCR_EPARSE,
                                    "input names a decision without an output:", column->where.text);
        }
    }
    if (failed || column->name == NULL)
        return svcr__fail_nomem("importing DMN");
    if (column->name[0] == '\0')
        return fail_at_node(im, expression, SVCR_EPARSE, "inputExpression without text", NULL);
    return SVCR_OK;
}

/* Split an outputValues list `"a","b"` into priority cells. */
static svcr_status import_priority(atone_draft_table *table, const char *column, xmlNodePtr values)
{
    atone_cell list;
    svcr_status status = text_cell(values, &list);
    if (status != SVCR_OK)
        return status;
    atone_draft_priority *priority = svcr__atone_draft_add_priority(table);
    if (priority == NULL || (priority->column = svcr__strdup(column)) == NULL) {
        svcr__free(list.text);
        return svcr__fail_nomem("importing DMN");
    }
    priority->where = list;
    size_t capacity = 0;
    for (const char *p = list.text; *p != '\0';) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *start = p;
        bool quoted = false;
        for (; *p != '\0' && (quoted || *p != ','); p++)
            if (*p == '"')
                quoted = !quoted;
        const char *stop = p;
        while (stop > start && stop[-1] == ' ')
            stop--;
        if (stop == start)
            continue;
        if (svcr__grow((void **)&priority->values, &capacity, priority->count + 1,
                       sizeof *priority->values) != 0 ||
            (priority->values[priority->count].text = svcr__strndup(start, (size_t)(stop - start))) == NULL)
            return svcr__fail_nomem("importing DMN");
        priority->values[priority->count].pointer = NULL;
        priority->values[priority->count].line = list.line;
        priority->values[priority->count++].column = 0;
    }
    return SVCR_OK;
}

static const struct {
    const char *name;
    atone_role role;
} offer_outputs[] = {{"kind", ATONE_KIND},
                     {"amount", ATONE_AMOUNT},
                     {"approval", ATONE_APPROVAL},
                     {"annotation", ATONE_ANNOTATION}};

static size_t count_outputs(xmlNodePtr decision_table)
{
    size_t n = 0;
    for (xmlNodePtr out = decision_table->children; out != NULL; out = out->next)
        n += is_element(out, "output");
    return n;
}

/* Outputs of one table; *currency_output receives the index among <output>s of `currency`. */
static svcr_status import_outputs(importer *im, atone_draft_table *table, xmlNodePtr decision_table,
                                  size_t *currency_output, size_t *amount_column)
{
    size_t index = 0;
    *currency_output = *amount_column = SIZE_MAX;
    for (xmlNodePtr out = decision_table->children; out != NULL; out = out->next) {
        if (!is_element(out, "output"))
            continue;
        bool failed = false;
        char *name = attribute(out, "name", &failed);
        if (failed)
            return svcr__fail_nomem("importing DMN");
        bool unnamed = name == NULL;
        if (name == NULL && count_outputs(decision_table) == 1) {
            /* DMN: a table's only output may omit its name; the decision's is its name. */
            if ((name = svcr__strdup(table->name)) == NULL)
                return svcr__fail_nomem("importing DMN");
        } else if (name == NULL) {
            return fail_at_node(im, out, SVCR_EPARSE, "output without a name (only a table's single output may omit it)", NULL);
        }
        if (strcmp(name, "currency") == 0) {
            svcr__free(name);
            *currency_output = index++;
            continue;
        }
        atone_draft_column *column = svcr__atone_draft_add_column(table);
        if (column == NULL) {
            svcr__free(name);
            return svcr__fail_nomem("importing DMN");
        }
        column->name = name;
        column->role = ATONE_VALUE;
        for (size_t i = 0; i < sizeof offer_outputs / sizeof offer_outputs[0]; i++)
            if (strcmp(name, offer_outputs[i].name) == 0)
                column->role = offer_outputs[i].role;
        if (column->role == ATONE_AMOUNT)
            *amount_column = table->column_count - 1;
        column->where.line = line_of(out);
        if ((column->where.text = svcr__strdup(name)) == NULL)
            return svcr__fail_nomem("importing DMN");
        svcr_status status = column->role == ATONE_VALUE ? column_type(im, out, column) : SVCR_OK;
        xmlNodePtr variable = unnamed ? first_child(decision_table->parent, "variable") : NULL;
        if (status == SVCR_OK && column->role == ATONE_VALUE && column->type == NULL && variable != NULL)
            status = column_type(im, variable, column); /* the decision's type is its output's */
        xmlNodePtr values = first_child(out, "outputValues");
        if (status == SVCR_OK && values != NULL)
            status = import_priority(table, name, values);
        if (status != SVCR_OK)
            return status;
        index++;
    }
    return SVCR_OK;
}

/* The n-th element child named @p name. */
static xmlNodePtr nth_child(xmlNodePtr parent, const char *name, size_t n)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        if (is_element(c, name) && n-- == 0)
            return c;
    return NULL;
}

static svcr_status import_rule(importer *im, atone_draft_table *table, xmlNodePtr rule, size_t inputs,
                               size_t currency_output, size_t amount_column, bool annotation_column)
{
    atone_draft_rule *draft_rule = svcr__atone_draft_add_rule(table);
    if (draft_rule == NULL || (draft_rule->cells = svcr__calloc(table->column_count,
                                                                sizeof *draft_rule->cells)) == NULL)
        return svcr__fail_nomem("importing DMN");
    bool failed = false;
    draft_rule->name = attribute(rule, "id", &failed);
    draft_rule->line = line_of(rule);
    draft_rule->column = 0;
    if (failed)
        return svcr__fail_nomem("importing DMN");
    size_t outputs = table->column_count - inputs - (annotation_column ? 1 : 0);
    size_t entry = 0; /* index among <outputEntry>s (the currency entry included) */
    for (size_t c = 0; c < table->column_count; c++) {
        xmlNodePtr element;
        if (c < inputs) {
            element = nth_child(rule, "inputEntry", c);
        } else if (c < inputs + outputs) {
            if (entry == currency_output)
                entry++;
            element = nth_child(rule, "outputEntry", entry++);
        } else {
            element = first_child(rule, "annotationEntry");
        }
        if (element == NULL && c < inputs + outputs)
            return fail_at_node(im, rule, SVCR_EPARSE,
                                c < inputs ? "rule has fewer inputEntry elements than the table has inputs"
                                           : "rule has fewer outputEntry elements than the table has outputs",
                                NULL);
        svcr_status status = text_cell(element != NULL ? element : rule, &draft_rule->cells[c]);
        if (status != SVCR_OK)
            return status;
        if (element == NULL) /* no annotation */
            draft_rule->cells[c].text[0] = '\0';
        if (c < inputs && draft_rule->cells[c].text[0] == '\0') {
            svcr__free(draft_rule->cells[c].text); /* DMN modelers write an empty entry for "any" */
            if ((draft_rule->cells[c].text = svcr__strdup("-")) == NULL)
                return svcr__fail_nomem("importing DMN");
        }
    }
    if (amount_column == SIZE_MAX || currency_output == SIZE_MAX)
        return SVCR_OK;
    /* A plain decimal amount takes the currency column: `250.00` and `"EUR"` become `250.00 EUR`. */
    atone_cell currency;
    svcr_status status = text_cell(nth_child(rule, "outputEntry", currency_output), &currency);
    if (status != SVCR_OK)
        return status;
    atone_cell *amount = &draft_rule->cells[amount_column];
    const char *code = currency.text;
    size_t code_length = strlen(code);
    if (code_length >= 2 && code[0] == '"' && code[code_length - 1] == '"') {
        code++;
        code_length -= 2;
    }
    const char *p = amount->text;
    int64_t number;
    if (svcr__atone_parse_number(&p, &number) && *p == '\0' && code_length > 0 && strcmp(code, "-") != 0) {
        size_t size = strlen(amount->text) + code_length + 2;
        char *joined = svcr__malloc(size);
        if (joined == NULL) {
            svcr__free(currency.text);
            return svcr__fail_nomem("importing DMN");
        }
        snprintf(joined, size, "%s %.*s", amount->text, (int)code_length, code);
        svcr__free(amount->text);
        amount->text = joined;
    }
    svcr__free(currency.text);
    return SVCR_OK;
}

static const struct {
    const char *name;
    atone_hit hit;
} hit_policies[] = {{"UNIQUE", ATONE_HIT_UNIQUE},         {"FIRST", ATONE_HIT_FIRST},
                    {"PRIORITY", ATONE_HIT_PRIORITY},     {"ANY", ATONE_HIT_ANY},
                    {"COLLECT", ATONE_HIT_COLLECT},       {"RULE ORDER", ATONE_HIT_RULE_ORDER},
                    {"OUTPUT ORDER", ATONE_HIT_OUTPUT_ORDER}};

static const struct {
    const char *name;
    atone_aggregation aggregation;
} aggregations[] = {{"SUM", ATONE_AGG_SUM}, {"MIN", ATONE_AGG_MIN}, {"MAX", ATONE_AGG_MAX},
                    {"COUNT", ATONE_AGG_COUNT}};

static svcr_status import_hit_policy(const importer *im, xmlNodePtr node, atone_draft_table *table)
{
    xmlChar *hit = xmlGetProp(node, (const xmlChar *)"hitPolicy");
    xmlChar *aggregation = xmlGetProp(node, (const xmlChar *)"aggregation");
    svcr_status status = SVCR_OK;
    if (hit != NULL) {
        size_t i = 0;
        while (i < sizeof hit_policies / sizeof hit_policies[0] &&
               strcmp(hit_policies[i].name, (const char *)hit) != 0)
            i++;
        if (i == sizeof hit_policies / sizeof hit_policies[0])
            status = fail_at_node(im, node, SVCR_EPARSE, "unknown hitPolicy", (const char *)hit);
        else
            table->hit = hit_policies[i].hit;
    }
    if (status == SVCR_OK && aggregation != NULL) {
        size_t i = 0;
        while (i < sizeof aggregations / sizeof aggregations[0] &&
               strcmp(aggregations[i].name, (const char *)aggregation) != 0)
            i++;
        if (i == sizeof aggregations / sizeof aggregations[0] || table->hit != ATONE_HIT_COLLECT)
            status = fail_at_node(im, node, SVCR_EPARSE,
                                  "aggregation is SUM, MIN, MAX or COUNT, with hitPolicy COLLECT; not",
                                  (const char *)aggregation);
        else
            table->aggregation = aggregations[i].aggregation;
    }
    xmlFree(hit);
    xmlFree(aggregation);
    return status;
}

static svcr_status import_decision(importer *im, xmlNodePtr decision)
{
    xmlNodePtr decision_table = first_child(decision, "decisionTable");
    atone_draft_table *table = svcr__atone_draft_add_table(im->draft);
    if (table == NULL)
        return svcr__fail_nomem("importing DMN");
    bool failed = false;
    const char *key = decision_name(decision);
    table->name = key != NULL ? attribute(decision, key, &failed) : NULL;
    if (failed)
        return svcr__fail_nomem("importing DMN");
    if (table->name == NULL)
        return fail_at_node(im, decision, SVCR_EPARSE, "decision without a name or id", NULL);
    table->where.line = line_of(decision);
    if ((table->where.text = svcr__strdup(table->name)) == NULL)
        return svcr__fail_nomem("importing DMN");
    svcr_status status = import_hit_policy(im, decision_table, table);
    size_t inputs = 0;
    for (xmlNodePtr in = decision_table->children; in != NULL && status == SVCR_OK; in = in->next)
        if (is_element(in, "input")) {
            status = import_input(im, table, in);
            inputs++;
        }
    size_t currency_output = SIZE_MAX, amount_column = SIZE_MAX;
    if (status == SVCR_OK)
        status = import_outputs(im, table, decision_table, &currency_output, &amount_column);
    if (status != SVCR_OK)
        return status;
    if (table->column_count == inputs)
        return fail_at_node(im, decision_table, SVCR_EPARSE, "decision table without outputs", NULL);
    bool annotations = false, has_annotation_output = false;
    for (size_t c = inputs; c < table->column_count; c++)
        has_annotation_output = has_annotation_output || table->columns[c].role == ATONE_ANNOTATION;
    for (xmlNodePtr rule = decision_table->children; rule != NULL; rule = rule->next)
        annotations = annotations || (is_element(rule, "rule") && first_child(rule, "annotationEntry"));
    if (annotations && !has_annotation_output) {
        atone_draft_column *column = svcr__atone_draft_add_column(table);
        if (column == NULL || (column->name = svcr__strdup("annotation")) == NULL ||
            (column->where.text = svcr__strdup("annotation")) == NULL)
            return svcr__fail_nomem("importing DMN");
        column->role = ATONE_ANNOTATION;
        column->where.line = line_of(decision_table);
    } else {
        annotations = false;
    }
    for (xmlNodePtr rule = decision_table->children; rule != NULL && status == SVCR_OK; rule = rule->next)
        if (is_element(rule, "rule"))
            status = import_rule(im, table, rule, inputs, currency_output, amount_column, annotations);
    return status;
}

static svcr_status import_document(importer *im, xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!is_element(root, "definitions"))
        return fail_at_node(im, root, SVCR_EPARSE,
                            "the root element is not DMN <definitions> (namespace "
                            "https://www.omg.org/spec/DMN/20191111/MODEL/)",
                            NULL);
    size_t capacity = 0;
    for (xmlNodePtr d = root->children; d != NULL; d = d->next) {
        if (!is_element(d, "decision"))
            continue;
        if (first_child(d, "decisionTable") == NULL)
            return fail_at_node(im, d, SVCR_EPARSE,
                                "decision without a decisionTable (only decision tables are imported)",
                                NULL);
        if (svcr__grow((void **)&im->decisions, &capacity, im->decision_count + 1, sizeof *im->decisions) != 0)
            return svcr__fail_nomem("importing DMN");
        im->decisions[im->decision_count++] = d;
    }
    if (im->decision_count == 0)
        return fail_at_node(im, root, SVCR_EPARSE, "no decision with a decisionTable", NULL);
    for (size_t d = 0; d < im->decision_count; d++) {
        svcr_status status = import_decision(im, im->decisions[d]);
        if (status != SVCR_OK)
            return status;
    }
    return SVCR_OK;
}

/* A libxml2 generic error handler that drops the message (the library never prints). */
static void ignore_message(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
}

/* Where a DOCTYPE starts, when the document has one. DMN needs no DTD, and a DTD's entities would
 * put other text (an external file's, with XML_PARSE_NOENT) into cells or, unexpanded, drop it
 * silently ("a&x;b" read as "ab"): the import stops at the DOCTYPE and refuses the document. */
typedef struct doctype_position {
    bool found;
    int line, column;
} doctype_position;

/* The SAX callback for <!DOCTYPE ...>: libxml2 calls it at the end of the declaration's name and
 * identifiers, so walk back to its "<!DOCTYPE" for the line and column the user wrote it at. */
static void refuse_doctype(void *user, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr context = user;
    doctype_position *position = context->_private;
    const xmlChar *base = context->input->base, *p = context->input->cur;
    int line = context->input->line;
    while (p > base && strncmp((const char *)p, "<!DOCTYPE", 9) != 0)
        if (*--p == '\n')
            line--;
    const xmlChar *line_start = p;
    while (line_start > base && line_start[-1] != '\n')
        line_start--;
    position->found = true;
    position->line = line;
    position->column = (int)(p - line_start) + 1;
    xmlStopParser(context);
}

svcr_status svcr_table_parse_dmn(const char *text, size_t length, svcr_table **out)
{
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(out);
    if (length > INT_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_table_parse_dmn: the document is too large");
    xmlInitParser();
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL)
        return svcr__fail_nomem("importing DMN");
    doctype_position doctype = {false, 0, 0};
    context->_private = &doctype;
    context->sax->internalSubset = refuse_doctype;
    /* No network, no DTD, no entity expansion, no messages on stderr: errors come back through us.
     * XML_PARSE_NOERROR does not cover encoding and I/O errors, which libxml2 reports through
     * the thread's generic handler (stderr by default), so that one is muted while we parse. */
    xmlGenericErrorFunc saved_handler = xmlGenericError;
    void *saved_context = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_message);
    xmlDocPtr doc = xmlCtxtReadMemory(context, text, (int)length, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetGenericErrorFunc(saved_context, saved_handler);
    svcr_status status;
    if (doctype.found) {
        xmlFreeDoc(doc);
        doc = NULL;
        status = svcr__fail_at(SVCR_EPARSE, doctype.line, doctype.column,
                               "DMN XML: line %d, column %d: a DOCTYPE is not accepted (DMN needs no "
                               "DTD; entities are refused)",
                               doctype.line, doctype.column);
    } else if (doc == NULL) {
        const xmlError *error = xmlCtxtGetLastError(context);
        char message[200] = "not well-formed XML";
        int line = 0, column = 0;
        if (error != NULL) {
            snprintf(message, sizeof message, "%s", error->message ? error->message : "malformed XML");
            message[strcspn(message, "\n")] = '\0';
            line = error->line;
            column = error->int2;
        }
        status = svcr__fail_at(SVCR_EPARSE, line, column, "DMN XML: line %d, column %d: %s", line, column,
                               message);
    } else {
        atone_draft draft = {"DMN XML", NULL, 0, 0, NULL, 0};
        importer im = {&draft, NULL, 0};
        status = import_document(&im, doc);
        if (status == SVCR_OK)
            status = svcr__atone_compile(&draft, out);
        if (status == SVCR_OK)
            svcr__atone_keep_source(*out, &draft);
        svcr__free(im.decisions);
        svcr__atone_draft_free(&draft);
        xmlFreeDoc(doc);
    }
    xmlFreeParserCtxt(context);
    return status;
}

bool svcr_table_dmn_available(void)
{
    return true;
}
