/* svcr-desk: a command-line recovery desk on libsvcrecover, on SQLite or PostgreSQL.
 *
 * One file per command (cmd_*.c), a small store interface (db.c: the desk_db_* calls, passed to
 * store_sqlite.c + db_open.c for a file, store_postgres.c for a postgresql:// URL) and shared
 * helpers (cli.c: options, times, output, errors). Each command runs inside one transaction
 * opened and closed by main.c: a command that fails leaves the database exactly as it was.
 *
 * Exit status: 0 success, 2 bad input (the message on stderr, database unchanged), 1 anything else
 * (database or system failure), 3 the output could not be written (the database has the command's
 * result: a command that writes has stored its change, and the message says so), 4 other desks
 * kept changing the case (nothing was changed). */
#ifndef SVCR_DESK_H
#define SVCR_DESK_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include <svcrecover.h>

#define DESK_OK 0
#define DESK_FAILED 1
#define DESK_BAD_INPUT 2
#define DESK_OUTPUT_FAILED 3
/* Another desk changed the case between this command's read and its write, every time it was
 * retried (db.c, DESK_MAX_ATTEMPTS): nothing was changed; run the command again. Inside the desk,
 * a store returns it for one attempt, and desk_run_command() retries from the read. */
#define DESK_CONFLICT 4

#define DESK_DEFAULT_DB "svcr-desk.db"
/* The SQLite application_id of a desk database ("SVCR" in ASCII): with the schema version
 * (user_version) it is how the desk recognises its own files (db_open.c). */
#define DESK_APPLICATION_ID 0x53564352
#define DESK_DEFAULT_WORKFLOW "five-step"
#define DESK_DEFAULT_ROLE "agent"

struct desk_store_ops;
struct desk_pg;

typedef struct desk {
    const char *db_path; /* --db or SVCR_DESK_DB, default DESK_DEFAULT_DB; a URL without its
                            password (for messages) */
    const char *db_url;  /* the PostgreSQL URL as given (with any password), else NULL */
    const struct desk_store_ops *store; /* the backend of db_path, set by desk_db_open() */
    struct desk_pg *pg;  /* PostgreSQL: the connection and its statements (store_postgres.c) */
    struct desk_sqlite_statements *statements; /* SQLite: prepared once per connection */
    bool json;           /* --json: machine-readable output */
    bool quiet;          /* no output at all (the demo replaying commands in bulk) */
    bool progress;       /* stderr is a terminal: show progress lines for long work */
    sqlite3 *db;         /* open while a command runs */
    int64_t now;         /* "now" for this command: the clock, or the demo's simulated time */
    svcr_workflow **workflows; /* workflows loaded so far, built in or stored (store.c) */
    svcr_timer_config **timer_configs; /* their timers, on the calendar */
    size_t workflow_count, workflow_capacity; /* grown as needed: a database holds any number */
    svcr_calendar *calendar; /* business hours the timers count in (store.c) */
    bool stamp_pending;      /* an older desk's database: stamp it in the next write (db.c) */
    bool stamping;           /* the open transaction stamps it */
    int schema_version;      /* of the open database: older ones are migrated by the next write */
    bool migrate_pending;    /* an older schema: migrate it in the next write transaction */
    bool migrating;          /* the open transaction migrates it */
    int conflicts;           /* attempts that ended in a conflict (desk_run_command) */
    bool immutable;          /* read without locks: check the file did not change (db_open.c) */
    struct stat immutable_stat; /* the file when it was opened so */
} desk;

/* ---- cli.c: errors, options, times, output ------------------------------------------------- */

#if defined(__GNUC__)
#define DESK_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define DESK_PRINTF(fmt_index, first_arg)
#endif

/* Send the messages below to @p stream instead of stderr (NULL: back to stderr). */
void desk_set_message_stream(FILE *stream);
/* Prefix the messages below with where in the input they arise, e.g. "cases.jsonl: line 3,
 * column 14: " (printf-style); NULL clears it. */
