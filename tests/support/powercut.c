/* SPDX-License-Identifier: Apache-2.0
 *
 * powercut.c - the power-cut VFS (powercut.h): the default VFS with an undo log of every
 * write since each file's last sync.
 */
#include "powercut.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The bytes a write or truncation replaced: LEN bytes at OFF (LEN may be 0 when the write
 * only extended the file). */
struct undo {
    struct undo *prev;
    sqlite3_int64 off;
    int len;
    unsigned char bytes[];
};

/* A file by path: its state outlives the handles that open and close it. */
struct tracked {
    struct tracked *next;
    struct undo *undo;         /* newest first */
    sqlite3_int64 synced_size; /* its size at its last sync (or when first seen) */
    char path[];
};

struct pc_file {
    sqlite3_file base;
    struct tracked *t; /* NULL for a temporary file without a name */
    sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs pc_vfs;
static struct tracked *files;
static bool power_off;

static struct tracked *
tracked_of(const char *path)
{
    struct tracked *t;
    struct stat st;

    for (t = files; t != NULL; t = t->next) {
        if (strcmp(t->path, path) == 0) {
            return t;
        }
    }
    t = calloc(1, sizeof *t + strlen(path) + 1);
    if (t == NULL) {
        abort();
    }
    strcpy(t->path, path);
    t->synced_size = stat(path, &st) == 0 ? (sqlite3_int64)st.st_size : 0;
    t->next = files;
    files = t;
    return t;
}

static void
forget_undo(struct tracked *t)
{
    while (t->undo != NULL) {
        struct undo *u = t->undo;

        t->undo = u->prev;
        free(u);
    }
}

/* Keep the LEN bytes at OFF that F is about to change. */
static int
keep_old_bytes(struct pc_file *f, sqlite3_int64 off, sqlite3_int64 len)
{
    sqlite3_int64 size = 0;
    struct undo *u;
    int rc = f->real->pMethods->xFileSize(f->real, &size);

    if (rc != SQLITE_OK) {
        return rc;
    }
    len = off >= size ? 0 : (off + len > size ? size - off : len);
    u = malloc(sizeof *u + (size_t)len);
    if (u == NULL) {
        return SQLITE_NOMEM;
    }
    u->off = off;
    u->len = (int)len;
    if (len > 0 && (rc = f->real->pMethods->xRead(f->real, u->bytes, (int)len, off)) != SQLITE_OK) {
        free(u);
        return rc;
    }
    u->prev = f->t->undo;
    f->t->undo = u;
    return SQLITE_OK;
}

static int
pc_close(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xClose(f->real);
}

static int
pc_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xRead(f->real, buf, n, off);
}

static int
pc_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
    struct pc_file *f = (struct pc_file *)file;
    int rc;

    if (power_off) {
        return SQLITE_OK;
    }
    if (f->t != NULL && (rc = keep_old_bytes(f, off, n)) != SQLITE_OK) {
        return rc;
    }
    return f->real->pMethods->xWrite(f->real, buf, n, off);
}

static int
pc_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct pc_file *f = (struct pc_file *)file;
    sqlite3_int64 now = 0;
    int rc;

    if (power_off) {
        return SQLITE_OK;
    }
    if (f->t != NULL) {
        if ((rc = f->real->pMethods->xFileSize(f->real, &now)) != SQLITE_OK) {
            return rc;
        }
        if (now > size && (rc = keep_old_bytes(f, size, now - size)) != SQLITE_OK) {
            return rc;
        }
    }
    return f->real->pMethods->xTruncate(f->real, size);
}

static int
pc_sync(sqlite3_file *file, int flags)
{
    struct pc_file *f = (struct pc_file *)file;
    int rc;

    if (power_off) {
        return SQLITE_OK;
    }
    rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK && f->t != NULL) {
        forget_undo(f->t);
        rc = f->real->pMethods->xFileSize(f->real, &f->t->synced_size);
    }
    return rc;
}

/* The rest pass through to the real file. */
static int
pc_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xFileSize(f->real, size);
}

