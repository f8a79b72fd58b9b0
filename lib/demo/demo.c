/* SPDX-License-Identifier: Apache-2.0
 *
 * demo.c - the synthetic West Midlands partnership (include/accord/demo.h).
 *
 * A population of invented people is drawn first ("truth"); each agency then records the
 * people it knows, each copy made the way real records differ: another spelling of the
 * same name (Mohammed/Muhammad), a typing error, a date of birth known only to the year
 * or with day and month swapped, a former address, a missing middle name.  People of
 * interest are drawn from the residents, so they follow the same mix of name origins.
 * Everything comes from one seeded generator: the same seed gives the same partnership.
 * The demo is a caller like any other: it uses only the public hub calls (include/accord),
 * acting as the administrator that bootstrapping gives the hub, then as a user of each
 * agency recording that agency's persons with a purpose, so every record it makes has its
 * policy decision and audit entry.  Each agency's persons are written in one batch
 * (ac_hub_batch_begin), for one flush to disk instead of one per person.
 */
#include "internal.h"

#include "accord/date.h"
#include "accord/demo.h"
#include "accord/party.h"
#include "accord/person.h"
#include "accord/session.h"
#include "accord/holding.h"
#include "accord/item.h"
#include "accord/pole.h"
#include "accord/report.h"
#include "accord/rfi.h"
#include "accord/workflow.h"
#include "core/id_int.h"
#include "demo/names_int.h"
#include "hub/hub_int.h"

#define DEFAULT_RESIDENTS    10000u
#define DEFAULT_OF_INTEREST  300u
#define DEMO_PURPOSE         "synthetic demonstration data"
#define REF_YEAR             2026 /* ages are relative to this year, not to today */
#define PARTNERSHIP_AGE_DAYS 1461 /* the partnership and its records began four years ago */

enum demo_agency {
    AG_SS,
    AG_CTU,
    AG_COUNCIL,
    AG_PROBATION,
    AG_RETAIL,
    AG_COUNT
};

static const struct {
    const char *name;
    ac_agency_kind kind;
    const char *ref_prefix; /* the agency's own reference style */
} agencies[AG_COUNT] = {
    [AG_SS] = { "Security Service", AC_AGENCY_SECURITY_SERVICE, "SS" },
    [AG_CTU] = { "West Midlands Counter Terrorism Unit", AC_AGENCY_CT_POLICING, "WMCTU" },
    [AG_COUNCIL] = { "Birmingham City Council", AC_AGENCY_LOCAL_AUTHORITY, "BCC" },
    [AG_PROBATION] = { "Probation Service West Midlands", AC_AGENCY_PROBATION, "PS" },
    [AG_RETAIL] = { "Brindley Chemicals Ltd", AC_AGENCY_PRIVATE_SECTOR, "BCL" },
};

/* Administrators first: the hub's two (its host agency's, who appoint each agency's
 * administrator and approve one another's grants), then each agency's, who add its staff. */
static const ac_demo_user demo_users[] = {
    { "admin", "West Midlands Counter Terrorism Unit", "admin", "bpss" },
    { "admin2", "West Midlands Counter Terrorism Unit", "admin", "bpss" },
    { "ss.admin", "Security Service", "admin", "bpss" },
    { "council.admin", "Birmingham City Council", "admin", "bpss" },
    { "probation.admin", "Probation Service West Midlands", "admin", "bpss" },
    { "retail.admin", "Brindley Chemicals Ltd", "admin", "bpss" },
    { "ss.analyst", "Security Service", "analyst", "dv" },
    { "ss.analyst2", "Security Service", "analyst",
      "dv" }, /* the second person (two-person rule) */
    { "ctp.analyst", "West Midlands Counter Terrorism Unit", "analyst", "sc" },
    { "ctp.caseworker", "West Midlands Counter Terrorism Unit", "caseworker", "sc" },
    { "ctp.duty", "West Midlands Counter Terrorism Unit", "duty_officer", "sc" },
    { "council.prevent", "Birmingham City Council", "caseworker", "ctc" },
    { "council.chair", "Birmingham City Council", "panel_member", "ctc" },
    { "probation.officer", "Probation Service West Midlands", "caseworker", "ctc" },
    { "retail.reporter", "Brindley Chemicals Ltd", "reporter", "none" },
    { "oversight.auditor", "West Midlands Counter Terrorism Unit", "auditor", "sc" },
};

