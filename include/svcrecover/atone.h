/**
 * @file svcrecover/atone.h
 * Atonement sizing: decision tables that turn facts about a failure and a customer into offers,
 * with an explanation; approval authority; the service-guarantee check.
 *
 * A decision table (in the style of DMN 1.x) has typed input columns, output columns, rules and a
 * hit policy. Tables are written in a plain text format (see README, "Decision tables") or
 * imported from DMN 1.3 XML, compiled once into an immutable ::svcr_table that any number of
 * threads may evaluate at the same time. Each thread evaluates with its own ::svcr_table_facts (the
 * inputs) and ::svcr_table_result (the offers and the trace); evaluation allocates nothing.
 *
 * Numbers are exact decimals: an `int64_t` count of millionths (::SVCR_TABLE_NUMBER_SCALE), so `2.5`
 * is 2500000 and comparisons never meet binary floating point. Money is ::svcr_money, durations
 * are whole seconds, strings are compared for equality.
 */
#ifndef SVCRECOVER_ATONE_H
#define SVCRECOVER_ATONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A number is stored as value * SVCR_TABLE_NUMBER_SCALE: six exact decimal places. */
#define SVCR_TABLE_NUMBER_SCALE 1000000

/** The type of an input column, an output column or a value. */
typedef enum svcr_table_type {
    SVCR_TABLE_TYPE_NULL = 0, /**< No value (an unset fact, or no rule matched). */
    SVCR_TABLE_TYPE_NUMBER,   /**< An exact decimal in ::svcr_table_value.number (millionths). */
    SVCR_TABLE_TYPE_STRING,   /**< Text in ::svcr_table_value.string. */
    SVCR_TABLE_TYPE_BOOLEAN,  /**< ::svcr_table_value.number is 0 (false) or 1 (true). */
    SVCR_TABLE_TYPE_MONEY,    /**< ::svcr_table_value.money. */
    SVCR_TABLE_TYPE_DURATION, /**< Whole seconds in ::svcr_table_value.number. */
} svcr_table_type;

/**
 * A typed value: a fact to set, or an output read back. Set @c size to `sizeof(svcr_table_value)`
 * before passing or filling one.
 */
typedef struct svcr_table_value {
    size_t size;          /**< Set by the caller: `sizeof(svcr_table_value)`. */
    svcr_table_type type; /**< Which fields below hold the value. */
    int64_t number;       /**< Number (millionths), boolean (0/1) or duration (seconds). */
    const char *string;   /**< A string value; for outputs it points into the table. */
    svcr_money money;     /**< A money value. */
} svcr_table_value;

/** A compiled decision table, with the tables it takes inputs from. Immutable; shareable. */
typedef struct svcr_table svcr_table;
/** The inputs of one evaluation, filled by name; one per thread. */
typedef struct svcr_table_facts svcr_table_facts;
/** The offers and trace of one evaluation; reused across evaluations; one per thread. */
typedef struct svcr_table_result svcr_table_result;

/* ------------------------------------------------------------------------------------------ */
/* Loading tables                                                                              */
/* ------------------------------------------------------------------------------------------ */

