/* SPDX-License-Identifier: Apache-2.0
 *
 * alert.c - when a report raises an alert, at what priority, and how long a duty officer
 * has to acknowledge it (the rules are stated in report.h).  Pure.
 */
#include "internal.h"

#include "accord/screen.h"
#include "model/model.h"

#define STRONG_INDICATORS 2 /* this many indicators observed make a report "strong" */

static const char *const priorities[] = { "low", "medium", "high" };
static const char *const statuses[] = { "open", "acknowledged" };
static const int deadline_minutes[] = { 240, 60, 15 };

const char *
ac_alert_priority_str(ac_alert_priority p)
{
    return (size_t)p < ACI_ARRAY_LEN(priorities) ? priorities[p] : "unknown";
}

const char *
ac_alert_status_str(ac_alert_status s)
{
    return (size_t)s < ACI_ARRAY_LEN(statuses) ? statuses[s] : "unknown";
}

int
ac_alert_deadline_minutes(ac_alert_priority p)
{
    return (size_t)p < ACI_ARRAY_LEN(deadline_minutes) ? deadline_minutes[p] : 15;
}

static int
count_bits(unsigned v)
{
    int n = 0;

    for (; v != 0; v &= v - 1) {
        n++;
    }
    return n;
}

bool
aci_alert_assess(const ac_report *r, double best, ac_alert_priority *priority, const char **reason)
{
    bool regulated = r->regime_class == AC_REGIME_REGULATED_PRECURSOR ||
                     r->regime_class == AC_REGIME_REGULATED_POISON;
    bool strong_ind = count_bits(r->indicators) >= STRONG_INDICATORS;
    bool reportable = r->regime_class == AC_REGIME_REPORTABLE_PRECURSOR ||
                      r->regime_class == AC_REGIME_REPORTABLE_POISON;
    bool lost = r->kind == AC_REPORT_LOSS || r->kind == AC_REPORT_THEFT;
    bool unlicensed = r->kind == AC_REPORT_TRANSACTION && r->sale_completed && !r->licence_shown;

    if (best >= AC_SCREEN_STRONG) {
        *priority = regulated || strong_ind ? AC_ALERT_HIGH : AC_ALERT_MEDIUM;
        *reason = regulated    ? "buyer strongly matches a listed name; regulated substance"
                  : strong_ind ? "buyer strongly matches a listed name; strong indicators"
                               : "buyer strongly matches a listed name";
        return true;
    }
    if (best >= AC_SCREEN_POSSIBLE) {
        *priority = regulated ? AC_ALERT_MEDIUM : AC_ALERT_LOW;
        *reason = regulated ? "buyer possibly matches a listed name; regulated substance"
                            : "buyer possibly matches a listed name";
        return true;
    }
    if (regulated && lost) {
        *priority = AC_ALERT_MEDIUM;
        *reason = "regulated substance lost or stolen";
        return true;
    }
    if (regulated && unlicensed) {
        *priority = AC_ALERT_MEDIUM;
        *reason = "regulated substance sold with no licence shown: a possible offence under "
                  "Poisons Act 1972 s.3A unless the buyer acted for a business";
        return true;
    }
    if (regulated && strong_ind) {
        *priority = AC_ALERT_MEDIUM;
        *reason = "regulated substance with strong indicators";
        return true;
    }
    if (reportable && lost) {
        *priority = AC_ALERT_LOW;
        *reason = "reportable substance lost or stolen";
        return true;
    }
    *priority = AC_ALERT_LOW;
    *reason = NULL;
    return false;
}
