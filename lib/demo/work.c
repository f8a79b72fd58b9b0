/* SPDX-License-Identifier: Apache-2.0
 *
 * work.c - the demo's work in flight (demo.c builds the partnership first), and what is
 * waiting for each demo user (ac_demo_waiting).
 */
#include "internal.h"

#include "accord/date.h"
#include "accord/demo.h"
#include "accord/holding.h"
#include "accord/item.h"
#include "accord/party.h"
#include "accord/person.h"
#include "accord/pole.h"
#include "accord/report.h"
#include "accord/rfi.h"
#include "accord/workflow.h"
#include "demo/demo_int.h"
#include "demo/names_int.h"
#include "hub/hub_int.h"

/* ---- work in flight ------------------------------------------------------------------------
 *
 * What each role finds waiting when it signs in: cases in every state their workflows reach,
 * open and escalated alerts, releases awaiting a second person, link proposals, requests for
 * information each way, answered ones with person disclosures.  All through the hub's calls,
 * as the user whose work it is, with the hub's clock pinned to the moment each step happened
 * relative to the demo's "now", so what is due and what is overdue is the same for a seed. */

#define HOUR_MS (3600 * 1000LL)
#define MIN_MS  (60 * 1000LL)

struct work {
    struct gen *g;
    const struct plan *pl;
    ac_arena *a;
    int64_t now;
    const char *agency_id[AG_COUNT];
    size_t cursor;             /* the next person to consider as a subject */
    const char *police_soi_id; /* CT policing's open SOI case: a request to the Service */
};

static void
at(const struct work *w, int64_t offset_ms)
{
    aci_hub_clock_pin(w->now + offset_ms);
}

static ac_code
as(struct work *w, const char *username, const ac_actor **out, ac_error *err)
{
    return ac_hub_actor(w->g->hub, username, w->a, out, err);
}

static const char *
day_text(struct work *w, int days)
{
    ac_date d = ac_date_from_ms(w->now + days * DAY_MS);

    return ac_arena_printf(w->a, "%04d-%02u-%02u", d.year, (unsigned)d.month, (unsigned)d.day);
}

/* The next person (in the plan's order) that agency HOLDER holds together with every agency
 * of ALSO (bits), not used before; its index in *OUT. */
static bool
next_person(struct work *w, enum demo_agency holder, unsigned also, size_t *out)
{
    const struct plan *pl = w->pl;
    unsigned want = (1u << holder) | also;

    for (size_t k = 0; k < pl->n_people; k++) {
        size_t i = (w->cursor + k) % pl->n_people;

        if ((pl->held_by[i] & want) == want && pl->ids[i * AG_COUNT + holder] != NULL) {
            w->cursor = i + 1;
            *out = i;
            return true;
        }
    }
    return false;
}

struct demo_step {
    const char *user; /* who takes it; "+member" steps add CT policing to the case */
    const char *step;
    int day;            /* when, in days relative to now */
    const char *fields; /* "name=value;...": "@-5" is the day five days ago, "@dob" and "@ni"
                           the subject's date of birth and NI number */
};

struct demo_case {
    ac_case_type type;
    const char *lead; /* the user who opens it */
    enum demo_agency holder;
    unsigned also_held; /* the subject is also held by these agencies (bits) */
    int day;            /* opened, in days relative to now */
    const char *title;
    struct demo_step steps[8];
};

#define REFER_FIELDS "referrer_sector=education;concern=extreme_right_wing"
#define PANEL \
    "panel_attendees=chair, education, health, police;police_attendee=Channel police practitioner"
#define ASSESS      "engagement=some engagement;intent=none seen;capability=limited;" PANEL
#define CONSENT(d)  "subject_age=19;consent_by=the subject;consent_method=in_person;consent_on=@" #d
#define PLAN        "support_plan=mentoring and education;providers=Intervention Provider;" PANEL
#define SENTENCE(d) "dealt_with_on=@" #d ";sentence_months=30;age_at_conviction=27"
#define NOTIFY(d)                                                                                \
    "notified_on=@" #d ";date_of_birth=@dob;ni_number=@ni;names=recorded;home_address=recorded;" \
    "contacts=recorded;vehicles=none;bank_accounts=recorded;identity_documents=passport"

