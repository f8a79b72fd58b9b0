/* SPDX-License-Identifier: Apache-2.0
 *
 * report.c - the names of report fields and the validation of a submitted report
 * (model.h).  Pure: no storage, no policy.  Errors name the field and the reason and
 * never echo what the reporter typed about the buyer.
 */
#include "internal.h"

#include <math.h>

#include "accord/date.h"
#include "model/model.h"

#define QUANTITY_MAX    100
#define NARRATIVE_MAX   4000
#define FUTURE_SLACK_MS (5 * 60 * 1000) /* a till's clock may run a little fast */

static const char *const kinds[] = { "transaction", "attempt", "loss", "theft" };
static const char *const payments[] = { "unknown", "cash", "card", "online", "other" };
static const char *const indicators[] = {
    "not_regular_customer",
    "nervous",
    "unusual_amount",
    "strange_combination",
    "unfamiliar_with_handling",
    "refuses_lower_concentration",
    "wont_say_use",
    "insists_on_cash",
    "no_id_or_address",
    "unusual_delivery",
    "other",
};

const char *
ac_report_kind_str(ac_report_kind k)
{
    return (size_t)k < ACI_ARRAY_LEN(kinds) ? kinds[k] : "unknown";
}

ac_code
ac_report_kind_parse(const char *s, ac_report_kind *out, ac_error *err)
{
    int v = aci_enum_parse(s, kinds, ACI_ARRAY_LEN(kinds), "report kind", err);

    *out = v >= 0 ? (ac_report_kind)v : AC_REPORT_TRANSACTION;
    return v >= 0 ? AC_OK : AC_EINVAL;
}

const char *
ac_payment_str(ac_payment p)
{
    return (size_t)p < ACI_ARRAY_LEN(payments) ? payments[p] : "unknown";
}

ac_code
ac_payment_parse(const char *s, ac_payment *out, ac_error *err)
{
    int v = aci_enum_parse(s, payments, ACI_ARRAY_LEN(payments), "payment method", err);

    *out = v >= 0 ? (ac_payment)v : AC_PAYMENT_UNKNOWN;
    return v >= 0 ? AC_OK : AC_EINVAL;
}

/* The Home Office's words for each indicator, in the order of indicators[]: "A
 * transaction or attempted transaction may be suspicious if the customer: ..." (Home Office,
 * "Supplying explosives precursors and poison", updated 8 August 2024, section "Reporting
 * suspicious transactions, disappearances and thefts":
 * https://www.gov.uk/government/publications/supplying-explosives-precursors/supplying-explosives-precursors-and-poison;
 * DOMAIN.md 4.6), and its closing line for "other". */
static const char *const wordings[] = {
    "is not your regular type of customer",
    "appears nervous, or avoids talking to you",
    "tries to buy an unusual amount of a product",
    "tries to buy a strange combination of products",
    "is unfamiliar with the product's handling instructions",
    "refuses to buy a lower-concentration product",
    "does not want to say what they are using the product for",
    "insists on paying in cash",
    "does not want to provide ID or their home address",
    "asks for unusual packing or delivery methods",
    "There are other reasons it may be suspicious. If you're not sure, report it.",
};
_Static_assert(sizeof wordings / sizeof wordings[0] == sizeof indicators / sizeof indicators[0],
               "one wording per indicator");

const char *
ac_indicator_wording(ac_indicator i)
{
    for (size_t k = 0; k < ACI_ARRAY_LEN(indicators); k++) {
        if ((unsigned)i == 1u << k) {
            return wordings[k];
        }
    }
    return NULL;
}

const char *
ac_indicator_str(ac_indicator i)
{
    for (size_t k = 0; k < ACI_ARRAY_LEN(indicators); k++) {
        if ((unsigned)i == 1u << k) {
            return indicators[k];
        }
    }
    return "unknown";
}

ac_code
ac_indicators_parse(const char *s, unsigned *out, ac_error *err)
{
    return aci_enum_set_parse(s, indicators, ACI_ARRAY_LEN(indicators), "indicator", out, err);
}

char *
ac_indicators_format(ac_arena *a, unsigned set)
{
    return aci_enum_set_format(a, indicators, ACI_ARRAY_LEN(indicators), set);
}

