/* svcr-desk demo: a month of service recovery, played into a new (or empty) database.
 *
 * Three cases are walked through step by step with the same commands a user types; then about
 * 160 more cases of October 2026 are played in time order, each event its own transaction:
 * different failures and root causes, severities and customer tiers, slow apologies that breach
 * the first-response timer, fixes that breach the resolution timer, late follow-ups, customers
 * not satisfied at follow-up, cases reopened within the grace period, and cases still open at the
 * end of the month. Then the agenda, a few offers and the report.
 *
 * Everything is simulated time from a fixed seed: the demo prints the same thing on every run. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOUR 3600
#define DAY 86400

/* Thursday 1 October 2026, 00:00 UTC, and the moment the month is over for the report. */
#define MONTH_START ((int64_t)1790812800)
#define MONTH_FIRST_WEEKDAY 3 /* Monday 0: 1 October 2026 is a Thursday */
#define MONTH_NOW (MONTH_START + 29 * DAY + 17 * HOUR) /* Friday 30 October, 17:00 */
#define MONTH_NOW_TEXT "2026-10-30T17:00:00Z"
#define MONTH_CASES 160

/* ---- the month's failures ------------------------------------------------------------------- */

typedef struct scenario {
    const char *expectation;   /* what the customer expected */
    const char *customer_wish; /* what they asked to have happen */
    const char *root_cause;    /* what the classification finds */
    int weight;                /* share of cases, out of 100 */
    int severity_low, severity_high;
} scenario;

/* Skewed on purpose: a few causes make most of the failures, as in most Pareto analyses. */
static const scenario scenarios[] = {
    {"Parcel delivered on the promised day", "Deliver it tomorrow morning", "carrier delay", 31, 1, 3},
    {"Order arrives complete", "Send the missing item by express", "warehouse picking error", 22, 2, 3},
    {"Charged the price shown at checkout", "Refund the difference", "billing system error", 14, 2, 4},
    {"Product works out of the box", "Replace it with a new one", "supplier quality defect", 12, 3, 5},
    {"Parcel sent to the address given", "Collect it and redeliver", "address data error", 8, 2, 4},
    {"Refund paid within 5 days", "Pay the refund today", "refund process backlog", 7, 2, 4},
    {"Called back within the hour as promised", "Call me back today", "missed callback", 6, 1, 2},
};

static const struct {
    const char *name;
    int weight; /* share of customers, out of 100 */
} tiers[] = {{"basic", 50}, {"silver", 27}, {"gold", 16}, {"platinum", 7}};

/* splitmix64: small, good enough, and the same on every machine. */
typedef struct rng {
    uint64_t state;
} rng;

