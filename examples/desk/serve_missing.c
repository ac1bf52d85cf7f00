/* serve and token in a desk built without libmicrohttpd and libsodium (meson -Ddesk_server). */
#include "desk.h"

static int missing(void)
{
    return desk_failure("this svcr-desk was built without its HTTP server: install "
                        "libmicrohttpd-dev and libsodium-dev and build again (-Ddesk_server=enabled)");
}

int desk_cmd_serve(desk *d, int argc, char **argv)
{
    (void)d, (void)argc, (void)argv;
    return missing();
}

int desk_cmd_token(desk *d, int argc, char **argv)
{
    (void)d, (void)argc, (void)argv;
    return missing();
}
