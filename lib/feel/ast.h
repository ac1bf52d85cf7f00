/* Private: the syntax tree of a FEEL expression or a list of unary tests, and the parser that
 * makes it. Names may contain spaces ("Monthly Salary") and some punctuation: the parser is given
 * the names in scope and reads the longest one that matches, as FEEL's grammar intends. */
#ifndef SVCR_FEEL_AST_H
#define SVCR_FEEL_AST_H

#include "feel/arena.h"
#include "feel/decimal.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum feel_node_kind {
    FEEL_NODE_NUMBER,
    FEEL_NODE_STRING,
    FEEL_NODE_BOOLEAN,
    FEEL_NODE_NULL,
    FEEL_NODE_NAME,     /* text: the name */
    FEEL_NODE_INPUT,    /* ? : the value a unary test tests */
    FEEL_NODE_PATH,     /* child[0].text */
    FEEL_NODE_CALL,     /* text(children...), keys: argument names when named */
    FEEL_NODE_FILTER,   /* child[0][child[1]] */
    FEEL_NODE_NEGATE,
    FEEL_NODE_ARITHMETIC, /* op: + - * / ^ (power) */
    FEEL_NODE_COMPARE,    /* op: = ! (not equal) < l (<=) > g (>=) */
    FEEL_NODE_AND,
    FEEL_NODE_OR,
    FEEL_NODE_IF,
    FEEL_NODE_BETWEEN,
    FEEL_NODE_IN,       /* child[0] in child[1] (a TESTS node) */
    FEEL_NODE_LIST,
    FEEL_NODE_CONTEXT,  /* keys[i]: children[i] */
    /* unary tests */
    FEEL_NODE_TESTS,      /* any of children (a comma list); negated when op == 'n' */
    FEEL_NODE_TEST_ANY,   /* - */
    FEEL_NODE_TEST_COMPARE, /* op child[0] */
    FEEL_NODE_TEST_RANGE,   /* child[0]..child[1], open_low / open_high */
    FEEL_NODE_TEST_EQUAL,   /* child[0]: equal to, in a list, or true when it uses ? */
} feel_node_kind;

typedef struct feel_node {
    feel_node_kind kind;
    char op;
    bool open_low, open_high, uses_input, boolean;
    int line, column; /* where the node starts in its text, 1-based */
    const char *text; /* NUL-terminated; for strings also text_length */
    size_t text_length;
    feel_decimal number;
    struct feel_node **children;
    const char **keys;
    size_t count;
} feel_node;

typedef struct feel_parse_error {
    int line, column;
    bool out_of_memory;
    char message[200];
} feel_parse_error;

/* The names a text may refer to; may hold spaces and FEEL's extra name characters. */
typedef struct feel_names {
    const char *const *names;
    size_t count;
} feel_names;

/* Parse an expression; NULL and *error filled on failure. */
feel_node *svcr__feel_parse_expression(feel_arena *arena, const char *text, size_t length,
                                       const feel_names *names, feel_parse_error *error);
/* Parse unary tests ("-", "< 5", "[1..2], >10", "not("a")"). */
feel_node *svcr__feel_parse_unary_tests(feel_arena *arena, const char *text, size_t length,
                                        const feel_names *names, feel_parse_error *error);

#endif
