/**
 * @file svcrecover/dmn.h
 * Standard DMN decision models (DMN 1.1-1.5 XML) with S-FEEL, and FEEL expressions.
 *
 * A model is read once with svcr_dmn_model_parse(): its input data, decisions (decision tables
 * with any hit policy, literal expressions) and business knowledge models, the requirements
 * between them checked (a cycle is refused) and every FEEL text parsed (an error names the line
 * and column, and for a table cell its rule and column). svcr_dmn_model_evaluate() then takes the
 * input data as a JSON object and evaluates every decision in dependency order.
 *
 * Numbers are FEEL numbers: exact decimals of 34 significant digits, rounded half-even; they are
 * read from and written to JSON as decimal text, never through binary floating point. Dates,
 * times, date-times and durations travel in JSON as ISO 8601 strings, converted by the typeRef
 * of the input they are given for.
 *
 * A model is immutable once parsed and may be evaluated from several threads at once.
 */
#ifndef SVCRECOVER_DMN_H
#define SVCRECOVER_DMN_H

#include <stdbool.h>
#include <stddef.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed DMN model: its decision requirements graph, ready to evaluate. */
typedef struct svcr_dmn_model svcr_dmn_model;

/** The outcome of evaluating every decision of a model once. */
typedef struct svcr_dmn_result svcr_dmn_result;

/**
 * Whether this build reads DMN XML (it needs libxml2, the meson feature `dmn`).
 *
 * @return true when svcr_dmn_model_parse() is available; false when the library was built
 *         without libxml2, in which case svcr_dmn_model_parse() fails with ::SVCR_EINVAL
 */
SVCR_EXTERN bool svcr_dmn_available(void);

/**
 * Read a DMN model from its XML text.
 *
 * The document must be DMN 1.1 to 1.5 XML with `definitions` as its root; a DOCTYPE (and so any
 * entity) is refused. Input data, decisions whose expression is a decision table or a literal
 * expression, and business knowledge models (invoked as FEEL functions) are read. Every typeRef
 * must be a FEEL type or an itemDefinition of the model. Every FEEL text is parsed now.
 *
 * @param xml    the document; not NULL
 * @param length its length in bytes
 * @param out    receives the model, to free with svcr_dmn_model_free(); not NULL; untouched on
 *               failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a document longer than
 *         ::SVCR_DMN_MAX_DOCUMENT bytes, or a build without DMN support; ::SVCR_EPARSE for
 *         malformed XML or a DOCTYPE (line and column), an unknown typeRef or element
 *         reference, a FEEL syntax error (the XML line, the decision, the rule and column of a
 *         table cell, and the line and column in the cell's text), a cycle among decisions (named), or a table of more than
 *         ::SVCR_DMN_MAX_CELLS cells; ::SVCR_ENOMEM.
 */
SVCR_EXTERN svcr_status svcr_dmn_model_parse(const char *xml, size_t length, svcr_dmn_model **out);

/** The longest DMN document svcr_dmn_model_parse() reads, in bytes (64 MiB): a table of ten
 *  million rules is refused here, before any of it is parsed. */
#define SVCR_DMN_MAX_DOCUMENT (64u * 1024u * 1024u)

/** The most cells (rules times input and output columns) one decision table may have. */
#define SVCR_DMN_MAX_CELLS 4000000u

/**
 * Free a model. Results made from it stay valid.
 *
 * @param model the model, or NULL (nothing happens)
 */
SVCR_EXTERN void svcr_dmn_model_free(svcr_dmn_model *model);

/**
 * The number of decisions of a model.
 *
 * @param model the model; not NULL
 * @return how many decisions it has (0 for NULL)
 */
SVCR_EXTERN size_t svcr_dmn_model_decision_count(const svcr_dmn_model *model);

/**
 * The name of a decision, in the order the document lists them.
 *
 * @param model the model; not NULL
 * @param index 0 to svcr_dmn_model_decision_count() - 1
 * @return the name, owned by the model; NULL for a NULL model or an index out of range
 */
SVCR_EXTERN const char *svcr_dmn_model_decision_name(const svcr_dmn_model *model, size_t index);