/**
 * Parse and compile decision tables written in the text format (README, "Decision tables").
 *
 * The text holds one or more tables; an input column may take another table's output
 * (`severity: number from classify`). The table evaluated is the last one in the text that no
 * other table takes input from; the tables it depends on are evaluated first.
 *
 * @param text   the table text (UTF-8); not NULL
 * @param length its length in bytes
 * @param out    receives the compiled table; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for text that is not a valid
 *         table (or not UTF-8): the message gives line:column and the cell, svcr_error_line() and
 *         svcr_error_column() the position; ::SVCR_ECONFLICT for tables that take inputs from
 *         each other in a cycle; ::SVCR_ECURRENCY for money literals of different currencies
 *         where one is compared with or bounded by the other; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_parse(const char *text, size_t length, svcr_table **out);

/**
 * Import and compile the decision tables of a DMN 1.3 XML document.
 *
 * Each `decision` with a `decisionTable` becomes a table named after the decision. Input entries
 * are unary tests as in the text format; output entries are literals. Output columns named
 * `kind`, `amount` (decimal major units, or an amount expression of the text format), `currency`,
 * `approval` and `annotation` make up offers; others are typed values (typeRef number, string,
 * boolean, money, or dayTimeDuration). The hit policy and aggregation attributes are honoured;
 * `outputValues` give the priorities. An input expression naming another decision (or
 * `decision.output`) takes that decision's output. A document with a DOCTYPE is refused (DMN
 * needs no DTD, and its entities would put other text into cells or drop it); an entity reference
 * other than the five predefined ones is an error too, never silently dropped.
 *
 * @param text   the XML text; not NULL
 * @param length its length in bytes
 * @param out    receives the compiled table; not NULL; untouched on failure
 * @return as svcr_table_parse(); positions are the XML line of the offending element (column 0
 *         when libxml2 gives none; a refused DOCTYPE is reported where it starts).
 *         ::SVCR_EINVAL when the library was built without DMN
 *         support (see svcr_table_dmn_available()).
 */
SVCR_EXTERN svcr_status svcr_table_parse_dmn(const char *text, size_t length, svcr_table **out);

/**
 * Compile tables from their JSON form (README, "Tables as JSON"): `{"tables": [{"name": ...,
 * "hit_policy": ..., "rounding": ..., "inputs": [{"name", "type", "from", "required"}],
 * "outputs": [{"name", "type"}], "priorities": [{"output", "values"}], "rules": [{"name",
 * "line", "inputs": [cells], "outputs": [cells]}]}]}`. Cells are text in the text format's
 * syntax (unary tests, literals, amounts). svcr_table_json() writes this form; reading it back
 * gives a table that evaluates the same and writes the same JSON.
 *
 * @param json   the JSON text (UTF-8); not NULL
 * @param length its length in bytes
 * @param out    receives the compiled table; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for text that is not JSON,
 *         a member of the wrong type, an unknown member, or a cell that is not a valid test or
 *         value: the message names the value's JSON Pointer and its line:column, which
 *         svcr_error_line() and svcr_error_column() give; otherwise as svcr_table_parse()
 */
SVCR_EXTERN svcr_status svcr_table_parse_json(const char *json, size_t length, svcr_table **out);

/**
 * Encode @p table's tables as written (text format, DMN or JSON) in the JSON form that
 * svcr_table_parse_json() reads. Cells keep their text exactly; each rule keeps the line it was
 * written on, which traces show.
 *
 * @param table a compiled table; not NULL
 * @param json  receives the NUL-terminated text, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_json(const svcr_table *table, char **json);

/**
 * Whether this build can import DMN XML (it was built with libxml2, meson feature `dmn`).
 *
 * @return true if svcr_table_parse_dmn() is available
 */
SVCR_EXTERN bool svcr_table_dmn_available(void);

/**
 * Compile one of the tables shipped with the library.
 *
 * `severity-value`: severity 1-5 and customer tier (basic, silver, gold, platinum) and the price
 * paid give offers from an apology up to a full refund plus a credit, with the approval level
 * each needs. `hotel-stay`: offers for a hotel guest by issue, hours unresolved and loyalty tier.
 *
 * @param name the table's name; not NULL
 * @param out  receives the compiled table; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND for an unknown name;
 *         ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_builtin(const char *name, svcr_table **out);

/**
 * The text of a built-in table, to show or to copy as the start of a host's own table.
 *
 * @param name the table's name, e.g. "severity-value"; not NULL
 * @param text receives a static NUL-terminated string; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND for an unknown name
 */
SVCR_EXTERN svcr_status svcr_table_builtin_text(const char *name, const char **text);

/**
 * Free a compiled table. Free its facts and results first.
 *
 * @param table the table, or NULL
 */
SVCR_EXTERN void svcr_table_free(svcr_table *table);

/**
 * The name of the table that is evaluated (the top of the decision graph).
 *
 * @param table the table; not NULL
 * @return the name, owned by the table; "" for NULL
 */
SVCR_EXTERN const char *svcr_table_name(const svcr_table *table);

