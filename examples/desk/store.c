/* Cases in and out of the database: decoding, encoding, indexing, typed facts from text. */
#include "desk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char default_calendar[] =
    "{\"name\": \"desk-default\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]}}";

static int load_calendar(desk *d)
{
    if (d->calendar != NULL)
        return DESK_OK;
    char *stored;
    int rc = desk_db_meta_get(d, "calendar", &stored);
    if (rc != DESK_OK)
        return rc;
    const char *json = stored != NULL ? stored : default_calendar;
    if (svcr_calendar_parse(json, strlen(json), &d->calendar) != SVCR_OK)
        rc = desk_bad_input("the calendar stored in %s: %s", d->db_path, svcr_error_message());
    free(stored);
    return rc;
}

/* Count every timer that is not "24x7" in the desk's calendar. */
static int bind_calendar(desk *d, const svcr_workflow *wf, svcr_timer_config *config)
{
    for (size_t i = 0; i < svcr_workflow_timer_count(wf); i++) {
        svcr_timer_info timer = {.size = sizeof timer};
        if (svcr_workflow_timer(wf, i, &timer) != SVCR_OK || strcmp(timer.calendar, "24x7") == 0)
            continue;
        int rc = load_calendar(d);
        if (rc != DESK_OK)
            return rc;
        if (svcr_timer_config_bind_calendar(config, timer.calendar, d->calendar) != SVCR_OK)
            return desk_library_error("timers");
    }
    return DESK_OK;
}

int desk_workflow(desk *d, const char *name, const svcr_workflow **out,
                  const svcr_timer_config **timers)
{
    for (size_t i = 0; i < d->workflow_count; i++)
        if (strcmp(svcr_workflow_name(d->workflows[i]), name) == 0) {
            *out = d->workflows[i];
            *timers = d->timer_configs[i];
            return DESK_OK;
        }
    if (d->workflow_count == d->workflow_capacity) {
        size_t capacity = d->workflow_capacity ? 2 * d->workflow_capacity : 4;
        svcr_workflow **workflows = realloc(d->workflows, capacity * sizeof *workflows);
        if (workflows != NULL)
            d->workflows = workflows;
        svcr_timer_config **configs = realloc(d->timer_configs, capacity * sizeof *configs);
        if (configs != NULL)
            d->timer_configs = configs;
        if (workflows == NULL || configs == NULL)
            return desk_failure("out of memory");
        d->workflow_capacity = capacity;
    }
    svcr_workflow *wf;
    svcr_timer_config *config = NULL;
    int rc = desk_workflow_definition(d, name, &wf); /* built in, or stored from a file */
    if (rc != DESK_OK)
        return rc;
    rc = svcr_timer_config_new(wf, &config) == SVCR_OK ? bind_calendar(d, wf, config)
                                                            : desk_library_error("timers");
    if (rc != DESK_OK) {
        svcr_timer_config_free(config);
        svcr_workflow_free(wf);
        return rc;
    }
    d->workflows[d->workflow_count] = wf;
    d->timer_configs[d->workflow_count++] = config;
    *out = wf;
    *timers = config;
    return DESK_OK;
}

void desk_workflows_free(desk *d)
{
    for (size_t i = 0; i < d->workflow_count; i++) {
        svcr_timer_config_free(d->timer_configs[i]);
        svcr_workflow_free(d->workflows[i]);
    }
    d->workflow_count = 0;
    free(d->workflows);
    free(d->timer_configs);
    d->workflows = NULL;
    d->timer_configs = NULL;
    d->workflow_capacity = 0;
    svcr_calendar_free(d->calendar);
    d->calendar = NULL;
}

void desk_case_clear(desk_case *dc)
{
    svcr_case_free(dc->c);
    free(dc->customer);
    free(dc->tier);
    memset(dc, 0, sizeof *dc);
}

