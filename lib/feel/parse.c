/* The FEEL parser: recursive descent over S-FEEL (and the few FEEL forms DMN models at level 2
 * use: if-then-else, between, in, lists, contexts, function calls, paths, filters). Errors name
 * the line and column in the text. Names are read greedily against the names in scope, so
 * "Monthly Salary * 12" reads the variable "Monthly Salary". */
#include "feel/ast.h"
#include "feel/builtins.h"
#include "base/compat.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DEPTH = 200 };

typedef enum token_kind {
    T_END,
    T_NUMBER,
    T_STRING,
    T_NAME,
    T_PUNCT, /* text holds the punctuation, e.g. "<=" */
} token_kind;

typedef struct token {
    token_kind kind;
    size_t start, end; /* byte offsets */
    char punct[3];
} token;

typedef struct parser {
    feel_arena *arena;
    const char *text;
    size_t length, pos;
    const feel_names *names;
    feel_parse_error *error;
    jmp_buf fail;
    int depth;
    bool range_end; /* reading a range's upper end: "[" closes the range, it starts no filter */
    token tok; /* the current token */
} parser;

static void position_of(const parser *p, size_t offset, int *line, int *column)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset && i < p->length; i++) {
        if (p->text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)p->text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

static _Noreturn void fail_at(parser *p, size_t offset, const char *fmt, ...) SVCR_PRINTF(3, 4);
static _Noreturn void fail_at(parser *p, size_t offset, const char *fmt, ...)
{
    position_of(p, offset, &p->error->line, &p->error->column);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->error->message, sizeof p->error->message, fmt, ap);
    va_end(ap);
    longjmp(p->fail, 1);
}

