/* Which files the desk opens, and how: it never damages a file that is not its own (the SQLite
 * backend's open; store_postgres.c opens a PostgreSQL URL).
 *
 * The desk's database is recognised by its application_id (DESK_APPLICATION_ID, in the SQLite
 * header at offset 68) and its schema version (user_version). A database made by an older desk,
 * before the application_id was set, is recognised by user_version 1 and a schema identical to
 * the desk's; a command that writes stamps it with the application_id in its own transaction.
 * Every other file is refused with exit status 2 before anything is written to it: the desk
 * sets no pragma, switches no journal mode and leaves no -wal or -shm file behind; a -wal file
 * that was there already (another program's commits) is neither checkpointed into the file nor
 * deleted when the desk closes it (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE until the file is recognised).
 *
 * A database is created only by a command that writes, and only where there is no file yet or
 * an empty (0-byte) one. Commands that only read change nothing in the database; they open it:
 * - a database not in WAL mode: SQLITE_OPEN_READONLY;
 * - a WAL database in a directory and file we may write: read-write, so that SQLite removes the
 *   -wal and -shm files when the last connection closes (a read-only connection cannot, and
 *   would leave them behind); the desk's statements only read;
 * - a WAL database we may not write whose -wal file exists: SQLITE_OPEN_READONLY;
 * - a WAL database we may not write without a -wal file (another user's database, a read-only
 *   directory): SQLite cannot read it without creating a -wal file, so it is opened
 *   "immutable" (no locks, no -wal or -shm). Every committed transaction is then in the main
 *   file; a writer starting meanwhile changes the main file only by a checkpoint, so the read
 *   is checked afterwards: if the file changed, the command fails (exit 1) and says so.
 *
 * References: https://www.sqlite.org/fileformat.html (the header), https://www.sqlite.org/wal.html
 * ("Read-Only Databases"), https://www.sqlite.org/uri.html ("immutable"). */
/* realpath() is XSI; the project builds with _POSIX_C_SOURCE=200809L. */
#define _XOPEN_SOURCE 700

#include "desk.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a desk waits for another desk's write lock before giving up. */
#define BUSY_TIMEOUT_MS 10000

int desk_db_check_path(const char *path)
{
    if (path[0] == '\0')
        return desk_bad_input("--db: empty path (an unset variable?): SQLite would use a "
                              "temporary database and throw every change away");
    if (strcmp(path, ":memory:") == 0)
        return desk_bad_input("--db: \":memory:\" is an in-memory database: every change would "
                              "be thrown away; give a file path");
    if (strncmp(path, "file:", 5) == 0)
        return desk_bad_input("--db: \"%s\" is an SQLite URI; the desk takes a file path "
                              "(write ./%s for a file of that name)", path, path);
    return DESK_OK;
}

/* What the first 100 bytes of the file say (https://www.sqlite.org/fileformat.html). */
typedef struct file_header {
    bool wal;                /* bytes 18 and 19 are 2: WAL mode */
    uint32_t user_version;   /* offset 60 */
    uint32_t application_id; /* offset 68 */
} file_header;

static uint32_t big_endian32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Read the header of a non-empty file; refuse a file that is not SQLite, or another program's
 * SQLite database, before SQLite opens it. */
static int read_header(const desk *d, file_header *h)
{
    unsigned char bytes[100];
    int fd = open(d->db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return desk_bad_input("%s: cannot read it: %s", d->db_path, strerror(errno));
    ssize_t n = read(fd, bytes, sizeof bytes);
    close(fd);
    if (n < 0)
        return desk_bad_input("%s: cannot read it: %s", d->db_path, strerror(errno));
    if (n < (ssize_t)sizeof bytes || memcmp(bytes, "SQLite format 3", 16) != 0)
        return desk_bad_input("%s: not a database (not an SQLite file); the desk opens only its "
                              "own databases and changed nothing", d->db_path);
    h->wal = bytes[18] == 2 && bytes[19] == 2;
    h->user_version = big_endian32(bytes + 60);
    h->application_id = big_endian32(bytes + 68);
    if (h->application_id != 0 && h->application_id != DESK_APPLICATION_ID)
        return desk_bad_input("%s: an SQLite database of another program (application_id "
                              "0x%08x, the desk's is 0x%08x); the desk changed nothing",
                              d->db_path, (unsigned)h->application_id, DESK_APPLICATION_ID);
    return DESK_OK;
}

static bool exists(const char *path, off_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    if (size != NULL)
        *size = st.st_size;
    return true;
}

/* Does @p path + @p suffix exist? (SQLite names its -wal file after the database file the path
 * leads to, through symbolic links: @p path is that file.) */
static bool sibling_exists(const char *path, const char *suffix, off_t *size)
{
    char sibling[4096];
    if ((size_t)snprintf(sibling, sizeof sibling, "%s%s", path, suffix) >= sizeof sibling)
        return false;
    return exists(sibling, size);
}

/* May this process write the file and create files beside it? */
static bool writable(const char *path)
{
    char *copy = strdup(path);
    bool ok = copy != NULL && access(path, W_OK) == 0 &&
              access(dirname(copy), W_OK | X_OK) == 0;
    free(copy);
    return ok;
}

/* "file:" + the path, percent-encoded, + "?immutable=1" (https://www.sqlite.org/uri.html). */
static char *immutable_uri(const char *path)
{
    size_t length = strlen(path);
    char *uri = malloc(3 * length + 32);
    if (uri == NULL)
        return NULL;
    char *p = uri + sprintf(uri, path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *s = (const unsigned char *)path; *s != '\0'; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("/._-~", *s) != NULL)
            *p++ = (char)*s;
        else
            p += sprintf(p, "%%%02X", *s);
    }
    strcpy(p, "?immutable=1");
    return uri;
}

