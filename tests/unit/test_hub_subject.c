/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_subject.c - the subject index (issue 15, point 1) through the hub's internal
 * API (hub_subject.h): records of one person held by different agencies are one
 * subject; a late record that bridges two subjects merges them; pairs below the
 * automatic join become proposals and stay apart; the same records give the same
 * subjects whatever order they arrive in.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h> /* qsort, bsearch */
#include <string.h>

#include "accord/person_edit.h"
#include "accord/pole.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "hub/hub_subject.h"
#include "store/store.h"
#include "store/store_pole.h"

/* A person of ACTOR's agency with the fields the tests vary (NULL: absent). */
static const char *
add(struct test_hub *t,
    const ac_actor *actor,
    const char *ref,
    const char *given,
    const char *family,
    const char *dob,
    const char *line,
    const char *town,
    const char *postcode)
{
    ac_person_name name = { AC_NAME_PRIMARY, given, NULL, family, NULL, NULL };
    ac_address addr = { 0 };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    p.source_ref = ref;
    if (dob != NULL) {
        assert_int_equal(ac_date_parse(dob, &p.dob, &err), AC_OK);
    }
    if (line != NULL || town != NULL || postcode != NULL) {
        addr.line = line;
        addr.town = town;
        addr.postcode = postcode;
        p.addresses = &addr;
        p.n_addresses = 1;
    }
    if (ac_person_add(t->hub, actor, "test", &p, t->a, &id, &err) != AC_OK) {
        fail_msg("adding %s: %s", ref, err.msg);
    }
    return id;
}

static const char *
subject_of(struct test_hub *t, const char *person_id)
{
    const char *sid = NULL;
    ac_error err = { 0 };

    assert_int_equal(aci_subject_of(t->hub->store, person_id, t->a, &sid, &err), AC_OK);
    return sid;
}

static size_t
n_members(struct test_hub *t, const char *subject_id)
{
    struct aci_subject_member *m = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(aci_subject_members(t->hub->store, subject_id, t->a, &m, &n, &err), AC_OK);
    return n;
}

/* A person held by probation and by the council is one subject, across agencies, with
 * the evidence of the join; the subject is named by its smallest member id. */