/* ------------------------------------------------------------------------------------------ */
/* Facts                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * Make an empty set of facts for a table: one slot per input name of the tables in its text
 * (inputs computed by another table are not facts). All slots start unset.
 *
 * @param table the table; not NULL; must outlive the facts
 * @param out   receives the facts; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_facts_new(const svcr_table *table, svcr_table_facts **out);

/**
 * Free facts.
 *
 * @param facts the facts, or NULL
 */
SVCR_EXTERN void svcr_table_facts_free(svcr_table_facts *facts);

/**
 * Unset every fact.
 *
 * @param facts the facts; NULL does nothing
 */
SVCR_EXTERN void svcr_table_facts_clear(svcr_table_facts *facts);

/**
 * Find the slot of a fact, for setting it by index in a hot loop with svcr_table_facts_set_at().
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param slot  receives the slot index; not NULL
 * @param type  receives the fact's type; may be NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND if no input column has
 *         that name
 */
SVCR_EXTERN svcr_status svcr_table_facts_find(const svcr_table_facts *facts, const char *name, size_t *slot,
                                              svcr_table_type *type);

/**
 * Set the fact in a slot.
 *
 * A string is matched against the strings the tables mention and not kept, so @p value's
 * string need not outlive the call. A ::SVCR_TABLE_TYPE_NULL value unsets the fact.
 *
 * @param facts the facts; not NULL
 * @param slot  a slot from svcr_table_facts_find()
 * @param value the value; not NULL; its @c size set, its type the column's (or
 *              ::SVCR_TABLE_TYPE_NULL)
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or string, a @c size of 0, a slot out of
 *         range, a type
 *         that is not the column's, or a boolean other than 0 or 1; ::SVCR_ECURRENCY for money
 *         in another currency than the table's literals for that column. On failure the fact
 *         is unchanged.
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_at(svcr_table_facts *facts, size_t slot, const svcr_table_value *value);

/**
 * Set a number fact to a whole number.
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param value the number
 * @return as svcr_table_facts_set_at(); ::SVCR_ENOTFOUND for an unknown name; ::SVCR_EOVERFLOW if
 *         @p value times ::SVCR_TABLE_NUMBER_SCALE does not fit in 64 bits
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_integer(svcr_table_facts *facts, const char *name, int64_t value);

/**
 * Set a number fact from decimal text, e.g. "2.5" (at most six decimals, exact).
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param text  the decimal; not NULL
 * @return as svcr_table_facts_set_integer(); ::SVCR_EINVAL for text that is not a decimal with at most
 *         six places; ::SVCR_EOVERFLOW ("too large") for a number outside -9223372036854.775808
 *         to 9223372036854.775807 (the number times ::SVCR_TABLE_NUMBER_SCALE must fit in 64 bits),
 *         also when written with an exponent such as "1e300"
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_decimal(svcr_table_facts *facts, const char *name, const char *text);

/**
 * Set a string fact.
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param text  the string; not NULL; not kept
 * @return as svcr_table_facts_set_at(); ::SVCR_ENOTFOUND for an unknown name
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_string(svcr_table_facts *facts, const char *name, const char *text);

/**
 * Set a boolean fact.
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param value the value
 * @return as svcr_table_facts_set_at(); ::SVCR_ENOTFOUND for an unknown name
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_boolean(svcr_table_facts *facts, const char *name, bool value);

/**
 * Set a money fact.
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @param value the amount
 * @return as svcr_table_facts_set_at(); ::SVCR_ENOTFOUND for an unknown name; ::SVCR_EINVAL for an
 *         invalid currency code
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_money(svcr_table_facts *facts, const char *name, svcr_money value);

/**
 * Set a duration fact.
 *
 * @param facts   the facts; not NULL
 * @param name    the fact's name; not NULL
 * @param seconds the duration in seconds
 * @return as svcr_table_facts_set_at(); ::SVCR_ENOTFOUND for an unknown name
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_duration(svcr_table_facts *facts, const char *name, int64_t seconds);

/**
 * Unset a fact (it then matches only the tests `-`, `null` and `not(...)`).
 *
 * @param facts the facts; not NULL
 * @param name  the fact's name; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND for an unknown name
 */
