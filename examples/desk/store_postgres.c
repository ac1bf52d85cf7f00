/* The desk's PostgreSQL store, through libpq: --db postgresql://... or postgres://...
 *
 * The same tables as the SQLite store (store_sqlite.c): meta, cases and due, in the schema of the
 * connection (current_schema()), and one more, desk_schema, with the desk's application id and the
 * schema version. A database is the desk's when desk_schema holds DESK_APPLICATION_ID; it is new
 * when its schema has no table at all (then a command that writes creates the desk's tables); any
 * other database is refused before anything is written to it.
 *
 * Text columns that are sorted (ids, timers) use the "C" collation, so that rows come out in
 * bytewise order as they do from SQLite, whatever the database's locale: export is the same bytes.
 *
 * Concurrency: optimistic. Each case row has a version; a command reads the row (READ COMMITTED),
 * applies the event through the library, and writes back with UPDATE ... WHERE version = the one
 * it read. If another desk committed a change of the case meanwhile, no row is updated: the
 * command's transaction is rolled back and the command runs again from its read (main.c), a
 * bounded number of times. Row locks (SELECT ... FOR UPDATE) would serialise the same way, but
 * would hold the lock while the library replays the case and the desk computes its offers; the
 * optimistic write holds it only from the UPDATE to the COMMIT, and reads never wait.
 *
 * Import sends its cases in batches (COPY into temporary tables, then one upsert per batch),
 * instead of three round trips per case. References: https://www.postgresql.org/docs/current/
 * libpq.html, sql-copy.html, errcodes-appendix.html. */
#include "desk.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cases per import batch. */
#define BATCH_ROWS 2000

static const char schema_v1[] =
    "CREATE TABLE desk_schema(application_id BIGINT NOT NULL, version INTEGER NOT NULL);"
    "CREATE TABLE meta(key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE cases("
    "  id TEXT COLLATE \"C\" PRIMARY KEY,"
    "  workflow TEXT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  customer TEXT COLLATE \"C\","
    "  tier TEXT,"
    "  severity INTEGER,"
    "  price_minor BIGINT,"
    "  price_currency TEXT,"
    "  opened_at BIGINT NOT NULL,"
    "  updated_at BIGINT NOT NULL,"
    "  json TEXT NOT NULL);"
    "CREATE INDEX cases_by_state ON cases(state);"
    "CREATE INDEX cases_by_customer ON cases(customer, opened_at);"
    "CREATE TABLE due("
    "  case_id TEXT COLLATE \"C\" NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  timer TEXT COLLATE \"C\" NOT NULL,"
    "  due_at BIGINT NOT NULL,"
    "  PRIMARY KEY(case_id, timer));"
    "CREATE INDEX due_by_time ON due(due_at);";

#define ROW_COLUMNS                                                                          \
    "id, workflow, state, customer, tier, severity, price_minor, price_currency, opened_at, "  \
    "updated_at, json"
#define ROW_SET                                                                                \
    "workflow = $2, state = $3, customer = $4, tier = $5, severity = $6, price_minor = $7, "   \
    "price_currency = $8, opened_at = $9, updated_at = $10, json = $11"

/* The prepared statements, prepared on first use per connection. */
enum { ST_LOAD, ST_LOAD_V1, ST_EXISTS, ST_INSERT, ST_UPDATE, ST_DUE_DELETE, ST_DUE_INSERT,
       ST_META_GET, ST_META_SET, ST_BRIEF, ST_COUNT };
static const struct {
    const char *sql;
    int params;
} statements[ST_COUNT] = {
    [ST_LOAD] = {"SELECT " ROW_COLUMNS ", version FROM cases WHERE id = $1", 1},
    [ST_LOAD_V1] = {"SELECT " ROW_COLUMNS ", 1 FROM cases WHERE id = $1", 1},
    [ST_EXISTS] = {"SELECT 1 FROM cases WHERE id = $1", 1},
    [ST_INSERT] = {"INSERT INTO cases(" ROW_COLUMNS ", version) VALUES ($1, $2, $3, $4, $5, $6, "
                   "$7, $8, $9, $10, $11, 1) ON CONFLICT (id) DO NOTHING", 11},
    [ST_UPDATE] = {"UPDATE cases SET " ROW_SET ", version = version + 1 WHERE id = $1 AND "
                   "version = $12", 12},
    [ST_DUE_DELETE] = {"DELETE FROM due WHERE case_id = $1", 1},
    [ST_DUE_INSERT] = {"INSERT INTO due(case_id, timer, due_at) VALUES ($1, $2, $3)", 3},
    [ST_META_GET] = {"SELECT value FROM meta WHERE key = $1", 1},
    [ST_META_SET] = {"INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE "
                     "SET value = excluded.value", 2},
    [ST_BRIEF] = {"SELECT state, customer, tier FROM cases WHERE id = $1", 1},
};

