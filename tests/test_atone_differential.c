/* The compiled lookup against a plain reference scan written here, on random tables of every hit
 * policy (and aggregation) big enough to reach every path: from one rule to more than 10,000
 * (bitsets of one word to hundreds; rows whose windows start and end anywhere), hundreds of cuts
 * per column, wide, negative and fractional values, facts exactly on a cut and one key to either
 * side, unset facts. Each rule's tests are generated as data, written as table text, and
 * evaluated here directly; offers' amounts (fixed, percentages, per unit, products with a cap,
 * minimums) are checked against svcr_money_scale(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "atone/model.h"

enum { NUMBER, NAME, PRICE, DELAY, FLAG, COLUMNS };
enum { NAMES = 40 };

/* One generated unary test over keys (a string's key here is its index in the name pool). */
typedef enum { ANY, RANGE, LESS, AT_MOST, MORE, AT_LEAST, EQUAL, LIST, NOT_LIST } test_form;

typedef struct {
    test_form form;
    int64_t low, high;         /* RANGE: the ends; the comparisons and EQUAL: low */
    bool low_open, high_open;  /* RANGE */
    int64_t list[4];           /* LIST, NOT_LIST (names or booleans) */
    int list_count;
} gen_test;

typedef enum { NO_AMOUNT, FIXED, PERCENT, PER_UNIT, PRODUCT, AMOUNT_FORMS } amount_form;

static const char *const kinds[] = {"refund", "voucher", "credit"}; /* in priority order */

typedef struct {
    gen_test tests[COLUMNS];
    int kind;        /* index in kinds */
    amount_form amount;
    int64_t money;   /* FIXED and PER_UNIT: cents; PRODUCT: the cap */
    int64_t percent; /* PERCENT: millionths of a percent point; PRODUCT: the factor, millionths */
    bool has_minimum;
    int64_t minimum; /* cents */
} gen_rule;