SVCR_EXTERN svcr_status svcr_table_facts_unset(svcr_table_facts *facts, const char *name);

/** svcr_table_facts_set_json() flag: skip members that name no fact instead of failing. */
#define SVCR_TABLE_FACTS_IGNORE_UNKNOWN 1u

/**
 * Set facts from a JSON object: `{"severity": 3, "tier": "gold", "price": {"amount_minor":
 * 12000, "currency": "EUR"}, "delay": "PT4H", "repeat": false}`.
 *
 * Numbers are JSON numbers (at most six decimals; reals are read through their shortest
 * 15-digit decimal form), strings and booleans are JSON's, money is an object with
 * `amount_minor` and `currency`, a duration is ISO 8601 text (`"PT4H"`, `"P1DT2H"`) or whole
 * seconds, and `null` unsets a fact. Facts not named keep their values. All or nothing: on
 * failure no fact is changed.
 *
 * @param facts  the facts; not NULL
 * @param json   the JSON text; not NULL
 * @param length its length in bytes
 * @param flags  0 or ::SVCR_TABLE_FACTS_IGNORE_UNKNOWN
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or unknown flags; ::SVCR_EPARSE for text
 *         that is not a JSON object, or a value of the wrong type (line:column of the value);
 *         ::SVCR_ENOTFOUND for a member naming no fact (line:column); ::SVCR_ECURRENCY as
 *         svcr_table_facts_set_at(); ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_facts_set_json(svcr_table_facts *facts, const char *json, size_t length,
                                                  unsigned flags);

/* ------------------------------------------------------------------------------------------ */
/* Evaluation                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * One offer: the outputs of one rule the hit policy selected. The library allocates offers and
 * sets @c size; read only the fields that lie within it.
 */
typedef struct svcr_table_offer {
    size_t size;            /**< Set by the library: the size of the struct it filled. */
    const char *rule;       /**< The rule's name (its `rule` cell, else its 1-based number). */
    const char *kind;       /**< "refund", "credit", ... or a host's own; NULL if no kind column. */
    bool has_amount;        /**< Whether @c amount holds a value (not for e.g. apology_only). */
    svcr_money amount;      /**< The amount after percentage, per-unit, floor and cap. */
    const char *approval;   /**< The approval level needed, e.g. "supervisor"; NULL if none. */
    const char *annotation; /**< The rule's annotation; NULL if none. */
} svcr_table_offer;

/**
 * One step of the explanation: a rule that matched, or (when explaining) one that did not. The
 * library allocates steps and sets @c size; read only the fields that lie within it.
 */
typedef struct svcr_table_trace_step {
    size_t size;        /**< Set by the library: the size of the struct it filled. */
    const char *table;  /**< The table's name. */
    const char *rule;   /**< The rule's name. */
    int line;           /**< The rule's line in the table text (or XML); 0 if unknown. */
    bool matched;       /**< Whether every input test of the rule held. */
    const char *input;  /**< For a rule that did not match: the first input whose test failed. */
    const char *test;   /**< ... and that test as written, e.g. `[3..5]`. */
    const char *outcome; /**< For a matched rule of the evaluated table that gave no offer: why,
                              e.g. "amount below the minimum 1.00 USD: no offer"; NULL otherwise. */
} svcr_table_trace_step;

/**
 * Make a result buffer sized for a table.
 *
 * @param table the table; not NULL; must outlive the result
 * @param out   receives the result; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_result_new(const svcr_table *table, svcr_table_result **out);

/**
 * Free a result.
 *
 * @param result the result, or NULL
 */
SVCR_EXTERN void svcr_table_result_free(svcr_table_result *result);

/** svcr_table_eval() flag: also trace, for each rule that did not match, the first failed test. */
#define SVCR_TABLE_EVAL_EXPLAIN 1u