/**
 * Evaluate every decision of a model.
 *
 * @p inputs_json is a JSON object giving each input data's value by name: numbers (any
 * precision; exact), strings, booleans, null, arrays (lists) and objects (contexts, or
 * structures of an itemDefinition). An input whose typeRef is a date, time, date and time or
 * duration is given as an ISO 8601 string. A missing input is null. Decisions are evaluated in
 * dependency order; one that evaluates to an error (a type mismatch, a division by zero, a
 * UNIQUE table with two matching rules...) gets the value null and a reason, and the others
 * still run.
 *
 * @param model       the model; not NULL
 * @param inputs_json a JSON object; not NULL
 * @param length      its length in bytes
 * @param out         receives the result, to free with svcr_dmn_result_free(); not NULL;
 *                    untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, text that is not UTF-8, or an input
 *         whose value does not fit its typeRef (the message names the input);
 *         ::SVCR_EPARSE for malformed JSON or JSON that is not an object (line and column);
 *         ::SVCR_ENOMEM.
 */
SVCR_EXTERN svcr_status svcr_dmn_model_evaluate(const svcr_dmn_model *model, const char *inputs_json, size_t length,
                                                svcr_dmn_result **out);

/**
 * The number of decisions in a result (every decision of the model).
 *
 * @param result the result; not NULL
 * @return the count (0 for NULL)
 */
SVCR_EXTERN size_t svcr_dmn_result_count(const svcr_dmn_result *result);

/**
 * A decision's name in a result, in the model's document order.
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_dmn_result_count() - 1
 * @return the name, owned by the result; NULL for a NULL result or an index out of range
 */
SVCR_EXTERN const char *svcr_dmn_result_name(const svcr_dmn_result *result, size_t index);

/**
 * A decision's value as JSON text (numbers exact, dates and durations as ISO 8601 strings,
 * lists as arrays, contexts as objects; "null" for null or an error).
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_dmn_result_count() - 1
 * @return NUL-terminated JSON owned by the result; NULL for a NULL result or an index out of range
 */
SVCR_EXTERN const char *svcr_dmn_result_value_json(const svcr_dmn_result *result, size_t index);

/**
 * Why a decision evaluated to an error.
 *
 * @param result the result; not NULL
 * @param index  0 to svcr_dmn_result_count() - 1
 * @return the reason (naming the decision, and the line and column in its FEEL text), owned by
 *         the result; NULL when the decision evaluated without error, for a NULL result, or for an
 *         index out of range
 */
SVCR_EXTERN const char *svcr_dmn_result_error(const svcr_dmn_result *result, size_t index);

/**
 * The whole result as one JSON object mapping each decision's name to its value.
 *
 * @param result the result; not NULL
 * @param json   receives NUL-terminated JSON, to free with svcr_free(); not NULL; untouched on
 *               failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_dmn_result_encode(const svcr_dmn_result *result, char **json);

/**
 * Free a result.
 *
 * @param result the result, or NULL (nothing happens)
 */
SVCR_EXTERN void svcr_dmn_result_free(svcr_dmn_result *result);

/**
 * Evaluate one FEEL expression.
 *
 * The expression may use the entries of @p context_json (a JSON object; names may contain spaces)
 * as variables, FEEL's arithmetic on exact decimals, comparisons, `and`/`or`, `if`, lists,
 * contexts and the built-in functions this library provides (date, time, date and time,
 * duration, years and months duration, string, number, substring, string length, upper case,
 * lower case, contains, starts with, ends with, abs, floor, ceiling, decimal, round half up,
 * modulo, min, max, sum, mean, count, all, any, list contains, append, concatenate, not).
 *
 * @param expression  the FEEL text, NUL-terminated UTF-8; not NULL
 * @param context_json a JSON object of variables, or NULL for none
 * @param result_json receives the value as JSON (as svcr_dmn_result_value_json() writes it), to
 *                    free with svcr_free(); not NULL; untouched on failure
 * @return ::SVCR_OK (also when the value is null); ::SVCR_EINVAL for a NULL argument, text that is
 *         not UTF-8, or an expression that evaluates to an error (the message gives the reason at
 *         line:column); ::SVCR_EPARSE for a syntax error in the expression or in the JSON (line
 *         and column); ::SVCR_ENOMEM.
 */
SVCR_EXTERN svcr_status svcr_feel_evaluate(const char *expression, const char *context_json, char **result_json);

#ifdef __cplusplus
}
#endif

#endif