static uint64_t lcg(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

static int64_t between(uint64_t *seed, int64_t low, int64_t high)
{
    uint64_t span = (uint64_t)high - (uint64_t)low + 1, r = (lcg(seed) << 31) ^ lcg(seed);
    return (int64_t)((uint64_t)low + (span == 0 ? r : r % span));
}

/* The keys the table's tests cut at, per column: facts are drawn on and next to them. */
typedef struct {
    int64_t keys[COLUMNS][4096];
    size_t count[COLUMNS];
} cut_pool;

static void remember(cut_pool *pool, int column, int64_t key)
{
    if (pool->count[column] < sizeof pool->keys[column] / sizeof pool->keys[column][0])
        pool->keys[column][pool->count[column]++] = key;
}

/* A key of column @p c: numbers in millionths, wide and fractional; prices in cents; delays in
 * seconds. Most from a narrow band (so tests overlap), some anywhere in a wide range. */
static int64_t random_key(uint64_t *seed, int c)
{
    bool wide = lcg(seed) % 5 == 0;
    switch (c) {
    case NUMBER:
        if (wide)
            return between(seed, -9000000000000000000, 9000000000000000000);
        int64_t key = between(seed, -50000000, 50000000); /* -50 to 50, to six places */
        return lcg(seed) % 2 ? key : key / 250000 * 250000;  /* or in quarters */
    case PRICE:
        return wide ? between(seed, -900000000000000, 900000000000000) : between(seed, -20000, 200000);
    default:
        return wide ? between(seed, -3000000000, 3000000000) : between(seed, -7200, 360000);
    }
}

static gen_test random_test(uint64_t *seed, int c, cut_pool *pool)
{
    gen_test t = {ANY, 0, 0, false, false, {0}, 0};
    if (lcg(seed) % 4 == 0)
        return t;
    if (c == NAME || c == FLAG) {
        t.form = lcg(seed) % 3 == 0 ? NOT_LIST : LIST;
        t.list_count = 1 + (int)(lcg(seed) % (c == FLAG ? 1 : 4));
        for (int k = 0; k < t.list_count; k++)
            t.list[k] = (int64_t)(lcg(seed) % (c == FLAG ? 2 : NAMES));
        return t;
    }
    t.form = (test_form)(RANGE + lcg(seed) % 6);
    t.low = random_key(seed, c);
    t.high = random_key(seed, c);
    if (t.low > t.high) {
        int64_t swap = t.low;
        t.low = t.high;
        t.high = swap;
    }
    t.low_open = lcg(seed) % 2;
    t.high_open = lcg(seed) % 2;
    if (t.form == RANGE && t.low == t.high)
        t.low_open = t.high_open = false;
    remember(pool, c, t.low);
    if (t.form == RANGE)
        remember(pool, c, t.high);
    return t;
}

/* Does @p t hold for @p key (present)? The reference: straight from the test's definition. */
static bool holds(const gen_test *t, int64_t key)
{
    switch (t->form) {
    case ANY: return true;
    case RANGE:
        return (t->low_open ? key > t->low : key >= t->low) && (t->high_open ? key < t->high : key <= t->high);
    case LESS: return key < t->low;
    case AT_MOST: return key <= t->low;
    case MORE: return key > t->low;
    case AT_LEAST: return key >= t->low;
    case EQUAL: return key == t->low;
    case LIST:
    case NOT_LIST: {
        bool listed = false;
        for (int k = 0; k < t->list_count; k++)
            listed |= t->list[k] == key;
        return t->form == LIST ? listed : !listed;
    }
    }
    return false;
}

/* ---- writing the table ---- */

static void key_text(int c, int64_t key, char *out, size_t size)
{
    uint64_t magnitude = key < 0 ? 0 - (uint64_t)key : (uint64_t)key;
    const char *sign = key < 0 ? "-" : "";
    if (c == NUMBER)
        snprintf(out, size, "%s%llu.%06llu", sign, (unsigned long long)(magnitude / 1000000),
                 (unsigned long long)(magnitude % 1000000));
    else if (c == PRICE)
        snprintf(out, size, "%s%llu.%02llu EUR", sign, (unsigned long long)(magnitude / 100),
                 (unsigned long long)(magnitude % 100));
    else /* an ISO 8601 duration in seconds */
        snprintf(out, size, "%sPT%lluS", sign, (unsigned long long)magnitude);
}

static void test_text(int c, const gen_test *t, char *out, size_t size)
{
    char a[64], b[64];
    key_text(c, t->low, a, sizeof a);
    key_text(c, t->high, b, sizeof b);
    static const char *const names[] = {"", "", "<", "<=", ">", ">=", ""};
    switch (t->form) {
    case ANY: snprintf(out, size, "-"); break;
    case RANGE:
        snprintf(out, size, "%c%s..%s%c", t->low_open ? '(' : '[', a, b, t->high_open ? ')' : ']');
        break;
    case LESS:
    case AT_MOST:
    case MORE:
    case AT_LEAST: snprintf(out, size, "%s %s", names[t->form], a); break;
    case EQUAL: snprintf(out, size, "%s", a); break;
    case LIST:
    case NOT_LIST: {
        size_t n = (size_t)snprintf(out, size, "%s", t->form == NOT_LIST ? "not(" : "");
        for (int k = 0; k < t->list_count; k++) {
            if (c == FLAG)
                n += (size_t)snprintf(out + n, size - n, "%s%s", k ? ", " : "", t->list[k] ? "true" : "false");
            else
                n += (size_t)snprintf(out + n, size - n, "%s\"n%lld\"", k ? ", " : "", (long long)t->list[k]);
        }
        snprintf(out + n, size - n, "%s", t->form == NOT_LIST ? ")" : "");
        break;
    }
    }
}

static gen_rule random_rule(uint64_t *seed, cut_pool *pool)
{
    gen_rule rule;
    for (int c = 0; c < COLUMNS; c++)
        rule.tests[c] = random_test(seed, c, pool);
    rule.kind = (int)(lcg(seed) % 3);
    rule.amount = (amount_form)(lcg(seed) % AMOUNT_FORMS);
    rule.money = between(seed, -5000, 500000);
    rule.percent = between(seed, -10000000, 250000000); /* -10% to 250%, to six places */
    rule.has_minimum = rule.amount != NO_AMOUNT && lcg(seed) % 4 == 0;
    rule.minimum = between(seed, -1000, 20000);
    return rule;
}

static void amount_text(const gen_rule *rule, char *out, size_t size)
{
    char money[64], minimum[80] = "";
    key_text(PRICE, rule->money, money, sizeof money);
    if (rule->has_minimum) {
        char m[64];
        key_text(PRICE, rule->minimum, m, sizeof m);
        snprintf(minimum, sizeof minimum, " minimum %s", m);
    }
    int64_t p = rule->percent < 0 ? -rule->percent : rule->percent;
    const char *sign = rule->percent < 0 ? "-" : "";
    switch (rule->amount) {
    case PERCENT:
        snprintf(out, size, "%s%lld.%06lld%% of price%s", sign, (long long)(p / 1000000), (long long)(p % 1000000),
                 minimum);
        break;
    case PRODUCT:
        snprintf(out, size, "price * %s%lld.%06lld cap %s%s", sign, (long long)(p / 1000000),
                 (long long)(p % 1000000), money, minimum);
        break;
    case PER_UNIT: snprintf(out, size, "%s per number%s", money, minimum); break;
    case FIXED: snprintf(out, size, "%s%s", money, minimum); break;
    default: snprintf(out, size, "-"); break;
    }
}

static char *table_text(const gen_rule *rules, size_t count, const char *policy)
{
    size_t size = 400 + count * 700, n = 0;
    char *text = malloc(size);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, size - n,
                          "table random\nhit-policy %s\nrounding half-even\n"
                          "priority kind: refund, voucher, credit\n"
                          "| rule | number: number | name: string | price: money | delay: duration | "
                          "flag: boolean || kind | amount |\n",
                          policy);
    for (size_t r = 0; r < count; r++) {
        n += (size_t)snprintf(text + n, size - n, "| r%zu ", r);
        for (int c = 0; c < COLUMNS; c++) {
            char cell[200];
            test_text(c, &rules[r].tests[c], cell, sizeof cell);
            n += (size_t)snprintf(text + n, size - n, "| %s ", cell);
        }
        char amount[100];
        amount_text(&rules[r], amount, sizeof amount);
        n += (size_t)snprintf(text + n, size - n, "|| %s | %s |\n", kinds[rules[r].kind], amount);
    }
    assert_true(n < size);
    return text;
}