/**
 * Evaluate a table against facts.
 *
 * The tables the top table depends on are evaluated first. The matching rules of the top table
 * pass through its hit policy into offers (in the policy's order). Allocates nothing; many
 * threads may evaluate one table at once, each with its own facts and result.
 *
 * @param table  the table; not NULL
 * @param facts  facts made for @p table; not NULL
 * @param flags  0 or ::SVCR_TABLE_EVAL_EXPLAIN
 * @param result a result made for @p table; not NULL; overwritten (emptied on failure)
 * @return ::SVCR_OK (also when no rule matched: then there are no offers); ::SVCR_EINVAL for a
 *         NULL argument, unknown flags, or facts or a result made for another table;
 *         ::SVCR_ECONFLICT when the hit policy is violated (two rules match under unique,
 *         different outputs under any; the message names the rules); ::SVCR_EGUARD when an
 *         amount needs a fact that is not set; ::SVCR_ECURRENCY when an amount mixes currencies
 *         (a floor in EUR on a price in USD); ::SVCR_EOVERFLOW when an amount or a sum overflows
 */
SVCR_EXTERN svcr_status svcr_table_eval(const svcr_table *table, const svcr_table_facts *facts,
                                        unsigned flags, svcr_table_result *result);

/**
 * The number of offers (rules selected by the hit policy) of the last evaluation.
 *
 * @param result the result; NULL gives 0
 * @return the count
 */
SVCR_EXTERN size_t svcr_table_result_offer_count(const svcr_table_result *result);

/**
 * One offer of the last evaluation, in constant time (the evaluation lays the offers out).
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_table_result_offer_count() - 1
 * @return the offer, valid until the next evaluation into @p result; NULL for a NULL result or an
 *         index out of range
 */
SVCR_EXTERN const svcr_table_offer *svcr_table_result_offer(const svcr_table_result *result, size_t index);

/**
 * Every offer of the last evaluation, as a list of pointers in the hit policy's order (a list,
 * like every list of structs in the API, so that each offer carries its own @c size): the
 * evaluation lays them out once, so reading them all costs the same per offer.
 *
 * @code
 * size_t n;
 * const svcr_table_offer *const *offers = svcr_table_result_offers(result, &n);
 * for (size_t k = 0; k < n; k++)
 *     printf("%s %s\n", offers[k]->rule, offers[k]->kind);
 * @endcode
 *
 * @param result the result; NULL gives NULL and a count of 0
 * @param count  receives svcr_table_result_offer_count(); may be NULL
 * @return the list (of *count offers), valid until the next evaluation into @p result or
 *         svcr_table_result_free(); NULL for a NULL result
 */
SVCR_EXTERN const svcr_table_offer *const *svcr_table_result_offers(const svcr_table_result *result,
                                                                     size_t *count);

/**
 * A value output of one selected rule of the top table (for tables whose outputs are values
 * rather than, or besides, offers).
 *
 * @param result the result; not NULL
 * @param index  the offer index, 0 to svcr_table_result_offer_count() - 1
 * @param name   the output column's name; not NULL
 * @param out    receives the value (::SVCR_TABLE_TYPE_NULL for a `-` cell); not NULL; set its
 *               @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range;
 *         ::SVCR_ENOTFOUND if the top table has no value output of that name
 */
SVCR_EXTERN svcr_status svcr_table_result_output(const svcr_table_result *result, size_t index, const char *name,
                                                 svcr_table_value *out);

/**
 * The aggregate of a collect table with sum, min, max or count: the sum, least or greatest of
 * the amounts (or of the single value output), or the number of matched rules.
 *
 * @param result the result; not NULL
 * @param out    receives the value (::SVCR_TABLE_TYPE_NULL when nothing was aggregated); not NULL;
 *               set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND if the
 *         top table's hit
 *         policy does not aggregate
 */
SVCR_EXTERN svcr_status svcr_table_result_aggregate(const svcr_table_result *result, svcr_table_value *out);

/**
 * The number of trace steps of the last evaluation: each matched rule of each table evaluated,
 * in evaluation and rule order, and with ::SVCR_TABLE_EVAL_EXPLAIN also each rule that did not match.
 *
 * @param result the result; NULL gives 0
 * @return the count
 */
SVCR_EXTERN size_t svcr_table_result_trace_count(const svcr_table_result *result);

