/* libFuzzer target: the base text decoders (times and decimal money amounts).
 * Round trip: a parsed time formats and parses back to the same instant; a parsed amount
 * formats and parses back to the same minor units. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[128];
    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    int64_t t;
    if (svcr_time_parse(text, &t) == SVCR_OK) {
        char formatted[SVCR_TIME_FORMAT_SIZE];
        if (svcr_time_format(t, formatted, sizeof formatted) == SVCR_OK) {
            int64_t again;
            if (svcr_time_parse(formatted, &again) != SVCR_OK || again != t)
                abort();
        }
    }

    static const char *const currencies[] = {"EUR", "JPY", "KWD", "CLF"};
    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
        svcr_money m;
        if (svcr_money_parse_decimal(text, currencies[i], &m) != SVCR_OK)
            continue;
        char formatted[SVCR_MONEY_FORMAT_SIZE];
        if (svcr_money_format(m, formatted, sizeof formatted) != SVCR_OK)
            abort();
        *strchr(formatted, ' ') = '\0';
        svcr_money again;
        if (svcr_money_parse_decimal(formatted, currencies[i], &again) != SVCR_OK ||
            again.amount_minor != m.amount_minor)
            abort();
    }
    return 0;
}
