/* Private: decision tables in two shapes.
 *
 * A draft is what a reader (text format, DMN XML) produced: tables, column headers and rule cells
 * as text with their positions. svcr__atone_compile() turns a draft into the compiled svcr_table:
 * every value is an int64 "key" (number millionths, money minor units, duration seconds,
 * boolean 0/1, string symbol id), every unary test a sorted list of closed key intervals, and
 * every input column an interval lookup: sorted segment starts, each with the bitset of the rules
 * whose test covers that segment. Evaluation ANDs one bitset per column. */
#ifndef SVCR_ATONE_MODEL_H
#define SVCR_ATONE_MODEL_H

#include <svcrecover/atone.h>

#include "base/rounding.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- draft ------------------------------------------------------------------------------ */

/* Text as written and where: column 0 when the reader knows only the line (DMN). */
typedef struct atone_cell {
    char *text;
    int line;
    int column;
} atone_cell;

typedef enum atone_role {
    ATONE_INPUT,
    ATONE_VALUE,      /* a typed output value */
    ATONE_KIND,       /* offer columns: */
    ATONE_AMOUNT,
    ATONE_APPROVAL,
    ATONE_ANNOTATION,
} atone_role;

typedef enum atone_hit {
    ATONE_HIT_UNIQUE,
    ATONE_HIT_ANY,
    ATONE_HIT_FIRST,
    ATONE_HIT_PRIORITY,
    ATONE_HIT_COLLECT,
    ATONE_HIT_RULE_ORDER,
    ATONE_HIT_OUTPUT_ORDER,
} atone_hit;

typedef enum atone_aggregation {
    ATONE_AGG_NONE,
    ATONE_AGG_SUM,
    ATONE_AGG_MIN,
    ATONE_AGG_MAX,
    ATONE_AGG_COUNT,
} atone_aggregation;

typedef struct atone_draft_column {
    atone_role role;
    char *name;
    char *type;  /* NULL when not written */
    char *from;  /* an input computed by this table, or NULL */
    atone_cell where;
} atone_draft_column;

typedef struct atone_draft_rule {
    char *name; /* NULL: named by its number */
    int line;
    int column; /* of the name, or of the row */
    atone_cell *cells; /* one per column */
} atone_draft_rule;

/* Output values in priority order, highest first (priority and output-order policies). */
typedef struct atone_draft_priority {
    char *column;
    atone_cell *values;
    size_t count;
    atone_cell where;
} atone_draft_priority;

typedef struct atone_draft_table {
    char *name;
    atone_cell where;
    atone_hit hit;
    atone_aggregation aggregation;
    svcr_rounding rounding;
    atone_draft_column *columns;
    size_t column_count, column_capacity;
    atone_draft_rule *rules;
    size_t rule_count, rule_capacity;
    atone_draft_priority *priorities;
    size_t priority_count, priority_capacity;
} atone_draft_table;

typedef struct atone_draft {
    const char *what; /* names the document in messages: "table text", "DMN XML" */
    atone_draft_table *tables;
    size_t table_count, table_capacity;
} atone_draft;

void svcr__atone_draft_free(atone_draft *draft);
/* Append a zeroed element; NULL on allocation failure. */
atone_draft_table *svcr__atone_draft_add_table(atone_draft *draft);
atone_draft_column *svcr__atone_draft_add_column(atone_draft_table *table);
atone_draft_rule *svcr__atone_draft_add_rule(atone_draft_table *table);
atone_draft_priority *svcr__atone_draft_add_priority(atone_draft_table *table);

/* ---- compiled --------------------------------------------------------------------------- */

/* Exact products of two 64-bit numbers (GCC and Clang). */
__extension__ typedef unsigned __int128 atone_u128;

/* A value as facts and outputs hold it (see the file comment for what the key means). */
typedef struct atone_slot {
    int64_t key;
    char currency[4]; /* money only */
    bool present;
} atone_slot;

/* A string no table mentions: it matches only tests that exclude every listed string. */
#define ATONE_UNKNOWN_SYMBOL (-1)

typedef struct atone_interval {
    int64_t low, high; /* closed: low <= key <= high */
} atone_interval;

typedef struct atone_test {
    atone_interval *intervals; /* sorted, disjoint, not adjacent */
    size_t count;
    bool matches_null;
    char *text; /* as written, for the trace */
} atone_test;