static uint64_t next_random(rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Uniform in [low, high]. */
static int64_t uniform(rng *r, int64_t low, int64_t high)
{
    return low + (int64_t)(next_random(r) % (uint64_t)(high - low + 1));
}

static bool chance(rng *r, int percent)
{
    return uniform(r, 1, 100) <= percent;
}

/* Weights out of 100. */
static const scenario *pick_scenario(rng *r)
{
    int pick = (int)uniform(r, 1, 100);
    size_t i = 0;
    while ((pick -= scenarios[i].weight) > 0 && i + 1 < sizeof scenarios / sizeof scenarios[0])
        i++;
    return &scenarios[i];
}

static const char *pick_tier(rng *r)
{
    int pick = (int)uniform(r, 1, 100);
    size_t i = 0;
    while ((pick -= tiers[i].weight) > 0 && i + 1 < sizeof tiers / sizeof tiers[0])
        i++;
    return tiers[i].name;
}

/* ---- planning the month --------------------------------------------------------------------- */

typedef struct demo_case {
    char id[16];
    char customer[16];
    const char *tier;
    char severity[2];
    char price[24];
    const scenario *s;
    int64_t opened_at;
} demo_case;

typedef struct demo_action {
    int64_t at;
    size_t case_index;
    int seq;           /* order within the case */
    const char *event; /* NULL opens the case */
    const char *fact;  /* "NAME=VALUE" or NULL; "atonement" is sized when it happens */
    const char *note;
} demo_action;

typedef struct plan {
    demo_case *cases;
    size_t case_count;
    demo_action *actions;
    size_t action_count, action_capacity;
    char (*facts)[160]; /* storage for the facts of the actions */
    size_t fact_count;
} plan;

static void add_action(plan *p, size_t case_index, int *seq, int64_t at, const char *event,
                       const char *fact, const char *note)
{
    if (p->action_count == p->action_capacity)
        return; /* sized generously in make_plan(); never reached */
    p->actions[p->action_count++] =
        (demo_action){at, case_index, (*seq)++, event, fact, note};
}

static const char *fact_text(plan *p, const char *name, const char *value)
{
    char *slot = p->facts[p->fact_count++];
    snprintf(slot, sizeof p->facts[0], "%s=%s", name, value);
    return slot;
}

/* When a case is opened: a day of the month (weekends less often) between 07:00 and 18:00. */
static int64_t opening_time(rng *r)
{
    for (;;) {
        int64_t day = uniform(r, 0, 29);
        bool weekend = (day + MONTH_FIRST_WEEKDAY) % 7 >= 5;
        if (weekend && !chance(r, 30))
            continue;
        return MONTH_START + day * DAY + uniform(r, 7, 17) * HOUR + uniform(r, 0, 59) * 60;
    }
}

/* One case's whole story, decided up front; actions after the end of the month never happen. */
static void plan_case(plan *p, rng *r, size_t index)
{
    demo_case *c = &p->cases[index];
    const scenario *s = c->s;
    int seq = 0;
    int64_t t = c->opened_at = opening_time(r);
    add_action(p, index, &seq, t, NULL, NULL, NULL);

    /* Apology: mostly within the hour; sometimes hours late (the first-response timer breaches). */
    int64_t delay = chance(r, 72) ? uniform(r, 5, 50) * 60
                    : chance(r, 60) ? uniform(r, 65, 180) * 60
                                    : uniform(r, 4, 20) * HOUR;
    add_action(p, index, &seq, t += delay, "apologized", NULL, NULL);
    add_action(p, index, &seq, t += uniform(r, 5, 30) * 60, "listened", NULL, NULL);
    /* Fix: hours to a day or so; one in seven takes days (resolution breaches). */
    delay = chance(r, 85) ? uniform(r, 1, 30) * HOUR : uniform(r, 50, 110) * HOUR;
    add_action(p, index, &seq, t += delay, "fixed", fact_text(p, "customer_wish", s->customer_wish),
               NULL);
    add_action(p, index, &seq, t += uniform(r, 5, 45) * 60, "atoned", "atonement", NULL);

    int follow_ups = 0;
    for (;;) {
        /* Follow up a day or so later; sometimes it slips by days (the follow-up timer breaches). */
        delay = chance(r, 88) ? uniform(r, 15, 23) * HOUR : uniform(r, 40, 90) * HOUR;
        t += delay;
        if (follow_ups++ == 0 && chance(r, 18)) {
            add_action(p, index, &seq, t, "not_satisfied", NULL,
                       "Customer says the problem is not fully fixed");
            add_action(p, index, &seq, t += uniform(r, 2, 20) * HOUR, "fixed", NULL, NULL);
            add_action(p, index, &seq, t += uniform(r, 5, 30) * 60, "atoned", "atonement", NULL);
            continue;
        }
        add_action(p, index, &seq, t, "satisfied", fact_text(p, "root_cause", s->root_cause),
                   "Have we fixed everything for you? Yes, thanks.");
        break;
    }
    /* A few customers come back within the grace period. */
    if (chance(r, 7)) {
        add_action(p, index, &seq, t += uniform(r, 2, 9) * DAY, "reopen", NULL,
                   "Customer reports the same problem again");
        add_action(p, index, &seq, t += uniform(r, 2, 24) * HOUR, "fixed", NULL, NULL);
        add_action(p, index, &seq, t += uniform(r, 5, 30) * 60, "atoned", "atonement", NULL);
        add_action(p, index, &seq, t += uniform(r, 20, 28) * HOUR, "satisfied", NULL, NULL);
    }
}

static int compare_actions(const void *a, const void *b)
{
    const demo_action *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->case_index != y->case_index)
        return x->case_index < y->case_index ? -1 : 1;
    return x->seq - y->seq;
}

