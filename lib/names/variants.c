/* SPDX-License-Identifier: Apache-2.0
 *
 * variants.c - the name-variant table: nickname groups (data/names/nicknames.csv,
 * Apache-2.0, carltonnorthern/nicknames: "name1,has_nickname,name2", a group per
 * canonical name) and spelling-variant groups (data/names/spelling_variants.txt: one
 * group per line), both embedded at build time.  Two names are variants when they share
 * a group.
 */
#include "internal.h"

#include "accord/text.h"
#include "names/names.h"

extern const char aci_nicknames_csv[];
extern const char aci_spelling_variants_txt[];

struct entry {
    const char *name;
    uint32_t group;
};

struct builder {
    struct entry *e;
    size_t n, cap;
    ac_arena *a;
};

static ac_code
add(struct builder *b, const char *word, size_t len, uint32_t group, ac_error *err)
{
    char buf[128], *key = NULL;
    size_t klen = 0;

    if (len == 0 || len >= sizeof buf) {
        return AC_OK;
    }
    memcpy(buf, word, len);
    buf[len] = '\0';
    if (ac_text_key(buf, b->a, &key, err) != AC_OK) {
        return AC_OK; /* a word that makes no key is no variant of anything */
    }
    klen = strlen(key);
    if (klen == 0) {
        return AC_OK;
    }
    if (b->n == b->cap &&
        (b->e = aci_arena_grow(b->a, b->e, b->n, &b->cap, sizeof *b->e)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory loading name variants");
    }
    b->e[b->n++] = (struct entry){ key, group };
    return AC_OK;
}

/* Each non-comment line of TEXT is a group of space-separated names. */
static ac_code
load_groups(struct builder *b, const char *text, uint32_t *group, ac_error *err)
{
    ac_code rc = AC_OK;

    for (const char *line = text; rc == AC_OK && *line != '\0';) {
        size_t len = strcspn(line, "\n");

        if (line[0] != '#') {
            for (size_t i = 0; rc == AC_OK && i < len;) {
                size_t w = strcspn(line + i, " \n");

                w = i + w > len ? len - i : w;
                rc = add(b, line + i, w, *group, err);
                i += w + 1;
            }
            ++*group;
        }
        line += len + (line[len] == '\n');
    }
    return rc;
}

/* "name1,has_nickname,name2" rows: name1 and its nicknames form name1's group. */
static ac_code
load_nicknames(struct builder *b, const char *text, uint32_t *group, ac_error *err)
{
    char prev[64] = "";
    ac_code rc = AC_OK;
    bool header = true;

    for (const char *line = text; rc == AC_OK && *line != '\0';) {
        size_t len = strcspn(line, "\n"), n1 = strcspn(line, ",\n");
        const char *rel = line + n1 + 1, *name2 = rel + strcspn(rel, ",\n") + 1;

        if (!header && n1 < len && name2 < line + len) {
            if (n1 >= sizeof prev || strncmp(prev, line, n1) != 0 || prev[n1] != '\0') {
                snprintf(prev, sizeof prev, "%.*s", (int)n1, line);
                ++*group;
                rc = add(b, line, n1, *group, err);
            }
            if (rc == AC_OK) {
                rc = add(b, name2, (size_t)(line + len - name2) - (line[len - 1] == '\r'), *group,
                         err);
            }
        }
        header = false;
        line += len + (line[len] == '\n');
    }
    return rc;
}

static int
cmp_entry(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->name, b->name);

    return c != 0 ? c : (a->group > b->group) - (a->group < b->group);
}

ac_code
aci_variants_load(struct aci_variants *v, ac_arena *a, ac_error *err)
{
    struct builder b = { NULL, 0, 0, a };
    uint32_t group = 0;
    ac_code rc = load_groups(&b, aci_spelling_variants_txt, &group, err);

    if (rc == AC_OK) {
        rc = load_nicknames(&b, aci_nicknames_csv, &group, err);
    }
    memset(v, 0, sizeof *v);
    if (rc != AC_OK) {
        return rc;
    }
    qsort(b.e, b.n, sizeof *b.e, cmp_entry);
    v->names = ac_arena_alloc(a, (b.n + 1) * sizeof *v->names);
    v->groups = ac_arena_alloc(a, (b.n + 1) * sizeof *v->groups);
    if (v->names == NULL || v->groups == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory loading name variants");
    }
    for (size_t i = 0; i < b.n; i++) {
        v->names[i] = b.e[i].name;
        v->groups[i] = b.e[i].group;
    }
    v->n = b.n;
    return AC_OK;
}

void
aci_variants_find(const struct aci_variants *v, const char *key, uint32_t *first, uint32_t *n)
{
    size_t lo = 0, hi = v->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(v->names[mid], key) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    *first = (uint32_t)lo;
    while (lo < v->n && strcmp(v->names[lo], key) == 0) {
        lo++;
    }
    *n = (uint32_t)(lo - *first);
}

bool
aci_variants_share(const struct aci_variants *v, uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
    uint32_t i = a, j = b;

    while (i < a + an && j < b + bn) { /* both ranges are sorted by group */
        if (v->groups[i] == v->groups[j]) {
            return true;
        }
        if (v->groups[i] < v->groups[j]) {
            i++;
        } else {
            j++;
        }
    }
    return false;
}
