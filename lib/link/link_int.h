/* SPDX-License-Identifier: Apache-2.0
 *
 * link_int.h - the linkage engine's internals: prepared records, comparisons and their
 * levels, blocking, the model.  Everything here is pure (no I/O): records come in as
 * strings, pairs go out as numbers.
 */
#ifndef ACI_LINK_INT_H
#define ACI_LINK_INT_H

#include "internal.h"

#include "accord/date.h"
#include "accord/linkage.h"
#include "names/names.h"

/* The comparisons, in the order of the model.  Each has ordered levels: 0 is the closest
 * agreement, the last is "different"; ACI_NULL_LEVEL means a value was missing. */
enum aci_cmp {
    ACI_CMP_GIVEN,
    ACI_CMP_FAMILY,
    ACI_CMP_FULL, /* only when names are not split on both sides */
    ACI_CMP_MIDDLE,
    ACI_CMP_DOB,
    ACI_CMP_POSTCODE,
    ACI_CMP_ADDRESS,
    ACI_CMP_TOWN,
    ACI_CMP_IDENT,
    ACI_CMP_EMAIL,
    ACI_CMP_COUNT
};
#define ACI_MAX_LEVELS  6
#define ACI_NULL_LEVEL  15u
#define ACI_LEVEL(g, c) ((unsigned)((g) >> (4 * (c))) & 15u)

struct aci_cmp_info {
    const char *name;
    unsigned n_levels;
    const char *const *level_names;
};
extern const struct aci_cmp_info aci_cmps[ACI_CMP_COUNT];

/* A record as the engine compares it: keys, not display text. */
struct aci_rec {
    const char *id;
    const char *name; /* the name as the file gives it, for people to read (--with-names) */
    const char *given, *middle, *family, *full, *address, *town, *ident; /* keys or NULL */
    uint16_t given_len, family_len, full_len, address_len, town_len, ident_len, email_len;
    const char *email; /* its key ("grace kelly52 jones com"), or NULL */
    ac_date dob;
    char dob_text[9]; /* YYYYMMDD of a full date, for edit distance; "" otherwise */
    char pc[9];       /* compact postcode ("B114AA"), "" when none */
    bool pc_uk;       /* pc parsed as a UK postcode; pc_out is its outward code length */
    uint8_t pc_out;
    uint32_t given_var, given_nvar, family_var, family_nvar; /* variant ranges */
    uint32_t given_count, family_count;      /* how many records share the key (term frequency) */
    float given_log2count, family_log2count; /* log2 of those, for the weight */
    uint16_t *address_grams;                 /* the address's distinct bigrams, sorted */
    uint16_t address_ngrams;
    const char *block_given, *block_family; /* names for blocking (from full when not split) */
};

struct ac_linkage {
    bool dedupe;
    ac_arena *arena; /* the records (ac_linkage_clear resets it) */
    ac_arena *keep;  /* what outlives the records: name variants, mapped headers */
    struct aci_rec *recs[2];
    size_t n[2], cap[2];
    bool has[2][AC_FIELD_COUNT]; /* some record of the side has the field */
    bool active[ACI_CMP_COUNT];  /* the comparisons this run uses */
    struct aci_variants variants;
    bool prepared; /* term frequencies and active comparisons computed */
    uint64_t max_pairs;
    size_t block_max, block_window; /* a fixed block bound (0: chosen per run, block.c) */
    unsigned rules_off;             /* bit r: blocking rule r not used */
    unsigned comparisons_off;       /* bit c: comparison c not used */
    struct {
        const char *header;
        ac_field field;
    } mapped[AC_FIELD_COUNT * 2]; /* headers the settings map to fields */
    size_t n_mapped;
    ac_linkage_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    const char *stage; /* what the pairs being made are for */
    /* the model */
    bool trained;
    double lambda; /* prior: the probability that two random records match */
    double m[ACI_CMP_COUNT][ACI_MAX_LEVELS];       /* P(level | match) */
    double u[ACI_CMP_COUNT][ACI_MAX_LEVELS];       /* P(level | non-match) */
    double bf_log2[ACI_CMP_COUNT][ACI_MAX_LEVELS]; /* log2(m / u) */
    double u_exact_name[2];                        /* u of the exact level: given, family */
    double tf_base[2]; /* log2(u_exact * records): the tf adjustment less log2(count) */
    size_t total_records;
    bool pairwise; /* a pair's score depends on the pair and the model only (pairwise.c) */
};