static ac_code
check_time(const char *s, int64_t now_ms, ac_arena *a, const char **out, ac_error *err)
{
    int64_t ms = 0;
    char buf[AC_TIME_TEXT_MAX];

    if (s == NULL || s[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "occurred_at: required (when it happened, RFC 3339)");
    }
    if (ac_time_parse(s, &ms, err) != AC_OK) {
        return aci_fail(err, AC_EINVAL,
                        "occurred_at: not an RFC 3339 UTC time such as 2026-03-01T14:05:00Z, "
                        "or a day such as 2026-03-01 (midnight UTC)");
    }
    if (ms > now_ms + FUTURE_SLACK_MS) {
        return aci_fail(err, AC_EINVAL, "occurred_at: in the future");
    }
    *out = ac_arena_strdup(a, ac_time_format(ms, buf));
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

static ac_code
check_dob(const char *s, int64_t now_ms, ac_arena *a, const char **out, ac_error *err)
{
    ac_date d, today = ac_date_from_ms(now_ms);
    char buf[AC_DATE_TEXT_MAX];

    *out = NULL;
    if (s == NULL || s[0] == '\0') {
        return AC_OK;
    }
    if (ac_date_parse(s, &d, err) != AC_OK || d.precision == AC_DATE_NONE) {
        return aci_fail(err, AC_EINVAL, "buyer_dob: not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    if (ac_date_cmp(&d, &today) > 0) {
        return aci_fail(err, AC_EINVAL, "buyer_dob: in the future");
    }
    *out = ac_arena_strdup(a, ac_date_format(&d, buf));
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

static ac_code
check_text(ac_code rc,
           const char *s,
           size_t max,
           const char *field,
           ac_arena *a,
           const char **out,
           ac_error *err)
{
    return rc == AC_OK ? aci_clean_field(s, max, field, a, out, err) : rc;
}

ac_code
aci_report_prepare(const ac_report *in, int64_t now_ms, ac_arena *a, ac_report *out, ac_error *err)
{
    ac_code rc = AC_OK;
    bool sale = in->kind == AC_REPORT_TRANSACTION || in->kind == AC_REPORT_ATTEMPT;

    memset(out, 0, sizeof *out);
    if ((unsigned)in->kind >= AC_REPORT_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "kind: transaction, attempt, loss or theft");
    }
    if ((unsigned)in->payment >= AC_PAYMENT_COUNT) {
        return aci_fail(err, AC_EINVAL, "payment: unknown, cash, card, online or other");
    }
    if (in->indicators >= 1u << AC_INDICATOR_COUNT) {
        return aci_fail(err, AC_EINVAL, "indicators: unknown indicator bits");
    }
    if (isnan(in->concentration) || in->concentration > 100.0) {
        return aci_fail(err, AC_EINVAL,
                        "concentration: impossible (a percentage by weight, 0 to 100)");
    }
    out->kind = in->kind;
    out->payment = sale ? in->payment : AC_PAYMENT_UNKNOWN;
    out->sale_completed = in->kind == AC_REPORT_TRANSACTION && in->sale_completed;
    out->licence_shown = in->licence_shown;
    out->concentration = in->concentration < 0 ? -1.0 : in->concentration;
    out->indicators = in->indicators;
    rc = check_time(in->occurred_at, now_ms, a, &out->occurred_at, err);
    rc = check_text(rc, in->substance, ACI_NAME_PART_MAX, "substance", a, &out->substance, err);
    if (rc == AC_OK && out->substance == NULL) {
        return aci_fail(err, AC_EINVAL, "substance: required (a name or a CAS number)");
    }
    rc = check_text(rc, in->quantity, QUANTITY_MAX, "quantity", a, &out->quantity, err);
    if (rc == AC_OK && out->quantity == NULL) {
        return aci_fail(err, AC_EINVAL, "quantity: required (e.g. \"5 L\" or \"3 x 1 kg\")");
    }
    rc = check_text(rc, in->product, ACI_NAME_PART_MAX, "product", a, &out->product, err);
    rc = check_text(rc, in->buyer_name, ACI_NAME_FULL_MAX, "buyer_name", a, &out->buyer_name, err);
    rc = check_text(rc, in->buyer_address, ACI_TEXT_LINE_MAX, "buyer_address", a,
                    &out->buyer_address, err);
    rc = check_text(rc, in->buyer_document, ACI_TEXT_LINE_MAX, "buyer_document", a,
                    &out->buyer_document, err);
    rc = check_text(rc, in->indicator_other, ACI_TEXT_LINE_MAX, "indicator_other", a,
                    &out->indicator_other, err);
    rc = check_text(rc, in->narrative, NARRATIVE_MAX, "narrative", a, &out->narrative, err);
    if (rc == AC_OK) {
        rc = check_dob(in->buyer_dob, now_ms, a, &out->buyer_dob, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    if ((out->indicators & AC_IND_OTHER) && out->indicator_other == NULL) {
        return aci_fail(err, AC_EINVAL, "indicator_other: required when \"other\" is observed");
    }
    if (!(out->indicators & AC_IND_OTHER) && out->indicator_other != NULL) {
        out->indicators |= AC_IND_OTHER;
    }
    if (sale && out->indicators == 0 && out->narrative == NULL) {
        return aci_fail(err, AC_EINVAL,
                        "indicators: say what made it suspicious (an indicator or a narrative)");
    }
    if (!sale && (out->buyer_name != NULL || out->buyer_dob != NULL)) {
        return aci_fail(err, AC_EINVAL,
                        "buyer_name: a loss or theft has no buyer (use the "
                        "narrative for anyone suspected)");
    }
    return AC_OK;
}

#define REPORT_DUE_MS ((int64_t)24 * 60 * 60 * 1000)

bool
aci_report_late(const ac_report *r)
{
    int64_t happened = 0, received = 0;

    return r->occurred_at != NULL && r->created_at != NULL &&
           ac_time_parse(r->occurred_at, &happened, NULL) == AC_OK &&
           ac_time_parse(r->created_at, &received, NULL) == AC_OK &&
           received - happened > REPORT_DUE_MS;
}

/* Shown as "un-xml"; parsed with '-' read as '_' like every enumeration. */
static const char *const formats[] = { "csv", "ofac", "un-xml" };
static const char *const format_words[] = { "csv", "ofac", "un_xml" };

const char *
ac_watchlist_format_str(ac_watchlist_format f)
{
    return (size_t)f < ACI_ARRAY_LEN(formats) ? formats[f] : "unknown";
}

ac_code
ac_watchlist_format_parse(const char *s, ac_watchlist_format *out, ac_error *err)
{
    int v = aci_enum_parse(s, format_words, ACI_ARRAY_LEN(format_words), "list format", err);

    *out = v >= 0 ? (ac_watchlist_format)v : AC_WATCHLIST_CSV;
    return v >= 0 ? AC_OK : AC_EINVAL;
}
