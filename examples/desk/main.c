/* svcr-desk: a recovery desk on libsvcrecover, keeping its cases in SQLite or PostgreSQL.
 *
 * main() takes the global options (--db, --json; anywhere on the line; SVCR_DESK_DB when there is
 * no --db), finds the command and runs it inside one transaction, committed only if the command
 * succeeds. A command that writes and meets another desk's change of the same case is rolled back
 * and run again from its read (desk_run_command). */
#include "desk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const desk_command commands[] = {
    {"open", "ID --expectation TEXT [--customer ID] [--tier TIER] [--severity 1-5]\n"
             "        [--price AMOUNT] [--workflow NAME|FILE.json] [--at TIME]",
     "open a recovery case for an unmet expectation", DESK_WRITE, desk_cmd_open},
    {"apply", "ID EVENT [--fact NAME=VALUE]... [--role ROLE] [--note TEXT] [--at TIME]\n"
              "        [--severity 1-5] [--price AMOUNT]",
     "record an event (apologized, listened, fixed, ...) on a case", DESK_WRITE, desk_cmd_apply},
    {"show", "ID [--at TIME]",
     "state, facts, log, timers, guidance and allowed events of a case", DESK_READ, desk_cmd_show},
    {"due", "[--at TIME] [--within DURATION]", "the agenda: overdue and soon-due timers",
     DESK_READ, desk_cmd_due},
    {"offer", "ID [--table FILE] [--authority LEVEL] [--explain]",
     "size the atonement for a case and the approval it needs", DESK_READ, desk_cmd_offer},
    {"check-reply", "TEXT [--phrases FILE]", "check a draft reply for discouraged phrases", DESK_NO_DB,
     desk_cmd_check_reply},
    {"report", "[--at TIME] [--questionnaire FILE]",
     "insight metrics, root-cause Pareto and the maturity stage", DESK_READ, desk_cmd_report},
    {"export", "[--split N DIR]", "print every case as JSON lines (--split: into N files in a new DIR)", DESK_READ, desk_cmd_export},
    {"import", "[FILE] [--workflow FILE.json]...",
     "add or replace cases from JSON lines (stdin when no FILE)", DESK_WRITE,
     desk_cmd_import},
    {"demo", "[--replace]", "play a month of recovery cases into a new database and report\n"
     "      (--replace: replace the contents of a desk database that is not empty)", DESK_OWN_DB,
     desk_cmd_demo},
    {"serve", "--listen ADDRESS:PORT [--threads N] [--connections N] [--body-limit BYTES]\n"
              "        [--idle-timeout S] [--request-timeout S] [--grace S] [--intake FILE]... [--web DIR]",
     "the desk as an HTTP service: the /v1 JSON API and the agent page (SIGTERM stops)",
     DESK_OWN_DB, desk_cmd_serve},
    {"token", "add NAME --role ROLE | list | revoke NAME",
     "API tokens for serve (add prints the new token once, on its last line)", DESK_OWN_DB,
     desk_cmd_token},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: svcr-desk [--db PATH|URL] [--json] COMMAND [ARGS]\n\n"
                 "A recovery desk on libsvcrecover %s. Cases live in SQLite (default ./%s), or in\n"
                 "PostgreSQL with --db postgresql://... (also SVCR_DESK_DB in the environment).\n"
                 "Times are ISO 8601 (2026-11-23T09:00:00Z) or epoch seconds written @1795424400 (a bare\n"
                 "number such as 20261123 is refused as ambiguous), in years 0001-9999; default now.\n\n"
                 "commands:\n", svcr_version(), DESK_DEFAULT_DB);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %s%s%s\n      %s\n", commands[i].name, commands[i].usage[0] ? " " : "",
                commands[i].usage, commands[i].summary);
    fprintf(out, "\nexit status: 0 done; 2 bad input (database unchanged); 1 other failure;\n"
                 "3 the output could not be written (a command that writes has stored its change,\n"
                 "and the message says so: do not run it again); 4 other desks kept changing the\n"
                 "case (nothing was changed: run it again)\n");
}

/* The exit status once the command has run: @p rc (the database's outcome), unless stdout could
 * not be written (a full disk, a closed pipe), which must not pass for success. A command that
 * writes has committed by now, so its message says the change was kept: retrying it would
 * apply it twice. */
