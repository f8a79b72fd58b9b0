/* SPDX-License-Identifier: Apache-2.0
 *
 * powercut.h - a SQLite VFS for tests that can cut the power: every write a file has not
 * yet made durable (with xSync) is undone, as on a machine that lost power before its disk
 * cache was flushed.
 *
 * The shim wraps the default VFS and becomes the default itself, so a hub opened after
 * powercut_install uses it without knowing.  Each write is made at once (reads see it) and
 * its previous bytes are kept until the file's next sync; powercut_now restores them, in
 * reverse order, and truncates each file to its size at its last sync.  From then on the
 * machine is off: writes, syncs, truncations and deletions are accepted and do nothing,
 * so closing the hub changes nothing on disk.  powercut_restore turns the power back on.
 *
 * What it does not model: a file created or deleted since its directory was last synced
 * (SQLite syncs the directory when it creates a journal; the test treats those as done),
 * and torn sectors within one write.  Tests only; one hub at a time; not thread-safe.
 */
#ifndef ACCORD_TEST_POWERCUT_H
#define ACCORD_TEST_POWERCUT_H

#include <stddef.h>

/* Register the shim as SQLite's default VFS (once; later calls do nothing). */
void powercut_install(void);

/* The operating system has written its cache out: everything written so far is on disk
 * (a test's set-up, before the writes whose fate it examines). */
void powercut_flush(void);

/* Cut the power: undo every write not yet synced; returns how many writes were undone. */
size_t powercut_now(void);

/* The power is back: writes reach the files again, and nothing is pending. */
void powercut_restore(void);

#endif