typedef struct buffer {
    char *text;
    size_t length, capacity;
} buffer;

struct desk_pg {
    PGconn *conn;
    int uses[ST_COUNT];   /* a statement is prepared at its second use: a command that runs it
                             once costs one round trip, an import's thousands run prepared */
    bool committing;   /* the COMMIT is on its way: a lost connection leaves the outcome unknown */
    bool read_only;    /* the server takes no writes */
    /* Import batching: cases and their timers as COPY text, flushed every BATCH_ROWS cases. */
    buffer cases, due;
    long batch_rows, seq;
    char *batch_last_id; /* the last case batched: its timers go into the batch too */
    bool temp_tables;    /* the batch's temporary tables exist in this transaction */
    bool upsert_pending; /* a batch's upsert is on the server: the desk reads the next lines
                            meanwhile, and collects its result before anything else */
    int cursors;         /* for unique cursor names */
};

const char *desk_store_postgres_version(void)
{
    static char text[32];
    int v = PQlibVersion();
    snprintf(text, sizeof text, "libpq %d.%d", v / 10000, v % 10000);
    return text;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* libpq's message without its trailing newline, and only its first line. */
static const char *first_line(const char *message, char out[512])
{
    snprintf(out, 512, "%s", message != NULL && message[0] != '\0' ? message : "unknown error");
    char *newline = strchr(out, '\n');
    if (newline != NULL)
        *newline = '\0';
    return out;
}

/* Report the failure of @p result (NULL: of the connection) and clear it. A lost connection, a
 * read-only server and a conflict (serialization failure, deadlock) each get their own outcome. */
static int pg_failed(desk *d, PGresult *result, const char *what)
{
    char message[512];
    const char *state = result != NULL ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL;
    first_line(result != NULL ? PQresultErrorMessage(result) : PQerrorMessage(d->pg->conn),
               message);
    if (result != NULL && (message[0] == '\0' || strcmp(message, "unknown error") == 0))
        first_line(PQerrorMessage(d->pg->conn), message);
    PQclear(result);
    int rc;
    if (PQstatus(d->pg->conn) == CONNECTION_BAD) {
        if (d->pg->committing)
            rc = desk_failure("%s: %s: the connection to the PostgreSQL server was lost while "
                              "committing (%s): the change may or may not have been stored; "
                              "look at the case before running the command again", d->db_path,
                              what, message);
        else
            rc = desk_failure("%s: %s: the connection to the PostgreSQL server was lost (%s); "
                              "the command's transaction was not committed: nothing was "
                              "changed", d->db_path, what, message);
    } else if (state != NULL && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
        rc = DESK_CONFLICT; /* retried by main.c, which reports when it gives up */
    } else if (state != NULL && strcmp(state, "25006") == 0) {
        rc = desk_bad_input("%s: the PostgreSQL server is read-only here (%s) and this command "
                            "writes; nothing was changed", d->db_path, message);
    } else {
        rc = desk_failure("%s: %s: %s", d->db_path, what, message);
    }
    return rc;
}

static int pg_error(desk *d, const char *what)
{
    if (d->pg == NULL || d->pg->conn == NULL)
        return desk_failure("%s: %s: not connected", d->db_path, what);
    return pg_failed(d, NULL, what);
}

/* Run @p sql (one or more statements, no parameters); DESK_OK if it ends as @p expected. */
static int exec(desk *d, const char *sql, const char *what)
{
    PGresult *r = PQexec(d->pg->conn, sql);
    ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return pg_failed(d, r, what);
    PQclear(r);
    return DESK_OK;
}

/* Run the prepared statement @p which with @p values (NULL: SQL NULL); *result is the result
 * (PQclear it) when DESK_OK. */
static int run(desk *d, int which, const char *const *values, const char *what, PGresult **result)
{
    struct desk_pg *pg = d->pg;
    char name[8];
    snprintf(name, sizeof name, "s%d", which);
    if (++pg->uses[which] == 2) {
        PGresult *r = PQprepare(pg->conn, name, statements[which].sql, statements[which].params,
                                NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            return pg_failed(d, r, what);
        PQclear(r);
    }
    PGresult *r = pg->uses[which] == 1
                      ? PQexecParams(pg->conn, statements[which].sql, statements[which].params,
                                     NULL, values, NULL, NULL, 0)
                      : PQexecPrepared(pg->conn, name, statements[which].params, values, NULL,
                                       NULL, 0);
    ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return pg_failed(d, r, what);
    *result = r;
    return DESK_OK;
}

/* One value of the first row, as an integer. */
static int query_int(desk *d, const char *sql, long long *value, const char *what)
{
    PGresult *r = PQexec(d->pg->conn, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
        return pg_failed(d, r, what);
    *value = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return DESK_OK;
}

/* ---- import batches --------------------------------------------------------------------------- */

static int append(buffer *b, const char *text, size_t length)
{
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? 2 * b->capacity : 1 << 16;
        while (capacity < b->length + length + 1)
            capacity *= 2;
        char *grown = realloc(b->text, capacity);
        if (grown == NULL)
            return -1;
        b->text = grown;
        b->capacity = capacity;
    }
    memcpy(b->text + b->length, text, length);
    b->length += length;
    return 0;
}

/* A field of COPY's text format: \N for NULL, backslash, tab, newline and return escaped; then
 * a tab, or a newline after the last field. */
static int append_field(buffer *b, const char *value, bool last)
{
    int rc = 0;
    if (value == NULL) {
        rc = append(b, "\\N", 2);
    } else {
        const char *run = value;
        for (const char *p = value; rc == 0; p++) {
            const char *escape = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n"
                               : *p == '\r' ? "\\r" : NULL;
            if (escape == NULL && *p != '\0')
                continue;
            rc = append(b, run, (size_t)(p - run));
            if (*p == '\0')
                break;
            if (rc == 0)
                rc = append(b, escape, 2);
            run = p + 1;
        }
    }
    return rc == 0 ? append(b, last ? "\n" : "\t", 1) : rc;
}

static int append_number(buffer *b, long long value, bool present, bool last)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", value);
    return append_field(b, present ? text : NULL, last);
}

static void batch_discard(struct desk_pg *pg)
{
    pg->cases.length = pg->due.length = 0;
    pg->batch_rows = 0;
    free(pg->batch_last_id);
    pg->batch_last_id = NULL;
}

static int copy_in(desk *d, const char *sql, const buffer *b)
{
    PGresult *r = PQexec(d->pg->conn, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN)
        return pg_failed(d, r, "importing");
    PQclear(r);
    if (PQputCopyData(d->pg->conn, b->text, (int)b->length) != 1 ||
        PQputCopyEnd(d->pg->conn, NULL) != 1)
        return pg_error(d, "importing");
    int rc = DESK_OK;
    while ((r = PQgetResult(d->pg->conn)) != NULL) {
        if (rc == DESK_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_failed(d, r, "importing");
        else
            PQclear(r);
    }
    return rc;
}

/* Wait for the batch upsert sent last, if any. */
static int batch_collect(desk *d)
{
    struct desk_pg *pg = d->pg;
    if (pg == NULL || !pg->upsert_pending)
        return DESK_OK;
    pg->upsert_pending = false;
    int rc = DESK_OK;
    PGresult *r;
    while ((r = PQgetResult(pg->conn)) != NULL) {
        if (rc == DESK_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_failed(d, r, "importing");
        else
            PQclear(r);
    }
    if (rc == DESK_OK && PQstatus(pg->conn) == CONNECTION_BAD)
        rc = pg_error(d, "importing");
    return rc;
}

/* Send the batched cases: COPY them into temporary tables, then upsert the last line of each id
 * (a later line of the same import replaces an earlier one, as one by one) and its timers. The
 * upsert runs on the server while the desk decodes the next batch (batch_collect()). */
static int batch_send(desk *d)
{
    struct desk_pg *pg = d->pg;
    int rc = batch_collect(d);
    if (rc != DESK_OK || pg == NULL || pg->batch_rows == 0) {
        if (pg != NULL && rc != DESK_OK)
            batch_discard(pg);
        return rc;
    }
    if (!pg->temp_tables) {
        rc = exec(d, "CREATE TEMPORARY TABLE desk_import_cases(seq BIGINT, id TEXT, workflow TEXT,"
                     " state TEXT, customer TEXT, tier TEXT, severity INTEGER, price_minor BIGINT,"
                     " price_currency TEXT, opened_at BIGINT, updated_at BIGINT, json TEXT)"
                     " ON COMMIT DROP;"
                     "CREATE TEMPORARY TABLE desk_import_due(seq BIGINT, case_id TEXT, timer TEXT,"
                     " due_at BIGINT) ON COMMIT DROP", "importing");
        pg->temp_tables = rc == DESK_OK;
    }
    if (rc == DESK_OK)
        rc = copy_in(d, "COPY desk_import_cases FROM STDIN", &pg->cases);
    if (rc == DESK_OK && pg->due.length > 0)
        rc = copy_in(d, "COPY desk_import_due FROM STDIN", &pg->due);
    if (rc == DESK_OK && PQsendQuery(pg->conn,
                  "INSERT INTO cases(" ROW_COLUMNS ", version) SELECT DISTINCT ON (id) "
                  ROW_COLUMNS ", 1 FROM desk_import_cases ORDER BY id, seq DESC "
                  "ON CONFLICT (id) DO UPDATE SET workflow = excluded.workflow, "
                  "state = excluded.state, customer = excluded.customer, tier = excluded.tier, "
                  "severity = excluded.severity, price_minor = excluded.price_minor, "
                  "price_currency = excluded.price_currency, opened_at = excluded.opened_at, "
                  "updated_at = excluded.updated_at, json = excluded.json, "
                  "version = cases.version + 1;"
                  "DELETE FROM due WHERE case_id IN (SELECT id FROM desk_import_cases);"
                  "INSERT INTO due(case_id, timer, due_at) SELECT u.case_id, u.timer, u.due_at "
                  "FROM desk_import_due u JOIN (SELECT id, max(seq) AS seq FROM "
                  "desk_import_cases GROUP BY id) l ON l.id = u.case_id AND l.seq = u.seq;"
                  "TRUNCATE desk_import_cases, desk_import_due") != 1)
        rc = pg_error(d, "importing");
    pg->upsert_pending = rc == DESK_OK;
    batch_discard(pg);
    return rc;
}

/* Everything batched, stored. */
static int batch_flush(desk *d)
{
    int rc = batch_send(d);
    return rc == DESK_OK ? batch_collect(d) : rc;
}

/* Every operation but the batched ones first sends what is batched. */
#define FLUSH_FIRST(d)                                                                       \
    do {                                                                                     \
        int flushed_ = batch_flush(d);                                                       \
        if (flushed_ != DESK_OK)                                                             \
            return flushed_;                                                                 \
    } while (0)

static int batch_case(desk *d, const desk_case_row *row)
{
    struct desk_pg *pg = d->pg;
    buffer *b = &pg->cases;
    pg->seq++;
    int failed = append_number(b, pg->seq, true, false) | append_field(b, row->id, false) |
                 append_field(b, row->workflow, false) | append_field(b, row->state, false) |
                 append_field(b, row->customer, false) | append_field(b, row->tier, false) |
                 append_number(b, row->severity, row->severity > 0, false) |
                 append_number(b, row->price.amount_minor, row->has_price, false) |
                 append_field(b, row->has_price ? row->price.currency : NULL, false) |
                 append_number(b, row->opened_at, true, false) |
                 append_number(b, row->updated_at, true, false) | append_field(b, row->json, true);
    free(pg->batch_last_id);
    pg->batch_last_id = strdup(row->id);
    if (failed || pg->batch_last_id == NULL)
        return desk_failure("out of memory");
    pg->batch_rows++;
    return DESK_OK;
}

static int batch_timers(desk *d, const char *id, const desk_due *timers, size_t count)
{
    struct desk_pg *pg = d->pg;
    int failed = 0;
    for (size_t i = 0; i < count; i++)
        failed |= append_number(&pg->due, pg->seq, true, false) | append_field(&pg->due, id, false) |
                  append_field(&pg->due, timers[i].timer, false) |
                  append_number(&pg->due, timers[i].due_at, true, true);
    if (failed)
        return desk_failure("out of memory");
    return pg->batch_rows >= BATCH_ROWS ? batch_send(d) : DESK_OK;
}

/* ---- opening: connect, recognise, create ------------------------------------------------------- */

typedef enum { DB_EMPTY, DB_DESK } db_kind;

/* What the database is (in the schema of the connection), inside the caller's transaction. */
static int classify(desk *d, db_kind *kind)
{
    PGresult *r = PQexec(d->pg->conn,
        "SELECT current_schema() IS NOT NULL,"
        " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        "  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')),"
        " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        "  WHERE n.nspname = current_schema() AND c.relname = 'desk_schema' AND c.relkind = 'r'),"
        " current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery()");
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
        return pg_failed(d, r, "recognising the database");
    d->pg->read_only = strcmp(PQgetvalue(r, 0, 3), "t") == 0;
    bool has_schema = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    long long relations = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
    bool has_desk_schema = strcmp(PQgetvalue(r, 0, 2), "1") == 0;
    PQclear(r);
    if (!has_schema)
        return desk_bad_input("%s: the connection has no schema to work in (search_path); the "
                              "desk changed nothing", d->db_path);
    if (relations == 0) {
        *kind = DB_EMPTY;
        return DESK_OK;
    }
    if (!has_desk_schema)
        return desk_bad_input("%s: a PostgreSQL database that is not the desk's (it has tables, "
                              "and no desk_schema table); the desk changed nothing", d->db_path);
    r = PQexec(d->pg->conn, "SELECT application_id, version FROM desk_schema");
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        return pg_failed(d, r, "recognising the database");
    long long application_id = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : -1;
    long long version = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 1), NULL, 10) : -1;
    PQclear(r);
    if (application_id != DESK_APPLICATION_ID)
        return desk_bad_input("%s: a PostgreSQL database of another program (its desk_schema "
                              "table does not hold the desk's application id 0x%08x); the desk "
                              "changed nothing", d->db_path, DESK_APPLICATION_ID);
    if (version < 1 || version > DESK_SCHEMA_VERSION)
        return desk_bad_input("%s: a desk database of schema version %lld; this desk reads "
                              "versions 1 to %d%s and changed nothing", d->db_path, version,
                              DESK_SCHEMA_VERSION, version > DESK_SCHEMA_VERSION
                                                       ? " (a newer desk's)" : "");
    d->schema_version = (int)version;
    *kind = DB_DESK;
    return DESK_OK;
}