static _Noreturn void fail_memory(parser *p)
{
    p->error->out_of_memory = true;
    p->error->line = p->error->column = 0;
    snprintf(p->error->message, sizeof p->error->message, "out of memory");
    longjmp(p->fail, 1);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_name_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_name_part(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

/* Length of the text at @p at that spells @p name (whitespace runs match whitespace runs), or 0. */
static size_t match_name(const parser *p, size_t at, const char *name)
{
    size_t i = at;
    const char *n = name;
    while (*n != '\0') {
        if (is_space(*n)) {
            if (i >= p->length || !is_space(p->text[i]))
                return 0;
            while (is_space(*n))
                n++;
            while (i < p->length && is_space(p->text[i]))
                i++;
            continue;
        }
        if (i >= p->length || p->text[i] != *n)
            return 0;
        i++;
        n++;
    }
    if (i < p->length && is_name_part((unsigned char)p->text[i]) && is_name_part((unsigned char)n[-1]))
        return 0;
    return i - at;
}

static size_t longest_known_name(const parser *p, size_t at)
{
    size_t best = 0;
    if (p->names != NULL)
        for (size_t k = 0; k < p->names->count; k++) {
            size_t n = match_name(p, at, p->names->names[k]);
            if (n > best)
                best = n;
        }
    for (size_t k = 0; k < svcr__feel_builtin_count; k++) {
        size_t n = match_name(p, at, svcr__feel_builtins[k].name);
        if (n > best)
            best = n;
    }
    return best;
}

static void skip_space(parser *p)
{
    for (;;) {
        while (p->pos < p->length && is_space(p->text[p->pos]))
            p->pos++;
        if (p->pos + 1 < p->length && p->text[p->pos] == '/' && p->text[p->pos + 1] == '/') {
            while (p->pos < p->length && p->text[p->pos] != '\n')
                p->pos++;
        } else if (p->pos + 1 < p->length && p->text[p->pos] == '/' && p->text[p->pos + 1] == '*') {
            size_t start = p->pos;
            p->pos += 2;
            while (p->pos + 1 < p->length && !(p->text[p->pos] == '*' && p->text[p->pos + 1] == '/'))
                p->pos++;
            if (p->pos + 1 >= p->length)
                fail_at(p, start, "unterminated comment");
            p->pos += 2;
        } else {
            return;
        }
    }
}

static void advance(parser *p)
{
    skip_space(p);
    token *t = &p->tok;
    t->start = p->pos;
    memset(t->punct, 0, sizeof t->punct);
    if (p->pos >= p->length) {
        t->kind = T_END;
        t->end = p->pos;
        return;
    }
    unsigned char c = (unsigned char)p->text[p->pos];
    if ((c >= '0' && c <= '9') || (c == '.' && p->pos + 1 < p->length && p->text[p->pos + 1] >= '0' &&
                                   p->text[p->pos + 1] <= '9')) {
        size_t i = p->pos;
        while (i < p->length && p->text[i] >= '0' && p->text[i] <= '9')
            i++;
        if (i + 1 < p->length && p->text[i] == '.' && p->text[i + 1] >= '0' && p->text[i + 1] <= '9') {
            i++;
            while (i < p->length && p->text[i] >= '0' && p->text[i] <= '9')
                i++;
        }
        if (i < p->length && (p->text[i] == 'e' || p->text[i] == 'E')) {
            size_t j = i + 1;
            if (j < p->length && (p->text[j] == '+' || p->text[j] == '-'))
                j++;
            if (j < p->length && p->text[j] >= '0' && p->text[j] <= '9') {
                while (j < p->length && p->text[j] >= '0' && p->text[j] <= '9')
                    j++;
                i = j;
            }
        }
        t->kind = T_NUMBER;
        t->end = p->pos = i;
        return;
    }
    if (c == '"') {
        size_t i = p->pos + 1;
        while (i < p->length && p->text[i] != '"') {
            if (p->text[i] == '\\' && i + 1 < p->length)
                i++;
            i++;
        }
        if (i >= p->length)
            fail_at(p, p->pos, "unterminated string");
        t->kind = T_STRING;
        t->end = p->pos = i + 1;
        return;
    }
    size_t known = longest_known_name(p, p->pos);
    if (is_name_start(c) || c == '?' || known > 0) {
        size_t i = p->pos;
        if (c == '?' && known == 0) {
            i++;
        } else {
            while (i < p->length && is_name_part((unsigned char)p->text[i]))
                i++;
        }
        if (known > i - p->pos)
            i = p->pos + known;
        t->kind = T_NAME;
        t->end = p->pos = i;
        return;
    }
    static const char *const puncts[] = {"**", "..", "<=", ">=", "!=", "(", ")", "[", "]", "{", "}",
                                         ",", ".", ":", "+", "-", "*", "/", "=", "<", ">"};
    for (size_t k = 0; k < sizeof puncts / sizeof puncts[0]; k++) {
        size_t n = strlen(puncts[k]);
        if (p->pos + n <= p->length && memcmp(p->text + p->pos, puncts[k], n) == 0) {
            t->kind = T_PUNCT;
            memcpy(t->punct, puncts[k], n);
            t->end = p->pos = p->pos + n;
            return;
        }
    }
    fail_at(p, p->pos, "unexpected character '%c'", c >= 0x20 && c < 0x7f ? c : '?');
}

static bool is_punct(const parser *p, const char *punct)
{
    return p->tok.kind == T_PUNCT && strcmp(p->tok.punct, punct) == 0;
}

static bool is_word(const parser *p, const char *word)
{
    size_t n = strlen(word);
    return p->tok.kind == T_NAME && p->tok.end - p->tok.start == n && memcmp(p->text + p->tok.start, word, n) == 0;
}

static const char *describe(const parser *p)
{
    switch (p->tok.kind) {
    case T_END:
        return "the end of the text";
    case T_NUMBER:
        return "a number";
    case T_STRING:
        return "a string";
    case T_NAME:
        return "a name";
    default:
        return p->tok.punct;
    }
}

static void expect(parser *p, const char *punct)
{
    if (!is_punct(p, punct))
        fail_at(p, p->tok.start, "expected '%s' but found %s", punct, describe(p));
    advance(p);
}

static feel_node *node(parser *p, feel_node_kind kind, size_t offset)
{
    feel_node *n = svcr__feel_alloc(p->arena, sizeof *n);
    if (n == NULL)
        fail_memory(p);
    n->kind = kind;
    position_of(p, offset, &n->line, &n->column);
    return n;
}

typedef struct node_list {
    feel_node **items;
    const char **keys;
    size_t count, capacity;
} node_list;

static void push(parser *p, node_list *list, feel_node *item, const char *key)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 4;
        feel_node **items = svcr__feel_alloc(p->arena, capacity * sizeof *items);
        const char **keys = svcr__feel_alloc(p->arena, capacity * sizeof *keys);
        if (items == NULL || keys == NULL)
            fail_memory(p);
        if (list->count) {
            memcpy(items, list->items, list->count * sizeof *items);
            memcpy(keys, list->keys, list->count * sizeof *keys);
        }
        list->items = items;
        list->keys = keys;
        list->capacity = capacity;
    }
    list->items[list->count] = item;
    list->keys[list->count++] = key;
}

