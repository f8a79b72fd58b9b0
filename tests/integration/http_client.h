/* SPDX-License-Identifier: Apache-2.0
 *
 * http_client.h - the HTTP tests' client side: a server on a free loopback port over a
 * fresh demo hub, requests with libcurl, sign-in, and the check that every status a test
 * sees is documented for its route in docs/openapi.json.
 */
#ifndef TEST_HTTP_CLIENT_H
#define TEST_HTTP_CLIENT_H

#include <setjmp.h> /* cmocka needs these first */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <jansson.h>

#define PASSWORD "accord-demo-password" /* every demo user's */

struct srv;
extern struct srv *server; /* the server under test */
extern char base[64];      /* "http://127.0.0.1:PORT" */
extern char db_path[128];  /* its database */
extern json_t *openapi;    /* docs/openapi.json */
/* Added to the wall clock the server's hub runs on: tests move time (and put it back). */
extern _Atomic int64_t clock_offset_ms;

struct reply {
    long status;
    char body[1 << 16];
    size_t len;
    char headers[8192];
    size_t hlen;
};

/* A person signed in: the headers to send. */
struct signed_in {
    char cookie[128];
    char csrf[80];
    char purpose[64];
};

/* Is STATUS documented for ROUTE ("GET /api/v1/persons/{id}")? */
bool documented(const char *route, long status);

/* Send a request; ROUTE names the documented operation (NULL: an unknown route).  Fails
 * the test on a 5xx or an undocumented status. */
void http(const char *route,
          const char *method,
          const char *url_path,
          const char *const *headers,
          const char *body,
          size_t body_len,
          struct reply *r);

/* Sign in as demo user USER. */
void sign_in(const char *user, struct signed_in *s);

/* METHOD with JSON as S (cookie, CSRF, purpose) to PATH; the reply in R. */
void
post(const char *route, struct signed_in *s, const char *path, const char *json, struct reply *r);

/* GET PATH as S (cookie and purpose); the reply in R. */
void get(const char *route, const struct signed_in *s, const char *path, struct reply *r);

/* The string member NAME of the reply's JSON (first level), into OUT (asserts it is there). */
void member_of(const struct reply *r, const char *name, char *out, size_t cap);
/* USERNAME redeems the enrolment code of the user-add answer R, setting PASSWORD; the code
 * then works no more. */
void enrol_with_answer(const struct reply *r, const char *username, const char *password);
/* MAKER adds user NAME of AGENCY with ROLES and DV vetting; APPROVER (another administrator)
 * approves what waits; NAME sets PASSWORD with the enrolment code. */
void add_enrolled_user(struct signed_in *maker,
                       struct signed_in *approver,
                       const char *name,
                       const char *agency,
                       const char *roles,
                       const char *password);
/* The "id" of the element, in the list R's body holds, whose "name" or "username" is NAME. */
void member_of_named(const struct reply *r, const char *name, char *out, size_t cap);

/* The id of a 201 reply (asserts the status). */
void created_id(const struct reply *r, char *id, size_t cap);

/* The web application's directory the server is to serve at / (NULL: none); set before
 * http_setup. */
extern const char *http_web_root;

/* cmocka group set-up and tear-down: the demo hub and the server on it. */
int http_setup(void **state);
int http_teardown(void **state);

#endif /* TEST_HTTP_CLIENT_H */