int desk_case_from_row(desk *d, const desk_case_row *row, desk_case *out)
{
    desk_case dc = {.severity = row->severity, .has_price = row->has_price, .price = row->price,
                    .version = row->version};
    const svcr_workflow *wf;
    int rc = desk_workflow(d, row->workflow, &wf, &dc.timers);
    if (rc == DESK_OK && svcr_case_decode(wf, row->json, strlen(row->json), &dc.c) != SVCR_OK) {
        /* The store holds only what the library encoded: a failure here is a damaged database. */
        rc = desk_failure("case \"%s\" in %s does not decode: %s", row->id, d->db_path,
                          svcr_error_message());
    }
    if (rc == DESK_OK && ((row->customer != NULL && (dc.customer = strdup(row->customer)) == NULL) ||
                          (row->tier != NULL && (dc.tier = strdup(row->tier)) == NULL)))
        rc = desk_failure("out of memory");
    if (rc == DESK_OK)
        *out = dc;
    else
        desk_case_clear(&dc);
    return rc;
}

int desk_case_load(desk *d, const char *id, desk_case *out)
{
    desk_case_row row;
    int rc = desk_db_load(d, id, &row);
    if (rc != DESK_OK)
        return rc;
    rc = desk_case_from_row(d, &row, out);
    desk_case_row_clear(&row);
    return rc;
}

int desk_case_save(desk *d, const desk_case *dc)
{
    char *json;
    if (svcr_case_encode(dc->c, &json) != SVCR_OK)
        return desk_library_error("encoding the case");
    desk_case_row row = {
        .id = (char *)svcr_case_id(dc->c),
        .workflow = (char *)svcr_workflow_name(svcr_case_workflow(dc->c)),
        .state = (char *)svcr_case_state(dc->c),
        .customer = dc->customer,
        .tier = dc->tier,
        .severity = dc->severity,
        .has_price = dc->has_price,
        .price = dc->price,
        .opened_at = svcr_case_opened_at(dc->c),
        .updated_at = svcr_case_last_at(dc->c),
        .json = json,
        .version = dc->version,
    };
    int rc = desk_db_store(d, &row);
    svcr_free(json);
    if (rc == DESK_OK) {
        desk_due *due = NULL;
        size_t count = 0;
        rc = desk_case_due(dc, &due, &count);
        if (rc == DESK_OK)
            rc = desk_db_set_timers(d, row.id, due, count);
        free(due);
    }
    return rc;
}

/* ---- desk attributes ------------------------------------------------------------------------ */

static const char *const tiers[] = {"basic", "silver", "gold", "platinum"};

static int replace_text(char **slot, const char *value)
{
    char *copy = strdup(value);
    if (copy == NULL)
        return desk_failure("out of memory");
    free(*slot);
    *slot = copy;
    return DESK_OK;
}

int desk_case_set_customer(desk_case *dc, const char *customer)
{
    if (customer[0] == '\0')
        return desk_bad_input("--customer: empty customer id");
    if (desk_check_text(customer, "--customer") != DESK_OK)
        return DESK_BAD_INPUT;
    return replace_text(&dc->customer, customer);
}

bool desk_tier_is_known(const char *tier)
{
    for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
        if (strcmp(tier, tiers[i]) == 0)
            return true;
    return false;
}

int desk_case_set_tier(desk_case *dc, const char *tier)
{
    if (desk_tier_is_known(tier))
        return replace_text(&dc->tier, tier);
    return desk_bad_input("--tier: unknown tier \"%s\" (basic, silver, gold, platinum)", tier);
}

int desk_case_set_severity(desk_case *dc, const char *severity)
{
    if (strlen(severity) != 1 || severity[0] < '1' || severity[0] > '5')
        return desk_bad_input("--severity: \"%s\" is not 1 (minor) to 5 (severe)", severity);
    dc->severity = severity[0] - '0';
    return DESK_OK;
}

int desk_case_set_price(desk_case *dc, const char *price)
{
    if (desk_parse_money(price, &dc->price) != SVCR_OK)
        return desk_bad_input("--price: \"%s\" is not an amount such as \"120.00 EUR\"%s%s", price,
                              svcr_error_message()[0] ? ": " : "", svcr_error_message());
    if (dc->price.amount_minor < 0) /* what the customer paid: refunds are sized from it */
        return desk_bad_input("--price: \"%s\" is negative; a price is 0 or more", price);
    dc->has_price = true;
    return DESK_OK;
}

