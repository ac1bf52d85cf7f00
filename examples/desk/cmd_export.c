/* svcr-desk export: every case as one line of JSON, in id order:
 *   {"customer":"K-17","tier":"gold","severity":3,"case":{...}}
 * where "case" is exactly the JSON the case module encoded (state, facts, the whole event log),
 * and the other members are what the desk knows about the customer. import reads it back, and
 * so do examples/insight, examples/python/case_insight.py and svcrecover.export.
 *
 * export --split N DIR writes the same lines into N files DIR/cases-0001.jsonl ... of about equal
 * size, each case whole on one line, in id order across the files, so a cluster
 * (svcrecover.dask) can read them in parallel. DIR must be new or empty: the desk never replaces
 * a file it did not write; the files are created exclusively, and on failure the ones it made
 * are removed again (and DIR, if it made it). */
#include "desk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_SPLIT = 10000 };

static int print_row(desk *d, const desk_case_row *row, void *user)
{
    long *count = user;
    char *line;
    int rc = desk_case_export_line(row, &line);
    if (rc != DESK_OK)
        return rc;
    int written = puts(line);
    free(line);
    if (written == EOF) /* stop here; main reports the lost output (exit status 3) */
        return DESK_OUTPUT_FAILED;
    desk_progress(d, "export", ++*count, 0);
    return DESK_OK;
}

/* ---- --split ------------------------------------------------------------------------------ */

typedef struct split {
    const char *dir;
    long files;
    size_t *lengths; /* pass 1: each line's length with its newline */
    size_t count, capacity;
    unsigned long long total;
    /* pass 2 */
    size_t next;              /* the line written next */
    long file;                /* the file open, 0-based */
    unsigned long long written; /* bytes written so far, all files */
    FILE *out;
    char **paths; /* the files made, for removal on failure */
    long made;
} split;

static int measure_row(desk *d, const desk_case_row *row, void *user)
{
    split *s = user;
    char *line;
    int rc = desk_case_export_line(row, &line);
    if (rc != DESK_OK)
        return rc;
    size_t length = strlen(line) + 1;
    free(line);
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? s->capacity * 2 : 1024;
        size_t *grown = realloc(s->lengths, capacity * sizeof *grown);
        if (grown == NULL)
            return desk_failure("export: out of memory");
        s->lengths = grown;
        s->capacity = capacity;
    }
    s->lengths[s->count++] = length;
    s->total += length;
    desk_progress(d, "export (measuring)", (long)s->count, 0);
    return DESK_OK;
}

static char *file_path(const char *dir, long number, long files)
{
    int width = files >= 10000 ? 5 : 4;
    size_t size = strlen(dir) + 32;
    char *path = malloc(size);
    if (path != NULL)
        snprintf(path, size, "%s/cases-%0*ld.jsonl", dir, width, number);
    return path;
}

/* Close the open file (if any) and create the next one, exclusively. */
static int next_file(split *s)
{
    if (s->out != NULL) {
        int failed = fflush(s->out) != 0 || ferror(s->out) || fsync(fileno(s->out)) != 0;
        failed |= fclose(s->out) != 0;
        s->out = NULL;
        if (failed)
            return desk_failure("export: writing %s failed: %s", s->paths[s->made - 1], strerror(errno));
    }
    if (s->made == s->files)
        return DESK_OK;
    char *path = file_path(s->dir, s->made + 1, s->files);
    if (path == NULL)
        return desk_failure("export: out of memory");
    /* O_EXCL: a file that appeared since the check is never replaced */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        int rc = errno == EEXIST ? desk_bad_input("export --split: %s exists already; the desk does not replace it", path)
                                 : desk_failure("export: cannot create %s: %s", path, strerror(errno));
        free(path);
        return rc;
    }
    s->paths[s->made++] = path;
    s->out = fdopen(fd, "w");
    if (s->out == NULL) {
        close(fd);
        return desk_failure("export: cannot write %s: %s", path, strerror(errno));
    }
    return DESK_OK;
}

static int write_row(desk *d, const desk_case_row *row, void *user)
{
    split *s = user;
    char *line;
    int rc = desk_case_export_line(row, &line);
    if (rc != DESK_OK)
        return rc;
    size_t length = strlen(line) + 1;
    if (s->next >= s->count || s->lengths[s->next] != length) {
        free(line);
        return desk_failure("export: the cases changed while they were exported; run it again");
    }
    /* A line goes to the file whose share of the bytes its middle falls in: files of about
     * total / N bytes each, never a case cut. */
    unsigned long long middle = s->written + length / 2;
    while (rc == DESK_OK && (s->out == NULL || middle * (unsigned long long)s->files >= s->total * (unsigned long long)s->made))
        if (s->made < s->files)
            rc = next_file(s);
        else
            break;
    if (rc == DESK_OK && (fputs(line, s->out) == EOF || putc('\n', s->out) == EOF))
        rc = desk_failure("export: writing %s failed: %s", s->paths[s->made - 1], strerror(errno));
    free(line);
    s->written += length;
    s->next++;
    desk_progress(d, "export", (long)s->next, (long)s->count);
    return rc;
}

