/* The desk's SQLite store (WAL mode for new databases), one transaction per command.
 * Which files it opens, and how: db_open.c. The other backend is store_postgres.c.
 *
 * The library knows nothing about storage. The desk keeps each case as the JSON the case module
 * encodes (the single source of truth, replayable by any host) and copies into columns only what
 * it queries: state, customer, tier, times, and the running timers' due times. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION DESK_SCHEMA_VERSION

/* The schema of version 1; desk_schema_migrations (db.c) take it to DESK_SCHEMA_VERSION. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE cases("
    "  id TEXT PRIMARY KEY,"
    "  workflow TEXT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  customer TEXT,"
    "  tier TEXT,"
    "  severity INTEGER,"
    "  price_minor INTEGER,"
    "  price_currency TEXT,"
    "  opened_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  json TEXT NOT NULL);"
    "CREATE INDEX cases_by_state ON cases(state);"
    "CREATE INDEX cases_by_customer ON cases(customer, opened_at);"
    /* One row per running timer of a case: what the agenda needs, nothing more. */
    "CREATE TABLE due("
    "  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  timer TEXT NOT NULL,"
    "  due_at INTEGER NOT NULL,"
    "  PRIMARY KEY(case_id, timer));"
    "CREATE INDEX due_by_time ON due(due_at);";

/* The prepared statements of the commands that run per case (import stores thousands):
 * prepared on first use, finalised when the connection closes. */
enum {
    ST_LOAD, ST_LOAD_V1, ST_EXISTS, ST_INSERT, ST_UPSERT, ST_UPDATE, ST_DUE_DELETE, ST_DUE_INSERT,
    ST_META_GET, ST_BRIEF, ST_COUNT
};
struct desk_sqlite_statements {
    sqlite3_stmt *st[ST_COUNT];
};

static int sqlite_error(desk *d, const char *what)
{
    int code = d->db != NULL ? sqlite3_errcode(d->db) : SQLITE_CANTOPEN;
    const char *message = d->db != NULL ? sqlite3_errmsg(d->db) : "cannot open";
    /* A file that is not a database is a wrong --db, i.e. bad input. */
    if (code == SQLITE_NOTADB || code == SQLITE_CANTOPEN) {
        desk_bad_input("%s: %s: %s", d->db_path, what, message);
        return DESK_BAD_INPUT;
    }
    return desk_failure("%s: %s: %s", d->db_path, what, message);
}

