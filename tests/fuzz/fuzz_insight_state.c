/* libFuzzer target: svcr_insight_state_decode(). Most inputs would fail the checksum, so every
 * other input (first byte even) has its length and checksum rewritten first, as a writer that
 * meant those bytes would: the fuzzer then reaches the decoder's checks of the figures. A state
 * that decodes must round-trip: encode -> decode -> encode gives the same bytes, and its figures
 * encode as JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

#include "base/hash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool reseal = data[0] % 2 == 0 && size >= 1 + 13 + 8;
    unsigned char *bytes = malloc(size);
    if (bytes == NULL)
        return 0;
    size_t length = size - 1;
    memcpy(bytes, data + 1, length);
    if (reseal) {
        uint64_t hash = svcr__hash_bytes(SVCR__HASH_SEED, bytes, length - 8);
        for (int i = 0; i < 8; i++) {
            bytes[5 + i] = (unsigned char)((uint64_t)length >> (8 * i));
            bytes[length - 8 + (size_t)i] = (unsigned char)(hash >> (8 * i));
        }
    }
    svcr_insight *insight = NULL;
    svcr_status status = svcr_insight_state_decode(bytes, length, &insight);
    if (status != SVCR_OK && status != SVCR_EPARSE && status != SVCR_ENOMEM)
        abort();
    if (status == SVCR_OK) {
        unsigned char *first = NULL, *second = NULL;
        size_t first_length = 0, second_length = 0;
        svcr_insight *again = NULL;
        char *json = NULL;
        if (svcr_insight_state_encode(insight, &first, &first_length) != SVCR_OK ||
            svcr_insight_state_decode(first, first_length, &again) != SVCR_OK ||
            svcr_insight_state_encode(again, &second, &second_length) != SVCR_OK || first_length != second_length ||
            memcmp(first, second, first_length) != 0 || svcr_insight_encode(again, &json) != SVCR_OK)
            abort();
        svcr_free(json);
        svcr_free(first);
        svcr_free(second);
        svcr_insight_free(again);
        svcr_insight_free(insight);
    }
    free(bytes);
    return 0;
}
