/* libFuzzer target: DMN 1.3 XML decision tables (built only with the dmn feature, libxml2).
 * Whatever imports must evaluate with no facts set, and the compiled interval lookup must select
 * exactly the rules the linear scan does. DMN has no exporter, so there is no round trip.
 * The library never prints: a libxml2 message reaching the thread's generic error handler
 * (stderr by default) is a finding, so this target installs one that aborts. */
#include <stdint.h>

#include <libxml/xmlerror.h>

#include "fuzz_table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void printed(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
    abort(); /* svcr_table_parse_dmn() let libxml2 print a message */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xmlSetGenericErrorFunc(NULL, printed);
    svcr_table *table = NULL;
    if (svcr_table_parse_dmn((const char *)data, size, &table) != SVCR_OK)
        return 0;
    fuzz_check_table(table, NULL);
    svcr_table_free(table);
    return 0;
}
