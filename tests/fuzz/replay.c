/* Replay every seed and regression input through every fuzz target without libFuzzer:
 * fuzz_replay CORPUS_DIR REGRESSIONS_DIR reads CORPUS_DIR/<target>/ and
 * REGRESSIONS_DIR/<target>/ and calls the target on each file. A target aborts (or a sanitizer
 * reports) on a finding, which fails the test; so does a target with no seed input at all. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_replay_targets.h"

#define FUZZ_TARGET(name) int fuzz_one_##name(const uint8_t *data, size_t size);
FUZZ_TARGETS
#undef FUZZ_TARGET

typedef struct target {
    const char *name;
    int (*one)(const uint8_t *data, size_t size);
} target;

#define FUZZ_TARGET(name) {#name, fuzz_one_##name},
static const target targets[] = {FUZZ_TARGETS};
#undef FUZZ_TARGET

/* Feed each regular file of dir/name to the target; returns the number fed, -1 on error. */
static long replay_dir(const target *t, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, t->name);
    DIR *d = opendir(path);
    if (d == NULL)
        return 0; /* no regressions for this target */
    long fed = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        char file[8192];
        struct stat st;
        snprintf(file, sizeof file, "%s/%s", path, entry->d_name);
        if (entry->d_name[0] == '.' || stat(file, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        FILE *f = fopen(file, "rb");
        /* A copy of exactly the file's size, so reading past the input is caught. */
        uint8_t *data = malloc((size_t)st.st_size + 1);
        if (f == NULL || data == NULL || fread(data, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
            fprintf(stderr, "fuzz_replay: cannot read %s\n", file);
            closedir(d);
            return -1;
        }
        fclose(f);
        fprintf(stderr, "%s: %s (%lld bytes)\n", t->name, file, (long long)st.st_size);
        t->one(data, (size_t)st.st_size);
        free(data);
        fed++;
    }
    closedir(d);
    return fed;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fuzz_replay CORPUS_DIR REGRESSIONS_DIR\n");
        return 2;
    }
    long total = 0;
    int status = 0;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        long seeds = replay_dir(&targets[i], argv[1]);
        long regressions = replay_dir(&targets[i], argv[2]);
        if (seeds < 0 || regressions < 0)
            return 1;
        printf("%-18s %4ld seed inputs, %3ld regression inputs\n", targets[i].name, seeds, regressions);
        if (seeds == 0) {
            fprintf(stderr, "fuzz_replay: no seed inputs for %s in %s\n", targets[i].name, argv[1]);
            status = 1;
        }
        total += seeds + regressions;
    }
    printf("%ld inputs replayed through %zu targets\n", total, sizeof targets / sizeof targets[0]);
    return total == 0 ? 1 : status;
}