static void
subject_probation_and_council_hold_one_person(void **state)
{
    struct test_hub *t = test_hub_new(1);
    ac_agency g = { NULL, "Probation Service", AC_AGENCY_PROBATION, "GB", NULL };
    const char *prob_id = NULL, *c, *p, *sid, *other;
    const ac_actor *officer;
    struct aci_subject_member *m = NULL;
    struct aci_subject_join *j = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &prob_id, &err), AC_OK);
    officer = test_add_user(t, "officer", prob_id, AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    c = add(t, t->council, "C-1", "Mohammed", "Khan", "1990-04-12", "12 Alum Rock Road",
            "Birmingham", "B8 1AA");
    other = add(t, t->council, "C-2", "Grace", "Okafor", "1985-11-02", "3 Hob Moor Road",
                "Birmingham", "B10 9AA");
    /* probation spells the given name otherwise and knows an older address */
    p = add(t, officer, "P-1", "Muhammad", "Khan", "1990-04-12", "40 Coventry Road", "Birmingham",
            "B10 0RX");
    sid = subject_of(t, p);
    assert_string_equal(sid, subject_of(t, c));
    assert_string_equal(sid, strcmp(c, p) < 0 ? c : p);
    assert_string_not_equal(subject_of(t, other), sid);
    assert_string_equal(subject_of(t, other), other); /* a subject of one */
    assert_int_equal(aci_subject_members(t->hub->store, sid, t->a, &m, &n, &err), AC_OK);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(m[i].agency_id,
                            strcmp(m[i].person_id, c) == 0 ? t->council_id : prob_id);
    }
    assert_int_equal(aci_subject_joins(t->hub->store, sid, t->a, &j, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_true(j[0].probability >= ACI_SUBJECT_JOIN_PROBABILITY);
    assert_non_null(strstr(j[0].explanation, "\"given_name\""));
    assert_non_null(strstr(j[0].explanation, "variant"));
    assert_null(strstr(j[0].explanation, "term_frequency")); /* pairwise: the pair alone */
    assert_int_equal(aci_subject_of(t->hub->store, "no-such-person", t->a, &sid, &err),
                     AC_ENOTFOUND);
    /* only the smallest member's id names the subject */
    assert_int_equal(
        aci_subject_members(t->hub->store, strcmp(c, p) < 0 ? p : c, t->a, &m, &n, &err),
        AC_ENOTFOUND);
    test_hub_free(t);
}

/* A and B have too little in common to join; C, written last, joins each: one subject. */
static void
subject_bridging_record_merges_two_subjects(void **state)
{
    struct test_hub *t = test_hub_new(1);
    const char *a, *b, *c, *sid;

    (void)state;
    a = add(t, t->council, "C-1", "Jonathan", "Whitcombe", "1979-06-30", NULL, NULL, NULL);
    b = add(t, t->analyst, "T-1", "Jonathan", "Whitcombe", NULL, "7 Ladypool Road", "Birmingham",
            "B12 8JS");
    assert_string_not_equal(subject_of(t, a), subject_of(t, b));
    assert_int_equal(n_members(t, subject_of(t, a)), 1);
    c = add(t, t->analyst, "T-2", "Jonathan", "Whitcombe", "1979-06-30", "7 Ladypool Road",
            "Birmingham", "B12 8JS");
    sid = subject_of(t, c);
    assert_string_equal(subject_of(t, a), sid);
    assert_string_equal(subject_of(t, b), sid);
    assert_int_equal(n_members(t, sid), 3);
    test_hub_free(t);
}

/* Same names and town, nothing else: likely, not certain.  Within one agency the pair is
 * a proposed link for a person to decide, and the two stay separate subjects. */
static void
subject_below_threshold_is_proposed_not_joined(void **state)
{
    struct test_hub *t = test_hub_new(1);
    const char *a, *b, *x, *y;

    (void)state;
    a = add(t, t->council, "C-1", "Bartholomew", "Ashdown", NULL, NULL, "Walsall", NULL);
    b = add(t, t->council, "C-2", "Bartholomew", "Ashdown", NULL, NULL, "Walsall", NULL);
    assert_string_not_equal(subject_of(t, a), subject_of(t, b));
    assert_true(aci_store_link_exists(t->hub->store, t->council_id, a, b));
    /* across agencies the same pair is neither joined nor proposed (a link's ends must
     * both be visible to the agency that holds it) */
    x = add(t, t->analyst, "T-1", "Bartholomew", "Ashdown", NULL, NULL, "Walsall", NULL);
    assert_string_not_equal(subject_of(t, x), subject_of(t, a));
    assert_false(aci_store_link_exists(t->hub->store, t->ctu_id, x, a));
    assert_false(aci_store_link_exists(t->hub->store, t->council_id, x, a));
    /* and a pair that is certain is joined, not proposed */
    y = add(t, t->council, "C-3", "Bartholomew", "Ashdown", "1961-02-14", "2 Bridge Street",
            "Walsall", "WS1 1AA");
    b = add(t, t->council, "C-4", "Bartholomew", "Ashdown", "1961-02-14", "2 Bridge Street",
            "Walsall", "WS1 1AA");
    assert_string_equal(subject_of(t, y), subject_of(t, b));
    assert_false(aci_store_link_exists(t->hub->store, t->council_id, y, b));
    test_hub_free(t);
}

/* Adding a person the agency already holds (issue 15, point 8): the record is added, and
 * the agency's own look-alikes at or above the proposal threshold are named with score
 * and explanation, best first; another agency's record is never named. */
static const char *
add_warned(struct test_hub *t,
           const ac_actor *actor,
           const char *ref,
           const char *dob,
           const char *line,
           const char *postcode,
           ac_person_duplicate **dups,
           size_t *n)
{
    ac_person_name name = { AC_NAME_PRIMARY, "Bartholomew", NULL, "Ashdown", NULL, NULL };
    ac_address addr = { line, "Walsall", postcode, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    p.source_ref = ref;
    p.addresses = &addr;
    p.n_addresses = 1;
    if (dob != NULL) {
        assert_int_equal(ac_date_parse(dob, &p.dob, &err), AC_OK);
    }
    assert_int_equal(
        ac_person_add_with_duplicates(t->hub, actor, "test", &p, t->a, &id, dups, n, &err), AC_OK);
    assert_non_null(id);
    return id;
}

static void
subject_add_names_the_agencys_own_lookalikes(void **state)
{
    struct test_hub *t = test_hub_new(1);
    ac_person_duplicate *d = NULL;
    const char *a, *b, *x, *y, *z;
    size_t n = 0;

    (void)state;
    a = add_warned(t, t->council, "C-1", NULL, NULL, NULL, &d, &n);
    assert_int_equal(n, 0); /* the first record looks like nothing */
    /* the CTU holds the same-looking record: the council's is not named to it */
    x = add_warned(t, t->analyst, "T-1", NULL, NULL, NULL, &d, &n);
    assert_int_equal(n, 0);
    /* a second council record in the proposal band names the first */
    b = add_warned(t, t->council, "C-2", NULL, NULL, NULL, &d, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].id, a);
    assert_string_equal(d[0].name, "Bartholomew Ashdown");
    assert_true(d[0].score >= ACI_SUBJECT_PROPOSE_PROBABILITY);
    assert_true(d[0].score < ACI_SUBJECT_JOIN_PROBABILITY);
    assert_non_null(strstr(d[0].explanation, "\"given_name\""));
    assert_true(test_count_persons(t) == 3); /* added all the same */
    /* a certain pair comes first, then the weaker look-alikes; never the CTU's record */
    y = add_warned(t, t->council, "C-3", "1961-02-14", "2 Bridge Street", "WS1 1AA", &d, &n);
    z = add_warned(t, t->council, "C-4", "1961-02-14", "2 Bridge Street", "WS1 1AA", &d, &n);
    assert_true(n >= 1);
    assert_string_equal(d[0].id, y);
    assert_true(d[0].score >= ACI_SUBJECT_JOIN_PROBABILITY);
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(d[i].id, x);
        assert_string_not_equal(d[i].id, z);
        assert_true(i == 0 || d[i - 1].score >= d[i].score);
    }
    (void)b;
    test_hub_free(t);
}