/* True when @p dir holds anything besides "." and "..". */
static int dir_state(const char *dir, bool *exists, bool *empty)
{
    DIR *handle = opendir(dir);
    if (handle == NULL) {
        if (errno == ENOENT) {
            *exists = false;
            return DESK_OK;
        }
        if (errno == ENOTDIR)
            return desk_bad_input("export --split: %s is not a directory", dir);
        return desk_failure("export --split: cannot read %s: %s", dir, strerror(errno));
    }
    *exists = true;
    *empty = true;
    for (struct dirent *e; (e = readdir(handle)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            *empty = false;
    closedir(handle);
    return DESK_OK;
}

static int export_split(desk *d, const char *count_text, const char *dir)
{
    char *end;
    errno = 0;
    long files = strtol(count_text, &end, 10);
    if (errno != 0 || end == count_text || *end != '\0' || files < 1 || files > MAX_SPLIT)
        return desk_bad_input("export --split: \"%s\" is not a number of files from 1 to %d", count_text, MAX_SPLIT);
    if (dir[0] == '\0')
        return desk_bad_input("export --split: the directory is empty text");
    bool exists = false, empty = false;
    int rc = dir_state(dir, &exists, &empty);
    if (rc != DESK_OK)
        return rc;
    if (exists && !empty)
        return desk_bad_input("export --split: %s is not empty; the desk writes only into a new or empty directory, "
                              "so it never replaces files it did not write",
                              dir);

    split s = {.dir = dir, .files = files};
    rc = desk_db_each(d, measure_row, &s);
    desk_progress_done(d);
    bool made_dir = false;
    if (rc == DESK_OK && !exists) {
        if (mkdir(dir, 0777) != 0)
            rc = errno == EEXIST ? desk_bad_input("export --split: %s appeared meanwhile; run it again", dir)
                                 : desk_failure("export --split: cannot create %s: %s", dir, strerror(errno));
        made_dir = rc == DESK_OK;
    }
    if (rc == DESK_OK && (s.paths = calloc((size_t)files, sizeof *s.paths)) == NULL)
        rc = desk_failure("export: out of memory");
    if (rc == DESK_OK)
        rc = desk_db_each(d, write_row, &s);
    desk_progress_done(d);
    if (rc == DESK_OK && s.next != s.count)
        rc = desk_failure("export: the cases changed while they were exported; run it again");
    while (rc == DESK_OK && s.made < s.files) /* the last files of more files than cases: empty */
        rc = next_file(&s);
    if (rc == DESK_OK)
        rc = next_file(&s); /* closes the last */
    else if (s.out != NULL)
        fclose(s.out);
    if (rc != DESK_OK) { /* leave nothing half-written: remove what this run made, only that */
        for (long i = 0; i < s.made; i++)
            unlink(s.paths[i]);
        if (made_dir)
            rmdir(dir);
    } else if (d->json) {
        json_t *list = json_array();
        for (long i = 0; i < s.made; i++)
            json_array_append_new(list, json_string(s.paths[i]));
        desk_print_json(d, json_pack("{sIsIso}", "cases", (json_int_t)s.count, "bytes", (json_int_t)s.total, "files", list));
    } else {
        desk_printf(d, "exported %zu cases (%llu bytes) into %ld files in %s\n", s.count, s.total, files, dir);
    }
    for (long i = 0; s.paths != NULL && i < s.made; i++)
        free(s.paths[i]);
    free(s.paths);
    free(s.lengths);
    return rc;
}

int desk_cmd_export(desk *d, int argc, char **argv)
{
    if (argc > 0 && (strcmp(argv[0], "--split") == 0)) {
        if (argc != 3)
            return desk_bad_input("export --split: give the number of files and a directory: --split N DIR");
        return export_split(d, argv[1], argv[2]);
    }
    if (argc > 0)
        return desk_bad_input("export: unexpected argument \"%s\"", argv[0]);
    long count = 0;
    int rc = desk_db_each(d, print_row, &count);
    desk_progress_done(d);
    return rc;
}