/* ---- facts ---- */

typedef struct {
    bool present[COLUMNS];
    int64_t key[COLUMNS];
} gen_facts;

/* A fact: on a cut, one key to either side of one, or anywhere; sometimes unset. */
static int64_t random_fact(uint64_t *seed, int c, const cut_pool *pool)
{
    if (c == NAME)
        return (int64_t)(lcg(seed) % (NAMES + 2)); /* two names no table mentions */
    if (c == FLAG)
        return (int64_t)(lcg(seed) % 2);
    if (pool->count[c] > 0 && lcg(seed) % 3 != 0) {
        int64_t key = pool->keys[c][lcg(seed) % pool->count[c]];
        int step = (int)(lcg(seed) % 3) - 1;
        if ((step < 0 && key == INT64_MIN) || (step > 0 && key == INT64_MAX))
            step = 0;
        return key + step;
    }
    return random_key(seed, c);
}

static void set_facts(uint64_t *seed, const cut_pool *pool, svcr_table_facts *facts, gen_facts *g)
{
    static const char *const columns[COLUMNS] = {"number", "name", "price", "delay", "flag"};
    for (int c = 0; c < COLUMNS; c++) {
        g->present[c] = lcg(seed) % 12 != 0;
        g->key[c] = random_fact(seed, c, pool);
        if (!g->present[c]) {
            assert_int_equal(svcr_table_facts_unset(facts, columns[c]), SVCR_OK);
            continue;
        }
        char name[16];
        svcr_status status = SVCR_OK;
        switch (c) {
        case NUMBER: {
            size_t slot;
            svcr_table_value v = {sizeof v, SVCR_TABLE_TYPE_NUMBER, g->key[c], NULL, {0, ""}};
            assert_int_equal(svcr_table_facts_find(facts, "number", &slot, NULL), SVCR_OK);
            status = svcr_table_facts_set_at(facts, slot, &v);
            break;
        }
        case NAME:
            snprintf(name, sizeof name, "n%lld", (long long)g->key[c]);
            status = svcr_table_facts_set_string(facts, "name", name);
            break;
        case PRICE: status = svcr_table_facts_set_money(facts, "price", (svcr_money){g->key[c], "EUR"}); break;
        case DELAY: status = svcr_table_facts_set_duration(facts, "delay", g->key[c]); break;
        default: status = svcr_table_facts_set_boolean(facts, "flag", g->key[c] != 0); break;
        }
        assert_int_equal(status, SVCR_OK);
    }
}

