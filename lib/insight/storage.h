/* Private: text storage that never moves, for the insight tables' long keys and other text: chunks
 * of 64 KiB (or one larger chunk for a longer text), freed together. svcr__storage_reserve() makes
 * room first (the only step that allocates), so that svcr__storage_store() after it cannot fail. */
#ifndef SVCR_INSIGHT_STORAGE_H
#define SVCR_INSIGHT_STORAGE_H

#include <stddef.h>

typedef struct svcr__chunk svcr__chunk;

typedef struct svcr__storage {
    svcr__chunk *chunks; /* newest first */
    char *free_text;     /* unused room in the newest chunk */
    size_t free_length;
} svcr__storage;

#define SVCR__STORAGE_INIT {NULL, NULL, 0}

void svcr__storage_free(svcr__storage *storage);
/* Make room for @p bytes more. Returns 0, or -1 when out of memory (nothing changed). */
int svcr__storage_reserve(svcr__storage *storage, size_t bytes);
/* Copy @p length bytes of @p text followed by @p suffix (with its NUL) into the reserved room;
 * returns the copy. */
const char *svcr__storage_store(svcr__storage *storage, const char *text, size_t length, const char *suffix);

#endif
