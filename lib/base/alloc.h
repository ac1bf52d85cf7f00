/* Private: all library allocation goes through these, which call the host's hook. They do not
 * record errors; callers report failures with svcr__fail_nomem(). */
#ifndef SVCR_BASE_ALLOC_H
#define SVCR_BASE_ALLOC_H

#include <stddef.h>

void *svcr__malloc(size_t size);
/* Zeroed array allocation; NULL when count * size overflows. */
void *svcr__calloc(size_t count, size_t size);
void *svcr__realloc(void *ptr, size_t size);
/* realloc for arrays; NULL (and @p ptr untouched) when count * size overflows. */
void *svcr__reallocarray(void *ptr, size_t count, size_t size);
void svcr__free(void *ptr);
char *svcr__strdup(const char *text);
char *svcr__strndup(const char *text, size_t length);

/* Grow *array (of *capacity elements of @p size) so it holds at least @p needed; doubles.
 * Returns 0 on success, -1 on allocation failure (the array is then unchanged). */
int svcr__grow(void **array, size_t *capacity, size_t needed, size_t size);

#endif
