/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_io.c - bulk import and export of persons over HTTP, and search by identifier.
 *
 *   POST /api/v1/persons/import              a CSV body (text/csv): 202 with the job's id
 *   GET  /api/v1/imports/{id}                its progress, and at the end its counts and
 *                                            every refused row (line, column, reason)
 *   GET  /api/v1/imports/{id}/quarantine     the refused rows as CSV (_line, _error)
 *   GET  /api/v1/persons/export              every person the caller may see (CSV, JSONL)
 *   GET  /api/v1/persons?identifier=KIND:V   search by identifier
 *
 * An import runs on a thread of its own through ac_import_persons (the CLI's entry point,
 * with a quarantine, so good rows are kept and bad ones returned): its file and its
 * quarantine are anonymous memory files (memfd), never written to disk, and gone when the
 * server stops.  A job is visible only to the user who started it: to anyone else it does
 * not exist (404, the same words as a wrong id).  Jobs are kept in memory, at most
 * MAX_JOBS; the oldest finished one makes room for a new one.
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "http_int.h"

#define MAX_JOBS     32   /* import jobs kept */
#define MAX_PROBLEMS 1000 /* refused rows listed in a job's status; the rest are counted */

struct problem {
    uint64_t line;
    char *field;  /* or NULL: the whole row */
    char *reason; /* never a value of the row */
};

struct srv_import {
    char id[33];      /* 32 random hex digits */
    char *user_id;    /* who started it: the only one who may see it */
    char *purpose;    /* as given with the request */
    ac_actor actor;   /* a copy (strings below), for the job's thread */
    char *strs[5];    /* the actor's strings, owned */
    int csv_fd;       /* the body, a memfd */
    int bad_fd;       /* the quarantine, a memfd */
    pthread_t thread; /* runs run_import */
    bool started;     /* THREAD exists: join it */
    /* under the registry's lock: */
    uint64_t bytes_done, bytes_total, rows_seen, rejected;
    ac_import_result result; /* at the end */
    bool done;
    ac_code rc;
    char error[256]; /* when RC is not AC_OK: why, for a person */
    struct problem *problems;
    size_t n_problems;
    struct srv_import *next;
};

struct srv_imports {
    ac_hub *hub;
    pthread_mutex_t mu;
    struct srv_import *jobs; /* newest first */
    size_t n;
};

struct srv_imports *
srv_imports_new(ac_hub *hub)
{
    struct srv_imports *r = calloc(1, sizeof *r);

    if (r == NULL) {
        return NULL;
    }
    r->hub = hub;
    pthread_mutex_init(&r->mu, NULL);
    return r;
}

static void
job_free(struct srv_import *j)
{
    if (j->started) {
        pthread_join(j->thread, NULL);
    }
    if (j->csv_fd >= 0) {
        close(j->csv_fd);
    }
    if (j->bad_fd >= 0) {
        close(j->bad_fd);
    }
    for (size_t i = 0; i < j->n_problems; i++) {
        free(j->problems[i].field);
        free(j->problems[i].reason);
    }
    free(j->problems);
    for (size_t i = 0; i < 5; i++) {
        free(j->strs[i]);
    }
    free(j->user_id);
    free(j->purpose);
    free(j);
}

void
srv_imports_free(struct srv_imports *r)
{
    if (r == NULL) {
        return;
    }
    while (r->jobs != NULL) {
        struct srv_import *j = r->jobs;

        r->jobs = j->next;
        job_free(j); /* waits for a running import to end */
    }
    pthread_mutex_destroy(&r->mu);
    free(r);
}

static struct srv_imports *
imports_of(struct srv_state *st)
{
    return st->imports;
}

/* ---- the job's thread ---- */

struct job_ctx {
    struct srv_imports *r;
    struct srv_import *j;
};

static void
on_problem(void *ctx, const ac_import_problem *p)
{
    struct job_ctx *c = ctx;
    struct srv_import *j = c->j;

    pthread_mutex_lock(&c->r->mu);
    j->rejected++;
    if (j->n_problems < MAX_PROBLEMS) {
        struct problem *grown = realloc(j->problems, (j->n_problems + 1) * sizeof *grown);

        if (grown != NULL) {
            j->problems = grown;
            grown[j->n_problems].line = p->line;
            grown[j->n_problems].field = p->field != NULL ? strdup(p->field) : NULL;
            grown[j->n_problems].reason = strdup(p->reason);
            j->n_problems++;
        }
    }
    pthread_mutex_unlock(&c->r->mu);
}

