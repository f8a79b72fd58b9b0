# SPDX-License-Identifier: Apache-2.0
#
# cli_import.sh - accord import persons end to end: a good file with header synonyms,
# every kind of bad input (reported with its line and reason, database untouched),
# --quarantine, line-ending and encoding variants, and who may import.
#
# Run as: bash cli_import.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
CTU='West Midlands CTU'
BCC='Birmingham City Council'
GOOD=$TESTS_DIR/data/persons_synonyms.csv

accord --db "$DB" init --agency "$CTU" --admin wm.admin
exits 0 "set-up: init"
accord --db "$DB" --as wm.admin agency add "$BCC" --kind local_authority
exits 0 "set-up: a second agency"
accord --db "$DB" --as wm.admin user add wm.admin2 --agency "$CTU" --roles admin --vetting bpss
accord --db "$DB" --as wm.admin user add bcc.admin --agency "$BCC" --roles admin --vetting bpss
enrol_user "$DB" wm.admin wm.admin2
enrol_user "$DB" wm.admin bcc.admin
accord --db "$DB" --as wm.admin user add ana --agency "$CTU" --roles analyst --vetting sc
exits 0 "set-up: an analyst of the CTU"
accord --db "$DB" --as bcc.admin user add cas --agency "$BCC" --roles caseworker --vetting ctc
exits 0 "set-up: a caseworker of the council"
approve_grants "$DB" wm.admin2
enrol_user "$DB" wm.admin ana
enrol_user "$DB" bcc.admin cas

# import FILE [EXTRA ARGS...]: the analyst imports FILE into the CTU.
import() {
    local file=$1
    shift
    accord --db "$DB" --as ana --purpose 'cli import test' import persons "$file" --agency "$CTU" "$@"
}

# search_json NAME: the analyst's search for NAME, one JSON object a line, in $OUT.
search_json() {
    accord --db "$DB" --as ana --purpose 'cli import test' --json person search "$1"
}

# json_check DESC PYTHON_EXPR: evaluate EXPR with `rows` = the JSON lines of $OUT.
json_check() {
    ok "$1" python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.argv[2].splitlines() if l.strip()]
ok = eval(sys.argv[1])
if not ok:
    print("# rows:", rows)
sys.exit(0 if ok else 1)' "$2" "$OUT"
}

persons_count() {
    sqlite3 -batch "$DB" 'select count(*) from persons'
}

# --- a good file with header synonyms ---------------------------------------------------

import "$GOOD"
exits 0 "a good file with header synonyms imports"
like "$OUT" '^imported 6 of 6 rows' "the import reports 6 of 6 rows"
is "$(persons_count)" 6 "the hub holds 6 persons"

accord --db "$DB" --as wm.admin status
like "$OUT" '^  persons +6 \(8 names\)$' "status counts 6 persons and 8 names (2 aliases)"

search_json 'aoife ni testuin'
json_check "first_name/surname/date_of_birth/post_code/street_number/address_1/town are read" \
    'len(rows) == 1 and rows[0]["source_ref"] == "T-001" and rows[0]["names"][0]["given"] == "Aoife" and rows[0]["names"][0]["family"] == "Ní Testúin" and rows[0]["dob"] == "1979-11-23" and rows[0]["addresses"][0] == {"line": "12 Oak Road", "town": "Birmingham", "postcode": "B11 4AA"}'

search_json 'jurgen testmann'
json_check "a compact date, middle_name and passport_no are read" \
    'len(rows) == 1 and rows[0]["dob"] == "1965-04-05" and rows[0]["names"][0]["middle"] == "Karl" and rows[0]["identifiers"] == [{"kind": "passport", "value": "123456789"}]'

search_json 'okonkwo'
json_check "a DD/MM/YYYY date, nino and ';'-separated aliases are read" \
    'len(rows) == 1 and rows[0]["dob"] == "1985-03-07" and [n["full"] for n in rows[0]["names"] if n["kind"] == "alias"] == ["Amara Sample", "A. Okonkwo"] and rows[0]["identifiers"] == [{"kind": "ni_number", "value": "AB123456C"}]'

search_json 'sample'
json_check "an alias is searchable" 'len(rows) == 1 and rows[0]["source_ref"] == "T-003"'

