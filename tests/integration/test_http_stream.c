/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_stream.c - GET /api/v1/alerts/stream over real loopback HTTP (issue 16
 * point 4): the event for a new alert reaches the duty officer's open stream, never another
 * agency's desk nor a user without the role; Last-Event-ID replays what was missed under
 * the same rule; a heartbeat comes when nothing else does; the stream ends at sign-out;
 * streams are bounded per user (503 with Retry-After); and open streams hold no worker
 * thread (the test server has two, and requests go on being answered).  Every wait is on
 * the socket with a bounded timeout, never a sleep.
 */
#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 10000 /* the longest any event may take to arrive */

#define REPORT                                                                           \
    "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","                    \
    "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\"," \
    "\"payment\":\"cash\",\"buyer_name\":\"%s\",\"indicators\":[\"nervous\",\"insists_on_cash\"]}"

/* An open stream: its socket, the raw bytes and the body with the chunking taken off. */
struct stream {
    int fd;
    char raw[1 << 17];
    size_t raw_len, raw_at; /* raw_at: where the next chunk's size line starts */
    bool in_body;
    bool ended; /* the last chunk or the connection's close */
    long status;
    char body[1 << 17];
    size_t body_len;
};

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Take whole chunks off the raw bytes into the body. */
static void
dechunk(struct stream *s)
{
    if (!s->in_body) {
        char *end = memmem(s->raw, s->raw_len, "\r\n\r\n", 4);

        if (end == NULL) {
            return;
        }
        s->in_body = true;
        s->status = strtol(s->raw + 9, NULL, 10);
        s->raw_at = (size_t)(end - s->raw) + 4;
    }
    for (;;) {
        char *line = s->raw + s->raw_at;
        char *eol = memmem(line, s->raw_len - s->raw_at, "\r\n", 2);
        size_t size;

        if (eol == NULL) {
            return;
        }
        size = (size_t)strtoul(line, NULL, 16);
        if ((size_t)(eol - s->raw) + 2 + size + 2 > s->raw_len) {
            return;
        }
        if (size == 0) {
            s->ended = true;
            return;
        }
        assert_true(s->body_len + size < sizeof s->body);
        memcpy(s->body + s->body_len, eol + 2, size);
        s->body_len += size;
        s->body[s->body_len] = '\0';
        s->raw_at = (size_t)(eol - s->raw) + 2 + size + 2;
    }
}

/* Read what arrives within MS; false when nothing did. */
static bool
pump(struct stream *s, int ms)
{
    struct pollfd p = { s->fd, POLLIN, 0 };
    ssize_t n;

    if (s->ended || poll(&p, 1, ms) <= 0) {
        return false;
    }
    n = recv(s->fd, s->raw + s->raw_len, sizeof s->raw - s->raw_len - 1, 0);
    if (n <= 0) {
        s->ended = true;
        return false;
    }
    s->raw_len += (size_t)n;
    dechunk(s);
    return true;
}

/* Wait (at most WAIT_MS) until the body holds TEXT. */
static bool
wait_for(struct stream *s, const char *text)
{
    double until = now_ms() + WAIT_MS;

    while (strstr(s->body, text) == NULL) {
        double left = until - now_ms();

        if (left <= 0 || s->ended) {
            return false;
        }
        pump(s, (int)left);
    }
    return true;
}

/* Wait (at most WAIT_MS) until the server ends the stream. */
static bool
wait_end(struct stream *s)
{
    double until = now_ms() + WAIT_MS;

    while (!s->ended && now_ms() < until) {
        pump(s, (int)(until - now_ms()) + 1);
    }
    return s->ended;
}

/* Open the stream as AS (NULL: no session), with LAST_ID (NULL: none); reads the head. */
static struct stream *
open_stream(const struct signed_in *as, const char *last_id)
{
    struct stream *s = calloc(1, sizeof *s);
    struct sockaddr_in addr;
    char req[512];
    int n;

    assert_non_null(s);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)atoi(strrchr(base, ':') + 1));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s->fd >= 0);
    assert_int_equal(connect(s->fd, (struct sockaddr *)&addr, sizeof addr), 0);
    n = snprintf(req, sizeof req,
                 "GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Accept: text/event-stream\r\n%s%s%s%s%s%s\r\n",
                 as != NULL ? as->cookie : "", as != NULL ? "\r\n" : "",
                 as != NULL ? as->purpose : "", as != NULL ? "\r\n" : "",
                 last_id != NULL ? "Last-Event-ID: " : "", last_id != NULL ? last_id : "");
    if (last_id != NULL) {
        n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
    }
    assert_int_equal(send(s->fd, req, (size_t)n, 0), n);
    {
        double until = now_ms() + WAIT_MS;

        while (!s->in_body && now_ms() < until) {
            if (!pump(s, (int)(until - now_ms()) + 1) && s->ended) {
                break;
            }
        }
    }
    assert_true(s->in_body);
    return s;
}