static bool same_file_state(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

int desk_db_check_unchanged(desk *d)
{
    if (!d->immutable)
        return DESK_OK;
    struct stat now;
    if (stat(d->db_path, &now) == 0 && same_file_state(&d->immutable_stat, &now))
        return DESK_OK;
    return desk_failure("%s changed while this command read it (read without locks: the "
                        "database is not writable here); the output may be inconsistent: run "
                        "the command again", d->db_path);
}

/* Open the connection: read-write (creating the file if @p create) for commands that write,
 * read-only as the comment at the top says for commands that read. */
static int connect(desk *d, bool write, bool create, const file_header *h)
{
    int flags = write ? SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
                      : SQLITE_OPEN_READONLY;
    char *uri = NULL;
    char *file = create ? NULL : realpath(d->db_path, NULL);
    bool present_wal = file != NULL && sibling_exists(file, "-wal", NULL);
    if (!write && h->wal && file != NULL) {
        if (writable(file)) {
            flags = SQLITE_OPEN_READWRITE;
        } else if (!present_wal) {
            if (stat(file, &d->immutable_stat) != 0 || (uri = immutable_uri(file)) == NULL) {
                free(file);
                return desk_failure("%s: %s", d->db_path, strerror(errno));
            }
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
            d->immutable = true;
        }
    }
    free(file);
    int status = sqlite3_open_v2(uri != NULL ? uri : d->db_path, &d->db, flags, NULL);
    free(uri);
    if (status != SQLITE_OK)
        return desk_db_error(d, "opening");
    d->schema_version = DESK_SCHEMA_VERSION;
    sqlite3_busy_timeout(d->db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(d->db, 0);
    /* Until the file is recognised, closing must not checkpoint a -wal that was already there
     * (another program's commits) into the file, nor delete it. */
    if (present_wal)
        sqlite3_db_config(d->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    if (write && sqlite3_db_readonly(d->db, "main") == 1)
        return desk_bad_input("%s: the database is read-only here and this command writes; "
                              "nothing was changed", d->db_path);
    /* Settings of this connection only: nothing is written to the file. synchronous=FULL makes
     * each commit durable, not only consistent. */
    if (sqlite3_exec(d->db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", NULL, NULL, NULL)
        != SQLITE_OK)
        return desk_db_error(d, "setting up");
    return DESK_OK;
}

int desk_sqlite_open(desk *d, bool write); /* store_sqlite.c's open */

int desk_sqlite_open(desk *d, bool write)
{
    int rc = desk_db_check_path(d->db_path);
    if (rc != DESK_OK)
        return rc;
    d->immutable = false;
    d->stamp_pending = false;
    struct stat st;
    bool present = stat(d->db_path, &st) == 0;
    if (!present && errno != ENOENT)
        return desk_bad_input("%s: %s", d->db_path, strerror(errno));
    if (present && !S_ISREG(st.st_mode))
        return desk_bad_input("%s: not a regular file; the desk keeps its cases in a database "
                              "file of its own", d->db_path);
    file_header h = {0};
    bool empty = !present || st.st_size == 0;
    if (empty) {
        if (!write)
            return desk_bad_input(present ? "%s is empty: there is no desk database yet (open or "
                                            "import creates one)"
                                          : "no database at %s (check --db; open or import "
                                            "creates one)",
                                  d->db_path);
        /* SQLite would delete a WAL file beside an empty database: it may be all that is left
         * of one. */
        off_t wal_size = 0;
        if (sibling_exists(d->db_path, "-wal", &wal_size) && wal_size > 0)
            return desk_bad_input("%s is %s but %s-wal is not: it may hold a database's "
                                  "transactions; the desk leaves both alone",
                                  d->db_path, present ? "empty" : "missing", d->db_path);
    } else if ((rc = read_header(d, &h)) != DESK_OK) {
        return rc;
    }
    rc = connect(d, write, !present, &h);
    bool created = false;
    if (rc == DESK_OK)
        rc = desk_db_recognise(d, write, &created);
    if (rc == DESK_OK)
        sqlite3_db_config(d->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    /* A new database: WAL, so that readers never block the writer. An existing database keeps
     * the journal mode it has (switching would write to it). */
    if (rc == DESK_OK && created &&
        sqlite3_exec(d->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK)
        rc = desk_db_error(d, "switching the new database to WAL");
    if (rc != DESK_OK)
        desk_db_close(d);
    return rc;
}
