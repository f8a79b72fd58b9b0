# SPDX-License-Identifier: Apache-2.0
#
# cli_case.sh - case workflows through the CLI: an offender's notification case from
# sentence to release, the steps a user may take listed by --help from the case's
# current state, refusals naming what is missing or who may act, deadlines due, an alert
# when a deadline passes, the timeline, and a Prevent referral the police gateway moves
# on, and finding cases (case list, case show).  Each party sees only the cases it leads
# or is a member of.
#
# Run as: bash cli_case.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli case test'
TODAY=$(date -u +%F)

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 4 --no-work
exits 0 "set-up: demo partnership"

# --- an offender's notification requirements --------------------------------------------

as ctp.caseworker case add offender_notification 'Offender A'
exits 0 "CT policing opens an offender notification case"
CASE=$OUT
as ctp.caseworker case step "$CASE" record_sentence --rationale 'sentence recorded'
exits 1 "a step without its fields is refused"
like "$ERR" "dealt_with_on: required" "the refusal names the missing field"
as ctp.caseworker case step "$CASE" record_sentence --field dealt_with_on=2024-01-15 \
    --field sentence_months=48 --field age_at_conviction=30
exits 1 "a step without a rationale is refused"
like "$ERR" "rationale: required" "the refusal asks for the rationale"
as ctp.caseworker case step "$CASE" record_sentence --rationale 'sentence recorded' \
    --field dealt_with_on=2024-01-15 --field sentence_months=48 --field age_at_conviction=30
exits 0 "the sentence is recorded"
like "$OUT" "is now in_custody" "the case is in custody"
as ctp.caseworker case step "$CASE" --help
like "$OUT" "^\* release +-> released +by caseworker" "--help lists the steps open now, marked for this user"
like "$OUT" "needs: rationale,released_on" "--help says what a step needs"
as ctp.caseworker case step "$CASE" renotify --rationale x --field notified_on=$TODAY
exits 1 "a step not open from the current state is refused"
like "$ERR" "next steps: record_mappa, record_licence, release" "the refusal lists the next steps"
as ctp.caseworker case step "$CASE" record_licence --rationale 'conditions set' \
    --field licence_conditions='no internet devices'
exits 1 "a step for another kind of agency is refused"
like "$ERR" "not for a ct_policing agency" "the refusal says which kind of agency may act"
as ctp.caseworker case step "$CASE" release --rationale 'released on licence' \
    --field released_on=$TODAY
exits 0 "the release is recorded"
as ctp.caseworker cases due --within 7d
like "$OUT" "$CASE +offender_notification +released +due" "the initial notification is due"
as ctp.caseworker cases due --within 7d --agency 'Birmingham City Council'
like "$OUT" "^0 deadlines$" "--agency keeps only the cases that agency leads"
as ctp.caseworker cases due --within soon
exits 2 "a bad --within is a usage error"

# a day before the deadline, a reminder
SOON=$(date -u -d '+12 hours' +%Y-%m-%dT%H:%M:%S.000Z)
sqlite3 "$DB" "update case_deadlines set due_at = '$SOON' where case_id = '$CASE'"
as ctp.duty alerts escalate
like "$OUT" "^1 case deadline due within a day: reminder raised" "a deadline due within a day raises a reminder"
as ctp.duty alerts list
like "$OUT" "low +open .*Offender notification case deadline due within a day at the stage \"released\" \(due [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}, [0-9]{2}:[0-9]{2}\)" \
    "the reminder is a low-priority alert, in words and UK time (issue 16.1: no snake_case, no ISO time)"

# the deadline passes with no notification: an alert for the duty officer
sqlite3 "$DB" "update case_deadlines set due_at = '2000-01-01T00:00:00.000Z' where case_id = '$CASE'"
as ctp.caseworker cases due
like "$OUT" "OVERDUE" "a passed deadline is shown as overdue"
as ctp.duty alerts escalate
like "$OUT" "^1 case deadline passed: alert raised" "escalation raises an alert for the case"
as ctp.duty alerts list
like "$OUT" "high +open .*Offender notification case deadline passed at the stage \"released\" \(due 1 January 2000, 00:00\)" \
    "the duty officer sees a high alert for the overdue notification"
as ctp.caseworker case step "$CASE" initial_notification --rationale 'attended the station' \
    --field notified_on=$TODAY --field names=recorded --field home_address=recorded \
    --field contacts=recorded --field vehicles=none --field bank_accounts=recorded \
    --field identity_documents=passport --field released_on=$(date -u -d '-5 days' +%F)
exits 1 "the initial notification without date of birth and NI number is refused"
like "$ERR" "date_of_birth: required" "the refusal names the field (CTA 2008 s.47(2)(a))"
as ctp.caseworker case step "$CASE" initial_notification --rationale 'attended the station' \
    --field notified_on=$TODAY --field date_of_birth=1990-04-02 --field ni_number=QQ123456C \
    --field names=recorded --field home_address=recorded \
    --field contacts=recorded --field vehicles=none --field bank_accounts=recorded \
    --field identity_documents=passport --field released_on=$(date -u -d '-5 days' +%F)
exits 0 "the initial notification is recorded"
as ctp.caseworker case timeline "$CASE"
like "$OUT" "initial_notification: released -> notifying by .* \(LATE\)" "the timeline marks it late"
like "$OUT" "late by 3 days" "and says by how much: the three days include the day of release"
like "$OUT" "^3 entries$" "the timeline has every step"
as council.prevent case timeline "$CASE"
exits 1 "the council, not a member, cannot read the case"
like "$ERR" "not found" "it is told the case does not exist"

# --- a Prevent referral ---------------------------------------------------------------------