/* Serialise the desks that create or migrate the schema of this database (released at the end of
 * the transaction). */
static int lock_schema(desk *d)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)", (int)DESK_APPLICATION_ID);
    return exec(d, sql, "locking the schema");
}

static int migrate(desk *d)
{
    int rc = DESK_OK;
    for (int v = d->schema_version; v < DESK_SCHEMA_VERSION && rc == DESK_OK; v++)
        rc = exec(d, desk_schema_migrations[v - 1], "migrating the schema");
    char sql[64];
    snprintf(sql, sizeof sql, "UPDATE desk_schema SET version = %d", DESK_SCHEMA_VERSION);
    return rc == DESK_OK ? exec(d, sql, "migrating the schema") : rc;
}

static int create(desk *d)
{
    int rc = exec(d, schema_v1, "creating the schema");
    char sql[96];
    snprintf(sql, sizeof sql, "INSERT INTO desk_schema VALUES (%d, 1)", (int)DESK_APPLICATION_ID);
    if (rc == DESK_OK)
        rc = exec(d, sql, "creating the schema");
    d->schema_version = 1;
    if (rc == DESK_OK)
        rc = migrate(d);
    d->schema_version = DESK_SCHEMA_VERSION;
    return rc;
}

/* Connect; a login the server refuses is a wrong --db (exit 2), a server that cannot be reached
 * a failure (exit 1). */