static int
pc_lock(sqlite3_file *file, int level)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xLock(f->real, level);
}

static int
pc_unlock(sqlite3_file *file, int level)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xUnlock(f->real, level);
}

static int
pc_check_reserved_lock(sqlite3_file *file, int *out)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int
pc_file_control(sqlite3_file *file, int op, void *arg)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int
pc_sector_size(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xSectorSize(f->real);
}

static int
pc_device_characteristics(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int
pc_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}

static int
pc_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void
pc_shm_barrier(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;

    f->real->pMethods->xShmBarrier(f->real);
}

static int
pc_shm_unmap(sqlite3_file *file, int delete_flag)
{
    struct pc_file *f = (struct pc_file *)file;

    return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}

static int
pc_fetch(sqlite3_file *file, sqlite3_int64 off, int n, void **out)
{
    struct pc_file *f = (struct pc_file *)file;

    *out = NULL; /* no memory-mapped reads: every page comes through pc_read */
    (void)f;
    (void)off;
    (void)n;
    return SQLITE_OK;
}

static int
pc_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
    (void)file;
    (void)off;
    (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods pc_io = {
    3,
    pc_close,
    pc_read,
    pc_write,
    pc_truncate,
    pc_sync,
    pc_file_size,
    pc_lock,
    pc_unlock,
    pc_check_reserved_lock,
    pc_file_control,
    pc_sector_size,
    pc_device_characteristics,
    pc_shm_map,
    pc_shm_lock,
    pc_shm_barrier,
    pc_shm_unmap,
    pc_fetch,
    pc_unfetch,
};

static int
pc_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    struct pc_file *f = (struct pc_file *)file;
    int rc;

    (void)vfs;
    f->real = (sqlite3_file *)(f + 1);
    f->t = name != NULL ? tracked_of(name) : NULL;
    rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    /* SQLite calls xClose only when pMethods is set: set it only over an open real file */
    f->base.pMethods = rc == SQLITE_OK && f->real->pMethods != NULL ? &pc_io : NULL;
    return rc;
}

static int
pc_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    struct tracked *t;

    (void)vfs;
    if (power_off) {
        return SQLITE_OK;
    }
    for (t = files; t != NULL; t = t->next) {
        if (strcmp(t->path, name) == 0) {
            forget_undo(t); /* a deletion counts as durable (powercut.h) */
            t->synced_size = 0;
        }
    }
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

void
powercut_install(void)
{
    if (real_vfs != NULL) {
        return;
    }
    sqlite3_initialize();
    real_vfs = sqlite3_vfs_find(NULL);
    pc_vfs = *real_vfs;
    pc_vfs.zName = "powercut";
    pc_vfs.pNext = NULL;
    pc_vfs.szOsFile = (int)sizeof(struct pc_file) + real_vfs->szOsFile;
    pc_vfs.xOpen = pc_open;
    pc_vfs.xDelete = pc_delete;
    sqlite3_vfs_register(&pc_vfs, 1);
}

void
powercut_flush(void)
{
    struct stat st;

    for (struct tracked *t = files; t != NULL; t = t->next) {
        forget_undo(t);
        t->synced_size = stat(t->path, &st) == 0 ? (sqlite3_int64)st.st_size : 0;
    }
}

size_t
powercut_now(void)
{
    size_t undone = 0;

    for (struct tracked *t = files; t != NULL; t = t->next) {
        int fd = open(t->path, O_WRONLY);

        if (fd < 0) {
            forget_undo(t);
            continue;
        }
        for (struct undo *u = t->undo; u != NULL; u = u->prev, undone++) {
            if (u->len > 0 && pwrite(fd, u->bytes, (size_t)u->len, (off_t)u->off) != u->len) {
                abort();
            }
        }
        if (ftruncate(fd, (off_t)t->synced_size) != 0) {
            abort();
        }
        close(fd);
        forget_undo(t);
    }
    power_off = true;
    return undone;
}

void
powercut_restore(void)
{
    while (files != NULL) {
        struct tracked *t = files;

        files = t->next;
        forget_undo(t);
        free(t);
    }
    power_off = false;
}