/* Does @p rule match the facts by the reference? A test on an unset fact holds only for `-`
 * (for the unset cases the linear scan is the reference instead: see the caller). */
static bool reference_match(const gen_rule *rule, const gen_facts *g)
{
    for (int c = 0; c < COLUMNS; c++) {
        if (!g->present[c]) {
            if (rule->tests[c].form != ANY)
                return false;
            continue;
        }
        if (!holds(&rule->tests[c], g->key[c]))
            return false;
    }
    return true;
}

static bool any_unset_with_test(const gen_rule *rules, size_t count, const gen_facts *g)
{
    for (int c = 0; c < COLUMNS; c++)
        if (!g->present[c])
            for (size_t r = 0; r < count; r++)
                if (rules[r].tests[c].form == NOT_LIST)
                    return true; /* not(...) may hold for an unset value: leave it to the scan */
    return false;
}

/* The amount the rule's offer must have, by svcr_money_scale(); its status. *offered: false when
 * it is below the rule's minimum. */
static svcr_status reference_amount(const gen_rule *rule, const gen_facts *g, svcr_money *out, bool *offered)
{
    *out = (svcr_money){rule->money, "EUR"};
    *offered = true;
    svcr_status status = SVCR_OK;
    switch (rule->amount) {
    case PERCENT:
    case PRODUCT:
        if (!g->present[PRICE])
            return SVCR_EGUARD;
        status = rule->amount == PERCENT
                     ? svcr_money_scale((svcr_money){g->key[PRICE], "EUR"}, rule->percent,
                                        100 * (int64_t)SVCR_TABLE_NUMBER_SCALE, SVCR_ROUND_HALF_EVEN, out)
                     : svcr_money_scale((svcr_money){g->key[PRICE], "EUR"}, rule->percent, SVCR_TABLE_NUMBER_SCALE,
                                        SVCR_ROUND_HALF_EVEN, out);
        if (status == SVCR_OK && rule->amount == PRODUCT && out->amount_minor > rule->money)
            out->amount_minor = rule->money;
        break;
    case PER_UNIT:
        if (!g->present[NUMBER])
            return SVCR_EGUARD;
        status = svcr_money_scale((svcr_money){rule->money, "EUR"}, g->key[NUMBER], SVCR_TABLE_NUMBER_SCALE,
                                  SVCR_ROUND_HALF_EVEN, out);
        break;
    default: break;
    }
    if (status == SVCR_OK && rule->has_minimum && out->amount_minor < rule->minimum)
        *offered = false;
    return status;
}

/* Equal outputs, as hit policy any compares them: kind and the amount as written. */
static bool same_rule_outputs(const gen_rule *a, const gen_rule *b)
{
    if (a->kind != b->kind || a->amount != b->amount || a->has_minimum != b->has_minimum ||
        (a->has_minimum && a->minimum != b->minimum))
        return false;
    switch (a->amount) {
    case FIXED: return a->money == b->money;
    case PERCENT: return a->percent == b->percent;
    case PER_UNIT: return a->money == b->money;
    case PRODUCT: return a->percent == b->percent && a->money == b->money;
    default: return true;
    }
}

static void same_offers(const svcr_table_result *a, const svcr_table_result *b)
{
    size_t n, m;
    const svcr_table_offer *const *x = svcr_table_result_offers(a, &n), *const *y = svcr_table_result_offers(b, &m);
    assert_int_equal(n, m);
    for (size_t k = 0; k < n; k++) {
        assert_string_equal(x[k]->rule, y[k]->rule);
        assert_int_equal(x[k]->has_amount, y[k]->has_amount);
        assert_int_equal(x[k]->amount.amount_minor, y[k]->amount.amount_minor);
        assert_string_equal(x[k]->amount.currency, y[k]->amount.currency);
        assert_ptr_equal(svcr_table_result_offer(a, k), x[k]);
    }
}

/* The rules matched by the reference, in rule order, into @p matched; their number. */
static size_t reference_matches(const gen_rule *rules, size_t rule_count, const gen_facts *g, size_t *matched)
{
    size_t n = 0;
    for (size_t r = 0; r < rule_count; r++)
        if (reference_match(&rules[r], g))
            matched[n++] = r;
    return n;
}

