/* SPDX-License-Identifier: Apache-2.0
 *
 * rfi.c - requests for information (include/accord/rfi.h): asked from a pointer's
 * reference or a case, queued at the holder, closed by a refusal, "no further information"
 * or a person disclosure (person_disclosure.c), escalated by the scheduler when overdue.
 * The holder's users who may answer are e-mailed (notify.c) when a request arrives and
 * when it is overdue: a reference and a link, never the question or the person.
 * Every step is audited with its recipients (DPA 2018 s.62).
 */
#include "internal.h"

#include "accord/rfi.h"
#include "accord/text.h"
#include "hub/hub_holding.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"
#include "store/store_rfi.h"
#include "workflow/deadline.h"

#define RFI_TEXT_MAX 4000 /* bytes of a purpose, question or answer */

extern const char aci_rfi_urgency_csv[]; /* data/workflows/rfi_urgency.csv */

/* The deadline of a request of urgency U asked at NOW_MS, from rfi_urgency.csv: "N wd"
 * working days (bank holidays of England and Wales excluded), or "N h" hours. */
static ac_code
due_of(ac_hub *hub, ac_rfi_urgency u, int64_t now_ms, int64_t *out, ac_error *err)
{
    const char *line = strchr(aci_rfi_urgency_csv, '\n');
    const struct aci_workflows *w = NULL;
    size_t name_len = strlen(ac_rfi_urgency_str(u));

    while (line != NULL && *++line != '\0') {
        struct aci_span span;
        char text[32];
        const char *comma = strchr(line, ',');
        const char *end = comma != NULL ? strchr(comma + 1, ',') : NULL;
        int hours = 0;

        if (end == NULL || (size_t)(comma - line) != name_len ||
            memcmp(line, ac_rfi_urgency_str(u), name_len) != 0 ||
            (size_t)(end - comma) >= sizeof text) {
            line = strchr(line, '\n');
            continue;
        }
        memcpy(text, comma + 1, (size_t)(end - comma - 1));
        text[end - comma - 1] = '\0';
        if (sscanf(text, "%d h", &hours) == 1 && strstr(text, " h") != NULL && hours > 0) {
            *out = now_ms + hours * 3600000LL;
            return AC_OK;
        }
        if (aci_span_parse(text, &span, err) != AC_OK || aci_hub_workflows(hub, &w, err) != AC_OK) {
            return AC_EINVAL;
        }
        *out = aci_deadline_due(now_ms, &span, w);
        return AC_OK;
    }
    return aci_fail(err, AC_EINVAL, "urgency '%s': not in data/workflows/rfi_urgency.csv",
                    ac_rfi_urgency_str(u));
}

static ac_code
check_text(const char *what, const char *s, bool required, const char *hint, ac_error *err)
{
    if (s == NULL || s[0] == '\0') {
        return required ? aci_fail(err, AC_EINVAL, "%s: %s", what, hint) : AC_OK;
    }
    if (!ac_utf8_valid_str(s) || strlen(s) > RFI_TEXT_MAX) {
        return aci_fail(err, AC_EINVAL, "%s: give UTF-8 text of at most %d bytes", what,
                        RFI_TEXT_MAX);
    }
    return AC_OK;
}

/* ---- ask ---- */

struct ask_args {
    const ac_rfi *in;
    ac_arena *a;
    const char *id; /* out */
};