static void
close_stream(struct stream *s)
{
    close(s->fd);
    free(s);
}

/* A stream for AS once the server has room for it (a 200), or NULL after WAIT_MS: a
 * stream its client closed is noticed only at its next heartbeat, so until then it still
 * counts towards the per-user bound.  Each refusal is followed by a request of BY's (a
 * reply to wait on, not a sleep). */
static struct stream *
open_when_room(const struct signed_in *as, const struct signed_in *by)
{
    struct reply r;

    for (double until = now_ms() + WAIT_MS; now_ms() < until;) {
        struct stream *s = open_stream(as, NULL);

        if (s->status == 200) {
            return s;
        }
        close_stream(s);
        get("GET /api/v1/alerts", by, "/api/v1/alerts", &r);
    }
    return NULL;
}

static void
submit(struct signed_in *reporter, const char *buyer, char *id, size_t cap)
{
    char body[600];
    struct reply r;

    snprintf(body, sizeof body, REPORT, buyer);
    post("POST /api/v1/reports", reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "id", id, cap);
}

/* The id of the alert on REPORT_ID that AS lists ("" when none). */
static void
alert_on(const struct signed_in *as, const char *report_id, char *out, size_t cap)
{
    struct reply r;
    json_t *o, *al;
    size_t i;

    out[0] = '\0';
    get("GET /api/v1/alerts", as, "/api/v1/alerts?status=all", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    json_array_foreach(json_object_get(o, "alerts"), i, al)
    {
        const char *rid = json_string_value(json_object_get(al, "report_id"));

        if (rid != NULL && strcmp(rid, report_id) == 0) {
            snprintf(out, cap, "%s", json_string_value(json_object_get(al, "id")));
        }
    }
    json_decref(o);
}

/* The id of the event in S's body that names ALERT_ID as KIND ("raised"...), or 0. */
static long long
event_id(const struct stream *s, const char *kind, const char *alert_id)
{
    char name[64];
    const char *at = s->body;

    snprintf(name, sizeof name, "event: alert.%s\n", kind);
    while ((at = strstr(at, "id: ")) != NULL) {
        const char *end = strstr(at, "\n\n");
        const char *ev = strstr(at, name);

        if (end == NULL) {
            return 0;
        }
        if (ev != NULL && ev < end && memmem(at, (size_t)(end - at), alert_id, strlen(alert_id))) {
            return atoll(at + 4);
        }
        at = end;
    }
    return 0;
}

static void
ack(struct signed_in *as, const char *alert_id)
{
    char path[120];
    struct reply r;

    snprintf(path, sizeof path, "/api/v1/alerts/%s/ack", alert_id);
    post("POST /api/v1/alerts/{id}/ack", as, path, "{\"note\":\"officer sent\"}", &r);
    assert_int_equal(r.status, 204);
}

static void
http_stream_needs_a_duty_officer(void **state)
{
    struct signed_in analyst;
    struct stream *s;
    struct reply r;

    (void)state;
    s = open_stream(NULL, NULL);
    assert_int_equal(s->status, 401);
    close_stream(s);
    assert_true(documented("GET /api/v1/alerts/stream", 401));
    /* without the role, as GET /alerts answers */
    sign_in("ss.analyst", &analyst);
    get("GET /api/v1/alerts", &analyst, "/api/v1/alerts", &r);
    s = open_stream(&analyst, NULL);
    assert_int_equal(s->status, r.status);
    assert_true(s->status == 403 || s->status == 404);
    assert_true(documented("GET /api/v1/alerts/stream", s->status));
    close_stream(s);
    /* a Last-Event-ID that no stream sent */
    sign_in("ctp.duty", &analyst);
    s = open_stream(&analyst, "12ab");
    assert_int_equal(s->status, 400);
    assert_non_null(strstr(s->raw, "Last-Event-ID"));
    close_stream(s);
}

static void
http_stream_delivers_alerts_under_the_list_policy(void **state)
{
    struct signed_in admin, ss_admin, ss, reporter, duty, ss_duty, extra[3];
    char ctu[32], ssid[32], report[32], ctp_alert[32], ss_alert[32], last[32];
    struct stream *a, *b, *replay, *more[3];
    long long raised, acked;
    struct reply r;
    json_t *o;
    size_t i;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ss.admin", &ss_admin);
    get("GET /api/v1/agencies", &admin, "/api/v1/agencies", &r);
    o = json_loads(r.body, 0, NULL);
    {
        json_t *ag;

        json_array_foreach(json_object_get(o, "agencies"), i, ag)
        {
            const char *name = json_string_value(json_object_get(ag, "name"));

            if (strcmp(name, "West Midlands Counter Terrorism Unit") == 0) {
                snprintf(ctu, sizeof ctu, "%s", json_string_value(json_object_get(ag, "id")));
            } else if (strcmp(name, "Security Service") == 0) {
                snprintf(ssid, sizeof ssid, "%s", json_string_value(json_object_get(ag, "id")));
            }
        }
    }
    json_decref(o);
    (void)ctu;
    add_enrolled_user(&ss_admin, &admin, "ss.duty", ssid, "duty_officer", PASSWORD);
    sign_in("ss.analyst", &ss);
    sign_in("retail.reporter", &reporter);
    sign_in("ctp.duty", &duty);
    sign_in("ss.duty", &ss_duty);
    post("POST /api/v1/persons", &ss, "/api/v1/persons",
         "{\"given\":\"Bohdana\",\"family\":\"Yaremchuk\",\"dob\":\"1979-04-04\"}", &r);
    assert_int_equal(r.status, 201);

    /* both desks watching; the server has two worker threads, and both streams wait */
    a = open_stream(&duty, NULL);
    b = open_stream(&ss_duty, NULL);
    assert_int_equal(a->status, 200);
    assert_int_equal(b->status, 200);
    assert_non_null(strstr(a->raw, "Content-Type: text/event-stream"));
    assert_true(wait_for(a, "retry: 3000\n\n"));
    assert_true(wait_for(b, "retry: 3000\n\n"));
    /* a report on a person the Security Service holds: an alert for the CTU's desk
     * (which names no holder) and one for the Security Service's desk */
    submit(&reporter, "Bohdana Yaremchuk", report, sizeof report);
    alert_on(&duty, report, ctp_alert, sizeof ctp_alert);
    alert_on(&ss_duty, report, ss_alert, sizeof ss_alert);
    assert_true(ctp_alert[0] != '\0' && ss_alert[0] != '\0');
    assert_string_not_equal(ctp_alert, ss_alert);
    assert_true(wait_for(a, ctp_alert));
    assert_true(wait_for(b, ss_alert));
    raised = event_id(a, "raised", ctp_alert);
    assert_true(raised > 0);
    assert_true(event_id(b, "raised", ss_alert) > 0);
    /* the acknowledgements come after any event of the other desk's alert (events go in
     * order), so its absence then is proof it was never sent */
    ack(&duty, ctp_alert);
    ack(&ss_duty, ss_alert);
    assert_true(wait_for(a, "event: alert.acknowledged"));
    assert_true(wait_for(b, "event: alert.acknowledged"));
    acked = event_id(a, "acknowledged", ctp_alert);
    assert_true(acked > raised);
    assert_null(strstr(a->body, ss_alert));
    assert_null(strstr(b->body, ctp_alert));
    assert_null(strstr(a->body, ssid));
    assert_null(strstr(a->body, "Security Service"));

    /* the CTU officer reconnects having missed everything after RAISED - 1 */
    snprintf(last, sizeof last, "%lld", raised - 1);
    replay = open_stream(&duty, last);
    assert_int_equal(replay->status, 200);
    assert_true(wait_for(replay, "event: alert.acknowledged"));
    assert_int_equal(event_id(replay, "raised", ctp_alert), raised);
    assert_int_equal(event_id(replay, "acknowledged", ctp_alert), acked);
    assert_null(strstr(replay->body, ss_alert));
    /* and from the last one it saw, nothing is replayed */
    close_stream(replay);
    snprintf(last, sizeof last, "%lld", acked);
    replay = open_stream(&duty, last);
    assert_true(wait_for(replay, "retry: 3000\n\n"));
    assert_null(strstr(replay->body, "id: "));

    /* a heartbeat when nothing happens (the test server beats every 300 ms) */
    assert_true(wait_for(replay, ": heartbeat\n\n"));
    close_stream(replay);

    /* at most three streams for one user (the test server's bound): a fourth is a 503
     * with Retry-After; the other streams and requests go on */
    for (i = 0; i < 3; i++) {
        sign_in("ctp.duty", &extra[i]);
    }
    /* the closed replay stream is noticed at its next heartbeat; wait until the server
     * answers a third one */
    more[0] = open_when_room(&extra[0], &duty);
    more[1] = open_when_room(&extra[1], &duty);
    assert_non_null(more[0]);
    assert_non_null(more[1]);
    more[2] = open_stream(&extra[2], NULL);
    assert_int_equal(more[2]->status, 503);
    assert_non_null(strstr(more[2]->raw, "Retry-After: 30"));
    assert_true(documented("GET /api/v1/alerts/stream", 503));
    close_stream(more[2]);
    get("GET /api/v1/alerts", &duty, "/api/v1/alerts", &r);
    assert_int_equal(r.status, 200);

    /* signing out ends the stream of that session */
    {
        const char *h[] = { extra[0].cookie, extra[0].csrf, NULL };

        http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
        assert_int_equal(r.status, 204);
    }
    assert_true(wait_end(more[0]));
    close_stream(more[0]);
    close_stream(more[1]);
    close_stream(a);
    close_stream(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_stream_needs_a_duty_officer),
        cmocka_unit_test(http_stream_delivers_alerts_under_the_list_policy),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