static void
on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct job_ctx *c = ctx;

    pthread_mutex_lock(&c->r->mu);
    c->j->bytes_done = done;
    c->j->bytes_total = total;
    c->j->rows_seen += 4096; /* the importer reports every 4,096 rows */
    pthread_mutex_unlock(&c->r->mu);
}

static void *
run_import(void *arg)
{
    struct job_ctx *c = arg;
    struct srv_import *j = c->j;
    char csv_path[48], bad_path[48];
    ac_import_options o;
    ac_import_result res;
    ac_error err = { 0 };
    ac_code rc;

    snprintf(csv_path, sizeof csv_path, "/proc/self/fd/%d", j->csv_fd);
    snprintf(bad_path, sizeof bad_path, "/proc/self/fd/%d", j->bad_fd);
    memset(&o, 0, sizeof o);
    o.path = csv_path;
    o.agency = j->actor.agency_id;
    o.quarantine_path = bad_path;
    o.on_problem = on_problem;
    o.on_progress = on_progress;
    o.ctx = c;
    o.refuse_unknown_columns = true;
    rc = ac_import_persons(c->r->hub, &j->actor, j->purpose, &o, &res, &err);
    pthread_mutex_lock(&c->r->mu);
    j->result = res;
    j->rc = rc;
    if (rc != AC_OK) {
        snprintf(j->error, sizeof j->error, "%s", err.msg);
    }
    j->bytes_done = j->bytes_total;
    j->done = true;
    pthread_mutex_unlock(&c->r->mu);
    free(c);
    return NULL;
}

/* ---- the registry ---- */

/* The job ID of USER_ID, or NULL; under the lock. */
static struct srv_import *
find_job(struct srv_imports *r, const char *id, const char *user_id)
{
    for (struct srv_import *j = r->jobs; j != NULL; j = j->next) {
        if (strcmp(j->id, id) == 0 && strcmp(j->user_id, user_id) == 0) {
            return j;
        }
    }
    return NULL;
}

/* Make room for one more job: drop the oldest finished one when full; false when every
 * kept job is still running.  Under the lock. */
static bool
make_room(struct srv_imports *r)
{
    struct srv_import **oldest = NULL;

    if (r->n < MAX_JOBS) {
        return true;
    }
    for (struct srv_import **p = &r->jobs; *p != NULL; p = &(*p)->next) {
        if ((*p)->done) {
            oldest = p;
        }
    }
    if (oldest == NULL) {
        return false;
    }
    {
        struct srv_import *j = *oldest;

        *oldest = j->next;
        r->n--;
        job_free(j);
    }
    return true;
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

/* A new job for RQ's caller with the body in a memfd; NULL with the problem written. */
static struct srv_import *
job_new(struct srv_request *rq, struct srv_response *rs)
{
    struct srv_import *j = calloc(1, sizeof *j);
    unsigned char rnd[16];
    size_t off = 0;

    if (j == NULL) {
        srv_problem(rq, rs, 503, "unavailable", "out of memory: try again later");
        return NULL;
    }
    j->csv_fd = memfd_create("accord-import", MFD_CLOEXEC);
    j->bad_fd = memfd_create("accord-quarantine", MFD_CLOEXEC);
    j->actor = *rq->actor;
    j->strs[0] = dup_or_null(rq->actor->user_id);
    j->strs[1] = dup_or_null(rq->actor->username);
    j->strs[2] = dup_or_null(rq->actor->agency_id);
    j->strs[3] = dup_or_null(rq->actor->country);
    j->strs[4] = dup_or_null(rq->actor->via);
    j->actor.user_id = j->strs[0];
    j->actor.username = j->strs[1];
    j->actor.agency_id = j->strs[2];
    j->actor.country = j->strs[3];
    j->actor.via = j->strs[4];
    j->user_id = dup_or_null(rq->actor->user_id);
    j->purpose = dup_or_null(rq->purpose);
    while (j->csv_fd >= 0 && off < rq->body_len) {
        ssize_t w = write(j->csv_fd, rq->body + off, rq->body_len - off);

        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            break;
        }
        off += (size_t)w;
    }
    if (j->csv_fd < 0 || j->bad_fd < 0 || off != rq->body_len || j->user_id == NULL ||
        j->purpose == NULL || j->strs[0] == NULL || j->strs[2] == NULL ||
        getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
        job_free(j);
        srv_problem(rq, rs, 503, "unavailable", "cannot start the import now: try again later");
        return NULL;
    }
    for (size_t i = 0; i < sizeof rnd; i++) {
        snprintf(j->id + 2 * i, 3, "%02x", rnd[i]);
    }
    return j;
}

