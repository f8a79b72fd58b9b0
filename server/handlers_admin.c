/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_admin.c - the API's partnership and cases: adding agencies and users, API
 * tokens (created and revoked by administrators, shown once), and cases with their
 * members.  Managing the partnership is for people signed in, never for tokens.
 */
#include <jansson.h>
#include <string.h>

#include "http_int.h"

static const struct srv_field agency_fields[] = {
    { "name", SRV_STRING, NULL },
    { "country", SRV_STRING, NULL },
    { "kind", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_agency_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_agency g;
    const char *kind, *id = NULL;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, agency_fields)) == NULL) {
        return;
    }
    memset(&g, 0, sizeof g);
    g.name = srv_member(rq, body, "name");
    g.country = srv_member(rq, body, "country");
    kind = srv_member(rq, body, "kind");
    json_decref(body);
    if (g.name == NULL || g.country == NULL || kind == NULL ||
        ac_agency_kind_parse(kind, &g.kind, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg
                               : "an agency needs name, kind (e.g. local_authority) and "
                                 "country (e.g. GB)");
        return;
    }
    rc =
        ac_agency_add(st->hub, rq->actor, rq->purpose ? rq->purpose : "", &g, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_user_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_user *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_user_list(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->arena, &list, &n,
                      &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", list[i].id,
                                             "username", list[i].username, "display_name",
                                             list[i].display_name, "agency_id", list[i].agency_id,
                                             "roles", ac_roles_format(rq->arena, list[i].roles),
                                             "status", ac_user_status_str(list[i].status)));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "users", arr)));
}

/* An administrator adds a user (or, with "service": true, a service account).  No
 * administrator sets another's password: the answer carries a one-time enrolment code the
 * user redeems (POST /api/v1/enrolment), and says whether the account waits for a second
 * administrator's approval (a content role, SC or DV). */
static const struct srv_field user_fields[] = {
    { "username", SRV_STRING, NULL },  { "display_name", SRV_STRING, NULL },
    { "agency_id", SRV_STRING, NULL }, { "vetting", SRV_STRING, NULL },
    { "roles", SRV_STRING, NULL },     { "service", SRV_BOOL, NULL },
    { "password", SRV_STRING, NULL },  SRV_FIELDS_END,
};

void
srv_user_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_user u;
    const char *vetting, *roles, *id = NULL, *code = NULL;
    const char *purpose = rq->purpose ? rq->purpose : "";
    bool service, has_password;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, user_fields)) == NULL) {
        return;
    }
    memset(&u, 0, sizeof u);
    u.username = srv_member(rq, body, "username");
    u.display_name = srv_member(rq, body, "display_name");
    u.agency_id = srv_member(rq, body, "agency_id");
    vetting = srv_member(rq, body, "vetting");
    roles = srv_member(rq, body, "roles");
    service = json_is_true(json_object_get(body, "service"));
    has_password = json_object_get(body, "password") != NULL;
    json_decref(body);
    if (has_password) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "password: an administrator does not set a user's password; the user sets "
                    "their own with the enrolment code this call answers with");
        return;
    }
    u.status = AC_USER_ACTIVE;
    if (u.username == NULL || u.display_name == NULL || u.agency_id == NULL || vetting == NULL ||
        roles == NULL || ac_vetting_parse(vetting, &u.vetting, &err) != AC_OK ||
        ac_roles_parse(roles, &u.roles, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg
                               : "a user needs username, display_name, agency_id, vetting "
                                 "(e.g. sc) and roles (e.g. \"analyst,caseworker\")");
        return;
    }
    rc = (service ? ac_service_account_add : ac_user_add)(st->hub, rq->actor, purpose, &u,
                                                          rq->arena, &id, &err);
    if (rc == AC_OK && !service) {
        rc =
            ac_user_enrolment_code(st->hub, rq->actor, purpose, u.username, rq->arena, &code, &err);
    }
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    body = json_pack("{s:s, s:b}", "id", id, "waits_for_approval",
                     ac_grant_needed(0, AC_VETTING_NONE, u.roles, u.vetting));
    srv_set_str(body, "enrolment_code", code);
    srv_json(rs, 201, srv_dump(rq, body));
}