const ac_demo_user *
ac_demo_users(size_t *out_n)
{
    *out_n = ACI_ARRAY_LEN(demo_users);
    return demo_users;
}

/* One invented person: the truth every agency's copy is made from. */
struct truth {
    const struct aci_name_group *given;  /* chosen groups: spellings to vary */
    const struct aci_name_group *middle; /* NULL for none */
    const struct aci_name_group *family;
    ac_date dob;
    size_t place;        /* index into aci_places */
    unsigned house;      /* house number */
    size_t stem, suffix; /* street parts */
    char postcode[12];
    size_t old_place; /* a former address */
    unsigned old_house;
    size_t old_stem, old_suffix;
    char old_postcode[12];
    char ni[10];       /* National Insurance number */
    char passport[10]; /* 9 digits, or "" */
    char pnc[12];      /* "05/123456X", or "" */
};

struct gen {
    uint64_t rng; /* splitmix64 state */
    ac_hub *hub;
    ac_arena *a;   /* scratch, reset per person */
    ac_arena *ids; /* the persons' ids, for the work in flight */
    unsigned ref_seq[AG_COUNT];
};

static uint64_t
rnd(struct gen *g)
{
    return aci_splitmix64(&g->rng);
}

/* Uniform in [0, n). */
static size_t
pick(struct gen *g, size_t n)
{
    return n == 0 ? 0 : (size_t)(rnd(g) % n);
}

static bool
chance(struct gen *g, unsigned percent)
{
    return rnd(g) % 100 < percent;
}

static const struct aci_name_group *
pick_weighted(struct gen *g, const struct aci_name_group *groups, size_t n)
{
    uint64_t total = 0, at;

    for (size_t i = 0; i < n; i++) {
        total += groups[i].weight;
    }
    at = rnd(g) % total;
    for (size_t i = 0; i < n; i++) {
        if (at < groups[i].weight) {
            return &groups[i];
        }
        at -= groups[i].weight;
    }
    return &groups[n - 1];
}

static const struct aci_name_pool *
pick_pool(struct gen *g)
{
    unsigned at = (unsigned)(rnd(g) % 100);

    for (size_t i = 0; i < ACI_ORIGIN_COUNT; i++) {
        if (at < aci_name_pools[i].share) {
            return &aci_name_pools[i];
        }
        at -= aci_name_pools[i].share;
    }
    return &aci_name_pools[0];
}

/* Spelling K of a group ("A|B|C"), copied into A. */
static char *
spelling(ac_arena *a, const struct aci_name_group *grp, size_t k)
{
    const char *s = grp->spellings;

    for (size_t i = 0; i < k && strchr(s, '|') != NULL; i++) {
        s = strchr(s, '|') + 1;
    }
    return ac_arena_strndup(a, s, strcspn(s, "|"));
}

static size_t
n_spellings(const struct aci_name_group *grp)
{
    size_t n = 1;

    for (const char *s = grp->spellings; *s; s++) {
        n += *s == '|';
    }
    return n;
}

/* A typing error in an ASCII letter of S: swap, drop, double or replace. */
static void
typo(struct gen *g, char *s)
{
    size_t n = strlen(s), i;

    if (n < 4) {
        return;
    }
    i = 1 + pick(g, n - 2);
    if ((unsigned char)s[i] >= 0x80 || (unsigned char)s[i + 1] >= 0x80 ||
        (unsigned char)s[i - 1] >= 0x80) {
        return; /* keep UTF-8 intact: only touch ASCII letters */
    }
    switch (pick(g, 4)) {
    case 0: { /* transpose */
        char t = s[i];

        s[i] = s[i + 1];
        s[i + 1] = t;
        break;
    }
    case 1: /* drop */
        memmove(s + i, s + i + 1, n - i);
        break;
    case 2: /* replace with a neighbouring vowel */
        s[i] = "aeiou"[pick(g, 5)];
        break;
    default: /* double: needs room, so replace the next letter instead */
        s[i + 1] = s[i];
        break;
    }
}

