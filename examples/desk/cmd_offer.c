/* svcr-desk offer ID [--table FILE] [--authority LEVEL] [--explain]
 *
 * Sizes the atonement for a case with a decision table: by default the library's seed table
 * "severity-value" (severity 1-5 x customer tier, as shares of the price paid), or a table of
 * the host's own in the text format or DMN XML (a file ending in .dmn). The table's inputs are
 * filled from the case: its severity, tier and price, and any case fact whose name is an input.
 * Then the authority check says whether the acting level (default agent) may make the offer or
 * must escalate, and to whom. Nothing is stored: the agent records the atonement with apply. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct evaluation {
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
} evaluation;

static void evaluation_free(evaluation *e)
{
    svcr_table_result_free(e->result);
    svcr_table_facts_free(e->facts);
    svcr_table_free(e->table);
}

static int load_table(const char *file, svcr_table **out)
{
    if (file == NULL)
        return svcr_table_builtin("severity-value", out) == SVCR_OK
                   ? DESK_OK
                   : desk_library_error("offer: table severity-value");
    char *text;
    size_t length;
    int rc = desk_read_file(file, "offer", &text, &length);
    if (rc != DESK_OK)
        return rc;
    size_t name_length = strlen(file);
    bool dmn = name_length > 4 && strcmp(file + name_length - 4, ".dmn") == 0;
    if ((dmn ? svcr_table_parse_dmn(text, length, out) : svcr_table_parse(text, length, out))
        != SVCR_OK)
        rc = desk_bad_input("offer: %s: %s", file, svcr_error_message());
    free(text);
    return rc;
}

/* Set a table input from the case if the table has one of that name. */
static svcr_status set_if_input(svcr_table_facts *facts, const char *name, const svcr_table_value *value)
{
    size_t slot;
    if (svcr_table_facts_find(facts, name, &slot, NULL) != SVCR_OK)
        return SVCR_OK; /* the table does not ask for it */
    return svcr_table_facts_set_at(facts, slot, value);
}

static svcr_status set_case_facts(const desk_case *dc, svcr_table_facts *facts)
{
    svcr_status status = SVCR_OK;
    if (dc->severity > 0)
        status = set_if_input(facts, "severity",
                              &(svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_NUMBER,
                                            .number = (int64_t)dc->severity * SVCR_TABLE_NUMBER_SCALE});
    if (status == SVCR_OK && dc->tier != NULL)
        status = set_if_input(facts, "tier", &(svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_STRING, .string = dc->tier});
    if (status == SVCR_OK && dc->has_price)
        status = set_if_input(facts, "price", &(svcr_table_value){.size = sizeof(svcr_table_value), .type = SVCR_TABLE_TYPE_MONEY, .money = dc->price});
    /* The workflow's facts, for tables that ask about them (e.g. a host's own "expectation"). */
    const svcr_workflow *wf = svcr_case_workflow(dc->c);
    for (size_t i = 0; status == SVCR_OK && i < svcr_workflow_fact_count(wf); i++) {
        svcr_fact_info fact = {.size = sizeof fact};
        if (svcr_workflow_fact(wf, i, &fact) != SVCR_OK || !svcr_case_has_fact(dc->c, fact.name))
            continue;
        svcr_table_value v = {.size = sizeof v, .type = SVCR_TABLE_TYPE_STRING};
        bool b = false;
        int64_t n = 0;
        if (fact.type == SVCR_FACT_STRING) {
            svcr_case_get_fact_string(dc->c, fact.name, &v.string);
        } else if (fact.type == SVCR_FACT_MONEY) {
            v.type = SVCR_TABLE_TYPE_MONEY;
            svcr_case_get_fact_money(dc->c, fact.name, &v.money);
        } else if (fact.type == SVCR_FACT_BOOLEAN) {
            v.type = SVCR_TABLE_TYPE_BOOLEAN;
            svcr_case_get_fact_boolean(dc->c, fact.name, &b);
            v.number = b;
        } else {
            svcr_case_get_fact_integer(dc->c, fact.name, &n);
            if (n > INT64_MAX / SVCR_TABLE_NUMBER_SCALE || n < INT64_MIN / SVCR_TABLE_NUMBER_SCALE)
                continue; /* too big for a table number */
            v.type = SVCR_TABLE_TYPE_NUMBER;
            v.number = n * SVCR_TABLE_NUMBER_SCALE;
        }
        status = set_if_input(facts, fact.name, &v);
    }
    return status;
}