void desk_message_context(const char *fmt, ...) DESK_PRINTF(1, 2);
/* Print "svcr-desk: <message>" on stderr and return DESK_BAD_INPUT. */
int desk_bad_input(const char *fmt, ...) DESK_PRINTF(1, 2);
/* Print "svcr-desk: <what>: <the library's last error message>" and return DESK_BAD_INPUT. */
int desk_library_error(const char *what);
/* Print "svcr-desk: <message>" on stderr and return DESK_FAILED (database, system). */
int desk_failure(const char *fmt, ...) DESK_PRINTF(1, 2);

/* Match option @p name at argv[*i], as "--name VALUE" or "--name=VALUE". Returns 1 and sets
 * *value (advancing *i past a separate value) when it matches, 0 when it does not, and -1 after
 * reporting a missing value. */
int desk_option(int argc, char **argv, int *i, const char *name, const char **value);
/* True if argv[i] looks like an option ("--something"). */
bool desk_is_option(const char *arg);

/* Check that @p text is valid UTF-8 (the rule jansson applies when the desk writes JSON, so no text
 * is stored and then dropped); reports "<what>: ..." and returns DESK_BAD_INPUT when it is not. */
int desk_check_text(const char *text, const char *what);

/* Read a whole file (NUL-terminated; the caller frees *text); @p what prefixes messages. */
int desk_read_file(const char *path, const char *what, char **text, size_t *length);
/* Parse a time (ISO 8601 or epoch seconds) for option @p what; reports and returns
 * DESK_BAD_INPUT when malformed. */
int desk_parse_time(const char *text, const char *what, int64_t *out);
/* Format a time as ISO 8601 UTC into a buffer of SVCR_TIME_FORMAT_SIZE bytes. */
const char *desk_time_text(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE]);
/* "3d 4h", "45m", "2h 05m": a short human duration for text output (sign dropped). */
const char *desk_duration_text(int64_t seconds, char buf[32]);

/* {"amount_minor": 1250, "currency": "EUR"}, the library's JSON form of money. */
json_t *desk_money_json(svcr_money m);
/* Print @p value as one line of compact JSON on stdout (unless quiet); steals the reference. */
void desk_print_json(const desk *d, json_t *value);
/* Make desk_print_json() on this thread keep its value in *into (replacing any held there; the
 * caller then owns it) instead of printing it; NULL prints again. The server runs a command so. */
void desk_capture_json(json_t **into);
/* printf to stdout unless the desk is quiet. */
void desk_printf(const desk *d, const char *fmt, ...) DESK_PRINTF(2, 3);

/* ---- print.c: text for people ------------------------------------------------------------ */

/* fprintf to @p out with the control characters of every %s and %c argument escaped (\x1b,
 * \u009b); the format's own newlines and layout are kept. Returns 0, or -1 if the text could not
 * be built or written. */
int desk_vprint_text(FILE *out, const char *fmt, va_list ap);
/* True once building some output failed for lack of memory (part of the output is missing). */
bool desk_output_lost(void);
/* @p s quoted for the POSIX shell: '...' with ' written '\'', or $'...' with \xNN escapes when
 * it holds control characters. A new string the caller frees; NULL when out of memory. */
char *desk_shell_quote(const char *s);
/* printf onto the end of the malloc'd string *s of *length bytes (*s NULL and 0 to start);
 * returns 0, or -1 when out of memory (then *s is unchanged). */
int desk_append(char **s, size_t *length, const char *fmt, ...) DESK_PRINTF(3, 4);

/* A progress line on stderr ("\r<label>: <done>/<total>"), only when stderr is a terminal;
 * desk_progress_done() ends it. @p total may be 0 when unknown. */
void desk_progress(const desk *d, const char *label, long done, long total);
void desk_progress_done(const desk *d);

/* ---- db.c: the store ------------------------------------------------------------------------ */
/* The commands call desk_db_*(); db.c passes each call to the backend of the open database
 * (desk_store_ops): store_sqlite.c and db_open.c for a file, store_postgres.c for a
 * postgresql:// or postgres:// URL. Both keep the same tables (meta, cases, due), the same schema
 * version and migrations (desk_schema_migrations), and give the same rows in the same order. */

/* The schema this desk writes. Version 1: meta, cases, due. Version 2: cases.version, the row's
 * version for optimistic writes. */
#define DESK_SCHEMA_VERSION 2
/* How often a command that met a conflict is run again from its read before giving up. */
#define DESK_MAX_ATTEMPTS 12

