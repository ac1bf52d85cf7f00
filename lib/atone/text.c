/* The text format: directives (`table`, `hit-policy`, `rounding`, `priority`) and pipe tables
 * whose header names the columns and whose rows are rules, one a line. See README. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct reader {
    atone_draft *draft;
    atone_draft_table *table; /* the current table, or NULL */
    bool header_seen;
    bool has_rule_column;
    size_t input_count; /* columns before `||` in the header (the rule column excluded) */
    int line;
    const char *line_start;
} reader;

/* A cell of a row as split: its trimmed text span and 1-based column. */
typedef struct span {
    const char *start;
    size_t length;
    int column;
} span;

enum { MAX_CELLS = 256 };

/* 1-based column of @p at in the current line, counting UTF-8 characters. */
static int column_of(const reader *rd, const char *at)
{
    int column = 1;
    for (const char *p = rd->line_start; p < at; p++)
        column += ((unsigned char)*p & 0xC0) != 0x80;
    return column;
}

static svcr_status fail_at(const reader *rd, const char *at, svcr_status status, const char *fmt, ...)
    SVCR_PRINTF(4, 5);

static svcr_status fail_at(const reader *rd, const char *at, svcr_status status, const char *fmt, ...)
{
    char detail[300];
    va_list args;
    va_start(args, fmt);
    vsnprintf(detail, sizeof detail, fmt, args);
    va_end(args);
    int column = column_of(rd, at);
    return svcr__fail_at(status, rd->line, column, "%s: line %d, column %d: %s", rd->draft->what,
                         rd->line, column, detail);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && is_space(*p))
        p++;
    return p;
}

/* Copy a span into a new cell; false on allocation failure. */
static bool make_cell(const reader *rd, const span *s, atone_cell *out)
{
    out->text = svcr__strndup(s->start, s->length);
    out->pointer = NULL;
    out->line = rd->line;
    out->column = s->column;
    return out->text != NULL;
}

/* Split a row `| a | b || c |` into cells. *divider receives the index of the first cell after
 * `||`, or SIZE_MAX if there is none. */
static svcr_status split_row(const reader *rd, const char *p, const char *end, span *cells,
                             size_t *count, size_t *divider)
{
    *count = 0;
    *divider = SIZE_MAX;
    p++; /* the leading '|' */
    for (;;) {
        if (p < end && *p == '|') { /* `||` */
            if (*divider != SIZE_MAX)
                return fail_at(rd, p, SVCR_EPARSE, "a second || in one row: inputs and outputs are "
                                                   "divided once");
            *divider = *count;
            p++;
        }
        const char *start = skip_space(p, end);
        const char *q = start;
        bool quoted = false;
        for (; q < end && (quoted || *q != '|'); q++) {
            if (*q == '"')
                quoted = !quoted;
            else if (quoted && *q == '\\' && q + 1 < end)
                q++;
        }
        if (quoted)
            return fail_at(rd, start, SVCR_EPARSE, "cell \"%.*s\": unterminated string",
                           (int)(end - start), start);
        const char *stop = q;
        while (stop > start && is_space(stop[-1]))
            stop--;
        if (q == end && stop == start)
            return SVCR_OK; /* nothing after the last '|' */
        if (*count == MAX_CELLS)
            return fail_at(rd, start, SVCR_EPARSE, "more than %d cells in a row", MAX_CELLS);
        cells[(*count)++] = (span){start, (size_t)(stop - start), column_of(rd, start)};
        if (q == end)
            return SVCR_OK;
        p = q + 1;
    }
}

static bool is_separator_row(const span *cells, size_t count)
{
    bool dash = false;
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < cells[i].length; k++) {
            char c = cells[i].start[k];
            if (c == '-')
                dash = true;
            else if (c != ':' && c != '=' && c != '+' && !is_space(c))
                return false;
        }
    return dash;
}

static bool span_is(const span *s, const char *word)
{
    return s->length == strlen(word) && memcmp(s->start, word, s->length) == 0;
}

/* A header cell: `name`, `name: type`, `name: type required`, `name: type from table` or `name
 * from table`. */