/* Finish the records: term frequencies, variant ranges, active comparisons. */
ac_code aci_lk_prepare(ac_linkage *lk, ac_error *err);

/* Comparison of two records: the levels packed 4 bits per comparison. */
struct aci_cmp_state {
    struct aci_jw_pattern given, family, full, town; /* the probe's, prepared once per probe */
    const struct aci_rec *probe;
};
uint64_t aci_lk_gamma(const ac_linkage *lk,
                      struct aci_cmp_state *cs,
                      const struct aci_rec *a,
                      const struct aci_rec *b);

/* Weight of a pair with levels G: prior, bayes factors and term-frequency adjustments. */
double
aci_lk_weight(const ac_linkage *lk, uint64_t g, const struct aci_rec *a, const struct aci_rec *b);

/* Bayes factors from m and u (after training or loading). */
void aci_lk_finish_model(ac_linkage *lk);
/* The term-frequency base, once there are both a model and prepared records. */
void aci_lk_tf_base(ac_linkage *lk);

/* Blocking: call FN for every candidate pair, streaming, with the rule that made it.
 * With EACH_RULE_WHOLE every rule gives all its pairs (for training, one EM per rule);
 * otherwise each pair comes once, from the first rule that covers it (the union, for
 * scoring).  COUNTS[r] receives the pairs rule r gave, SPLITS[r] (may be NULL) the blocks
 * of rule r compared by sorted neighbourhood.  AC_ENOMEM with advice over the bound; FN
 * returns non-zero to stop. */
#define ACI_BLOCK_RULES 13
/* The window of sorted neighbourhood when a block bound is set without one (block.c
 * chooses both otherwise). */
#define ACI_BLOCK_WINDOW 50
typedef int (*aci_pair_fn)(void *ctx, int rule, uint32_t left, uint32_t right);
extern const char *const aci_block_rule_names[ACI_BLOCK_RULES];
/* The comparisons a rule's key already agrees on (bit c for comparison c): training on
 * that rule's pairs does not estimate their m. */
extern const unsigned aci_block_rule_uses[ACI_BLOCK_RULES];
/* Rule R's key (a hash) for record X, 0 when X lacks a field the rule needs. */
uint64_t aci_lk_block_key(const ac_linkage *lk, int r, const struct aci_rec *x);
ac_code aci_lk_block(const ac_linkage *lk,
                     bool each_rule_whole,
                     aci_pair_fn fn,
                     void *ctx,
                     uint64_t counts[ACI_BLOCK_RULES],
                     uint64_t splits[ACI_BLOCK_RULES],
                     ac_error *err);

/* Recall of the blocking rules estimated on the data (capture-recapture): of N scored
 * matches, how many agree on each rule's key, on exactly one key, on exactly two, and
 * the matches estimated found of all (Chao's estimate of those no key reaches). */
struct aci_recall {
    size_t pairs;
    uint64_t agree[ACI_BLOCK_RULES];
    uint64_t once, twice;
    double recall;
};
void aci_lk_estimate_recall(const ac_linkage *lk,
                            const ac_linkage_pair *pairs,
                            size_t n,
                            struct aci_recall *out);

/* The other side of pair member RIGHT (dedupe: side 0). */
#define ACI_RIGHT_SIDE(lk) ((lk)->dedupe ? 0 : 1)

#endif /* ACI_LINK_INT_H */