static int evaluate(const desk_case *dc, const char *table_file, unsigned flags, evaluation *e)
{
    memset(e, 0, sizeof *e);
    int rc = load_table(table_file, &e->table);
    if (rc == DESK_OK && (svcr_table_facts_new(e->table, &e->facts) != SVCR_OK ||
                          svcr_table_result_new(e->table, &e->result) != SVCR_OK))
        rc = desk_library_error("offer");
    if (rc == DESK_OK && set_case_facts(dc, e->facts) != SVCR_OK)
        rc = desk_library_error("offer: the case's facts do not fit the table");
    if (rc == DESK_OK && svcr_table_eval(e->table, e->facts, flags, e->result) != SVCR_OK)
        rc = desk_library_error("offer");
    if (rc != DESK_OK)
        evaluation_free(e);
    return rc;
}

void desk_offer_clear(desk_offer *offer)
{
    free(offer->summary);
    free(offer->approval);
    offer->summary = offer->approval = NULL;
}

/* One line for the atonement fact: "refund 520.00 EUR + credit 130.00 EUR", however many offers
 * there are. */
static int summarise(const svcr_table_result *result, const svcr_authority *authority, const char *acting,
                     desk_offer *out, svcr_approval *approval)
{
    memset(out, 0, sizeof *out);
    size_t used = 0;
    bool failed = desk_append(&out->summary, &used, "%s", "") != 0;
    for (size_t i = 0; !failed && i < svcr_table_result_offer_count(result); i++) {
        const svcr_table_offer *o = svcr_table_result_offer(result, i);
        char money[SVCR_MONEY_FORMAT_SIZE] = "";
        if (o->has_amount) {
            svcr_money_format(o->amount, money, sizeof money);
            if (out->has_amount && svcr_money_add(out->amount, o->amount, &out->amount) != SVCR_OK) {
                desk_offer_clear(out);
                return desk_library_error("offer: total");
            }
            if (!out->has_amount)
                out->amount = o->amount;
            out->has_amount = true;
        }
        failed = desk_append(&out->summary, &used, "%s%s%s%s", i > 0 ? " + " : "",
                             o->kind != NULL ? o->kind : o->rule, o->has_amount ? " " : "", money) != 0;
    }
    if (!failed && svcr_table_result_offer_count(result) == 0)
        failed = desk_append(&out->summary, &used, "none: no rule of the table matched") != 0;
    if (failed) {
        desk_offer_clear(out);
        return desk_failure("offer: out of memory");
    }
    if (svcr_authority_check_result(authority, acting, result, approval) != SVCR_OK) {
        desk_offer_clear(out);
        return desk_library_error("offer: --authority");
    }
    size_t approval_length = 0;
    if (desk_append(&out->approval, &approval_length, "%s",
                    approval->allowed ? acting : approval->escalate_to) != 0) {
        desk_offer_clear(out);
        return desk_failure("offer: out of memory");
    }
    return DESK_OK;
}

int desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out)
{
    (void)d;
    evaluation e;
    int rc = evaluate(dc, table_file, 0, &e);
    if (rc != DESK_OK)
        return rc;
    svcr_authority *authority;
    if (svcr_authority_new(NULL, 0, &authority) != SVCR_OK) {
        evaluation_free(&e);
        return desk_library_error("offer");
    }
    svcr_approval approval = {.size = sizeof approval};
    rc = summarise(e.result, authority, DESK_DEFAULT_ROLE, out, &approval);
    svcr_authority_free(authority);
    evaluation_free(&e);
    return rc;
}