/* What the hit policy selects from the @p n matched rules, in its order, into @p selected (their
 * number into *count); ECONFLICT when unique or any is violated. */
static svcr_status reference_select(const char *policy, const gen_rule *rules, const size_t *matched, size_t n,
                                    size_t *selected, size_t *count)
{
    *count = 0;
    if (strcmp(policy, "unique") == 0 && n > 1)
        return SVCR_ECONFLICT;
    if (strcmp(policy, "any") == 0)
        for (size_t k = 1; k < n; k++)
            if (!same_rule_outputs(&rules[matched[0]], &rules[matched[k]]))
                return SVCR_ECONFLICT;
    bool by_priority = strcmp(policy, "priority") == 0 || strcmp(policy, "output-order") == 0;
    if (by_priority) { /* kinds in priority order, rule order within a kind */
        for (int kind = 0; kind < 3; kind++)
            for (size_t k = 0; k < n; k++)
                if (rules[matched[k]].kind == kind)
                    selected[(*count)++] = matched[k];
    } else {
        for (size_t k = 0; k < n; k++)
            selected[(*count)++] = matched[k];
    }
    bool all = strncmp(policy, "collect", 7) == 0 || strcmp(policy, "rule-order") == 0 ||
               strcmp(policy, "output-order") == 0;
    if (!all && *count > 1)
        *count = 1;
    return SVCR_OK;
}