/* ---- the shuffle test ---- */

#define SHUFFLE_PERSONS 5000
#define SHUFFLE_ORDERS  20

static uint64_t
next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

struct rec {
    char ref[16], given[24], family[24], dob[16], line[48], postcode[12];
    int ctu; /* held by CTU (else the council) */
};

/* SHUFFLE_PERSONS records of fewer people: copies that differ as agencies' records do
 * (another spelling, a typing error, a date known to the year, another address), and
 * different people who share names, dates and streets. */
static struct rec *
make_records(void)
{
    static const char *const given[] = { "Mohammed", "Muhammad", "John",   "Jon",   "Aisha",
                                         "Ayesha",   "Olena",    "Olga",   "Grace", "Tomasz",
                                         "Tomas",    "Fatima",   "Samuel", "Sam",   "Priya",
                                         "Daniel",   "Yusuf",    "Joseph", "Amara", "Chloe" };
    static const char *const family[] = { "Khan",   "Smith",    "Petrenko",   "Okafor",
                                          "Nowak",  "Patel",    "Hussain",    "Jones",
                                          "Ahmed",  "Kowalski", "Begum",      "Williams",
                                          "Ali",    "Brown",    "Singh",      "Taylor",
                                          "Rahman", "Evans",    "Shevchenko", "Wright" };
    static const char *const street[] = { "Alum Rock Road", "Coventry Road",  "Ladypool Road",
                                          "Soho Road",      "Stratford Road", "Hob Moor Road" };
    struct rec *r = test_calloc(SHUFFLE_PERSONS, sizeof *r);
    uint64_t s = 0x5eed5eedull;
    size_t n = 0;

    assert_non_null(r);
    for (unsigned person = 0; n < SHUFFLE_PERSONS; person++) {
        unsigned g = (unsigned)(next(&s) % 20), f = (unsigned)(next(&s) % 20);
        unsigned y = 1950 + (unsigned)(next(&s) % 55), mo = 1 + (unsigned)(next(&s) % 12);
        unsigned d = 1 + (unsigned)(next(&s) % 28), st = (unsigned)(next(&s) % 6);
        unsigned house = 1 + (unsigned)(next(&s) % 200), copies = 1 + (unsigned)(next(&s) % 4);

        for (unsigned k = 0; k < copies && n < SHUFFLE_PERSONS; k++, n++) {
            struct rec *x = &r[n];
            unsigned roll = (unsigned)(next(&s) % 100);

            snprintf(x->ref, sizeof x->ref, "R-%05zu", n);
            snprintf(x->given, sizeof x->given, "%s", given[g]);
            snprintf(x->family, sizeof x->family, "%s", family[f]);
            snprintf(x->dob, sizeof x->dob, "%u-%02u-%02u", y, mo, d);
            snprintf(x->line, sizeof x->line, "%u %s", house, street[st]);
            snprintf(x->postcode, sizeof x->postcode, "B%u %u%c%c", 1 + st, house % 10,
                     'A' + (char)(house % 26), 'B' + (char)(st % 20));
            x->ctu = (int)(next(&s) % 2);
            if (k > 0 && roll < 15) { /* another spelling: the next name in the table */
                snprintf(x->given, sizeof x->given, "%s", given[g ^ 1]);
            } else if (k > 0 && roll < 25) { /* a typing error: a letter doubled */
                size_t len = strlen(x->family);

                x->family[len] = x->family[len - 1];
                x->family[len + 1] = '\0';
            } else if (k > 0 && roll < 35) { /* known only to the year */
                snprintf(x->dob, sizeof x->dob, "%u", y);
            } else if (k > 0 && roll < 45) { /* another address */
                snprintf(x->line, sizeof x->line, "%u %s", house + 1, street[(st + 1) % 6]);
                x->postcode[0] = '\0';
            }
        }
    }
    return r;
}

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* A person id and its record's reference, sorted by id. */
struct id_ref {
    const char *id, *ref;
};

