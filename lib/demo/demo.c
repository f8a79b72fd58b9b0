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
#include "demo/demo_int.h"
#include "demo/names_int.h"
#include "hub/hub_int.h"

#define DEFAULT_RESIDENTS    10000u
#define DEFAULT_OF_INTEREST  300u
#define REF_YEAR             2026 /* ages are relative to this year, not to today */
#define PARTNERSHIP_AGE_DAYS 1461 /* the partnership and its records began four years ago */

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
    { "admin", "Helen Marchbank", "West Midlands Counter Terrorism Unit", "admin", "bpss" },
    { "admin2", "Gareth Penhaligon", "West Midlands Counter Terrorism Unit", "admin", "bpss" },
    { "ss.admin", "Fiona Drummond", "Security Service", "admin", "bpss" },
    { "council.admin", "Sunita Ravindran", "Birmingham City Council", "admin", "bpss" },
    { "probation.admin", "Martin Okonjo", "Probation Service West Midlands", "admin", "bpss" },
    { "retail.admin", "Claire Whitfield", "Brindley Chemicals Ltd", "admin", "bpss" },
    { "ss.analyst", "Rachel Whitcombe", "Security Service", "analyst", "dv" },
    { "ss.analyst2", "Thomas Ashdown", "Security Service", "analyst",
      "dv" }, /* the second person (two-person rule) */
    { "ctp.analyst", "Imran Fairbairn", "West Midlands Counter Terrorism Unit", "analyst", "sc" },
    { "ctp.caseworker", "Laura Lindqvist", "West Midlands Counter Terrorism Unit", "caseworker",
      "sc" },
    { "ctp.duty", "Daniel Trevelyan", "West Midlands Counter Terrorism Unit", "duty_officer",
      "sc" },
    { "council.prevent", "Aisha Hollingworth", "Birmingham City Council", "caseworker", "ctc" },
    { "council.chair", "Margaret Castellano", "Birmingham City Council", "panel_member", "ctc" },
    { "probation.officer", "Kieran Ellingham", "Probation Service West Midlands", "caseworker",
      "ctc" },
    { "retail.reporter", "Jodie Drummond-Hale", "Brindley Chemicals Ltd", "reporter", "none" },
    { "oversight.auditor", "Peter Hargreaves", "West Midlands Counter Terrorism Unit", "auditor",
      "sc" },
};

const ac_demo_user *
ac_demo_users(size_t *out_n)
{
    *out_n = ACI_ARRAY_LEN(demo_users);
    return demo_users;
}

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
char *
aci_demo_spelling(ac_arena *a, const struct aci_name_group *grp, size_t k)
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
    /* HMRC NIM39110: BG, GB, KN, NK, NT, TN and ZZ are never prefixes; such a pair takes
     * A as its second letter (no further draw, so the rest of the demo is unchanged) */
    if (strstr("BG GB KN NK NT TN ZZ", (char[3]){ t->ni[0], t->ni[1], '\0' }) != NULL) {
        t->ni[1] = 'A';
    }
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
    s = aci_demo_spelling(g->a, grp, k);
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
        names[1].full = ac_arena_printf(
            g->a, "%s %s", aci_demo_spelling(g->a, t->given, pick(g, n_spellings(t->given))),
            aci_demo_spelling(g->a, t->family, n_spellings(t->family) - 1));
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
                                  demo_users[0].display_name, a, &id, err);

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
        u.display_name = du->display_name;
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
    if (rc == AC_OK && !opt->no_work) {
        rc = aci_demo_add_work(&g, &pl, now, &written, err);
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
