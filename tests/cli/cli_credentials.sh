# SPDX-License-Identifier: Apache-2.0
#
# cli_credentials.sh - the CLI proves who it acts as (issue 13, point 8): --as USER alone,
# from an OS account that can write the database, no longer acts as anyone.  It needs the
# user's password (--password-file, ACCORD_PASSWORD, or a prompt on a terminal) or an API
# token, and every audit entry it makes names the local OS account.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/cred.db
P='cli credentials test'
accord --db "$DB" demo --persons 60 --of-interest 3 --seed 11
exits 0 "set-up: a small demo hub"
OS_USER=$(id -un)
OS_UID=$(id -u)
EXPIRES=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
signins() {
    sqlite3 -batch "$DB" "select count(*) from audit_log where action = 'sign_in' and outcome = '$1'"
}

# --- no credential ------------------------------------------------------------------------

BEFORE=$(signins ok)
run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --as ss.analyst --purpose "$P" item list
exits 2 "--as ss.analyst with no password exits 2"
like "$ERR" "acting as 'ss\.analyst' needs their password" "and says acting as a user needs their password"
like "$ERR" "ACCORD_PASSWORD or --password-file" "and says how to give it"
unlike "$ERR" "^password: " "no prompt is attempted when standard input is not a terminal"
is "$(signins ok)" "$BEFORE" "nobody was signed in"

run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --as ss.analyst --purpose "$P" item list </dev/null
unlike "$(cat "$T/.err")" "password:" "stdin from /dev/null: no prompt either"

run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --purpose "$P" item list
exits 2 "no --as and no token exits 2"
like "$ERR" "--as USERNAME .*--token" "and names both ways to say who acts"

# --- a wrong password ----------------------------------------------------------------------

printf 'not the password at all\n' >"$T/wrong.pw"
DENIED=$(signins denied)
run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --password-file "$T/wrong.pw" --as ss.analyst \
    --purpose "$P" item list
exits 1 "a wrong password exits 1"
like "$ERR" "wrong username or password" "and says the username or password is wrong"
is "$(signins denied)" "$((DENIED + 1))" "the wrong password is audited as a failed sign-in"
like "$(sqlite3 -batch "$DB" "select via from audit_log where action = 'sign_in' and outcome = 'denied' order by seq desc limit 1")" \
    "^cli os-user $OS_USER \(uid $OS_UID\)$" "the failed sign-in names the OS account that tried"

ACCORD_PASSWORD='still not the password' accord --db "$DB" --as ss.analyst --purpose "$P" item list
exits 1 "a wrong ACCORD_PASSWORD exits 1"
is "$(signins denied)" "$((DENIED + 2))" "and is audited as a failed sign-in too"

accord --db "$DB" --as no.such.user --purpose "$P" item list
exits 1 "an unknown user with a password exits 1"
like "$ERR" "wrong username or password" "with the same answer as a wrong password"

# --- the right password ---------------------------------------------------------------------

printf 'accord-demo-password\n' >"$T/right.pw"
run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --password-file "$T/right.pw" --as ss.analyst \
    --purpose "$P" item list
exits 0 "the right password in --password-file acts"
OK_BEFORE=$(signins ok)
accord --db "$DB" --as ss.analyst --purpose "$P" person search khan
exits 0 "the right ACCORD_PASSWORD acts"
is "$(signins ok)" "$((OK_BEFORE + 1))" "the command signed in once"
is "$(sqlite3 -batch "$DB" "select action from audit_log where seq = (select max(seq) from audit_log)")" \
    "sign_out" "and signed out at the end"
is "$(sqlite3 -batch "$DB" "select count(*) from sessions")" "0" "no session outlives the command"

# --- every CLI entry names the OS account ----------------------------------------------------

accord --db "$DB" --as oversight.auditor --purpose "$P" audit by-user ss.analyst
exits 0 "the auditor lists ss.analyst's entries"
like "$(head -n 1 <<<"$OUT")" ',via.?$' "the CSV has a via column"
like "$OUT" "^[0-9]+,[^,]*,ss\.analyst,.*,search,.*,cli os-user $OS_USER \(uid $OS_UID\).?$" \
    "the search's entry names the OS account"
is "$(sqlite3 -batch "$DB" "select count(*) from audit_log where via is null or via not like 'cli os-user $OS_USER (uid $OS_UID)%'")" \
    "0" "every entry the CLI wrote names the OS account"

# --- an API token ------------------------------------------------------------------------------

accord --db "$DB" --as ss.analyst token create ss.analyst --scopes items:read --expires "$EXPIRES"
exits 0 "set-up: ss.analyst makes a token"
TOKEN=$(awk '$1 == "secret" {print $2}' <<<"$OUT")
TOKEN_ID=$(awk '$1 == "id" {print $2}' <<<"$OUT")

run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --token "$TOKEN" --purpose "$P" item list
exits 0 "--token acts, with no password"
run env -u ACCORD_PASSWORD ACCORD_TOKEN="$TOKEN" "$ACCORD" --db "$DB" --purpose "$P" item list
exits 0 "ACCORD_TOKEN acts too"
is "$(sqlite3 -batch "$DB" "select u.username || ' ' || l.via from audit_log l join users u on u.id = l.actor_id where l.seq = (select max(seq) from audit_log)")" \
    "ss.analyst cli os-user $OS_USER (uid $OS_UID); token $TOKEN_ID" \
    "the token's user acted, and the entry names the OS account and the token"
run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --token "$TOKEN" --as ss.analyst --purpose "$P" item list
exits 0 "--as naming the token's own user is accepted"

run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --token "$TOKEN" --as ctp.analyst --purpose "$P" item list
exits 2 "--token with --as naming another user exits 2"
like "$ERR" "the token acts as another user than --as names" "and says the token is someone else's"
run env -u ACCORD_PASSWORD ACCORD_USER=ctp.analyst "$ACCORD" --db "$DB" --token "$TOKEN" --purpose "$P" item list
exits 2 "a mismatched ACCORD_USER is refused as well"

run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --token "0123456789abcdef0123456789abcdef" --purpose "$P" item list
exits 1 "an unknown token exits 1"
like "$ERR" "cannot act with that token" "and says the token does not act"

accord --db "$DB" --as ss.analyst token revoke "$TOKEN_ID"
exits 0 "set-up: ss.analyst revokes their token"
run env -u ACCORD_PASSWORD "$ACCORD" --db "$DB" --token "$TOKEN" --purpose "$P" item list
exits 1 "a revoked token no longer acts"

# --- the prompt on a terminal ------------------------------------------------------------------

# python's pty gives accord a terminal: the password is asked for, not echoed, and works.
ok "on a terminal, the password is asked for without echo and signs in" python3 - "$ACCORD" "$DB" <<'EOF'
import os, pty, select, signal, sys, time
accord, db = sys.argv[1], sys.argv[2]
env = dict(os.environ)
env.pop("ACCORD_PASSWORD", None)
pid, fd = pty.fork()
if pid == 0:
    os.execve(accord, [accord, "--db", db, "--as", "ss.analyst", "--purpose", "pty", "item", "list"], env)
out, wrote = b"", False
deadline = time.time() + 60
while time.time() < deadline:
    if not select.select([fd], [], [], 1)[0]:
        continue
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not wrote and b"password: " in out:
        os.write(fd, b"accord-demo-password\n")
        wrote = True
else:
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
assert wrote, out
assert b"accord-demo-password" not in out, out  # not echoed
assert os.waitstatus_to_exitcode(status) == 0, (status, out)
EOF

done_testing