static int connect_to(desk *d)
{
    /* The URL's own settings override the ones before "dbname" (libpq's expand_dbname). */
    static const char *const keys[] = {"connect_timeout", "options", "dbname",
                                       "fallback_application_name", "client_encoding", NULL};
    const char *values[] = {"10", "-c client_min_messages=warning",
                            d->db_url != NULL ? d->db_url : d->db_path, "svcr-desk", "UTF8", NULL};
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    d->pg->conn = conn;
    if (conn == NULL)
        return desk_failure("out of memory");
    PQsetNoticeProcessor(conn, ignore_notice, NULL);
    if (PQstatus(conn) == CONNECTION_OK)
        return DESK_OK;
    char message[512];
    first_line(PQerrorMessage(conn), message);
    const char *full = PQerrorMessage(conn);
    if (PQconnectionUsedPassword(conn) || PQconnectionNeedsPassword(conn) ||
        strstr(full, "authentication failed") != NULL || strstr(full, "does not exist") != NULL ||
        strstr(full, "no password supplied") != NULL || strstr(full, "no pg_hba.conf") != NULL)
        return desk_bad_input("%s: the PostgreSQL server refused the connection: %s; check the "
                              "user, password and database of --db", d->db_path, message);
    return desk_failure("%s: cannot reach the PostgreSQL server: %s", d->db_path, message);
}

