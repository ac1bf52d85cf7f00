/* svcr-desk serve: the desk as an HTTP service (libmicrohttpd), shared by serve.c, http_*.c,
 * api_*.c, intake.c and tokens.c. Not part of the desk's command-line core (desk.h). */
#ifndef SVCR_DESK_SERVE_H
#define SVCR_DESK_SERVE_H

#include "desk.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>

#define SERVE_DEFAULT_BODY_LIMIT (1024 * 1024)
#define SERVE_DEFAULT_CONNECTION_LIMIT 256
#define SERVE_DEFAULT_THREADS 16
#define SERVE_DEFAULT_IDLE_TIMEOUT 30    /* seconds without a byte on a connection */
#define SERVE_DEFAULT_REQUEST_TIMEOUT 30 /* seconds to send one whole request */
#define SERVE_DEFAULT_GRACE 30           /* seconds SIGTERM waits for requests in flight */

/* One file of the agent page, read once at start. */
typedef struct serve_file {
    const char *name; /* as requested: "index.html", "desk.css", "desk.js" */
    const char *type; /* its Content-Type */
    char *data;
    size_t length;
} serve_file;

enum { SERVE_FILE_COUNT = 3 };

/* A connection as the watchdog sees it: cut off when a request takes too long to arrive. */
typedef struct serve_connection {
    int fd;
    bool receiving;          /* waiting for (the rest of) a request, not working on one */
    bool cut;                /* shut down by the watchdog */
    struct timespec since;   /* when the current wait began (CLOCK_MONOTONIC) */
    struct serve_connection *prev, *next;
} serve_connection;

typedef struct desk_server {
    const char *db_path;
    size_t body_limit;
    unsigned connection_limit, threads, idle_timeout, request_timeout, grace;
    serve_file files[SERVE_FILE_COUNT];
    json_t *intake_maps; /* name -> mapping (intake.c) */
    desk *desk;                 /* the one desk the requests take turns on (http_handler.c) */
    pthread_mutex_t store_lock; /* held for each request's turn on the store */
    struct batch *batch;        /* the open write transaction's writes (group commit) */
    pthread_cond_t batch_done;  /* a batch was committed or rolled back */
    atomic_int store_waiters;   /* requests waiting for store_lock */
    atomic_int in_flight;   /* requests begun and not yet completed */
    atomic_bool stopping;
    pthread_mutex_t connections_lock;
    serve_connection *connections;
} desk_server;

/* ---- http_reply.c: what a request answers ------------------------------------------------- */

typedef struct api_reply {
    unsigned status;
    json_t *json;         /* the body (owned) */
    char etag[48];        /* "" when none */
    char location[640];   /* "" when none */
    const char *allow;    /* the Allow header of a 405, or NULL */
} api_reply;

/* Set an error reply: {"error": {"status": S, "message": ...}} (printf-style message). */
void api_error(api_reply *reply, unsigned status, const char *fmt, ...) DESK_PRINTF(3, 4);
/* Set a reply with @p json as its body (stolen). */
void api_ok(api_reply *reply, unsigned status, json_t *json);
/* Add a member to the error object of an error reply (stolen). */
void api_error_detail(api_reply *reply, const char *key, json_t *value);

/* The messages the desk functions reported during this request (captured per thread), as one
 * line without the "svcr-desk: " prefixes; "" when none. Valid until the next request. */
const char *api_messages(void);
/* Start/stop capturing the desk's messages and printed JSON on this thread. */
void api_capture_begin(json_t **json_sink);
void api_capture_end(void);

/* A strong ETag for a stored case: its encoded JSON and the host's columns. */
void api_case_etag(const char *json, const char *customer, const char *tier, int severity,
                   bool has_price, svcr_money price, char out[48]);
/* The same for a case in memory (encodes it); "" if it cannot be encoded. */
void api_case_etag_of(const desk_case *dc, char out[48]);

/* ---- one API call ------------------------------------------------------------------------ */

typedef struct api_call {
    desk_server *server;
    desk *d;
    struct MHD_Connection *connection;
    const char *method;
    const char *segments[8]; /* the path after "/v1", split on "/" */
    size_t segment_count;
    json_t *body;         /* parsed JSON body of a POST, or NULL */
    const char *actor;    /* the token's name */
    const char *role;     /* the token's role */
    const char *if_match; /* the If-Match header, or NULL */
    api_reply reply;
} api_call;

/* A query parameter of the request, or NULL. */
const char *api_query(const api_call *call, const char *name);

/* Routes (api_cases.c, api_lists.c, intake.c). Each runs inside the request's transaction and
 * fills call->reply; a reply of 400 or more rolls the transaction back. */
void api_create_case(api_call *call);
void api_get_case(api_call *call);
void api_apply_event(api_call *call);
void api_offer(api_call *call);
void api_due(api_call *call);
void api_report(api_call *call);
void api_check_reply(api_call *call);
void api_intake(api_call *call);

/* Whether a route writes (BEGIN IMMEDIATE under the write lock) and the route itself. */
typedef struct api_route {
    void (*run)(api_call *call);
    bool write;
} api_route;
/* Find the route for a method and path; on failure fills *reply (404/405/400) and returns
 * false. */
bool api_route_find(const char *method, const char *const *segments, size_t count,
                    api_route *route, api_reply *reply);

/* Check a case id taken from a path or a body: valid UTF-8, no "/", no control characters, not
 * "." or "..", not beginning with "-", at most 200 bytes. Fills *reply (400) when refused. */
bool api_check_case_id(const char *id, const char *what, api_reply *reply);

/* Map the desk's failure after a library call to a status: 404 no case, 409 state, 422 guard,
 * 403 role, 400 other bad input, 500 database or system. */
unsigned api_status_for(int rc);

/* ---- http_handler.c: libmicrohttpd's callbacks -------------------------------------------- */

struct MHD_Daemon *serve_start(desk_server *server, const struct sockaddr *address,
                               unsigned address_length, bool ipv6);

/* ---- tokens.c ------------------------------------------------------------------------------ */

#define TOKEN_META_KEY "tokens"

/* Check "Bearer TOKEN" against the stored token hashes (constant time per token). On a match
 * *name and *role are set (the caller frees both) and DESK_OK is returned; DESK_BAD_INPUT when
 * no token matches; DESK_FAILED when the store cannot be read. */
int tokens_verify(desk *d, const char *token, char **name, char **role);

int desk_cmd_token(desk *d, int argc, char **argv);

/* ---- intake.c --------------------------------------------------------------------------- */

/* Read a mapping file into server->intake_maps (reports bad files: exit 2). */
int intake_load_mapping(desk_server *server, const char *path);

#endif
