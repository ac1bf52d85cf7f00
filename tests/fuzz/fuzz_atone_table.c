/* libFuzzer target: decision tables in the text format. Whatever parses must evaluate with no
 * facts set, and the compiled interval lookup must select exactly the rules the linear scan does.
 * (The text format has no encoder, so there is no round trip; DMN XML has its own target.) */
#include <stdint.h>

#include "fuzz_table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_table *table = NULL;
    if (svcr_table_parse((const char *)data, size, &table) != SVCR_OK)
        return 0;
    fuzz_check_table(table, NULL);
    svcr_table_free(table);
    return 0;
}