/* One case at each state the partnership works on (data/workflows/states.csv). */
static const struct demo_case demo_cases[] = {
    /* subjects of interest: CT policing's and the Security Service's */
    { AC_CASE_SOI,
      "ctp.analyst",
      AG_CTU,
      0,
      -40,
      "Operation BRACKEN: subject of interest",
      { { 0 } } },
    { AC_CASE_SOI,
      "ss.analyst",
      AG_SS,
      1u << AG_CTU,
      -90,
      "Operation LINDEN: subject of interest",
      { { 0 } } },
    { AC_CASE_SOI,
      "ctp.analyst",
      AG_CTU,
      0,
      -400,
      "Operation ALDER: closed subject of interest",
      { { "ctp.analyst", "close", -200, "" } } },
    { AC_CASE_SOI,
      "ctp.caseworker",
      AG_CTU,
      1u << AG_COUNCIL,
      -500,
      "Operation HAWTHORN: closed SOI nominated for review",
      { { "ctp.caseworker", "close", -300, "" }, { "ctp.caseworker", "nominate", -9, "" } } },
    { AC_CASE_MAA_REVIEW,
      "ctp.caseworker",
      AG_CTU,
      1u << AG_COUNCIL,
      -600,
      "MAA review: Operation ROWAN",
      { { "ctp.caseworker", "close", -400, "" }, { "ctp.caseworker", "nominate", -30, "" } } },
    /* Prevent: the council refers, the police gateway assesses, the panel supports */
    { AC_CASE_PREVENT_REFERRAL,
      "council.prevent",
      AG_COUNCIL,
      0,
      -1,
      "Referral: college tutor's concern",
      { { 0 } } },
    { AC_CASE_PREVENT_REFERRAL,
      "council.prevent",
      AG_COUNCIL,
      0,
      -3,
      "Referral: concern from a youth worker",
      { { "council.prevent", "refer", -2, REFER_FIELDS } } },
    { AC_CASE_CHANNEL,
      "council.prevent",
      AG_COUNCIL,
      1u << AG_CTU,
      -30,
      "Channel: referral from a school",
      { { "council.prevent", "refer", -29, REFER_FIELDS },
        { "ctp.caseworker", "to_channel", -25, "" } } },
    { AC_CASE_CHANNEL,
      "council.prevent",
      AG_COUNCIL,
      1u << AG_CTU,
      -45,
      "Channel: consent to be sought",
      { { "council.prevent", "refer", -44, REFER_FIELDS },
        { "ctp.caseworker", "to_channel", -40, "" },
        { "council.chair", "assess", -6, ASSESS } } },
    { AC_CASE_CHANNEL,
      "council.prevent",
      AG_COUNCIL,
      0,
      -160,
      "Channel: support plan under review",
      { { "council.prevent", "refer", -159, REFER_FIELDS },
        { "ctp.caseworker", "to_channel", -150, "" },
        { "council.chair", "assess", -130, ASSESS },
        { "council.prevent", "consent", -120, CONSENT(-120) },
        { "council.chair", "agree_plan", -86, PLAN } } },
    { AC_CASE_CHANNEL,
      "council.prevent",
      AG_COUNCIL,
      0,
      -400,
      "Channel: exited, six-month review",
      { { "council.prevent", "refer", -399, REFER_FIELDS },
        { "ctp.caseworker", "to_channel", -390, "" },
        { "council.chair", "assess", -370, ASSESS },
        { "council.prevent", "consent", -360, CONSENT(-360) },
        { "council.chair", "agree_plan", -350, PLAN },
        { "council.chair", "exit", -178, "exit_reason=support plan completed;" PANEL } } },
    /* terrorist offenders: probation records the sentence and the release, CT policing the
     * notifications (CTA 2008 Part 4) */
    { AC_CASE_OFFENDER_NOTIFICATION,
      "probation.officer",
      AG_PROBATION,
      0,
      -420,
      "Offender: in custody",
      { { "probation.officer", "+member", -420, "" },
        { "probation.officer", "record_sentence", -410, SENTENCE(-410) } } },
    { AC_CASE_OFFENDER_NOTIFICATION,
      "probation.officer",
      AG_PROBATION,
      0,
      -800,
      "Offender: released yesterday, notification due",
      { { "probation.officer", "+member", -800, "" },
        { "probation.officer", "record_sentence", -790, SENTENCE(-790) },
        { "probation.officer", "release", -1, "released_on=@-1" } } },
    { AC_CASE_OFFENDER_NOTIFICATION,
      "probation.officer",
      AG_PROBATION,
      0,
      -900,
      "Offender: released, notification overdue",
      { { "probation.officer", "+member", -900, "" },
        { "probation.officer", "record_sentence", -890, SENTENCE(-890) },
        { "probation.officer", "release", -5, "released_on=@-5" } } },
    { AC_CASE_OFFENDER_NOTIFICATION,
      "probation.officer",
      AG_PROBATION,
      0,
      -1200,
      "Offender: yearly re-notification due",
      { { "probation.officer", "+member", -1200, "" },
        { "probation.officer", "record_sentence", -1190, SENTENCE(-1190) },
        { "probation.officer", "release", -362, "released_on=@-362" },
        { "ctp.duty", "initial_notification", -361, NOTIFY(-361) } } },
};

