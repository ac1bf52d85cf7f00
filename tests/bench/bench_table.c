/*
 * The benchmark's 100-rule, 6-input decision table (tests/data/bench/table_100.table, made by
 * gen_table_100.py), hit policy collect, over the same 1000 fact sets json-rules-engine and the
 * plain-C scans in bench_baseline.c evaluate (facts_100.json), in order, round robin.
 *
 *   table_mean_matching_rules          offers per evaluation over one pass (must equal the peers')
 *   table_evaluations_per_s            per evaluation: the six facts set by slot
 *                                      (svcr_table_facts_set_at), svcr_table_eval, and every offer read
 *                                      (kind, amount, approval), as json-rules-engine's run(facts)
 *                                      is given its facts each time and builds an event per
 *                                      matching rule
 *   table_eval_only_evaluations_per_s  svcr_table_eval and the offers read, on facts set
 *                                      beforehand
 *
 * Usage: bench_table [DATA_DIR]   (default: the source tree's tests/data/bench)
 * Prints `figure <name>: <number> <unit>` lines (see bench.h).
 */
#include "bench.h"

#include <jansson.h>
#include <string.h>
#include <svcrecover.h>

enum { COLUMNS = 6, BATCH = 1000 };

static const char *const column_names[COLUMNS] = {"severity",    "tier",    "price",
                                                  "delay_hours", "channel", "repeat"};

struct run {
    svcr_table *table;
    svcr_table_facts *facts;      /* set per evaluation */
    svcr_table_facts **prepared;  /* one per fact set, set beforehand */
    svcr_table_result *result;
    size_t slots[COLUMNS];
    svcr_table_value (*values)[COLUMNS];
    size_t n;
    size_t next;
    unsigned long offers;
    unsigned long checksum; /* of the offers read */
};

static void check(svcr_status st, const char *what)
{
    if (st != SVCR_OK) {
        fprintf(stderr, "bench_table: %s: %s: %s\n", what, svcr_status_name(st),
                svcr_error_message());
        exit(1);
    }
}

static char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    char *text = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap && (text = realloc(text, cap = cap ? 2 * cap : 65536)) == NULL)
            abort();
        size_t got = fread(text + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len = n;
    return text;
}

/* The fact sets as values ready for svcr_table_facts_set_at(); strings point into the JSON. */
static void load_facts(struct run *r, json_t *facts)
{
    size_t i;
    json_t *f;
    r->n = json_array_size(facts);
    r->values = calloc(r->n ? r->n : 1, sizeof *r->values);
    r->prepared = calloc(r->n ? r->n : 1, sizeof *r->prepared);
    if (r->values == NULL || r->prepared == NULL || r->n == 0)
        abort();
    json_array_foreach(facts, i, f) {
        svcr_table_value *v = r->values[i];
        json_t *price = json_object_get(f, "price");
        v[0] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_NUMBER,
                            .number = json_integer_value(json_object_get(f, "severity")) *
                                      SVCR_TABLE_NUMBER_SCALE};
        v[1] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_STRING,
                            .string = json_string_value(json_object_get(f, "tier"))};
        v[2] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_MONEY};
        v[2].money.amount_minor = json_integer_value(json_object_get(price, "amount_minor"));
        snprintf(v[2].money.currency, sizeof v[2].money.currency, "%s",
                 json_string_value(json_object_get(price, "currency")));
        v[3] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_NUMBER,
                            .number = json_integer_value(json_object_get(f, "delay_hours")) *
                                      SVCR_TABLE_NUMBER_SCALE};
        v[4] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_STRING,
                            .string = json_string_value(json_object_get(f, "channel"))};
        v[5] = (svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_BOOLEAN,
                            .number = json_is_true(json_object_get(f, "repeat"))};
        check(svcr_table_facts_new(r->table, &r->prepared[i]), "svcr_table_facts_new");
        for (int c = 0; c < COLUMNS; c++)
            check(svcr_table_facts_set_at(r->prepared[i], r->slots[c], &v[c]), column_names[c]);
    }
}

/* Read every offer of the last evaluation, its kind, amount and approval, as json-rules-engine
 * builds an event per matching rule (svcr_table_result_offers(): the evaluation laid them out). */
static void read_offers(struct run *r)
{
    size_t n;
    const svcr_table_offer *const *offers = svcr_table_result_offers(r->result, &n);
    for (size_t k = 0; k < n; k++)
        r->checksum += (unsigned long)offers[k]->amount.amount_minor + (unsigned char)offers[k]->kind[0] +
                       (unsigned char)offers[k]->approval[0];
    r->offers += n;
}

static void set_and_eval_batch(void *ctx)
{
    struct run *r = ctx;
    for (int i = 0; i < BATCH; i++) {
        const svcr_table_value *v = r->values[r->next];
        for (int c = 0; c < COLUMNS; c++)
            check(svcr_table_facts_set_at(r->facts, r->slots[c], &v[c]), column_names[c]);
        check(svcr_table_eval(r->table, r->facts, 0, r->result), "svcr_table_eval");
        read_offers(r);
        r->next = (r->next + 1) % r->n;
    }
}

static void eval_only_batch(void *ctx)
{
    struct run *r = ctx;
    for (int i = 0; i < BATCH; i++) {
        check(svcr_table_eval(r->table, r->prepared[r->next], 0, r->result), "svcr_table_eval");
        read_offers(r);
        r->next = (r->next + 1) % r->n;
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : SVCR_BENCH_DATA_DIR;
    static struct run r;
    size_t len;
    char *text = read_file(dir, "table_100.table", &len);
    check(svcr_table_parse(text, len, &r.table), "table_100.table");
    free(text);
    check(svcr_table_facts_new(r.table, &r.facts), "svcr_table_facts_new");
    check(svcr_table_result_new(r.table, &r.result), "svcr_table_result_new");
    for (int c = 0; c < COLUMNS; c++)
        check(svcr_table_facts_find(r.facts, column_names[c], &r.slots[c], NULL), column_names[c]);

    char path[4096];
    json_error_t err;
    snprintf(path, sizeof path, "%s/facts_100.json", dir);
    json_t *facts = json_load_file(path, 0, &err);
    if (facts == NULL) {
        fprintf(stderr, "bench_table: %s:%d:%d: %s\n", path, err.line, err.column, err.text);
        return 2;
    }
    load_facts(&r, facts);

    for (size_t i = 0; i < r.n; i++) {
        check(svcr_table_eval(r.table, r.prepared[i], 0, r.result), "svcr_table_eval");
        read_offers(&r);
    }
    bench_figure("table_mean_matching_rules", (double)r.offers / (double)r.n, "rules");

    bench_figure("table_evaluations_per_s", bench_rate(set_and_eval_batch, &r, BATCH),
                 "evaluations/s");
    bench_figure("table_eval_only_evaluations_per_s", bench_rate(eval_only_batch, &r, BATCH),
                 "evaluations/s");
    bench_keep(r.offers + r.checksum);

    for (size_t i = 0; i < r.n; i++)
        svcr_table_facts_free(r.prepared[i]);
    free(r.prepared);
    free(r.values);
    json_decref(facts);
    svcr_table_result_free(r.result);
    svcr_table_facts_free(r.facts);
    svcr_table_free(r.table);
    return 0;
}