static svcr_status read_column(reader *rd, const span *s, bool input)
{
    const char *p = s->start, *end = s->start + s->length;
    const char *name = p;
    while (p < end && is_name_char(*p))
        p++;
    if (p == name)
        return fail_at(rd, name, SVCR_EPARSE, "expected a column name");
    size_t name_length = (size_t)(p - name);
    const char *type = NULL, *from = NULL;
    size_t type_length = 0, from_length = 0;
    p = skip_space(p, end);
    if (p < end && *p == ':') {
        p = skip_space(p + 1, end);
        type = p;
        while (p < end && is_name_char(*p))
            p++;
        type_length = (size_t)(p - type);
        if (type_length == 0)
            return fail_at(rd, p, SVCR_EPARSE, "expected a type after ':'");
        p = skip_space(p, end);
    }
    bool required = false;
    const char *required_at = p;
    if (input && end - p >= 8 && memcmp(p, "required", 8) == 0 && (end - p == 8 || is_space(p[8]))) {
        required = true;
        p = skip_space(p + 8, end);
    }
    if (input && end - p > 5 && memcmp(p, "from", 4) == 0 && is_space(p[4])) {
        p = skip_space(p + 4, end);
        from = p;
        while (p < end && is_name_char(*p))
            p++;
        from_length = (size_t)(p - from);
        if (from_length == 0)
            return fail_at(rd, p, SVCR_EPARSE, "expected a table name after 'from'");
    }
    if (p != end)
        return fail_at(rd, p, SVCR_EPARSE, "unexpected text in a column header; write name: type%s",
                       input ? ", name: type required or name: type from table" : "");
    if (required && from != NULL)
        return fail_at(rd, required_at, SVCR_EPARSE, "an input from another table is not a fact: it cannot be required");
    atone_draft_column *column = svcr__atone_draft_add_column(rd->table);
    if (column == NULL)
        return svcr__fail_nomem("reading a table header");
    column->role = ATONE_INPUT;
    column->required = required;
    column->name = svcr__strndup(name, name_length);
    column->type = type ? svcr__strndup(type, type_length) : NULL;
    column->from = from ? svcr__strndup(from, from_length) : NULL;
    if (column->name == NULL || (type && !column->type) || (from && !column->from) ||
        !make_cell(rd, s, &column->where))
        return svcr__fail_nomem("reading a table header");
    if (!input) {
        static const struct {
            const char *name;
            atone_role role;
        } offer_columns[] = {{"kind", ATONE_KIND},
                             {"amount", ATONE_AMOUNT},
                             {"approval", ATONE_APPROVAL},
                             {"annotation", ATONE_ANNOTATION}};
        column->role = ATONE_VALUE;
        for (size_t i = 0; i < sizeof offer_columns / sizeof offer_columns[0]; i++)
            if (strcmp(column->name, offer_columns[i].name) == 0)
                column->role = offer_columns[i].role;
        if (column->role != ATONE_VALUE && type != NULL)
            return fail_at(rd, type, SVCR_EPARSE, "offer column \"%s\" takes no type", column->name);
    }
    return SVCR_OK;
}

static svcr_status read_header(reader *rd, const span *cells, size_t count, size_t divider)
{
    if (divider == SIZE_MAX)
        return fail_at(rd, cells[0].start, SVCR_EPARSE,
                       "the header needs || between the input and the output columns");
    size_t first = 0;
    rd->has_rule_column = divider > 0 && span_is(&cells[0], "rule");
    if (rd->has_rule_column)
        first = 1;
    rd->input_count = divider - first;
    if (divider == count)
        return fail_at(rd, cells[count - 1].start + cells[count - 1].length, SVCR_EPARSE,
                       "the table has no output column");
    for (size_t i = first; i < count; i++) {
        svcr_status status = read_column(rd, &cells[i], i < divider);
        if (status != SVCR_OK)
            return status;
    }
    rd->header_seen = true;
    return SVCR_OK;
}

static svcr_status read_rule(reader *rd, const char *row, const span *cells, size_t count,
                             size_t divider)
{
    size_t first = rd->has_rule_column ? 1 : 0;
    size_t outputs = rd->table->column_count - rd->input_count;
    if (divider == SIZE_MAX)
        return fail_at(rd, row, SVCR_EPARSE, "a rule needs || between its input and output cells");
    if (divider != first + rd->input_count)
        return fail_at(rd, row, SVCR_EPARSE, "%zu input cells, the header has %zu", divider - first,
                       rd->input_count);
    if (count - divider != outputs)
        return fail_at(rd, count > divider ? cells[count - 1].start : row, SVCR_EPARSE,
                       "%zu output cells, the header has %zu", count - divider, outputs);
    atone_draft_rule *rule = svcr__atone_draft_add_rule(rd->table);
    if (rule == NULL)
        return svcr__fail_nomem("reading a rule");
    rule->line = rd->line;
    rule->column = rd->has_rule_column ? cells[0].column : column_of(rd, row);
    if (rd->has_rule_column) {
        if (cells[0].length == 0 || span_is(&cells[0], "-"))
            return fail_at(rd, cells[0].start, SVCR_EPARSE, "the rule cell is empty: name the rule");
        if ((rule->name = svcr__strndup(cells[0].start, cells[0].length)) == NULL)
            return svcr__fail_nomem("reading a rule");
    }
    rule->cells = svcr__calloc(rd->table->column_count, sizeof *rule->cells);
    if (rule->cells == NULL)
        return svcr__fail_nomem("reading a rule");
    for (size_t i = 0; i < rd->table->column_count; i++)
        if (!make_cell(rd, &cells[first + i], &rule->cells[i]))
            return svcr__fail_nomem("reading a rule");
    return SVCR_OK;
}