/* Cases added after the rest of the work in flight (so the subjects chosen above stay as they
 * were): the Service's own closed SOI, nominated 25 days ago, whose summary (20 working days,
 * states.csv) falls due this week, so the Service's home has a deadline. */
static const struct demo_case late_cases[] = {
    { AC_CASE_SOI,
      "ss.analyst",
      AG_SS,
      0,
      -700,
      "Operation SPINDLE: closed SOI nominated for review",
      { { "ss.analyst", "close", -300, "" }, { "ss.analyst", "nominate", -25, "" } } },
};

static ac_code
parse_fields(struct work *w,
             const struct truth *t,
             const char *spec,
             ac_case_field *out,
             size_t *n,
             ac_error *err)
{
    char *copy = ac_arena_strdup(w->a, spec), *save = NULL;

    *n = 0;
    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (char *f = strtok_r(copy, ";", &save); f != NULL && *n < 16;
         f = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(f, '=');

        if (eq == NULL) {
            continue;
        }
        *eq = '\0';
        out[*n].name = f;
        out[*n].value = eq + 1;
        if (strcmp(eq + 1, "@dob") == 0) {
            out[*n].value = ac_arena_printf(w->a, "%04d-%02u-%02u", t->dob.year,
                                            (unsigned)t->dob.month, (unsigned)t->dob.day);
        } else if (strcmp(eq + 1, "@ni") == 0) {
            out[*n].value = t->ni;
        } else if (eq[1] == '@') {
            out[*n].value = day_text(w, (int)strtol(eq + 2, NULL, 10));
        }
        ++*n;
    }
    return AC_OK;
}

static ac_code
add_cases(struct work *w, const struct demo_case *cases, size_t n_cases, ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t c = 0; rc == AC_OK && c < n_cases; c++) {
        const struct demo_case *dc = &cases[c];
        const ac_actor *lead = NULL;
        const char *case_id = NULL, *pid;
        size_t i;

        if (!next_person(w, dc->holder, dc->also_held, &i)) {
            continue; /* a small demo may have nobody to be its subject */
        }
        pid = w->pl->ids[i * AG_COUNT + dc->holder];
        at(w, dc->day * DAY_MS);
        rc = as(w, dc->lead, &lead, err);
        if (rc == AC_OK) {
            rc = ac_case_add_with_subjects(w->g->hub, lead, DEMO_PURPOSE, dc->type, dc->title, &pid,
                                           1, w->a, &case_id, err);
        }
        if (rc == AC_OK && w->police_soi_id == NULL && dc->type == AC_CASE_SOI &&
            dc->holder == AG_CTU && dc->steps[0].user == NULL) {
            w->police_soi_id = case_id;
        }
        for (size_t s = 0; rc == AC_OK && s < ACI_ARRAY_LEN(dc->steps) && dc->steps[s].user; s++) {
            const struct demo_step *st = &dc->steps[s];
            const ac_actor *who = NULL;
            ac_case_field fields[16];
            size_t n = 0;
            const char *state = NULL;

            at(w, st->day * DAY_MS + (int64_t)s * MIN_MS);
            rc = as(w, st->user, &who, err);
            if (rc == AC_OK && strcmp(st->step, "+member") == 0) {
                rc = ac_case_member_add(w->g->hub, who, DEMO_PURPOSE, case_id, w->agency_id[AG_CTU],
                                        NULL, "member", err);
                continue;
            }
            if (rc == AC_OK) {
                rc = parse_fields(w, &w->pl->people[i], st->fields, fields, &n, err);
            }
            if (rc == AC_OK) {
                rc = ac_case_step(w->g->hub, who, DEMO_PURPOSE, case_id, st->step,
                                  "demonstration step", fields, n, w->a, &state, err);
            }
        }
    }
    return rc;
}

/* The first spelling of a group ("A|B|C"): the one a buyer gives. */
static char *
first_spelling(ac_arena *a, const struct aci_name_group *grp)
{
    return ac_arena_strndup(a, grp->spellings, strcspn(grp->spellings, "|"));
}

static const char *
time_text(struct work *w, int64_t offset_ms)
{
    char buf[AC_TIME_TEXT_MAX];

    return ac_arena_strdup(w->a, ac_time_format(w->now + offset_ms, buf));
}