static void check_tables(size_t rule_count, const char *policy, uint64_t seed, int rounds)
{
    static cut_pool pool;
    memset(&pool, 0, sizeof pool);
    gen_rule *rules = calloc(rule_count, sizeof *rules);
    size_t *matched = calloc(rule_count, sizeof *matched), *selected = calloc(rule_count, sizeof *selected);
    assert_non_null(rules);
    assert_non_null(matched);
    assert_non_null(selected);
    for (size_t r = 0; r < rule_count; r++)
        rules[r] = random_rule(&seed, &pool);
    char *text = table_text(rules, rule_count, policy);
    svcr_table *table;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    /* The table reaches what it should: many cuts, and bitsets past four words when > 256 rules. */
    const atone_table *t = &table->tables[0];
    assert_int_equal(t->words, rule_count / 64 + 1);
    if (rule_count >= 10) {
        assert_true(t->inputs[NUMBER].segment_count > rule_count / 2);
        assert_true(t->inputs[PRICE].segment_count > rule_count / 2);
    }

    svcr_table_facts *facts;
    svcr_table_result *lookup, *linear;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &lookup), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &linear), SVCR_OK);
    const char *aggregation = strchr(policy, '-') != NULL && strncmp(policy, "collect", 7) == 0 ? policy + 8 : NULL;
    long compared = 0, offers = 0;
    for (int round = 0; round < rounds; round++) {
        gen_facts g;
        set_facts(&seed, &pool, facts, &g);
        svcr_status status = svcr_table_eval(table, facts, 0, lookup);
        assert_int_equal(svcr__atone_eval_linear(table, facts, 0, linear), status);
        if (status == SVCR_OK)
            same_offers(lookup, linear);
        if (any_unset_with_test(rules, rule_count, &g))
            continue;
        /* The reference: every rule in turn, the hit policy, then each selected rule's amount. */
        size_t count, n = 0, made = 0;
        svcr_status want = reference_select(policy, rules, matched, reference_matches(rules, rule_count, &g, matched),
                                            selected, &count);
        const svcr_table_offer *const *got = svcr_table_result_offers(lookup, &n);
        int64_t sum = 0, best = 0;
        bool any_amount = false, overflow = false;
        size_t best_rule = SIZE_MAX;
        for (size_t k = 0; k < count && want == SVCR_OK; k++) {
            size_t r = selected[k];
            svcr_money amount;
            bool offered;
            svcr_status s = reference_amount(&rules[r], &g, &amount, &offered);
            if (s != SVCR_OK) {
                want = s;
                break;
            }
            if (!offered)
                continue;
            char name[16];
            snprintf(name, sizeof name, "r%zu", r);
            if (rules[r].amount != NO_AMOUNT) {
                overflow = overflow || __builtin_add_overflow(sum, amount.amount_minor, &sum);
                bool better = !any_amount || (aggregation != NULL && strcmp(aggregation, "min") == 0
                                                  ? amount.amount_minor < best : amount.amount_minor > best);
                if (better) {
                    best = amount.amount_minor;
                    best_rule = r;
                }
                any_amount = true;
            }
            if (status != SVCR_OK)
                continue;
            if (aggregation != NULL && strcmp(aggregation, "min") != 0 && strcmp(aggregation, "max") != 0) {
                made++;
                continue;
            }
            if (aggregation != NULL)
                continue; /* min and max keep one: checked below */
            if (made >= n)
                fail_msg("round %d: rule %s is offered by the reference, not by the table", round, name);
            assert_string_equal(got[made]->rule, name);
            assert_string_equal(got[made]->kind, kinds[rules[r].kind]);
            assert_int_equal(got[made]->has_amount, rules[r].amount != NO_AMOUNT);
            if (rules[r].amount != NO_AMOUNT)
                assert_int_equal(got[made]->amount.amount_minor, amount.amount_minor);
            made++;
        }
        if (want == SVCR_OK && overflow && aggregation != NULL && strcmp(aggregation, "sum") == 0)
            want = SVCR_EOVERFLOW;
        if (status != want)
            fail_msg("%s, %zu rules, round %d: %s (%s), the reference %s", policy, rule_count, round,
                     svcr_status_name(status), svcr_error_message(), svcr_status_name(want));
        if (status == SVCR_OK) {
            svcr_table_value total = {.size = sizeof total};
            if (aggregation == NULL || strcmp(aggregation, "sum") == 0 || strcmp(aggregation, "count") == 0)
                assert_int_equal(n, made);
            if (aggregation != NULL) {
                assert_int_equal(svcr_table_result_aggregate(lookup, &total), SVCR_OK);
                if (strcmp(aggregation, "count") == 0)
                    assert_int_equal(total.number, (int64_t)made * SVCR_TABLE_NUMBER_SCALE);
                else if (!any_amount)
                    assert_int_equal(total.type, SVCR_TABLE_TYPE_NULL);
                else
                    assert_int_equal(total.money.amount_minor, strcmp(aggregation, "sum") == 0 ? sum : best);
                if (strcmp(aggregation, "min") == 0 || strcmp(aggregation, "max") == 0) {
                    char name[16];
                    snprintf(name, sizeof name, "r%zu", best_rule);
                    assert_int_equal(n, any_amount ? 1 : 0);
                    if (any_amount)
                        assert_string_equal(got[0]->rule, name);
                }
            }
            offers += (long)n;
        }
        compared++;
    }
    /* Most rounds were checked against the reference, and they found offers (or conflicts). */
    assert_true(compared > rounds / 3);
    if (strcmp(policy, "unique") != 0 && strcmp(policy, "any") != 0 && rule_count > 20)
        assert_true(offers > 0);
    svcr_table_result_free(lookup);
    svcr_table_result_free(linear);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    free(text);
    free(rules);
    free(matched);
    free(selected);
}

static void collect_over_300_rules_matches_the_reference_scan(void **state)
{
    (void)state;
    check_tables(300, "collect", 15, 3000);
    check_tables(520, "collect", 16, 1500);
}

static void collect_under_256_rules_matches_the_reference_scan(void **state)
{
    (void)state;
    check_tables(60, "collect", 17, 3000);
    check_tables(200, "collect", 18, 3000);
}

static void first_hit_matches_the_reference_scan(void **state)
{
    (void)state;
    check_tables(300, "first", 19, 3000);
    check_tables(40, "first", 20, 3000);
}

