/* Private: evaluating FEEL syntax trees. An evaluation never fails as a whole: what FEEL calls an
 * error (a type mismatch, a division by zero, an unknown name) gives null, and the first such
 * reason is kept in the environment for the caller to report. */
#ifndef SVCR_FEEL_EVAL_H
#define SVCR_FEEL_EVAL_H

#include "feel/ast.h"
#include "feel/value.h"
#include "base/compat.h"

/* Names visible to an expression; looked up innermost first. */
typedef struct feel_scope {
    const char *const *names;
    const feel_value *const *values;
    size_t count;
    const struct feel_scope *parent;
} feel_scope;

typedef struct feel_env feel_env;

/* A function value: the host (lib/dmn) supplies business knowledge models this way. */
typedef struct feel_function {
    const char *name;
    const char *const *parameters;
    size_t parameter_count;
    const feel_value *(*invoke)(feel_env *env, const struct feel_function *function,
                                const feel_value *const *arguments);
    const void *data;
} feel_function;

struct feel_env {
    feel_arena *arena;
    const feel_scope *scope;
    const feel_value *input; /* the value unary tests test (?), or NULL */
    int depth;
    bool out_of_memory;
    bool failed;       /* an error gave null somewhere */
    char error[256];   /* the first error's reason */
};

const feel_value *svcr__feel_eval(feel_env *env, const feel_node *node);
/* Whether @p input passes the unary tests @p tests (a TESTS or TEST_ANY node). */
bool svcr__feel_test(feel_env *env, const feel_node *tests, const feel_value *input);
/* Record an error reason (the first one is kept) at @p node's position; returns null. */
const feel_value *svcr__feel_error(feel_env *env, const feel_node *node, const char *fmt, ...)
    SVCR_PRINTF(3, 4);
/* Record that an allocation failed; returns null. */
const feel_value *svcr__feel_nomem(feel_env *env);
const feel_value *svcr__feel_lookup(const feel_scope *scope, const char *name);

#endif
