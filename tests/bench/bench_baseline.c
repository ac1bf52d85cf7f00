/*
 * Plain-C baselines: the same work as the library's engines written directly, without the
 * library, to set each engine against a straightforward hand-written program.
 *
 *   baseline_table_transitions_per_s      five-step happy path through a static
 *                                          [state][event] table: enum events, no guards, no log
 *   baseline_same_work_transitions_per_s  bench_case's work by hand: per case, allocate it with
 *                                          a copy of its id, copy in four facts, apply the six
 *                                          events (event and role as strings; role allowed, time
 *                                          not going backwards, required fact set; one log entry
 *                                          appended to a growing array), free it
 *   baseline_apply_transitions_per_s      the applies alone, on one case reset between walks
 *   baseline_scan_evaluations_per_s       the 100-rule, 6-input table (tests/data/bench), every
 *                                          rule tested in turn against each fact set, collect-all;
 *                                          each matching rule's offer made (kind, approval, its
 *                                          amount: fixed, or a percentage of the price rounded
 *                                          half up) and read, as bench_table reads the library's
 *   baseline_scan_flat_evaluations_per_s  the same with the rules flattened to one interval per
 *                                          column, tested without branches
 *
 * Usage: bench_baseline [DATA_DIR]   (default: the source tree's tests/data/bench)
 * Prints `figure <name>: <number> <unit>` lines (see bench.h).
 */
#include "bench.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Hides a value from the optimiser so work that depends on it is really done every time. */
#define OPAQUE(v) __asm__ volatile("" : "+r"(v))

enum { CASES = 1000, PATH_LEN = 6 };

/* ---- five-step as a static table ---- */

enum state { IDENTIFY, APOLOGIZE, LISTEN, FIX, ATONE, FOLLOW_UP, CLOSED, N_STATES };
enum event { IDENTIFIED, APOLOGIZED, LISTENED, FIXED, ATONED, SATISFIED, NOT_SATISFIED, REOPEN,
             N_EVENTS };
enum fact { NO_FACT, EXPECTATION, CUSTOMER_WISH, ATONEMENT, ROOT_CAUSE };

static const signed char next_state[N_STATES][N_EVENTS] = {
    [IDENTIFY] = {[IDENTIFIED] = APOLOGIZE + 1},
    [APOLOGIZE] = {[APOLOGIZED] = LISTEN + 1},
    [LISTEN] = {[LISTENED] = FIX + 1},
    [FIX] = {[FIXED] = ATONE + 1},
    [ATONE] = {[ATONED] = FOLLOW_UP + 1},
    [FOLLOW_UP] = {[SATISFIED] = CLOSED + 1, [NOT_SATISFIED] = FIX + 1},
    [CLOSED] = {[REOPEN] = FIX + 1},
}; /* target + 1; 0 = not allowed */

static const enum event happy_path[PATH_LEN] = {IDENTIFIED, APOLOGIZED, LISTENED,
                                                FIXED,      ATONED,     SATISFIED};

static void table_batch(void *ctx)
{
    unsigned long closed = 0;
    for (int i = 0; i < CASES; i++) {
        const enum event *path = happy_path;
        const signed char(*table)[N_EVENTS] = next_state;
        int s = IDENTIFY;
        OPAQUE(path);
        OPAQUE(table);
        OPAQUE(s);
        for (int k = 0; k < PATH_LEN; k++) {
            int t = table[s][path[k]];
            if (t == 0)
                abort();
            s = t - 1;
        }
        closed += s == CLOSED;
    }
    bench_keep(closed);
}

/* ---- the same work as svcr_case_apply, by hand ---- */

struct transition {
    const char *event;
    unsigned char to;
    unsigned char needs; /* enum fact */
};

static const struct transition out_of[N_STATES][2] = {
    [IDENTIFY] = {{"identified", APOLOGIZE, EXPECTATION}},
    [APOLOGIZE] = {{"apologized", LISTEN, NO_FACT}},
    [LISTEN] = {{"listened", FIX, NO_FACT}},
    [FIX] = {{"fixed", ATONE, CUSTOMER_WISH}},
    [ATONE] = {{"atoned", FOLLOW_UP, ATONEMENT}},
    [FOLLOW_UP] = {{"satisfied", CLOSED, ROOT_CAUSE}, {"not_satisfied", FIX, NO_FACT}},
    [CLOSED] = {{"reopen", FIX, NO_FACT}},
};

struct log_entry {
    const char *event;
    const char *role;
    int64_t at;
    uint32_t seq;
    unsigned char from, to;
};