void
srv_person_import(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    struct srv_imports *r = imports_of(st);
    struct srv_import *j;
    struct job_ctx *c;
    bool room;

    if (rq->content_type == NULL || strncmp(rq->content_type, "text/csv", 8) != 0) {
        srv_problem(rq, rs, 415, "unsupported_media_type",
                    "send the file as the body with Content-Type: text/csv (UTF-8, a header row "
                    "first)");
        return;
    }
    if (rq->body_len == 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "body: the CSV file is empty: send a header row such as "
                    "'id,given_name,family_name,dob,postcode' and the rows under it");
        return;
    }
    if (r == NULL) {
        srv_problem(rq, rs, 503, "unavailable", "this server does not run imports");
        return;
    }
    if ((j = job_new(rq, rs)) == NULL) {
        return;
    }
    c = malloc(sizeof *c);
    pthread_mutex_lock(&r->mu);
    room = make_room(r);
    if (room && c != NULL) {
        c->r = r;
        c->j = j;
        j->started = pthread_create(&j->thread, NULL, run_import, c) == 0;
    }
    if (room && j->started) {
        j->next = r->jobs;
        r->jobs = j;
        r->n++;
    }
    pthread_mutex_unlock(&r->mu);
    if (!room || !j->started) {
        free(c);
        job_free(j);
        srv_problem(rq, rs, 503, "unavailable",
                    room ? "cannot start the import now: try again later"
                         : "too many imports are running: wait for one to finish");
        rs->retry_after = "5";
        return;
    }
    srv_json(rs, 202,
             srv_dump(rq, json_pack("{s:s, s:s}", "id", j->id, "status",
                                    ac_arena_printf(rq->arena, "/api/v1/imports/%s", j->id))));
}

static void
not_found(struct srv_request *rq, struct srv_response *rs)
{
    srv_problem(rq, rs, 404, "not_found",
                ac_arena_printf(rq->arena,
                                "import '%s' not found: the id is the one POST "
                                "/api/v1/persons/import answered",
                                rq->params[0]));
}

/* The job's status as JSON; under the lock. */
static json_t *
job_json(const struct srv_import *j)
{
    json_t *o =
        json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I}", "id", j->id, "done", j->done, "bytes_read",
                  (json_int_t)j->bytes_done, "bytes_total", (json_int_t)j->bytes_total, "rows",
                  (json_int_t)(j->done ? j->result.rows
                                       : (j->rows_seen > j->rejected ? j->rows_seen : j->rejected)),
                  "imported", (json_int_t)(j->done ? j->result.imported : 0), "refused",
                  (json_int_t)j->rejected);
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < j->n_problems; i++) {
        json_t *p = json_pack("{s:I, s:s}", "line", (json_int_t)j->problems[i].line, "reason",
                              j->problems[i].reason != NULL ? j->problems[i].reason : "");

        if (p != NULL && j->problems[i].field != NULL) {
            json_object_set_new(p, "field", json_string(j->problems[i].field));
        }
        json_array_append_new(arr, p);
    }
    json_object_set_new(o, "problems", arr);
    if (j->done) {
        json_object_set_new(o, "outcome", json_string(j->rc == AC_OK ? "completed" : "failed"));
        if (j->rc != AC_OK) {
            json_object_set_new(o, "error", json_string(j->error));
        }
        if (j->rc == AC_OK && j->rejected > 0) {
            char url[80];

            snprintf(url, sizeof url, "/api/v1/imports/%s/quarantine", j->id);
            json_object_set_new(o, "quarantine", json_string(url));
        }
    }
    return o;
}

void
srv_import_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    struct srv_imports *r = imports_of(st);
    struct srv_import *j;
    json_t *o = NULL;

    if (r != NULL) {
        pthread_mutex_lock(&r->mu);
        j = find_job(r, rq->params[0], rq->actor->user_id);
        o = j != NULL ? job_json(j) : NULL;
        pthread_mutex_unlock(&r->mu);
    }
    if (o == NULL) {
        not_found(rq, rs);
        return;
    }
    srv_json(rs, 200, srv_dump(rq, o));
}