static int pg_begin(desk *d, bool write);
static int pg_end(desk *d, int status);
static void pg_close(desk *d);

static int pg_open(desk *d, bool write)
{
    if ((d->pg = calloc(1, sizeof *d->pg)) == NULL)
        return desk_failure("out of memory");
    d->schema_version = DESK_SCHEMA_VERSION;
    int rc = connect_to(d);
    db_kind kind = DB_DESK;
    /* Outside a transaction: each query is atomic, and a database found empty is classified
     * again under the lock before anything is created. */
    if (rc == DESK_OK)
        rc = classify(d, &kind);
    if (rc == DESK_OK && write && d->pg->read_only)
        rc = desk_bad_input("%s: the PostgreSQL server is read-only (default_transaction_read_only"
                            " or a standby) and this command writes; nothing was changed",
                            d->db_path);
    if (rc == DESK_OK && kind == DB_EMPTY) {
        if (!write)
            rc = desk_bad_input("%s: the database has no desk tables yet (open or import creates "
                                "them)", d->db_path);
        /* Two desks may race to create the tables: classify again under the lock. */
        else if ((rc = exec(d, "BEGIN", "starting a transaction")) == DESK_OK) {
            rc = lock_schema(d);
            if (rc == DESK_OK)
                rc = classify(d, &kind);
            if (rc == DESK_OK && kind == DB_EMPTY)
                rc = create(d);
            rc = pg_end(d, rc);
        }
    }
    /* An older schema is read as it is; the first command that writes migrates it, in the
     * command's own transaction. */
    if (rc == DESK_OK && write && d->schema_version < DESK_SCHEMA_VERSION)
        d->migrate_pending = true;
    if (rc != DESK_OK)
        pg_close(d);
    return rc;
}

