/* Private: a loaded DMN model (its decision requirements graph) and what evaluates it. Everything
 * a model holds lives in its arena: names, syntax trees, tables. */
#ifndef SVCR_DMN_MODEL_H
#define SVCR_DMN_MODEL_H

#include <svcrecover/dmn.h>

#include "feel/eval.h"

/* A typeRef resolved: a FEEL base type, Any, or an item definition. */
typedef struct dmn_type {
    const char *name;                /* as written, for messages */
    feel_kind base;                  /* FEEL_NULL for Any or a structure */
    bool any;                        /* no constraint (Any, context, or absent) */
    bool collection;                 /* a list of the item */
    const struct dmn_item *item;     /* when defined by an itemDefinition */
} dmn_type;

typedef struct dmn_item {
    const char *name;
    dmn_type type;                   /* the item's own typeRef (base or another item) */
    const feel_node *allowed;        /* allowedValues (unary tests) or NULL */
    struct dmn_item *components;
    size_t component_count;
    bool collection;
    bool structured;                 /* has components */
} dmn_item;

typedef struct dmn_table_input {
    const feel_node *expression;
    const feel_node *allowed; /* inputValues */
    const char *label;
} dmn_table_input;

typedef struct dmn_table_output {
    const char *name;
    const feel_node *allowed;       /* outputValues: also the priority order */
    const feel_node *default_entry; /* defaultOutputEntry */
} dmn_table_output;

typedef struct dmn_table {
    char hit_policy;  /* U A P F R O C */
    char aggregation; /* 0, '+', '<', '>', '#' */
    dmn_table_input *inputs;
    size_t input_count;
    dmn_table_output *outputs;
    size_t output_count;
    const feel_node **entries; /* rule r, input i: entries[r * input_count + i] */
    const feel_node **results; /* rule r, output o: results[r * output_count + o] */
    size_t rule_count;
} dmn_table;

typedef enum dmn_element_kind { DMN_INPUT_DATA, DMN_DECISION, DMN_KNOWLEDGE_MODEL } dmn_element_kind;

typedef struct dmn_element {
    dmn_element_kind kind;
    const char *name;
    const char *id;
    int line;
    dmn_type type;                    /* the variable's typeRef */
    const feel_node *literal;         /* a literalExpression, or */
    dmn_table *table;                 /* a decisionTable */
    const char **parameters;          /* a business knowledge model's formal parameters */
    dmn_type *parameter_types;
    size_t parameter_count;
    size_t *requires;                 /* indices of required elements */
    size_t require_count;
    feel_function function;           /* a business knowledge model as a FEEL function */
    const struct svcr_dmn_model *model;
} dmn_element;

struct svcr_dmn_model {
    feel_arena arena;
    dmn_element *elements;
    size_t element_count;
    size_t *decision_order;            /* decisions in dependency order */
    size_t decision_count;
    size_t *decisions_in_document;     /* decisions as the document lists them */
    dmn_item *items;
    size_t item_count;
};

typedef struct dmn_decision_result {
    char *name;
    char *value_json;
    char *error; /* NULL when the decision evaluated without error */
} dmn_decision_result;

struct svcr_dmn_result {
    dmn_decision_result *decisions;
    size_t count;
};

/* Resolve a typeRef text ("number", "feel:string", "tLoan"); false when unknown. */
bool svcr__dmn_resolve_type(const svcr_dmn_model *model, const char *text, dmn_type *out);
/* Whether @p value conforms to @p type (null always does). */
bool svcr__dmn_conforms(feel_env *env, const dmn_type *type, const feel_value *value);
/* An input value from JSON made into @p type: ISO strings become dates, times and durations.
 * NULL with a reason in *why when it does not fit. */
const feel_value *svcr__dmn_convert_input(feel_env *env, const dmn_type *type, const feel_value *value,
                                          const char **why);

/* Evaluate a decision table in env's scope. */
const feel_value *svcr__dmn_table_evaluate(feel_env *env, const dmn_table *table);
/* A business knowledge model's invocation (feel_function.invoke). */
const feel_value *svcr__dmn_invoke_knowledge_model(feel_env *env, const feel_function *function,
                                                   const feel_value *const *arguments);

#endif