/* The statements that take a database of version i + 1 to version i + 2, in both dialects. */
extern const char *const desk_schema_migrations[DESK_SCHEMA_VERSION - 1];

/* True if @p path is a PostgreSQL URL (postgresql:// or postgres://). */
bool desk_db_is_url(const char *path);
/* @p path with any password in it replaced by "***", for messages (a new string, free()). */
char *desk_db_redact(const char *path);
/* Refuse a --db that SQLite would not keep on disk ("", ":memory:", "file:" URIs): exit 2. */
int desk_db_check_path(const char *path);
/* Open the desk database at d->db_path (a file: db_open.c; a URL: store_postgres.c): read-only
 * unless @p write; refuses, changing nothing, a path that is missing (when reading), not a
 * regular file, or a file or database that is not a desk's. A command that writes creates a new
 * database (WAL) where there is no file or an empty one, or the schema in an empty PostgreSQL
 * database. */
int desk_db_open(desk *d, bool write);
/* Recognise the open SQLite database (store_sqlite.c): the desk's, an older desk's (stamped and
 * migrated by the next write), or empty (the schema is created when @p write; *created says so);
 * refuses anything else. */
int desk_db_recognise(desk *d, bool write, bool *created);
/* After a read without locks, fail if the file changed meanwhile (DESK_OK otherwise). */
int desk_db_check_unchanged(desk *d);
void desk_db_close(desk *d);
/* Start the command's transaction: on SQLite BEGIN IMMEDIATE for commands that write, so two
 * desks serialise on the write lock instead of failing on upgrade; BEGIN for readers. The first
 * write transaction on an older schema migrates it (committed or rolled back with the command). */
int desk_db_begin(desk *d, bool write);
/* Commit (ok) or roll back (failure) the command's transaction. Returns DESK_FAILED if the
 * commit itself fails, else @p status. */
int desk_db_end(desk *d, int status);
/* Send what the store holds back for batching (import on PostgreSQL); DESK_OK or a failure. */
int desk_db_flush(desk *d);
/* The command's durability may be relaxed: each commit need not wait for the disk (the demo). */
int desk_db_relax_durability(desk *d);

/* The version a case row is written with (desk_case_row.version, desk_case.version): a new case
 * (inserted; a conflict if another desk inserted it meanwhile), or any (import: insert or
 * replace). A positive version is the one read: written back only if it is still the stored one,
 * else a conflict (DESK_CONFLICT), and the command is retried from its read. */
#define DESK_VERSION_NEW 0
#define DESK_VERSION_ANY (-1)

/* A stored case row: the index columns plus the case's JSON from the case module's encoder. */
typedef struct desk_case_row {
    char *id;
    char *workflow;
    char *state;
    char *customer; /* NULL when none */
    char *tier;     /* NULL when none */
    int severity;   /* 1 (minor) to 5 (severe); 0 when not assessed */
    bool has_price;
    svcr_money price; /* what the customer paid for the service that failed */
    int64_t opened_at;
    int64_t updated_at;
    char *json;
    int64_t version; /* as read (1 and up), or DESK_VERSION_NEW / _ANY when writing */
} desk_case_row;

void desk_case_row_clear(desk_case_row *row);
/* Load a row by id: DESK_OK, DESK_BAD_INPUT (reported) if there is no such case. */
int desk_db_load(desk *d, const char *id, desk_case_row *row);
/* True if a case with @p id exists. */
int desk_db_exists(desk *d, const char *id, bool *exists);
/* Insert or write back a case row as row->version says; DESK_CONFLICT (not reported) when
 * another desk changed or created it meanwhile. */
int desk_db_store(desk *d, const desk_case_row *row);
/* Replace the case's running timers in the due index. */
typedef struct desk_due {
    const char *timer;
    int64_t due_at;
} desk_due;
int desk_db_set_timers(desk *d, const char *id, const desk_due *timers, size_t count);
/* Count the stored cases. */
int desk_db_count(desk *d, long *count);
/* Count the settings (rows of the meta table: calendar, owners, ...). */
int desk_db_settings_count(desk *d, long *count);
/* Delete every case, timer and setting (the demo's --replace), inside the caller's transaction. */
int desk_db_clear(desk *d);
/* Read and write the meta table (key/value text). *value is NULL if the key is absent; the
 * caller frees it with free(). */