static ac_code
ask_check(struct aci_op *op, const ac_rfi *in, ac_error *err)
{
    ac_code rc = check_text("purpose", in->purpose, true, "say why the information is needed", err);
    bool known = false, carries_iss;

    if (rc == AC_OK) {
        rc = check_text("question", in->question, true, "say what is asked", err);
    }
    if (rc == AC_OK) {
        rc = aci_store_gateway_lookup(op->store, in->lawful_basis, &known, &carries_iss, err);
    }
    if (rc == AC_OK && !known) {
        rc = aci_fail(err, AC_EINVAL, "lawful basis: name a known gateway ('accord gateway list')");
    }
    if (rc == AC_OK && (unsigned)in->urgency >= AC_RFI_URGENCY_COUNT) {
        rc = aci_fail(err, AC_EINVAL, "urgency: say routine, urgent or immediate");
    }
    if (rc == AC_OK && (in->ref == NULL) == (in->case_id == NULL)) {
        rc = aci_fail(err, AC_EINVAL, "reference: quote one pointer's reference, or name a case");
    }
    if (rc == AC_OK && in->case_id != NULL && in->to_agency_id == NULL) {
        rc = aci_fail(err, AC_EINVAL, "to agency: a request from a case names the agency asked");
    }
    return rc;
}

/* Who is asked: the holder of the reference the actor sees, or the agency named for a case
 * the actor may read. */
static ac_code
ask_target(struct aci_op *op, ac_rfi *r, ac_error *err)
{
    struct aci_holding h;
    struct aci_case_row c;
    ac_agency g;
    bool visible = false;
    ac_code rc;

    if (r->ref != NULL) {
        rc = aci_holding_seen(op, r->ref, &h, err);
        r->to_agency_id = h.agency_id;
        r->held_person_id = h.person_id;
        return rc;
    }
    rc = aci_store_case_load(op->store, r->case_id, op->scratch, &c, err);
    if (rc == AC_OK) {
        rc = aci_case_visible(op->store, op->actor, &c, &visible, err);
    }
    if (rc != AC_OK && rc != AC_ENOTFOUND) {
        return rc;
    }
    if (rc != AC_OK || !visible) {
        return aci_fail(err, AC_ENOTFOUND, "case '%s' not found", r->case_id);
    }
    if (aci_store_agency_find(op->store, r->to_agency_id, op->scratch, &g, NULL) != AC_OK ||
        strcmp(g.id, op->actor->agency_id) == 0) {
        return aci_fail(err, AC_EINVAL,
                        "to agency: name another agency of the partnership "
                        "('accord agency list')");
    }
    r->to_agency_id = g.id;
    return AC_OK;
}