void
srv_import_quarantine(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    struct srv_imports *r = imports_of(st);
    struct srv_import *j = NULL;
    bool done = false;
    int fd = -1;

    if (r != NULL) {
        pthread_mutex_lock(&r->mu);
        j = find_job(r, rq->params[0], rq->actor->user_id);
        done = j != NULL && j->done;
        fd = j != NULL ? j->bad_fd : -1;
        pthread_mutex_unlock(&r->mu);
    }
    if (j == NULL) {
        not_found(rq, rs);
        return;
    }
    if (!done) {
        srv_problem(rq, rs, 409, "conflict",
                    "the import is still running: its quarantine is ready when GET "
                    "/api/v1/imports/{id} says done");
        return;
    }
    {
        /* a finished job's quarantine no longer changes: read it whole */
        off_t size = lseek(fd, 0, SEEK_END);
        char *buf = size >= 0 ? ac_arena_alloc(rq->arena, (size_t)size + 1) : NULL;
        size_t got = 0;

        while (buf != NULL && got < (size_t)size) {
            ssize_t n = pread(fd, buf + got, (size_t)size - got, (off_t)got);

            if (n <= 0) {
                break;
            }
            got += (size_t)n;
        }
        if (buf == NULL || got != (size_t)size) {
            srv_problem(rq, rs, 503, "unavailable", "cannot read the quarantine now: try again");
            return;
        }
        buf[got] = '\0';
        rs->status = 200;
        rs->content_type = "text/csv; charset=utf-8";
        rs->body = buf;
        rs->body_len = got;
    }
}

/* ---- export ---- */

struct out_buf {
    char *p; /* heap */
    size_t n, cap;
};

static int
out_write(void *ctx, const char *buf, size_t n)
{
    struct out_buf *o = ctx;

    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 64 * 1024;
        char *grown;

        while (o->n + n + 1 > cap) {
            cap *= 2;
        }
        if ((grown = realloc(o->p, cap)) == NULL) {
            return -1;
        }
        o->p = grown;
        o->cap = cap;
    }
    memcpy(o->p + o->n, buf, n);
    o->n += n;
    return 0;
}

void
srv_person_export(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *format = rq->query(rq, "format");
    ac_export_format f = AC_EXPORT_CSV;
    struct out_buf o = { NULL, 0, 0 };
    uint64_t n = 0;
    ac_error err = { 0 };
    ac_code rc;

    if (format != NULL && strcmp(format, "jsonl") == 0) {
        f = AC_EXPORT_JSONL;
    } else if (format != NULL && strcmp(format, "csv") != 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "format: expected csv (the columns import reads) or jsonl (one JSON object "
                    "per person)");
        return;
    }
    rc = ac_export_persons(st->hub, rq->actor, rq->purpose, f, out_write, &o, &n, &err);
    if (rc == AC_OK) {
        rs->body = ac_arena_alloc(rq->arena, o.n + 1);
        if (rs->body == NULL) {
            rc = AC_ENOMEM;
            err.code = AC_ENOMEM;
            snprintf(err.msg, sizeof err.msg, "out of memory exporting");
        }
    }
    if (rc != AC_OK) {
        free(o.p);
        srv_problem_from(rq, rs, &err);
        return;
    }
    if (o.n > 0) {
        memcpy(rs->body, o.p, o.n);
    }
    rs->body[o.n] = '\0';
    free(o.p);
    rs->status = 200;
    rs->body_len = o.n;
    rs->content_type =
        f == AC_EXPORT_CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

/* ---- search by identifier ---- */

void
srv_person_search_identifier(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_hit *list = NULL;
    size_t n = 0, limit = 0;
    ac_error err = { 0 };
    ac_code rc;

    if (rq->query(rq, "name") != NULL || rq->query(rq, "dob") != NULL ||
        rq->query(rq, "postcode") != NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "identifier: search by an identifier alone, or by name, date of birth and "
                    "postcode without it");
        return;
    }
    if (!srv_limit(rq, rs, &limit)) {
        return;
    }
    rc = ac_person_search_identifier(st->hub, rq->actor, rq->purpose, rq->query(rq, "identifier"),
                                     limit, rq->query(rq, "cursor"), rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_person_hits(rq, rs, list, n, limit);
}
