/* SPDX-License-Identifier: Apache-2.0
 *
 * link_extend.c - incremental linkage: new records scored against an existing, already
 * clustered population with its saved model (no retraining, no re-scoring of the old
 * pairs).  Each new record joins the cluster of its best match at or above the threshold,
 * or starts a cluster of its own.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct member {
    const char *id;
    unsigned long cluster;
};

static int
cmp_member(const void *x, const void *y)
{
    return strcmp(((const struct member *)x)->id, ((const struct member *)y)->id);
}

/* The clusters file PATH ("id,cluster_id" after a header) into *OUT, sorted by id. */
static int
read_clusters(struct cli *c, const char *path, struct member **out, size_t *n, unsigned long *max)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t cap = 0;
    unsigned long no = 0;

    *out = NULL;
    *n = 0;
    *max = 0;
    if (f == NULL) {
        fprintf(stderr, "accord link: cannot read '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *comma, *end = NULL;
        unsigned long cluster;

        line[strcspn(line, "\r\n")] = '\0';
        if (++no == 1) {
            continue;
        }
        comma = strrchr(line, ',');
        cluster = comma != NULL ? strtoul(comma + 1, &end, 10) : 0;
        if (comma == NULL || end == comma + 1 || *end != '\0') {
            fprintf(stderr, "accord link: %s line %lu: expected id,cluster_id\n", path, no);
            fclose(f);
            return CLI_FAIL;
        }
        *comma = '\0';
        if (*n == cap) {
            struct member *grown =
                ac_arena_alloc(c->arena, (cap = cap ? cap * 2 : 1024) * sizeof *grown);

            if (grown == NULL) {
                fclose(f);
                return CLI_FAIL;
            }
            if (*n > 0) {
                memcpy(grown, *out, *n * sizeof *grown);
            }
            *out = grown;
        }
        (*out)[*n].id = ac_arena_strdup(c->arena, line);
        (*out)[(*n)++].cluster = cluster;
        *max = cluster > *max ? cluster : *max;
    }
    fclose(f);
    qsort(*out, *n, sizeof **out, cmp_member);
    return CLI_OK;
}

int
cli_link_extend(struct cli *c,
                const ac_linkage *lk,
                const ac_linkage_pair *pairs,
                size_t n,
                const char *clusters_in,
                const char *clusters_out)
{
    struct member *old = NULL;
    size_t n_old = 0, n_new = ac_linkage_count(lk, 0), joined = 0;
    unsigned long next, *assigned;
    FILE *f;
    int rc = read_clusters(c, clusters_in, &old, &n_old, &next);

    if (rc != CLI_OK) {
        return rc;
    }
    if ((assigned = ac_arena_zalloc(c->arena, (n_new + 1) * sizeof *assigned)) == NULL) {
        return CLI_FAIL;
    }
    next++;
    /* pairs come best first: a new record's first pair is its best match */
    for (size_t i = 0; i < n; i++) {
        struct member key = { ac_linkage_id(lk, 1, pairs[i].right), 0 };
        struct member *m = bsearch(&key, old, n_old, sizeof *old, cmp_member);

        if (assigned[pairs[i].left] == 0 && m != NULL) {
            assigned[pairs[i].left] = m->cluster + 1; /* +1: 0 means none yet */
            joined++;
        }
    }
    if ((f = fopen(clusters_out, "w")) == NULL) {
        fprintf(stderr, "accord link: cannot write '%s': %s\n", clusters_out, strerror(errno));
        return CLI_FAIL;
    }
    fputs("id,cluster_id\n", f);
    for (size_t i = 0; i < n_old; i++) {
        fprintf(f, "%s,%lu\n", old[i].id, old[i].cluster);
    }
    for (size_t i = 0; i < n_new; i++) {
        fprintf(f, "%s,%lu\n", ac_linkage_id(lk, 0, i),
                assigned[i] != 0 ? assigned[i] - 1 : next++);
    }
    fprintf(stderr, "%zu new %s: %zu joined existing clusters, %zu started new ones\n", n_new,
            cli_plural(n_new, "record", "records"), joined, n_new - joined);
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}