as council.prevent case add prevent_referral 'Referral B'
PREV=$OUT
as council.prevent case step "$PREV" refer --rationale 'school concern' \
    --field referrer_sector=education --field concern=unclear
exits 1 "a concern outside the published categories is refused"
like "$ERR" "concern: one of islamist, extreme_right_wing" "the refusal lists the categories"
as council.prevent case step "$PREV" refer --rationale 'school concern' \
    --field referrer_sector=education --field concern=conflicted
exits 0 "the council records the referral"
as council.prevent case next "$PREV"
like "$OUT" "^  not_appropriate +-> not_appropriate +by analyst,caseworker at ct_policing,police_force" \
    "the gateway's filtering is CT policing's, not the council's"
like "$OUT" "^\* to_channel +-> channel_panel .*local_authority" \
    "a council may refer to the panel itself (CTSA 2015 s.36 as amended in 2019)"
as council.prevent case step "$PREV" not_appropriate --rationale 'not for Channel'
exits 1 "the council cannot filter the referral out at the gateway"
# issue 14, point 9: the referral reaches CT policing without the council adding it first
as ctp.duty alerts list
like "$OUT" "Prevent referral case referred: waiting for the police gateway assessment" \
    "CT policing's duty officers are alerted to the referral"
as ctp.caseworker case list --state received
like "$OUT" "^$PREV +prevent_referral +received +[0-9-]+T[0-9:.]+Z +Birmingham City Council +Referral B$" \
    "CT policing finds the referral waiting for its gateway assessment"
as ctp.caseworker case show "$PREV"
like "$OUT" "^    member +West Midlands Counter Terrorism Unit, since " "it joined the case as a member, named"
like "$OUT" "^    lead +Birmingham City Council, since " "the lead agency is named, not its id"
as council.prevent case member "$PREV" 'West Midlands Counter Terrorism Unit'
exits 1 "so the council has nothing to add"
like "$ERR" "already a member" "and is told so"
as ctp.caseworker case step "$PREV" to_channel --rationale 'gateway: appropriate for Channel'
exits 0 "CT policing passes it to a Channel panel"
as council.chair case step "$PREV" assess --rationale 'panel judgement' \
    --field engagement='some' --field intent='none seen' --field capability='none'
exits 1 "a panel's record without who attended is refused"
like "$ERR" "panel_attendees: required" "the refusal asks who attended"
as council.chair case step "$PREV" assess --rationale 'panel judgement' \
    --field engagement='some' --field intent='none seen' --field capability='none' \
    --field panel_attendees='chair, education, health' --field police_attendee='Channel police practitioner'
exits 0 "the panel records the VAF as professional judgement"
as council.prevent case step "$PREV" consent --rationale 'home visit' --field subject_age=15 \
    --field consent_by='the young person' --field consent_method=in_person --field consent_on=$TODAY
exits 1 "a 15-year-old's own consent is not enough"
like "$ERR" "parent's or guardian's" "the refusal says whose consent is needed"
as council.prevent case note "$PREV" 'parents to be contacted'
exits 0 "a note goes on the timeline"

# --- finding cases (issue 14, points 9 and 11) ------------------------------------------------

as council.prevent case timeline "$PREV"
# by display name: the demo's users have people's names (issue 16.6), not the username again
like "$OUT" "refer: new -> received by Aisha Hollingworth \(Birmingham City Council\)" \
    "the timeline names who took a step and their agency"
like "$OUT" "to_channel: received -> channel_panel by Laura Lindqvist \(West Midlands Counter Terrorism Unit\)" \
    "and another agency's step by its name"
unlike "$OUT" "by 01[0-9A-Z]{24}" "no user id where a person reads"
as council.prevent case list
like "$OUT" "^CASE +TYPE +STATE +DEADLINE +LEAD +TITLE$" "case list prints its header"
like "$OUT" "^$PREV +prevent_referral +assessed " "and the council's referral"
unlike "$OUT" "^$CASE " "but not CT policing's offender case, which it is not in"
as council.prevent case list --scope mine --type prevent_referral
like "$OUT" "^$PREV " "--scope mine --type finds the referral the caseworker opened"
as council.chair case list --scope mine
like "$OUT" "^0 cases$" "the chair opened none"
as council.chair case list --scope agency --state assessed
like "$OUT" "^$PREV " "--scope agency finds the council's cases"
as ctp.caseworker case list --due 2w
unlike "$OUT" "^$CASE " "--due 2w leaves out the re-notification due in a year"
sqlite3 "$DB" "update case_deadlines set due_at = '2000-01-01T00:00:00.000Z' where case_id = '$CASE'"
as ctp.caseworker case list --due 2w
like "$OUT" "^$CASE .*2000-01-01T00:00:00.000Z OVERDUE" "--due lists a passed deadline as OVERDUE"
as ctp.caseworker case list --json --type offender_notification
like "$OUT" "^\{\"id\":\"$CASE\",\"case_type\":\"offender_notification\"" "--json gives ids for machines"
as council.prevent case list --type chanel
exits 1 "an unknown --type is refused"
like "$ERR" "type: unknown case type 'chanel': soi, maa_review" "naming the field and the allowed values"
as council.prevent case list --scope everyone
exits 2 "an unknown --scope is a usage error"
like "$ERR" "--scope: mine .* agency .* or all" "naming the choices"
as council.prevent case list --limit 0
exits 2 "--limit 0 is refused"
as council.prevent case timeline "$PREV" --type channel
exits 2 "list filters belong to case list"
as ss.analyst case show "$PREV"
exits 1 "the Security Service, not in the case, cannot show it"
like "$ERR" "not found" "and is told it does not exist"

done_testing
