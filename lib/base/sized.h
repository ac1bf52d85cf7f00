/* Private: the rule for public structs (include/svcrecover/base.h, "Structs").
 *
 * Every struct passed by pointer begins with `size_t size`, set by whoever allocates it to the
 * sizeof it was compiled with. The library checks it on the way in and, for a struct the caller
 * allocated, reads or writes only the first `size` bytes: an older caller's smaller struct gets
 * the fields it knows, a newer caller's larger struct keeps its extra fields untouched. */
#ifndef SVCR_BASE_SIZED_H
#define SVCR_BASE_SIZED_H

#include <stddef.h>
#include <string.h>

#include "base/error.h"

/* Refuse a struct whose size field cannot be right (smaller than the size field itself).
 * @p what names it in the message, e.g. "out" or "record". */
#define SVCR_REQUIRE_SIZED(ptr, what)                                                            \
    do {                                                                                         \
        if ((ptr)->size < sizeof(size_t))                                                        \
            return svcr__fail(SVCR_EINVAL, "%s: %s->size is %zu; set it to the struct's sizeof",  \
                              __func__, (what), (ptr)->size);                                    \
    } while (0)

/* NULL check and size check of an argument in one, naming the parameter. */
#define SVCR_REQUIRE_SIZED_ARG(ptr)                                                              \
    do {                                                                                         \
        SVCR_REQUIRE_ARG(ptr);                                                                   \
        SVCR_REQUIRE_SIZED(ptr, #ptr);                                                           \
    } while (0)

/* Copy the library's full struct @p full into the caller's @p out, as far as out->size says;
 * out->size itself is kept. */
#define SVCR_FILL_SIZED(out, full)                                                               \
    do {                                                                                         \
        size_t svcr_fill_size_ = (out)->size < sizeof(full) ? (out)->size : sizeof(full);        \
        (full).size = (out)->size;                                                               \
        memcpy((out), &(full), svcr_fill_size_);                                                 \
    } while (0)

/* Read the caller's struct @p in into the zero-initialised library struct @p copy, as far as
 * in->size says: fields an older caller does not know stay zero (their default). */
#define SVCR_READ_SIZED(copy, in)                                                                \
    do {                                                                                         \
        memcpy(&(copy), (in), (in)->size < sizeof(copy) ? (in)->size : sizeof(copy));            \
        (copy).size = sizeof(copy);                                                              \
    } while (0)

#endif