static int
cmp_id_ref(const void *x, const void *y)
{
    return strcmp(((const struct id_ref *)x)->id, ((const struct id_ref *)y)->id);
}

/* Load R in the order ORDER (as an import does) and describe the subjects by the records'
 * references: one line per subject, its references sorted, the lines sorted.  Ids play no part. */
static char *
partition_after(const struct rec *r, const size_t *order)
{
    struct test_hub *t = test_hub_new(0);
    const char **ids = test_calloc(SHUFFLE_PERSONS, sizeof *ids);
    char **lines = test_calloc(SHUFFLE_PERSONS, sizeof *lines);
    struct id_ref *by_id = test_calloc(SHUFFLE_PERSONS, sizeof *by_id);
    size_t n_lines = 0, len = 0;
    char *out;
    ac_arena *row = ac_arena_new(0);
    ac_date today = aci_hub_today(t->hub);
    ac_error err = { 0 };

    assert_non_null(ids);
    assert_non_null(lines);
    assert_non_null(row);
    /* through the importer's row path (aci_hub_person_write: the person's rows, its search
     * keys, its subject), in one transaction, the two agencies' records interleaved in
     * ORDER; without the operation frame (a policy decision and an audit entry) of each
     * ac_person_add, which the import pays once per file and which plays no part here */
    assert_int_equal(ac_hub_batch_begin(t->hub, &err), AC_OK);
    for (size_t i = 0; i < SHUFFLE_PERSONS; i++) {
        const struct rec *x = &r[order[i]];
        ac_person_name name = { AC_NAME_PRIMARY, x->given, NULL, x->family, NULL, NULL };
        ac_address addr = { 0 };
        ac_person p;
        const char *id = NULL;

        memset(&p, 0, sizeof p);
        p.names = &name;
        p.n_names = 1;
        p.source_ref = x->ref;
        assert_int_equal(ac_date_parse(x->dob, &p.dob, &err), AC_OK);
        addr.line = x->line;
        addr.town = "Birmingham";
        addr.postcode = x->postcode[0] ? x->postcode : NULL;
        p.addresses = &addr;
        p.n_addresses = 1;
        if (aci_hub_person_write(t->hub, x->ctu ? t->analyst : t->council, &p, &today, row, &id,
                                 &err) != AC_OK) {
            fail_msg("writing %s: %s", x->ref, err.msg);
        }
        ids[order[i]] = ac_arena_strdup(t->a, id);
        ac_arena_reset(row);
    }
    assert_int_equal(ac_hub_batch_commit(t->hub, &err), AC_OK);
    ac_arena_free(row);
    for (size_t i = 0; i < SHUFFLE_PERSONS; i++) {
        by_id[i] = (struct id_ref){ ids[i], r[i].ref };
    }
    qsort(by_id, SHUFFLE_PERSONS, sizeof *by_id, cmp_id_ref);
    for (size_t i = 0; i < SHUFFLE_PERSONS; i++) {
        const char *sid = subject_of(t, ids[i]);
        struct aci_subject_member *m = NULL;
        size_t n = 0, used = 0;
        char *line;

        if (strcmp(sid, ids[i]) != 0) {
            continue; /* each subject once: from the member that names it */
        }
        assert_int_equal(aci_subject_members(t->hub->store, sid, t->a, &m, &n, &err), AC_OK);
        line = test_calloc(n, 8);
        assert_non_null(line);
        {
            const char **refs = test_calloc(n, sizeof *refs);

            for (size_t k = 0; k < n; k++) {
                const struct id_ref key = { m[k].person_id, NULL };
                const struct id_ref *hit =
                    bsearch(&key, by_id, SHUFFLE_PERSONS, sizeof *by_id, cmp_id_ref);

                assert_non_null(hit);
                refs[k] = hit->ref;
            }
            qsort(refs, n, sizeof *refs, cmp_str);
            for (size_t k = 0; k < n; k++) {
                used +=
                    (size_t)snprintf(line + used, n * 8 - used, "%s%s", k ? " " : "", refs[k] + 2);
            }
            test_free(refs);
        }
        lines[n_lines++] = line;
    }
    qsort(lines, n_lines, sizeof *lines, cmp_str);
    for (size_t i = 0; i < n_lines; i++) {
        len += strlen(lines[i]) + 1;
    }
    out = test_calloc(len + 1, 1);
    assert_non_null(out);
    for (size_t i = 0, used = 0; i < n_lines; i++) {
        used += (size_t)snprintf(out + used, len + 1 - used, "%s\n", lines[i]);
        test_free(lines[i]);
    }
    test_free(lines);
    test_free(ids);
    test_free(by_id);
    test_hub_free(t);
    return out;
}