static int exec(desk *d, const char *sql, const char *what)
{
    if (sqlite3_exec(d->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_error(d, what);
    return DESK_OK;
}

/* The statement @p which of @p sql, prepared once per connection and reset for this use. */
static sqlite3_stmt *statement(desk *d, int which, const char *sql)
{
    if (d->statements == NULL && (d->statements = calloc(1, sizeof *d->statements)) == NULL)
        return NULL;
    sqlite3_stmt **st = &d->statements->st[which];
    if (*st == NULL &&
        sqlite3_prepare_v3(d->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(*st);
    sqlite3_clear_bindings(*st);
    return *st;
}

static void finalize_statements(desk *d)
{
    if (d->statements == NULL)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(d->statements->st[i]);
    free(d->statements);
    d->statements = NULL;
}

/* One integer from a pragma or a query. */
static int query_int(desk *d, const char *sql, long long *value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sqlite_error(d, "reading the database");
    int step = sqlite3_step(st);
    *value = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? DESK_OK : sqlite_error(d, "reading the database");
}

/* Every object of the schema, as one text: what an older desk's database is compared with. */
static const char schema_query[] =
    "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || ifnull(sql, ''), "
    "char(10)) FROM (SELECT * FROM sqlite_master ORDER BY type, name)";

static char *schema_text(sqlite3 *db)
{
    sqlite3_stmt *st;
    char *text = NULL;
    if (sqlite3_prepare_v2(db, schema_query, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        text = strdup(t != NULL ? (const char *)t : "");
    }
    sqlite3_finalize(st);
    return text;
}

/* Does the open database have exactly the schema of version 1, the older desk's? */
static int schema_matches(desk *d, bool *matches)
{
    sqlite3 *reference = NULL;
    char *expected = NULL, *actual = schema_text(d->db);
    if (sqlite3_open_v2(":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_exec(reference, schema_v1, NULL, NULL, NULL) == SQLITE_OK)
        expected = schema_text(reference);
    sqlite3_close(reference);
    int rc = DESK_OK;
    if (actual == NULL)
        rc = sqlite_error(d, "reading the schema");
    else if (expected == NULL)
        rc = desk_failure("building the reference schema failed");
    else
        *matches = strcmp(actual, expected) == 0;
    free(expected);
    free(actual);
    return rc;
}

typedef enum { DB_EMPTY, DB_DESK, DB_OLDER_DESK } db_kind;

/* What the open database is, inside the caller's transaction; anything else is refused.
 * A database is empty when it has no pages; under BEGIN IMMEDIATE SQLite has already made page 1
 * of an empty file, so @p write_locked accepts one page without any schema object. */
static int classify(desk *d, bool write_locked, db_kind *kind)
{
    long long application_id, version, pages, objects;
    int rc = query_int(d, "PRAGMA application_id", &application_id);
    if (rc == DESK_OK)
        rc = query_int(d, "PRAGMA user_version", &version);
    if (rc == DESK_OK)
        rc = query_int(d, "PRAGMA page_count", &pages);
    if (rc == DESK_OK)
        rc = query_int(d, "SELECT count(*) FROM sqlite_master", &objects);
    if (rc != DESK_OK)
        return rc;
    if (write_locked && pages == 1 && objects == 0)
        pages = 0;
    if (application_id == DESK_APPLICATION_ID) {
        if (version < 1 || version > SCHEMA_VERSION)
            return desk_bad_input("%s: a desk database of schema version %lld; this desk reads "
                                  "versions 1 to %d%s and changed nothing", d->db_path, version,
                                  SCHEMA_VERSION, version > SCHEMA_VERSION ? " (a newer desk's)"
                                                                           : "");
        d->schema_version = (int)version;
        *kind = DB_DESK;
        return DESK_OK;
    }
    if (application_id == 0 && version == 0 && pages == 0) {
        *kind = DB_EMPTY;
        return DESK_OK;
    }
    bool matches = false;
    if (application_id == 0 && version == 1 && (rc = schema_matches(d, &matches)) != DESK_OK)
        return rc;
    if (matches) {
        d->schema_version = 1;
        *kind = DB_OLDER_DESK;
        return DESK_OK;
    }
    if (application_id != 0)
        return desk_bad_input("%s: an SQLite database of another program (application_id "
                              "0x%08llx, the desk's is 0x%08x); the desk changed nothing",
                              d->db_path, application_id, DESK_APPLICATION_ID);
    return desk_bad_input("%s: an SQLite database that is not the desk's (no desk application_id, "
                          "not the desk's tables); the desk changed nothing", d->db_path);
}

/* Run the migrations from d->schema_version to SCHEMA_VERSION and set user_version. */
static int migrate(desk *d)
{
    for (int v = d->schema_version; v < SCHEMA_VERSION; v++) {
        int rc = exec(d, desk_schema_migrations[v - 1], "migrating the schema");
        if (rc != DESK_OK)
            return rc;
    }
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", SCHEMA_VERSION);
    return exec(d, sql, "migrating the schema");
}

/* Classify in a transaction of its own; create the schema in a new database (write only). */
int desk_db_recognise(desk *d, bool write, bool *created)
{
    db_kind kind;
    *created = false;
    d->schema_version = SCHEMA_VERSION;
    int rc = desk_db_begin(d, false);
    if (rc == DESK_OK)
        rc = desk_db_end(d, classify(d, false, &kind));
    if (rc == DESK_OK && kind == DB_EMPTY) {
        if (!write)
            return desk_bad_input("%s is empty: there is no desk database yet (open or import "
                                  "creates one)", d->db_path);
        /* Two desks may race to create a new file: classify again under the write lock. */
        if ((rc = desk_db_begin(d, true)) != DESK_OK)
            return rc;
        rc = classify(d, true, &kind);
        if (rc == DESK_OK && kind == DB_EMPTY) {
            char sql[sizeof schema_v1 + 96];
            snprintf(sql, sizeof sql, "%sPRAGMA application_id=%d;", schema_v1,
                     (int)DESK_APPLICATION_ID);
            rc = exec(d, sql, "creating the schema");
            d->schema_version = 1;
            if (rc == DESK_OK)
                rc = migrate(d);
            d->schema_version = SCHEMA_VERSION;
            *created = rc == DESK_OK;
        }
        rc = desk_db_end(d, rc);
        if (rc != DESK_OK)
            *created = false;
    }
    /* An older desk's database is read as it is; the first command that writes stamps it and
     * migrates its schema, in the command's own transaction. */
    if (rc == DESK_OK && kind == DB_OLDER_DESK && write)
        d->stamp_pending = true;
    if (rc == DESK_OK && d->schema_version < SCHEMA_VERSION && write)
        d->migrate_pending = true;
    return rc;
}

static void sqlite_close(desk *d)
{
    finalize_statements(d);
    if (d->db != NULL)
        sqlite3_close(d->db);
    d->db = NULL;
}

static int sqlite_begin(desk *d, bool write)
{
    int rc = exec(d, write ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
    /* Stamp an older desk's database and migrate an older schema in the first transaction that
     * writes: committed with the command's changes, rolled back with a refused command. */
    if (rc == DESK_OK && write && d->stamp_pending) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d", (int)DESK_APPLICATION_ID);
        if ((rc = exec(d, sql, "stamping the database")) == DESK_OK) {
            d->stamp_pending = false;
            d->stamping = true;
        }
    }
    if (rc == DESK_OK && write && d->migrate_pending && (rc = migrate(d)) == DESK_OK) {
        d->migrate_pending = false;
        d->migrating = true;
    }
    if (rc != DESK_OK && !sqlite3_get_autocommit(d->db)) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        d->stamp_pending |= d->stamping;
        d->migrate_pending |= d->migrating;
        d->stamping = d->migrating = false;
    }
    return rc;
}

static int sqlite_end(desk *d, int status)
{
    if (status == DESK_OK) {
        if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
            d->stamping = false;
            if (d->migrating)
                d->schema_version = SCHEMA_VERSION;
            d->migrating = false;
            return desk_db_check_unchanged(d);
        }
        status = sqlite_error(d, "committing");
    }
    if (!sqlite3_get_autocommit(d->db))
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    d->stamp_pending |= d->stamping;
    d->migrate_pending |= d->migrating;
    d->stamping = d->migrating = false;
    return status;
}

static int sqlite_flush(desk *d)
{
    (void)d;
    return DESK_OK;
}

static int sqlite_relax_durability(desk *d)
{
    return exec(d, "PRAGMA synchronous=NORMAL", "setting up");
}

/* ---- cases ---------------------------------------------------------------------------------- */

static char *column_text(sqlite3_stmt *st, int column)
{
    const unsigned char *text = sqlite3_column_text(st, column);
    return text != NULL ? strdup((const char *)text) : NULL;
}

#define ROW_COLUMNS                                                                          \
    "id, workflow, state, customer, tier, severity, price_minor, price_currency, opened_at, "  \
    "updated_at, json"
/* A database of version 1 has no row versions: read as 1 (it is migrated before any write). */
#define ROW_SELECT(d) ((d)->schema_version >= 2 || (d)->migrating ? ROW_COLUMNS ", version" \
                                                                   : ROW_COLUMNS ", 1")

static int read_row(sqlite3_stmt *st, desk_case_row *row)
{
    memset(row, 0, sizeof *row);
    row->id = column_text(st, 0);
    row->workflow = column_text(st, 1);
    row->state = column_text(st, 2);
    row->customer = column_text(st, 3);
    row->tier = column_text(st, 4);
    row->severity = sqlite3_column_int(st, 5);
    row->has_price = sqlite3_column_type(st, 6) != SQLITE_NULL;
    if (row->has_price)
        svcr_money_make(sqlite3_column_int64(st, 6), (const char *)sqlite3_column_text(st, 7),
                        &row->price);
    row->opened_at = sqlite3_column_int64(st, 8);
    row->updated_at = sqlite3_column_int64(st, 9);
    row->json = column_text(st, 10);
    row->version = sqlite3_column_int64(st, 11);
    if (row->id == NULL || row->workflow == NULL || row->state == NULL || row->json == NULL) {
        desk_case_row_clear(row);
        return desk_failure("out of memory reading a case");
    }
    return DESK_OK;
}

static int sqlite_load(desk *d, const char *id, desk_case_row *row)
{
    bool v1 = d->schema_version < 2 && !d->migrating;
    sqlite3_stmt *st = v1 ? statement(d, ST_LOAD_V1, "SELECT " ROW_COLUMNS ", 1 FROM cases WHERE id = ?1")
                          : statement(d, ST_LOAD, "SELECT " ROW_COLUMNS ", version FROM cases WHERE id = ?1");
    if (st == NULL)
        return sqlite_error(d, "loading a case");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    int rc;
    if (step == SQLITE_ROW)
        rc = read_row(st, row);
    else if (step == SQLITE_DONE)
        rc = desk_bad_input("no case \"%s\" in %s", id, d->db_path);
    else
        rc = sqlite_error(d, "loading a case");
    sqlite3_reset(st);
    return rc;
}

static int sqlite_exists(desk *d, const char *id, bool *exists)
{
    sqlite3_stmt *st = statement(d, ST_EXISTS, "SELECT 1 FROM cases WHERE id = ?1");
    if (st == NULL)
        return sqlite_error(d, "looking up a case");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sqlite_error(d, "looking up a case");
    *exists = step == SQLITE_ROW;
    return DESK_OK;
}

static void bind_optional(sqlite3_stmt *st, int index, const char *text)
{
    if (text != NULL)
        sqlite3_bind_text(st, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, index);
}

#define ROW_VALUES "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
#define ROW_SET                                                                                \
    "workflow = ?2, state = ?3, customer = ?4, tier = ?5, severity = ?6, price_minor = ?7, "   \
    "price_currency = ?8, opened_at = ?9, updated_at = ?10, json = ?11"

static int sqlite_store(desk *d, const desk_case_row *row)
{
    sqlite3_stmt *st;
    if (row->version == DESK_VERSION_NEW)
        st = statement(d, ST_INSERT, "INSERT INTO cases(" ROW_COLUMNS ", version) VALUES ("
                                     ROW_VALUES ", 1) ON CONFLICT(id) DO NOTHING");
    else if (row->version == DESK_VERSION_ANY)
        /* An upsert, not INSERT OR REPLACE: replacing would delete the row and cascade to its
         * timers. */
        st = statement(d, ST_UPSERT, "INSERT INTO cases(" ROW_COLUMNS ", version) VALUES ("
                                     ROW_VALUES ", 1) ON CONFLICT(id) DO UPDATE SET " ROW_SET
                                     ", version = cases.version + 1");
    else
        st = statement(d, ST_UPDATE, "UPDATE cases SET " ROW_SET ", version = version + 1 "
                                     "WHERE id = ?1 AND version = ?12");
    if (st == NULL)
        return sqlite_error(d, "storing a case");
    sqlite3_bind_text(st, 1, row->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, row->workflow, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row->state, -1, SQLITE_STATIC);
    bind_optional(st, 4, row->customer);
    bind_optional(st, 5, row->tier);
    if (row->severity > 0)
        sqlite3_bind_int(st, 6, row->severity);
    else
        sqlite3_bind_null(st, 6);
    if (row->has_price) {
        sqlite3_bind_int64(st, 7, row->price.amount_minor);
        sqlite3_bind_text(st, 8, row->price.currency, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 7);
        sqlite3_bind_null(st, 8);
    }
    sqlite3_bind_int64(st, 9, row->opened_at);
    sqlite3_bind_int64(st, 10, row->updated_at);
    sqlite3_bind_text(st, 11, row->json, -1, SQLITE_STATIC);
    if (row->version > 0)
        sqlite3_bind_int64(st, 12, row->version);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return sqlite_error(d, "storing a case");
    /* Under BEGIN IMMEDIATE no other desk writes between this command's read and its write, so
     * this is only a guard: the row changed or appeared since it was read. */
    return sqlite3_changes(d->db) == 1 ? DESK_OK : DESK_CONFLICT;
}

static int sqlite_set_timers(desk *d, const char *id, const desk_due *timers, size_t count)
{
    sqlite3_stmt *del = statement(d, ST_DUE_DELETE, "DELETE FROM due WHERE case_id = ?1");
    if (del == NULL)
        return sqlite_error(d, "indexing timers");
    sqlite3_bind_text(del, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(del);
    sqlite3_reset(del);
    if (step != SQLITE_DONE)
        return sqlite_error(d, "indexing timers");
    if (count == 0)
        return DESK_OK;
    sqlite3_stmt *ins = statement(d, ST_DUE_INSERT,
                                  "INSERT INTO due(case_id, timer, due_at) VALUES (?1, ?2, ?3)");
    if (ins == NULL)
        return sqlite_error(d, "indexing timers");
    int rc = DESK_OK;
    for (size_t i = 0; i < count && rc == DESK_OK; i++) {
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, timers[i].timer, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, timers[i].due_at);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = sqlite_error(d, "indexing timers");
        sqlite3_reset(ins);
    }
    return rc;
}

static int sqlite_count(desk *d, long *count)
{
    long long n = 0;
    int rc = query_int(d, "SELECT count(*) FROM cases", &n);
    *count = (long)n;
    return rc;
}

static int sqlite_settings_count(desk *d, long *count)
{
    long long n = 0;
    int rc = query_int(d, "SELECT count(*) FROM meta", &n);
    *count = (long)n;
    return rc;
}

static int sqlite_clear(desk *d)
{
    return exec(d, "DELETE FROM due; DELETE FROM cases; DELETE FROM meta", "clearing the database");
}

static int sqlite_meta_get(desk *d, const char *key, char **value)
{
    sqlite3_stmt *st = statement(d, ST_META_GET, "SELECT value FROM meta WHERE key = ?1");
    if (st == NULL)
        return sqlite_error(d, "reading meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    *value = step == SQLITE_ROW ? column_text(st, 0) : NULL;
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? DESK_OK : sqlite_error(d, "reading meta");
}

static int sqlite_meta_set(desk *d, const char *key, const char *value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return sqlite_error(d, "writing meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? DESK_OK : sqlite_error(d, "writing meta");
}

static int sqlite_each(desk *d, desk_row_visitor visit, void *user)
{
    sqlite3_stmt *st;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM cases ORDER BY id", ROW_SELECT(d));
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sqlite_error(d, "reading cases");
    int rc = DESK_OK, step = SQLITE_DONE;
    while (rc == DESK_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        desk_case_row row;
        if ((rc = read_row(st, &row)) == DESK_OK)
            rc = visit(d, &row, user);
        desk_case_row_clear(&row);
    }
    if (rc == DESK_OK && step != SQLITE_DONE)
        rc = sqlite_error(d, "reading cases");
    sqlite3_finalize(st);
    return rc;
}

static int sqlite_each_due(desk *d, desk_due_visitor visit, void *user)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT case_id, timer, due_at FROM due ORDER BY case_id, timer",
                           -1, &st, NULL) != SQLITE_OK)
        return sqlite_error(d, "reading the agenda");
    int rc = DESK_OK, step = SQLITE_DONE;
    while (rc == DESK_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = visit(d, (const char *)sqlite3_column_text(st, 0),
                   (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2), user);
    if (rc == DESK_OK && step != SQLITE_DONE)
        rc = sqlite_error(d, "reading the agenda");
    sqlite3_finalize(st);
    return rc;
}

static int sqlite_case_brief(desk *d, const char *id, desk_case_brief *out)
{
    sqlite3_stmt *st = statement(d, ST_BRIEF, "SELECT state, customer, tier FROM cases WHERE id = ?1");
    if (st == NULL)
        return sqlite_error(d, "reading the agenda");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    int rc = DESK_OK;
    memset(out, 0, sizeof *out);
    if (step == SQLITE_ROW) {
        out->state = column_text(st, 0);
        out->customer = column_text(st, 1);
        out->tier = column_text(st, 2);
        if (out->state == NULL)
            rc = desk_failure("out of memory");
    } else {
        rc = step == SQLITE_DONE ? desk_failure("%s: the agenda names case \"%s\", which is not "
                                                "stored", d->db_path, id)
                                 : sqlite_error(d, "reading the agenda");
    }
    sqlite3_reset(st);
    return rc;
}

static int sqlite_most_severe_to_fix(desk *d, char id[32])
{
    sqlite3_stmt *st;
    id[0] = '\0';
    if (sqlite3_prepare_v2(d->db, "SELECT id FROM cases WHERE state IN ('fix', 'atone') "
                                  "ORDER BY severity DESC NULLS LAST, id LIMIT 1", -1, &st, NULL)
        != SQLITE_OK)
        return sqlite_error(d, "finding a case");
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(id, 32, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return DESK_OK;
}

int desk_sqlite_open(desk *d, bool write); /* db_open.c */

const desk_store_ops desk_store_sqlite = {
    .name = "SQLite",
    .open = desk_sqlite_open,
    .close = sqlite_close,
    .begin = sqlite_begin,
    .end = sqlite_end,
    .flush = sqlite_flush,
    .relax_durability = sqlite_relax_durability,
    .load = sqlite_load,
    .exists = sqlite_exists,
    .store = sqlite_store,
    .set_timers = sqlite_set_timers,
    .count = sqlite_count,
    .settings_count = sqlite_settings_count,
    .clear = sqlite_clear,
    .meta_get = sqlite_meta_get,
    .meta_set = sqlite_meta_set,
    .each = sqlite_each,
    .each_due = sqlite_each_due,
    .case_brief = sqlite_case_brief,
    .most_severe_to_fix = sqlite_most_severe_to_fix,
    .error = sqlite_error,
};
