/* Private: a bump allocator for objects built once and freed whole (a workflow's names, arrays,
 * lookup tables). One failure path frees everything, and immutable data stays close together. */
#ifndef SVCR_WORKFLOW_ARENA_H
#define SVCR_WORKFLOW_ARENA_H

#include <stddef.h>

typedef struct svcr__arena_chunk svcr__arena_chunk;

typedef struct svcr__arena {
    svcr__arena_chunk *head;
} svcr__arena;

/* Zeroed memory aligned for any object; NULL on allocation failure or overflow. */
void *svcr__arena_alloc(svcr__arena *arena, size_t size);
/* Zeroed array of @p count elements of @p size; NULL on failure or overflow. */
void *svcr__arena_array(svcr__arena *arena, size_t count, size_t size);
char *svcr__arena_strdup(svcr__arena *arena, const char *text);
/* Free every chunk; the arena is empty (and reusable) afterwards. */
void svcr__arena_free(svcr__arena *arena);

#endif