struct plain_case {
    char *id;
    char *fact_values[5]; /* by enum fact; NULL = not set */
    unsigned char state;
    unsigned char facts; /* bit per enum fact */
    uint32_t n_log, log_capacity;
    int64_t last_at;
    struct log_entry *log;
};

static const char *const fact_names[5] = {NULL, "expectation", "customer_wish", "atonement",
                                          "root_cause"};
static const char *const fact_values[5] = {NULL, "parcel delivered by Friday",
                                           "redeliver tomorrow morning",
                                           "refund of the shipping fee", "carrier: missed pickup"};

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p == NULL)
        abort();
    return memcpy(p, s, n);
}

static struct plain_case *plain_new(const char *id, int64_t opened_at)
{
    struct plain_case *c = calloc(1, sizeof *c);
    if (c == NULL)
        abort();
    c->id = copy(id);
    c->state = IDENTIFY;
    c->last_at = opened_at;
    return c;
}

static void plain_set_fact(struct plain_case *c, const char *name, const char *value)
{
    for (int f = EXPECTATION; f <= ROOT_CAUSE; f++)
        if (strcmp(fact_names[f], name) == 0) {
            free(c->fact_values[f]);
            c->fact_values[f] = copy(value);
            c->facts |= (unsigned char)(1u << f);
            return;
        }
    abort();
}

static void plain_free(struct plain_case *c)
{
    for (int f = 0; f < 5; f++)
        free(c->fact_values[f]);
    free(c->log);
    free(c->id);
    free(c);
}

static int plain_apply(struct plain_case *c, const char *event, const char *role, int64_t at)
{
    if (strcmp(role, "agent") != 0 || at < c->last_at)
        return -1;
    for (int k = 0; k < 2; k++) {
        const struct transition *t = &out_of[c->state][k];
        if (t->event == NULL || strcmp(t->event, event) != 0)
            continue;
        if (t->needs != NO_FACT && !(c->facts & (1u << t->needs)))
            return -2;
        if (c->n_log == c->log_capacity) {
            uint32_t cap = c->log_capacity ? 2 * c->log_capacity : 8;
            struct log_entry *log = realloc(c->log, cap * sizeof *log);
            if (log == NULL)
                return -4;
            c->log = log;
            c->log_capacity = cap;
        }
        c->log[c->n_log] = (struct log_entry){event, role, at, c->n_log + 1, c->state, t->to};
        c->n_log++;
        c->state = t->to;
        c->last_at = at;
        return 0;
    }
    return -3;
}

static const char *const happy_names[PATH_LEN] = {"identified", "apologized", "listened",
                                                  "fixed",      "atoned",     "satisfied"};

static void walk(struct plain_case *c)
{
    const char *const *names = happy_names;
    OPAQUE(names);
    for (int k = 0; k < PATH_LEN; k++)
        if (plain_apply(c, names[k], "agent", c->last_at + 60) != 0)
            abort();
}

/* The whole lifecycle, as bench_case's case_transitions_per_s: open, four facts, walk, free. */
static void same_work_batch(void *ctx)
{
    unsigned long closed = 0;
    for (int i = 0; i < CASES; i++) {
        char id[32];
        snprintf(id, sizeof id, "case-%06d", i);
        struct plain_case *c = plain_new(id, 1767225600);
        for (int f = EXPECTATION; f <= ROOT_CAUSE; f++)
            plain_set_fact(c, fact_names[f], fact_values[f]);
        walk(c);
        closed += c->state == CLOSED;
        plain_free(c);
    }
    bench_keep(closed);
}

/* Apply alone, as case_apply_transitions_per_s: one case, reset between walks. */
static void apply_batch(void *ctx)
{
    struct plain_case *c = ctx;
    unsigned long closed = 0;
    for (int i = 0; i < CASES; i++) {
        unsigned char start = IDENTIFY;
        OPAQUE(start);
        c->state = start;
        c->n_log = 0;
        c->last_at = 1767225600;
        walk(c);
        closed += c->state == CLOSED;
    }
    bench_keep(closed);
}

/* ---- the 100-rule table, scanned rule by rule ---- */

enum column { SEVERITY, TIER, PRICE, DELAY_HOURS, CHANNEL, REPEAT, N_COLUMNS };
static const char *const column_names[N_COLUMNS] = {"severity",    "tier",    "price",
                                                    "delay_hours", "channel", "repeat"};

/*
 * One json-rules-engine condition: a comparison with a number, or a list of strings held as a
 * bitmask over the column's known values (a fact's string is looked up once per evaluation).
 */
enum op { GE, GT, LE, LT, IN, NOT_IN, IS };

struct condition {
    enum column column;
    enum op op;
    int64_t number; /* or the bitmask of listed values */
};

