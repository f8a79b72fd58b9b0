/* SPDX-License-Identifier: Apache-2.0
 *
 * person_disclosure.c - releasing chosen fields of a person record (include/accord/rfi.h):
 * the item disclosures' rules (lib/policy/item_policy.c) applied to the record as an
 * OFFICIAL-SENSITIVE original of its holder, the copy frozen at release, revocation at
 * once.  Each step is audited with its recipients.
 */
#include "internal.h"

#include <stdio.h>

#include "accord/person.h"
#include "accord/rfi.h"
#include "accord/text.h"
#include "hub/hub_holding.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "policy/item_policy.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"
#include "store/store_person.h"
#include "store/store_rfi.h"

#define PERSON_CLASS AC_CLASS_OFFICIAL_SENSITIVE /* the marking of every person record */
#define SUMMARY_MAX  4000

/* ---- the frozen copy, as JSON ---- */

struct jbuf {
    ac_arena *a; /* holds every copy as the text grows */
    char *p;
    size_t n, cap;
    bool oom;
};

static void
put(struct jbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 512) + n;
        char *p = ac_arena_alloc(b->a, cap);

        if (p == NULL) {
            b->oom = true;
            return;
        }
        if (b->n > 0) {
            memcpy(p, b->p, b->n);
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void
put_s(struct jbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* S as a JSON string, or null. */
static void
put_str(struct jbuf *b, const char *s)
{
    char esc[8];

    if (s == NULL) {
        put_s(b, "null");
        return;
    }
    put_s(b, "\"");
    for (const unsigned char *c = (const unsigned char *)s; *c != '\0'; c++) {
        if (*c == '"' || *c == '\\') {
            snprintf(esc, sizeof esc, "\\%c", *c);
            put_s(b, esc);
        } else if (*c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *c);
            put_s(b, esc);
        } else {
            put(b, (const char *)c, 1);
        }
    }
    put_s(b, "\"");
}

static void
put_date(struct jbuf *b, const ac_date *d)
{
    char buf[AC_DATE_TEXT_MAX];

    put_str(b, d->precision != AC_DATE_NONE ? ac_date_format(d, buf) : NULL);
}

static void
put_names(struct jbuf *b, const ac_person *p)
{
    put_s(b, ",\"names\":[");
    for (size_t i = 0; i < p->n_names; i++) {
        put_s(b, i ? ",{\"kind\":" : "{\"kind\":");
        put_str(b, ac_name_kind_str(p->names[i].kind));
        put_s(b, ",\"given\":");
        put_str(b, p->names[i].given);
        put_s(b, ",\"family\":");
        put_str(b, p->names[i].family);
        put_s(b, ",\"full\":");
        put_str(b, p->names[i].full);
        put_s(b, "}");
    }
    put_s(b, "]");
}

static void
put_addresses(struct jbuf *b, const ac_person *p)
{
    put_s(b, ",\"addresses\":[");
    for (size_t i = 0; i < p->n_addresses; i++) {
        put_s(b, i ? ",{\"line\":" : "{\"line\":");
        put_str(b, p->addresses[i].line);
        put_s(b, ",\"town\":");
        put_str(b, p->addresses[i].town);
        put_s(b, ",\"postcode\":");
        put_str(b, p->addresses[i].postcode);
        put_s(b, ",\"from\":");
        put_date(b, &p->addresses[i].from);
        put_s(b, ",\"to\":");
        put_date(b, &p->addresses[i].to);
        put_s(b, "}");
    }
    put_s(b, "]");
}

static void
put_identifiers(struct jbuf *b, const ac_person *p)
{
    put_s(b, ",\"identifiers\":[");
    for (size_t i = 0; i < p->n_identifiers; i++) {
        put_s(b, i ? ",{\"kind\":" : "{\"kind\":");
        put_str(b, ac_identifier_kind_str(p->identifiers[i].kind));
        put_s(b, ",\"value\":");
        put_str(b, p->identifiers[i].value);
        put_s(b, ",\"issuer\":");
        put_str(b, p->identifiers[i].issuer);
        put_s(b, "}");
    }
    put_s(b, "]");
}

/* The released fields of P as one JSON object, in A; "version" is the record's then. */
static const char *
freeze(const ac_person *p, unsigned fields, const char *summary, ac_arena *a)
{
    struct jbuf b = { a, NULL, 0, 0, false };
    char v[32];

    snprintf(v, sizeof v, "{\"record_version\":%lld", (long long)p->version);
    put_s(&b, v);
    if (fields & AC_PD_NAMES) {
        put_names(&b, p);
    }
    if (fields & AC_PD_DOB) {
        put_s(&b, ",\"dob\":");
        put_date(&b, &p->dob);
    }
    if (fields & AC_PD_ADDRESSES) {
        put_addresses(&b, p);
    }
    if (fields & AC_PD_IDENTIFIERS) {
        put_identifiers(&b, p);
    }
    if (fields & AC_PD_SUMMARY) {
        put_s(&b, ",\"summary\":");
        put_str(&b, summary);
    }
    put_s(&b, "}");
    return b.oom ? NULL : b.p;
}

/* ---- the policy's facts ---- */

/* The caveats of every record HOLDER holds: a record held by an intelligence service is
 * sensitive information (CTSA 2015 s.38(5)(a)), as every item the Service writes is
 * (item.c), so the item rules for ISS material apply to its release (rule 7 of
 * item_policy.h). */
static ac_code
record_caveats(struct aci_op *op, const char *holder, unsigned *out, ac_error *err)
{
    ac_agency g;
    ac_code rc = aci_store_agency_find(op->store, holder, op->scratch, &g, err);

    *out = rc == AC_OK && g.kind == AC_AGENCY_SECURITY_SERVICE ? AC_CAVEAT_ISS : 0;
    return rc;
}

/* The record as an item of its holder, for aci_policy_item; DF (may be NULL) gets the
 * record's caveats, which every release carries.  A failure to find the holder is an
 * error, never a record without its caveats. */
static ac_code
ask(struct aci_op *op,
    enum aci_item_action action,
    const char *holder,
    struct aci_disclosure_facts *df,
    struct aci_decision *out,
    ac_error *err)
{
    struct aci_item_facts f;
    ac_code rc;

    memset(&f, 0, sizeof f);
    f.origin_agency_id = holder;
    f.classification = PERSON_CLASS;
    rc = record_caveats(op, holder, &f.caveats, err);
    if (rc != AC_OK) {
        return rc;
    }
    if (df != NULL) {
        df->caveats |= f.caveats;
    }
    *out = aci_policy_item(op->actor, action, &f, df);
    return AC_OK;
}

static ac_code
refused(struct aci_op *op, struct aci_decision dec, const char *what, const char *id, ac_error *err)
{
    op->denied = true;
    op->deny_reason = dec.reason;
    return dec.hide ? aci_fail(err, AC_ENOTFOUND, "%s '%s' not found", what, id)
                    : aci_fail(err, AC_EDENIED, "not allowed: %s", dec.reason);
}

/* ---- release ---- */

struct rel_args {
    const ac_person_disclosure *in;
    ac_arena *a;
    const char *id; /* out */
};

static ac_code
rel_check(struct aci_op *op, ac_person_disclosure *d, const char *now, bool iss, ac_error *err)
{
    int64_t ms = 0;
    char buf[AC_TIME_TEXT_MAX];
    ac_agency g;
    struct aci_case_row c;
    bool known, carries_iss;
    ac_code rc;

    if ((d->recipient_agency_id == NULL) == (d->recipient_case_id == NULL)) {
        return aci_fail(err, AC_EINVAL, "recipient: name one agency or one case");
    }
    if (d->purpose == NULL || d->purpose[0] == '\0' || !ac_utf8_valid_str(d->purpose)) {
        return aci_fail(err, AC_EINVAL, "purpose: say why the record is shared");
    }
    rc = aci_store_gateway_lookup(op->store, d->lawful_basis, &known, &carries_iss, err);
    if (rc != AC_OK) {
        return rc;
    }
    if (!known) {
        return aci_fail(err, AC_EINVAL,
                        "lawful basis: name a known gateway ('accord gateway list')");
    }
    if ((d->fields & ~AC_PD_ALL) != 0 || d->fields == 0) {
        return aci_fail(err, AC_EINVAL,
                        "fields: name at least one of names, dob, addresses, "
                        "identifiers, summary");
    }
    if ((d->fields & AC_PD_SUMMARY) &&
        (d->summary == NULL || d->summary[0] == '\0' || !ac_utf8_valid_str(d->summary) ||
         strlen(d->summary) > SUMMARY_MAX)) {
        return aci_fail(err, AC_EINVAL,
                        "summary: write the text released (UTF-8, at most %d "
                        "bytes), or leave summary out of the fields",
                        SUMMARY_MAX);
    }
    if ((unsigned)d->classification >= AC_CLASS_COUNT || d->classification > PERSON_CLASS) {
        return aci_fail(err, AC_EINVAL,
                        "classification: a person record is OFFICIAL-SENSITIVE; "
                        "mark the release official or official_sensitive");
    }
    if (d->expires_at == NULL || ac_time_parse(d->expires_at, &ms, NULL) != AC_OK ||
        strcmp(ac_time_format(ms, buf), now) <= 0) {
        return aci_fail(err, AC_EINVAL,
                        "expires: give a future RFC 3339 time, e.g. "
                        "2027-03-01T00:00:00Z, or a day such as 2027-03-01");
    }
    d->expires_at = ac_arena_strdup(op->scratch, buf);
    if (d->recipient_agency_id != NULL &&
        (aci_store_agency_find(op->store, d->recipient_agency_id, op->scratch, &g, NULL) != AC_OK ||
         strcmp(g.id, op->actor->agency_id) == 0)) {
        return aci_fail(err, AC_EINVAL, "recipient: name another agency ('accord agency list')");
    }
    if (iss && d->recipient_agency_id != NULL && g.kind == AC_AGENCY_LOCAL_AUTHORITY) {
        return aci_fail(err, AC_EINVAL,
                        "recipient: a local authority never receives intelligence-service "
                        "material (CTSA 2015 s.38(4)-(5)); disclose to CT policing instead");
    }
    if (d->recipient_case_id != NULL &&
        aci_store_case_load(op->store, d->recipient_case_id, op->scratch, &c, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "recipient: no such case");
    }
    return AC_OK;
}

/* With an RFI: the record asked about, to the asking agency, and the request must be open
 * and addressed to the actor's agency (else "not found"). */
static ac_code
rel_from_rfi(struct aci_op *op, ac_person_disclosure *d, ac_error *err)
{
    ac_rfi r;
    ac_code rc = aci_store_rfi_load(op->store, d->rfi_id, op->scratch, &r, err);

    if (rc != AC_OK && rc != AC_ENOTFOUND) {
        return rc;
    }
    if (rc != AC_OK || strcmp(r.to_agency_id, op->actor->agency_id) != 0) {
        return aci_fail(err, AC_ENOTFOUND, "request '%s' not found", d->rfi_id);
    }
    if (r.status != AC_RFI_OPEN) {
        return aci_fail(err, AC_ECONFLICT, "request '%s' is already answered (%s)", d->rfi_id,
                        ac_rfi_status_str(r.status));
    }
    if (d->person_id == NULL) {
        d->person_id = r.held_person_id;
    }
    if (d->person_id == NULL) {
        return aci_fail(err, AC_EINVAL,
                        "person: a request from a case names no record; give the "
                        "person released");
    }
    d->recipient_agency_id = r.from_agency_id;
    d->recipient_case_id = NULL;
    return AC_OK;
}

static ac_code
rel_body(struct aci_op *op, void *args, ac_error *err)
{
    struct rel_args *x = args;
    ac_person_disclosure d = *x->in;
    struct aci_disclosure_facts df;
    struct aci_decision dec;
    ac_person p;
    const char *now = aci_hub_now_text(op->hub, op->scratch);
    ac_code rc = d.rfi_id != NULL ? rel_from_rfi(op, &d, err) : AC_OK;

    if (rc == AC_OK && d.person_id == NULL) {
        rc = aci_fail(err, AC_EINVAL, "person: name the record released");
    }
    if (rc == AC_OK) {
        rc = aci_store_person_load(op->store, d.person_id, op->scratch, &p, err);
        if (rc == AC_ENOTFOUND) {
            rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", d.person_id);
        }
    }
    if (rc != AC_OK) {
        return rc;
    }
    memset(&df, 0, sizeof df);
    rc = aci_store_gateway_lookup(op->store, d.lawful_basis, &df.has_gateway,
                                  &df.gateway_carries_iss, err);
    if (rc != AC_OK) {
        return rc;
    }
    df.iss_released = d.release_iss;
    df.classification = d.classification;
    df.to_case = d.recipient_case_id != NULL;
    if (df.to_case) {
        struct aci_case_row c;

        rc = aci_store_case_load(op->store, d.recipient_case_id, op->scratch, &c, err);
        if (rc != AC_OK && rc != AC_ENOTFOUND) {
            return rc;
        }
        df.case_type = rc == AC_OK ? c.type : AC_CASE_GENERAL;
    }
    rc = ask(op, ACI_ITEM_DISCLOSE, p.agency_id, &df, &dec, err);
    if (rc != AC_OK) {
        return rc;
    }
    if (!dec.allow) {
        return refused(op, dec, "person", d.person_id, err);
    }
    rc = rel_check(op, &d, now, (df.caveats & AC_CAVEAT_ISS) != 0, err);
    if (rc != AC_OK) {
        return rc;
    }
    d.release_iss = (df.caveats & AC_CAVEAT_ISS) != 0 && d.release_iss;
    d.id = aci_hub_new_id(op->hub, x->a);
    d.holder_agency_id = p.agency_id;
    d.released = freeze(&p, d.fields, d.summary, op->scratch);
    d.status = d.classification < PERSON_CLASS ? "pending_approval" : "live"; /* two-person */
    d.released_by = op->actor->user_id;
    d.created_at = now;
    if (d.id == NULL || d.released == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory releasing a person record");
    }
    rc = aci_store_pd_insert(op->store, &d, err);
    if (rc == AC_OK && d.rfi_id != NULL) {
        rc = aci_rfi_mark_disclosed(op, d.rfi_id, d.id, err);
    }
    op->object_id = d.id;
    op->recipients = d.recipient_agency_id != NULL ? d.recipient_agency_id : d.recipient_case_id;
    op->detail = ac_arena_printf(op->scratch, "person %s: %s as %s under %s, %s, until %s%s%s",
                                 d.person_id, ac_pd_fields_format(op->scratch, d.fields),
                                 ac_classification_str(d.classification), d.lawful_basis, d.status,
                                 d.expires_at, d.rfi_id ? ", answering request " : "",
                                 d.rfi_id ? d.rfi_id : "");
    x->id = d.id;
    return rc;
}

static const struct aci_op_desc rel_op = {
    ACI_ACT_DISCLOSE, "person_disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, rel_body,
};

ac_code
ac_person_disclose(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const ac_person_disclosure *in,
                   ac_arena *a,
                   const char **out_id,
                   ac_error *err)
{
    struct rel_args x = { in, a, NULL };
    ac_code rc = aci_op_run(&rel_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

/* ---- approve and revoke ---- */

struct status_args {
    const char *id;
    bool approve;
};

static ac_code
status_body(struct aci_op *op, void *args, ac_error *err)
{
    struct status_args *x = args;
    struct aci_disclosure_facts df;
    struct aci_decision dec;
    ac_person_disclosure d;
    ac_code rc = aci_store_pd_load(op->store, x->id, op->scratch, &d, err);

    op->object_id = x->id;
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "person disclosure '%s' not found", x->id);
    }
    if (rc != AC_OK) {
        return rc;
    }
    memset(&df, 0, sizeof df);
    df.has_gateway = true;
    df.classification = d.classification;
    df.released_by_actor = strcmp(d.released_by, op->actor->user_id) == 0;
    rc = ask(op, x->approve ? ACI_ITEM_APPROVE : ACI_ITEM_REVOKE, d.holder_agency_id, &df, &dec,
             err);
    if (rc != AC_OK) {
        return rc;
    }
    if (!dec.allow) {
        return refused(op, dec, "person disclosure", x->id, err);
    }
    if (x->approve && strcmp(d.status, "pending_approval") != 0) {
        return aci_fail(err, AC_ECONFLICT, "person disclosure '%s' is %s, not waiting for approval",
                        x->id, d.status);
    }
    if (!x->approve && strcmp(d.status, "revoked") == 0) {
        return aci_fail(err, AC_ECONFLICT, "person disclosure '%s' is already revoked", x->id);
    }
    op->recipients = d.recipient_agency_id ? d.recipient_agency_id : d.recipient_case_id;
    op->detail = x->approve ? "approved" : "revoked";
    return aci_store_pd_set_status(op->store, x->id, x->approve ? "live" : "revoked",
                                   op->actor->user_id, aci_hub_now_text(op->hub, op->scratch), err);
}

static const struct aci_op_desc status_op = {
    ACI_ACT_DISCLOSE, "person_disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, status_body,
};

ac_code
ac_person_disclosure_approve(ac_hub *hub,
                             const ac_actor *actor,
                             const char *purpose,
                             const char *id,
                             ac_error *err)
{
    struct status_args x = { id, true };

    return aci_op_run(&status_op, hub, actor, purpose, &x, err);
}

ac_code
ac_person_disclosure_revoke(ac_hub *hub,
                            const ac_actor *actor,
                            const char *purpose,
                            const char *id,
                            ac_error *err)
{
    struct status_args x = { id, false };

    return aci_op_run(&status_op, hub, actor, purpose, &x, err);
}

/* ---- read ---- */

/* May the op's actor read D?  The holder's content users always; a recipient while it is
 * live, unexpired, to its agency or a case it may read, and it is cleared for the marking. */
static ac_code
readable(struct aci_op *op,
         ac_person_disclosure *d,
         const char *now,
         struct aci_decision *dec,
         bool *out,
         ac_error *err)
{
    struct aci_disclosure_facts df;
    struct aci_case_row c;
    bool holder = strcmp(d->holder_agency_id, op->actor->agency_id) == 0, known;
    ac_code rc;

    *out = false;
    memset(&df, 0, sizeof df);
    rc = aci_store_gateway_lookup(op->store, d->lawful_basis, &known, &df.gateway_carries_iss, err);
    if (rc != AC_OK) {
        return rc;
    }
    df.has_gateway = true;
    df.iss_released = d->release_iss;
    df.classification = d->classification;
    df.live = strcmp(d->status, "live") == 0 && strcmp(d->expires_at, now) > 0;
    df.to_case = d->recipient_case_id != NULL;
    if (df.to_case) {
        rc = aci_store_case_load(op->store, d->recipient_case_id, op->scratch, &c, err);
        if (rc == AC_OK) {
            rc = aci_case_visible(op->store, op->actor, &c, &df.reaches_actor, err);
        }
        if (rc != AC_OK && rc != AC_ENOTFOUND) {
            return rc;
        }
        df.case_type = df.reaches_actor ? c.type : df.case_type;
    } else {
        df.reaches_actor = strcmp(d->recipient_agency_id, op->actor->agency_id) == 0;
    }
    rc = ask(op, ACI_ITEM_READ, d->holder_agency_id, holder ? NULL : &df, dec, err);
    if (rc != AC_OK) {
        return rc;
    }
    if (dec->allow && !holder) {
        d->person_id = NULL; /* the holder's record id stays with the holder */
    }
    *out = dec->allow;
    return AC_OK;
}

struct read_args {
    const char *id;
    ac_arena *a;
    ac_person_disclosure *out;
    size_t n;
};

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct read_args *x = args;
    struct aci_decision dec;
    bool ok = false;
    ac_code rc = aci_store_pd_load(op->store, x->id, x->a, x->out, err);

    op->object_id = x->id;
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "person disclosure '%s' not found", x->id);
    }
    if (rc == AC_OK) {
        rc = readable(op, x->out, aci_hub_now_text(op->hub, op->scratch), &dec, &ok, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (!ok) {
        op->denied = true;
        op->deny_reason = dec.reason;
        return aci_fail(err, AC_ENOTFOUND, "person disclosure '%s' not found", x->id);
    }
    op->recipients =
        x->out->recipient_agency_id ? x->out->recipient_agency_id : x->out->recipient_case_id;
    return AC_OK;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "person_disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, get_body,
};

ac_code
ac_person_disclosure_get(ac_hub *hub,
                         const ac_actor *actor,
                         const char *purpose,
                         const char *id,
                         ac_arena *a,
                         ac_person_disclosure *out,
                         ac_error *err)
{
    struct read_args x = { id, a, out, 0 };
    ac_code rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);

    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct read_args *x = args;
    ac_person_disclosure *all = NULL;
    struct aci_decision dec;
    size_t n = 0;
    const char *now = aci_hub_now_text(op->hub, op->scratch);
    ac_code rc = aci_store_pd_candidates(op->store, op->actor->agency_id, x->a, &all, &n, err);

    op->lists = true;
    x->out = all;
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        bool ok = false;

        rc = readable(op, &all[i], now, &dec, &ok, err);
        if (rc == AC_OK && ok) {
            all[x->n++] = all[i];
            rc = aci_op_returned(op, all[i].id, err);
        }
    }
    op->detail = "person disclosures";
    return rc;
}

