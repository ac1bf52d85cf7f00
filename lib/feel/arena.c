/* The bump allocator: blocks of at least 16 KiB from the library's allocator hook. */
#include "feel/arena.h"
#include "base/alloc.h"

#include <stdint.h>
#include <string.h>

struct feel_arena_block {
    feel_arena_block *next;
    max_align_t data[];
};

void *svcr__feel_alloc(feel_arena *arena, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    if (arena->blocks == NULL || arena->capacity - arena->used < size) {
        size_t capacity = size > 16384 ? size : 16384;
        if (capacity > SIZE_MAX - sizeof(feel_arena_block))
            return NULL;
        feel_arena_block *block = svcr__malloc(sizeof *block + capacity);
        if (block == NULL)
            return NULL;
        block->next = arena->blocks;
        arena->blocks = block;
        arena->used = 0;
        arena->capacity = capacity;
    }
    void *p = (char *)arena->blocks->data + arena->used;
    arena->used += size;
    memset(p, 0, size);
    return p;
}

char *svcr__feel_strndup(feel_arena *arena, const char *text, size_t length)
{
    if (length == SIZE_MAX)
        return NULL;
    char *copy = svcr__feel_alloc(arena, length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

void svcr__feel_arena_free(feel_arena *arena)
{
    feel_arena_block *block = arena->blocks;
    while (block != NULL) {
        feel_arena_block *next = block->next;
        svcr__free(block);
        block = next;
    }
    arena->blocks = NULL;
    arena->used = arena->capacity = 0;
}