search_json "sam o'testing"
json_check "quoted fields with doubled quotes and commas are read" \
    'len(rows) == 1 and rows[0]["names"][0]["given"] == "Sam \"Sammy\"" and rows[0]["addresses"][0]["line"] == "Flat 2, High Street" and rows[0]["identifiers"][0]["value"] == "05/123456X"'

search_json 'fatima'
json_check "the row after a quoted field holding a newline is read" \
    'len(rows) == 1 and rows[0]["source_ref"] == "T-006" and rows[0]["dob"] == "1988-02-29"'

accord --db "$DB" --as ana --purpose 'cli import test' person search --dob 1990 zhangtest
like "$OUT" ' 1990-04 +B5 7QQ +T-004 +[01]\.[0-9]{2} ' "a partial date (YYYY-MM) is read and searchable"

# --- bad input: each reported with its line and reason, nothing written ----------------

# bad_import NAME FILE ERE...: importing FILE exits 1, stderr matches every ERE, and the
# persons-bearing tables are exactly as before.
bad_import() {
    local name=$1 file=$2 re
    shift 2
    person_tables "$DB" >"$T/before.txt"
    import "$file"
    exits 1 "$name: exits 1"
    for re in "$@"; do
        like "$ERR" "$re" "$name: stderr matches /$re/"
    done
    unlike "$ERR" '^line [0-9]+: line [0-9]+:' "$name: each problem names its line once"
    person_tables "$DB" >"$T/after.txt"
    if cmp -s "$T/before.txt" "$T/after.txt"; then
        pass "$name: the database is unchanged"
    else
        fail "$name: the database is unchanged" "$(diff "$T/before.txt" "$T/after.txt" | head -n 20)"
    fi
}

printf 'ref,first_name,surname\nE-1,Anna,Goodrow\nE-2,Hans,M\xfcller\nE-3,Lena,Goodrow\n' >"$T/latin1.csv"
bad_import "Latin-1 bytes" "$T/latin1.csv" '^line 3: .*UTF-8' 'nothing was imported'
unlike "$ERR" '^line [24]:' "Latin-1 bytes: only the bad line is reported"

printf 'ref,first_name,surname\nE-1,Anna,Good\n' | iconv -f UTF-8 -t UTF-16 >"$T/utf16.csv"
bad_import "a UTF-16 file" "$T/utf16.csv" 'line 1: .*UTF-16'

printf 'ref,dob,postcode\nE-1,1980-01-01,B1 1AA\n' >"$T/noname.csv"
bad_import "no name column" "$T/noname.csv" 'missing required column'

printf 'ref,surname,dob\nE-1,Datesok,1980-01-01\nE-2,Monthbad,1985-13-01\nE-3,Datesok,1981\nE-4,Daybad,31/02/1990\n' >"$T/dates.csv"
bad_import "bad dates" "$T/dates.csv" "^line 3: column 'dob': .*month 13" "^line 5: column 'dob': .*does not exist" \
    '2 of 4 rows rejected'

printf 'ref,surname,dob\nE-1,Future,2199-01-01\n' >"$T/future.csv"
bad_import "a date of birth in the future" "$T/future.csv" "^line 2: column 'dob': .*future"

printf 'ref,first_name,surname\nE-1,Noletters,Ok\nE-2,,---\n' >"$T/noletters.csv"
bad_import "a name without letters" "$T/noletters.csv" "^line 3: column 'surname': .*letter"

printf 'ref,surname\nU-1,Dupfirst\nU-2,Dupsecond\nU-1,Dupthird\n' >"$T/dup.csv"
bad_import "duplicate ids in the file" "$T/dup.csv" "^line 4: column 'ref': .*duplicate"
unlike "$ERR" '^line [23]:' "duplicate ids: the first occurrence is not reported"

printf 'ref,surname,dob\nU-1,Dupafter,1990-13-01\nU-2,Dupafter,1980\nU-2,Dupafter,1981\n' >"$T/dup_after_error.csv"
bad_import "a duplicate id after another bad row" "$T/dup_after_error.csv" "^line 2: column 'dob'" \
    "^line 4: column 'ref': .*duplicate"

bad_import "ids already in the hub" "$GOOD" "^line 2: column 'record_id': .*duplicate" \
    '6 of 6 rows rejected'

