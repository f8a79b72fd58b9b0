/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_csv.c - the pull-style CSV reader and writer (lib/core/csv.c) on files in
 * /tmp: quoting, line endings, byte-order marks, line numbers, bounds and errors.
 */
#include "support.h"

#include <unistd.h>

#include "core/csv_int.h"

#define MAX_FIELD (64u * 1024u)

/* Write LEN bytes of TEXT to a temporary file and open it (the file is unlinked at
 * once: the open stream keeps it readable). */
static struct aci_csv *
open_bytes(const char *text, size_t len, size_t max_field)
{
    const char *path = test_write_file(0, text, len);
    struct aci_csv *r = NULL;
    ac_error err = { 0 };

    if (aci_csv_open(path, max_field, &r, &err) != AC_OK) {
        fail_msg("aci_csv_open: %s", err.msg);
    }
    unlink(path);
    assert_non_null(r);
    return r;
}

static struct aci_csv *
open_text(const char *text)
{
    return open_bytes(text, strlen(text), MAX_FIELD);
}

/* Read the next row, which must exist and be well-formed. */
static void
next_row(struct aci_csv *r, struct aci_csv_row *row)
{
    bool has_row = false;
    ac_error err = { 0 };

    if (aci_csv_next(r, row, &has_row, &err) != AC_OK) {
        fail_msg("aci_csv_next: %s", err.msg);
    }
    assert_true(has_row);
}

/* The reader must be at the end of the file (and stay there). */
static void
expect_end(struct aci_csv *r)
{
    struct aci_csv_row row;
    bool has_row = true;
    ac_error err = { 0 };

    assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_OK);
    assert_false(has_row);
    has_row = true;
    assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_OK);
    assert_false(has_row);
}

/* ROW must be on LINE and hold the N fields F0, F1 (N <= 2; NULL for unused). */
static void
expect_row(const struct aci_csv_row *row, uint64_t line, size_t n, const char *f0, const char *f1)
{
    assert_int_equal(row->line, line);
    assert_int_equal(row->n_fields, n);
    if (n > 0) {
        assert_string_equal(row->fields[0], f0);
        assert_int_equal(row->lens[0], strlen(f0));
    }
    if (n > 1) {
        assert_string_equal(row->fields[1], f1);
        assert_int_equal(row->lens[1], strlen(f1));
    }
}