/* What a matching rule offers (its json-rules-engine event's params). */
struct offer_spec {
    const char *kind, *approval;
    bool has_amount;
    int64_t amount_minor; /* fixed amount, or */
    int64_t percent;      /* a percentage (whole) of the price when nonzero */
};

struct rule {
    struct condition conditions[8];
    int n_conditions;
    struct offer_spec offer;
};

/* A matching rule's offer, made per evaluation. */
struct offer {
    const char *kind, *approval;
    bool has_amount;
    int64_t amount_minor;
};

/* The values of the two string columns; a fact's value not listed here matches no list. */
static const char *const string_values[N_COLUMNS][5] = {
    [TIER] = {"basic", "silver", "gold", "platinum"},
    [CHANNEL] = {"email", "phone", "chat", "web", "social"},
};

struct facts {
    int64_t numbers[N_COLUMNS]; /* severity, price (minor units), delay_hours, repeat */
    const char *strings[N_COLUMNS]; /* tier, channel */
};

struct table_bench {
    struct rule rules[100];
    int n_rules;
    struct facts *facts;
    size_t n_facts;
};

static int column_of(const char *name)
{
    for (int i = 0; i < N_COLUMNS; i++)
        if (strcmp(column_names[i], name) == 0)
            return i;
    return -1;
}

/* The bit of a string column's value; 0 when the value is not one the table knows. */
static int64_t value_bit(enum column column, const char *value)
{
    for (int i = 0; i < 5 && string_values[column][i] != NULL; i++)
        if (strcmp(string_values[column][i], value) == 0)
            return (int64_t)1 << i;
    return 0;
}

static bool condition_holds(const struct condition *c, const int64_t *v)
{
    switch (c->op) {
    case GE: return v[c->column] >= c->number;
    case GT: return v[c->column] > c->number;
    case LE: return v[c->column] <= c->number;
    case LT: return v[c->column] < c->number;
    case IS: return v[c->column] == c->number;
    case IN: return (v[c->column] & c->number) != 0;
    case NOT_IN: return (v[c->column] & c->number) == 0;
    }
    return false;
}

/* A fact set as one number per column: a string column's value as its bit. */
static void fact_vector(const struct facts *f, int64_t *v)
{
    memcpy(v, f->numbers, sizeof f->numbers);
    v[TIER] = value_bit(TIER, f->strings[TIER]);
    v[CHANNEL] = value_bit(CHANNEL, f->strings[CHANNEL]);
}

/* Collect-all: writes the indexes of the matching rules to out; returns how many. */
static int scan(const struct table_bench *t, const struct facts *f, int *out)
{
    int64_t v[N_COLUMNS];
    fact_vector(f, v);
    int n = 0;
    for (int r = 0; r < t->n_rules; r++) {
        const struct rule *rule = &t->rules[r];
        int k = 0;
        while (k < rule->n_conditions && condition_holds(&rule->conditions[k], v))
            k++;
        if (k == rule->n_conditions)
            out[n++] = r;
    }
    return n;
}

/*
 * The same rules flattened: every rule an inclusive interval per column (a string column's
 * value is its bit, so a list becomes the interval check `bit & mask`), all six columns tested
 * without branches. The strongest plain scan: no per-condition dispatch, no short circuit.
 */
struct flat_rule {
    int64_t lo[N_COLUMNS], hi[N_COLUMNS]; /* for TIER and CHANNEL: hi is the mask, lo unused */
};

struct flat_table {
    struct flat_rule rules[100];
    int n_rules;
};

static void flatten(const struct table_bench *t, struct flat_table *flat)
{
    flat->n_rules = t->n_rules;
    for (int r = 0; r < t->n_rules; r++) {
        struct flat_rule *f = &flat->rules[r];
        for (int col = 0; col < N_COLUMNS; col++) {
            f->lo[col] = INT64_MIN;
            f->hi[col] = INT64_MAX;
        }
        for (int k = 0; k < t->rules[r].n_conditions; k++) {
            const struct condition *c = &t->rules[r].conditions[k];
            int64_t *lo = &f->lo[c->column], *hi = &f->hi[c->column];
            switch (c->op) { /* integer data: > x is >= x + 1 */
            case GE: *lo = *lo > c->number ? *lo : c->number; break;
            case GT: *lo = *lo > c->number + 1 ? *lo : c->number + 1; break;
            case LE: *hi = *hi < c->number ? *hi : c->number; break;
            case LT: *hi = *hi < c->number - 1 ? *hi : c->number - 1; break;
            case IS: *lo = *hi = c->number; break;
            case IN: *hi &= c->number; break;
            case NOT_IN: *hi &= ~c->number; break;
            }
        }
    }
}