int desk_db_meta_get(desk *d, const char *key, char **value);
int desk_db_meta_set(desk *d, const char *key, const char *value);

/* Call @p visit for every case row in id order (bytewise); stops on the first non-zero return. */
typedef int (*desk_row_visitor)(desk *d, const desk_case_row *row, void *user);
int desk_db_each(desk *d, desk_row_visitor visit, void *user);

/* Call @p visit for every running timer of the due index, by case id then timer name. */
typedef int (*desk_due_visitor)(desk *d, const char *case_id, const char *timer, int64_t due_at,
                                void *user);
int desk_db_each_due(desk *d, desk_due_visitor visit, void *user);
/* What the agenda shows of a case: state, customer and tier (NULL when none); the caller frees
 * them with desk_case_brief_clear(). DESK_FAILED (reported) if there is no such case. */
typedef struct desk_case_brief {
    char *state, *customer, *tier;
} desk_case_brief;
int desk_db_case_brief(desk *d, const char *id, desk_case_brief *out);
void desk_case_brief_clear(desk_case_brief *brief);
/* The id of the most severe case in state fix or atone (ties by id) into @p id, "" if none. */
int desk_db_most_severe_to_fix(desk *d, char id[32]);

/* Report a store failure: "svcr-desk: <what>: <the store's message>", returns DESK_FAILED (or
 * DESK_BAD_INPUT for a --db that is not a database). */
int desk_db_error(desk *d, const char *what);

/* A backend: one function per operation above (db.c calls them once the store is open). */
typedef struct desk_store_ops {
    const char *name; /* "SQLite", "PostgreSQL" */
    int (*open)(desk *d, bool write);
    void (*close)(desk *d);
    int (*begin)(desk *d, bool write);
    int (*end)(desk *d, int status);
    int (*flush)(desk *d);
    int (*relax_durability)(desk *d);
    int (*load)(desk *d, const char *id, desk_case_row *row);
    int (*exists)(desk *d, const char *id, bool *exists);
    int (*store)(desk *d, const desk_case_row *row);
    int (*set_timers)(desk *d, const char *id, const desk_due *timers, size_t count);
    int (*count)(desk *d, long *count);
    int (*settings_count)(desk *d, long *count);
    int (*clear)(desk *d);
    int (*meta_get)(desk *d, const char *key, char **value);
    int (*meta_set)(desk *d, const char *key, const char *value);
    int (*each)(desk *d, desk_row_visitor visit, void *user);
    int (*each_due)(desk *d, desk_due_visitor visit, void *user);
    int (*case_brief)(desk *d, const char *id, desk_case_brief *out);
    int (*most_severe_to_fix)(desk *d, char id[32]);
    int (*error)(desk *d, const char *what);
} desk_store_ops;

extern const desk_store_ops desk_store_sqlite;   /* store_sqlite.c */
extern const desk_store_ops desk_store_postgres; /* store_postgres.c, or store_postgres_none.c */
/* "libpq 15.20", or NULL in a build without PostgreSQL. */
const char *desk_store_postgres_version(void);

/* ---- store.c: cases in and out of the database ------------------------------------------- */

/* A case as the desk holds it: the library's case plus what the desk knows about the customer.
 * Customer, tier, severity and price are the host's data, not the workflow's facts, so they live in
 * columns of their own (and in the envelope of an exported line). */
typedef struct desk_case {
    svcr_case *c;
    const svcr_timer_config *timers; /* the desk's calendar bound to the workflow's timers */
    char *customer; /* NULL when unknown */
    char *tier;     /* NULL when unknown: "basic", "silver", "gold", "platinum" */
    int severity;   /* 1 (minor) to 5 (severe); 0 when not assessed */
    bool has_price;
    svcr_money price; /* what the customer paid for the service that failed */
    int64_t version;  /* the stored row's version when loaded, DESK_VERSION_NEW for a new case,
                         DESK_VERSION_ANY for an imported one (it replaces) */
} desk_case;

/* The built-in workflow called @p name, loaded once per run, with its timer configuration:
 * every timer that counts in business time counts in the desk's calendar, which is the JSON
 * calendar stored in the meta table under "calendar", or Monday to Friday 09:00-17:00 UTC. */
