/* libmicrohttpd's callbacks: one request from its headers to its reply.
 *
 * A request runs in one store transaction, like a command: BEGIN IMMEDIATE for the routes that
 * write, a read transaction for the others; a reply of 400 or more rolls back. The server's
 * threads parse HTTP and JSON in parallel and take turns on one desk (one database connection
 * and its loaded workflows) under store_lock, so no update is lost and none waits in SQLite's
 * sleeping busy handler. One connection, not one per thread: opening a desk reads the file's
 * header through a descriptor of its own (db_open.c), and closing that descriptor drops every
 * POSIX lock this process holds on the file, including those of connections already open; another
 * process (a `svcr-desk token add`) could then delete the -wal file under them. */
#include "serve.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct request {
    char *body;
    size_t length, capacity;
    bool too_large;
    bool replied; /* a reply was queued before the body was read (413) */
} request;

/* ---- the watchdog's view of connections ------------------------------------------------- */

static serve_connection *connection_of(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info != NULL ? info->socket_context : NULL;
}

static void set_receiving(desk_server *server, struct MHD_Connection *connection, bool receiving)
{
    serve_connection *c = connection_of(connection);
    if (c == NULL)
        return;
    pthread_mutex_lock(&server->connections_lock);
    c->receiving = receiving;
    clock_gettime(CLOCK_MONOTONIC, &c->since);
    pthread_mutex_unlock(&server->connections_lock);
}

static void notify_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                              enum MHD_ConnectionNotificationCode code)
{
    desk_server *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        serve_connection *c = calloc(1, sizeof *c);
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (c == NULL || info == NULL) {
            free(c);
            *socket_context = NULL;
            return;
        }
        c->fd = info->connect_fd;
        c->receiving = true;
        clock_gettime(CLOCK_MONOTONIC, &c->since);
        pthread_mutex_lock(&server->connections_lock);
        c->next = server->connections;
        if (c->next != NULL)
            c->next->prev = c;
        server->connections = c;
        pthread_mutex_unlock(&server->connections_lock);
        *socket_context = c;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context != NULL) {
        /* Called before libmicrohttpd closes the socket: once out of the list, the watchdog
         * never touches this descriptor (which may then be reused). */
        serve_connection *c = *socket_context;
        pthread_mutex_lock(&server->connections_lock);
        if (c->prev != NULL)
            c->prev->next = c->next;
        else
            server->connections = c->next;
        if (c->next != NULL)
            c->next->prev = c->prev;
        pthread_mutex_unlock(&server->connections_lock);
        free(c);
        *socket_context = NULL;
    }
}

static void request_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                              enum MHD_RequestTerminationCode code)
{
    (void)code;
    desk_server *server = cls;
    request *r = *con_cls;
    if (r == NULL)
        return;
    free(r->body);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&server->in_flight, 1);
    set_receiving(server, connection, true); /* the next request on a kept-alive connection */
}

/* ---- replies ------------------------------------------------------------------------------ */

static enum MHD_Result send_buffer(desk_server *server, struct MHD_Connection *connection,
                                   unsigned status, const char *type, void *data, size_t length,
                                   enum MHD_ResponseMemoryMode mode, const api_reply *reply)
{
    struct MHD_Response *response = MHD_create_response_from_buffer(length, data, mode);
    if (response == NULL) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(data);
        return MHD_NO;
    }
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    if (reply != NULL && reply->etag[0] != '\0')
        MHD_add_response_header(response, MHD_HTTP_HEADER_ETAG, reply->etag);
    if (reply != NULL && reply->location[0] != '\0')
        MHD_add_response_header(response, MHD_HTTP_HEADER_LOCATION, reply->location);
    if (reply != NULL && reply->allow != NULL)
        MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, reply->allow);
    if (status == 401)
        MHD_add_response_header(response, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"svcr-desk\"");
    if (atomic_load(&server->stopping))
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result result = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return result;
}

