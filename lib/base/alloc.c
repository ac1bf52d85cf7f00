/* The replaceable allocator hook. */
#include "base/alloc.h"
#include "base/error.h"
#include "base/sized.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *default_malloc(size_t size, void *user_data)
{
    (void)user_data;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *user_data)
{
    (void)user_data;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *user_data)
{
    (void)user_data;
    free(ptr);
}

static const svcr_allocator default_allocator = {sizeof(svcr_allocator), default_malloc, default_realloc,
                                                 default_free, NULL};
static svcr_allocator current = {sizeof(svcr_allocator), default_malloc, default_realloc, default_free, NULL};

svcr_status svcr_set_allocator(const svcr_allocator *allocator)
{
    if (allocator == NULL) {
        current = default_allocator;
        return SVCR_OK;
    }
    SVCR_REQUIRE_SIZED(allocator, "allocator");
    svcr_allocator copy = {0};
    SVCR_READ_SIZED(copy, allocator);
    if (copy.malloc_fn == NULL || copy.realloc_fn == NULL || copy.free_fn == NULL)
        return svcr__fail(SVCR_EINVAL,
                          "svcr_set_allocator: malloc_fn, realloc_fn and free_fn must all be set");
    current = copy;
    return SVCR_OK;
}

void *svcr__malloc(size_t size)
{
    return current.malloc_fn(size == 0 ? 1 : size, current.user_data);
}

void *svcr__calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    size_t total = count * size;
    void *p = svcr__malloc(total);
    if (p != NULL)
        memset(p, 0, total == 0 ? 1 : total);
    return p;
}

void *svcr__realloc(void *ptr, size_t size)
{
    return current.realloc_fn(ptr, size == 0 ? 1 : size, current.user_data);
}

void *svcr__reallocarray(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return svcr__realloc(ptr, count * size);
}

void svcr__free(void *ptr)
{
    if (ptr != NULL)
        current.free_fn(ptr, current.user_data);
}

char *svcr__strndup(const char *text, size_t length)
{
    char *copy = svcr__malloc(length + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *svcr__strdup(const char *text)
{
    return svcr__strndup(text, strlen(text));
}

int svcr__grow(void **array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return 0;
    size_t next = *capacity < 4 ? 4 : *capacity;
    while (next < needed) {
        if (next > SIZE_MAX / 2)
            return -1;
        next *= 2;
    }
    void *grown = svcr__reallocarray(*array, next, size);
    if (grown == NULL)
        return -1;
    *array = grown;
    *capacity = next;
    return 0;
}

void svcr_free(void *ptr)
{
    svcr__free(ptr);
}