/* Suspicious-purchase reports from the retailer, screened on submission as any report is:
 * a buyer CT policing holds, three hours ago (its alerts lapse and escalate), and two in the
 * last hour that wait for acknowledgement. */
static ac_code
add_reports(struct work *w, ac_error *err)
{
    static const struct {
        int64_t ago_ms;
        ac_report_kind kind;
        const char *substance, *quantity;
        double concentration;
        bool completed, known_buyer;
        unsigned indicators;
        const char *narrative;
    } reports[] = {
        { 3 * HOUR_MS, AC_REPORT_ATTEMPT, "hydrogen peroxide", "4 x 5 L", 35, false, true,
          AC_IND_NERVOUS | AC_IND_INSISTS_ON_CASH | AC_IND_WONT_SAY_USE,
          "Asked for the strongest peroxide we stock and would not say what it was for." },
        { 10 * MIN_MS, AC_REPORT_TRANSACTION, "nitromethane", "2 x 1 L", 90, true, false,
          AC_IND_NOT_REGULAR_CUSTOMER | AC_IND_UNFAMILIAR_WITH_HANDLING,
          "Sale went through before the till flagged it; no licence was shown." },
        { 5 * MIN_MS, AC_REPORT_THEFT, "ammonium nitrate", "3 x 25 kg", 34, false, false, 0,
          "Three sacks missing from the yard after the weekend." },
    };
    const ac_actor *reporter = NULL;
    ac_code rc = as(w, "retail.reporter", &reporter, err);

    for (size_t r = 0; rc == AC_OK && r < ACI_ARRAY_LEN(reports); r++) {
        ac_report in, out;
        size_t i;

        memset(&in, 0, sizeof in);
        in.kind = reports[r].kind;
        in.occurred_at = time_text(w, -reports[r].ago_ms - 10 * MIN_MS);
        in.substance = reports[r].substance;
        in.concentration = reports[r].concentration;
        in.quantity = reports[r].quantity;
        in.payment = AC_PAYMENT_CASH;
        in.sale_completed = reports[r].completed;
        in.indicators = reports[r].indicators;
        in.narrative = reports[r].narrative;
        if (reports[r].known_buyer && next_person(w, AG_CTU, 0, &i)) {
            const struct truth *t = &w->pl->people[i];

            in.buyer_name = ac_arena_printf(w->a, "%s %s", first_spelling(w->a, t->given),
                                            first_spelling(w->a, t->family));
            in.buyer_dob = ac_arena_printf(w->a, "%04d-%02u-%02u", t->dob.year,
                                           (unsigned)t->dob.month, (unsigned)t->dob.day);
        }
        at(w, -reports[r].ago_ms);
        rc = ac_report_submit(w->g->hub, reporter, DEMO_PURPOSE, &in, w->a, &out, err);
    }
    return rc;
}

/* Items at every classification; releases below an item's marking that wait for a second
 * person of the originator (the two-person rule); link proposals awaiting a decision. */