static void pg_close(desk *d)
{
    if (d->pg == NULL)
        return;
    PQfinish(d->pg->conn);
    batch_discard(d->pg);
    free(d->pg->cases.text);
    free(d->pg->due.text);
    free(d->pg);
    d->pg = NULL;
}

static int pg_begin(desk *d, bool write)
{
    /* Readers see one snapshot of the whole database (an export is consistent); writers read
     * committed rows and write back only rows whose version is the one they read. */
    int rc = exec(d, write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                  "starting a transaction");
    if (rc == DESK_OK && write && d->migrate_pending) {
        /* Another desk may have migrated it since this one looked. */
        long long version = 0;
        rc = lock_schema(d);
        if (rc == DESK_OK)
            rc = query_int(d, "SELECT version FROM desk_schema", &version, "migrating the schema");
        if (rc == DESK_OK && version < DESK_SCHEMA_VERSION) {
            d->schema_version = (int)version;
            rc = migrate(d);
        }
        if (rc == DESK_OK) {
            d->migrate_pending = false;
            d->migrating = true;
        }
        if (rc != DESK_OK)
            exec(d, "ROLLBACK", "rolling back");
    }
    return rc;
}

static int pg_end(desk *d, int status)
{
    struct desk_pg *pg = d->pg;
    if (status == DESK_OK)
        status = batch_flush(d);
    if (status == DESK_OK) {
        pg->committing = true;
        PGresult *r = PQexec(pg->conn, "COMMIT");
        if (PQresultStatus(r) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT") == 0) {
            PQclear(r);
            pg->committing = false;
            pg->temp_tables = false;
            if (d->migrating)
                d->schema_version = DESK_SCHEMA_VERSION;
            d->migrating = false;
            return DESK_OK;
        }
        if (PQresultStatus(r) == PGRES_COMMAND_OK) { /* "ROLLBACK": an aborted transaction */
            PQclear(r);
            status = desk_failure("%s: committing: the transaction was rolled back", d->db_path);
        } else {
            status = pg_failed(d, r, "committing");
        }
        pg->committing = false;
    }
    batch_discard(pg);
    if (pg->upsert_pending) {
        pg->upsert_pending = false;
        PGresult *r;
        while ((r = PQgetResult(pg->conn)) != NULL)
            PQclear(r);
    }
    pg->temp_tables = false;
    if (PQstatus(pg->conn) == CONNECTION_OK && PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
        PQclear(PQexec(pg->conn, "ROLLBACK"));
    d->migrate_pending |= d->migrating;
    d->migrating = false;
    return status;
}

static int pg_flush(desk *d)
{
    return batch_flush(d);
}

static int pg_relax_durability(desk *d)
{
    return exec(d, "SET synchronous_commit = off", "setting up");
}

/* ---- cases ------------------------------------------------------------------------------------- */

static char *value_copy(const PGresult *r, int row, int column)
{
    return PQgetisnull(r, row, column) ? NULL : strdup(PQgetvalue(r, row, column));
}

static long long value_int(const PGresult *r, int row, int column)
{
    return strtoll(PQgetvalue(r, row, column), NULL, 10);
}

static int read_row(const PGresult *r, int i, desk_case_row *row)
{
    memset(row, 0, sizeof *row);
    row->id = value_copy(r, i, 0);
    row->workflow = value_copy(r, i, 1);
    row->state = value_copy(r, i, 2);
    row->customer = value_copy(r, i, 3);
    row->tier = value_copy(r, i, 4);
    row->severity = PQgetisnull(r, i, 5) ? 0 : (int)value_int(r, i, 5);
    row->has_price = !PQgetisnull(r, i, 6);
    if (row->has_price)
        svcr_money_make(value_int(r, i, 6), PQgetvalue(r, i, 7), &row->price);
    row->opened_at = value_int(r, i, 8);
    row->updated_at = value_int(r, i, 9);
    row->json = value_copy(r, i, 10);
    row->version = value_int(r, i, 11);
    if (row->id == NULL || row->workflow == NULL || row->state == NULL || row->json == NULL) {
        desk_case_row_clear(row);
        return desk_failure("out of memory reading a case");
    }
    return DESK_OK;
}

static bool version_1(const desk *d)
{
    return d->schema_version < 2 && !d->migrating;
}

static int pg_load(desk *d, const char *id, desk_case_row *row)
{
    FLUSH_FIRST(d);
    PGresult *r;
    const char *values[] = {id};
    int rc = run(d, version_1(d) ? ST_LOAD_V1 : ST_LOAD, values, "loading a case", &r);
    if (rc != DESK_OK)
        return rc;
    if (PQntuples(r) == 1)
        rc = read_row(r, 0, row);
    else
        rc = desk_bad_input("no case \"%s\" in %s", id, d->db_path);
    PQclear(r);
    return rc;
}

static int pg_exists(desk *d, const char *id, bool *exists)
{
    FLUSH_FIRST(d);
    PGresult *r;
    const char *values[] = {id};
    int rc = run(d, ST_EXISTS, values, "looking up a case", &r);
    if (rc != DESK_OK)
        return rc;
    *exists = PQntuples(r) > 0;
    PQclear(r);
    return DESK_OK;
}

static int pg_store(desk *d, const desk_case_row *row)
{
    if (row->version == DESK_VERSION_ANY)
        return batch_case(d, row);
    FLUSH_FIRST(d);
    char severity[16], minor[24], opened[24], updated[24], version[24];
    snprintf(severity, sizeof severity, "%d", row->severity);
    snprintf(minor, sizeof minor, "%lld", (long long)row->price.amount_minor);
    snprintf(opened, sizeof opened, "%lld", (long long)row->opened_at);
    snprintf(updated, sizeof updated, "%lld", (long long)row->updated_at);
    snprintf(version, sizeof version, "%lld", (long long)row->version);
    const char *values[] = {row->id, row->workflow, row->state, row->customer, row->tier,
                            row->severity > 0 ? severity : NULL, row->has_price ? minor : NULL,
                            row->has_price ? row->price.currency : NULL, opened, updated,
                            row->json, version};
    PGresult *r;
    int rc = run(d, row->version == DESK_VERSION_NEW ? ST_INSERT : ST_UPDATE, values,
                 "storing a case", &r);
    if (rc != DESK_OK)
        return rc;
    /* No row: another desk created the case, or changed it since this command read it. */
    rc = strcmp(PQcmdTuples(r), "1") == 0 ? DESK_OK : DESK_CONFLICT;
    PQclear(r);
    return rc;
}

static int pg_set_timers(desk *d, const char *id, const desk_due *timers, size_t count)
{
    if (d->pg->batch_last_id != NULL && strcmp(d->pg->batch_last_id, id) == 0)
        return batch_timers(d, id, timers, count);
    FLUSH_FIRST(d);
    PGresult *r;
    const char *key[] = {id};
    int rc = run(d, ST_DUE_DELETE, key, "indexing timers", &r);
    if (rc != DESK_OK)
        return rc;
    PQclear(r);
    for (size_t i = 0; i < count && rc == DESK_OK; i++) {
        char due[24];
        snprintf(due, sizeof due, "%lld", (long long)timers[i].due_at);
        const char *values[] = {id, timers[i].timer, due};
        if ((rc = run(d, ST_DUE_INSERT, values, "indexing timers", &r)) == DESK_OK)
            PQclear(r);
    }
    return rc;
}

static int pg_count(desk *d, long *count)
{
    FLUSH_FIRST(d);
    long long n = 0;
    int rc = query_int(d, "SELECT count(*) FROM cases", &n, "counting cases");
    *count = (long)n;
    return rc;
}

static int pg_settings_count(desk *d, long *count)
{
    FLUSH_FIRST(d);
    long long n = 0;
    int rc = query_int(d, "SELECT count(*) FROM meta", &n, "counting settings");
    *count = (long)n;
    return rc;
}

static int pg_clear(desk *d)
{
    FLUSH_FIRST(d);
    return exec(d, "DELETE FROM due; DELETE FROM cases; DELETE FROM meta", "clearing the database");
}

static int pg_meta_get(desk *d, const char *key, char **value)
{
    FLUSH_FIRST(d);
    PGresult *r;
    const char *values[] = {key};
    int rc = run(d, ST_META_GET, values, "reading meta", &r);
    if (rc != DESK_OK)
        return rc;
    *value = NULL;
    if (PQntuples(r) == 1 && (*value = strdup(PQgetvalue(r, 0, 0))) == NULL)
        rc = desk_failure("out of memory");
    PQclear(r);
    return rc;
}

static int pg_meta_set(desk *d, const char *key, const char *value)
{
    FLUSH_FIRST(d);
    PGresult *r;
    const char *values[] = {key, value};
    int rc = run(d, ST_META_SET, values, "writing meta", &r);
    if (rc == DESK_OK)
        PQclear(r);
    return rc;
}

/* Walk a query's rows through a cursor, @p batch at a time: the visitor may query meanwhile. */
static int each_row(desk *d, const char *query, const char *what,
                    int (*visit_result)(desk *d, const PGresult *r, int i, void *context),
                    void *context)
{
    FLUSH_FIRST(d);
    char declare[512], fetch[64], close[64];
    int n = ++d->pg->cursors;
    snprintf(declare, sizeof declare, "DECLARE desk_rows_%d NO SCROLL CURSOR FOR %s", n, query);
    snprintf(fetch, sizeof fetch, "FETCH 1000 FROM desk_rows_%d", n);
    snprintf(close, sizeof close, "CLOSE desk_rows_%d", n);
    int rc = exec(d, declare, what);
    while (rc == DESK_OK) {
        PGresult *r = PQexec(d->pg->conn, fetch);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            rc = pg_failed(d, r, what);
            break;
        }
        int rows = PQntuples(r);
        for (int i = 0; i < rows && rc == DESK_OK; i++)
            rc = visit_result(d, r, i, context);
        PQclear(r);
        if (rows == 0)
            break;
    }
    if (rc == DESK_OK)
        rc = exec(d, close, what);
    return rc;
}