static ac_code
ask_body(struct aci_op *op, void *args, ac_error *err)
{
    struct ask_args *x = args;
    struct aci_resource own = { "person", op->actor->agency_id };
    ac_rfi r = *x->in;
    int64_t now = aci_hub_now_ms(op->hub), due = 0;
    char buf[AC_TIME_TEXT_MAX];
    ac_code rc = aci_op_allow_as(op, ACI_ACT_SEARCH, &own, err);

    if (rc == AC_OK) {
        rc = ask_check(op, &r, err);
    }
    if (rc == AC_OK) {
        rc = ask_target(op, &r, err);
    }
    if (rc == AC_OK) {
        rc = due_of(op->hub, r.urgency, now, &due, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    r.id = aci_hub_new_id(op->hub, x->a);
    r.from_agency_id = op->actor->agency_id;
    r.asked_by = op->actor->user_id;
    r.created_at = aci_hub_now_text(op->hub, op->scratch);
    r.due_at = ac_arena_strdup(op->scratch, ac_time_format(due, buf));
    op->object_id = r.id;
    op->recipients = r.to_agency_id;
    op->detail = ac_arena_printf(op->scratch, "request for information, %s, under %s",
                                 ac_rfi_urgency_str(r.urgency), r.lawful_basis);
    rc = aci_store_rfi_insert(op->store, &r, err);
    if (rc == AC_OK) {
        /* the holder's users who may answer are told by e-mail: a reference and a link */
        size_t queued = 0;

        rc = aci_notify_rfi(op->hub, op->store, r.id, r.to_agency_id, "received", op->scratch,
                            &queued, err);
    }
    x->id = r.id;
    return rc;
}

static const struct aci_op_desc ask_op = {
    ACI_ACT_CREATE, "rfi", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, ask_body,
};

ac_code
ac_rfi_ask(ac_hub *hub,
           const ac_actor *actor,
           const char *purpose,
           const ac_rfi *in,
           ac_arena *a,
           const char **out_id,
           ac_error *err)
{
    struct ask_args x = { in, a, NULL };
    ac_code rc = aci_op_run(&ask_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

/* ---- list and get ---- */

/* What the actor sees of R: the holder's record id only inside the holder. */
static void
shown_to(const ac_actor *actor, ac_rfi *r)
{
    if (strcmp(r->to_agency_id, actor->agency_id) != 0) {
        r->held_person_id = NULL;
    }
}

struct list_args {
    bool incoming, open_only;
    ac_arena *a;
    ac_rfi *out;
    size_t n;
};

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    struct aci_resource own = { "person", op->actor->agency_id };
    ac_code rc = aci_op_allow(op, &own, err);

    if (rc == AC_OK) {
        rc = aci_store_rfi_list(op->store, op->actor->agency_id, x->incoming, x->open_only, x->a,
                                &x->out, &x->n, err);
    }
    op->lists = true;
    op->detail = x->incoming ? "requests to the agency" : "requests from the agency";
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        shown_to(op->actor, &x->out[i]);
        rc = aci_op_returned(op, x->out[i].id, err);
    }
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_SEARCH, "rfi", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, list_body,
};

ac_code
ac_rfi_list(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            bool incoming,
            bool open_only,
            ac_arena *a,
            ac_rfi **out,
            size_t *out_n,
            ac_error *err)
{
    struct list_args x = { incoming, open_only, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.out : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

struct get_args {
    const char *id;
    ac_arena *a;
    ac_rfi *out;
};

/* The request, as a record of the asking agency to it, of the holder to the holder, and of
 * the asker (hidden) to anyone else. */
static ac_code
get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    ac_code rc = aci_store_rfi_load(op->store, x->id, x->a, x->out, err);

    op->object_id = x->id;
    op->res.type = "rfi";
    op->res.agency_id = rc != AC_OK ? NULL
                        : strcmp(x->out->to_agency_id, op->actor->agency_id) == 0
                            ? x->out->to_agency_id
                            : x->out->from_agency_id;
    return rc;
}

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;

    (void)err;
    shown_to(op->actor, x->out);
    return AC_OK;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "rfi", ACI_PURPOSE_REQUIRED, ACI_OP_READ, get_find, get_body,
};

ac_code
ac_rfi_get(ac_hub *hub,
           const ac_actor *actor,
           const char *purpose,
           const char *id,
           ac_arena *a,
           ac_rfi *out,
           ac_error *err)
{
    struct get_args x = { id, a, out };
    ac_code rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "request '%s' not found", id);
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* ---- close ---- */

struct close_args {
    const char *id;
    ac_rfi_status outcome;
    const char *text;
    const char *disclosure_id;
    ac_rfi r;
};

/* The request as the holder's record: only the holder answers; anyone else is told "not
 * found", as for a request that does not exist. */
static ac_code
close_find(struct aci_op *op, void *args, ac_error *err)
{
    struct close_args *x = args;
    ac_code rc = aci_store_rfi_load(op->store, x->id, op->scratch, &x->r, err);

    op->object_id = x->id;
    op->res.type = "rfi";
    op->res.agency_id = rc == AC_OK ? x->r.to_agency_id : NULL; /* a change of another's */
    return rc;
}

static ac_code
close_body(struct aci_op *op, void *args, ac_error *err)
{
    struct close_args *x = args;
    ac_code rc = AC_OK;

    if (x->outcome == AC_RFI_REFUSED) {
        rc = check_text("reason", x->text, true, "say why the request is refused", err);
    } else if (x->outcome == AC_RFI_NO_INFORMATION) {
        rc = check_text("note", x->text, false, "", err);
    } else if (x->outcome != AC_RFI_DISCLOSED || x->disclosure_id == NULL) {
        rc = aci_fail(err, AC_EINVAL,
                      "outcome: refuse with a reason, answer 'no information', "
                      "or answer with a disclosure ('accord rfi answer')");
    }
    if (rc == AC_OK) {
        op->recipients = x->r.from_agency_id;
        op->detail =
            ac_arena_printf(op->scratch, "request answered: %s", ac_rfi_status_str(x->outcome));
        rc = aci_store_rfi_close(op->store, x->id, ac_rfi_status_str(x->outcome), x->text,
                                 x->disclosure_id, op->actor->user_id,
                                 aci_hub_now_text(op->hub, op->scratch), err);
    }
    return rc;
}

static const struct aci_op_desc close_op = {
    ACI_ACT_UPDATE, "rfi", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, close_find, close_body,
};

ac_code
ac_rfi_close(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             ac_rfi_status outcome,
             const char *text,
             ac_error *err)
{
    struct close_args x = { id, outcome, text, NULL, { 0 } };
    ac_code rc;

    if (outcome == AC_RFI_DISCLOSED) {
        return aci_fail(err, AC_EINVAL,
                        "outcome: a disclosure answers a request through "
                        "'accord rfi answer ID --fields ...'");
    }
    rc = aci_op_run(&close_op, hub, actor, purpose, &x, err);
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "request '%s' not found", id);
    }
    return rc;
}

