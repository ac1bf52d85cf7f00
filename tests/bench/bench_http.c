/* bench_http: a load client for `svcr-desk serve` (driven by tests/bench/bench_http.py).
 *
 *   bench_http PORT TOKEN MODE CLIENTS SECONDS
 *
 * CLIENTS threads, each on one kept-alive loopback connection, for SECONDS:
 *   MODE read:  GET /v1/cases/B-<client>, over and over;
 *   MODE write: POST /v1/cases/B-<client>/events, walking the five-step workflow's loop
 *               fix -> atone -> follow_up -> fix (fixed, atoned, not_satisfied), so every write
 *               is allowed (each client has its case to itself).
 * Prints `figure http_<mode>_requests: N requests/s`, `figure http_<mode>_p50/p99: X ms` and the
 * count of replies other than 200 (which makes the run a failure: exit 1). */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct client {
    int number;
    double *latencies;
    size_t count, capacity;
    long failures;
} client;

static int port;
static const char *token, *mode;
static atomic_bool stop;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int connect_loopback(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Read one response; returns its status, or -1 when the connection failed. */
static int read_response(int fd, char *buf, size_t size)
{
    size_t used = 0;
    char *end = NULL;
    while (end == NULL) {
        ssize_t n = read(fd, buf + used, size - 1 - used);
        if (n <= 0)
            return -1;
        used += (size_t)n;
        buf[used] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    int status = atoi(buf + 9);
    const char *length = strstr(buf, "Content-Length: ");
    if (length == NULL)
        length = strstr(buf, "content-length: ");
    size_t body = length != NULL ? strtoul(length + 16, NULL, 10) : 0;
    size_t have = used - (size_t)(end + 4 - buf);
    while (have < body) {
        ssize_t n = read(fd, buf, size - 1 < body - have ? size - 1 : body - have);
        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    return status;
}

static void *run(void *arg)
{
    client *c = arg;
    static const char *const events[3][2] = {{"fixed", "\"customer_wish\": \"a fresh order\""},
                                             {"atoned", "\"atonement\": \"a voucher\""},
                                             {"not_satisfied", ""}};
    char request[1024], body[256];
    size_t size = 1 << 20;
    char *buf = malloc(size);
    int fd = connect_loopback();
    long step = 0;
    while (fd >= 0 && !atomic_load(&stop)) {
        int length;
        if (strcmp(mode, "read") == 0) {
            length = snprintf(request, sizeof request,
                              "GET /v1/cases/B-%d HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer %s\r\n\r\n",
                              c->number, token);
        } else {
            const char *const *e = events[step % 3];
            int b = snprintf(body, sizeof body, "{\"event\": \"%s\", \"facts\": {%s}}", e[0], e[1]);
            length = snprintf(request, sizeof request,
                              "POST /v1/cases/B-%d/events HTTP/1.1\r\nHost: bench\r\nAuthorization: "
                              "Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
                              c->number, token, b, body);
        }
        double start = now_seconds();
        if (write(fd, request, (size_t)length) != length) {
            c->failures++;
            break;
        }
        int status = read_response(fd, buf, size);
        double took = now_seconds() - start;
        if (status != 200) {
            c->failures++;
            if (status < 0)
                break;
        }
        step++;
        if (c->count == c->capacity) {
            c->capacity = c->capacity ? c->capacity * 2 : 4096;
            c->latencies = realloc(c->latencies, c->capacity * sizeof *c->latencies);
        }
        c->latencies[c->count++] = took;
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: bench_http PORT TOKEN read|write CLIENTS SECONDS\n");
        return 2;
    }
    port = atoi(argv[1]);
    token = argv[2];
    mode = argv[3];
    int clients = atoi(argv[4]);
    double seconds = atof(argv[5]);
    client *cs = calloc((size_t)clients, sizeof *cs);
    pthread_t *threads = calloc((size_t)clients, sizeof *threads);
    double start = now_seconds();
    for (int i = 0; i < clients; i++) {
        cs[i].number = i;
        pthread_create(&threads[i], NULL, run, &cs[i]);
    }
    struct timespec pause = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&pause, NULL);
    atomic_store(&stop, true);
    size_t total = 0;
    long failures = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(threads[i], NULL);
        total += cs[i].count;
        failures += cs[i].failures;
    }
    double elapsed = now_seconds() - start;
    double *all = malloc((total + 1) * sizeof *all);
    size_t n = 0;
    for (int i = 0; i < clients; i++) {
        memcpy(all + n, cs[i].latencies, cs[i].count * sizeof *all);
        n += cs[i].count;
        free(cs[i].latencies);
    }
    qsort(all, n, sizeof *all, compare);
    printf("figure http_%s_requests: %.0f requests/s\n", mode, (double)n / elapsed);
    printf("%s: %zu requests in %.1f s from %d clients\n", mode, n, elapsed, clients);
    printf("figure http_%s_p50: %.3f ms\n", mode, n ? all[n / 2] * 1000 : 0.0);
    printf("figure http_%s_p99: %.3f ms\n", mode, n ? all[(size_t)((double)n * 0.99)] * 1000 : 0.0);
    printf("replies other than 200: %ld\n", failures);
    free(all);
    free(cs);
    free(threads);
    return failures == 0 ? 0 : 1;
}
