/* svcr-desk serve --listen ADDR:PORT [--threads N] [--connections N] [--body-limit BYTES]
 *                  [--idle-timeout S] [--request-timeout S] [--grace S] [--intake FILE]...
 *                  [--web DIR]
 *
 * The desk as an HTTP service in the foreground: the /v1 JSON API (api_*.c), the agent page at /
 * (web/), on libmicrohttpd with a pool of threads. SIGTERM or SIGINT stops taking connections,
 * lets the requests in flight finish (up to --grace seconds) and exits 0.
 *
 * libmicrohttpd's connection timeout counts idle time only, so a client sending one byte a
 * second would hold its connection for ever; a watchdog thread cuts off (shutdown(2)) any
 * connection that has been sending one request for longer than --request-timeout. */
#include "serve.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int parse_count(const char *text, const char *what, unsigned long min, unsigned long max,
                       unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] == '-' || end == text || *end != '\0' || errno != 0 || v < min || v > max)
        return desk_bad_input("serve: %s: \"%s\" is not a whole number from %lu to %lu", what, text,
                              min, max);
    *out = (unsigned long)v;
    return DESK_OK;
}

/* "127.0.0.1:8080", "[::1]:8080", ":8080" (every address), "localhost:0" (any free port). */
static int resolve_listen(const char *listen, struct addrinfo **out)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (colon == NULL || colon[1] == '\0' || (size_t)(colon - listen) >= sizeof host)
        return desk_bad_input("serve: --listen \"%s\": expected ADDRESS:PORT, e.g. 127.0.0.1:8080",
                              listen);
    size_t n = (size_t)(colon - listen);
    memcpy(host, listen, n);
    host[n] = '\0';
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        memmove(host, host + 1, n - 2);
        host[n - 2] = '\0';
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
    int error = getaddrinfo(host[0] != '\0' ? host : NULL, colon + 1, &hints, out);
    if (error != 0)
        return desk_bad_input("serve: --listen \"%s\": %s", listen, gai_strerror(error));
    return DESK_OK;
}

/* The page's files: --web DIR, else where they are installed, else the source tree. */
static int load_files(desk_server *server, const char *dir)
{
    static const char *const names[SERVE_FILE_COUNT] = {"index.html", "desk.css", "desk.js"};
    static const char *const types[SERVE_FILE_COUNT] = {
        "text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8"};
    char path[4096];
    if (dir == NULL) {
        snprintf(path, sizeof path, "%s/index.html", DESK_WEB_DIR);
        dir = access(path, R_OK) == 0 ? DESK_WEB_DIR : DESK_WEB_SOURCE_DIR;
    }
    for (size_t i = 0; i < SERVE_FILE_COUNT; i++) {
        server->files[i].name = names[i];
        server->files[i].type = types[i];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        int rc = desk_read_file(path, "serve: the agent page (--web DIR)", &server->files[i].data,
                                &server->files[i].length);
        if (rc != DESK_OK)
            return rc;
    }
    return DESK_OK;
}

typedef struct watchdog {
    desk_server *server;
    atomic_bool stop;
} watchdog;

static double seconds_since(const struct timespec *since, const struct timespec *now)
{
    return (double)(now->tv_sec - since->tv_sec) + (double)(now->tv_nsec - since->tv_nsec) / 1e9;
}

static void *watch(void *arg)
{
    watchdog *w = arg;
    desk_server *server = w->server;
    while (!atomic_load(&w->stop)) {
        struct timespec now, pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&server->connections_lock);
        for (serve_connection *c = server->connections; c != NULL; c = c->next)
            if (c->receiving && !c->cut && seconds_since(&c->since, &now) > server->request_timeout) {
                shutdown(c->fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it */
                c->cut = true;
            }
        pthread_mutex_unlock(&server->connections_lock);
    }
    return NULL;
}

static void server_free(desk_server *server)
{
    for (size_t i = 0; i < SERVE_FILE_COUNT; i++)
        free(server->files[i].data);
    json_decref(server->intake_maps);
    pthread_mutex_destroy(&server->store_lock);
    pthread_cond_destroy(&server->batch_done);
    pthread_mutex_destroy(&server->connections_lock);
}

/* Create or recognise the database once, before any request, and say whether tokens exist. */
static int prepare_database(desk *d)
{
    int rc = desk_db_open(d, true);
    char *tokens = NULL;
    if (rc == DESK_OK)
        rc = desk_db_begin(d, false);
    if (rc == DESK_OK)
        rc = desk_db_end(d, desk_db_meta_get(d, TOKEN_META_KEY, &tokens));
    if (rc == DESK_OK && (tokens == NULL || strcmp(tokens, "{}") == 0))
        fprintf(stderr, "svcr-desk: no API tokens yet: every /v1 request will get 401 until "
                        "`svcr-desk --db %s token add NAME --role ROLE` makes one\n", d->db_path);
    free(tokens);
    desk_db_close(d);
    desk_workflows_free(d);
    /* The requests' desk, opened once here (see http_handler.c for why only one). */
    if (rc == DESK_OK)
        rc = desk_db_open(d, true);
    return rc;
}