static void
subject_same_subjects_in_any_load_order(void **state)
{
    struct rec *r = make_records();
    size_t *order = test_calloc(SHUFFLE_PERSONS, sizeof *order);
    char *first;
    size_t joined = 0;

    (void)state;
    assert_non_null(order);
    for (size_t i = 0; i < SHUFFLE_PERSONS; i++) {
        order[i] = i;
    }
    first = partition_after(r, order);
    for (const char *p = first; *p != '\0'; p++) {
        joined += *p == ' '; /* a space: one more member in a subject */
    }
    assert_true(joined > SHUFFLE_PERSONS / 4); /* the copies did join: the test can fail */
    for (uint64_t seed = 1; seed <= SHUFFLE_ORDERS; seed++) {
        uint64_t s = seed * 0x9e3779b97f4a7c15ull;
        char *again;

        for (size_t i = SHUFFLE_PERSONS - 1; i > 0; i--) { /* Fisher-Yates */
            size_t k = (size_t)(next(&s) % (i + 1)), tmp = order[i];

            order[i] = order[k];
            order[k] = tmp;
        }
        again = partition_after(r, order);
        if (strcmp(first, again) != 0) {
            fail_msg("load order %llu gave other subjects", (unsigned long long)seed);
        }
        test_free(again);
    }
    test_free(first);
    test_free(order);
    test_free(r);
}

/* Issue 15, done-when: a person held by probation and the council is one subject, and the
 * CT analyst who holds the same person sees both holdings as pointers - through the
 * subject index alone, with no link made by hand - and nothing of a person it does not
 * hold. */