printf 'ref,surname\nQ-1,Quotefirst\nQ-2,"Unclosed\nQ-3,Quotethird\nQ-4,Quotefourth\n' >"$T/unterminated.csv"
bad_import "an unterminated quote" "$T/unterminated.csv" 'line [0-9]+: .*unterminated'

python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("ref,surname\nB-1,Bigfirst\nB-2," + "x" * (1024 * 1024) + "\nB-3,Bigthird\n")' "$T/bigfield.csv"
bad_import "a 1 MB field" "$T/bigfield.csv" 'line 3: .*longer than'

printf 'ref,surname,dob\n' >"$T/header_only.csv"
bad_import "a header and no rows" "$T/header_only.csv" 'no data rows'

: >"$T/empty.csv"
bad_import "an empty file" "$T/empty.csv" 'empty'

printf 'ref,surname\nF-1,Fieldsok\nF-2,Fieldsextra,extra\nF-3\nF-4,Fieldsok\n' >"$T/fields.csv"
bad_import "rows with the wrong number of fields" "$T/fields.csv" '^line 3: .*fields' '^line 4: .*fields'

printf 'ref,surname,notes,dob\nL-1,Linesok,"one\ntwo\nthree",1980\nL-2,Linesbad,x,1980-02-30\n' >"$T/lines.csv"
bad_import "line numbers count the lines inside quoted fields" "$T/lines.csv" "^line 5: column 'dob'"

accord --db "$DB" --as ana --purpose 'cli import test' import persons "$T/no-such-file.csv" --agency "$CTU"
exits 1 "a missing file exits 1"
like "$ERR" 'cannot open' "a missing file says it cannot be opened"

# --- --quarantine -----------------------------------------------------------------------

{
    printf 'ref,first_name,surname,dob,postcode,notes\n'
    printf 'Q-01,Good,Quarone,1990-01-01,B1 1AA,\n'                # line 2: good
    printf 'Q-02,Bad,Quartwo,1990-13-01,B1 1AA,\n'                 # line 3: month 13
    printf 'Q-03,Good,Quarthree,1991,B2 2BB,"multi\nline"\n'       # lines 4-5: good
    printf 'Q-04,Bad,M\xfcllerquar,1980,B3 3CC,\n'                 # line 6: not UTF-8
    printf 'Q-01,Dup,Quardup,1980,B4 4DD,\n'                       # line 7: duplicate id
    printf 'Q-05,Short,Quarshort\n'                                # line 8: 3 fields of 6
    printf 'Q-06,"Bad, comma",Quarsix,31/02/1990,B5 5EE,"x ""y"""\n' # line 9: no such date
    printf 'Q-07,Good,Quarseven,,,\n'                              # line 10: good
} >"$T/mixed.csv"
before=$(persons_count)
import "$T/mixed.csv" --quarantine "$T/bad.csv"
exits 0 "--quarantine with good and bad rows exits 0"
like "$OUT" '^imported 3 of 8 rows.*; 5 rejected, written to ' "--quarantine reports 3 imported and 5 rejected"
is "$(persons_count)" "$((before + 3))" "--quarantine: exactly the good rows were written"
search_json 'quarone'
json_check "--quarantine: a good row is searchable" 'len(rows) == 1 and rows[0]["source_ref"] == "Q-01" and rows[0]["names"][0]["given"] == "Good"'
search_json 'quarthree'
json_check "--quarantine: the good row after a quoted newline is imported" 'len(rows) == 1 and rows[0]["source_ref"] == "Q-03"'
search_json 'quardup'
json_check "--quarantine: the duplicate row was not imported" 'rows == []'

ok "--quarantine: the file is CSV with the header, _line and _error, and exactly the bad rows" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as f:
    rows = list(csv.reader(f, strict=True))
header, body = rows[0], rows[1:]
want_header = ["ref", "first_name", "surname", "dob", "postcode", "notes", "_line", "_error"]
assert header == want_header, header
lines = [r[header.index("_line")] for r in body]
assert lines == ["3", "6", "7", "8", "9"], lines
assert [r[0] for r in body] == ["Q-02", "Q-04", "Q-01", "Q-05", "Q-06"], body
for r in body:
    assert len(r) == len(header), ("row width", r)
    assert r[header.index("_error")].strip(), ("empty _error", r)