typedef struct atone_input {
    char *name;
    svcr_table_type type;
    bool computed;  /* slot indexes the result's computed values, else the facts */
    size_t slot;
    size_t segment_count;
    int64_t *starts;     /* segment i is [starts[i], starts[i+1] - 1]; starts[0] = INT64_MIN */
    uint64_t *bits;      /* segment_count rows of `words` words */
    uint64_t *null_bits; /* rules whose test matches an unset value */
    /* Columns whose cuts are few steps of direct_unit apart (strings, booleans, whole numbers,
     * amounts and hours): a key at or above starts[1] is offset = key - direct_origin (unsigned)
     * with k = offset / direct_unit, and its segment is direct[k], or with direct_halves (cuts
     * also one key after a step, as closed ranges make) direct[2k] for offset % direct_unit == 0
     * and direct[2k + 1] for the rest; past direct_count the last. NULL: binary search. */
    uint8_t *direct;
    size_t direct_count;
    uint64_t direct_unit, direct_origin;
    bool direct_halves;
    uint64_t direct_end;   /* offsets from here on are past the last cut; at most 2^63 */
    uint64_t direct_magic; /* offset / direct_unit: svcr__atone_reciprocal() */
    unsigned direct_shift;
} atone_input;

typedef struct atone_output {
    char *name;
    atone_role role;
    svcr_table_type type;   /* value outputs */
    size_t slot;      /* value outputs: the computed slot other tables read */
} atone_output;

/* The 64-bit path of a percent or per-unit amount, one cache line per rule (atone_table
 * fast_amounts). The amount is variable * factor / divisor, variable being the source's key, factor
 * the percentage or the fixed amount reduced by their common divisor with the divisor; when
 * |variable| <= limit the product fits in 64 bits and svcr__atone_amount_fast() computes it
 * without the general path (which gives the same value, and every error). */
typedef struct atone_fast_amount {
    int64_t factor, limit;
    uint64_t divisor;
    uint64_t magic;         /* n / divisor when divisor > 1: svcr__atone_reciprocal() */
    int64_t floor, cap;     /* INT64_MIN and INT64_MAX when there is none */
    uint32_t input;
    uint8_t shift;
    uint8_t flags;          /* ATONE_FAST_* */
    char currency[4];       /* per unit: the amount's currency */
    char bound_currency[4]; /* a percentage with a floor or cap: their currency, else "" */
} atone_fast_amount;

enum {
    ATONE_FAST_OK = 1,      /* the fields are set: the fast path may be taken */
    ATONE_FAST_PERCENT = 2, /* a percentage: the amount takes the source's currency */
    ATONE_FAST_CHECK = 4,   /* ... of a computed value: check its currency (a fact's is valid) */
};

typedef enum atone_amount_form {
    ATONE_AMOUNT_NONE,
    ATONE_AMOUNT_FIXED,    /* money */
    ATONE_AMOUNT_PERCENT,  /* percent (millionths of a percent point) of money input `input` */
    ATONE_AMOUNT_PER_UNIT, /* money per unit of input `input`; unit = key per unit */
} atone_amount_form;

typedef struct atone_amount {
    atone_amount_form form;
    svcr_money money;
    int64_t percent;
    size_t input;
    int64_t unit;
    bool has_floor, has_cap;
    svcr_money floor, cap;
    atone_fast_amount fast; /* set by svcr__atone_amount_prepare() */
    bool at_eval; /* computed per evaluation, else the rule's offer template holds it */
} atone_amount;

typedef struct atone_rule {
    char *name;
    int line;
    atone_test *tests;   /* one per input */
    atone_slot *values;  /* one per output (used for value outputs) */
    char *kind, *approval, *annotation;
    atone_amount amount;
    size_t output_class; /* rules with equal outputs share it (hit policy any) */
    /* Made at compile time, copied when the rule matches: */
    svcr_table_offer offer;      /* its offer, with the amount when it does not depend on facts */
    svcr_table_trace_step step;  /* its trace step as a matched rule */
} atone_rule;

typedef struct atone_table {
    char *name;
    atone_hit hit;
    atone_aggregation aggregation;
    svcr_rounding rounding;
    atone_input *inputs;
    size_t input_count;
    atone_output *outputs;
    size_t output_count;
    atone_rule *rules;
    size_t rule_count;
    size_t words;        /* 64-bit words in a rule bitset */
    size_t *by_priority; /* rule indexes, highest priority first; NULL unless priority/output-order */
    bool has_kind;
    bool has_amount;
    size_t aggregated;   /* the value output aggregated when !has_amount */
    bool evaluated;      /* reached from the top table */
    size_t match_offset; /* evaluated tables: where its matched-rule bitset is in a result's */
    uint64_t *at_eval;   /* bitset of the rules whose amount is computed per evaluation */
    atone_fast_amount *fast_amounts; /* theirs, by rule index */
} atone_table;

