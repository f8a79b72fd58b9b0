/* SPDX-License-Identifier: Apache-2.0
 *
 * banned.h - calls libaccord must not make (STYLE.md 4.12).  Each is redefined to an
 * undeclared name so that a use fails to compile.  alloc.c, the one place allowed raw
 * allocation, defines ACI_ALLOC_IMPL before including internal.h.
 */
#ifndef ACI_BANNED_H
#define ACI_BANNED_H

#define ACI_BANNED(func) sorry_##func##_is_banned_in_accord

#undef strcpy
#define strcpy(a, b) ACI_BANNED(strcpy)
#undef strcat
#define strcat(a, b) ACI_BANNED(strcat)
#undef strncpy
#define strncpy(a, b, n) ACI_BANNED(strncpy)
#undef strncat
#define strncat(a, b, n) ACI_BANNED(strncat)
#undef sprintf
#define sprintf(...) ACI_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) ACI_BANNED(vsprintf)
#undef strtok
#define strtok(a, b) ACI_BANNED(strtok)
#undef gets
#define gets(a) ACI_BANNED(gets)
#undef atoi
#define atoi(a) ACI_BANNED(atoi)
#undef atol
#define atol(a) ACI_BANNED(atol)
#undef atof
#define atof(a) ACI_BANNED(atof)
#undef gmtime
#define gmtime(t) ACI_BANNED(gmtime)
#undef localtime
#define localtime(t) ACI_BANNED(localtime)
#undef ctime
#define ctime(t) ACI_BANNED(ctime)
#undef asctime
#define asctime(t) ACI_BANNED(asctime)
#undef rand
#define rand() ACI_BANNED(rand)
#undef system
#define system(c) ACI_BANNED(system)
#undef popen
#define popen(c, m) ACI_BANNED(popen)

#ifndef ACI_ALLOC_IMPL
#undef malloc
#define malloc(n) ACI_BANNED(malloc)
#undef calloc
#define calloc(c, n) ACI_BANNED(calloc)
#undef realloc
#define realloc(p, n) ACI_BANNED(realloc)
#undef free
#define free(p) ACI_BANNED(free)
#endif

#endif /* ACI_BANNED_H */