static ac_code
add_items(struct work *w, ac_error *err)
{
    static const struct {
        const char *author;
        ac_classification cls;
        unsigned caveats;
        const char *body;
        int release_to; /* an agency to release it to below its marking, or -1 */
        const char *gateway;
    } items[] = {
        { "ctp.analyst", AC_CLASS_OFFICIAL, 0,
          "Open-source: a forum account posting about a planned protest in Digbeth.", -1, NULL },
        { "ctp.analyst", AC_CLASS_OFFICIAL_SENSITIVE, 0,
          "Community contact reports leaflets handed out outside a college in Sparkhill.", -1,
          NULL },
        { "ctp.analyst", AC_CLASS_SECRET, AC_CAVEAT_UK_EYES_ONLY,
          "Covert source: the subject is seeking to buy a firearm through an associate.", -1,
          NULL },
        { "ctp.analyst", AC_CLASS_SECRET, 0,
          "Subject has been seen with a person already referred to Prevent.", AG_COUNCIL,
          "cda1998-s115" },
        { "ss.analyst", AC_CLASS_TOP_SECRET, AC_CAVEAT_UK_EYES_ONLY,
          "Sensitive reporting on an overseas contact of a subject of interest.", -1, NULL },
        { "ss.analyst", AC_CLASS_SECRET, 0,
          "Travel of a subject of interest to a conflict zone is being planned.", AG_CTU,
          "cta2008-s19" },
    };
    ac_code rc = AC_OK;

    at(w, -2 * DAY_MS);
    for (size_t k = 0; rc == AC_OK && k < ACI_ARRAY_LEN(items); k++) {
        const ac_actor *author = NULL;
        const char *item_id = NULL, *disc_id = NULL;
        ac_item it;

        memset(&it, 0, sizeof it);
        it.body = items[k].body;
        it.classification = items[k].cls;
        it.caveats = items[k].caveats;
        it.source_eval = '2';
        it.intel_eval = 'B';
        it.handling = 'P';
        rc = as(w, items[k].author, &author, err);
        if (rc == AC_OK) {
            rc = ac_item_add(w->g->hub, author, DEMO_PURPOSE, &it, w->a, &item_id, err);
        }
        if (rc == AC_OK && items[k].release_to >= 0) {
            ac_disclosure d;

            memset(&d, 0, sizeof d);
            d.item_id = item_id;
            d.recipient_agency_id = w->agency_id[items[k].release_to];
            d.purpose = "to protect a person at risk";
            d.lawful_basis = items[k].gateway;
            d.body = "A person known to the partnership is of concern (details withheld).";
            d.classification = AC_CLASS_OFFICIAL_SENSITIVE;
            d.caveats = strcmp(author->agency_id, w->agency_id[AG_SS]) == 0 ? AC_CAVEAT_ISS : 0;
            d.release_iss = d.caveats != 0;
            d.expires_at = time_text(w, 730 * DAY_MS);
            rc = ac_disclosure_create(w->g->hub, author, DEMO_PURPOSE, &d, w->a, &disc_id, err);
        }
    }
    for (int k = 0; rc == AC_OK && k < 2; k++) {
        const ac_actor *analyst = NULL;
        const char *link_id = NULL;
        size_t i, j;
        ac_link l;

        memset(&l, 0, sizeof l);
        if (!next_person(w, AG_CTU, 0, &i) || !next_person(w, AG_CTU, 0, &j) || i == j) {
            break; /* a small demo may have too few people of interest to link */
        }
        l.from_type = l.to_type = "person";
        l.from_id = w->pl->ids[i * AG_COUNT + AG_CTU];
        l.to_id = w->pl->ids[j * AG_COUNT + AG_CTU];
        l.link_type = "associate_of";
        l.provenance = k == 0 ? "seen together at a meeting" : "the same phone number";
        l.confidence = k == 0 ? 0.6 : 0.8;
        l.status = AC_LINK_PROPOSED;
        rc = as(w, "ctp.analyst", &analyst, err);
        if (rc == AC_OK) {
            rc = ac_link_add(w->g->hub, analyst, DEMO_PURPOSE, &l, w->a, &link_id, err);
        }
    }
    return rc;
}

/* The pointer USER sees, on its agency's record of a person held also by HOLDER, to
 * HOLDER's record: its reference in *OUT_REF, or NULL when there is none. */
static ac_code
pointer_to(struct work *w,
           const ac_actor *user,
           enum demo_agency own,
           enum demo_agency holder,
           const char **out_ref,
           ac_error *err)
{
    size_t i;

    *out_ref = NULL;
    for (size_t tries = 0;
         *out_ref == NULL && tries < w->pl->n_people && next_person(w, own, 1u << holder, &i);
         tries++) {
        ac_pointer *p = NULL;
        size_t n = 0;
        ac_code rc = ac_person_pointers(w->g->hub, user, DEMO_PURPOSE,
                                        w->pl->ids[i * AG_COUNT + own], w->a, &p, &n, err);

        if (rc != AC_OK) {
            return rc;
        }
        for (size_t k = 0; k < n; k++) {
            if (strcmp(p[k].agency_id, w->agency_id[holder]) == 0) {
                *out_ref = p[k].ref;
            }
        }
    }
    return AC_OK; /* *OUT_REF stays NULL in a demo too small to have such a person */
}

