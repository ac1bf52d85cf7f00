/* libFuzzer target: calendar JSON definitions. A definition that parses must give consistent
 * arithmetic: adding n business seconds and measuring back gives n, the next opening is open,
 * and subtracting undoes adding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    svcr_calendar *calendar;
    if (svcr_calendar_parse(text, strlen(text), &calendar) == SVCR_OK) {
        /* Instants and durations from the input's bytes, around 2026. */
        uint64_t seed = 1469598103934665603u;
        for (size_t i = 0; i < size; i++)
            seed = (seed ^ data[i]) * 1099511628211u;
        int64_t from = INT64_C(1767225600) + (int64_t)(seed % (400u * 86400u));
        int64_t seconds = (int64_t)((seed >> 32) % (60u * 86400u));
        int64_t to, measured, back, opening;
        bool open;
        if (svcr_calendar_add(calendar, from, seconds, &to) == SVCR_OK) {
            if (svcr_calendar_between(calendar, from, to, &measured) != SVCR_OK || measured != seconds)
                abort();
            if (seconds > 0 && (svcr_calendar_add(calendar, to, -seconds, &back) != SVCR_OK ||
                                svcr_calendar_between(calendar, back, to, &measured) != SVCR_OK ||
                                measured != seconds || back < from))
                abort();
        }
        if (svcr_calendar_next_open(calendar, from, &opening) == SVCR_OK &&
            (svcr_calendar_is_open(calendar, opening, &open) != SVCR_OK || !open || opening < from))
            abort();
        svcr_calendar_free(calendar);
    }
    free(text);
    return 0;
}
