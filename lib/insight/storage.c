/* The text storage of storage.h. */
#include "insight/storage.h"

#include <string.h>

#include "base/alloc.h"

enum { CHUNK_SIZE = 64 * 1024 };

struct svcr__chunk {
    svcr__chunk *next;
    char text[];
};

void svcr__storage_free(svcr__storage *storage)
{
    for (svcr__chunk *chunk = storage->chunks, *next; chunk != NULL; chunk = next) {
        next = chunk->next;
        svcr__free(chunk);
    }
    *storage = (svcr__storage)SVCR__STORAGE_INIT;
}

int svcr__storage_reserve(svcr__storage *storage, size_t bytes)
{
    if (bytes <= storage->free_length)
        return 0;
    size_t size = bytes > CHUNK_SIZE ? bytes : CHUNK_SIZE;
    svcr__chunk *chunk = svcr__malloc(sizeof *chunk + size);
    if (chunk == NULL)
        return -1;
    chunk->next = storage->chunks;
    storage->chunks = chunk;
    storage->free_text = chunk->text;
    storage->free_length = size;
    return 0;
}

const char *svcr__storage_store(svcr__storage *storage, const char *text, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    char *copy = storage->free_text;
    memcpy(copy, text, length);
    memcpy(copy + length, suffix, suffix_length + 1);
    storage->free_text += length + suffix_length + 1;
    storage->free_length -= length + suffix_length + 1;
    return copy;
}