' "$T/bad.csv"

ok "--quarantine: each _error says why, and the fields are kept as read" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as f:
    rows = list(csv.DictReader(f))
by_line = {r["_line"]: r for r in rows}
checks = {"3": "month 13", "6": "UTF-8", "7": "duplicate", "8": "fields", "9": "does not exist"}
for line, word in checks.items():
    assert word in by_line[line]["_error"], (line, by_line[line]["_error"])
assert by_line["9"]["first_name"] == "Bad, comma" and by_line["9"]["notes"] == "x \"y\"", by_line["9"]
assert by_line["6"]["surname"] == "M\udcfcllerquar", by_line["6"]
assert by_line["8"]["dob"] == "" and by_line["8"]["surname"] == "Quarshort", by_line["8"]
' "$T/bad.csv"

# identifiers are checked on import as on add and edit (ac_person_check_identifiers):
# NI numbers by HMRC NIM39110, PNC ids YY/NNNNNNN and a check letter, UK postcode shapes
{
    printf 'ref,surname,postcode,ni_number,pnc\n'
    printf 'I-01,Idgood,B1 1AA,AB 12 34 56 C,05/123456X\n'   # line 2: good
    printf 'I-02,Idbadni,B1 1AA,GB 12 34 56 A,\n'            # line 3: GB is never a prefix
    printf 'I-03,Idbadpnc,B1 1AA,,05-123456X\n'              # line 4: no slash
    printf 'I-04,Idbadpc,75001 Paris,,\n'                    # line 5: not a UK postcode
    printf 'I-05,Idbadni2,,QO 12 34 56 A,\n'                 # line 6: Q first, O second
} >"$T/idents.csv"
before=$(persons_count)
import "$T/idents.csv" --quarantine "$T/idents_bad.csv"
exits 0 "--quarantine with bad identifiers exits 0"
like "$OUT" '^imported 1 of 5 rows.*; 4 rejected' "bad NI numbers, PNC ids and postcodes are rejected on import"
is "$(persons_count)" "$((before + 1))" "only the row with good identifiers was written"
ok "--quarantine: each bad identifier row names its line, column and reason, nothing lost" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
by_line = {r["_line"]: r for r in rows}
assert sorted(by_line) == ["3", "4", "5", "6"], by_line
assert by_line["3"]["_error"].startswith("ni_number: not a National Insurance number"), by_line["3"]
assert by_line["4"]["_error"].startswith("pnc: not a PNC id"), by_line["4"]
assert by_line["5"]["_error"].startswith("postcode: not a UK postcode"), by_line["5"]
assert by_line["6"]["_error"].startswith("ni_number: not a National Insurance number"), by_line["6"]
assert by_line["3"]["ni_number"] == "GB 12 34 56 A" and by_line["5"]["postcode"] == "75001 Paris"
for r in rows:
    assert "GB 12" not in r["_error"] and "Paris" not in r["_error"], r
' "$T/idents_bad.csv"

printf 'ref,surname,dob\nW-01,Wideok,1980\nW-02,Widebad,1980,extra,more\nW-03,Wideok2,1981\n' >"$T/wide.csv"
import "$T/wide.csv" --quarantine "$T/wide_bad.csv"
exits 0 "--quarantine with a row wider than the header exits 0"
ok "--quarantine: a row wider than the header keeps _line and _error under their headers" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == 1, rows
assert rows[0]["_line"] == "3" and "fields" in rows[0]["_error"], rows[0]
' "$T/wide_bad.csv"

printf 'ref,surname\nA-01,Allgoodone\nA-02,Allgoodtwo\n' >"$T/allgood.csv"
import "$T/allgood.csv" --quarantine "$T/none_bad.csv"
exits 0 "--quarantine with only good rows exits 0"
like "$OUT" '^imported 2 of 2 rows' "--quarantine with only good rows imports them all"
ok "--quarantine with only good rows leaves a quarantine file of just the header" python3 -c '
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
assert rows == [["ref", "surname", "_line", "_error"]], rows
' "$T/none_bad.csv"

bad_import "--quarantine does not rescue a file that is unusable as a whole" "$T/noname.csv" \
    'missing required column'

# --- line endings, BOM, spaces ----------------------------------------------------------

