/* SPDX-License-Identifier: Apache-2.0
 *
 * screen.h - name screening: how closely a name (a buyer's, a suspect's) matches a name on
 * a watchlist, as a score from 0 to 1 with an explanation of which words met which and
 * why.  Names are compared word by word, in any order, after normalisation (Unicode
 * NFKC, case and accents folded, punctuation dropped, "SURNAME, Given" turned round);
 * words meet exactly, as known variants (the name-variant table the linkage engine
 * uses), as initials, joined or split ("abdul rahman" / "abdulrahman"), or by
 * Jaro-Winkler; particles (al-, bin, abu, ...) and legal forms (ltd, llc, ...) count for
 * less.  People decide: a score is a reason to look, not a finding.
 *
 * Score bands: >= 0.90 strong, >= 0.70 possible (the default alert threshold), below
 * that weak.
 */
#ifndef ACCORD_SCREEN_H
#define ACCORD_SCREEN_H

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_screener ac_screener;

#define AC_SCREEN_STRONG   0.90
#define AC_SCREEN_POSSIBLE 0.70

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

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_SCREEN_H */