static int compare_opening(const void *a, const void *b)
{
    const demo_case *x = *(const demo_case *const *)a, *y = *(const demo_case *const *)b;
    return x->opened_at < y->opened_at ? -1 : x->opened_at > y->opened_at;
}

/* Number the cases in the order they were opened, as a helpdesk would. */
static int number_cases(plan *p, size_t first_number)
{
    demo_case **order = malloc(p->case_count * sizeof *order);
    if (order == NULL)
        return desk_failure("demo: out of memory");
    for (size_t i = 0; i < p->case_count; i++)
        order[i] = &p->cases[i];
    qsort(order, p->case_count, sizeof *order, compare_opening);
    for (size_t i = 0; i < p->case_count; i++)
        snprintf(order[i]->id, sizeof order[i]->id, "C-%04zu", first_number + i);
    free(order);
    return DESK_OK;
}

static void plan_free(plan *p)
{
    free(p->cases);
    free(p->actions);
    free(p->facts);
}

static int make_plan(plan *p, size_t first_number)
{
    rng r = {20261102};
    size_t per_case = 16;
    p->cases = calloc(MONTH_CASES, sizeof *p->cases);
    p->actions = calloc(MONTH_CASES * per_case, sizeof *p->actions);
    p->facts = calloc(MONTH_CASES * per_case, sizeof *p->facts);
    if (p->cases == NULL || p->actions == NULL || p->facts == NULL) {
        plan_free(p);
        return desk_failure("demo: out of memory");
    }
    p->case_count = MONTH_CASES;
    p->action_capacity = MONTH_CASES * per_case;
    for (size_t i = 0; i < MONTH_CASES; i++) {
        demo_case *c = &p->cases[i];
        /* 600 customers for 160 cases: a few complain more than once. */
        int customer = (int)uniform(&r, 1, 600);
        snprintf(c->customer, sizeof c->customer, "K-%04d", 1000 + customer);
        /* A customer keeps a tier: derive it from the customer number, weighted. */
        rng tier_rng = {(uint64_t)customer * 7919u};
        c->tier = pick_tier(&tier_rng);
        c->s = pick_scenario(&r);
        c->severity[0] = (char)('0' + uniform(&r, c->s->severity_low, c->s->severity_high));
        snprintf(c->price, sizeof c->price, "%d.%s EUR", (int)uniform(&r, 15, 400),
                 chance(&r, 50) ? "00" : "90");
        plan_case(p, &r, i);
    }
    qsort(p->actions, p->action_count, sizeof *p->actions, compare_actions);
    int rc = number_cases(p, first_number);
    if (rc != DESK_OK)
        plan_free(p);
    return rc;
}

/* ---- playing it ----------------------------------------------------------------------------- */

/* Record the atonement the offer engine sizes for the case (see cmd_offer.c), made by the
 * level whose approval it needs. The facts are as long as the offer's summary (never cut);
 * *atonement and *compensation (NULL when there is no amount) are the caller's to free. */
static int atone_facts(desk *d, const char *id, char **atonement, char **compensation, char role[32])
{
    desk_case dc;
    int rc = desk_case_load(d, id, &dc);
    if (rc != DESK_OK)
        return rc;
    desk_offer offer;
    rc = desk_offer_for_case(d, &dc, NULL, &offer);
    desk_case_clear(&dc);
    if (rc != DESK_OK)
        return rc;
    size_t used = 0;
    bool failed = desk_append(atonement, &used, "atonement=%s", offer.summary) != 0;
    snprintf(role, 32, "%s", offer.approval);
    if (!failed && offer.has_amount) {
        char money[SVCR_MONEY_FORMAT_SIZE];
        svcr_money_format(offer.amount, money, sizeof money);
        used = 0;
        failed = desk_append(compensation, &used, "compensation=%s", money) != 0;
    }
    desk_offer_clear(&offer);
    return failed ? desk_failure("demo: out of memory") : DESK_OK;
}

