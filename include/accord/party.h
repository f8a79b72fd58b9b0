/* SPDX-License-Identifier: Apache-2.0
 *
 * party.h - the partnership: agencies, users, their roles and vetting levels, and the
 * hub calls that manage them (admin role only).
 */
#ifndef ACCORD_PARTY_H
#define ACCORD_PARTY_H

#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_agency_kind {
    AC_AGENCY_SECURITY_SERVICE = 0,
    AC_AGENCY_CT_POLICING,
    AC_AGENCY_POLICE_FORCE,
    AC_AGENCY_LOCAL_AUTHORITY,
    AC_AGENCY_PROBATION,
    AC_AGENCY_PRISON,
    AC_AGENCY_HEALTH,
    AC_AGENCY_EDUCATION,
    AC_AGENCY_CHARITY_REGULATOR,
    AC_AGENCY_PRIVATE_SECTOR,
    AC_AGENCY_INTERNATIONAL_PARTNER,
    AC_AGENCY_KIND_COUNT
} ac_agency_kind;

/* Vetting levels in increasing order of assurance (GSCP; DOMAIN.md §5.3). */
typedef enum ac_vetting {
    AC_VETTING_NONE = 0,
    AC_VETTING_BPSS,
    AC_VETTING_CTC,
    AC_VETTING_SC,
    AC_VETTING_DV,
    AC_VETTING_COUNT
} ac_vetting;

/* Roles are a bit set: a user may hold several. */
typedef enum ac_role {
    AC_ROLE_ADMIN = 1u << 0,        /* manages agencies, users, tokens; no content by role */
    AC_ROLE_ANALYST = 1u << 1,      /* records, searches, links, linkage review */
    AC_ROLE_CASEWORKER = 1u << 2,   /* runs cases */
    AC_ROLE_PANEL_MEMBER = 1u << 3, /* sits on MAA and Channel panels */
    AC_ROLE_DUTY_OFFICER = 1u << 4, /* receives and triages alerts */
    AC_ROLE_REPORTER = 1u << 5,     /* private sector: submits reports, reads only its own */
    AC_ROLE_AUDITOR = 1u << 6,      /* reads the audit and oversight reports, not content */
} ac_role;
#define AC_ROLE_ALL 0x7fu

typedef enum ac_user_status {
    AC_USER_ACTIVE = 0,
    AC_USER_SUSPENDED,
    AC_USER_DISABLED,
    AC_USER_STATUS_COUNT
} ac_user_status;

typedef struct ac_agency {
    const char *id;         /* record id */
    const char *name;       /* unique within the hub */
    ac_agency_kind kind;    /* what sort of body it is: decides access with the policy */
    const char *country;    /* ISO 3166-1 alpha-2, upper case ("GB") */
    const char *created_at; /* RFC 3339 UTC */
} ac_agency;

typedef struct ac_user {
    const char *id;           /* record id */
    const char *agency_id;    /* the agency the user works for */
    const char *username;     /* unique within the hub; [a-z0-9._-], 2..64 bytes */
    const char *display_name; /* shown in the UI and the audit */
    ac_vetting vetting;       /* highest vetting level held */
    unsigned roles;           /* ac_role bits */
    ac_user_status status;    /* only active users can act */
    const char *created_at;   /* RFC 3339 UTC */
} ac_user;

/* Who is acting: a signed-in user with the attributes the policy decides on.  Made by
 * ac_hub_actor(); every string lives in the arena given there. */
struct ac_actor {
    const char *user_id;        /* record id of the user */
    const char *username;       /* for messages and the audit */
    const char *agency_id;      /* the user's agency */
    ac_agency_kind agency_kind; /* kind of that agency */
    const char *country;        /* that agency's country (ISO 3166-1 alpha-2) */
    ac_vetting vetting;         /* the user's vetting level */
    unsigned roles;             /* ac_role bits */
    const char *via;            /* set by the hub: "token ID" when acting through an API
                                   token (recorded in every audit entry); NULL otherwise */
};

/* A content role, SC or DV vetting, or another agency for a user, waiting for a second
 * administrator (nobody grants power alone).  Strings in the arena of the call. */
typedef struct ac_grant {
    const char *id;
    const char *user_id;
    const char *username;
    unsigned roles;             /* ac_role bits the user is to hold */
    ac_vetting vetting;         /* the vetting level the user is to hold */
    const char *agency_id;      /* the agency the user is to work for */
    const char *from_agency_id; /* the agency the user works for now */
    const char *requested_by;   /* user id of the administrator who asked */
    const char *requested_at;   /* RFC 3339 UTC */
    const char *decided_by;     /* user id, or NULL while pending */
    const char *decided_at;     /* RFC 3339 UTC, or NULL while pending */
    const char *status;         /* "pending", "approved" or "refused" */
} ac_grant;

/* Stable lower-case names ("security_service", "bpss", "analyst", "active"), used in
 * files, the CLI and the API; static text.  Unknown values give "unknown". */
AC_API const char *ac_agency_kind_str(ac_agency_kind kind);
AC_API const char *ac_vetting_str(ac_vetting v);
AC_API const char *ac_role_str(ac_role role);
AC_API const char *ac_user_status_str(ac_user_status s);

/* Parse the names above (case-insensitive; '-' and ' ' accepted for '_').  AC_EINVAL
 * with the list of accepted names in the message. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_agency_kind_parse(const char *s, ac_agency_kind *out, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_vetting_parse(const char *s, ac_vetting *out, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_user_status_parse(const char *s, ac_user_status *out, ac_error *err);
/* A comma-separated list of role names into a bit set (at least one role). */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_roles_parse(const char *s, unsigned *out, ac_error *err);
/* The roles of a bit set as a comma-separated list, in A. */
AC_API AC_NONNULL(1) char *ac_roles_format(ac_arena *a, unsigned roles);