printf 'ref,surname,dob\r\nC-1,Crlfone,1990-01-01\r\nC-2,Crlftwo,\r\n' >"$T/crlf.csv"
import "$T/crlf.csv"
exits 0 "a CRLF file imports"
like "$OUT" '^imported 2 of 2 rows' "a CRLF file: both rows"
search_json 'crlfone'
json_check "a CRLF file: no carriage return in the values" \
    'len(rows) == 1 and rows[0]["names"][0]["family"] == "Crlfone" and rows[0]["dob"] == "1990-01-01"'
search_json 'crlftwo'
json_check "a CRLF file: an empty last field stays empty" \
    'len(rows) == 1 and rows[0]["names"][0]["family"] == "Crlftwo" and "dob" not in rows[0]'

printf 'ref,surname,dob\nN-1,Nofinalone,1977\nN-2,Nofinaltwo,1978' >"$T/nofinal.csv"
import "$T/nofinal.csv"
exits 0 "a file without a final newline imports"
like "$OUT" '^imported 2 of 2 rows' "a file without a final newline: both rows"
search_json 'nofinaltwo'
json_check "a file without a final newline: the last field is whole" \
    'len(rows) == 1 and rows[0]["dob"] == "1978" and rows[0]["source_ref"] == "N-2"'

printf '\xef\xbb\xbfref,surname\nBOM-1,Bomfile\n' >"$T/bom.csv"
import "$T/bom.csv"
exits 0 "a file with a UTF-8 BOM imports"
search_json 'bomfile'
json_check "a BOM file: the first column is recognised and no BOM reaches the data" \
    'len(rows) == 1 and rows[0]["source_ref"] == "BOM-1" and rows[0]["names"][0]["family"] == "Bomfile"'

printf 'ref, first_name, surname, dob\nS-1, Spacey, Spacefile, 1990-01-01\n' >"$T/spaces.csv"
import "$T/spaces.csv"
exits 0 "a file with a space after each comma imports"
search_json 'spacefile'
json_check "a file with spaces after commas: headers are recognised, values trimmed" \
    'len(rows) == 1 and rows[0]["source_ref"] == "S-1" and rows[0]["names"][0]["given"] == "Spacey" and rows[0]["dob"] == "1990-01-01"'

# --- who may import ---------------------------------------------------------------------

printf 'ref,surname\nX-1,Crossagency\n' >"$T/cross.csv"
person_tables "$DB" >"$T/before.txt"
accord --db "$DB" --as ana --purpose 'cli import test' import persons "$T/cross.csv" --agency "$BCC"
exits 1 "importing into another agency exits 1"
like "$ERR" 'not allowed' "importing into another agency is not allowed"
accord --db "$DB" --as cas --purpose 'cli import test' import persons "$T/cross.csv" --agency "$CTU"
exits 1 "the council caseworker cannot import into the CTU"
accord --db "$DB" --as ana --purpose 'cli import test' import persons "$T/cross.csv" --agency 'No Such Agency'
exits 1 "importing into an unknown agency exits 1"
like "$ERR" 'no such agency' "importing into an unknown agency says so"
accord --db "$DB" --as ana import persons "$T/cross.csv" --agency "$CTU"
exits 2 "importing without --purpose exits 2"
like "$ERR" 'purpose' "importing without --purpose asks for one"
accord --db "$DB" --as ana --purpose 'cli import test' import persons "$T/cross.csv"
exits 2 "importing without --agency exits 2"
like "$ERR" '--agency' "importing without --agency names --agency"
accord --db "$DB" --purpose 'cli import test' import persons "$T/cross.csv" --agency "$CTU"
exits 2 "importing without --as exits 2"
accord --db "$DB" --as wm.admin --purpose 'cli import test' import persons "$T/cross.csv" --agency "$CTU"
exits 1 "an administrator alone cannot import records"
person_tables "$DB" >"$T/after.txt"
ok "refused imports leave the database unchanged" cmp -s "$T/before.txt" "$T/after.txt"

accord --db "$DB" --as cas --purpose 'cli import test' import persons "$T/cross.csv" --agency "$BCC"
exits 0 "the council caseworker imports into the council"
accord --db "$DB" --as ana --purpose 'cli import test' person search crossagency
unlike "$OUT" 'X-1' "the council's imported record is not visible to the CTU analyst"

done_testing