typedef struct atone_fact {
    char *name;
    svcr_table_type type;
    char currency[4]; /* "" when no literal fixes it */
} atone_fact;

struct svcr_table {
    atone_table *tables;
    size_t table_count;
    size_t *order; /* evaluated tables, dependencies first; the last is the top */
    size_t order_count;
    char **symbols;       /* every string the tables mention: a string's key is its index */
    uint64_t *symbol_hash; /* open addressing: (hash << 32) | (index + 1), 0 for a free entry */
    size_t symbol_hash_mask; /* entries - 1 (a power of two, at least twice the symbols) */
    size_t symbol_count;
    atone_fact *facts; /* sorted by name: a fact's slot is its index */
    size_t fact_count;
    size_t computed_count;
    size_t max_words, max_rules, trace_capacity;
    size_t match_words; /* the bitsets of all evaluated tables */
    size_t max_inputs;
};

struct svcr_table_facts {
    const svcr_table *table;
    atone_slot *slots;
};

/* Offers and trace steps that do not depend on the facts are the rules' templates (atone_rule
 * offer and step); an evaluation records only which rules matched and were selected, and the
 * offers whose amount it computed. */
struct svcr_table_result {
    const svcr_table *table;
    svcr_table_offer *offers;  /* by rule index of the top table: those whose amount was computed */
    size_t offer_count;  /* the first offer_count of selected (top table) */
    svcr_table_trace_step *trace; /* with SVCR_TABLE_EVAL_EXPLAIN; else the matched rules' steps */
    size_t trace_count;     /* SIZE_MAX: the matched rules' (svcr_table_result_trace_count()) */
    bool explained;
    atone_slot *computed;
    uint64_t *match;     /* each evaluated table's matched rules, at its match_offset */
    size_t *selected;    /* the rules its hit policy selected, of the table evaluated last */
    bool selected_all;   /* ... unless this is set: then the top table's matched rules are */
    const atone_slot **values; /* the input values of the table being evaluated */
    const uint64_t **rows;     /* ... and the rules each one's test holds for */
    atone_slot aggregate;
};

/* Compile @p draft (consumed only on success: the caller frees it either way). */
svcr_status svcr__atone_compile(const atone_draft *draft, svcr_table **out);

/* Readers. */
svcr_status svcr__atone_read_text(const char *text, size_t length, atone_draft *draft);

/* Report an error inside a cell at byte @p offset of its text, with line:column, @p where (which
 * table, rule and column) and the cell as written. */
svcr_status svcr__atone_cell_fail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                  const char *where, svcr_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

svcr_status svcr__atone_cell_vfail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                   const char *where, svcr_status status, const char *fmt, va_list args);

/* Types (unary.c). */
bool svcr__atone_type_from_name(const char *name, svcr_table_type *out);
const char *svcr__atone_type_name(svcr_table_type type);

/* The strings of the tables being compiled, in the order met: a string's key is its index. */
typedef struct atone_symbols {
    char **names;
    size_t count, capacity;
} atone_symbols;

/* The key of @p text (length bytes), adding it if new; -1 on allocation failure. */
int64_t svcr__atone_intern(atone_symbols *symbols, const char *text, size_t length);

/* Parse an ISO 8601 duration (P1DT2H, PT30M, -PT4H) at *p into seconds; advances *p. */
bool svcr__atone_parse_duration(const char **p, int64_t *out);
/* Parse a decimal of up to six places at *p into millionths; advances *p. */
bool svcr__atone_parse_number(const char **p, int64_t *out);

/* Parse `12.50 EUR` at *p (exact, in the currency's minor unit); advances *p. On failure
 * *code_at is left NULL if the text does not look like money, else set to its start. */
bool svcr__atone_parse_money(const char **p, svcr_money *out, const char **code_at);

/* A cell holding one literal of @p type (output cells); `-` gives an absent value. */
svcr_status svcr__atone_parse_value(const atone_draft *draft, const atone_cell *cell, const char *where,
                                    svcr_table_type type, atone_symbols *symbols, atone_slot *out);

/* A cell holding a unary test for a column of @p type. Money literals must be in @p currency
 * when it is not "" (otherwise the first one met sets it). */
svcr_status svcr__atone_parse_test(const atone_draft *draft, const atone_cell *cell, const char *where,
                                   svcr_table_type type, char currency[4], atone_symbols *symbols,
                                   atone_test *out);
void svcr__atone_test_free(atone_test *test);
/* Does @p test hold for @p value? (the linear matcher; the compiled lookup must agree) */
bool svcr__atone_test_matches(const atone_test *test, const atone_slot *value);

