/* Private: FEEL's built-in functions that this engine provides (the ones decision models at
 * compliance levels 2 and 3 use most: conversions, string, number and list functions). */
#ifndef SVCR_FEEL_BUILTINS_H
#define SVCR_FEEL_BUILTINS_H

#include <stddef.h>

struct feel_env;
struct feel_node;
struct feel_value;

typedef const struct feel_value *(*feel_builtin_fn)(struct feel_env *env, const struct feel_node *call,
                                                     const struct feel_value *const *args, size_t count);

typedef struct feel_builtin {
    const char *name;
    size_t min_args, max_args;
    feel_builtin_fn fn;
} feel_builtin;

extern const feel_builtin svcr__feel_builtins[];
extern const size_t svcr__feel_builtin_count;

const feel_builtin *svcr__feel_builtin_find(const char *name);

#endif