/* csv: LF-terminated rows read field by field with their line numbers */
static void
csv_reads_lf_rows(void **state)
{
    struct aci_csv *r = open_text("a,b\nc,d\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    next_row(r, &row);
    expect_row(&row, 2, 2, "c", "d");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: CRLF-terminated rows read the same as LF ones */
static void
csv_reads_crlf_rows(void **state)
{
    struct aci_csv *r = open_text("a,b\r\nc,d\r\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    next_row(r, &row);
    expect_row(&row, 2, 2, "c", "d");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: bare-CR-terminated rows (old Mac files) split into rows */
static void
csv_reads_bare_cr_rows(void **state)
{
    struct aci_csv *r = open_text("a,b\rc,d\re,f\r");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    assert_int_equal(row.n_fields, 2);
    assert_string_equal(row.fields[0], "a");
    next_row(r, &row);
    assert_string_equal(row.fields[0], "c");
    assert_string_equal(row.fields[1], "d");
    next_row(r, &row);
    assert_string_equal(row.fields[0], "e");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: rows of a bare-CR file are numbered by physical line */
static void
csv_numbers_bare_cr_lines(void **state)
{
    struct aci_csv *r = open_text("a,b\rc,d\re,f\r");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    next_row(r, &row);
    expect_row(&row, 2, 2, "c", "d");
    next_row(r, &row);
    expect_row(&row, 3, 2, "e", "f");
    aci_csv_close(r);
}

/* csv: the last row is read when the file lacks a final newline */
static void
csv_reads_missing_final_newline(void **state)
{
    struct aci_csv *r = open_text("a,b\nc,d");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    next_row(r, &row);
    expect_row(&row, 2, 2, "c", "d");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: a quoted field keeps its commas */
static void
csv_quoted_field_keeps_commas(void **state)
{
    struct aci_csv *r = open_text("\"Smith, John\",x\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "Smith, John", "x");
    aci_csv_close(r);
}

/* csv: doubled quotes inside a quoted field are one quote */
static void
csv_doubled_quotes_unescape(void **state)
{
    struct aci_csv *r = open_text("\"say \"\"hi\"\"\",\"\"\"\"\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "say \"hi\"", "\"");
    aci_csv_close(r);
}

/* csv: a quoted field keeps embedded newlines and the next row's line is right */
static void
csv_embedded_newline_keeps_lines(void **state)
{
    struct aci_csv *r = open_text("h1,h2\n\"line1\nline2\",x\nnext,y\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "h1", "h2");
    next_row(r, &row);
    expect_row(&row, 2, 2, "line1\nline2", "x");
    next_row(r, &row);
    expect_row(&row, 4, 2, "next", "y");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: embedded CRLF newlines in a CRLF file count as one line each */
static void
csv_embedded_crlf_keeps_lines(void **state)
{
    struct aci_csv *r = open_text("\"a\r\nb\r\nc\",x\r\nnext,y\r\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a\r\nb\r\nc", "x");
    next_row(r, &row);
    expect_row(&row, 4, 2, "next", "y");
    aci_csv_close(r);
}

/* csv: rows after a multi-line field keep correct line numbers, blank lines too */
static void
csv_lines_after_multiline_field(void **state)
{
    struct aci_csv *r = open_text("h\n\"x\ny\nz\"\nnext\n\nlast\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 1, "h", NULL);
    next_row(r, &row);
    expect_row(&row, 2, 1, "x\ny\nz", NULL);
    next_row(r, &row);
    expect_row(&row, 5, 1, "next", NULL);
    next_row(r, &row);
    expect_row(&row, 7, 1, "last", NULL);
    expect_end(r);
    aci_csv_close(r);
}

/* csv: spaces around unquoted fields are dropped ("a, b" gives "b") */
static void
csv_space_after_comma_is_dropped(void **state)
{
    struct aci_csv *r = open_text("a, b\nc ,d\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    next_row(r, &row);
    expect_row(&row, 2, 2, "c", "d");
    aci_csv_close(r);
}

/* csv: spaces inside quotes are kept */
static void
csv_quoted_spaces_are_kept(void **state)
{
    struct aci_csv *r = open_text("\" a \", \"b \"\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, " a ", "b ");
    aci_csv_close(r);
}

/* csv: empty fields are read as empty strings */
static void
csv_empty_fields_are_empty(void **state)
{
    struct aci_csv *r = open_text("a,,c\n,\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    assert_int_equal(row.n_fields, 3);
    assert_string_equal(row.fields[1], "");
    assert_int_equal(row.lens[1], 0);
    assert_string_equal(row.fields[2], "c");
    next_row(r, &row);
    expect_row(&row, 2, 2, "", "");
    aci_csv_close(r);
}

/* csv: a NUL byte inside a field is kept and counted in the length */
static void
csv_field_lengths_count_nul_bytes(void **state)
{
    static const char text[] = "a\0b,cd\n";
    struct aci_csv *r = open_bytes(text, sizeof text - 1, MAX_FIELD);
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    assert_int_equal(row.n_fields, 2);
    assert_int_equal(row.lens[0], 3);
    assert_memory_equal(row.fields[0], "a\0b", 3);
    assert_int_equal(row.longest, 3);
    aci_csv_close(r);
}

/* csv: a UTF-8 byte-order mark is skipped */
static void
csv_skips_utf8_bom(void **state)
{
    struct aci_csv *r = open_text("\xef\xbb\xbfid,name\n1,x\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "id", "name");
    next_row(r, &row);
    expect_row(&row, 2, 2, "1", "x");
    aci_csv_close(r);
}

/* csv: a UTF-16 file (either byte order) is refused on line 1 */
static void
csv_rejects_utf16(void **state)
{
    static const char le[] = "\xff\xfei\0d\0\n\0";
    static const char be[] = "\xfe\xff\0i\0d\0\n";
    const char *const texts[] = { le, be };

    (void)state;
    for (int i = 0; i < 2; i++) {
        struct aci_csv *r = open_bytes(texts[i], sizeof le - 1, MAX_FIELD);
        struct aci_csv_row row;
        bool has_row = true;
        ac_error err = { 0 };

        assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_EINVAL);
        assert_false(has_row);
        assert_non_null(strstr(err.msg, "line 1"));
        assert_non_null(strstr(err.msg, "UTF-16"));
        aci_csv_close(r);
    }
}

/* csv: an unterminated quote stops reading with AC_EINVAL and a line number */
static void
csv_unterminated_quote_is_einval(void **state)
{
    struct aci_csv *r = open_text("a,b\n\"open,c\nd,e\n");
    struct aci_csv_row row;
    bool has_row = true;
    ac_error err = { 0 };

    (void)state;
    next_row(r, &row);
    expect_row(&row, 1, 2, "a", "b");
    assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_EINVAL);
    assert_false(has_row);
    assert_non_null(strstr(err.msg, "unterminated"));
    assert_non_null(strstr(err.msg, "line "));
    aci_csv_close(r);
}

/* csv: a field over the bound rejects its row (has_row) and reading continues */
static void
csv_long_field_rejects_row_and_continues(void **state)
{
    static const char text[] = "a,0123456789abcdefXYZ,b\nnext,row\n";
    struct aci_csv *r = open_bytes(text, sizeof text - 1, 16);
    struct aci_csv_row row;
    bool has_row = false;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_EINVAL);
    assert_true(has_row);
    assert_int_equal(row.line, 1);
    assert_non_null(strstr(err.msg, "line 1"));
    next_row(r, &row);
    expect_row(&row, 2, 2, "next", "row");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: a 1 MB field under the default 64 KiB bound rejects its row, reading continues */
static void
csv_huge_field_rejects_row_and_continues(void **state)
{
    size_t big = 1024u * 1024u;
    const char *head = "id,name\n1,";
    const char *tail = "\n2,ok\n";
    size_t len = strlen(head) + big + strlen(tail);
    char *text = aci_malloc(len);
    struct aci_csv *r;
    struct aci_csv_row row;
    bool has_row = false;
    ac_error err = { 0 };

    (void)state;
    assert_non_null(text);
    memcpy(text, head, strlen(head));
    memset(text + strlen(head), 'x', big);
    memcpy(text + strlen(head) + big, tail, strlen(tail));
    r = open_bytes(text, len, MAX_FIELD);
    aci_free(text);
    next_row(r, &row);
    expect_row(&row, 1, 2, "id", "name");
    assert_int_equal(aci_csv_next(r, &row, &has_row, &err), AC_EINVAL);
    assert_true(has_row);
    assert_int_equal(row.line, 2);
    assert_non_null(strstr(err.msg, "line 2"));
    next_row(r, &row);
    expect_row(&row, 3, 2, "2", "ok");
    expect_end(r);
    aci_csv_close(r);
}

/* csv: an empty file has no rows */
static void
csv_empty_file_has_no_rows(void **state)
{
    struct aci_csv *r = open_bytes("", 0, MAX_FIELD);

    (void)state;
    expect_end(r);
    assert_int_equal(aci_csv_file_size(r), 0);
    aci_csv_close(r);
}

/* csv: a file of blank lines has no rows */
static void
csv_blank_file_has_no_rows(void **state)
{
    struct aci_csv *r = open_text("\n\r\n\n");

    (void)state;
    expect_end(r);
    aci_csv_close(r);
}

/* csv: blank lines between rows are skipped but counted */
static void
csv_skips_blank_lines(void **state)
{
    struct aci_csv *r = open_text("\na\n\n\r\nb\n\n");
    struct aci_csv_row row;

    (void)state;
    next_row(r, &row);
    expect_row(&row, 2, 1, "a", NULL);
    next_row(r, &row);
    expect_row(&row, 5, 1, "b", NULL);
    expect_end(r);
    aci_csv_close(r);
}

/* csv: thousands of rows across read chunks keep their content and line numbers */
static void
csv_rows_across_chunks_keep_lines(void **state)
{
    size_t n_rows = 40000, cap = n_rows * 48, len = 0;
    char *text = aci_malloc(cap);
    struct aci_csv *r;
    struct aci_csv_row row;

    (void)state;
    assert_non_null(text);
    for (size_t i = 0; i < n_rows; i++) {
        if (i % 1000 == 7) {
            len += (size_t)snprintf(text + len, cap - len, "%zu,\"multi\nline %zu\"\n", i, i);
        } else {
            len += (size_t)snprintf(text + len, cap - len, "%zu,value %zu\n", i, i);
        }
    }
    r = open_bytes(text, len, MAX_FIELD);
    aci_free(text);
    assert_true(aci_csv_file_size(r) > 256u * 1024u);
    for (size_t i = 0, line = 1; i < n_rows; i++) {
        char want0[32], want1[48];

        snprintf(want0, sizeof want0, "%zu", i);
        if (i % 1000 == 7) {
            snprintf(want1, sizeof want1, "multi\nline %zu", i);
        } else {
            snprintf(want1, sizeof want1, "value %zu", i);
        }
        next_row(r, &row);
        expect_row(&row, line, 2, want0, want1);
        line += i % 1000 == 7 ? 2 : 1;
    }
    expect_end(r);
    assert_int_equal(aci_csv_bytes_read(r), aci_csv_file_size(r));
    aci_csv_close(r);
}

/* csv: opening a missing file is AC_ENOTFOUND */
static void
csv_open_missing_file_is_not_found(void **state)
{
    struct aci_csv *r = (struct aci_csv *)&r;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_csv_open("/nonexistent/accord/none.csv", MAX_FIELD, &r, &err),
                     AC_ENOTFOUND);
    assert_null(r);
    assert_non_null(strstr(err.msg, "cannot open"));
}

/* csv: closing NULL does nothing */
static void
csv_close_null_is_noop(void **state)
{
    (void)state;
    aci_csv_close(NULL);
}

/* csv: rows written by aci_csv_write_row read back field for field */
static void
csv_write_row_round_trips(void **state)
{
    static const char *const row1[] = { "plain",       "with,comma",    "with \"quotes\"",
                                        "multi\nline", "crlf\r\nline",  "",
                                        "  spaced  ",  "M\xc3\xbcller", "trailing\n",
                                        "\"",          "bare\rreturn" };
    static const char *const row2[] = { "second", "row" };
    const char *path = test_write_file(1, "", 0);
    FILE *fp = fopen(path, "wb");
    struct aci_csv *r = NULL;
    struct aci_csv_row row;
    ac_error err = { 0 };

    (void)state;
    assert_non_null(fp);
    assert_int_equal(aci_csv_write_row(fp, row1, ACI_ARRAY_LEN(row1), &err), AC_OK);
    assert_int_equal(aci_csv_write_row(fp, row2, ACI_ARRAY_LEN(row2), &err), AC_OK);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(aci_csv_open(path, MAX_FIELD, &r, &err), AC_OK);
    unlink(path);
    next_row(r, &row);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.n_fields, ACI_ARRAY_LEN(row1));
    for (size_t i = 0; i < ACI_ARRAY_LEN(row1); i++) {
        assert_string_equal(row.fields[i], row1[i]);
        assert_int_equal(row.lens[i], strlen(row1[i]));
    }
    next_row(r, &row);
    expect_row(&row, 5, 2, "second", "row"); /* row 1 holds three '\n' */
    expect_end(r);
    aci_csv_close(r);
}

/* csv: a NULL field is written as an empty one */
static void
csv_write_row_null_field_is_empty(void **state)
{
    const char *fields[] = { "a", NULL, "c" };
    const char *path = test_write_file(1, "", 0);
    FILE *fp = fopen(path, "wb");
    struct aci_csv *r = NULL;
    struct aci_csv_row row;
    ac_error err = { 0 };

    (void)state;
    assert_non_null(fp);
    assert_int_equal(aci_csv_write_row(fp, fields, 3, &err), AC_OK);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(aci_csv_open(path, MAX_FIELD, &r, &err), AC_OK);
    unlink(path);
    next_row(r, &row);
    assert_int_equal(row.n_fields, 3);
    assert_string_equal(row.fields[1], "");
    assert_string_equal(row.fields[2], "c");
    aci_csv_close(r);
}

/* Open and read all of PATH; AC_OK or the first error. */
static ac_code
read_all(const char *path)
{
    struct aci_csv *r = NULL;
    struct aci_csv_row row;
    bool has_row = true;
    ac_code rc = aci_csv_open(path, MAX_FIELD, &r, NULL);

    while (rc == AC_OK && has_row) {
        rc = aci_csv_next(r, &row, &has_row, NULL);
    }
    aci_csv_close(r);
    return rc;
}

/* csv: an allocation failure while reading is AC_ENOMEM or recovered, and never leaks
 * (libcsv retries a failed buffer growth with a smaller size, so some failures pass) */
static void
csv_read_survives_each_oom(void **state)
{
    size_t cap = 64 * 1024, len = 0;
    char *text = aci_malloc(cap);
    const char *path;
    int n_enomem = 0;

    (void)state;
    assert_non_null(text);
    for (int i = 0; i < 40; i++) {
        len += (size_t)snprintf(text + len, cap - len, "%d,\"quoted, %d\",%0*d\n", i, i,
                                i * 37 % 700 + 1, i);
    }
    path = test_write_file(2, text, len);
    aci_free(text);
    for (unsigned long n = 1; n <= 400; n++) {
        ac_code rc;

        aci_alloc_fail_at(n);
        rc = read_all(path);
        aci_alloc_fail_at(0);
        if (rc != AC_OK && rc != AC_ENOMEM) {
            fail_msg("allocation %lu failed: code %d", n, (int)rc);
        }
        n_enomem += rc == AC_ENOMEM;
        if (n > 300) {
            assert_int_equal(rc, AC_OK); /* well past the last allocation */
        }
    }
    assert_true(n_enomem > 3);
    unlink(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_reads_lf_rows),
        cmocka_unit_test(csv_reads_crlf_rows),
        cmocka_unit_test(csv_reads_bare_cr_rows),
        cmocka_unit_test(csv_numbers_bare_cr_lines),
        cmocka_unit_test(csv_reads_missing_final_newline),
        cmocka_unit_test(csv_quoted_field_keeps_commas),
        cmocka_unit_test(csv_doubled_quotes_unescape),
        cmocka_unit_test(csv_embedded_newline_keeps_lines),
        cmocka_unit_test(csv_embedded_crlf_keeps_lines),
        cmocka_unit_test(csv_lines_after_multiline_field),
        cmocka_unit_test(csv_space_after_comma_is_dropped),
        cmocka_unit_test(csv_quoted_spaces_are_kept),
        cmocka_unit_test(csv_empty_fields_are_empty),
        cmocka_unit_test(csv_field_lengths_count_nul_bytes),
        cmocka_unit_test(csv_skips_utf8_bom),
        cmocka_unit_test(csv_rejects_utf16),
        cmocka_unit_test(csv_unterminated_quote_is_einval),
        cmocka_unit_test(csv_long_field_rejects_row_and_continues),
        cmocka_unit_test(csv_huge_field_rejects_row_and_continues),
        cmocka_unit_test(csv_empty_file_has_no_rows),
        cmocka_unit_test(csv_blank_file_has_no_rows),
        cmocka_unit_test(csv_skips_blank_lines),
        cmocka_unit_test(csv_rows_across_chunks_keep_lines),
        cmocka_unit_test(csv_open_missing_file_is_not_found),
        cmocka_unit_test(csv_close_null_is_noop),
        cmocka_unit_test(csv_write_row_round_trips),
        cmocka_unit_test(csv_write_row_null_field_is_empty),
        cmocka_unit_test(csv_read_survives_each_oom),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