static int scan_flat(const struct flat_table *t, const struct facts *f, int *out)
{
    int64_t v[N_COLUMNS];
    fact_vector(f, v);
    int n = 0;
    for (int r = 0; r < t->n_rules; r++) {
        const struct flat_rule *x = &t->rules[r];
        int ok = (v[SEVERITY] >= x->lo[SEVERITY]) & (v[SEVERITY] <= x->hi[SEVERITY]) &
                 ((v[TIER] & x->hi[TIER]) != 0) &
                 (v[PRICE] >= x->lo[PRICE]) & (v[PRICE] <= x->hi[PRICE]) &
                 (v[DELAY_HOURS] >= x->lo[DELAY_HOURS]) & (v[DELAY_HOURS] <= x->hi[DELAY_HOURS]) &
                 ((v[CHANNEL] & x->hi[CHANNEL]) != 0) &
                 (v[REPEAT] >= x->lo[REPEAT]) & (v[REPEAT] <= x->hi[REPEAT]);
        out[n] = r;
        n += ok;
    }
    return n;
}

enum { SCAN_BATCH = 1000 };

struct scan_run {
    const struct table_bench *t;
    const struct flat_table *flat; /* NULL: scan the condition lists */
    size_t next;
    unsigned long matched;
    unsigned long checksum; /* of the offers read */
};

/* p * percent / 100 rounded half up (away from zero on a tie), as the table's `rounding half-up`. */
static int64_t percent_of(int64_t p, int64_t percent)
{
    int64_t product = p * percent, quotient = product / 100, remainder = product % 100;
    if (2 * (remainder < 0 ? -remainder : remainder) >= 100)
        quotient += product < 0 ? -1 : 1;
    return quotient;
}

/* The offers of the @p n matching rules @p matching on fact set @p f. */
static void make_offers(const struct table_bench *t, const struct facts *f, const int *matching, int n,
                        struct offer *out)
{
    for (int k = 0; k < n; k++) {
        const struct offer_spec *spec = &t->rules[matching[k]].offer;
        out[k] = (struct offer){spec->kind, spec->approval, spec->has_amount,
                                spec->percent != 0 ? percent_of(f->numbers[PRICE], spec->percent)
                                                   : spec->amount_minor};
    }
}

static void scan_batch(void *ctx)
{
    struct scan_run *run = ctx;
    int matching[100];
    struct offer offers[100];
    for (int i = 0; i < SCAN_BATCH; i++) {
        const struct facts *f = &run->t->facts[run->next];
        int n = run->flat ? scan_flat(run->flat, f, matching) : scan(run->t, f, matching);
        make_offers(run->t, f, matching, n, offers);
        for (int k = 0; k < n; k++) /* read each, as bench_table does */
            run->checksum += (unsigned long)offers[k].amount_minor + (unsigned char)offers[k].kind[0] +
                             (unsigned char)offers[k].approval[0];
        run->matched += (unsigned long)n;
        run->next = (run->next + 1) % run->t->n_facts;
    }
}

static json_t *load_json(const char *dir, const char *name)
{
    char path[4096];
    json_error_t err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    json_t *j = json_load_file(path, 0, &err);
    if (j == NULL) {
        fprintf(stderr, "bench_baseline: %s:%d:%d: %s\n", path, err.line, err.column, err.text);
        exit(2);
    }
    return j;
}

static void bad_data(const char *what)
{
    fprintf(stderr, "bench_baseline: unexpected %s in the table data\n", what);
    exit(2);
}