int desk_workflow(desk *d, const char *name, const svcr_workflow **out,
                  const svcr_timer_config **timers);
void desk_workflows_free(desk *d);

/* ---- workflows.c: built-in workflows and workflows stored from files ------------------------ */

/* True if a --workflow value names a file (it contains '/' or ends in ".json"), not a workflow. */
bool desk_workflow_is_file(const char *workflow);
/* A new copy of the workflow called @p name: a built-in, or one stored by
 * desk_workflow_store_file(); reports and returns DESK_BAD_INPUT if there is none. */
int desk_workflow_definition(desk *d, const char *name, svcr_workflow **out);
/* Read the workflow in the JSON file @p path and store it in the database under its name (refused
 * if that is a built-in's name or a different stored workflow's); *name receives the name
 * (free()). */
int desk_workflow_store_file(desk *d, const char *path, char **name);

/* Decode a stored row into a case (the row stays the caller's). */
int desk_case_from_row(desk *d, const desk_case_row *row, desk_case *out);
/* Load and decode the case @p id; DESK_BAD_INPUT (reported) if there is none. */
int desk_case_load(desk *d, const char *id, desk_case *out);
/* Encode the case and store it with its index columns and its running timers. */
int desk_case_save(desk *d, const desk_case *dc);
void desk_case_clear(desk_case *dc);

/* Set customer, tier, severity or price ("120.00 EUR") from option text; reports and returns
 * DESK_BAD_INPUT. */
int desk_case_set_customer(desk_case *dc, const char *customer);
int desk_case_set_tier(desk_case *dc, const char *tier);
int desk_case_set_severity(desk_case *dc, const char *severity);
int desk_case_set_price(desk_case *dc, const char *price);
/* True for the tiers the desk knows: basic, silver, gold, platinum. */
bool desk_tier_is_known(const char *tier);
/* Parse "12.50 EUR". */
svcr_status desk_parse_money(const char *text, svcr_money *out);

/* Apply "NAME=VALUE" to the case's facts, typed as the workflow declares NAME ("12.50 EUR" for
 * money, true/false for booleans; an empty VALUE clears the fact). */
int desk_case_set_fact(desk_case *dc, const char *assignment);

/* One exported line: {"customer":...,"tier":...,"severity":...,"price":...,"case":<the case's
 * JSON>}. */
int desk_case_export_line(const desk_case_row *row, char **line);
/* Decode one such line of @p length bytes (import_line.c), validating the case against its
 * workflow. Messages name @p file, line @p number and the column in the line as given. */
int desk_case_import_line(desk *d, const char *line, size_t length, const char *file, long number,
                          desk_case *out);

/* ---- view.c, timers.c: a case as the user sees it ----------------------------------------- */

/* The case as JSON: id, state, guidance, facts, next events (ready or what blocks them), timers
 * at @p at, and with @p full the event log. NULL when out of memory. */
json_t *desk_case_view_json(const desk_case *dc, int64_t at, bool full);
/* The same as text on stdout. */
void desk_case_print(const desk *d, const desk_case *dc, int64_t at, bool full);

/* Refuse (exit status 2, the message names @p what) a time outside the years the library writes
 * (0000-9999), before any arithmetic on it. */
int desk_check_time(int64_t t, const char *what);

/* A timer of a case at some moment (from svcr_case_timer()). */
enum { DESK_TIMER_RUNNING, DESK_TIMER_MET, DESK_TIMER_BREACHED };
typedef struct desk_timer_outcome {
    const char *name;      /* owned by the workflow */
    svcr_timer_state state;
    int status;            /* DESK_TIMER_RUNNING (not yet decided), _MET or _BREACHED */
    bool has_due;
    int64_t due_at;
    int64_t remaining;     /* seconds in the timer's calendar; negative when overdue */
    bool business;         /* counts business time, not elapsed time */
    int64_t breached_at;   /* when status is DESK_TIMER_BREACHED */
    bool stopped;          /* no longer counting */
} desk_timer_outcome;

/* The case's started timers at @p at, oldest first, in a new array *out the caller frees.
 * Reports a failure, naming the case and the timer the library cannot compute. */
