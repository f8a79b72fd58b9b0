/* SPDX-License-Identifier: Apache-2.0
 *
 * grading.c - a legacy 5x5x5 intelligence grading read as 3x5x2 (include/accord/item.h),
 * by the table data/grading/5x5x5_to_3x5x2.csv, embedded at build time.  Pure.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/item.h"

extern const char aci_legacy_grading_csv[];

enum {
    F_AXIS,
    F_LEGACY,
    F_CURRENT,
    F_CONDITIONS,
    F_CONFIRMED,
    F_SOURCE,
    F_COUNT
};

/* The row of AXIS for LEGACY: its 3x5x2 code in *OUT and its conditions (pointer and
 * length into the table) in *COND, *COND_LEN.  False when the table has no such row. */
static bool
lookup(const char *axis, char legacy, char *out, const char **cond, size_t *cond_len)
{
    bool header = true;

    for (const char *p = aci_legacy_grading_csv; *p != '\0';) {
        size_t n = strcspn(p, "\n");
        const char *f[F_COUNT];
        size_t len[F_COUNT], k = 0;

        if (p[0] != '#' && n > 0 && !header) {
            for (const char *q = p; k < F_COUNT && q <= p + n; k++) {
                size_t m = k + 1 < F_COUNT ? strcspn(q, ",\n") : (size_t)(p + n - q);

                f[k] = q;
                len[k] = m;
                q += m + 1;
            }
            if (k == F_COUNT && len[F_AXIS] == strlen(axis) &&
                strncmp(f[F_AXIS], axis, len[F_AXIS]) == 0 && len[F_LEGACY] == 1 &&
                f[F_LEGACY][0] == legacy && len[F_CURRENT] == 1) {
                *out = f[F_CURRENT][0];
                *cond = f[F_CONDITIONS];
                *cond_len = len[F_CONDITIONS];
                return true;
            }
        } else if (p[0] != '#' && n > 0) {
            header = false; /* the first line that is not a comment names the columns */
        }
        p += n + (p[n] == '\n');
    }
    return false;
}

ac_code
ac_grade_from_5x5x5(const char *legacy,
                    ac_arena *a,
                    char out_grade[4],
                    const char **out_conditions,
                    ac_error *err)
{
    char s = 0, i = 0, h = 0;
    const char *cond = NULL, *unused = NULL;
    size_t cond_len = 0, unused_len = 0;

    memset(out_grade, 0, 4);
    *out_conditions = NULL;
    if (strlen(legacy) != 3 ||
        !lookup("source", (char)toupper((unsigned char)legacy[0]), &s, &unused, &unused_len) ||
        !lookup("intelligence", legacy[1], &i, &unused, &unused_len) ||
        !lookup("handling", legacy[2], &h, &cond, &cond_len)) {
        return aci_fail(err, AC_EINVAL,
                        "legacy grade: give the 5x5x5 source A-E, intelligence 1-5 and handling "
                        "1-5, e.g. B24");
    }
    out_grade[0] = s;
    out_grade[1] = i;
    out_grade[2] = h;
    if (cond_len > 0 && (*out_conditions = ac_arena_strndup(a, cond, cond_len)) == NULL) {
        memset(out_grade, 0, 4);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    return AC_OK;
}