/* Every hit policy and aggregation, from one rule to a few hundred. */
static void every_hit_policy_matches_the_reference_scan(void **state)
{
    (void)state;
    static const char *const policies[] = {"unique",      "any",         "first",         "priority",
                                           "rule-order",  "output-order", "collect-sum",  "collect-min",
                                           "collect-max", "collect-count"};
    static const size_t sizes[] = {1, 2, 5, 63, 64, 65, 130};
    uint64_t seed = 100;
    for (size_t p = 0; p < sizeof policies / sizeof policies[0]; p++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            check_tables(sizes[k], policies[p], seed++, 400);
}

/* More than 10,000 rules: bitsets of 160 words and rows spread over them. */
static void over_ten_thousand_rules_match_the_reference_scan(void **state)
{
    (void)state;
    check_tables(10050, "collect", 41, 150);
    check_tables(10050, "output-order", 42, 100);
    check_tables(10050, "collect-sum", 43, 100);
}

/* A unique table of adjacent ranges, the shape large tables take: rule i holds for
 * [cuts[i]..cuts[i + 1]) and, for some rules, tier "gold". Every segment's row is then a window
 * of one or two words starting anywhere in the bitset. Facts on every cut and a key to either
 * side; the reference finds the range by scanning. */
static void check_adjacent_ranges(size_t rule_count, uint64_t seed)
{
    int64_t *cuts = calloc(rule_count + 1, sizeof *cuts);
    bool *gold = calloc(rule_count, sizeof *gold);
    size_t size = 200 + rule_count * 120, n = 0;
    char *text = malloc(size);
    assert_non_null(cuts);
    assert_non_null(gold);
    assert_non_null(text);
    static const int64_t widths[] = {1, 7, 250000, 1000000, 3000000000, 100000000000000};
    cuts[0] = between(&seed, -9000000000000000, 9000000000000000);
    for (size_t i = 1; i <= rule_count; i++)
        cuts[i] = cuts[i - 1] + widths[lcg(&seed) % 6] * (int64_t)(1 + lcg(&seed) % 3);
    n += (size_t)snprintf(text + n, size - n, "table adjacent\nhit-policy unique\n"
                                              "| rule | number: number | tier: string || kind | amount |\n");
    for (size_t i = 0; i < rule_count; i++) {
        char low[64], high[64];
        key_text(NUMBER, cuts[i], low, sizeof low);
        key_text(NUMBER, cuts[i + 1], high, sizeof high);
        gold[i] = lcg(&seed) % 3 == 0;
        n += (size_t)snprintf(text + n, size - n, "| r%zu | [%s..%s) | %s || credit | 1.00 EUR |\n", i, low, high,
                              gold[i] ? "\"gold\"" : "-");
    }
    assert_true(n < size);
    svcr_table *table;
    if (svcr_table_parse(text, n, &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    size_t slot;
    assert_int_equal(svcr_table_facts_find(facts, "number", &slot, NULL), SVCR_OK);
    for (size_t c = 0; c <= rule_count; c++)
        for (int step = -1; step <= 1; step++) {
            int64_t key = cuts[c] + step;
            bool is_gold = lcg(&seed) % 2 == 0;
            svcr_table_value v = {sizeof v, SVCR_TABLE_TYPE_NUMBER, key, NULL, {0, ""}};
            assert_int_equal(svcr_table_facts_set_at(facts, slot, &v), SVCR_OK);
            assert_int_equal(svcr_table_facts_set_string(facts, "tier", is_gold ? "gold" : "silver"), SVCR_OK);
            if (svcr_table_eval(table, facts, 0, result) != SVCR_OK)
                fail_msg("%zu rules, key %lld: %s", rule_count, (long long)key, svcr_error_message());
            size_t want = SIZE_MAX;
            for (size_t i = 0; i < rule_count; i++)
                if (cuts[i] <= key && key < cuts[i + 1] && (!gold[i] || is_gold))
                    want = i;
            size_t got_count;
            const svcr_table_offer *const *got = svcr_table_result_offers(result, &got_count);
            if (got_count != (want != SIZE_MAX ? 1u : 0u))
                fail_msg("%zu rules, key %lld: %zu offers, the reference %s", rule_count, (long long)key, got_count,
                         want != SIZE_MAX ? "one" : "none");
            if (want != SIZE_MAX) {
                char name[24];
                snprintf(name, sizeof name, "r%zu", want);
                assert_string_equal(got[0]->rule, name);
            }
        }
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    free(text);
    free(gold);
    free(cuts);
}

static void adjacent_ranges_match_the_reference_scan(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 63, 64, 65, 300, 12000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        check_adjacent_ranges(sizes[k], 200 + k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(collect_over_300_rules_matches_the_reference_scan),
        cmocka_unit_test(collect_under_256_rules_matches_the_reference_scan),
        cmocka_unit_test(first_hit_matches_the_reference_scan),
        cmocka_unit_test(every_hit_policy_matches_the_reference_scan),
        cmocka_unit_test(over_ten_thousand_rules_match_the_reference_scan),
        cmocka_unit_test(adjacent_ranges_match_the_reference_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
