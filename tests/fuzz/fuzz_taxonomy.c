/* libFuzzer target: root-cause taxonomies from JSON. Anything that loads must give every node
 * back by position and by code, resolve each node's code and name to that code, and roll every
 * code up to level 1, without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    svcr_taxonomy *t;
    if (svcr_taxonomy_parse((const char *)data, size, &t) != SVCR_OK)
        return 0;
    for (size_t i = 0; i < svcr_taxonomy_node_count(t); i++) {
        svcr_taxonomy_node_info node = {.size = sizeof node}, found = {.size = sizeof found};
        const char *code, *top;
        if (svcr_taxonomy_node(t, i, &node) != SVCR_OK || svcr_taxonomy_find(t, node.code, &found) != SVCR_OK ||
            found.index != i || svcr_taxonomy_resolve(t, node.code, &code) != SVCR_OK || strcmp(code, node.code) != 0 ||
            svcr_taxonomy_resolve(t, node.name, &code) != SVCR_OK || strcmp(code, node.code) != 0 ||
            svcr_taxonomy_ancestor(t, node.code, 1, &top) != SVCR_OK)
            abort();
    }
    const char *code;
    (void)svcr_taxonomy_resolve(t, "no such cause", &code);
    svcr_taxonomy_free(t);
    return 0;
}
