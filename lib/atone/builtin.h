/* Private: the built-in tables, embedded at build time from the lib/atone/ .table files by
 * lib/base/embed.py (the same files are installed for hosts to copy). */
#ifndef SVCR_ATONE_BUILTIN_H
#define SVCR_ATONE_BUILTIN_H

#include "base/embedded.h"

typedef svcr__embedded atone_builtin; /* name: the file name without ".table"; text: NUL-terminated */

extern const atone_builtin svcr__atone_builtins[];
extern const size_t svcr__atone_builtins_count;

#endif