static int play_action(desk *d, const plan *p, const demo_action *a)
{
    const demo_case *c = &p->cases[a->case_index];
    desk_case dc;
    int rc = desk_db_begin(d, true);
    if (rc != DESK_OK)
        return rc;
    if (a->event == NULL) {
        desk_open_args args = {.id = c->id, .expectation = c->s->expectation,
                               .customer = c->customer, .tier = c->tier,
                               .severity = c->severity, .price = c->price, .at = a->at};
        rc = desk_open_case(d, &args, &dc);
    } else {
        char *atonement = NULL, *compensation = NULL, role[32] = DESK_DEFAULT_ROLE;
        const char *facts[2] = {a->fact, NULL};
        size_t fact_count = a->fact != NULL ? 1 : 0;
        if (a->fact != NULL && strcmp(a->fact, "atonement") == 0) {
            rc = atone_facts(d, c->id, &atonement, &compensation, role);
            facts[0] = atonement;
            facts[1] = compensation;
            fact_count = compensation != NULL ? 2 : 1;
        }
        desk_apply_args args = {.id = c->id, .event = a->event, .role = role, .note = a->note,
                                .facts = facts, .fact_count = fact_count, .at = a->at};
        if (rc == DESK_OK)
            rc = desk_apply_event(d, &args, &dc);
        free(atonement);
        free(compensation);
    }
    if (rc == DESK_OK)
        desk_case_clear(&dc);
    return desk_db_end(d, rc);
}

static int play_month(desk *d, const plan *p, int64_t until, long *events)
{
    long total = 0;
    for (size_t i = 0; i < p->action_count; i++)
        total += p->actions[i].at <= until;
    int rc = DESK_OK;
    for (size_t i = 0; i < p->action_count && rc == DESK_OK; i++) {
        if (p->actions[i].at > until)
            continue;
        rc = play_action(d, p, &p->actions[i]);
        if (++*events % 50 == 0)
            desk_progress(d, "demo: playing October, events", *events, total);
    }
    desk_progress_done(d);
    return rc;
}

/* ---- the story told step by step ------------------------------------------------------------ */

#define STORY_ARGS 16

typedef struct story_step {
    const char *say;                /* a line of narration before the command, or NULL */
    bool show_output;               /* print what the command prints */
    const char *argv[STORY_ARGS];   /* the command line after "svcr-desk" */
} story_step;

