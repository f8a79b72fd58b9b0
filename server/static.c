/* SPDX-License-Identifier: Apache-2.0
 *
 * static.c - the web application's files (web/, built into the build directory) at /,
 * the same origin as /api/v1.  A path under /assets/ is a file; any other path without
 * a '.' in its last segment is one of the application's pages and gets index.html (the
 * browser's router shows the page).  /api/ paths never come here: they keep their JSON
 * 404.  Names are checked character by character: no "..", no '.' at a segment's start,
 * no '\\' or '%' (nothing is percent-decoded), so nothing outside the web root is
 * reachable.  A client accepting gzip gets FILE.gz, precompressed at build time.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "http_int.h"

#define STATIC_FILE_MAX (8u << 20) /* the largest file served, bytes */

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".ico", "image/x-icon" },
    { ".json", "application/json" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".map", "application/json" },
};

static const char *
content_type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    size_t n = strlen(path);

    for (size_t i = 0; dot != NULL && i < sizeof content_types / sizeof content_types[0]; i++) {
        size_t e = strlen(content_types[i].ext);

        if (n >= e && strcmp(path + n - e, content_types[i].ext) == 0) {
            return content_types[i].type;
        }
    }
    return NULL;
}

/* Only [A-Za-z0-9._-] in segments, none empty, none starting with '.'. */
static bool
safe_path(const char *path)
{
    if (path[0] != '/') {
        return false;
    }
    for (const char *p = path; *p != '\0'; p++) {
        char ch = *p;

        if (ch == '/') {
            if (p[1] == '/' || p[1] == '.') {
                return false;
            }
            continue;
        }
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '-' || ch == '_')) {
            return false;
        }
    }
    return true;
}

/* A file built with a content hash in its name ("app-0123456789ab.js") never changes. */
static bool
hashed_name(const char *path)
{
    const char *dash = strrchr(path, '-');
    size_t n = 0;

    if (dash == NULL) {
        return false;
    }
    while (((dash[1 + n] >= '0' && dash[1 + n] <= '9') ||
            (dash[1 + n] >= 'a' && dash[1 + n] <= 'f'))) {
        n++;
    }
    return n >= 8 && dash[1 + n] == '.';
}

/* The regular file FILE into the arena; false when absent, not regular or too large. */
static bool
read_into(ac_arena *a, const char *file, char **out, size_t *out_len)
{
    struct stat st;
    FILE *f;
    char *buf;
    bool ok;

    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)STATIC_FILE_MAX) {
        return false;
    }
    f = fopen(file, "rb");
    if (f == NULL) {
        return false;
    }
    buf = ac_arena_alloc(a, (size_t)st.st_size + 1);
    ok = buf != NULL && fread(buf, 1, (size_t)st.st_size, f) == (size_t)st.st_size;
    fclose(f);
    if (ok) {
        *out = buf;
        *out_len = (size_t)st.st_size;
    }
    return ok;
}

bool
srv_static_path(const char *path)
{
    return strcmp(path, "/api") != 0 && strncmp(path, "/api/", 5) != 0;
}

void
srv_static(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *last = strrchr(rq->path, '/');
    const char *name = rq->path;
    const char *type;
    char *file, *body = NULL;
    size_t len = 0;
    bool page;

    rq->route = "GET /{web}";
    if (!safe_path(rq->path)) {
        srv_problem(rq, rs, 404, "not_found",
                    "no such page: a web address has only letters, digits, '-', '_', '.' and '/'");
        return;
    }
    /* an application page (no '.' in the last segment) is index.html */
    page = last != NULL && strchr(last, '.') == NULL;
    if (page) {
        name = "/index.html";
    }
    type = content_type_of(name);
    file = ac_arena_printf(rq->arena, "%s%s", st->web_root, name);
    if (type == NULL || file == NULL) {
        srv_problem(rq, rs, 404, "not_found", "no such file in the web application");
        return;
    }
    /* web/build.mjs precompresses the text files (not PNG or ICO) */
    if (rq->accept_gzip && strncmp(type, "image/png", 9) != 0 && strncmp(type, "image/x", 7) != 0) {
        char *gz = ac_arena_printf(rq->arena, "%s.gz", file);

        if (gz != NULL && read_into(rq->arena, gz, &body, &len)) {
            rs->content_encoding = "gzip";
        }
    }
    if (body == NULL && !read_into(rq->arena, file, &body, &len)) {
        if (page) {
            srv_problem(rq, rs, 503, "web_app_missing",
                        "the web application is not built here: run 'make', or give 'accord "
                        "serve --web-root DIR' the directory it was built into");
        } else {
            srv_problem(rq, rs, 404, "not_found", "no such file in the web application");
        }
        return;
    }
    rs->status = 200;
    rs->content_type = type;
    rs->body = body;
    rs->body_len = len;
    rs->vary = "Accept-Encoding";
    /* hashed assets for a year; index.html and unhashed files revalidated every time */
    rs->cache_control = hashed_name(name) ? "public, max-age=31536000, immutable" : "no-cache";
}