typedef struct row_visit {
    desk_row_visitor visit;
    void *user;
} row_visit;

static int visit_case(desk *d, const PGresult *r, int i, void *context)
{
    row_visit *v = context;
    desk_case_row row;
    int rc = read_row(r, i, &row);
    if (rc == DESK_OK)
        rc = v->visit(d, &row, v->user);
    desk_case_row_clear(&row);
    return rc;
}

static int pg_each(desk *d, desk_row_visitor visit, void *user)
{
    row_visit v = {visit, user};
    return each_row(d, version_1(d) ? "SELECT " ROW_COLUMNS ", 1 FROM cases ORDER BY id"
                                    : "SELECT " ROW_COLUMNS ", version FROM cases ORDER BY id",
                    "reading cases", visit_case, &v);
}

typedef struct due_visit {
    desk_due_visitor visit;
    void *user;
} due_visit;

static int visit_due(desk *d, const PGresult *r, int i, void *context)
{
    due_visit *v = context;
    return v->visit(d, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), value_int(r, i, 2), v->user);
}

static int pg_each_due(desk *d, desk_due_visitor visit, void *user)
{
    due_visit v = {visit, user};
    return each_row(d, "SELECT case_id, timer, due_at FROM due ORDER BY case_id, timer",
                    "reading the agenda", visit_due, &v);
}

