/* A desk built without libpq (meson -Dpostgres=disabled, or libpq-dev missing): a PostgreSQL URL
 * is refused with a message that says so. store_postgres.c is the real backend. */
#include "desk.h"

const char *desk_store_postgres_version(void)
{
    return NULL;
}

static int refuse(desk *d, bool write)
{
    (void)write;
    return desk_bad_input("%s: this svcr-desk was built without PostgreSQL (libpq was not found "
                          "when it was built: install libpq-dev and rebuild, or use a SQLite "
                          "file); nothing was changed", d->db_path);
}

static void nothing_to_close(desk *d)
{
    (void)d;
}

static int not_connected(desk *d, const char *what)
{
    return desk_failure("%s: %s: not connected", d->db_path, what);
}

const desk_store_ops desk_store_postgres = {
    .name = "PostgreSQL",
    .open = refuse,
    .close = nothing_to_close,
    .error = not_connected,
};