static void
make_postcode(struct gen *g, const struct aci_place *p, char out[12])
{
    static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
    unsigned d = p->district_lo + (unsigned)pick(g, p->district_hi - p->district_lo + 1);

    snprintf(out, 12, "%s%u %u%c%c", p->area, d, 1 + (unsigned)pick(g, 9),
             inward[pick(g, sizeof inward - 1)], inward[pick(g, sizeof inward - 1)]);
}

static void
make_truth(struct gen *g, struct truth *t)
{
    const struct aci_name_pool *pool = pick_pool(g);
    static const char ni_first[] = "ABCEGHJKLMNOPRSTWXYZ";
    static const char ni_second[] = "ABCEGHJKLMNPRSTWXYZ";
    int age = 16 + (int)pick(g, 70);

    memset(t, 0, sizeof *t);
    t->given = pick_weighted(g, pool->given, pool->n_given);
    t->middle = chance(g, 35) ? pick_weighted(g, pool->given, pool->n_given) : NULL;
    t->family = pick_weighted(g, pool->family, pool->n_family);
    t->dob.year = (int16_t)(REF_YEAR - age);
    t->dob.month = (uint8_t)(1 + pick(g, 12));
    t->dob.day = (uint8_t)(1 + pick(g, (size_t)ac_date_days_in_month(t->dob.year, t->dob.month)));
    t->dob.precision = AC_DATE_DAY;
    t->place = pick(g, aci_n_places);
    t->house = 1 + (unsigned)pick(g, 250);
    t->stem = pick(g, aci_n_street_stems);
    t->suffix = pick(g, aci_n_street_suffixes);
    make_postcode(g, &aci_places[t->place], t->postcode);
    t->old_place = pick(g, aci_n_places);
    t->old_house = 1 + (unsigned)pick(g, 250);
    t->old_stem = pick(g, aci_n_street_stems);
    t->old_suffix = pick(g, aci_n_street_suffixes);
    make_postcode(g, &aci_places[t->old_place], t->old_postcode);
    snprintf(t->ni, sizeof t->ni, "%c%c%06u%c", ni_first[pick(g, sizeof ni_first - 1)],
             ni_second[pick(g, sizeof ni_second - 1)], (unsigned)pick(g, 1000000),
             "ABCD"[pick(g, 4)]);
    if (chance(g, 60)) {
        snprintf(t->passport, sizeof t->passport, "%09u", (unsigned)pick(g, 1000000000));
    }
}

/* How far an agency's copy drifts from the truth. */
struct copy_style {
    unsigned variant_pct;  /* another spelling of a name */
    unsigned typo_pct;     /* a typing error */
    unsigned dob_year_pct; /* date of birth known only to the year */
    unsigned dob_swap_pct; /* day and month swapped */
    unsigned old_addr_pct; /* a former address */
    unsigned alias_pct;    /* an alias recorded */
    bool with_ni;          /* records the NI number */
    bool with_ids;         /* records passport and PNC */
};

static const struct copy_style styles[AG_COUNT] = {
    [AG_SS] = { 45, 8, 20, 3, 25, 30, false, true },
    [AG_CTU] = { 35, 10, 10, 4, 20, 25, false, true },
    [AG_COUNCIL] = { 10, 5, 0, 2, 5, 0, true, false },
    [AG_PROBATION] = { 20, 8, 0, 3, 30, 10, true, true },
    [AG_RETAIL] = { 30, 20, 60, 5, 10, 0, false, false },
};

static char *
name_copy(struct gen *g, const struct aci_name_group *grp, const struct copy_style *st)
{
    size_t n = n_spellings(grp), k = 0;
    char *s;

    if (n > 1 && chance(g, st->variant_pct)) {
        k = 1 + pick(g, n - 1);
    }
    s = spelling(g->a, grp, k);
    if (s != NULL && chance(g, st->typo_pct)) {
        typo(g, s);
    }
    return s;
}