/* ---- facts ---------------------------------------------------------------------------------- */

static int parse_boolean(const char *text, int *out)
{
    static const char *const yes[] = {"true", "yes", "1"}, *const no[] = {"false", "no", "0"};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(text, yes[i]) == 0)
            return *out = 1, 1;
        if (strcmp(text, no[i]) == 0)
            return *out = 0, 1;
    }
    return 0;
}

svcr_status desk_parse_money(const char *text, svcr_money *out)
{
    const char *space = strrchr(text, ' ');
    if (space == NULL || space == text)
        return SVCR_EINVAL;
    char amount[64];
    size_t n = (size_t)(space - text);
    if (n >= sizeof amount)
        return SVCR_EINVAL;
    memcpy(amount, text, n);
    amount[n] = '\0';
    return svcr_money_parse_decimal(amount, space + 1, out);
}

int desk_case_set_fact(desk_case *dc, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (eq == NULL || eq == assignment)
        return desk_bad_input("--fact \"%s\": expected NAME=VALUE", assignment);
    char name[128];
    size_t n = (size_t)(eq - assignment);
    if (n >= sizeof name)
        return desk_bad_input("--fact: name too long");
    memcpy(name, assignment, n);
    name[n] = '\0';
    const char *value = eq + 1;

    svcr_fact_info fact = {.size = sizeof fact};
    if (svcr_workflow_find_fact(svcr_case_workflow(dc->c), name, &fact) != SVCR_OK)
        return desk_library_error("--fact");
    svcr_status status;
    if (value[0] == '\0') {
        status = svcr_case_unset_fact(dc->c, name);
    } else if (fact.type == SVCR_FACT_INTEGER) {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 10);
        if (errno != 0 || *end != '\0')
            return desk_bad_input("--fact %s: \"%s\" is not an integer", name, value);
        status = svcr_case_set_fact_integer(dc->c, name, v);
    } else if (fact.type == SVCR_FACT_BOOLEAN) {
        int v;
        if (!parse_boolean(value, &v))
            return desk_bad_input("--fact %s: \"%s\" is not true or false", name, value);
        status = svcr_case_set_fact_boolean(dc->c, name, v);
    } else if (fact.type == SVCR_FACT_MONEY) {
        svcr_money m;
        svcr_error_clear();
        if (desk_parse_money(value, &m) != SVCR_OK)
            return desk_bad_input("--fact %s: \"%s\" is not an amount such as \"12.50 EUR\"%s%s",
                                  name, value, svcr_error_message()[0] ? ": " : "",
                                  svcr_error_message());
        status = svcr_case_set_fact_money(dc->c, name, m);
    } else {
        status = svcr_case_set_fact_string(dc->c, name, value);
    }
    return status == SVCR_OK ? DESK_OK : desk_library_error("--fact");
}

/* ---- export lines --------------------------------------------------------------------------- */

int desk_case_export_line(const desk_case_row *row, char **line)
{
    /* The envelope is built by jansson; the case's JSON goes in verbatim, as the library wrote it. */
    json_t *envelope = json_object();
    if (envelope == NULL)
        return desk_failure("out of memory");
    if (row->customer != NULL)
        json_object_set_new(envelope, "customer", json_string(row->customer));
    if (row->tier != NULL)
        json_object_set_new(envelope, "tier", json_string(row->tier));
    if (row->severity > 0)
        json_object_set_new(envelope, "severity", json_integer(row->severity));
    if (row->has_price)
        json_object_set_new(envelope, "price", desk_money_json(row->price));
    char *head = json_dumps(envelope, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(envelope);
    if (head == NULL)
        return desk_failure("out of memory");
    size_t head_len = strlen(head) - 1; /* without the closing brace */
    size_t size = head_len + strlen(row->json) + 16;
    *line = malloc(size);
    if (*line != NULL)
        snprintf(*line, size, "%.*s%s\"case\":%s}", (int)head_len, head, head_len > 1 ? "," : "",
                 row->json);
    free(head);
    return *line != NULL ? DESK_OK : desk_failure("out of memory");
}
