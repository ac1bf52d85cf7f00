/* The bump allocator behind workflows; see arena.h. */
#include "workflow/arena.h"
#include "base/alloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

enum { CHUNK_SIZE = 4096 };

struct svcr__arena_chunk {
    svcr__arena_chunk *next;
    size_t used;
    size_t capacity;
    alignas(max_align_t) unsigned char data[];
};

void *svcr__arena_alloc(svcr__arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align - sizeof(svcr__arena_chunk))
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    svcr__arena_chunk *chunk = arena->head;
    if (chunk == NULL || chunk->capacity - chunk->used < size) {
        size_t capacity = size > CHUNK_SIZE ? size : CHUNK_SIZE;
        chunk = svcr__malloc(sizeof *chunk + capacity);
        if (chunk == NULL)
            return NULL;
        chunk->used = 0;
        chunk->capacity = capacity;
        chunk->next = arena->head;
        arena->head = chunk;
    }
    void *p = chunk->data + chunk->used;
    chunk->used += size;
    memset(p, 0, size);
    return p;
}

void *svcr__arena_array(svcr__arena *arena, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return svcr__arena_alloc(arena, count * size);
}

char *svcr__arena_strdup(svcr__arena *arena, const char *text)
{
    size_t length = strlen(text);
    char *copy = svcr__arena_alloc(arena, length + 1);
    if (copy != NULL)
        memcpy(copy, text, length + 1);
    return copy;
}

void svcr__arena_free(svcr__arena *arena)
{
    svcr__arena_chunk *chunk = arena->head;
    while (chunk != NULL) {
        svcr__arena_chunk *next = chunk->next;
        svcr__free(chunk);
        chunk = next;
    }
    arena->head = NULL;
}