static ac_code
write_copy(struct gen *g,
           const ac_actor *actor,
           enum demo_agency ag,
           const struct truth *t,
           const char **out_id,
           ac_error *err)
{
    const struct copy_style *st = &styles[ag];
    ac_person_name names[2];
    ac_address addr[2];
    ac_identifier ids[3];
    ac_person p;
    const char *id;
    size_t n_ids = 0;
    bool old = chance(g, st->old_addr_pct);

    memset(&p, 0, sizeof p);
    memset(names, 0, sizeof names);
    memset(addr, 0, sizeof addr);
    memset(ids, 0, sizeof ids);
    names[0].kind = AC_NAME_PRIMARY;
    names[0].given = name_copy(g, t->given, st);
    names[0].middle = t->middle != NULL && chance(g, 70) ? name_copy(g, t->middle, st) : NULL;
    names[0].family = name_copy(g, t->family, st);
    p.names = names;
    p.n_names = 1;
    if (chance(g, st->alias_pct)) {
        names[1].kind = AC_NAME_ALIAS;
        names[1].full =
            ac_arena_printf(g->a, "%s %s", spelling(g->a, t->given, pick(g, n_spellings(t->given))),
                            spelling(g->a, t->family, n_spellings(t->family) - 1));
        p.n_names = 2;
    }
    p.dob = t->dob;
    if (chance(g, st->dob_year_pct)) {
        p.dob.month = p.dob.day = 0;
        p.dob.precision = AC_DATE_YEAR;
    } else if (p.dob.day <= 12 && p.dob.day != p.dob.month && chance(g, st->dob_swap_pct)) {
        uint8_t d = p.dob.day;

        p.dob.day = p.dob.month;
        p.dob.month = d;
        if (p.dob.day > ac_date_days_in_month(p.dob.year, p.dob.month)) {
            p.dob = t->dob;
        }
    }
    addr[0].line = ac_arena_printf(g->a, "%u %s %s", old ? t->old_house : t->house,
                                   aci_street_stems[old ? t->old_stem : t->stem],
                                   aci_street_suffixes[old ? t->old_suffix : t->suffix]);
    addr[0].town = aci_places[old ? t->old_place : t->place].town;
    addr[0].postcode = old ? t->old_postcode : t->postcode;
    p.addresses = addr;
    p.n_addresses = 1;
    if (st->with_ni && chance(g, 80)) {
        ids[n_ids].kind = AC_IDENT_NI_NUMBER;
        ids[n_ids++].value = t->ni;
    }
    if (st->with_ids && t->passport[0] != '\0' && chance(g, 50)) {
        ids[n_ids].kind = AC_IDENT_PASSPORT;
        ids[n_ids++].value = t->passport;
    }
    if (st->with_ids && t->pnc[0] != '\0') {
        ids[n_ids].kind = AC_IDENT_PNC_ID;
        ids[n_ids++].value = t->pnc;
    }
    p.identifiers = ids;
    p.n_identifiers = n_ids;
    p.source_ref = ac_arena_printf(g->a, "%s-%06u", agencies[ag].ref_prefix, ++g->ref_seq[ag]);
    if (names[0].given == NULL || names[0].family == NULL || addr[0].line == NULL ||
        p.source_ref == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory building the demo");
    }
    if (ac_person_add(g->hub, actor, DEMO_PURPOSE, &p, g->a, &id, err) != AC_OK) {
        return err->code;
    }
    *out_id = ac_arena_strdup(g->ids, id);
    return *out_id != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory building the demo");
}

/* Which agencies record each person: bit (1 << agency). */
struct plan {
    struct truth *people; /* residents first, then people of interest from elsewhere */
    uint8_t *held_by;     /* per person */
    const char **ids;     /* per person and agency: [i * AG_COUNT + ag], or NULL */
    size_t n_people;
    size_t n_residents;
    size_t total_copies;
};

