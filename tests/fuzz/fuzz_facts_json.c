/* libFuzzer target: atonement facts from JSON (svcr_table_facts_set_json) and decimal text
 * (svcr_table_facts_set_decimal), on a fixed two-table graph that has an input of every type.
 *
 * - All or nothing: when setting fails, the facts are exactly what they were.
 * - IGNORE_UNKNOWN only widens: what sets with flags 0 sets the same with the flag.
 * - Round trip: facts that were set, written back as JSON (by this target: the library has no
 *   facts encoder), set fresh facts to the same values.
 * - The facts evaluate, and the compiled lookup agrees with the linear scan.
 * - A decimal that sets formats back (six places) to text that sets the same number. */
#include <inttypes.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz_table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table_text[] =
    "table classify\n"
    "hit-policy C+\n"
    "| late: boolean | wait: duration || points: number |\n"
    "| true | > PT1H || 2 |\n"
    "| - | null || 1 |\n"
    "table offer\n"
    "hit-policy rule-order\n"
    "| points from classify | severity: number | tier: string | price: money | paid: money |"
    " delay: duration | repeat: boolean || kind | amount |\n"
    "| >= 2 | [1..3] | \"gold\", \"silver\" | > 10.00 EUR | - | > PT4H | true || credit | 10% of price |\n"
    "| - | > 2.5 | not(\"basic\") | - | - | - | - || refund | 50% of paid |\n"
    "| - | - | - | - | - | - | - || apology_only | - |\n";

static const char base_json[] =
    "{\"late\": true, \"wait\": \"PT2H\", \"severity\": 2.5, \"tier\": \"gold\","
    " \"price\": {\"amount_minor\": 1200, \"currency\": \"EUR\"}, \"delay\": 3600, \"repeat\": false}";

static bool slots_equal(const svcr_table *table, const atone_slot *a, const atone_slot *b, size_t skip)
{
    for (size_t i = 0; i < table->fact_count; i++) {
        if (i == skip)
            continue;
        if (a[i].present != b[i].present ||
            (a[i].present && (a[i].key != b[i].key || strcmp(a[i].currency, b[i].currency) != 0)))
            return false;
    }
    return true;
}

/* A number in millionths as decimal text: "-12.500000". */
static void number_text(int64_t key, char *out, size_t size)
{
    uint64_t magnitude = key < 0 ? -(uint64_t)key : (uint64_t)key;
    snprintf(out, size, "%s%" PRIu64 ".%06" PRIu64, key < 0 ? "-" : "", magnitude / SVCR_TABLE_NUMBER_SCALE,
             magnitude % SVCR_TABLE_NUMBER_SCALE);
}

/* Whether a number in millionths survives JSON as a double (at most 15 significant digits). */
static bool fits_double(int64_t key)
{
    uint64_t m = key < 0 ? -(uint64_t)key : (uint64_t)key;
    while (m != 0 && m % 10 == 0)
        m /= 10;
    int digits = 0;
    for (; m != 0; m /= 10)
        digits++;
    return digits <= 15;
}

/* The facts as JSON; *skipped is the slot of a number that JSON cannot carry exactly, if any. */
static char *facts_to_json(const svcr_table *table, const atone_slot *slots, size_t *skipped)
{
    json_t *root = json_object();
    *skipped = SIZE_MAX;
    for (size_t i = 0; i < table->fact_count; i++) {
        const atone_fact *fact = &table->facts[i];
        const atone_slot *slot = &slots[i];
        json_t *value = NULL;
        char text[64];
        if (!slot->present) {
            value = json_null();
        } else {
            switch (fact->type) {
            case SVCR_TABLE_TYPE_NUMBER:
                if (slot->key % SVCR_TABLE_NUMBER_SCALE == 0) {
                    value = json_integer(slot->key / SVCR_TABLE_NUMBER_SCALE);
                } else if (fits_double(slot->key)) {
                    number_text(slot->key, text, sizeof text);
                    value = json_real(strtod(text, NULL));
                } else {
                    *skipped = i;
                }
                break;
            case SVCR_TABLE_TYPE_STRING:
                value = json_string(slot->key >= 0 ? table->symbols[slot->key] : "\x01unknown");
                break;
            case SVCR_TABLE_TYPE_BOOLEAN:
                value = json_boolean(slot->key);
                break;
            case SVCR_TABLE_TYPE_MONEY:
                value = json_pack("{sIss}", "amount_minor", (json_int_t)slot->key, "currency",
                                  slot->currency);
                break;
            case SVCR_TABLE_TYPE_DURATION:
                value = json_integer(slot->key);
                break;
            case SVCR_TABLE_TYPE_NULL:
                abort();
            }
        }
        if (value != NULL && json_object_set_new(root, fact->name, value) != 0)
            abort();
    }
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (text == NULL)
        abort();
    return text;
}