static const story_step story[] = {
    {"C-0001: a gold customer's parcel is late. Open the case with the unmet expectation;\n"
     "the desk records it and the case waits for the apology.", true,
     {"open", "C-0001", "--expectation", "Parcel delivered by Friday as promised", "--customer",
      "K-0001", "--tier", "gold", "--severity", "2", "--price", "50.00 EUR", "--at",
      "2026-10-01T09:12:00Z"}},
    {"Before sending the apology, check the draft reply for phrases that make it worse.", true,
     {"check-reply", "I understand, and I know how you feel. I'm sorry your parcel is late."}},
    {NULL, false, {"apply", "C-0001", "apologized", "--at", "2026-10-01T09:20:00Z", "--note",
                   "I'm sorry, this is our mistake and I will put it right."}},
    {NULL, false, {"apply", "C-0001", "listened", "--at", "2026-10-01T09:31:00Z"}},
    {"The fix needs to know what the customer wants: the library refuses without it,\n"
     "and nothing is stored (exit status 2).", true,
     {"apply", "C-0001", "fixed", "--at", "2026-10-01T11:00:00Z"}},
    {NULL, true, {"apply", "C-0001", "fixed", "--fact", "customer_wish=Deliver it on Saturday morning",
                  "--at", "2026-10-01T11:00:00Z"}},
    {"Size the atonement: severity 2 for a gold customer, from the built-in decision table.", true,
     {"offer", "C-0001"}},
    {NULL, false, {"apply", "C-0001", "atoned", "--fact", "atonement=credit 10.00 EUR", "--fact",
                   "compensation=10.00 EUR", "--at", "2026-10-01T11:08:00Z"}},
    {"A day later, the follow-up. Closing needs the classified root cause.", false,
     {"apply", "C-0001", "satisfied", "--fact", "root_cause=carrier delay", "--at",
      "2026-10-02T10:30:00Z", "--note", "Have we fixed everything for you? Yes."}},
    {NULL, true, {"show", "C-0001", "--at", "2026-10-02T10:30:00Z"}},

    {"C-0002: a platinum customer's new espresso machine is dead on arrival (severity 5).\n"
     "The apology comes late, so the first-response timer is breached.", false,
     {"open", "C-0002", "--expectation", "Product works out of the box", "--customer", "K-0002",
      "--tier", "platinum", "--severity", "5", "--price", "520.00 EUR", "--at",
      "2026-10-01T10:05:00Z"}},
    {NULL, true, {"apply", "C-0002", "apologized", "--at", "2026-10-01T14:40:00Z"}},
    {NULL, false, {"apply", "C-0002", "listened", "--at", "2026-10-01T14:55:00Z"}},
    {NULL, false, {"apply", "C-0002", "fixed", "--fact", "customer_wish=Replace it with a new one",
                   "--at", "2026-10-02T16:00:00Z"}},
    {"A big problem for a valued customer: the offer is larger and needs approval.", true,
     {"offer", "C-0002"}},
    {NULL, false, {"apply", "C-0002", "atoned", "--role", "manager", "--fact",
                   "atonement=refund 520.00 EUR + credit 130.00 EUR", "--fact",
                   "compensation=650.00 EUR", "--at", "2026-10-02T16:20:00Z"}},
    {"At the follow-up the customer is not satisfied: the case goes back to fix.", false,
     {"apply", "C-0002", "not_satisfied", "--at", "2026-10-03T17:00:00Z", "--note",
      "Replacement delivered without the milk frother"}},
    {NULL, false, {"apply", "C-0002", "fixed", "--at", "2026-10-05T12:00:00Z"}},
    {NULL, false, {"apply", "C-0002", "atoned", "--at", "2026-10-05T12:10:00Z"}},
    {NULL, true, {"apply", "C-0002", "satisfied", "--fact", "root_cause=supplier quality defect",
                  "--at", "2026-10-06T11:00:00Z"}},

    {"C-0003: a billing error, closed, and reopened within the 14-day grace period.", false,
     {"open", "C-0003", "--expectation", "Charged the price shown at checkout", "--customer",
      "K-0003", "--tier", "basic", "--severity", "2", "--price", "80.00 EUR", "--at",
      "2026-10-02T08:40:00Z"}},
    {NULL, false, {"apply", "C-0003", "apologized", "--at", "2026-10-02T08:55:00Z"}},
    {NULL, false, {"apply", "C-0003", "listened", "--at", "2026-10-02T09:00:00Z"}},
    {NULL, false, {"apply", "C-0003", "fixed", "--fact", "customer_wish=Refund the difference",
                   "--at", "2026-10-02T12:00:00Z"}},
    {NULL, false, {"apply", "C-0003", "atoned", "--fact", "atonement=voucher 8.00 EUR",
                   "--at", "2026-10-02T12:05:00Z"}},
    {NULL, false, {"apply", "C-0003", "satisfied", "--fact", "root_cause=billing system error",
                   "--at", "2026-10-03T11:30:00Z"}},
    {NULL, true, {"apply", "C-0003", "reopen", "--at", "2026-10-12T09:00:00Z", "--note",
                  "Charged the old price again on the next order"}},
    {NULL, false, {"apply", "C-0003", "fixed", "--at", "2026-10-12T15:00:00Z"}},
    {NULL, false, {"apply", "C-0003", "atoned", "--at", "2026-10-12T15:05:00Z"}},
    {NULL, false, {"apply", "C-0003", "satisfied", "--at", "2026-10-13T10:00:00Z"}},
};

/* Print the command as a user would type it in a POSIX shell, quoting what needs quotes. */
static void print_command(const desk *d, const char *const *argv)
{
    desk_printf(d, "$ svcr-desk");
    for (size_t i = 0; i < STORY_ARGS && argv[i] != NULL; i++) {
        const char *a = argv[i];
        if (strpbrk(a, " \"'!?;&|<>()$`*\\") == NULL) {
            desk_printf(d, " %s", a);
        } else if (strchr(a, '\'') != NULL && strpbrk(a, "\"$`\\!") == NULL) {
            desk_printf(d, " \"%s\"", a);
        } else {
            desk_printf(d, " '");
            for (; *a != '\0'; a++) {
                if (*a == '\'')
                    desk_printf(d, "'\\''");
                else
                    desk_printf(d, "%c", *a);
            }
            desk_printf(d, "'");
        }
    }
    desk_printf(d, "\n");
}