static ac_code
make_plan(struct gen *g, size_t residents, size_t of_interest, struct plan *pl, ac_error *err)
{
    size_t outsiders = of_interest * 3 / 10; /* people of interest living outside the area */

    if (of_interest - outsiders > residents) {
        /* each resident of interest is a different resident: there must be enough */
        return aci_fail(err, AC_EINVAL,
                        "of_interest: %zu people of interest need at least %zu residents",
                        of_interest, of_interest - outsiders);
    }
    pl->n_residents = residents;
    pl->n_people = residents + outsiders;
    pl->people = aci_calloc(pl->n_people, sizeof *pl->people);
    pl->held_by = aci_calloc(pl->n_people, 1);
    pl->ids = aci_calloc(pl->n_people * AG_COUNT, sizeof *pl->ids);
    if (pl->people == NULL || pl->held_by == NULL || pl->ids == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory planning the demo");
    }
    for (size_t i = 0; i < pl->n_people; i++) {
        make_truth(g, &pl->people[i]);
        pl->held_by[i] = i < residents ? 1u << AG_COUNCIL : 0;
    }
    /* people of interest: drawn from everyone, so from the same mix of names */
    for (size_t k = 0, i; k < of_interest; k++) {
        do {
            i = k < of_interest - outsiders ? pick(g, residents) : residents + (k % outsiders);
        } while ((pl->held_by[i] & (1u << AG_CTU | 1u << AG_SS)) && k < of_interest - outsiders);
        pl->held_by[i] |= 1u << AG_CTU;
        if (chance(g, 60)) {
            pl->held_by[i] |= 1u << AG_SS;
        }
        if (chance(g, 15)) {
            pl->held_by[i] |= 1u << AG_PROBATION;
        }
        if (chance(g, 40)) {
            snprintf(pl->people[i].pnc, sizeof pl->people[i].pnc, "%02u/%06u%c",
                     (unsigned)pick(g, 26), (unsigned)pick(g, 1000000),
                     "ABCDEFGHJKLMNPQRTUVWXYZ"[pick(g, 23)]);
        }
    }
    /* offenders under supervision who are not of interest */
    for (size_t k = 0; k < residents / 100; k++) {
        pl->held_by[pick(g, residents)] |= 1u << AG_PROBATION;
    }
    for (size_t i = 0; i < pl->n_people; i++) {
        for (int ag = 0; ag < AG_COUNT; ag++) {
            pl->total_copies += (pl->held_by[i] >> ag) & 1u;
        }
    }
    return AC_OK;
}

static ac_code
write_agency(struct gen *g,
             const struct plan *pl,
             enum demo_agency ag,
             const char *username,
             const ac_demo_options *opt,
             size_t *written,
             ac_error *err)
{
    ac_arena *actor_arena = ac_arena_new(0);
    const ac_actor *actor = NULL;
    ac_code rc;

    if (actor_arena == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = ac_hub_actor(g->hub, username, actor_arena, &actor, err);
    if (rc == AC_OK) {
        rc = ac_hub_batch_begin(g->hub, err);
    }
    if (rc != AC_OK) {
        ac_arena_free(actor_arena);
        return rc;
    }
    for (size_t i = 0; rc == AC_OK && i < pl->n_people; i++) {
        if (!((pl->held_by[i] >> ag) & 1u)) {
            continue;
        }
        ac_arena_reset(g->a);
        rc = write_copy(g, actor, ag, &pl->people[i], &pl->ids[i * AG_COUNT + ag], err);
        if (rc == AC_OK && ++*written % 500 == 0 && opt->on_progress != NULL) {
            opt->on_progress(opt->ctx, *written, pl->total_copies);
        }
    }
    {
        ac_error cerr;
        ac_code crc = ac_hub_batch_commit(g->hub, &cerr);

        if (rc == AC_OK && crc != AC_OK) {
            *err = cerr;
            rc = crc;
        }
    }
    ac_arena_free(actor_arena);
    return rc;
}

/* The administrator who manages DU's account: the hub's for administrators and for its
 * own agency's staff, else the agency's own ("<prefix>.admin"). */
static const char *
manager_of(const ac_demo_user *du)
{
    static const struct {
        const char *agency, *admin;
    } admins[] = { { "Security Service", "ss.admin" },
                   { "Birmingham City Council", "council.admin" },
                   { "Probation Service West Midlands", "probation.admin" },
                   { "Brindley Chemicals Ltd", "retail.admin" } };

    if (strcmp(du->roles, "admin") != 0) {
        for (size_t i = 0; i < ACI_ARRAY_LEN(admins); i++) {
            if (strcmp(du->agency, admins[i].agency) == 0) {
                return admins[i].admin;
            }
        }
    }
    return "admin";
}

/* Every demo user sets PASSWORD with a one-time code their administrator issues, as a
 * real user would: no administrator sets another's password. */
static ac_code
set_passwords(ac_hub *hub, ac_arena *a, const char *password, ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < ACI_ARRAY_LEN(demo_users); i++) {
        const ac_actor *issuer = NULL;
        const char *code = NULL;

        rc = ac_hub_actor(hub, manager_of(&demo_users[i]), a, &issuer, err);
        if (rc == AC_OK) {
            rc = ac_user_enrolment_code(hub, issuer, "demo set-up", demo_users[i].username, a,
                                        &code, err);
        }
        if (rc == AC_OK) {
            rc = ac_user_enrol(hub, demo_users[i].username, code, password, err);
        }
    }
    return rc;
}