static enum MHD_Result send_reply(desk_server *server, struct MHD_Connection *connection,
                                  api_reply *reply)
{
    if (reply->json == NULL)
        api_error(reply, 500, "out of memory building the reply");
    char *text = json_dumps(reply->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(reply->json);
    reply->json = NULL;
    if (text == NULL)
        return MHD_NO;
    size_t length = strlen(text);
    return send_buffer(server, connection, reply->status, "application/json; charset=utf-8", text,
                       length, MHD_RESPMEM_MUST_FREE, reply);
}

static enum MHD_Result send_error(desk_server *server, struct MHD_Connection *connection,
                                  unsigned status, const char *message)
{
    api_reply reply = {0};
    api_error(&reply, status, "%s", message);
    return send_reply(server, connection, &reply);
}

/* ---- the agent page ------------------------------------------------------------------------ */

static enum MHD_Result send_file(desk_server *server, struct MHD_Connection *connection,
                                 const char *url)
{
    const char *name = strcmp(url, "/") == 0 ? "index.html" : url + 1;
    for (size_t i = 0; i < SERVE_FILE_COUNT; i++) {
        serve_file *f = &server->files[i];
        if (f->data == NULL || strcmp(f->name, name) != 0)
            continue;
        struct MHD_Response *response =
            MHD_create_response_from_buffer(f->length, f->data, MHD_RESPMEM_PERSISTENT);
        if (response == NULL)
            return MHD_NO;
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, f->type);
        MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(response, "Content-Security-Policy",
                                "default-src 'self'; frame-ancestors 'none'");
        MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
        enum MHD_Result result = MHD_queue_response(connection, 200, response);
        MHD_destroy_response(response);
        return result;
    }
    return send_error(server, connection, 404, "no such page");
}

/* ---- the API ----------------------------------------------------------------------------- */

const char *api_query(const api_call *call, const char *name)
{
    return MHD_lookup_connection_value(call->connection, MHD_GET_ARGUMENT_KIND, name);
}

/* The token of "Authorization: Bearer TOKEN", or NULL. */
static const char *bearer_token(struct MHD_Connection *connection)
{
    const char *value =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (value == NULL || strncasecmp(value, "Bearer ", 7) != 0)
        return NULL;
    value += 7;
    while (*value == ' ')
        value++;
    return *value != '\0' ? value : NULL;
}