static void check_decimal(const svcr_table *table, const uint8_t *data, size_t size)
{
    char text[64];
    if (size >= sizeof text)
        return;
    memcpy(text, data, size);
    text[size] = '\0';
    svcr_table_facts *facts, *again;
    if (svcr_table_facts_new(table, &facts) != SVCR_OK || svcr_table_facts_new(table, &again) != SVCR_OK)
        abort();
    if (svcr_table_facts_set_decimal(facts, "severity", text) == SVCR_OK) {
        size_t slot;
        if (svcr_table_facts_find(facts, "severity", &slot, NULL) != SVCR_OK)
            abort();
        char formatted[64];
        number_text(facts->slots[slot].key, formatted, sizeof formatted);
        if (svcr_table_facts_set_decimal(again, "severity", formatted) != SVCR_OK ||
            !slots_equal(table, facts->slots, again->slots, SIZE_MAX))
            abort();
    }
    svcr_table_facts_free(again);
    svcr_table_facts_free(facts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static svcr_table *table;
    static atone_slot *base;
    if (table == NULL) {
        svcr_table_facts *facts;
        if (svcr_table_parse(table_text, sizeof table_text - 1, &table) != SVCR_OK ||
            svcr_table_facts_new(table, &facts) != SVCR_OK ||
            svcr_table_facts_set_json(facts, base_json, sizeof base_json - 1, 0) != SVCR_OK)
            abort();
        base = facts->slots; /* kept for the life of the process */
        facts->slots = NULL;
        svcr_table_facts_free(facts);
    }
    const char *json = (const char *)data;
    svcr_table_facts *strict, *lenient, *again;
    if (svcr_table_facts_new(table, &strict) != SVCR_OK || svcr_table_facts_new(table, &lenient) != SVCR_OK ||
        svcr_table_facts_new(table, &again) != SVCR_OK)
        abort();
    memcpy(strict->slots, base, table->fact_count * sizeof *base);
    memcpy(lenient->slots, base, table->fact_count * sizeof *base);

    svcr_status status = svcr_table_facts_set_json(strict, json, size, 0);
    svcr_status lenient_status = svcr_table_facts_set_json(lenient, json, size, SVCR_TABLE_FACTS_IGNORE_UNKNOWN);
    if (status != SVCR_OK && !slots_equal(table, strict->slots, base, SIZE_MAX))
        abort();
    if (lenient_status != SVCR_OK && !slots_equal(table, lenient->slots, base, SIZE_MAX))
        abort();
    if (status == SVCR_OK &&
        (lenient_status != SVCR_OK || !slots_equal(table, strict->slots, lenient->slots, SIZE_MAX)))
        abort();
    if (lenient_status == SVCR_OK) {
        size_t skipped;
        char *text = facts_to_json(table, lenient->slots, &skipped);
        if (svcr_table_facts_set_json(again, text, strlen(text), 0) != SVCR_OK ||
            !slots_equal(table, lenient->slots, again->slots, skipped))
            abort();
        free(text);
        fuzz_check_table(table, lenient);
    }
    svcr_table_facts_free(again);
    svcr_table_facts_free(lenient);
    svcr_table_facts_free(strict);
    check_decimal(table, data, size);
    return 0;
}