/* A grant waiting for USERNAME is approved by the hub's other administrator: admin2 for
 * what admin asked, admin for what the agencies' administrators asked. */
static ac_code
approve(ac_hub *hub, ac_arena *a, const char *username, const char *maker, ac_error *err)
{
    const ac_actor *approver = NULL;
    ac_grant *list = NULL;
    size_t n = 0;
    ac_code rc =
        ac_hub_actor(hub, strcmp(maker, "admin") == 0 ? "admin2" : "admin", a, &approver, err);

    if (rc == AC_OK) {
        rc = ac_grant_list(hub, approver, "demo set-up", a, &list, &n, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        if (strcmp(list[i].username, username) == 0) {
            rc = ac_grant_decide(hub, approver, "demo set-up", list[i].id, 1, err);
        }
    }
    return rc;
}

/* The partnership's agencies and users, made by the administrator that bootstrapping the
 * hub provides (as 'accord init' does), through the same audited calls as any admin's. */
static ac_code
add_partnership(ac_hub *hub, ac_arena *a, size_t *n_users, ac_error *err)
{
    const ac_actor *admin = NULL;
    const char *agency_ids[AG_COUNT] = { NULL };
    const char *id = NULL;
    ac_code rc = ac_hub_bootstrap(hub, agencies[AG_CTU].name, AC_AGENCY_CT_POLICING, "GB", "admin",
                                  "Hub administrator", a, &id, err);

    if (rc == AC_OK) {
        rc = ac_hub_actor(hub, "admin", a, &admin, err);
    }
    for (int ag = 0; rc == AC_OK && ag < AG_COUNT; ag++) {
        ac_agency g = { NULL, agencies[ag].name, agencies[ag].kind, "GB", NULL };

        if (ag == AG_CTU) {
            agency_ids[ag] = admin->agency_id; /* bootstrapped with the administrator */
        } else {
            rc = ac_agency_add(hub, admin, "demo set-up", &g, a, &agency_ids[ag], err);
        }
    }
    *n_users = 1;
    for (size_t i = 1; rc == AC_OK && i < ACI_ARRAY_LEN(demo_users); i++) {
        const ac_demo_user *du = &demo_users[i];
        const ac_actor *maker = NULL;
        ac_user u = { 0 };

        for (int ag = 0; ag < AG_COUNT; ag++) {
            if (strcmp(agencies[ag].name, du->agency) == 0) {
                u.agency_id = agency_ids[ag];
            }
        }
        rc = ac_roles_parse(du->roles, &u.roles, err);
        if (rc == AC_OK) {
            rc = ac_vetting_parse(du->vetting, &u.vetting, err);
        }
        u.username = du->username;
        u.status = AC_USER_ACTIVE;
        if (rc == AC_OK) {
            rc = ac_hub_actor(hub, manager_of(du), a, &maker, err);
        }
        if (rc == AC_OK) {
            rc = ac_user_add(hub, maker, "demo set-up", &u, a, &id, err);
        }
        if (rc == AC_OK) {
            rc = approve(hub, a, du->username, manager_of(du), err);
        }
        *n_users += rc == AC_OK;
    }
    return rc;
}

/* ---- work in flight ------------------------------------------------------------------------
 *
 * What each role finds waiting when it signs in: cases in every state their workflows reach,
 * open and escalated alerts, releases awaiting a second person, link proposals, requests for
 * information each way, answered ones with person disclosures.  All through the hub's calls,
 * as the user whose work it is, with the hub's clock pinned to the moment each step happened
 * relative to the demo's "now", so what is due and what is overdue is the same for a seed. */

#define DAY_MS  (24 * 3600 * 1000LL)
#define HOUR_MS (3600 * 1000LL)
#define MIN_MS  (60 * 1000LL)

struct work {
    struct gen *g;
    const struct plan *pl;
    ac_arena *a;
    int64_t now;
    const char *agency_id[AG_COUNT];
    size_t cursor; /* the next person to consider as a subject */
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
add_cases(struct work *w, ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t c = 0; rc == AC_OK && c < ACI_ARRAY_LEN(demo_cases); c++) {
        const struct demo_case *dc = &demo_cases[c];
        const ac_actor *lead = NULL;
        const char *case_id = NULL, *pid;
        size_t i;

        if (!next_person(w, dc->holder, dc->also_held, &i)) {
            return aci_fail(err, AC_EINVAL, "demo: too few people for the demo's cases");
        }
        pid = w->pl->ids[i * AG_COUNT + dc->holder];
        at(w, dc->day * DAY_MS);
        rc = as(w, dc->lead, &lead, err);
        if (rc == AC_OK) {
            rc = ac_case_add_with_subjects(w->g->hub, lead, DEMO_PURPOSE, dc->type, dc->title, &pid,
                                           1, w->a, &case_id, err);
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

            in.buyer_name = ac_arena_printf(w->a, "%s %s", spelling(w->a, t->given, 0),
                                            spelling(w->a, t->family, 0));
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
        if (!next_person(w, AG_CTU, 0, &i) || !next_person(w, AG_CTU, 0, &j)) {
            return aci_fail(err, AC_EINVAL, "demo: too few people of interest for its links");
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
 * HOLDER's record: its reference in *OUT_REF. */
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
    while (*out_ref == NULL && next_person(w, own, 1u << holder, &i)) {
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
    return *out_ref != NULL ? AC_OK
                            : aci_fail(err, AC_EINVAL, "demo: no shared person to ask about");
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

static ac_code
add_work(struct gen *g, const struct plan *pl, int64_t now, size_t *persons, ac_error *err)
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
        rc = add_cases(&w, err);
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

ac_code
ac_demo_build(ac_hub *hub, const ac_demo_options *opt, ac_demo_result *out, ac_error *err)
{
    static const struct {
        enum demo_agency ag;
        const char *user;
    } writers[] = { { AG_COUNCIL, "council.prevent" },
                    { AG_SS, "ss.analyst" },
                    { AG_CTU, "ctp.analyst" },
                    { AG_PROBATION, "probation.officer" } };
    struct gen g;
    struct plan pl;
    ac_arena *a = NULL;
    size_t written = 0;
    int64_t now;
    ac_code rc;

    memset(out, 0, sizeof *out);
    memset(&pl, 0, sizeof pl);
    memset(&g, 0, sizeof g);
    g.rng = opt->seed;
    g.hub = hub;
    g.a = ac_arena_new(0);
    g.ids = ac_arena_new(0);
    a = ac_arena_new(0);
    now = opt->now_ms != 0 ? opt->now_ms : aci_hub_now_ms(hub);
    /* the partnership and its records are some years old by the demo's now */
    aci_hub_clock_pin(now - PARTNERSHIP_AGE_DAYS * DAY_MS);
    rc = g.a && g.ids && a ? add_partnership(hub, a, &out->users, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");
    if (rc == AC_OK && opt->password != NULL) {
        rc = set_passwords(hub, a, opt->password, err);
    }
    if (rc == AC_OK) {
        rc = make_plan(&g, opt->residents ? opt->residents : DEFAULT_RESIDENTS,
                       opt->of_interest ? opt->of_interest : DEFAULT_OF_INTEREST, &pl, err);
    }
    for (size_t i = 0; rc == AC_OK && i < ACI_ARRAY_LEN(writers); i++) {
        rc = write_agency(&g, &pl, writers[i].ag, writers[i].user, opt, &written, err);
    }
    if (rc == AC_OK) {
        rc = add_work(&g, &pl, now, &written, err);
    }
    aci_hub_clock_unpin();
    if (rc == AC_OK) {
        out->agencies = AG_COUNT;
        out->persons = written;
        for (size_t i = 0; i < pl.n_people; i++) {
            unsigned h = pl.held_by[i];

            out->shared_persons += (h & (h - 1)) != 0; /* more than one bit */
        }
    }
    aci_free(pl.people);
    aci_free(pl.held_by);
    aci_free(pl.ids);
    ac_arena_free(g.ids);
    ac_arena_free(g.a);
    ac_arena_free(a);
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