static int pg_case_brief(desk *d, const char *id, desk_case_brief *out)
{
    FLUSH_FIRST(d);
    PGresult *r;
    const char *values[] = {id};
    memset(out, 0, sizeof *out);
    int rc = run(d, ST_BRIEF, values, "reading the agenda", &r);
    if (rc != DESK_OK)
        return rc;
    if (PQntuples(r) != 1) {
        rc = desk_failure("%s: the agenda names case \"%s\", which is not stored", d->db_path, id);
    } else {
        out->state = value_copy(r, 0, 0);
        out->customer = value_copy(r, 0, 1);
        out->tier = value_copy(r, 0, 2);
        if (out->state == NULL)
            rc = desk_failure("out of memory");
    }
    PQclear(r);
    return rc;
}

static int pg_most_severe_to_fix(desk *d, char id[32])
{
    FLUSH_FIRST(d);
    id[0] = '\0';
    PGresult *r = PQexec(d->pg->conn, "SELECT id FROM cases WHERE state IN ('fix', 'atone') "
                                      "ORDER BY severity DESC NULLS LAST, id LIMIT 1");
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        return pg_failed(d, r, "finding a case");
    if (PQntuples(r) == 1)
        snprintf(id, 32, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return DESK_OK;
}

const desk_store_ops desk_store_postgres = {
    .name = "PostgreSQL",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .end = pg_end,
    .flush = pg_flush,
    .relax_durability = pg_relax_durability,
    .load = pg_load,
    .exists = pg_exists,
    .store = pg_store,
    .set_timers = pg_set_timers,
    .count = pg_count,
    .settings_count = pg_settings_count,
    .clear = pg_clear,
    .meta_get = pg_meta_get,
    .meta_set = pg_meta_set,
    .each = pg_each,
    .each_due = pg_each_due,
    .case_brief = pg_case_brief,
    .most_severe_to_fix = pg_most_severe_to_fix,
    .error = pg_error,
};