static svcr_status read_row(reader *rd, const char *p, const char *end)
{
    span cells[MAX_CELLS];
    size_t count, divider;
    if (rd->table == NULL)
        return fail_at(rd, p, SVCR_EPARSE, "a table row before any `table NAME` line");
    svcr_status status = split_row(rd, p, end, cells, &count, &divider);
    if (status != SVCR_OK)
        return status;
    if (count == 0 || is_separator_row(cells, count))
        return SVCR_OK;
    if (!rd->header_seen)
        return read_header(rd, cells, count, divider);
    return read_rule(rd, p, cells, count, divider);
}

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
    /* DMN's single-letter forms */
    {"U", ATONE_HIT_UNIQUE, ATONE_AGG_NONE},
    {"A", ATONE_HIT_ANY, ATONE_AGG_NONE},
    {"F", ATONE_HIT_FIRST, ATONE_AGG_NONE},
    {"P", ATONE_HIT_PRIORITY, ATONE_AGG_NONE},
    {"C", ATONE_HIT_COLLECT, ATONE_AGG_NONE},
    {"C+", ATONE_HIT_COLLECT, ATONE_AGG_SUM},
    {"C<", ATONE_HIT_COLLECT, ATONE_AGG_MIN},
    {"C>", ATONE_HIT_COLLECT, ATONE_AGG_MAX},
    {"C#", ATONE_HIT_COLLECT, ATONE_AGG_COUNT},
    {"R", ATONE_HIT_RULE_ORDER, ATONE_AGG_NONE},
    {"O", ATONE_HIT_OUTPUT_ORDER, ATONE_AGG_NONE},
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

/* `priority COLUMN: v1, v2, ...` */
static svcr_status read_priority(reader *rd, const char *p, const char *end)
{
    const char *name = p;
    while (p < end && is_name_char(*p))
        p++;
    if (p == name || p == end || *p != ':')
        return fail_at(rd, p, SVCR_EPARSE, "expected `priority COLUMN: value, value, ...`");
    atone_draft_priority *priority = svcr__atone_draft_add_priority(rd->table);
    if (priority == NULL || (priority->column = svcr__strndup(name, (size_t)(p - name))) == NULL)
        return svcr__fail_nomem("reading a priority list");
    span whole = {name, (size_t)(end - name), column_of(rd, name)};
    if (!make_cell(rd, &whole, &priority->where))
        return svcr__fail_nomem("reading a priority list");
    p++;
    size_t capacity = 0;
    while (p < end) {
        const char *start = skip_space(p, end), *q = start;
        bool quoted = false;
        for (; q < end && (quoted || *q != ','); q++)
            if (*q == '"')
                quoted = !quoted;
        const char *stop = q;
        while (stop > start && is_space(stop[-1]))
            stop--;
        if (stop == start)
            return fail_at(rd, start, SVCR_EPARSE, "empty value in a priority list");
        if (svcr__grow((void **)&priority->values, &capacity, priority->count + 1,
                       sizeof *priority->values) != 0)
            return svcr__fail_nomem("reading a priority list");
        span value = {start, (size_t)(stop - start), column_of(rd, start)};
        if (!make_cell(rd, &value, &priority->values[priority->count]))
            return svcr__fail_nomem("reading a priority list");
        priority->count++;
        p = q < end ? q + 1 : q;
    }
    if (priority->count == 0)
        return fail_at(rd, p, SVCR_EPARSE, "a priority list needs at least one value");
    return SVCR_OK;
}