/* Requests for information each way; some answered with a person disclosure, one overdue. */
static ac_code
add_requests(struct work *w, ac_error *err)
{
    static const struct {
        const char *asker;
        enum demo_agency from, to;
        int day; /* asked */
        ac_rfi_urgency urgency;
        const char *gateway, *question;
        const char *answerer; /* discloses names and date of birth at day + 1, or NULL */
    } requests[] = {
        { "ctp.analyst", AG_CTU, AG_COUNCIL, -2, AC_RFI_ROUTINE, "cda1998-s115",
          "Is the person known to children's or adult social care?", NULL },
        { "ctp.analyst", AG_CTU, AG_COUNCIL, -3, AC_RFI_URGENT, "cda1998-s115",
          "Current address and household, please: an arrest is being planned.", NULL },
        { "ctp.analyst", AG_CTU, AG_PROBATION, -6, AC_RFI_ROUTINE, "cda1998-s115",
          "Licence conditions and the supervising office.", "probation.officer" },
        { "ss.analyst", AG_SS, AG_CTU, -4, AC_RFI_ROUTINE, "cta2008-s19",
          "Any police intelligence on the person's associates?", "ctp.analyst" },
        { "ss.analyst", AG_SS, AG_CTU, -1, AC_RFI_ROUTINE, "cta2008-s19",
          "Any recent contact with the police?", NULL },
        { "council.prevent", AG_COUNCIL, AG_PROBATION, -1, AC_RFI_ROUTINE, "cda1998-s115",
          "Is the person under supervision? Prevent referral in progress.", NULL },
        { "probation.officer", AG_PROBATION, AG_CTU, -2, AC_RFI_ROUTINE, "cda1998-s115",
          "Any CT concern before a licence review?", NULL },
    };
    const ac_actor *admin = NULL;
    ac_code rc;

    /* probation lets councils, and CT policing lets probation, discover its holdings */
    at(w, -30 * DAY_MS);
    rc = as(w, "probation.admin", &admin, err);
    if (rc == AC_OK) {
        rc = ac_agency_discoverability_set(w->g->hub, admin, "demo set-up",
                                           AC_AGENCY_LOCAL_AUTHORITY, true, err);
    }
    if (rc == AC_OK) {
        rc = as(w, "admin", &admin, err);
    }
    if (rc == AC_OK) {
        rc = ac_agency_discoverability_set(w->g->hub, admin, "demo set-up", AC_AGENCY_PROBATION,
                                           true, err);
    }
    for (size_t r = 0; rc == AC_OK && r < ACI_ARRAY_LEN(requests); r++) {
        const ac_actor *asker = NULL, *answerer = NULL;
        const char *rfi_id = NULL, *disc_id = NULL;
        ac_rfi in;

        memset(&in, 0, sizeof in);
        at(w, requests[r].day * DAY_MS);
        rc = as(w, requests[r].asker, &asker, err);
        if (rc == AC_OK) {
            rc = pointer_to(w, asker, requests[r].from, requests[r].to, &in.ref, err);
        }
        in.purpose = "counter-terrorism investigation";
        in.lawful_basis = requests[r].gateway;
        in.question = requests[r].question;
        in.urgency = requests[r].urgency;
        if (rc == AC_OK && in.ref == NULL) {
            continue;
        }
        if (rc == AC_OK) {
            rc = ac_rfi_ask(w->g->hub, asker, DEMO_PURPOSE, &in, w->a, &rfi_id, err);
        }
        if (rc == AC_OK && requests[r].answerer != NULL) {
            ac_person_disclosure d;

            memset(&d, 0, sizeof d);
            d.rfi_id = rfi_id;
            d.purpose = in.purpose;
            d.lawful_basis = requests[r].gateway;
            d.fields = AC_PD_NAMES | AC_PD_DOB;
            d.classification = AC_CLASS_OFFICIAL_SENSITIVE;
            d.expires_at = time_text(w, 730 * DAY_MS);
            at(w, (requests[r].day + 1) * DAY_MS);
            rc = as(w, requests[r].answerer, &answerer, err);
            if (rc == AC_OK) {
                rc = ac_person_disclose(w->g->hub, answerer, DEMO_PURPOSE, &d, w->a, &disc_id, err);
            }
        }
    }
    return rc;
}

/* CT policing asks the Service about its open SOI case (a request from a case names the
 * agency asked); the Service would answer under SSA 1989 s.2(2)(a), the gateway that carries
 * its material (0011_iss_gateways.sql). */
static ac_code
add_request_to_service(struct work *w, ac_error *err)
{
    const ac_actor *asker = NULL;
    const char *rfi_id = NULL;
    ac_rfi in;
    ac_code rc;

    if (w->police_soi_id == NULL) {
        return AC_OK; /* a demo too small to have the case */
    }
    memset(&in, 0, sizeof in);
    in.case_id = w->police_soi_id;
    in.to_agency_id = w->agency_id[AG_SS];
    in.purpose = "counter-terrorism investigation";
    in.lawful_basis = "ssa1989-s2";
    in.question = "Does the Service hold anything on the subject's travel this year?";
    in.urgency = AC_RFI_ROUTINE;
    at(w, -1 * DAY_MS);
    rc = as(w, "ctp.analyst", &asker, err);
    if (rc == AC_OK) {
        rc = ac_rfi_ask(w->g->hub, asker, DEMO_PURPOSE, &in, w->a, &rfi_id, err);
    }
    return rc;
}