static int serve(desk *d, desk_server *server, const char *listen)
{
    struct addrinfo *address;
    int rc = resolve_listen(listen, &address);
    if (rc != DESK_OK)
        return rc;
    if ((rc = prepare_database(d)) != DESK_OK) {
        freeaddrinfo(address);
        return rc;
    }
    server->desk = d;
    d->json = true;
    /* SIGTERM and SIGINT are taken by sigwait() below, in this thread only. */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *daemon = serve_start(server, address->ai_addr, (unsigned)address->ai_addrlen,
                                            address->ai_family == AF_INET6);
    freeaddrinfo(address);
    if (daemon == NULL) {
        desk_db_close(d);
        return desk_failure("serve: cannot listen on %s (in use, or not an address of this machine?)",
                            listen);
    }
    const union MHD_DaemonInfo *port = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    printf("svcr-desk: serving %s on http://%s:%u/ (%u threads); SIGTERM stops\n", d->db_path,
           host[0] != '\0' ? host : "0.0.0.0", port != NULL ? (unsigned)port->port : 0,
           server->threads);
    fflush(stdout);

    watchdog w = {.server = server};
    pthread_t watcher;
    bool watching = pthread_create(&watcher, NULL, watch, &w) == 0;
    int signal_number = 0;
    sigwait(&signals, &signal_number);

    /* Stop accepting, let the requests in flight finish, then stop. */
    atomic_store(&server->stopping, true);
    MHD_socket listener = MHD_quiesce_daemon(daemon);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    struct timespec start, now, pause = {0, 20 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (atomic_load(&server->in_flight) == 0)
            break;
        nanosleep(&pause, NULL);
    } while (seconds_since(&start, &now) < server->grace);
    int left = atomic_load(&server->in_flight);
    MHD_stop_daemon(daemon);
    desk_db_close(d);
    if (watching) {
        atomic_store(&w.stop, true);
        pthread_join(watcher, NULL);
    }
    fprintf(stderr, "svcr-desk: stopped (%s)%s\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM",
            left > 0 ? "; some requests were still running after the grace period" : "");
    return DESK_OK;
}

int desk_cmd_serve(desk *d, int argc, char **argv)
{
    const char *listen = NULL, *web = NULL, *text;
    desk_server server = {
        .db_path = d->db_path, .body_limit = SERVE_DEFAULT_BODY_LIMIT,
        .connection_limit = SERVE_DEFAULT_CONNECTION_LIMIT, .threads = SERVE_DEFAULT_THREADS,
        .idle_timeout = SERVE_DEFAULT_IDLE_TIMEOUT, .request_timeout = SERVE_DEFAULT_REQUEST_TIMEOUT,
        .grace = SERVE_DEFAULT_GRACE, .intake_maps = json_object(),
    };
    pthread_mutex_init(&server.store_lock, NULL);
    pthread_cond_init(&server.batch_done, NULL);
    pthread_mutex_init(&server.connections_lock, NULL);
    if (sodium_init() < 0) {
        json_decref(server.intake_maps);
        return desk_failure("serve: cannot start (threads or libsodium)");
    }
    /* The numeric options: name, smallest and largest value, where it goes. */
    unsigned long threads = server.threads, connections = server.connection_limit,
                  body_limit = server.body_limit, idle = server.idle_timeout,
                  request = server.request_timeout, grace = server.grace;
    const struct {
        const char *name;
        unsigned long min, max, *value;
    } numbers[] = {{"--threads", 1, 256, &threads},           {"--connections", 1, 65536, &connections},
                   {"--body-limit", 1, 1UL << 30, &body_limit}, {"--idle-timeout", 1, 86400, &idle},
                   {"--request-timeout", 1, 86400, &request},  {"--grace", 0, 86400, &grace}};
    int rc = DESK_OK;
    for (int i = 0; i < argc && rc == DESK_OK; i++) {
        int m;
        if ((m = desk_option(argc, argv, &i, "--listen", &listen)) ||
            (m = desk_option(argc, argv, &i, "--web", &web))) {
            rc = m < 0 ? DESK_BAD_INPUT : DESK_OK;
            continue;
        }
        if ((m = desk_option(argc, argv, &i, "--intake", &text))) {
            rc = m < 0 ? DESK_BAD_INPUT : intake_load_mapping(&server, text);
            continue;
        }
        size_t k = 0;
        while (k < sizeof numbers / sizeof numbers[0] &&
               (m = desk_option(argc, argv, &i, numbers[k].name, &text)) == 0)
            k++;
        if (k == sizeof numbers / sizeof numbers[0])
            rc = desk_bad_input("serve: unexpected argument \"%s\"", argv[i]);
        else if (m < 0)
            rc = DESK_BAD_INPUT;
        else
            rc = parse_count(text, numbers[k].name, numbers[k].min, numbers[k].max, numbers[k].value);
    }
    server.threads = (unsigned)threads;
    server.connection_limit = (unsigned)connections;
    server.body_limit = body_limit;
    server.idle_timeout = (unsigned)idle;
    server.request_timeout = (unsigned)request;
    server.grace = (unsigned)grace;
    if (rc == DESK_OK && listen == NULL)
        rc = desk_bad_input("serve: usage: serve --listen ADDRESS:PORT [options] (see --help)");
    if (rc == DESK_OK)
        rc = load_files(&server, web);
    if (rc == DESK_OK)
        rc = serve(d, &server, listen);
    server_free(&server);
    return rc;
}
