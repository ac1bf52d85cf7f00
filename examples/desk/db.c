/* The desk's store: SQLite (WAL mode for new databases), one transaction per command.
 * Which files it opens, and how: db_open.c.
 *
 * The library knows nothing about storage. The desk keeps each case as the JSON the case module
 * encodes (the single source of truth, replayable by any host) and copies into columns only what
 * it queries: state, customer, tier, times, and the running timers' due times. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION 1

static const char schema[] =
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

int desk_db_error(desk *d, const char *what)
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
        return desk_db_error(d, what);
    return DESK_OK;
}

/* One integer from a pragma or a query. */
static int query_int(desk *d, const char *sql, long long *value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "reading the database");
    int step = sqlite3_step(st);
    *value = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? DESK_OK : desk_db_error(d, "reading the database");
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

/* Does the open database have exactly the schema this desk creates? */
static int schema_matches(desk *d, bool *matches)
{
    sqlite3 *reference = NULL;
    char *expected = NULL, *actual = schema_text(d->db);
    if (sqlite3_open_v2(":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_exec(reference, schema, NULL, NULL, NULL) == SQLITE_OK)
        expected = schema_text(reference);
    sqlite3_close(reference);
    int rc = DESK_OK;
    if (actual == NULL)
        rc = desk_db_error(d, "reading the schema");
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
        if (version != SCHEMA_VERSION)
            return desk_bad_input("%s: a desk database of schema version %lld; this desk reads "
                                  "version %d and changed nothing", d->db_path, version,
                                  SCHEMA_VERSION);
        *kind = DB_DESK;
        return DESK_OK;
    }
    if (application_id == 0 && version == 0 && pages == 0) {
        *kind = DB_EMPTY;
        return DESK_OK;
    }
    bool matches = false;
    if (application_id == 0 && version == SCHEMA_VERSION &&
        (rc = schema_matches(d, &matches)) != DESK_OK)
        return rc;
    if (matches) {
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

/* Classify in a transaction of its own; create the schema in a new database (write only). */
int desk_db_recognise(desk *d, bool write, bool *created)
{
    db_kind kind;
    *created = false;
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
            char sql[sizeof schema + 96];
            snprintf(sql, sizeof sql, "%sPRAGMA user_version=%d; PRAGMA application_id=%d;",
                     schema, SCHEMA_VERSION, (int)DESK_APPLICATION_ID);
            rc = exec(d, sql, "creating the schema");
            *created = rc == DESK_OK;
        }
        rc = desk_db_end(d, rc);
        if (rc != DESK_OK)
            *created = false;
    }
    /* An older desk's database is read as it is; the first command that writes stamps it. */
    if (rc == DESK_OK && kind == DB_OLDER_DESK && write)
        d->stamp_pending = true;
    return rc;
}

void desk_db_close(desk *d)
{
    if (d->db != NULL)
        sqlite3_close(d->db);
    d->db = NULL;
}

int desk_db_begin(desk *d, bool write)
{
    int rc = exec(d, write ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
    /* Stamp an older desk's database in the first transaction that writes: committed with the
     * command's changes, rolled back with a refused command. */
    if (rc == DESK_OK && write && d->stamp_pending) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d", (int)DESK_APPLICATION_ID);
        if ((rc = exec(d, sql, "stamping the database")) == DESK_OK) {
            d->stamp_pending = false;
            d->stamping = true;
        } else {
            sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    return rc;
}

int desk_db_end(desk *d, int status)
{
    if (status == DESK_OK) {
        if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
            d->stamping = false;
            return desk_db_check_unchanged(d);
        }
        status = desk_db_error(d, "committing");
    }
    if (!sqlite3_get_autocommit(d->db))
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    if (d->stamping)
        d->stamp_pending = true;
    d->stamping = false;
    return status;
}

/* ---- cases ---------------------------------------------------------------------------------- */

static char *column_text(sqlite3_stmt *st, int column)
{
    const unsigned char *text = sqlite3_column_text(st, column);
    return text != NULL ? strdup((const char *)text) : NULL;
}

void desk_case_row_clear(desk_case_row *row)
{
    free(row->id);
    free(row->workflow);
    free(row->state);
    free(row->customer);
    free(row->tier);
    free(row->json);
    memset(row, 0, sizeof *row);
}

#define ROW_COLUMNS                                                                          \
    "id, workflow, state, customer, tier, severity, price_minor, price_currency, opened_at, "  \
    "updated_at, json"

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
    if (row->id == NULL || row->workflow == NULL || row->state == NULL || row->json == NULL) {
        desk_case_row_clear(row);
        return desk_failure("out of memory reading a case");
    }
    return DESK_OK;
}

int desk_db_load(desk *d, const char *id, desk_case_row *row)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT " ROW_COLUMNS " FROM cases WHERE id = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return desk_db_error(d, "loading a case");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    int rc;
    if (step == SQLITE_ROW)
        rc = read_row(st, row);
    else if (step == SQLITE_DONE)
        rc = desk_bad_input("no case \"%s\" in %s", id, d->db_path);
    else
        rc = desk_db_error(d, "loading a case");
    sqlite3_finalize(st);
    return rc;
}