/* The user redeems their enrolment code and sets their password (no session needed). */
static const struct srv_field enrol_fields[] = {
    { "username", SRV_STRING, NULL },
    { "code", SRV_STRING, NULL },
    { "password", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_enrol(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *username, *code, *password;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, enrol_fields)) == NULL) {
        return;
    }
    username = srv_member(rq, body, "username");
    code = srv_member(rq, body, "code");
    password = srv_member(rq, body, "password");
    json_decref(body);
    if (username == NULL || code == NULL || password == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "send username, code (from your administrator) and the password you choose");
        return;
    }
    rc = ac_user_enrol(st->hub, username, code, password, &err);
    if (rc == AC_EDENIED) {
        srv_problem(rq, rs, 401, "enrolment_failed", err.msg);
        return;
    }
    srv_reply_done(rq, rs, rc, &err);
}

void
srv_grant_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_grant *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_grant_list(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->arena, &list, &n,
                      &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", list[i].id,
                           "user_id", list[i].user_id, "username", list[i].username, "roles",
                           ac_roles_format(rq->arena, list[i].roles), "vetting",
                           ac_vetting_str(list[i].vetting), "agency_id", list[i].agency_id,
                           "from_agency_id", list[i].from_agency_id, "requested_by",
                           list[i].requested_by, "requested_at", list[i].requested_at));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "grants", arr)));
}

static void
decide(struct srv_state *st, struct srv_request *rq, struct srv_response *rs, int approve)
{
    ac_error err = { 0 };

    srv_reply_done(rq, rs,
                   ac_grant_decide(st->hub, rq->actor, rq->purpose ? rq->purpose : "",
                                   rq->params[0], approve, &err),
                   &err);
}

void
srv_grant_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    decide(st, rq, rs, 1);
}

void
srv_grant_refuse(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    decide(st, rq, rs, 0);
}

static const struct srv_field token_fields[] = {
    { "username", SRV_STRING, NULL },
    { "scopes", SRV_STRING, NULL },
    { "expires_at", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_token_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *username, *scopes, *expires_at, *id = NULL, *secret = NULL;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, token_fields)) == NULL) {
        return;
    }
    username = srv_member(rq, body, "username");
    scopes = srv_member(rq, body, "scopes");
    expires_at = srv_member(rq, body, "expires_at");
    json_decref(body);
    if (username == NULL || scopes == NULL || expires_at == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "a token needs username, scopes (e.g. \"reports:submit\") and expires_at");
        return;
    }
    rc = ac_token_create(st->hub, rq->actor, rq->purpose ? rq->purpose : "", username, scopes,
                         expires_at, rq->arena, &id, &secret, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    /* the secret is shown this once; the hub keeps only its hash */
    srv_json(rs, 201,
             srv_dump(rq, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "token", secret, "scopes",
                                    scopes, "expires_at", expires_at)));
}

void
srv_token_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };
    ac_code rc;

    rc = ac_token_revoke(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->params[0], &err);
    srv_reply_done(rq, rs, rc, &err);
}

/* The caller's own tokens, and an administrator's agency's service accounts': never a
 * secret or hash. */
void
srv_token_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_token_info *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_token_list(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->arena, &list, &n,
                      &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", list[i].id, "user_id",
                              list[i].user_id, "username", list[i].username, "scopes",
                              list[i].scopes, "created_by", list[i].created_by, "created_at",
                              list[i].created_at, "expires_at", list[i].expires_at);

        json_object_set_new(t, "revoked_at",
                            list[i].revoked_at ? json_string(list[i].revoked_at) : json_null());
        json_array_append_new(arr, t);
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "tokens", arr)));
}

static void
set_status(struct srv_state *st,
           struct srv_request *rq,
           struct srv_response *rs,
           ac_user_status status)
{
    ac_error err = { 0 };

    srv_reply_done(rq, rs,
                   ac_user_set_status(st->hub, rq->actor, rq->purpose ? rq->purpose : "",
                                      rq->params[0], status, &err),
                   &err);
}

void
srv_user_suspend(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    set_status(st, rq, rs, AC_USER_SUSPENDED);
}

void
srv_user_reactivate(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    set_status(st, rq, rs, AC_USER_ACTIVE);
}

void
srv_user_unlock(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };

    if (ac_user_unlock(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->params[0], &err) !=
        AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    rs->status = 204;
}

/* Change user {id}'s roles and vetting (and agency): 201 with the grant's id when it waits
 * for a second administrator, 200 when it took power away and applied at once. */
