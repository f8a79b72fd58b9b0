/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_screen.h - the parts of bench_screen in files of their own.
 */
#ifndef BENCH_SCREEN_H
#define BENCH_SCREEN_H

#include "accord/screen.h"

/* False-alert rates by name origin on a synthetic watchlist and buyers, printed. */
void bench_fairness(const ac_screener *s);

#endif /* BENCH_SCREEN_H */