/* Amounts (offer.c). */
svcr_status svcr__atone_parse_amount(const atone_draft *draft, const atone_cell *cell, const char *where,
                                     const atone_table *table, atone_amount *out);
/* The amount of @p rule's offer; @p source is the value of the input it is computed from. The
 * error message names the table and rule. */
svcr_status svcr__atone_amount_compute(const atone_table *table, const atone_rule *rule,
                                       const atone_slot *source, svcr_money *out);
/* The greatest common divisor (0 and 0 give 0). */
uint64_t svcr__atone_gcd(uint64_t a, uint64_t b);
/* For @p divisor > 1: *magic and *shift with n / divisor = (n * magic) >> (64 + shift) for every
 * 0 <= n < 2^63 (Granlund and Montgomery, "Division by invariant integers using
 * multiplication", theorem 4.2 with N = 63: magic = ceil(2^(63 + l) / divisor), 2^l >= divisor). */
void svcr__atone_reciprocal(uint64_t divisor, uint64_t *magic, unsigned *shift);
/* Fill the fast-path fields of @p rule's amount and its offer template (compile time). */
void svcr__atone_amount_prepare(const atone_table *table, atone_rule *rule);

/* Whether @p code is three capital letters and a NUL (branch-free). */
static inline bool svcr__atone_currency_ok(const char code[4])
{
    return ((unsigned char)(code[0] - 'A') < 26) & ((unsigned char)(code[1] - 'A') < 26) &
           ((unsigned char)(code[2] - 'A') < 26) & (code[3] == '\0');
}

/* The amount of a percent or per-unit amount (@p fast) on @p source, when it is computable in
 * 64 bits without any error: false sends the caller to svcr__atone_amount_compute(). Gives
 * exactly what that gives (one rounding of the exact quotient, then floor and cap). */
static inline bool svcr__atone_amount_fast(const atone_fast_amount *fast, svcr_rounding rounding,
                                           const atone_slot *source, svcr_money *out)
{
    int64_t variable = source->key;
    /* -limit <= variable <= limit, in one unsigned comparison */
    if (!(fast->flags & ATONE_FAST_OK) || !source->present ||
        (uint64_t)variable + (uint64_t)fast->limit > 2 * (uint64_t)fast->limit)
        return false;
    const char *currency = fast->currency;
    if (fast->flags & ATONE_FAST_PERCENT) {
        /* The general path checks the source's currency and that the floor and cap are in it. */
        currency = source->currency;
        if (((fast->flags & ATONE_FAST_CHECK) && !svcr__atone_currency_ok(currency)) ||
            (fast->bound_currency[0] != '\0' && memcmp(fast->bound_currency, currency, 4) != 0))
            return false;
    }
    int64_t product = variable * fast->factor; /* |product| <= INT64_MAX: see limit */
    int sign = product < 0 ? -1 : 1;
    uint64_t magnitude = product < 0 ? 0 - (uint64_t)product : (uint64_t)product;
    uint64_t divisor = fast->divisor;
    /* The quotient truncated toward zero and the remainder, in magnitude */
    uint64_t high = (uint64_t)(((atone_u128)magnitude * fast->magic) >> 64);
    uint64_t whole = divisor == 1 ? magnitude : high >> fast->shift;
    uint64_t remainder = magnitude - whole * divisor;
    if (remainder != 0) {
        uint64_t rest = divisor - remainder;
        if (svcr__rounds_away(sign, whole % 2 != 0, remainder > rest, remainder == rest, rounding))
            whole++;
    }
    int64_t quotient = sign < 0 ? -(int64_t)whole : (int64_t)whole;
    quotient = quotient < fast->floor ? fast->floor : quotient;
    quotient = quotient > fast->cap ? fast->cap : quotient;
    out->amount_minor = quotient;
    memcpy(out->currency, currency, 4);
    return true;
}

/* Evaluation with the linear-scan matcher instead of the compiled lookup: the baseline the
 * benchmark compares with, and the reference the tests check the lookup against. */
svcr_status svcr__atone_eval_linear(const svcr_table *table, const svcr_table_facts *facts, unsigned flags,
                                    svcr_table_result *result);

/* The slot of a fact by name, or SIZE_MAX. */
size_t svcr__atone_fact_slot(const svcr_table *table, const char *name);

/* Set slot @p slot of @p slots (a facts array of @p table) to @p value, checking its type. */
svcr_status svcr__atone_fact_assign(const svcr_table *table, atone_slot *slots, size_t slot,
                                    const svcr_table_value *value);

/* Symbol lookup: the key of a string, or ATONE_UNKNOWN_SYMBOL. */
int64_t svcr__atone_symbol_key(const svcr_table *table, const char *text);

#endif