static int tell_story(desk *d)
{
    for (size_t i = 0; i < sizeof story / sizeof story[0]; i++) {
        const story_step *step = &story[i];
        char *argv[STORY_ARGS];
        int argc = 0;
        while (argc < STORY_ARGS && step->argv[argc] != NULL) {
            argv[argc] = (char *)step->argv[argc];
            argc++;
        }
        if (step->say != NULL) { /* line by line: desk_printf shows a newline in an argument escaped */
            desk_printf(d, "\n");
            for (const char *line = step->say; *line != '\0';) {
                size_t length = strcspn(line, "\n");
                desk_printf(d, "%.*s\n", (int)length, line);
                line += length + (line[length] == '\n');
            }
        }
        print_command(d, step->argv);
        bool quiet = d->quiet;
        d->quiet = quiet || !step->show_output;
        desk_set_message_stream(stdout); /* a refusal is part of the story */
        int rc = desk_run_command(d, desk_find_command(argv[0]), argc - 1, argv + 1);
        desk_set_message_stream(NULL);
        d->quiet = quiet;
        if (rc == DESK_BAD_INPUT)
            desk_printf(d, "  (refused with exit status 2; the database is unchanged)\n");
        else if (rc != DESK_OK)
            return rc;
    }
    return DESK_OK;
}

/* ---- the database --------------------------------------------------------------------------- */

/* Who owns the process behind each cause, so the report can say whom to tell (the Infused
 * stage's loop). Two causes have no owner yet: the report shows that gap. */
static const char demo_owners[] =
    "{\"carrier delay\": \"logistics\", \"warehouse picking error\": \"warehouse\","
    " \"billing system error\": \"finance systems\", \"supplier quality defect\": \"purchasing\","
    " \"refund process backlog\": \"customer accounts\"}";

/* The support team's hours, in UTC: the first-response and resolution timers count in them. */
static const char demo_calendar[] =
    "{\"name\": \"support\", \"hours\": {\"mon-fri\": [\"08:00-18:00\"], \"sat\": [\"09:00-13:00\"]}}";

/* The demo organisation's answers to the maturity questionnaire; the measured figures (response
 * and resolution within goal, root causes classified, owners notified) come from the cases. */
static const char demo_questionnaire[] =
    "{\"answers\": {\"complaint_channel\": true, \"complaints_recorded\": true,"
    " \"process_owner\": true, \"response_guidelines\": true, \"response_time_goals\": true,"
    " \"complaints_tracked\": 1.0, \"staff_trained\": true, \"post_service_surveys\": false,"
    " \"surveys_open_cases\": false, \"detractors_followed_up_48h\": 0.4,"
    " \"root_cause_analysis\": true, \"improvement_projects\": false,"
    " \"repeat_complaints_falling\": false, \"management_review\": true}}";

/* A new database at d->db_path, or an empty desk database. One that holds cases or settings is
 * replaced only when the user says --replace, and only if it is a desk database (desk_db_open
 * refuses any other file): its contents are deleted in the same transaction that stores the
 * demo's settings, and the file itself is never removed. */
static int fresh_database(desk *d, bool replace)
{
    int rc = desk_db_open(d, true);
    if (rc != DESK_OK)
        return rc;
    /* Each event still commits on its own; a throwaway database need not wait for the disk. */
    if ((rc = desk_db_relax_durability(d)) != DESK_OK)
        return rc;
    if ((rc = desk_db_begin(d, true)) != DESK_OK)
        return rc;
    long cases = 0, settings = 0;
    rc = desk_db_count(d, &cases);
    if (rc == DESK_OK)
        rc = desk_db_settings_count(d, &settings);
    if (rc == DESK_OK && (cases > 0 || settings > 0)) {
        if (!replace)
            rc = desk_bad_input("demo: %s is not empty (%ld case%s, %ld setting%s); the demo plays "
                                "into a new database: choose another file with --db, or add "
                                "--replace to delete its contents", d->db_path, cases,
                                cases == 1 ? "" : "s", settings, settings == 1 ? "" : "s");
        else
            rc = desk_db_clear(d);
    }
    if (rc == DESK_OK)
        rc = desk_db_meta_set(d, "origin", "demo");
    if (rc == DESK_OK)
        rc = desk_db_meta_set(d, "owners", demo_owners);
    if (rc == DESK_OK)
        rc = desk_db_meta_set(d, "questionnaire", demo_questionnaire);
    if (rc == DESK_OK)
        rc = desk_db_meta_set(d, "calendar", demo_calendar);
    return desk_db_end(d, rc);
}

