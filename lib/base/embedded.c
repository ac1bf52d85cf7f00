/* Looking up the data sets built into the library; see embedded.h. */
#include "base/embedded.h"

#include <stdio.h>
#include <string.h>

const svcr__embedded *svcr__embedded_find(const svcr__embedded *set, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(set[i].name, name) == 0)
            return &set[i];
    return NULL;
}

void svcr__embedded_names(const svcr__embedded *set, size_t count, char *out, size_t size)
{
    size_t used = 0;
    if (size > 0)
        out[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", set[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
