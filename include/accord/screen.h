/* SPDX-License-Identifier: Apache-2.0
 *
 * screen.h - name screening: how closely a name (a buyer's, a suspect's) matches a name on
 * a watchlist, as a score from 0 to 1 with an explanation of which words met which and
 * why.  Names are compared word by word, in any order, after normalisation (Unicode
 * NFKC, case and accents folded, punctuation dropped, "SURNAME, Given" turned round);
 * words meet exactly, as known variants (the name-variant table the linkage engine
 * uses), as initials, joined or split ("abdul rahman" / "abdulrahman"), or by
 * Jaro-Winkler (less for each edit beyond two); particles (al-, bin, abu, ...) and legal
 * forms (ltd, llc, ...) count for less; each full word one name lacks costs 15%, unless
 * the shorter name lies wholly within the longer.  People decide: a score is a reason to
 * look, not a finding.
 *
 * Score bands: >= 0.90 strong, >= 0.70 possible (the default alert threshold), below
 * that weak.
 */
#ifndef ACCORD_SCREEN_H
#define ACCORD_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_screener ac_screener;

#define AC_SCREEN_STRONG   0.90
#define AC_SCREEN_POSSIBLE 0.70
/* The alert threshold on a hit's match probability (ac_screen_hit.probability), the same
 * for every name. */
#define AC_SCREEN_ALERT 0.70

AC_API AC_NODISCARD AC_NONNULL(1) ac_code ac_screener_new(ac_screener **out, ac_error *err);
AC_API void ac_screener_free(ac_screener *s);

/* The score of NAME against LISTED (0..1) and, when EXPLANATION is not NULL, one line
 * saying how each word was matched, in A.  AC_EINVAL when a name is not valid UTF-8 or
 * has no letters. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5) ac_code ac_screen_names(const ac_screener *s,
                                                                      const char *name,
                                                                      const char *listed,
                                                                      ac_arena *a,
                                                                      double *score,
                                                                      const char **explanation,
                                                                      ac_error *err);

/* A watchlist: names (an id repeated for its aliases) with optional dates of birth,
 * indexed by word, word sound and word prefix so that a query never scans the list. */
typedef struct ac_watchlist ac_watchlist;

typedef struct ac_screen_hit {
    const char *list_id;     /* the listed entry */
    const char *listed_name; /* its name or alias that scored best */
    double score;            /* resemblance 0..1, with the date-of-birth qualifier applied */
    const char *explanation; /* which words met and how; each field's contribution */
    /* The weight of evidence (Fellegi-Sunter): the probability that the person screened
     * is the listed one, from how common the name is in the reference population (see
     * ac_watchlist_add_reference) and whether the dates of birth agree. */
    double probability;
    double shared_by; /* people in the reference population expected to share the name */
    bool alert;       /* probability >= AC_SCREEN_ALERT; false: a possible match of low priority */
} ac_screen_hit;

/* An empty list that screens with S (which must outlive it). */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_watchlist_new(const ac_screener *s, ac_watchlist **out, ac_error *err);
AC_API void ac_watchlist_free(ac_watchlist *w);
/* Add one name of entry ID (DOB: a possibly partial date, or NULL).  AC_EINVAL names the
 * field.  The index is rebuilt on the next screen. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code ac_watchlist_add(ac_watchlist *w,
                                                                 const char *id,
                                                                 const char *name,
                                                                 const char *dob,
                                                                 ac_error *err);
/* Read a CSV list with the header id,name,dob (dob may be empty; an id repeated is an
 * alias).  AC_EINVAL names the file, line and reason. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_watchlist_read_csv(ac_watchlist *w, const char *path, ac_error *err);
/* Read OFAC's legacy SDN.CSV and, unless ALT_PATH is NULL, ALT.CSV (aliases). */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code ac_watchlist_read_ofac(ac_watchlist *w,
                                                                    const char *sdn_path,
                                                                    const char *alt_path,
                                                                    ac_error *err);
/* Read the UN Security Council consolidated list (XML): individuals and entities with
 * their aliases, names in the original script and first date of birth. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_watchlist_read_un(ac_watchlist *w, const char *path, ac_error *err);
/* Count COUNT people named NAME in the reference population the list's evidence is
 * weighed against, without listing them: an aggregate frequency table (data/names) or
 * the partnership's persons.  Every listed entry is counted too, once per id.  AC_EINVAL
 * names the field. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_watchlist_add_reference(ac_watchlist *w, const char *name, uint32_t count, ac_error *err);
AC_API size_t ac_watchlist_count(const ac_watchlist *w); /* names, aliases included */
/* Name I of the list (0 <= I < count): its entry's id, the name as given and the date of
 * birth as text ("" when none), in A. */
AC_API AC_NONNULL(1, 3, 4, 5, 6) void ac_watchlist_name(const ac_watchlist *w,
                                                        size_t i,
                                                        ac_arena *a,
                                                        const char **id,
                                                        const char **name,
                                                        const char **dob);

/* Screen NAME (DOB may be NULL): the entries scoring at least THRESHOLD, best first, one
 * per entry (its best-scoring name), in A.  Term frequency: a listed name whose every
 * word is common in the list loses up to 5% (x0.95 when its rarest word is in every
 * name): a common name alone scores below a rare one, yet finds itself at 0.95.  A date of birth is
 * a qualifier: the same date adds 0.05; a birth year more than two years apart multiplies by 0.6
 * (below the alert threshold) unless the dates differ only as a slipped digit or a swapped
 * day and month; missing on either side changes nothing.
 *
 * Each hit also carries its evidence (probability, shared_by, alert): the odds that the
 * person screened is the listed one are m / E x LR(date of birth), where E is the number
 * of people in the reference population expected to share the name (the people who do,
 * or the population times the product of each word's smoothed frequency, whichever is
 * more, and never fewer than the population times the whole name's own smoothed frequency:
 * a thin reference cannot show a name rare), growing as the resemblance falls, and LR is 19,700 for
 * the same date, 50 for a partial agreement, 0.05 for a contradiction and 1 when either is missing.
 * So a name that others share can never alert without a corroborating date of birth. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 5, 6, 7) ac_code ac_watchlist_screen(ac_watchlist *w,
                                                                          const char *name,
                                                                          const char *dob,
                                                                          double threshold,
                                                                          ac_arena *a,
                                                                          ac_screen_hit **out,
                                                                          size_t *out_n,
                                                                          ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_SCREEN_H */