static void heading(const desk *d, const char *title)
{
    desk_printf(d, "\n== %s ", title);
    for (size_t n = strlen(title); n < 90; n++)
        desk_printf(d, "=");
    desk_printf(d, "\n");
}

static int run_summary_command(desk *d, const char *const *argv)
{
    char *args[STORY_ARGS];
    int argc = 0;
    while (argc < STORY_ARGS && argv[argc] != NULL) {
        args[argc] = (char *)argv[argc];
        argc++;
    }
    print_command(d, argv);
    fflush(stdout);
    int rc = desk_run_command(d, desk_find_command(args[0]), argc - 1, args + 1);
    return rc == DESK_BAD_INPUT ? DESK_OK : rc; /* an engine not in this build: carry on */
}

/* The id of the most severe case still being fixed, into @p id ("" if none). */
static int case_being_fixed(desk *d, char id[32])
{
    return desk_db_most_severe_to_fix(d, id);
}

int desk_cmd_demo(desk *d, int argc, char **argv)
{
    bool replace = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--replace") != 0)
            return desk_bad_input("demo: unexpected argument \"%s\"", argv[i]);
        replace = true;
    }
    if (d->json)
        return desk_bad_input("demo: tells a story in text; run report --json on its database");
    int rc = fresh_database(d, replace);
    if (rc != DESK_OK) {
        desk_db_close(d);
        return rc;
    }
    desk_printf(d, "svcr-desk demo: a month of service recovery, played into %s\n"
                   "(simulated time: October 2026; every command below is one transaction)\n",
                d->db_path);
    heading(d, "Three cases, step by step");
    rc = tell_story(d);

    plan p = {0};
    long events = 0;
    if (rc == DESK_OK)
        rc = make_plan(&p, 4);
    if (rc == DESK_OK) {
        heading(d, "The rest of the month");
        rc = play_month(d, &p, MONTH_NOW, &events);
        plan_free(&p);
    }
    if (rc == DESK_OK) {
        long cases = 0;
        rc = desk_db_count(d, &cases);
        desk_printf(d, "Played %ld events on %ld more cases (C-0004 to C-%04ld), each event one "
                       "transaction.\n", events, cases - 3, cases);
    }
    static const char *const agenda[] = {"due", "--at", MONTH_NOW_TEXT, NULL};
    char waiting[32] = "";
    const char *const offer[] = {"offer", waiting, NULL};
    static const char *const report[] = {"report", "--at", MONTH_NOW_TEXT, NULL};
    if (rc == DESK_OK) {
        heading(d, "The agenda on Friday 30 October, 17:00");
        rc = run_summary_command(d, agenda);
    }
    if (rc == DESK_OK)
        rc = case_being_fixed(d, waiting);
    if (rc == DESK_OK && waiting[0] != '\0') {
        heading(d, "The atonement for the gravest case still being fixed");
        rc = run_summary_command(d, offer);
    }
    if (rc == DESK_OK) {
        heading(d, "The month's report");
        rc = run_summary_command(d, report);
    }
    if (rc == DESK_OK) {
        heading(d, "Explore");
        char db[4200] = "";
        if (strcmp(d->db_path, DESK_DEFAULT_DB) != 0)
            snprintf(db, sizeof db, " --db %s", d->db_path);
        desk_printf(d,
                    "The cases are in %s. Try:\n"
                    "  svcr-desk%s show C-0002\n"
                    "  svcr-desk%s due --at " MONTH_NOW_TEXT "\n"
                    "  svcr-desk%s export > cases.jsonl\n"
                    "Charts of the root-cause Pareto and the weekly timer breaches (PNG files):\n"
                    "  svcr-desk%s report --json --at " MONTH_NOW_TEXT " > report.json\n"
                    "  python3 examples/python/desk_charts.py report.json\n",
                    d->db_path, db, db, db, db);
    }
    desk_db_close(d);
    return rc;
}