static svcr_status read_directive(reader *rd, const char *p, const char *end)
{
    const char *word = p;
    while (p < end && !is_space(*p))
        p++;
    size_t word_length = (size_t)(p - word);
    const char *arg = skip_space(p, end);
    const char *arg_end = end;
    while (arg_end > arg && is_space(arg_end[-1]))
        arg_end--;
    size_t arg_length = (size_t)(arg_end - arg);
#define WORD_IS(w) (word_length == strlen(w) && memcmp(word, w, word_length) == 0)
    if (WORD_IS("table")) {
        const char *q = arg;
        while (q < arg_end && is_name_char(*q))
            q++;
        if (arg_length == 0 || q != arg_end)
            return fail_at(rd, q, SVCR_EPARSE,
                           "a table name is letters, digits, '_', '-' and '.', e.g. `table severity-value`");
        atone_draft_table *table = svcr__atone_draft_add_table(rd->draft);
        if (table == NULL || (table->name = svcr__strndup(arg, arg_length)) == NULL)
            return svcr__fail_nomem("reading a table");
        span where = {arg, arg_length, column_of(rd, arg)};
        if (!make_cell(rd, &where, &table->where))
            return svcr__fail_nomem("reading a table");
        rd->table = table;
        rd->header_seen = false;
        return SVCR_OK;
    }
    if (rd->table == NULL)
        return fail_at(rd, word, SVCR_EPARSE, "expected `table NAME` before anything else");
    if (rd->header_seen)
        return fail_at(rd, word, SVCR_EPARSE,
                       "`%.*s` after the rules: directives come before the table's header row",
                       (int)word_length, word);
    if (WORD_IS("hit-policy")) {
        for (size_t i = 0; i < sizeof hit_policies / sizeof hit_policies[0]; i++)
            if (arg_length == strlen(hit_policies[i].name) &&
                memcmp(arg, hit_policies[i].name, arg_length) == 0) {
                rd->table->hit = hit_policies[i].hit;
                rd->table->aggregation = hit_policies[i].aggregation;
                return SVCR_OK;
            }
        return fail_at(rd, arg, SVCR_EPARSE,
                       "unknown hit policy \"%.*s\": unique, any, first, priority, collect, "
                       "collect-sum, collect-min, collect-max, collect-count, rule-order, output-order",
                       (int)arg_length, arg);
    }
    if (WORD_IS("rounding")) {
        for (size_t i = 0; i < sizeof roundings / sizeof roundings[0]; i++)
            if (arg_length == strlen(roundings[i].name) && memcmp(arg, roundings[i].name, arg_length) == 0) {
                rd->table->rounding = roundings[i].rounding;
                return SVCR_OK;
            }
        return fail_at(rd, arg, SVCR_EPARSE,
                       "unknown rounding \"%.*s\": half-even, half-up, half-down, up, down, ceiling, floor",
                       (int)arg_length, arg);
    }
    if (WORD_IS("priority"))
        return read_priority(rd, arg, arg_end);
#undef WORD_IS
    return fail_at(rd, word, SVCR_EPARSE,
                   "unknown line \"%.*s\": expected table, hit-policy, rounding, priority, a | row or # comment",
                   (int)word_length, word);
}

svcr_status svcr__atone_read_text(const char *text, size_t length, atone_draft *draft)
{
    reader rd = {draft, NULL, false, false, 0, 0, text};
    const char *end_of_text = text + length;
    if (memchr(text, '\0', length) != NULL) {
        size_t at = (size_t)((const char *)memchr(text, '\0', length) - text);
        for (size_t i = 0; i < at; i++)
            if (text[i] == '\n') {
                rd.line++;
                rd.line_start = text + i + 1;
            }
        rd.line++;
        return fail_at(&rd, text + at, SVCR_EPARSE, "NUL byte in the text");
    }
    for (const char *line = text; line < end_of_text;) {
        const char *newline = memchr(line, '\n', (size_t)(end_of_text - line));
        const char *end = newline != NULL ? newline : end_of_text;
        const char *next = newline != NULL ? newline + 1 : end_of_text;
        if (end > line && end[-1] == '\r')
            end--;
        rd.line++;
        rd.line_start = line;
        const char *p = skip_space(line, end);
        svcr_status status = SVCR_OK;
        if (p == end || *p == '#')
            status = SVCR_OK;
        else if (*p == '|')
            status = read_row(&rd, p, end);
        else
            status = read_directive(&rd, p, end);
        if (status != SVCR_OK)
            return status;
        line = next;
    }
    if (draft->table_count == 0) {
        rd.line_start = end_of_text;
        return svcr__fail_at(SVCR_EPARSE, rd.line > 0 ? rd.line : 1, 1,
                             "%s: line %d, column 1: no table: start with `table NAME`", draft->what,
                             rd.line > 0 ? rd.line : 1);
    }
    return SVCR_OK;
}