/* Each Security Service analyst releases one of the Service's records to CT policing marked
 * OFFICIAL, below the record: the release waits for the other analyst's approval (a second
 * person, include/accord/rfi.h).  The Service's material is released under CTA 2008 s.19,
 * with release_iss stated (CTSA 2015 s.38(5)(a)). */
static ac_code
add_pending_releases(struct work *w, ac_error *err)
{
    static const char *const releaser[] = { "ss.analyst2", "ss.analyst" };
    ac_code rc = AC_OK;

    for (size_t k = 0; rc == AC_OK && k < ACI_ARRAY_LEN(releaser); k++) {
        const ac_actor *u = NULL;
        const char *disc_id = NULL;
        ac_person_disclosure d;
        size_t i;

        if (!next_person(w, AG_SS, 0, &i)) {
            break; /* a small demo may hold too few of the Service's records */
        }
        memset(&d, 0, sizeof d);
        d.person_id = w->pl->ids[i * AG_COUNT + AG_SS];
        d.recipient_agency_id = w->agency_id[AG_CTU];
        d.purpose = "to help locate a subject of interest";
        d.lawful_basis = "cta2008-s19";
        d.fields = AC_PD_NAMES | AC_PD_DOB;
        d.classification = AC_CLASS_OFFICIAL;
        d.release_iss = true;
        d.expires_at = time_text(w, 365 * DAY_MS);
        at(w, -(int64_t)(k + 1) * HOUR_MS);
        rc = as(w, releaser[k], &u, err);
        if (rc == AC_OK) {
            rc = ac_person_disclose(w->g->hub, u, DEMO_PURPOSE, &d, w->a, &disc_id, err);
        }
    }
    return rc;
}

/* A person whose name is markup, held by probation alone, for the web application's test
 * that every name is rendered as text. */
static ac_code
add_markup_person(struct work *w, size_t *persons, ac_error *err)
{
    ac_person_name name = { AC_NAME_PRIMARY,
                            "<img src=x",
                            NULL,
                            "onerror=alert(1)>",
                            "<img src=x onerror=alert(1)>",
                            NULL };
    ac_address addr = { 0 };
    ac_person p;
    const ac_actor *user = NULL;
    const char *id = NULL;
    ac_code rc;

    memset(&p, 0, sizeof p);
    addr.line = "1 Test Street";
    addr.town = "Birmingham";
    addr.postcode = "B1 1AA";
    p.names = &name;
    p.n_names = 1;
    p.dob = (ac_date){ .year = 1990, .month = 1, .day = 1, .precision = AC_DATE_DAY };
    p.addresses = &addr;
    p.n_addresses = 1;
    p.source_ref = "PS-MARKUP-1";
    at(w, -10 * DAY_MS);
    rc = as(w, "probation.officer", &user, err);
    if (rc == AC_OK) {
        rc = ac_person_add(w->g->hub, user, DEMO_PURPOSE, &p, w->a, &id, err);
    }
    *persons += rc == AC_OK;
    return rc;
}