/**
 * One trace step of the last evaluation.
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_table_result_trace_count() - 1
 * @return the step, valid until the next evaluation into @p result; NULL for a NULL result or an
 *         index out of range
 */
SVCR_EXTERN const svcr_table_trace_step *svcr_table_result_trace(const svcr_table_result *result, size_t index);

/**
 * Encode the offers and the trace of the last evaluation as compact JSON:
 * `{"offers": [{"kind": "refund", "amount_minor": 12000, "currency": "EUR", "approval":
 * "manager", "rule": "s5-refund"}, ...], "trace": [{"table": "severity-value", "rule":
 * "s5-refund", "line": 31, "matched": true}, ...]}`. An offer without an amount has
 * `"amount_minor": 0` and `"currency": null`; a missing kind or approval is null. A trace step
 * of a rule that did not match has `"input"` and `"test"` (the first failed test, when
 * explained); a matched rule that gave no offer has `"outcome"` (see ::svcr_table_trace_step).
 *
 * @param result an evaluated result; not NULL
 * @param json   receives the NUL-terminated text, to free with svcr_free(); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_table_result_json(const svcr_table_result *result, char **json);

/* ------------------------------------------------------------------------------------------ */
/* Authority                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Ordered approval levels, lowest first (by default agent < supervisor < manager). */
typedef struct svcr_authority svcr_authority;

/** The answer of an authority check. Set @c size to `sizeof(svcr_approval)` before the call. */
typedef struct svcr_approval {
    size_t size;             /**< Set by the caller: `sizeof(svcr_approval)`. */
    bool allowed;            /**< The acting person may make the offer now. */
    const char *escalate_to; /**< If not allowed: the lowest level that may (owned by the authority). */
} svcr_approval;

/**
 * Make an authority from approval levels, lowest first.
 *
 * @param levels the level names, e.g. {"agent", "team_lead", "manager", "director"}; NULL (with
 *               @p count 0) for the default agent, supervisor, manager
 * @param count  the number of levels
 * @param out    receives the authority; not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out, NULL @p levels with a non-zero count, a NULL or
 *         empty name, or a name given twice; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_authority_new(const char *const *levels, size_t count,
                                           svcr_authority **out);

/**
 * Free an authority.
 *
 * @param authority the authority, or NULL
 */
SVCR_EXTERN void svcr_authority_free(svcr_authority *authority);

/**
 * May a person at @p acting approve something that needs @p required?
 *
 * @param authority the levels; not NULL
 * @param acting    the acting person's level; not NULL
 * @param required  the level needed; NULL when no approval is needed
 * @param out       receives the answer; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND for a
 *         level name that is
 *         not one of the authority's (the message names it)
 */
SVCR_EXTERN svcr_status svcr_authority_check(const svcr_authority *authority, const char *acting,
                                             const char *required, svcr_approval *out);

/**
 * May a person at @p acting make all the offers of a result? The level needed is the highest
 * approval among them.
 *
 * @param authority the levels; not NULL
 * @param acting    the acting person's level; not NULL
 * @param result    an evaluated result; not NULL
 * @param out       receives the answer; not NULL; set its @c size first
 * @return as svcr_authority_check()
 */
SVCR_EXTERN svcr_status svcr_authority_check_result(const svcr_authority *authority,
                                                    const char *acting, const svcr_table_result *result,
                                                    svcr_approval *out);

/* ------------------------------------------------------------------------------------------ */
/* Service guarantees (Hart's criteria)                                                        */
/* ------------------------------------------------------------------------------------------ */

/**
 * The five criteria for a service guarantee of Christopher W. L. Hart, "The Power of
 * Unconditional Service Guarantees", Harvard Business Review 66(4), July-August 1988.
 */
typedef enum svcr_guarantee_criterion {
    SVCR_GUARANTEE_UNCONDITIONAL = 0, /**< No conditions or exclusions to surprise the customer. */
    SVCR_GUARANTEE_UNDERSTANDABLE,    /**< Easy to understand and communicate: short and plain. */
    SVCR_GUARANTEE_MEANINGFUL,        /**< The payout matters relative to what was paid. */
    SVCR_GUARANTEE_EASY_TO_INVOKE,    /**< Few steps to claim it. */
    SVCR_GUARANTEE_EASY_TO_COLLECT,   /**< Paid out quickly. */
    SVCR_GUARANTEE_CRITERIA           /**< The number of criteria. */
} svcr_guarantee_criterion;