static void
subject_pointers_reach_the_ct_analyst(void **state)
{
    struct test_hub *t = test_hub_new(1);
    ac_agency g = { NULL, "Probation Service", AC_AGENCY_PROBATION, "GB", NULL };
    const char *prob_id = NULL, *ct, *other;
    const ac_actor *officer;
    ac_pointer *ptr = NULL;
    size_t n = 0;
    bool council = false, probation = false;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &prob_id, &err), AC_OK);
    officer = test_add_user(t, "officer", prob_id, AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    (void)add(t, t->council, "C-1", "Mohammed", "Khan", "1990-04-12", "12 Alum Rock Road",
              "Birmingham", "B8 1AA");
    (void)add(t, officer, "P-1", "Muhammad", "Khan", "1990-04-12", "40 Coventry Road", "Birmingham",
              "B10 0RX");
    ct = add(t, t->analyst, "W-1", "Mohammed", "Khan", "1990-04-12", "12 Alum Rock Road",
             "Birmingham", "B8 1AA");
    other = add(t, t->analyst, "W-2", "Grace", "Okafor", "1985-11-02", "3 Hob Moor Road",
                "Birmingham", "B10 9AA");
    assert_int_equal(ac_person_pointers(t->hub, t->analyst, "test", ct, t->a, &ptr, &n, &err),
                     AC_OK);
    for (size_t i = 0; i < n; i++) {
        council = council || strcmp(ptr[i].agency_id, t->council_id) == 0;
        probation = probation || strcmp(ptr[i].agency_id, prob_id) == 0;
        assert_non_null(ptr[i].ref);
        assert_int_equal(strncmp(ptr[i].ref, "R-", 2), 0);
    }
    assert_true(council && probation);
    assert_int_equal(n, 2);
    assert_int_equal(ac_person_pointers(t->hub, t->analyst, "test", other, t->a, &ptr, &n, &err),
                     AC_OK);
    assert_int_equal(n, 0); /* a subject of one: no pointer */
    test_hub_free(t);
}

/* A merge is a person's decision that two records are one person: the subject index
 * follows it at once (one subject, the join's evidence naming the merge), and an unmerge
 * takes the two apart again, each resolved afresh (issue 15 points 1 and 8). */
static void
subject_follows_merge_and_unmerge(void **state)
{
    struct test_hub *t = test_hub_new(1);
    const char *a, *b, *keep, *gone, *sid;
    struct aci_subject_join *j = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    /* too little in common for the engine to join: two subjects */
    a = add(t, t->council, "C-1", "Jonathan", "Whitcombe", "1979-06-30", NULL, NULL, NULL);
    b = add(t, t->council, "C-2", "Jonathan", "Whitcombe", NULL, "7 Ladypool Road", "Birmingham",
            "B12 8JS");
    assert_string_not_equal(subject_of(t, a), subject_of(t, b));
    keep = strcmp(a, b) < 0 ? b : a; /* the survivor is the larger id: the subject is not */
    gone = strcmp(a, b) < 0 ? a : b; /* named by the survivor alone */
    if (ac_person_merge(t->hub, t->council, "test", keep, gone, "same person: passport seen",
                        &err) != AC_OK) {
        fail_msg("merge: %s", err.msg);
    }
    sid = subject_of(t, keep);
    assert_string_equal(subject_of(t, gone), sid);
    assert_string_equal(sid, gone); /* the smallest member's id, as always */
    assert_int_equal(n_members(t, sid), 2);
    assert_int_equal(aci_subject_joins(t->hub->store, sid, t->a, &j, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_true(j[0].probability == 1.0);
    assert_non_null(strstr(j[0].explanation, "\"merged\""));
    assert_null(strstr(j[0].explanation, "passport")); /* the reason is not evidence */

    /* an edit of the survivor resolves it again: the merge still holds */
    {
        ac_person *p = NULL;
        int64_t v = 0;

        assert_int_equal(ac_person_get(t->hub, t->council, "test", keep, t->a, &p, &err), AC_OK);
        p->source_ref = "C-2a";
        if (ac_person_edit(t->hub, t->council, "test", keep, p->version, p, "reference corrected",
                           &v, &err) != AC_OK) {
            fail_msg("edit: %s", err.msg);
        }
        assert_string_equal(subject_of(t, keep), sid);
        assert_string_equal(subject_of(t, gone), sid);
    }

    if (ac_person_unmerge(t->hub, t->council, "test", gone, "not the same person after all",
                          &err) != AC_OK) {
        fail_msg("unmerge: %s", err.msg);
    }
    assert_string_not_equal(subject_of(t, a), subject_of(t, b));
    assert_int_equal(n_members(t, subject_of(t, a)), 1);
    assert_int_equal(n_members(t, subject_of(t, b)), 1);
    test_hub_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subject_probation_and_council_hold_one_person),
        cmocka_unit_test(subject_pointers_reach_the_ct_analyst),
        cmocka_unit_test(subject_bridging_record_merges_two_subjects),
        cmocka_unit_test(subject_below_threshold_is_proposed_not_joined),
        cmocka_unit_test(subject_add_names_the_agencys_own_lookalikes),
        cmocka_unit_test(subject_same_subjects_in_any_load_order),
        cmocka_unit_test(subject_follows_merge_and_unmerge),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