static json_t *offers_json(const evaluation *e, const desk_offer *summary, const svcr_approval *approval,
                           const char *acting)
{
    json_t *offers = json_array();
    for (size_t i = 0; i < svcr_table_result_offer_count(e->result); i++) {
        const svcr_table_offer *o = svcr_table_result_offer(e->result, i);
        json_t *offer = json_pack("{ss?ss?ss?ss?}", "kind", o->kind, "approval", o->approval,
                                  "rule", o->rule, "annotation", o->annotation);
        json_object_set_new(offer, "amount", o->has_amount ? desk_money_json(o->amount) : json_null());
        json_array_append_new(offers, offer);
    }
    json_t *trace = json_array();
    for (size_t i = 0; i < svcr_table_result_trace_count(e->result); i++) {
        const svcr_table_trace_step *t = svcr_table_result_trace(e->result, i);
        json_array_append_new(trace, json_pack("{sssssisbss?ss?}", "table", t->table, "rule",
                                               t->rule, "line", t->line, "matched", t->matched,
                                               "input", t->input, "test", t->test));
    }
    return json_pack("{sssososos{sssbss?}}", "table", svcr_table_name(e->table), "offers", offers,
                     "total", summary->has_amount ? desk_money_json(summary->amount) : json_null(),
                     "trace", trace, "authority", "acting", acting, "allowed", approval->allowed,
                     "escalate_to", approval->allowed ? NULL : approval->escalate_to);
}

static void print_offers(const desk *d, const desk_case *dc, const evaluation *e,
                         const desk_offer *summary, const svcr_approval *approval,
                         const char *acting, bool explain)
{
    char money[SVCR_MONEY_FORMAT_SIZE];
    const char *id = svcr_case_id(dc->c);
    desk_printf(d, "offer for %s from table %s (severity %d, %s", id, svcr_table_name(e->table),
                dc->severity, dc->tier != NULL ? dc->tier : "no tier");
    if (dc->has_price) {
        svcr_money_format(dc->price, money, sizeof money);
        desk_printf(d, ", paid %s", money);
    }
    desk_printf(d, "):\n");
    for (size_t i = 0; i < svcr_table_result_offer_count(e->result); i++) {
        const svcr_table_offer *o = svcr_table_result_offer(e->result, i);
        if (o->has_amount)
            svcr_money_format(o->amount, money, sizeof money);
        desk_printf(d, "  %-15s %14s  approval %-10s rule %s%s%s\n", o->kind != NULL ? o->kind : "-",
                    o->has_amount ? money : "", o->approval != NULL ? o->approval : "-", o->rule,
                    o->annotation != NULL ? ": " : "", o->annotation != NULL ? o->annotation : "");
    }
    if (svcr_table_result_offer_count(e->result) == 0)
        desk_printf(d, "  no rule matched: apologize, and record the reason for no atonement\n");
    if (svcr_table_result_offer_count(e->result) > 1 && summary->has_amount) {
        svcr_money_format(summary->amount, money, sizeof money);
        desk_printf(d, "  %-15s %14s\n", "total", money);
    }
    if (approval->allowed)
        desk_printf(d, "approval: %s may make this offer now\n", acting);
    else
        desk_printf(d, "approval: needs %s; %s must escalate to %s\n", approval->escalate_to,
                    acting, approval->escalate_to);
    if (explain) {
        for (size_t i = 0; i < svcr_table_result_trace_count(e->result); i++) {
            const svcr_table_trace_step *t = svcr_table_result_trace(e->result, i);
            if (t->matched)
                desk_printf(d, "  trace: %s line %d: rule %s matched\n", t->table, t->line, t->rule);
            else
                desk_printf(d, "  trace: %s line %d: rule %s did not match: %s %s\n", t->table,
                            t->line, t->rule, t->input != NULL ? t->input : "?",
                            t->test != NULL ? t->test : "");
        }
    }
    /* A command to paste back: every word quoted for the shell, so an id like "C-9 $(touch x)"
     * stays one argument and runs nothing. */
    char *atonement = NULL, *compensation = NULL;
    size_t length = 0;
    desk_append(&atonement, &length, "atonement=%s", summary->summary);
    if (summary->has_amount) {
        svcr_money_format(summary->amount, money, sizeof money);
        length = 0;
        desk_append(&compensation, &length, "compensation=%s", money);
    }
    /* With the database this offer was read from, so the paste records it there. */
    bool other_db = strcmp(d->db_path, DESK_DEFAULT_DB) != 0;
    char *words[5] = {desk_shell_quote(id), desk_shell_quote(summary->approval),
                      atonement != NULL ? desk_shell_quote(atonement) : NULL,
                      compensation != NULL ? desk_shell_quote(compensation) : NULL,
                      other_db ? desk_shell_quote(d->db_path) : NULL};
    if (words[0] != NULL && words[1] != NULL && words[2] != NULL &&
        (compensation == NULL || words[3] != NULL) && (!other_db || words[4] != NULL)) {
        desk_printf(d, "record it: svcr-desk%s%s apply %s atoned --role %s --fact %s",
                    other_db ? " --db " : "", other_db ? words[4] : "", words[0], words[1], words[2]);
        if (words[3] != NULL)
            desk_printf(d, " --fact %s", words[3]);
        desk_printf(d, "\n");
    } else {
        desk_printf(d, "record it: (out of memory writing the command)\n");
    }
    for (int i = 0; i < 5; i++)
        free(words[i]);
    free(atonement);
    free(compensation);
}

