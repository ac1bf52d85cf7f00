/* API tokens: svcr-desk token add NAME --role ROLE | list | revoke NAME
 *
 * A token is 32 random bytes from libsodium (randombytes_buf), shown once as "svcr_" and their
 * URL-safe base64. The desk keeps only a BLAKE2b hash of it (crypto_generichash): a random
 * 256-bit secret needs no slow password hash, and the hash lets nobody who reads the database
 * use the token. Tokens live in the meta table under one key, "tokens", as a JSON object
 * {"NAME": {"hash": HEX, "role": ROLE, "created": TIME}}, through desk_db_meta_get/set only, so
 * any store the desk runs on keeps them. The token's name is the actor a request acts as, its
 * role the workflow role. */
#include "serve.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_PREFIX "svcr_"
#define TOKEN_BYTES 32
#define HASH_BYTES 32

static void hash_token(const char *token, unsigned char hash[HASH_BYTES])
{
    crypto_generichash(hash, HASH_BYTES, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* The stored tokens (a new object when none are stored). */
static int load_tokens(desk *d, json_t **out)
{
    char *text = NULL;
    int rc = desk_db_meta_get(d, TOKEN_META_KEY, &text);
    if (rc != DESK_OK)
        return rc;
    if (text == NULL) {
        *out = json_object();
        return *out != NULL ? DESK_OK : desk_failure("out of memory");
    }
    json_error_t error;
    *out = json_loads(text, 0, &error);
    free(text);
    if (*out == NULL || !json_is_object(*out)) {
        json_decref(*out);
        return desk_failure("the stored tokens are not a JSON object (meta key \"%s\")", TOKEN_META_KEY);
    }
    return DESK_OK;
}

static int store_tokens(desk *d, const json_t *tokens)
{
    char *text = json_dumps(tokens, JSON_COMPACT | JSON_SORT_KEYS);
    if (text == NULL)
        return desk_failure("out of memory");
    int rc = desk_db_meta_set(d, TOKEN_META_KEY, text);
    free(text);
    return rc;
}

int tokens_verify(desk *d, const char *token, char **name, char **role)
{
    json_t *tokens;
    int rc = load_tokens(d, &tokens);
    if (rc != DESK_OK)
        return rc;
    unsigned char given[HASH_BYTES], stored[HASH_BYTES];
    hash_token(token, given);
    const char *key, *found = NULL;
    json_t *entry, *match = NULL;
    /* Compare with every token, each in constant time, without stopping at a match. */
    json_object_foreach(tokens, key, entry) {
        const char *hex = json_string_value(json_object_get(entry, "hash"));
        size_t length = 0;
        if (hex == NULL || sodium_hex2bin(stored, sizeof stored, hex, strlen(hex), NULL, &length,
                                          NULL) != 0 || length != HASH_BYTES)
            continue;
        if (sodium_memcmp(stored, given, HASH_BYTES) == 0) {
            found = key;
            match = entry;
        }
    }
    rc = DESK_BAD_INPUT;
    if (found != NULL) {
        const char *r = json_string_value(json_object_get(match, "role"));
        *name = strdup(found);
        *role = strdup(r != NULL ? r : DESK_DEFAULT_ROLE);
        rc = *name != NULL && *role != NULL ? DESK_OK : DESK_FAILED;
        if (rc != DESK_OK) {
            free(*name);
            free(*role);
        }
    }
    json_decref(tokens);
    return rc;
}

/* Names and roles are shown in lists and written in case logs: keep them plain. */
static bool plain_word(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (const char *p = s; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.' || *p == '@'))
            return false;
    return true;
}

static int token_add(desk *d, const char *name, const char *role)
{
    if (!plain_word(name, 64))
        return desk_bad_input("token add: name \"%s\": use 1-64 letters, digits, \"_\", \"-\", "
                              "\".\" or \"@\"", name);
    if (!plain_word(role, 64))
        return desk_bad_input("token add: --role \"%s\": use 1-64 letters, digits, \"_\", \"-\", "
                              "\".\" or \"@\"", role);
    json_t *tokens;
    int rc = load_tokens(d, &tokens);
    if (rc != DESK_OK)
        return rc;
    if (json_object_get(tokens, name) != NULL) {
        json_decref(tokens);
        return desk_bad_input("token add: a token named \"%s\" exists (revoke it first)", name);
    }
    unsigned char secret[TOKEN_BYTES], hash[HASH_BYTES];
    char token[sizeof TOKEN_PREFIX + sodium_base64_ENCODED_LEN(TOKEN_BYTES,
                                                               sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    char hex[2 * HASH_BYTES + 1], t[SVCR_TIME_FORMAT_SIZE];
    randombytes_buf(secret, sizeof secret);
    strcpy(token, TOKEN_PREFIX);
    sodium_bin2base64(token + strlen(TOKEN_PREFIX), sizeof token - strlen(TOKEN_PREFIX), secret,
                      sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(secret, sizeof secret);
    hash_token(token, hash);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    json_t *entry = json_pack("{ssssss}", "hash", hex, "role", role, "created", desk_time_text(d->now, t));
    if (entry == NULL || json_object_set_new(tokens, name, entry) != 0)
        rc = desk_failure("out of memory");
    if (rc == DESK_OK)
        rc = store_tokens(d, tokens);
    json_decref(tokens);
    if (rc == DESK_OK) {
        if (d->json)
            desk_print_json(d, json_pack("{ssssss}", "name", name, "role", role, "token", token));
        else
            desk_printf(d, "token for %s (role %s); it is shown only now, keep it secret:\n%s\n",
                        name, role, token);
    }
    sodium_memzero(token, sizeof token);
    return rc;
}

static int token_list(desk *d)
{
    json_t *tokens;
    int rc = load_tokens(d, &tokens);
    if (rc != DESK_OK)
        return rc;
    const char *name;
    json_t *entry, *list = json_array();
    json_object_foreach(tokens, name, entry) {
        json_array_append_new(list, json_pack("{ssss?ss?}", "name", name, "role",
                                              json_string_value(json_object_get(entry, "role")),
                                              "created",
                                              json_string_value(json_object_get(entry, "created"))));
    }
    if (d->json) {
        desk_print_json(d, list);
    } else {
        size_t i;
        json_t *e;
        if (json_array_size(list) == 0)
            desk_printf(d, "no tokens (svcr-desk token add NAME --role ROLE makes one)\n");
        json_array_foreach(list, i, e)
            desk_printf(d, "%-24s %-12s created %s\n", json_string_value(json_object_get(e, "name")),
                        json_string_value(json_object_get(e, "role")),
                        json_string_value(json_object_get(e, "created")));
        json_decref(list);
    }
    json_decref(tokens);
    return DESK_OK;
}

static int token_revoke(desk *d, const char *name)
{
    json_t *tokens;
    int rc = load_tokens(d, &tokens);
    if (rc != DESK_OK)
        return rc;
    if (json_object_get(tokens, name) == NULL)
        rc = desk_bad_input("token revoke: no token named \"%s\"", name);
    else if (json_object_del(tokens, name) != 0 || (rc = store_tokens(d, tokens)) != DESK_OK)
        rc = rc != DESK_OK ? rc : desk_failure("out of memory");
    if (rc == DESK_OK)
        desk_printf(d, "revoked the token of %s\n", name);
    json_decref(tokens);
    return rc;
}

int desk_cmd_token(desk *d, int argc, char **argv)
{
    static const char usage[] = "token: usage: token add NAME --role ROLE | token list | token revoke NAME";
    if (argc < 1)
        return desk_bad_input("%s", usage);
    const char *verb = argv[0], *name = NULL, *role = NULL;
    for (int i = 1; i < argc; i++) {
        int m = desk_option(argc, argv, &i, "--role", &role);
        if (m < 0)
            return DESK_BAD_INPUT;
        if (m == 0 && (desk_is_option(argv[i]) || name != NULL))
            return desk_bad_input("token: unexpected argument \"%s\"", argv[i]);
        if (m == 0)
            name = argv[i];
    }
    bool add = strcmp(verb, "add") == 0, revoke = strcmp(verb, "revoke") == 0,
         list = strcmp(verb, "list") == 0;
    if ((!add && !revoke && !list) || (add && (name == NULL || role == NULL)) ||
        (revoke && (name == NULL || role != NULL)) || (list && (name != NULL || role != NULL)))
        return desk_bad_input("%s", usage);
    if (sodium_init() < 0)
        return desk_failure("token: libsodium could not be initialised");
    int rc = desk_db_open(d, !list);
    if (rc == DESK_OK)
        rc = desk_db_begin(d, !list);
    if (rc == DESK_OK)
        rc = desk_db_end(d, add ? token_add(d, name, role) : revoke ? token_revoke(d, name) : token_list(d));
    desk_db_close(d);
    return rc;
}
