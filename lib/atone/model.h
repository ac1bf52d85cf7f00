/* Private: decision tables in two shapes.
 *
 * A draft is what a reader (text format, DMN XML) produced: tables, column headers and rule cells
 * as text with their positions. svcr__atone_compile() turns a draft into the compiled svcr_table:
 * every value is an int64 "key" (number millionths, money minor units, duration seconds,
 * boolean 0/1, string symbol id), every unary test a sorted list of closed key intervals, and
 * every input column an interval lookup: sorted segment starts, each with the bitset of the rules
 * whose test covers that segment (stored from its first to its last nonzero word: atone_row).
 * Evaluation ANDs one bitset per column. */
#ifndef SVCR_ATONE_MODEL_H
#define SVCR_ATONE_MODEL_H

#include <svcrecover/atone.h>

#include "base/error.h"
#include "base/hashmap.h"
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
    char *pointer; /* JSON tables: the cell's JSON Pointer (its line:column found on error) */
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
    bool required; /* an input fact that must be set: unset, evaluation fails naming it */
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
    const char *json_text; /* JSON tables: the text cells' pointers are found in */
    size_t json_length;
} atone_draft;

void svcr__atone_draft_free(atone_draft *draft);
/* Move @p draft (compiled into @p table) into the table, which keeps it as its source: the
 * cells as written, which svcr_table_json() writes out. @p draft is left empty. */
void svcr__atone_keep_source(svcr_table *table, atone_draft *draft);
/* Append a zeroed element; NULL on allocation failure. */
atone_draft_table *svcr__atone_draft_add_table(atone_draft *draft);
atone_draft_column *svcr__atone_draft_add_column(atone_draft_table *table);
atone_draft_rule *svcr__atone_draft_add_rule(atone_draft_table *table);
atone_draft_priority *svcr__atone_draft_add_priority(atone_draft_table *table);

/* ---- compiled --------------------------------------------------------------------------- */

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

/* The rules whose test holds in one segment of a column, as the words of a rule bitset from its
 * first to its last nonzero word (the others are zero): words[first .. first + count) of the
 * bitset are bits[offset .. offset + count) of the column's pool. A segment's rules are mostly
 * near each other (adjacent ranges, rules written in order), so a column of S segments over N
 * rules takes about S + N words rather than S * N / 64. */
typedef struct atone_row {
    size_t first, count, offset;
} atone_row;

typedef struct atone_input {
    char *name;
    svcr_table_type type;
    bool computed;  /* slot indexes the result's computed values, else the facts */
    size_t slot;
    size_t segment_count;
    int64_t *starts;     /* segment i is [starts[i], starts[i+1] - 1]; starts[0] = INT64_MIN */
    atone_row *rows;     /* one per segment, and the last for an unset value */
    uint64_t *bits;      /* the rows' words */
} atone_input;

typedef struct atone_output {
    char *name;
    atone_role role;
    svcr_table_type type;   /* value outputs */
    size_t slot;      /* value outputs: the computed slot other tables read */
} atone_output;

typedef enum atone_amount_form {
    ATONE_AMOUNT_NONE,
    ATONE_AMOUNT_FIXED,  /* money */
    ATONE_AMOUNT_SCALED, /* the value of input `input` times numerator / denominator */
} atone_amount_form;

/* An offer's amount. Every amount computed from an input is that input's key times a fraction in
 * lowest terms, resolved when the table is compiled: `15% of price` is price * 3 / 20, `fare * 2`
 * fare * 2 / 1, `5.00 EUR per hour of delay` (seconds) delay * 500 / 3600 in EUR. One rounding
 * step (the table's mode), then the floor, the cap and the minimum. */
typedef struct atone_amount {
    atone_amount_form form;
    svcr_money money;              /* FIXED */
    int64_t numerator, denominator; /* SCALED; denominator > 0 */
    size_t input;                  /* SCALED */
    char currency[4];              /* SCALED: the result's currency; "" for the input's own */
    bool has_floor, has_cap, has_minimum;
    svcr_money floor, cap;
    svcr_money minimum; /* the least amount offered: below it the rule gives no offer */
    bool at_eval; /* computed per evaluation, else the rule's offer template holds it */
} atone_amount;

typedef struct atone_rule {
    char *name;
    int line;
    atone_test *tests;   /* one per input */
    atone_slot *values;  /* one per output (used for value outputs) */
    char *kind, *approval, *annotation;
    atone_amount amount;
    size_t output_class; /* rules with equal outputs share it (set for hit policy any only) */
    /* Made at compile time, copied when the rule matches: */
    svcr_table_offer offer;      /* its offer, with the amount when it does not depend on facts */
    svcr_table_trace_step step;  /* its trace step as a matched rule */
    svcr_table_trace_step below_minimum; /* ... that gave no offer: its amount was below the minimum */
    char *below_minimum_text;    /* below_minimum's outcome */
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
    svcr_table_offer *offers;  /* the rules' offer templates side by side (copied per evaluation) */
} atone_table;

typedef struct atone_fact {
    char *name;
    svcr_table_type type;
    char currency[4]; /* "" when no literal fixes it */
    bool required;    /* a column reading it is marked required */
} atone_fact;