int desk_cmd_offer(desk *d, int argc, char **argv)
{
    const char *id = NULL, *table_file = NULL, *acting = DESK_DEFAULT_ROLE;
    bool explain = false;
    for (int i = 0; i < argc; i++) {
        int m;
        if ((m = desk_option(argc, argv, &i, "--table", &table_file)) ||
            (m = desk_option(argc, argv, &i, "--authority", &acting))) {
            if (m < 0)
                return DESK_BAD_INPUT;
        } else if (strcmp(argv[i], "--explain") == 0) {
            explain = true;
        } else if (desk_is_option(argv[i]) || id != NULL) {
            return desk_bad_input("offer: unexpected argument \"%s\"", argv[i]);
        } else {
            id = argv[i];
        }
    }
    if (id == NULL)
        return desk_bad_input("offer: usage: offer ID [--table FILE] [--authority LEVEL] [--explain]");
    desk_case dc;
    int rc = desk_case_load(d, id, &dc);
    if (rc != DESK_OK)
        return rc;
    evaluation e;
    rc = evaluate(&dc, table_file, explain ? SVCR_TABLE_EVAL_EXPLAIN : 0, &e);
    if (rc != DESK_OK) {
        desk_case_clear(&dc);
        return rc;
    }
    svcr_authority *authority = NULL;
    desk_offer summary;
    svcr_approval approval = {.size = sizeof approval};
    if (svcr_authority_new(NULL, 0, &authority) != SVCR_OK)
        rc = desk_library_error("offer");
    if (rc == DESK_OK)
        rc = summarise(e.result, authority, acting, &summary, &approval);
    if (rc == DESK_OK && d->json) {
        json_t *out = offers_json(&e, &summary, &approval, acting);
        json_object_set_new(out, "case", json_string(id));
        json_object_set_new(out, "atonement", json_string(summary.summary));
        desk_print_json(d, out);
    } else if (rc == DESK_OK) {
        print_offers(d, &dc, &e, &summary, &approval, acting, explain);
    }
    if (rc == DESK_OK)
        desk_offer_clear(&summary);
    svcr_authority_free(authority);
    evaluation_free(&e);
    desk_case_clear(&dc);
    return rc;
}