int desk_case_timers(const desk_case *dc, int64_t at, desk_timer_outcome **out, size_t *count);
/* The case's running timers and their due times (names owned by the workflow), for the index:
 * all of them, in a new array *out the caller frees. Reports a failure. */
int desk_case_due(const desk_case *dc, desk_due **out, size_t *count);
/* Each timer's status at @p at, as a JSON array (null after reporting a failure) / as text lines
 * (a line saying they are not shown after reporting a failure). */
json_t *desk_case_timers_json(const desk_case *dc, int64_t at);
void desk_case_print_timers(const desk *d, const desk_case *dc, int64_t at);

/* Print the agenda (cmd_due.c); takes the references to both arrays of entries. */
void desk_print_agenda(const desk *d, int64_t at, int64_t within, size_t running, json_t *overdue,
                       json_t *coming);

/* ---- cmd_offer.c: atonement sizing -------------------------------------------------------- */

typedef struct desk_offer {
    char *summary;  /* every offer, e.g. "refund 520.00 EUR + credit 130.00 EUR", for the atonement
                       fact; never cut */
    bool has_amount;
    svcr_money amount;
    char *approval; /* the level that may make the offer (the acting one, or whom to escalate to) */
} desk_offer;

/* Size the atonement for a case from its severity and tier with the decision table in
 * @p table_file (NULL: the built-in seed table "severity-value"). Reports failures. On success
 * the caller frees the offer with desk_offer_clear(). */
int desk_offer_for_case(desk *d, const desk_case *dc, const char *table_file, desk_offer *out);
void desk_offer_clear(desk_offer *offer);

/* ---- commands ------------------------------------------------------------------------------- */

/* How main.c prepares the database for a command. */
typedef enum desk_access {
    DESK_NO_DB,     /* works without the database (check-reply) */
    DESK_READ,      /* one read transaction */
    DESK_WRITE,     /* one write transaction (BEGIN IMMEDIATE), retried on a conflict */
    DESK_OWN_DB,    /* opens the database and runs its transactions itself (demo) */
} desk_access;

typedef struct desk_command {
    const char *name;
    const char *usage;   /* arguments, for --help */
    const char *summary; /* one line */
    desk_access access;
    int (*run)(desk *d, int argc, char **argv);
} desk_command;

/* The command called @p name, or NULL. */
const desk_command *desk_find_command(const char *name);
/* Run a command on the open database inside its own transaction (committed if it succeeds); a
 * command that meets a conflict is rolled back and run again, up to DESK_MAX_ATTEMPTS times,
 * then DESK_CONFLICT is reported. */
int desk_run_command(desk *d, const desk_command *command, int argc, char **argv);

/* The work of open and apply, also called by the demo. On success *out holds the stored case. */
typedef struct desk_open_args {
    const char *id, *expectation, *customer, *tier, *severity, *price, *workflow;
    int64_t at;
} desk_open_args;
int desk_open_case(desk *d, const desk_open_args *args, desk_case *out);

typedef struct desk_apply_args {
    const char *id, *event, *role, *note, *severity, *price;
    const char *const *facts; /* "NAME=VALUE" */
    size_t fact_count;
    int64_t at;
} desk_apply_args;
int desk_apply_event(desk *d, const desk_apply_args *args, desk_case *out);

int desk_cmd_open(desk *d, int argc, char **argv);
int desk_cmd_apply(desk *d, int argc, char **argv);
int desk_cmd_show(desk *d, int argc, char **argv);
int desk_cmd_due(desk *d, int argc, char **argv);
int desk_cmd_offer(desk *d, int argc, char **argv);
int desk_cmd_check_reply(desk *d, int argc, char **argv);
int desk_cmd_report(desk *d, int argc, char **argv);
int desk_cmd_export(desk *d, int argc, char **argv);
int desk_cmd_import(desk *d, int argc, char **argv);
int desk_cmd_demo(desk *d, int argc, char **argv);
/* The HTTP service and its tokens (serve.c, tokens.c; stubs in serve_missing.c when the desk is
 * built without libmicrohttpd and libsodium). */
int desk_cmd_serve(desk *d, int argc, char **argv);
int desk_cmd_token(desk *d, int argc, char **argv);

#endif