/** A service guarantee as offered to customers. Set @c size to sizeof(svcr_guarantee). */
typedef struct svcr_guarantee {
    size_t size;                   /**< sizeof(svcr_guarantee), for compatibility as it grows. */
    const char *promise;           /**< The promise as customers read it. */
    const char *const *conditions; /**< Conditions and exclusions, as written; may be NULL if none. */
    size_t condition_count;        /**< The number of @c conditions. */
    svcr_money payout;             /**< What the customer receives when it is invoked. */
    svcr_money price;              /**< What the customer paid for the service guaranteed. */
    int invoke_steps;              /**< Steps the customer takes to invoke it (forms, calls, proofs). */
    int collect_days;              /**< Days from invoking to receiving the payout. */
} svcr_guarantee;

/** Thresholds of the check. Get defaults from svcr_guarantee_thresholds_init(). */
typedef struct svcr_guarantee_thresholds {
    size_t size;                     /**< sizeof(svcr_guarantee_thresholds). */
    size_t max_conditions;           /**< Unconditional: at most this many conditions (0). */
    size_t max_promise_words;        /**< Understandable: at most this many words (30). */
    size_t max_sentence_words;       /**< Understandable: no sentence longer than this (20). */
    int64_t min_payout_basis_points; /**< Meaningful: payout at least this share of the price (5000 = 50%). */
    int max_invoke_steps;            /**< Easy to invoke: at most this many steps (2). */
    int max_collect_days;            /**< Easy to collect: paid within this many days (1). */
} svcr_guarantee_thresholds;

/**
 * The outcome of a guarantee check: per criterion whether it holds, and why not. Allocated by
 * svcr_guarantee_check() in one block with its text; free it with svcr_free().
 */
typedef struct svcr_guarantee_report {
    size_t size;                                    /**< Set by the library: the size it filled. */
    bool passed;                                    /**< All five criteria hold. */
    bool criterion_passed[SVCR_GUARANTEE_CRITERIA]; /**< Per ::svcr_guarantee_criterion. */
    const char *reason[SVCR_GUARANTEE_CRITERIA];    /**< Why a criterion failed; "" when it holds. */
} svcr_guarantee_report;

/**
 * Fill thresholds with the defaults (shown in ::svcr_guarantee_thresholds), @c size set to
 * @p size. Only the first @p size bytes are written.
 *
 * @param out  receives the defaults; not NULL
 * @param size `sizeof(svcr_guarantee_thresholds)` as the caller knows it
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out or a @p size smaller than a `size_t`
 */
SVCR_EXTERN svcr_status svcr_guarantee_thresholds_init(svcr_guarantee_thresholds *out, size_t size);

/**
 * Check a service guarantee against Hart's five criteria.
 *
 * @param guarantee  the guarantee; not NULL; @c size set, @c promise not NULL
 * @param thresholds the thresholds (@c size set), or NULL for the defaults
 * @param out        receives the report, to free with svcr_free(); not NULL; untouched on failure
 * @return ::SVCR_OK (whether or not the criteria hold); ::SVCR_EINVAL for a NULL argument, a
 *         NULL promise, a @c size of 0, NULL conditions with a non-zero count, negative steps or
 *         days, a price that is not positive, or a negative threshold;
 *         ::SVCR_ECURRENCY if payout and price differ in currency; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_guarantee_check(const svcr_guarantee *guarantee,
                                             const svcr_guarantee_thresholds *thresholds,
                                             svcr_guarantee_report **out);

/**
 * The name of a criterion, e.g. "unconditional", "easy to invoke".
 *
 * @param criterion a criterion
 * @return a static string; "unknown" for a value out of range
 */
SVCR_EXTERN const char *svcr_guarantee_criterion_name(svcr_guarantee_criterion criterion);

#ifdef __cplusplus
}
#endif

#endif
