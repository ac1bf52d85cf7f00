/* Private: data sets built into the library (the built-in workflows, decision tables, maturity
 * criteria and phrases). lib/meson.build embeds each set's files at build time with
 * lib/base/embed.py, which writes `const svcr__embedded SYMBOL[]` and `const size_t SYMBOL_count`;
 * the same files are installed for hosts that start their own from a copy. */
#ifndef SVCR_BASE_EMBEDDED_H
#define SVCR_BASE_EMBEDDED_H

#include <stddef.h>

typedef struct svcr__embedded {
    const char *name; /* the file name without its extension */
    const char *text; /* the file's bytes, NUL-terminated */
    size_t length;    /* bytes of text, the NUL not counted */
} svcr__embedded;

/* The entry of @p set (of @p count) named @p name, or NULL. */
const svcr__embedded *svcr__embedded_find(const svcr__embedded *set, size_t count, const char *name);

/* The names of @p set's entries, ", "-separated, into @p out (cut short to @p size). */
void svcr__embedded_names(const svcr__embedded *set, size_t count, char *out, size_t size);

#endif