static bool
among(const char *id, const char *const *ids, size_t n)
{
    for (size_t i = 0; id != NULL && i < n; i++) {
        if (strcmp(ids[i], id) == 0) {
            return true;
        }
    }
    return false;
}

ac_code
aci_pd_reaching(struct aci_op *op,
                const char *const *person_ids,
                size_t n_ids,
                ac_arena *a,
                ac_person_disclosure **out,
                size_t *out_n,
                ac_error *err)
{
    ac_person_disclosure *all = NULL;
    struct aci_decision dec;
    size_t n = 0, kept = 0;
    const char *now = aci_hub_now_text(op->hub, op->scratch);
    ac_code rc = aci_store_pd_candidates(op->store, op->actor->agency_id, a, &all, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        bool ok = false;

        if (strcmp(all[i].holder_agency_id, op->actor->agency_id) != 0 &&
            among(all[i].person_id, person_ids, n_ids)) {
            rc = readable(op, &all[i], now, &dec, &ok, err);
        }
        if (rc == AC_OK && ok) {
            all[kept++] = all[i];
        }
    }
    *out = rc == AC_OK ? all : NULL;
    *out_n = rc == AC_OK ? kept : 0;
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_SEARCH, "person_disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, list_body,
};

ac_code
ac_person_disclosure_list(ac_hub *hub,
                          const ac_actor *actor,
                          const char *purpose,
                          ac_arena *a,
                          ac_person_disclosure **out,
                          size_t *out_n,
                          ac_error *err)
{
    struct read_args x = { NULL, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.out : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