static const struct srv_field grant_fields[] = {
    { "roles", SRV_STRING, NULL },
    { "vetting", SRV_STRING, NULL },
    { "agency_id", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_user_grant(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *roles_text, *vetting_text, *agency, *grant = NULL;
    unsigned roles = 0;
    ac_vetting vetting = AC_VETTING_NONE;
    ac_error err = { 0 };
    json_t *body;

    if ((body = srv_json_body(rq, rs, grant_fields)) == NULL) {
        return;
    }
    roles_text = srv_member(rq, body, "roles");
    vetting_text = srv_member(rq, body, "vetting");
    agency = srv_member(rq, body, "agency_id");
    json_decref(body);
    if (roles_text == NULL || vetting_text == NULL ||
        ac_roles_parse(roles_text, &roles, &err) != AC_OK ||
        ac_vetting_parse(vetting_text, &vetting, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg
                               : "a change needs roles (e.g. \"analyst\") and vetting (e.g. sc), "
                                 "and agency_id to move the user");
        return;
    }
    if (ac_user_grant(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->params[0], roles,
                      vetting, agency, rq->arena, &grant, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    if (grant != NULL) {
        srv_json(rs, 201, srv_dump(rq, json_pack("{s:s, s:b}", "grant_id", grant, "applied", 0)));
    } else {
        srv_json(rs, 200, srv_dump(rq, json_pack("{s:b}", "applied", 1)));
    }
}

static const struct srv_field case_fields[] = {
    { "type", SRV_STRING, NULL },
    { "title", SRV_STRING, NULL },
    { "subjects", SRV_STRINGS, NULL },
    SRV_FIELDS_END,
};

#define MAX_SUBJECTS 16

void
srv_case_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case_type type;
    const char *text, *title, *id = NULL, *subjects[MAX_SUBJECTS];
    size_t n_subjects = 0, i;
    ac_error err = { 0 };
    json_t *body, *list, *e;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, case_fields)) == NULL) {
        return;
    }
    text = srv_member(rq, body, "type");
    title = srv_member(rq, body, "title");
    list = json_object_get(body, "subjects");
    if (json_array_size(list) > MAX_SUBJECTS) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    "subjects: at most 16 person ids; add more with the case open");
        return;
    }
    json_array_foreach(list, i, e)
    {
        subjects[n_subjects++] = ac_arena_strdup(rq->arena, json_string_value(e));
    }
    json_decref(body);
    if (text == NULL || ac_case_type_parse(text, &type, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg : "a case needs a type (e.g. soi, channel) and a title");
        return;
    }
    rc = ac_case_add_with_subjects(st->hub, rq->actor, rq->purpose, type, title ? title : "",
                                   subjects, n_subjects, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_case_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case c;
    ac_error err = { 0 };
    json_t *members, *subjects;
    ac_code rc;

    rc = ac_case_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &c, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    members = json_array();
    for (size_t i = 0; i < c.n_members; i++) {
        json_t *m = json_pack("{s:s, s:s, s:s}", "agency_id", c.members[i].agency_id, "role",
                              c.members[i].role, "added_at", c.members[i].added_at);

        if (c.members[i].user_id != NULL) {
            json_object_set_new(m, "user_id", json_string(c.members[i].user_id));
        }
        json_array_append_new(members, m);
    }
    subjects = json_array();
    for (size_t i = 0; i < c.n_subjects; i++) {
        const ac_case_subject *v = &c.subjects[i];

        json_array_append_new(
            subjects, json_pack("{s:s, s:s, s:s, s:s*, s:s, s:s*}", "person_id", v->person_id,
                                "agency_id", v->agency_id, "agency_name", v->agency_name, "name",
                                v->name, "added_at", v->added_at, "added_by", v->added_by));
    }
    srv_json(rs, 200,
             srv_dump(rq, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", c.id, "type",
                                    ac_case_type_str(c.type), "state", c.state, "title", c.title,
                                    "lead_agency_id", c.lead_agency_id, "members", members,
                                    "subjects", subjects)));
}

static const struct srv_field member_fields[] = {
    { "agency_id", SRV_STRING, NULL },
    { "user_id", SRV_STRING, NULL },
    { "role", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_case_member_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *agency_id, *user_id, *role;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, member_fields)) == NULL) {
        return;
    }
    agency_id = srv_member(rq, body, "agency_id");
    user_id = srv_member(rq, body, "user_id");
    role = srv_member(rq, body, "role");
    json_decref(body);
    if (agency_id == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "a member needs agency_id, and optionally user_id and role (member, chair "
                    "or observer)");
        return;
    }
    rc = ac_case_member_add(st->hub, rq->actor, rq->purpose, rq->params[0], agency_id, user_id,
                            role ? role : "member", &err);
    srv_reply_done(rq, rs, rc, &err);
}