static bool is_json_type(const char *type)
{
    if (type == NULL)
        return false;
    size_t n = strlen("application/json");
    return strncasecmp(type, "application/json", n) == 0 &&
           (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

/* Parse the body of a POST into call->body, or fill the reply (400, 415). */
static bool parse_body(api_call *call, const request *r)
{
    const char *type =
        MHD_lookup_connection_value(call->connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!is_json_type(type)) {
        api_error(&call->reply, 415, "the body must be JSON, sent as Content-Type: application/json "
                  "(not %s)", type != NULL ? type : "none");
        return false;
    }
    json_error_t error;
    call->body = json_loadb(r->body != NULL ? r->body : "", r->length,
                            JSON_REJECT_DUPLICATES, &error);
    if (call->body == NULL) {
        if (json_error_code(&error) == json_error_invalid_utf8)
            api_error(&call->reply, 400, "the body is not valid UTF-8 at line %d, column %d: %s",
                      error.line, error.column, error.text);
        else
            api_error(&call->reply, 400, "malformed JSON at line %d, column %d: %s", error.line,
                      error.column, error.text);
        api_error_detail(&call->reply, "line", json_integer(error.line));
        api_error_detail(&call->reply, "column", json_integer(error.column));
        return false;
    }
    if (!json_is_object(call->body)) {
        api_error(&call->reply, 400, "the body must be a JSON object");
        return false;
    }
    return true;
}

/* Split "/v1/cases/C-1/events" into its segments after "v1"; false (and a reply) if the path
 * is not one the API could have. Segments point into @p copy. */
static bool split_path(const char *url, char *copy, size_t size, api_call *call)
{
    size_t length = strlen(url);
    if (length >= size) {
        api_error(&call->reply, 404, "no such resource");
        return false;
    }
    memcpy(copy, url, length + 1);
    char *p = copy + 4; /* after "/v1/" */
    call->segment_count = 0;
    while (*p != '\0') {
        char *slash = strchr(p, '/');
        if (slash != NULL)
            *slash = '\0';
        if (call->segment_count == sizeof call->segments / sizeof call->segments[0] || *p == '\0') {
            api_error(&call->reply, 404, "no such resource");
            return false;
        }
        if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
            api_error(&call->reply, 400, "the path may not contain \".\" or \"..\" segments");
            return false;
        }
        call->segments[call->segment_count++] = p;
        if (slash == NULL)
            break;
        p = slash + 1;
        if (*p == '\0') { /* a trailing slash */
            api_error(&call->reply, 404, "no such resource");
            return false;
        }
    }
    return true;
}

/* Authenticate, read the body and run the route, inside the transaction run_call opened. */
static void run_route(desk_server *server, api_call *call, const request *r, const api_route *route)
{
    char *name = NULL, *role = NULL;
    const char *token = bearer_token(call->connection);
    int auth = token != NULL ? tokens_verify(server->desk, token, &name, &role) : DESK_BAD_INPUT;
    if (auth == DESK_BAD_INPUT)
        api_error(&call->reply, 401, token == NULL ? "send Authorization: Bearer TOKEN "
                                                     "(svcr-desk token add NAME --role ROLE makes one)"
                                                   : "the token is not valid (revoked or mistyped)");
    else if (auth != DESK_OK)
        api_error(&call->reply, 500, "reading the tokens: %s", api_messages());
    bool ready = auth == DESK_OK;
    if (ready && strcmp(call->method, "POST") == 0)
        ready = parse_body(call, r);
    if (ready) {
        call->actor = name;
        call->role = role;
        call->if_match = MHD_lookup_connection_value(call->connection, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_IF_MATCH);
        route->run(call);
        if (call->reply.json == NULL)
            api_error(&call->reply, 500, "out of memory");
    }
    call->actor = call->role = NULL;
    free(name);
    free(role);
}

/* ---- group commit ------------------------------------------------------------------------
 *
 * With synchronous=FULL every commit waits for the disk (a few ms here), so one commit per write
 * would cap the service at a few hundred writes a second. Writes that arrive while others run
 * share one commit instead: each runs in turn inside the open write transaction, and the last
 * one in (no other request waiting for the store) commits for all of them. No write is answered
 * before the commit that stores it; if that commit fails, every write of the batch is answered
 * 503 (nothing of it stored). A refused write (4xx) changes nothing in the store (store_changes
 * checks it); one that did change something rolls the whole batch back, its writers told to send
 * again. A read first commits the open batch, so it sees only committed data. */

typedef struct batch {
    int members;   /* writes waiting for this batch's commit */
    int references;
    bool done, ok;
    char failure[512]; /* why it was not stored, when it was not */
} batch;

#define BATCH_MAX 64

/* How many rows this connection has changed so far (a counter, no query). */
static long long store_changes(const desk *d)
{
    return (long long)sqlite3_total_changes64(d->db);
}

static void batch_release(batch *b)
{
    if (--b->references == 0)
        free(b);
}

/* Commit (or with @p ok false, roll back) the open batch and wake its writers. Store lock held. */
static void batch_settle(desk_server *server, bool ok)
{
    batch *b = server->batch;
    if (b == NULL)
        return;
    server->batch = NULL;
    b->ok = desk_db_end(server->desk, ok ? DESK_OK : DESK_FAILED) == DESK_OK && ok;
    if (!b->ok)
        snprintf(b->failure, sizeof b->failure, "%s",
                 ok ? api_messages() : "a later write of the batch failed after changing the store");
    b->done = true;
    pthread_cond_broadcast(&server->batch_done);
    batch_release(b);
}

static void run_call(desk_server *server, api_call *call, const request *r, const api_route *route)
{
    desk *d = server->desk;
    call->d = d;
    atomic_fetch_add(&server->store_waiters, 1);
    pthread_mutex_lock(&server->store_lock);
    atomic_fetch_sub(&server->store_waiters, 1);
    if (!route->write)
        batch_settle(server, true);
    /* "Now" once the store is ours: a write never lands before the one stored just ahead. */
    d->now = (int64_t)time(NULL);
    if (server->batch == NULL || !route->write) {
        if (desk_db_begin(d, route->write) != DESK_OK) {
            api_error(&call->reply, 503, "the store is busy: %s", api_messages());
            pthread_mutex_unlock(&server->store_lock);
            return;
        }
        if (route->write && (server->batch = calloc(1, sizeof *server->batch)) != NULL)
            server->batch->references = 1;
        if (route->write && server->batch == NULL) {
            desk_db_end(d, DESK_FAILED);
            api_error(&call->reply, 500, "out of memory");
            pthread_mutex_unlock(&server->store_lock);
            return;
        }
    }
    long long before = store_changes(d);
    run_route(server, call, r, route);
    if (!route->write) {
        desk_db_end(d, DESK_OK);
        pthread_mutex_unlock(&server->store_lock);
        return;
    }
    batch *b = server->batch, *mine = NULL;
    if (call->reply.status >= 400 && store_changes(d) != before) {
        /* A refusal after a change: only rolling everything back undoes it. */
        batch_settle(server, false);
        pthread_mutex_unlock(&server->store_lock);
        return;
    }
    if (call->reply.status < 400) {
        mine = b;
        b->members++;
        b->references++;
    }
    if (atomic_load(&server->store_waiters) > 0 && b->members < BATCH_MAX) {
        while (mine != NULL && !mine->done) /* someone after us commits */
            pthread_cond_wait(&server->batch_done, &server->store_lock);
    } else {
        batch_settle(server, true);
    }
    pthread_mutex_unlock(&server->store_lock);
    if (mine != NULL) {
        if (!mine->ok)
            api_error(&call->reply, 503, "the change was not stored (%s); send it again",
                      mine->failure[0] != '\0' ? mine->failure : "the commit failed");
        pthread_mutex_lock(&server->store_lock);
        batch_release(mine);
        pthread_mutex_unlock(&server->store_lock);
    }
}

static enum MHD_Result handle_api(desk_server *server, struct MHD_Connection *connection,
                                  const char *url, const char *method, const request *r)
{
    api_call call = {.server = server, .connection = connection, .method = method};
    char path[1024];
    api_route route;
    json_t *captured = NULL;
    api_capture_begin(&captured);
    if (split_path(url, path, sizeof path, &call) &&
        api_route_find(method, call.segments, call.segment_count, &route, &call.reply))
        run_call(server, &call, r, &route);
    api_capture_end();
    json_decref(captured);
    json_decref(call.body);
    return send_reply(server, connection, &call.reply);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    desk_server *server = cls;
    request *r = *con_cls;
    if (r == NULL) {
        r = calloc(1, sizeof *r);
        if (r == NULL)
            return MHD_NO;
        *con_cls = r;
        atomic_fetch_add(&server->in_flight, 1);
        /* A client that waits for "100 Continue" before sending a body over the limit is told
         * at once; any other is sending it already, and gets its 413 once it is read and
         * dropped (cut off by the request timeout if it never ends): a reply before then would
         * reach a client still writing as a broken connection, not as a 413. */
        const char *declared = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                           MHD_HTTP_HEADER_CONTENT_LENGTH);
        const char *expect = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_EXPECT);
        if (declared != NULL && strtoull(declared, NULL, 10) > server->body_limit &&
            expect != NULL && strcasecmp(expect, "100-continue") == 0) {
            r->replied = true;
            char message[128];
            snprintf(message, sizeof message, "the body is larger than the limit of %zu bytes",
                     server->body_limit);
            return send_error(server, connection, 413, message);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->replied || r->too_large)
            return MHD_YES;
        if (n > server->body_limit - r->length) {
            r->too_large = true; /* keep reading (and dropping) to answer 413 */
            free(r->body);
            r->body = NULL;
            r->length = r->capacity = 0;
            return MHD_YES;
        }
        if (r->length + n > r->capacity) {
            size_t capacity = r->capacity > 0 ? r->capacity * 2 : 4096;
            while (capacity < r->length + n)
                capacity *= 2;
            char *grown = realloc(r->body, capacity);
            if (grown == NULL)
                return MHD_NO;
            r->body = grown;
            r->capacity = capacity;
        }
        memcpy(r->body + r->length, upload_data, n);
        r->length += n;
        return MHD_YES;
    }
    if (r->replied)
        return MHD_YES;
    set_receiving(server, connection, false); /* the whole request is in: now working on it */
    if (r->too_large) {
        char message[128];
        snprintf(message, sizeof message, "the body is larger than the limit of %zu bytes",
                 server->body_limit);
        return send_error(server, connection, 413, message);
    }
    if (strncmp(url, "/v1/", 4) == 0)
        return handle_api(server, connection, url, method, r);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_error(server, connection, 405, "the page is read with GET");
    return send_file(server, connection, url);
}

struct MHD_Daemon *serve_start(desk_server *server, const struct sockaddr *address,
                               unsigned address_length, bool ipv6)
{
    (void)address_length;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC;
    if (ipv6)
        flags |= MHD_USE_IPv6;
    return MHD_start_daemon(
        flags, 0, NULL, NULL, handle, server, MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_THREAD_POOL_SIZE, server->threads, MHD_OPTION_CONNECTION_LIMIT,
        server->connection_limit, MHD_OPTION_CONNECTION_TIMEOUT, server->idle_timeout,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, server, MHD_OPTION_NOTIFY_CONNECTION,
        notify_connection, server, MHD_OPTION_END);
}