static void load_rules(struct table_bench *t, json_t *rules)
{
    static const struct { const char *name; enum op op; } ops[] = {
        {"greaterThanInclusive", GE}, {"greaterThan", GT}, {"lessThanInclusive", LE},
        {"lessThan", LT},             {"in", IN},          {"notIn", NOT_IN},
        {"equal", IS},
    };
    size_t i, k;
    json_t *rule, *cond;
    if (json_array_size(rules) > 100)
        bad_data("rule count");
    json_array_foreach(rules, i, rule) {
        struct rule *r = &t->rules[t->n_rules++];
        json_t *params = json_object_get(json_object_get(rule, "event"), "params");
        json_t *fixed = json_object_get(params, "amount_minor"), *percent = json_object_get(params, "percent");
        r->offer = (struct offer_spec){json_string_value(json_object_get(params, "kind")),
                                       json_string_value(json_object_get(params, "approval")),
                                       fixed != NULL || percent != NULL, json_integer_value(fixed),
                                       json_integer_value(percent)};
        if (r->offer.kind == NULL || r->offer.approval == NULL)
            bad_data("event params");
        json_array_foreach(json_object_get(json_object_get(rule, "conditions"), "all"), k, cond) {
            if (r->n_conditions == 8)
                bad_data("condition count");
            struct condition *c = &r->conditions[r->n_conditions++];
            int col = column_of(json_string_value(json_object_get(cond, "fact")));
            const char *op = json_string_value(json_object_get(cond, "operator"));
            json_t *value = json_object_get(cond, "value");
            if (col < 0 || op == NULL)
                bad_data("condition");
            c->column = (enum column)col;
            size_t o = 0;
            while (o < sizeof ops / sizeof ops[0] && strcmp(ops[o].name, op) != 0)
                o++;
            if (o == sizeof ops / sizeof ops[0])
                bad_data(op);
            c->op = ops[o].op;
            if (json_is_array(value)) {
                size_t v;
                json_t *s;
                json_array_foreach(value, v, s) {
                    int64_t bit = value_bit(c->column, json_string_value(s));
                    if (bit == 0)
                        bad_data("list value");
                    c->number |= bit;
                }
            } else {
                c->number =
                    json_is_boolean(value) ? json_is_true(value) : json_integer_value(value);
            }
        }
    }
}

static void load_facts(struct table_bench *t, json_t *facts)
{
    size_t i;
    json_t *f;
    t->n_facts = json_array_size(facts);
    t->facts = calloc(t->n_facts, sizeof *t->facts);
    if (t->facts == NULL || t->n_facts == 0)
        bad_data("facts");
    json_array_foreach(facts, i, f) {
        struct facts *x = &t->facts[i];
        x->numbers[SEVERITY] = json_integer_value(json_object_get(f, "severity"));
        x->numbers[PRICE] = json_integer_value(
            json_object_get(json_object_get(f, "price"), "amount_minor"));
        x->numbers[DELAY_HOURS] = json_integer_value(json_object_get(f, "delay_hours"));
        x->numbers[REPEAT] = json_is_true(json_object_get(f, "repeat"));
        x->strings[TIER] = json_string_value(json_object_get(f, "tier"));
        x->strings[CHANNEL] = json_string_value(json_object_get(f, "channel"));
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : SVCR_BENCH_DATA_DIR;

    bench_figure("baseline_table_transitions_per_s",
                 bench_rate(table_batch, NULL, (double)CASES * PATH_LEN), "transitions/s");

    bench_figure("baseline_same_work_transitions_per_s",
                 bench_rate(same_work_batch, NULL, (double)CASES * PATH_LEN), "transitions/s");
    struct plain_case *c = plain_new("case-000000", 1767225600);
    for (int f = EXPECTATION; f <= ROOT_CAUSE; f++)
        plain_set_fact(c, fact_names[f], fact_values[f]);
    bench_figure("baseline_apply_transitions_per_s",
                 bench_rate(apply_batch, c, (double)CASES * PATH_LEN), "transitions/s");
    plain_free(c);

    static struct table_bench t;
    json_t *rules = load_json(dir, "table_100.rules.json");
    json_t *facts = load_json(dir, "facts_100.json");
    load_rules(&t, rules);
    load_facts(&t, facts);
    static struct flat_table flat;
    flatten(&t, &flat);
    int out[100], out_flat[100];
    unsigned long matched = 0;
    for (size_t i = 0; i < t.n_facts; i++) {
        int n = scan(&t, &t.facts[i], out);
        if (scan_flat(&flat, &t.facts[i], out_flat) != n ||
            memcmp(out, out_flat, sizeof(int) * (size_t)n) != 0) {
            fprintf(stderr, "bench_baseline: the two scans disagree on fact set %zu\n", i);
            return 1;
        }
        matched += (unsigned long)n;
    }
    bench_figure("baseline_scan_mean_matching_rules", (double)matched / (double)t.n_facts, "rules");

    struct scan_run run = {&t, NULL, 0, 0, 0};
    bench_figure("baseline_scan_evaluations_per_s", bench_rate(scan_batch, &run, SCAN_BATCH),
                 "evaluations/s");
    struct scan_run run_flat = {&t, &flat, 0, 0, 0};
    bench_figure("baseline_scan_flat_evaluations_per_s",
                 bench_rate(scan_batch, &run_flat, SCAN_BATCH), "evaluations/s");
    bench_keep(run.matched + run_flat.matched + run.checksum + run_flat.checksum);

    free(t.facts);
    json_decref(rules); /* after the runs: the offers point into it */
    json_decref(facts);
    return 0;
}