ac_code
aci_rfi_mark_disclosed(struct aci_op *op,
                       const char *rfi_id,
                       const char *disclosure_id,
                       ac_error *err)
{
    return aci_store_rfi_close(op->store, rfi_id, "disclosed", NULL, disclosure_id,
                               op->actor->user_id, aci_hub_now_text(op->hub, op->scratch), err);
}

/* ---- the scheduler ---- */

struct overdue_args {
    size_t n;      /* requests found overdue */
    size_t queued; /* e-mails queued about them */
};

static ac_code
overdue_body(struct aci_op *op, void *args, ac_error *err)
{
    struct overdue_args *x = args;
    size_t *n = &x->n;
    const char **ids = NULL;
    const char *now = aci_hub_now_text(op->hub, op->scratch);
    ac_code rc = aci_store_rfi_overdue(op->store, now, op->scratch, &ids, n, err);

    op->lists = true;
    for (size_t i = 0; rc == AC_OK && i < *n; i++) {
        ac_rfi r;

        rc = aci_store_rfi_load(op->store, ids[i], op->scratch, &r, err);
        if (rc == AC_OK) {
            rc = aci_store_rfi_escalate(op->store, ids[i], now, err);
        }
        if (rc == AC_OK) {
            /* once per request: escalated_at is set in the same transaction, and the
             * outbox keeps one message per user, request and kind */
            rc = aci_notify_rfi(op->hub, op->store, ids[i], r.to_agency_id, "overdue", op->scratch,
                                &x->queued, err);
        }
        if (rc == AC_OK) {
            rc = aci_op_returned(op, ids[i], err);
        }
    }
    op->detail = "requests for information past their deadline escalated";
    op->idle = *n == 0;
    return rc;
}

/* the scheduler's: nobody signed in, so no policy to ask */
static const struct aci_op_desc overdue_op = {
    ACI_ACT_ESCALATE, "rfi", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, overdue_body,
};

ac_code
aci_rfis_escalate_as(ac_hub *hub,
                     const ac_actor *scheduler,
                     size_t *out_n,
                     size_t *out_queued,
                     ac_error *err)
{
    struct overdue_args x = { 0, 0 };
    ac_code rc = aci_op_run(&overdue_op, hub, scheduler, "scheduled escalation", &x, err);

    *out_n = rc == AC_OK ? x.n : 0;
    *out_queued = rc == AC_OK ? x.queued : 0;
    return rc;
}