static int finish_output(int rc, bool stored)
{
    int flushed = fflush(stdout);
    int error = errno;
    if (flushed == 0 && !ferror(stdout) && !desk_output_lost() && rc != DESK_OUTPUT_FAILED)
        return rc;
    if (rc != DESK_OK && rc != DESK_OUTPUT_FAILED)
        return rc; /* the command's own failure says more */
    const char *reason = flushed != 0 ? strerror(error) : "incomplete";
    if (stored)
        fprintf(stderr, "svcr-desk: the change was stored, but writing its output failed (%s)\n",
                reason);
    else
        fprintf(stderr, "svcr-desk: writing the output failed (%s)\n", reason);
    return DESK_OUTPUT_FAILED;
}

const desk_command *desk_find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* A short random pause before attempt @p attempt + 1, growing with the attempts (up to ~64 ms),
 * so that desks that met on one case do not meet again in step. */
static void back_off(int attempt)
{
    static unsigned seed;
    if (seed == 0)
        seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    long limit_us = 1000L << (attempt < 6 ? attempt : 6);
    struct timespec pause = {0, (rand_r(&seed) % limit_us) * 1000L};
    nanosleep(&pause, NULL);
}

int desk_run_command(desk *d, const desk_command *command, int argc, char **argv)
{
    if (command->access == DESK_NO_DB || command->access == DESK_OWN_DB)
        return command->run(d, argc, argv);
    for (int attempt = 1;; attempt++) {
        int rc = desk_db_begin(d, command->access == DESK_WRITE);
        if (rc == DESK_OK)
            rc = desk_db_end(d, command->run(d, argc, argv));
        if (rc != DESK_CONFLICT)
            return rc;
        d->conflicts++;
        if (attempt == DESK_MAX_ATTEMPTS) {
            fprintf(stderr, "svcr-desk: %s: %s: other desks changed the same case while this "
                            "command ran, %d times (each time it was run again from its read); "
                            "nothing was changed: run it again\n",
                    d->db_path, command->name, attempt);
            return DESK_CONFLICT;
        }
        back_off(attempt);
    }
}

static int run(desk *d, const desk_command *command, int argc, char **argv)
{
    if (command->access == DESK_NO_DB || command->access == DESK_OWN_DB)
        return command->run(d, argc, argv);
    int rc = desk_db_open(d, command->access == DESK_WRITE);
    if (rc == DESK_OK)
        rc = desk_run_command(d, command, argc, argv);
    desk_db_close(d);
    return rc;
}

int main(int argc, char **argv)
{
    desk d = {.db_path = NULL, .progress = isatty(STDERR_FILENO) == 1, .now = (int64_t)time(NULL)};
    const char *db = NULL;

    /* Take the global options out of argv wherever they are; the rest is the command's. */
    int kept = 0;
    for (int i = 1; i < argc; i++) {
        const char *value;
        int m = desk_option(argc, argv, &i, "--db", &value);
        if (m < 0)
            return DESK_BAD_INPUT;
        if (m > 0) {
            db = value;
            continue;
        }
        if (strcmp(argv[i], "--json") == 0) {
            d.json = true;
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return finish_output(DESK_OK, false);
        }
        if (strcmp(argv[i], "--version") == 0) {
            const char *pq = desk_store_postgres_version();
            printf("svcr-desk (libsvcrecover %s, SQLite %s, %s)\n", svcr_version(),
                   sqlite3_libversion(), pq != NULL ? pq : "built without PostgreSQL");
            return finish_output(DESK_OK, false);
        }
        argv[kept++] = argv[i];
    }
    if (kept == 0) {
        usage(stderr);
        return DESK_BAD_INPUT;
    }
    const desk_command *command = desk_find_command(argv[0]);
    if (command == NULL) {
        if (strcmp(argv[0], "help") == 0) {
            usage(stdout);
            return finish_output(DESK_OK, false);
        }
        desk_bad_input("unknown command \"%s\" (try svcr-desk --help)", argv[0]);
        return DESK_BAD_INPUT;
    }
    if (db == NULL)
        db = getenv("SVCR_DESK_DB");
    if (db == NULL)
        db = DESK_DEFAULT_DB;
    /* Messages name the database without the password a URL may hold. */
    char *shown = desk_db_redact(db);
    if (shown == NULL)
        return desk_failure("out of memory");
    d.db_path = shown;
    d.db_url = desk_db_is_url(db) ? db : NULL;
    int rc = run(&d, command, kept - 1, argv + 1);
    desk_workflows_free(&d);
    free(shown);
    return finish_output(rc, command->access == DESK_WRITE || command->access == DESK_OWN_DB);
}