struct svcr_table {
    atone_table *tables;
    size_t table_count;
    size_t *order; /* evaluated tables, dependencies first; the last is the top */
    size_t order_count;
    char **symbols;       /* every string the tables mention: a string's key is its index */
    size_t symbol_count;
    svcr__strmap symbol_index; /* symbol -> its index */
    atone_fact *facts; /* sorted by name: a fact's slot is its index */
    size_t fact_count;
    size_t computed_count;
    size_t max_words, max_rules, trace_capacity;
    size_t match_words; /* the bitsets of all evaluated tables */
    size_t max_inputs;
    size_t *required; /* the slots of the required facts */
    size_t required_count;
    atone_draft source; /* the draft compiled, as written (svcr_table_json()) */
};

struct svcr_table_facts {
    const svcr_table *table;
    atone_slot *slots;
};

/* Offers and trace steps that do not depend on the facts are the rules' templates (atone_rule
 * offer and step). An evaluation records which rules matched and were selected, and lists the
 * selected rules' offers once, in order (pointers to the templates, or to a copy holding the
 * amount computed from the facts), so reading them costs the same for each. */
struct svcr_table_result {
    const svcr_table *table;
    svcr_table_offer *offers;  /* offers[k]: the k-th offer when its amount was computed */
    const svcr_table_offer **offer_list; /* the offers of the last evaluation, in order: a rule's
                                            template (atone_table offers) or offers[k]; the list
                                            svcr_table_result_offers() hands out (the struct
                                            rule: lists are of pointers) */
    size_t offer_count;
    svcr_table_trace_step *trace; /* with SVCR_TABLE_EVAL_EXPLAIN; else the matched rules' steps */
    size_t trace_count;     /* SIZE_MAX: the matched rules' (svcr_table_result_trace_count()) */
    bool explained;
    atone_slot *computed;
    uint64_t *match;     /* each evaluated table's matched rules, at its match_offset */
    uint64_t *unoffered; /* the top table's matched rules whose amount was below their minimum */
    size_t top_trace;    /* with SVCR_TABLE_EVAL_EXPLAIN: the top table's first trace step */
    size_t *selected;    /* the rules its hit policy selected, of the table evaluated last */
    const atone_slot **values; /* the input values of the table being evaluated */
    size_t *bases;             /* ... and where each one's row is in its column's bits: word w
                                  of the row is bits[bases[i] + w] (modulo SIZE_MAX + 1) */
    atone_slot aggregate;
};

/* The segment of a column holding @p key: the last of the @p count sorted @p starts at or below
 * it (starts[0] is INT64_MIN, so there is one). Binary search by halving: the number of steps
 * depends only on @p count. */
static inline size_t svcr__atone_segment_of(const int64_t *starts, size_t count, int64_t key)
{
    const int64_t *base = starts;
    for (size_t n = count; n > 1;) {
        size_t half = n / 2;
        base = base[half] <= key ? base + half : base;
        n -= half;
    }
    return (size_t)(base - starts);
}

/* Compile @p draft (consumed only on success: the caller frees it either way). */
svcr_status svcr__atone_compile(const atone_draft *draft, svcr_table **out);

/* Readers. */
svcr_status svcr__atone_read_text(const char *text, size_t length, atone_draft *draft);

/* Report an error inside a cell at byte @p offset of its text, with line:column, @p where (which
 * table, rule and column) and the cell as written. */
svcr_status svcr__atone_cell_fail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                  const char *where, svcr_status status, const char *fmt, ...)
    SVCR_PRINTF(6, 7);

svcr_status svcr__atone_cell_vfail(const atone_draft *draft, const atone_cell *cell, size_t offset,
                                   const char *where, svcr_status status, const char *fmt, va_list args);

/* Types (unary.c). */
bool svcr__atone_type_from_name(const char *name, svcr_table_type *out);
const char *svcr__atone_type_name(svcr_table_type type);

/* The strings of the tables being compiled, in the order met: a string's key is its index. */
typedef struct atone_symbols {
    char **names;
    size_t count, capacity;
    svcr__strmap index; /* name -> its index in names */
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
/* The amount of @p rule's offer into *out (through svcr_money_scale(): base's one rounding
 * step); @p source is the value of the input it is computed from. The error message names the
 * table and rule; *out is then undefined. */
svcr_status svcr__atone_amount_compute(const atone_table *table, const atone_rule *rule,
                                       const atone_slot *source, svcr_money *out);
/* Make @p rule's trace steps: as a matched rule, and as one whose amount was below its minimum. */
svcr_status svcr__atone_amount_trace(const atone_table *table, atone_rule *rule);
/* Whether @p rule offers @p amount (its result from svcr__atone_amount_compute()): not when the
 * amount is below the rule's minimum. */
bool svcr__atone_amount_offered(const atone_rule *rule, const svcr_money *amount);
/* Make @p rule's offer template, with its amount when that does not depend on facts (compile
 * time). */
void svcr__atone_amount_prepare(const atone_table *table, atone_rule *rule);

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
