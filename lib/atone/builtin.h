/* Private: the built-in tables, embedded at build time from the lib/atone/ .table files
 * by embed_tables.py (the same files are installed for hosts to copy). */
#ifndef SVCR_ATONE_BUILTIN_H
#define SVCR_ATONE_BUILTIN_H

#include <stddef.h>

typedef struct atone_builtin {
    const char *name; /* the file name without ".table" */
    const char *text; /* NUL-terminated */
} atone_builtin;

extern const atone_builtin svcr__atone_builtins[];
extern const size_t svcr__atone_builtin_count;

#endif