int desk_db_exists(desk *d, const char *id, bool *exists)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT 1 FROM cases WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "looking up a case");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return desk_db_error(d, "looking up a case");
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

int desk_db_store(desk *d, const desk_case_row *row)
{
    sqlite3_stmt *st;
    /* An upsert, not INSERT OR REPLACE: replacing would delete the row and cascade to its timers. */
    static const char sql[] =
        "INSERT INTO cases(" ROW_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT(id) DO UPDATE SET workflow = excluded.workflow, state = excluded.state, "
        "customer = excluded.customer, tier = excluded.tier, severity = excluded.severity, "
        "price_minor = excluded.price_minor, price_currency = excluded.price_currency, opened_at = excluded.opened_at, updated_at = excluded.updated_at, json = excluded.json";
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "storing a case");
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
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? DESK_OK : desk_db_error(d, "storing a case");
}

int desk_db_set_timers(desk *d, const char *id, const desk_due *timers, size_t count)
{
    sqlite3_stmt *del, *ins;
    if (sqlite3_prepare_v2(d->db, "DELETE FROM due WHERE case_id = ?1", -1, &del, NULL) != SQLITE_OK)
        return desk_db_error(d, "indexing timers");
    sqlite3_bind_text(del, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(del);
    sqlite3_finalize(del);
    if (step != SQLITE_DONE)
        return desk_db_error(d, "indexing timers");
    if (count == 0)
        return DESK_OK;
    if (sqlite3_prepare_v2(d->db, "INSERT INTO due(case_id, timer, due_at) VALUES (?1, ?2, ?3)",
                           -1, &ins, NULL) != SQLITE_OK)
        return desk_db_error(d, "indexing timers");
    int rc = DESK_OK;
    for (size_t i = 0; i < count && rc == DESK_OK; i++) {
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, timers[i].timer, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, timers[i].due_at);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = desk_db_error(d, "indexing timers");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    return rc;
}

int desk_db_count(desk *d, long *count)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT count(*) FROM cases", -1, &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "counting cases");
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *count = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? DESK_OK : desk_db_error(d, "counting cases");
}

int desk_db_settings_count(desk *d, long *count)
{
    long long n = 0;
    int rc = query_int(d, "SELECT count(*) FROM meta", &n);
    *count = (long)n;
    return rc;
}

int desk_db_clear(desk *d)
{
    return exec(d, "DELETE FROM due; DELETE FROM cases; DELETE FROM meta", "clearing the database");
}

int desk_db_meta_get(desk *d, const char *key, char **value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL)
        != SQLITE_OK)
        return desk_db_error(d, "reading meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    *value = step == SQLITE_ROW ? column_text(st, 0) : NULL;
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? DESK_OK : desk_db_error(d, "reading meta");
}

int desk_db_meta_set(desk *d, const char *key, const char *value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "writing meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? DESK_OK : desk_db_error(d, "writing meta");
}

int desk_db_each(desk *d, desk_row_visitor visit, void *user)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db, "SELECT " ROW_COLUMNS " FROM cases ORDER BY id", -1, &st, NULL)
        != SQLITE_OK)
        return desk_db_error(d, "reading cases");
    int rc = DESK_OK, step = SQLITE_DONE;
    while (rc == DESK_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        desk_case_row row;
        if ((rc = read_row(st, &row)) == DESK_OK)
            rc = visit(d, &row, user);
        desk_case_row_clear(&row);
    }
    if (rc == DESK_OK && step != SQLITE_DONE)
        rc = desk_db_error(d, "reading cases");
    sqlite3_finalize(st);
    return rc;
}
