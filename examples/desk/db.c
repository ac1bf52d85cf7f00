/* The store interface: every desk_db_*() call goes to the backend of the open database
 * (desk_store_ops), SQLite for a file path, PostgreSQL for a postgresql:// or postgres:// URL.
 * The commands never know which one they use. */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

/* Both dialects: SQLite and PostgreSQL accept the same ALTER TABLE ... ADD COLUMN. */
const char *const desk_schema_migrations[DESK_SCHEMA_VERSION - 1] = {
    /* 1 -> 2: the row's version, for optimistic writes (desk_db_store). Rows that were there
     * start at version 1. */
    "ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
};

bool desk_db_is_url(const char *path)
{
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

char *desk_db_redact(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL || !desk_db_is_url(path))
        return copy;
    /* scheme://user:password@host...: the password is never printed. */
    char *authority = strstr(copy, "://") + 3;
    char *at = strchr(authority, '@');
    char *slash = strchr(authority, '/');
    if (at == NULL || (slash != NULL && slash < at))
        return copy;
    char *colon = memchr(authority, ':', (size_t)(at - authority));
    if (colon == NULL)
        return copy;
    memmove(colon + 1 + 3, at, strlen(at) + 1);
    memcpy(colon + 1, "***", 3);
    return copy;
}

static const desk_store_ops *store(const desk *d)
{
    return d->store != NULL ? d->store : &desk_store_sqlite;
}

int desk_db_open(desk *d, bool write)
{
    d->store = desk_db_is_url(d->db_url != NULL ? d->db_url : d->db_path) ? &desk_store_postgres
                                                                          : &desk_store_sqlite;
    d->stamp_pending = d->stamping = false;
    d->migrate_pending = d->migrating = false;
    return d->store->open(d, write);
}

void desk_db_close(desk *d)
{
    if (d->store != NULL)
        d->store->close(d);
}

int desk_db_begin(desk *d, bool write) { return store(d)->begin(d, write); }
int desk_db_end(desk *d, int status) { return store(d)->end(d, status); }
int desk_db_flush(desk *d) { return store(d)->flush(d); }
int desk_db_relax_durability(desk *d) { return store(d)->relax_durability(d); }
int desk_db_error(desk *d, const char *what) { return store(d)->error(d, what); }

int desk_db_load(desk *d, const char *id, desk_case_row *row)
{
    return store(d)->load(d, id, row);
}

int desk_db_exists(desk *d, const char *id, bool *exists)
{
    return store(d)->exists(d, id, exists);
}

int desk_db_store(desk *d, const desk_case_row *row) { return store(d)->store(d, row); }

int desk_db_set_timers(desk *d, const char *id, const desk_due *timers, size_t count)
{
    return store(d)->set_timers(d, id, timers, count);
}

int desk_db_count(desk *d, long *count) { return store(d)->count(d, count); }
int desk_db_settings_count(desk *d, long *count) { return store(d)->settings_count(d, count); }
int desk_db_clear(desk *d) { return store(d)->clear(d); }

int desk_db_meta_get(desk *d, const char *key, char **value)
{
    return store(d)->meta_get(d, key, value);
}

int desk_db_meta_set(desk *d, const char *key, const char *value)
{
    return store(d)->meta_set(d, key, value);
}

int desk_db_each(desk *d, desk_row_visitor visit, void *user)
{
    return store(d)->each(d, visit, user);
}

int desk_db_each_due(desk *d, desk_due_visitor visit, void *user)
{
    return store(d)->each_due(d, visit, user);
}

int desk_db_case_brief(desk *d, const char *id, desk_case_brief *out)
{
    return store(d)->case_brief(d, id, out);
}

int desk_db_most_severe_to_fix(desk *d, char id[32])
{
    return store(d)->most_severe_to_fix(d, id);
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

void desk_case_brief_clear(desk_case_brief *brief)
{
    free(brief->state);
    free(brief->customer);
    free(brief->tier);
    memset(brief, 0, sizeof *brief);
}
