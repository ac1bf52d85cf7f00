/* Duration text; see duration.h. */
#include "workflow/duration.h"

#include <inttypes.h>
#include <stdio.h>

enum { MAX_DURATION_DAYS = 36525 };

static const struct {
    char unit;
    int64_t seconds;
} units[] = {{'w', 604800}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

enum { UNIT_COUNT = sizeof units / sizeof units[0] };

bool svcr__duration_parse(const char *text, int64_t *seconds)
{
    const int64_t limit = (int64_t)MAX_DURATION_DAYS * 86400;
    int64_t total = 0;
    size_t next_unit = 0; /* units must come largest first, each once */
    const char *p = text;
    if (*p == '\0')
        return false;
    while (*p != '\0') {
        if (*p < '0' || *p > '9')
            return false;
        int64_t number = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            number = number * 10 + (*p - '0');
            if (number > limit)
                return false;
        }
        size_t u = next_unit;
        while (u < UNIT_COUNT && units[u].unit != *p)
            u++;
        if (u == UNIT_COUNT)
            return false;
        total += number * units[u].seconds;
        if (total > limit)
            return false;
        next_unit = u + 1;
        p++;
    }
    *seconds = total;
    return true;
}

void svcr__duration_format(int64_t seconds, char buf[SVCR__DURATION_SIZE])
{
    size_t used = 0;
    buf[0] = '\0';
    /* Weeks are accepted on input but written as days: "14d" reads better than "2w". */
    for (size_t u = 1; u < UNIT_COUNT; u++) {
        int64_t part = seconds / units[u].seconds;
        seconds %= units[u].seconds;
        if (part > 0)
            used += (size_t)snprintf(buf + used, SVCR__DURATION_SIZE - used, "%" PRId64 "%c", part,
                                     units[u].unit);
    }
    if (used == 0)
        snprintf(buf, SVCR__DURATION_SIZE, "0s");
}
