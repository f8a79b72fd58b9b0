/* SPDX-License-Identifier: Apache-2.0
 *
 * read_un.c - a watchlist from the UN Security Council consolidated list (XML, screen.h):
 * each INDIVIDUAL and ENTITY by its DATAID, named by its FIRST_NAME..FOURTH_NAME, with its
 * aliases (ALIAS_NAME), its name in the original script (NAME_ORIGINAL_SCRIPT) and its
 * first date of birth (DATE, or YEAR).  Parsed with libxml2, network access off.
 */
#include "internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "accord/screen.h"

static bool
named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of child NAME of NODE (trimmed, in A), or NULL when absent or empty. */
static const char *
child_text(const xmlNode *node, const char *name, ac_arena *a)
{
    for (const xmlNode *c = node->children; c != NULL; c = c->next) {
        if (named(c, name)) {
            xmlChar *t = xmlNodeGetContent(c);
            const char *s = (const char *)t, *out = NULL;
            size_t n;

            if (t == NULL) {
                return NULL;
            }
            while (*s == ' ' || *s == '\n' || *s == '\t') {
                s++;
            }
            n = strlen(s);
            while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t')) {
                n--;
            }
            out = n > 0 ? ac_arena_strndup(a, s, n) : NULL;
            xmlFree(t);
            return out;
        }
    }
    return NULL;
}

/* The first usable date of birth of an individual, as text in A, or NULL. */
static const char *
first_dob(const xmlNode *person, ac_arena *a)
{
    for (const xmlNode *c = person->children; c != NULL; c = c->next) {
        if (named(c, "INDIVIDUAL_DATE_OF_BIRTH")) {
            const char *d = child_text(c, "DATE", a);

            d = d != NULL ? d : child_text(c, "YEAR", a);
            if (d != NULL) {
                return d;
            }
        }
    }
    return NULL;
}

static ac_code
add_record(ac_watchlist *w, const xmlNode *rec, ac_arena *a, ac_error *err)
{
    static const char *const parts[] = { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" };
    const char *id = child_text(rec, "DATAID", a), *dob = first_dob(rec, a);
    const char *native = child_text(rec, "NAME_ORIGINAL_SCRIPT", a);
    char *name = ac_arena_strdup(a, "");
    ac_code rc = AC_OK;

    for (size_t i = 0; name != NULL && i < sizeof parts / sizeof parts[0]; i++) {
        const char *p = child_text(rec, parts[i], a);

        if (p != NULL) {
            name = ac_arena_printf(a, "%s%s%s", name, name[0] ? " " : "", p);
        }
    }
    if (id == NULL || name == NULL || name[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "UN list line %ld: a record without DATAID or name",
                        (long)xmlGetLineNo((xmlNode *)rec));
    }
    rc = ac_watchlist_add(w, id, name, dob, err);
    if (rc == AC_EINVAL && dob != NULL) { /* an odd date: keep the name */
        rc = ac_watchlist_add(w, id, name, NULL, err);
    }
    if (rc == AC_OK && native != NULL && ac_watchlist_add(w, id, native, NULL, NULL) != AC_OK) {
        rc = AC_OK; /* a native-script name that makes no words adds nothing */
    }
    for (const xmlNode *c = rec->children; rc == AC_OK && c != NULL; c = c->next) {
        if (named(c, "INDIVIDUAL_ALIAS") || named(c, "ENTITY_ALIAS")) {
            const char *alias = child_text(c, "ALIAS_NAME", a);

            if (alias != NULL) {
                rc = ac_watchlist_add(w, id, alias, NULL, err);
            }
        }
    }
    if (rc != AC_OK) {
        aci_error_prefix(err, "UN list record %s: ", id);
    }
    return rc;
}

ac_code
ac_watchlist_read_un(ac_watchlist *w, const char *path, ac_error *err)
{
    xmlDoc *doc = xmlReadFile(
        path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    ac_arena *a = ac_arena_new(0);
    const xmlNode *root;
    ac_code rc = AC_OK;

    if (a == NULL) {
        xmlFreeDoc(doc);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (doc == NULL) {
        const xmlError *x = xmlGetLastError();

        ac_arena_free(a);
        return aci_fail(err, AC_EINVAL, "%s: not XML the UN list uses (line %d: %s)", path,
                        x != NULL ? x->line : 0, x != NULL && x->message ? x->message : "");
    }
    root = xmlDocGetRootElement(doc);
    if (root == NULL || !named(root, "CONSOLIDATED_LIST")) {
        rc = aci_fail(err, AC_EINVAL, "%s: expected the root element CONSOLIDATED_LIST", path);
    }
    for (const xmlNode *group = root != NULL ? root->children : NULL; rc == AC_OK && group != NULL;
         group = group->next) {
        if (!named(group, "INDIVIDUALS") && !named(group, "ENTITIES")) {
            continue;
        }
        for (const xmlNode *rec = group->children; rc == AC_OK && rec != NULL; rec = rec->next) {
            if (named(rec, "INDIVIDUAL") || named(rec, "ENTITY")) {
                rc = add_record(w, rec, a, err);
                ac_arena_reset(a);
            }
        }
    }
    xmlFreeDoc(doc);
    ac_arena_free(a);
    return rc;
}
