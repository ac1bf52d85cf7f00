/* libFuzzer target: decision tables in their JSON form. Whatever parses must evaluate with no
 * facts set (the compiled lookup selecting exactly what the linear scan does), and must round
 * trip exactly: written out, read back and written again, the two JSON texts are the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_table *table = NULL;
    if (svcr_table_parse_json((const char *)data, size, &table) != SVCR_OK)
        return 0;
    fuzz_check_table(table, NULL);
    char *first = NULL, *second = NULL;
    svcr_table *again = NULL;
    if (svcr_table_json(table, &first) == SVCR_OK) {
        if (svcr_table_parse_json(first, strlen(first), &again) != SVCR_OK)
            abort(); /* what the library wrote it must read */
        if (svcr_table_json(again, &second) == SVCR_OK && strcmp(first, second) != 0)
            abort();
    }
    svcr_free(first);
    svcr_free(second);
    svcr_table_free(again);
    svcr_table_free(table);
    return 0;
}
