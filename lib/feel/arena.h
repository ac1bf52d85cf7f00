/* Private: a bump allocator. A parsed model keeps its syntax trees in one arena; an evaluation
 * keeps every value it makes in another, freed at once when the result is no longer needed. */
#ifndef SVCR_FEEL_ARENA_H
#define SVCR_FEEL_ARENA_H

#include <stddef.h>

typedef struct feel_arena_block feel_arena_block;
typedef struct feel_arena {
    feel_arena_block *blocks;
    size_t used, capacity; /* in the newest block */
} feel_arena;

/* Zeroed memory, or NULL when the allocator hook fails. */
void *svcr__feel_alloc(feel_arena *arena, size_t size);
char *svcr__feel_strndup(feel_arena *arena, const char *text, size_t length);
void svcr__feel_arena_free(feel_arena *arena);

#endif