ac_code
aci_demo_add_work(struct gen *g, const struct plan *pl, int64_t now, size_t *persons, ac_error *err)
{
    struct work w;
    const ac_actor *duty = NULL;
    size_t lapsed = 0, reminded = 0, escalated = 0;
    ac_code rc;

    memset(&w, 0, sizeof w);
    w.g = g;
    w.pl = pl;
    w.now = now;
    w.a = ac_arena_new(0);
    if (w.a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = AC_OK;
    for (int ag = 0; rc == AC_OK && ag < AG_COUNT; ag++) {
        static const char *const member[AG_COUNT] = { "ss.analyst", "ctp.analyst",
                                                      "council.prevent", "probation.officer",
                                                      "retail.reporter" };
        const ac_actor *u = NULL;

        rc = as(&w, member[ag], &u, err);
        w.agency_id[ag] = rc == AC_OK ? u->agency_id : NULL;
    }
    if (rc == AC_OK) {
        rc = add_cases(&w, demo_cases, ACI_ARRAY_LEN(demo_cases), err);
    }
    if (rc == AC_OK) {
        rc = add_items(&w, err);
    }
    if (rc == AC_OK) {
        rc = add_requests(&w, err);
    }
    if (rc == AC_OK) {
        rc = add_markup_person(&w, persons, err);
    }
    if (rc == AC_OK) {
        rc = add_reports(&w, err);
    }
    /* the Security Service's work, after the rest so the subjects chosen above stay */
    if (rc == AC_OK) {
        rc = add_cases(&w, late_cases, ACI_ARRAY_LEN(late_cases), err);
    }
    if (rc == AC_OK) {
        rc = add_request_to_service(&w, err);
    }
    if (rc == AC_OK) {
        rc = add_pending_releases(&w, err);
    }
    /* now: what lapsed is escalated, as the scheduler would */
    at(&w, 0);
    if (rc == AC_OK) {
        rc = as(&w, "ctp.duty", &duty, err);
    }
    if (rc == AC_OK) {
        rc = ac_alerts_escalate(g->hub, duty, DEMO_PURPOSE, &escalated, err);
    }
    if (rc == AC_OK) {
        rc = ac_case_deadlines_escalate(g->hub, duty, DEMO_PURPOSE, &lapsed, &reminded, err);
    }
    ac_arena_free(w.a);
    return rc;
}

/* ---- what is waiting ------------------------------------------------------------------------ */

#define WAITING_PURPOSE "demo summary: what is waiting"

/* A call the user's role does not allow leaves nothing waiting for them: AC_OK with *N 0. */
static ac_code
allowed(ac_code rc, size_t *n, ac_error *err)
{
    if (rc == AC_EDENIED) {
        *n = 0;
        memset(err, 0, sizeof *err);
        return AC_OK;
    }
    return rc;
}

static char *
append(ac_arena *a, char *text, const char *part)
{
    return text == NULL ? ac_arena_strdup(a, part) : ac_arena_printf(a, "%s; %s", text, part);
}

static const char *
plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static ac_code
waiting(ac_hub *hub, const char *username, ac_arena *a, const char **out, ac_error *err)
{
    char nowbuf[AC_TIME_TEXT_MAX];
    const char *now = ac_time_format(aci_hub_now_ms(hub), nowbuf);
    const ac_actor *u = NULL;
    ac_alert *alerts = NULL;
    ac_rfi *rfis = NULL;
    ac_person_disclosure *pds = NULL;
    ac_case_due *due = NULL;
    size_t n = 0, k = 0;
    char *text = NULL;
    ac_code rc = ac_hub_actor(hub, username, a, &u, err);

    *out = NULL;
    if (rc == AC_OK) {
        rc = allowed(ac_alert_list(hub, u, WAITING_PURPOSE, true, 1000, a, &alerts, &n, err), &n,
                     err);
    }
    if (rc == AC_OK && n > 0) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            k += alerts[i].escalation > 0;
        }
        text = append(a, text,
                      ac_arena_printf(a, "%zu %s to acknowledge (%zu escalated)", n,
                                      plural(n, "alert", "alerts"), k));
    }
    if (rc == AC_OK) {
        rc = allowed(ac_rfi_list(hub, u, WAITING_PURPOSE, true, true, a, &rfis, &n, err), &n, err);
    }
    if (rc == AC_OK && n > 0) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            k += rfis[i].due_at != NULL && strcmp(rfis[i].due_at, now) < 0;
        }
        text = append(a, text,
                      ac_arena_printf(a, "%zu %s for information to answer (%zu overdue)", n,
                                      plural(n, "request", "requests"), k));
    }
    if (rc == AC_OK) {
        rc = allowed(ac_person_disclosure_list(hub, u, WAITING_PURPOSE, a, &pds, &n, err), &n, err);
    }
    if (rc == AC_OK) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            k += strcmp(pds[i].status, "pending_approval") == 0 &&
                 strcmp(pds[i].holder_agency_id, u->agency_id) == 0 &&
                 (pds[i].released_by == NULL || strcmp(pds[i].released_by, u->user_id) != 0);
        }
        if (k > 0) {
            text = append(a, text,
                          ac_arena_printf(a, "%zu person %s to approve", k,
                                          plural(k, "disclosure", "disclosures")));
        }
    }
    if (rc == AC_OK) {
        rc = allowed(ac_cases_due(hub, u, WAITING_PURPOSE, 7 * DAY_MS, a, &due, &n, err), &n, err);
    }
    if (rc == AC_OK && n > 0) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            k += due[i].overdue;
        }
        text = append(a, text,
                      ac_arena_printf(a, "%zu case %s within 7 days (%zu overdue)", n,
                                      plural(n, "deadline", "deadlines"), k));
    }
    if (rc == AC_OK) {
        *out = text != NULL ? text : "nothing waiting";
    }
    return rc;
}

ac_code
ac_demo_waiting(ac_hub *hub,
                const char *username,
                int64_t now_ms,
                ac_arena *a,
                const char **out,
                ac_error *err)
{
    ac_code rc;

    if (now_ms != 0) {
        aci_hub_clock_pin(now_ms);
    }
    rc = waiting(hub, username, a, out, err);
    if (now_ms != 0) {
        aci_hub_clock_unpin();
    }
    return rc;
}