/* Add an agency (admin only).  IN->id and created_at are ignored; the new id is
 * copied into A and returned in *OUT_ID.  AC_ECONFLICT when the name is taken. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_agency_add(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const ac_agency *in,
                                                                    ac_arena *a,
                                                                    const char **out_id,
                                                                    ac_error *err);

/* All agencies, ordered by name (every signed-in user may list the partnership). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_agency_list(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     ac_arena *a,
                                                                     ac_agency **out,
                                                                     size_t *out_n,
                                                                     ac_error *err);

/* Find an agency by id or by exact name.  AC_ENOTFOUND if none. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_agency_find(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     const char *id_or_name,
                                                                     ac_arena *a,
                                                                     ac_agency *out,
                                                                     ac_error *err);

/* Add a user (admin only).  IN->id, created_at are ignored.  AC_ECONFLICT when the
 * username is taken; AC_ENOTFOUND when the agency does not exist. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_user_add(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const ac_user *in,
                                                                  ac_arena *a,
                                                                  const char **out_id,
                                                                  ac_error *err);

/* Users, ordered by username: all of them for an admin or auditor, else those of the
 * actor's own agency. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_user_list(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   ac_arena *a,
                                                                   ac_user **out,
                                                                   size_t *out_n,
                                                                   ac_error *err);

/* Add a service account (a retailer's till, a partner's client): a user that never signs
 * in with a password and acts only through API tokens its agency's administrators make for
 * it (ac_token_create).  As ac_user_add otherwise. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5, 6) ac_code ac_service_account_add(ac_hub *hub,
                                                                             const ac_actor *actor,
                                                                             const char *purpose,
                                                                             const ac_user *in,
                                                                             ac_arena *a,
                                                                             const char **out_id,
                                                                             ac_error *err);

/* Changing a user from FROM_ROLES/FROM_VETTING to TO_ROLES/TO_VETTING waits for a second
 * administrator: it grants a content role they did not hold, or SC or DV vetting above
 * theirs.  (ac_user_add starts from no roles and no vetting.) */
AC_API int ac_grant_needed(unsigned from_roles,
                           ac_vetting from_vetting,
                           unsigned to_roles,
                           ac_vetting to_vetting);

/* Grants waiting for approval that ACTOR (an administrator) may decide: for users of
 * their agency, or moving into it; the hub's administrators see every agency's.  Oldest
 * first, in A. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5, 6) ac_code ac_grant_list(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    ac_arena *a,
                                                                    ac_grant **out,
                                                                    size_t *out_n,
                                                                    ac_error *err);

/* Approve (APPROVE non-zero) or refuse grant ID.  The deciding administrator must not be
 * the one who asked, and must manage the user's account (their agency's administrators,
 * or the hub's).  On approval the user holds the roles, vetting and agency granted and is
 * active.  AC_EDENIED for the asker's own grant; AC_ECONFLICT once decided. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4) ac_code ac_grant_decide(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *id,
                                                                int approve,
                                                                ac_error *err);

/* Change USERNAME's roles and vetting to ROLES and VETTING, and move them to AGENCY_ID when
 * it is not NULL (an administrator who manages the account).  What adds a content role,
 * raises the vetting to SC or DV, or moves the user waits for a second administrator: the
 * grant's id goes to *OUT_GRANT (in A).  Anything else (a role or vetting taken away)
 * applies at once and *OUT_GRANT is NULL. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 8, 9) ac_code ac_user_grant(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const char *username,
                                                                    unsigned roles,
                                                                    ac_vetting vetting,
                                                                    const char *agency_id,
                                                                    ac_arena *a,
                                                                    const char **out_grant,
                                                                    ac_error *err);

/* Issue a one-time enrolment code for USERNAME (an administrator who manages the account):
 * the user redeems it with ac_user_enrol to set their own password.  No administrator
 * sets another's password.  The code (in A) is shown once and lasts 72 hours. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5, 6) ac_code ac_user_enrolment_code(ac_hub *hub,
                                                                             const ac_actor *actor,
                                                                             const char *purpose,
                                                                             const char *username,
                                                                             ac_arena *a,
                                                                             const char **out_code,
                                                                             ac_error *err);

/* Redeem CODE for USERNAME, setting their PASSWORD (at least AC_PASSWORD_MIN characters).
 * Audited as the user's own act.  AC_EDENIED for a wrong, used or expired code (the same
 * answer for an unknown user). */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code ac_user_enrol(ac_hub *hub,
                                                                 const char *username,
                                                                 const char *code,
                                                                 const char *password,
                                                                 ac_error *err);

/* Suspend (AC_USER_SUSPENDED) or reactivate (AC_USER_ACTIVE) USERNAME: by an
 * administrator who manages the account (their agency's; the hub's for an agency's
 * administrator).  Suspension takes effect at once: the user's sessions and API tokens
 * stop working.  AC_EDENIED for one's own account; AC_ECONFLICT when reactivating a user
 * whose grant still waits for a second administrator (approving it activates them). */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 6) ac_code ac_user_set_status(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *username,
                                                                      ac_user_status status,
                                                                      ac_error *err);

/* Clear USERNAME's sign-in delay after repeated failures, from every client (an
 * administrator who manages the account); audited. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5) ac_code ac_user_unlock(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const char *username,
                                                                  ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_PARTY_H */