static feel_node *with_children(parser *p, feel_node *n, node_list *list)
{
    (void)p;
    n->children = list->items;
    n->keys = list->keys;
    n->count = list->count;
    return n;
}

static feel_node *binary(parser *p, feel_node_kind kind, char op, feel_node *a, feel_node *b)
{
    feel_node *n = node(p, kind, 0);
    n->line = a->line;
    n->column = a->column;
    n->op = op;
    node_list list = {0};
    push(p, &list, a, NULL);
    push(p, &list, b, NULL);
    n->uses_input = a->uses_input || b->uses_input;
    return with_children(p, n, &list);
}

static char *token_text(parser *p)
{
    char *s = svcr__feel_strndup(p->arena, p->text + p->tok.start, p->tok.end - p->tok.start);
    if (s == NULL)
        fail_memory(p);
    return s;
}

/* The name as written, with each run of whitespace made one space. */
static char *name_text(parser *p)
{
    char *s = token_text(p), *w = s;
    for (const char *r = s; *r;) {
        if (is_space(*r)) {
            while (is_space(*r))
                r++;
            *w++ = ' ';
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return s;
}

static feel_node *expression(parser *p);
static feel_node *positive_tests(parser *p, size_t start);

static void enter(parser *p)
{
    if (++p->depth > MAX_DEPTH)
        fail_at(p, p->tok.start, "expression nested too deeply (more than %d levels)", MAX_DEPTH);
}

static feel_node *string_literal(parser *p)
{
    const char *s = p->text + p->tok.start + 1;
    size_t n = p->tok.end - p->tok.start - 2;
    char *out = svcr__feel_alloc(p->arena, n + 1);
    if (out == NULL)
        fail_memory(p);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[++i];
            out[k++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    feel_node *lit = node(p, FEEL_NODE_STRING, p->tok.start);
    lit->text = out;
    lit->text_length = k;
    advance(p);
    return lit;
}

static feel_node *call_arguments(parser *p, feel_node *call)
{
    node_list args = {0};
    advance(p); /* ( */
    if (!is_punct(p, ")")) {
        for (;;) {
            const char *key = NULL;
            if (p->tok.kind == T_NAME) {
                /* a named argument "name: value" */
                size_t save = p->pos;
                token saved = p->tok;
                char *name = name_text(p);
                advance(p);
                if (is_punct(p, ":")) {
                    key = name;
                    advance(p);
                } else {
                    p->pos = save;
                    p->tok = saved;
                }
            }
            feel_node *arg = expression(p);
            call->uses_input = call->uses_input || arg->uses_input;
            push(p, &args, arg, key);
            if (!is_punct(p, ","))
                break;
            advance(p);
        }
    }
    expect(p, ")");
    return with_children(p, call, &args);
}

static feel_node *primary(parser *p)
{
    size_t start = p->tok.start;
    switch (p->tok.kind) {
    case T_NUMBER: {
        feel_node *n = node(p, FEEL_NODE_NUMBER, start);
        if (svcr__decimal_parse(p->text + start, p->tok.end - start, &n->number) != FEEL_DECIMAL_OK)
            fail_at(p, start, "number out of range");
        advance(p);
        return n;
    }
    case T_STRING:
        return string_literal(p);
    case T_NAME: {
        if (is_word(p, "true") || is_word(p, "false")) {
            feel_node *n = node(p, FEEL_NODE_BOOLEAN, start);
            n->boolean = is_word(p, "true");
            advance(p);
            return n;
        }
        if (is_word(p, "null")) {
            advance(p);
            return node(p, FEEL_NODE_NULL, start);
        }
        if (is_word(p, "?")) {
            advance(p);
            feel_node *n = node(p, FEEL_NODE_INPUT, start);
            n->uses_input = true;
            return n;
        }
        if (is_word(p, "if")) {
            advance(p);
            feel_node *n = node(p, FEEL_NODE_IF, start);
            node_list parts = {0};
            push(p, &parts, expression(p), NULL);
            if (!is_word(p, "then"))
                fail_at(p, p->tok.start, "expected 'then' but found %s", describe(p));
            advance(p);
            push(p, &parts, expression(p), NULL);
            if (!is_word(p, "else"))
                fail_at(p, p->tok.start, "expected 'else' but found %s", describe(p));
            advance(p);
            push(p, &parts, expression(p), NULL);
            for (size_t i = 0; i < 3; i++)
                n->uses_input = n->uses_input || parts.items[i]->uses_input;
            return with_children(p, n, &parts);
        }
        static const char *const reserved[] = {"and", "or", "then", "else", "between", "in"};
        for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
            if (is_word(p, reserved[i]))
                fail_at(p, start, "unexpected '%s'", reserved[i]);
        feel_node *n = node(p, FEEL_NODE_NAME, start);
        n->text = name_text(p);
        advance(p);
        if (is_punct(p, "(")) {
            n->kind = FEEL_NODE_CALL;
            return call_arguments(p, n);
        }
        return n;
    }
    case T_PUNCT:
        if (is_punct(p, "(")) {
            advance(p);
            feel_node *inner = expression(p);
            expect(p, ")");
            return inner;
        }
        if (is_punct(p, "[")) {
            advance(p);
            feel_node *n = node(p, FEEL_NODE_LIST, start);
            node_list items = {0};
            if (!is_punct(p, "]"))
                for (;;) {
                    feel_node *item = expression(p);
                    n->uses_input = n->uses_input || item->uses_input;
                    push(p, &items, item, NULL);
                    if (!is_punct(p, ","))
                        break;
                    advance(p);
                }
            expect(p, "]");
            return with_children(p, n, &items);
        }
        if (is_punct(p, "{")) {
            advance(p);
            feel_node *n = node(p, FEEL_NODE_CONTEXT, start);
            node_list entries = {0};
            if (!is_punct(p, "}"))
                for (;;) {
                    const char *key;
                    if (p->tok.kind == T_STRING) {
                        feel_node *s = string_literal(p);
                        key = s->text;
                    } else if (p->tok.kind == T_NAME) {
                        key = name_text(p);
                        advance(p);
                    } else {
                        fail_at(p, p->tok.start, "expected a context key but found %s", describe(p));
                    }
                    expect(p, ":");
                    feel_node *value = expression(p);
                    n->uses_input = n->uses_input || value->uses_input;
                    push(p, &entries, value, key);
                    if (!is_punct(p, ","))
                        break;
                    advance(p);
                }
            expect(p, "}");
            return with_children(p, n, &entries);
        }
        fail_at(p, start, "unexpected '%s'", p->tok.punct);
    case T_END:
    default:
        fail_at(p, start, "unexpected end of text: an expression is missing");
    }
}

static feel_node *postfix(parser *p)
{
    feel_node *n = primary(p);
    for (;;) {
        if (is_punct(p, ".")) {
            advance(p);
            if (p->tok.kind != T_NAME)
                fail_at(p, p->tok.start, "expected a name after '.' but found %s", describe(p));
            feel_node *path = node(p, FEEL_NODE_PATH, p->tok.start);
            path->text = name_text(p);
            path->uses_input = n->uses_input;
            advance(p);
            node_list list = {0};
            push(p, &list, n, NULL);
            n = with_children(p, path, &list);
        } else if (is_punct(p, "[") && !p->range_end) {
            size_t start = p->tok.start;
            advance(p);
            feel_node *filter = expression(p);
            expect(p, "]");
            n = binary(p, FEEL_NODE_FILTER, 0, n, filter);
            position_of(p, start, &n->line, &n->column);
            n->uses_input = n->children[0]->uses_input;
        } else {
            return n;
        }
    }
}

static feel_node *negation(parser *p)
{
    if (is_punct(p, "-")) {
        size_t start = p->tok.start;
        advance(p);
        enter(p);
        feel_node *operand = negation(p);
        p->depth--;
        feel_node *n = node(p, FEEL_NODE_NEGATE, start);
        node_list list = {0};
        push(p, &list, operand, NULL);
        n->uses_input = operand->uses_input;
        return with_children(p, n, &list);
    }
    return postfix(p);
}

static feel_node *power(parser *p)
{
    feel_node *n = negation(p);
    while (is_punct(p, "**")) {
        advance(p);
        n = binary(p, FEEL_NODE_ARITHMETIC, '^', n, negation(p));
    }
    return n;
}

static feel_node *multiplicative(parser *p)
{
    feel_node *n = power(p);
    while (is_punct(p, "*") || is_punct(p, "/")) {
        char op = p->tok.punct[0];
        advance(p);
        n = binary(p, FEEL_NODE_ARITHMETIC, op, n, power(p));
    }
    return n;
}

static feel_node *additive(parser *p)
{
    feel_node *n = multiplicative(p);
    while (is_punct(p, "+") || is_punct(p, "-")) {
        char op = p->tok.punct[0];
        advance(p);
        n = binary(p, FEEL_NODE_ARITHMETIC, op, n, multiplicative(p));
    }
    return n;
}

static char comparison_op(const parser *p)
{
    static const struct {
        const char *punct;
        char op;
    } ops[] = {{"=", '='}, {"!=", '!'}, {"<", '<'}, {"<=", 'l'}, {">", '>'}, {">=", 'g'}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (is_punct(p, ops[i].punct))
            return ops[i].op;
    return 0;
}

static feel_node *comparison(parser *p)
{
    feel_node *n = additive(p);
    for (;;) {
        char op = comparison_op(p);
        if (op) {
            advance(p);
            n = binary(p, FEEL_NODE_COMPARE, op, n, additive(p));
        } else if (is_word(p, "between")) {
            advance(p);
            feel_node *low = additive(p);
            if (!is_word(p, "and"))
                fail_at(p, p->tok.start, "expected 'and' in 'between' but found %s", describe(p));
            advance(p);
            feel_node *high = additive(p);
            feel_node *b = binary(p, FEEL_NODE_BETWEEN, 0, n, low);
            node_list list = {0};
            push(p, &list, n, NULL);
            push(p, &list, low, NULL);
            push(p, &list, high, NULL);
            n = with_children(p, b, &list);
            n->uses_input = n->uses_input || high->uses_input;
        } else if (is_word(p, "in")) {
            size_t start = p->tok.start;
            advance(p);
            feel_node *tests;
            if (is_punct(p, "(")) {
                size_t save = p->pos;
                token saved = p->tok;
                advance(p);
                tests = positive_tests(p, start);
                if (is_punct(p, ")")) {
                    advance(p);
                } else {
                    p->pos = save;
                    p->tok = saved;
                    tests = positive_tests(p, start);
                }
            } else {
                tests = positive_tests(p, start);
            }
            n = binary(p, FEEL_NODE_IN, 0, n, tests);
        } else {
            return n;
        }
    }
}

static feel_node *conjunction(parser *p)
{
    feel_node *n = comparison(p);
    while (is_word(p, "and")) {
        advance(p);
        n = binary(p, FEEL_NODE_AND, 0, n, comparison(p));
    }
    return n;
}

static feel_node *expression(parser *p)
{
    enter(p);
    feel_node *n = conjunction(p);
    while (is_word(p, "or")) {
        advance(p);
        n = binary(p, FEEL_NODE_OR, 0, n, conjunction(p));
    }
    p->depth--;
    return n;
}

/* One positive unary test: a comparison, an interval, or an expression. */
static feel_node *positive_test(parser *p)
{
    size_t start = p->tok.start;
    char op = comparison_op(p);
    if (op == '<' || op == 'l' || op == '>' || op == 'g') {
        advance(p);
        feel_node *n = node(p, FEEL_NODE_TEST_COMPARE, start);
        n->op = op;
        node_list list = {0};
        push(p, &list, additive(p), NULL);
        return with_children(p, n, &list);
    }
    if (is_punct(p, "[") || is_punct(p, "]") || is_punct(p, "(")) {
        size_t save = p->pos;
        token saved = p->tok;
        bool open_low = !is_punct(p, "[");
        advance(p);
        jmp_buf outer;
        memcpy(outer, p->fail, sizeof outer);
        feel_parse_error error_saved = *p->error;
        feel_node *low = NULL;
        int depth = p->depth;
        if (setjmp(p->fail) == 0) {
            low = additive(p);
            if (!is_punct(p, ".."))
                low = NULL;
        } else {
            low = NULL;
            if (p->error->out_of_memory) {
                memcpy(p->fail, outer, sizeof outer);
                longjmp(p->fail, 1);
            }
            *p->error = error_saved;
            p->depth = depth;
        }
        memcpy(p->fail, outer, sizeof outer);
        if (low != NULL) {
            advance(p);
            p->range_end = true;
            feel_node *high = additive(p);
            p->range_end = false;
            bool open_high;
            if (is_punct(p, "]"))
                open_high = false;
            else if (is_punct(p, "[") || is_punct(p, ")"))
                open_high = true;
            else
                fail_at(p, p->tok.start, "expected ']', '[' or ')' to close the range but found %s", describe(p));
            advance(p);
            feel_node *n = binary(p, FEEL_NODE_TEST_RANGE, 0, low, high);
            position_of(p, start, &n->line, &n->column);
            n->open_low = open_low;
            n->open_high = open_high;
            return n;
        }
        p->pos = save;
        p->tok = saved;
    }
    feel_node *n = node(p, FEEL_NODE_TEST_EQUAL, start);
    node_list list = {0};
    feel_node *e = expression(p);
    push(p, &list, e, NULL);
    n->uses_input = e->uses_input;
    return with_children(p, n, &list);
}

static feel_node *positive_tests(parser *p, size_t start)
{
    feel_node *n = node(p, FEEL_NODE_TESTS, start);
    node_list tests = {0};
    for (;;) {
        push(p, &tests, positive_test(p), NULL);
        if (!is_punct(p, ","))
            break;
        advance(p);
    }
    return with_children(p, n, &tests);
}

static void begin(parser *p, feel_arena *arena, const char *text, size_t length, const feel_names *names,
                  feel_parse_error *error)
{
    memset(error, 0, sizeof *error);
    p->arena = arena;
    p->text = text;
    p->length = length;
    p->pos = 0;
    p->names = names;
    p->error = error;
    p->depth = 0;
    p->range_end = false;
}

static void at_end(parser *p)
{
    if (p->tok.kind != T_END)
        fail_at(p, p->tok.start, "unexpected %s after the end of the expression", describe(p));
}

feel_node *svcr__feel_parse_expression(feel_arena *arena, const char *text, size_t length,
                                       const feel_names *names, feel_parse_error *error)
{
    parser p;
    begin(&p, arena, text, length, names, error);
    if (setjmp(p.fail) != 0)
        return NULL;
    advance(&p);
    feel_node *n = expression(&p);
    at_end(&p);
    return n;
}

feel_node *svcr__feel_parse_unary_tests(feel_arena *arena, const char *text, size_t length,
                                        const feel_names *names, feel_parse_error *error)
{
    parser p;
    begin(&p, arena, text, length, names, error);
    if (setjmp(p.fail) != 0)
        return NULL;
    advance(&p);
    if (p.tok.kind == T_END)
        fail_at(&p, 0, "empty unary test (write '-' for any value)");
    if (is_punct(&p, "-")) {
        size_t start = p.tok.start;
        advance(&p);
        if (p.tok.kind == T_END)
            return node(&p, FEEL_NODE_TEST_ANY, start);
        p.pos = 0;
        advance(&p);
    }
    if (is_word(&p, "not")) {
        size_t start = p.tok.start, save = p.pos;
        token saved = p.tok;
        advance(&p);
        if (is_punct(&p, "(")) {
            advance(&p);
            feel_node *n = positive_tests(&p, start);
            if (is_punct(&p, ")")) {
                advance(&p);
                if (p.tok.kind == T_END) {
                    n->op = 'n';
                    return n;
                }
            }
        }
        p.pos = save;
        p.tok = saved;
    }
    feel_node *n = positive_tests(&p, 0);
    at_end(&p);
    return n;
}
