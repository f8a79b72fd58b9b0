# SPDX-License-Identifier: Apache-2.0
#
# cli_basics.sh - the accord command end to end: help, version, usage errors, init,
# agencies, users, and persons added, shown and searched across two agencies.
#
# Run as: bash cli_basics.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
CTU='West Midlands CTU'
BCC='Birmingham City Council'

# --- help and version -------------------------------------------------------------------

accord --help
exits 0 "accord --help exits 0"
like "$OUT" '^usage: accord ' "accord --help prints usage: on stdout"

accord --version
exits 0 "accord --version exits 0"
like "$OUT" '^accord [0-9]+\.[0-9]+\.[0-9]+' "accord --version prints the version"

for cmd in init agency user person import export demo status audit; do
    accord "$cmd" --help
    exits 0 "accord $cmd --help exits 0"
    like "$OUT" '^usage: accord '"$cmd"' ' "accord $cmd --help prints usage:"
done

# --- usage errors -----------------------------------------------------------------------

accord frobnicate
exits 2 "an unknown command exits 2"
like "$ERR" "unknown command 'frobnicate'.*accord --help" "an unknown command names it and hints at --help"

accord --frobnicate
exits 2 "an unknown global option exits 2"
like "$ERR" "accord --help" "an unknown global option hints at --help"

accord person --frobnicate
exits 2 "an unknown subcommand option exits 2"
like "$ERR" "accord person --help" "an unknown subcommand option hints at 'accord person --help'"

accord
exits 2 "no command at all exits 2"
like "$ERR" '^usage: accord ' "no command at all prints the usage on stderr"

# --- a missing database -----------------------------------------------------------------

accord --db "$T/missing.db" --as admin agency list
exits 1 "a missing database exits 1"
like "$ERR" "run 'accord init'" "a missing database says to run 'accord init'"
ok "a missing database is not created by a read" test ! -e "$T/missing.db"

# --- init -------------------------------------------------------------------------------

accord --db "$DB" init --agency "$CTU" --admin wm.admin
exits 0 "init creates a hub"
like "$OUT" "^created hub " "init reports the hub it created"
ok "init created the database file" test -s "$DB"

accord --db "$DB" init --agency 'Another' --admin other.admin
exits 1 "a second init of the same hub exits 1"
like "$ERR" "already" "a second init says the hub is already set up"

accord --db "$T/h2.db" init --kind no_such_kind
exits 2 "init with an unknown --kind exits 2"
like "$ERR" "--kind" "init with an unknown --kind names --kind"

# --- agencies and users -----------------------------------------------------------------

accord --db "$DB" --as wm.admin agency add "$BCC" --kind local_authority
exits 0 "the administrator adds an agency"
like "$OUT" '^[0-9A-Z]{26}$' "agency add prints the new agency's id"

accord --db "$DB" --as wm.admin agency list
exits 0 "the administrator lists agencies"
like "$OUT" "$BCC +local_authority +GB" "agency list shows the added agency"
like "$OUT" "$CTU +ct_policing +GB" "agency list shows the first agency"

accord --db "$DB" --as wm.admin agency add 'No Kind Agency'
exits 2 "agency add without --kind exits 2"

accord --db "$DB" --as wm.admin user add ctu.analyst --agency "$CTU" --roles analyst --vetting sc --name 'CTU Analyst'
exits 0 "the administrator adds an analyst"
like "$ERR" "waits, suspended, for a second administrator" "a content role waits for a second administrator"
accord --db "$DB" --as wm.admin user add bcc.caseworker --agency "$BCC" --roles caseworker --vetting ctc
exits 1 "the hub's administrator does not add another agency's staff"
like "$ERR" "own agency" "and says administrators manage their own agency"
accord --db "$DB" --as wm.admin user add bcc.admin --agency "$BCC" --roles admin --vetting bpss
exits 0 "the hub's administrator appoints the council's administrator"
enrol_user "$DB" wm.admin bcc.admin
accord --db "$DB" --as bcc.admin user add bcc.caseworker --agency "$BCC" --roles caseworker --vetting ctc
exits 0 "the council's administrator adds a caseworker of the council"
# issue 14, point 10: user add sets up sign-in with an enrolment code, no typed password
like "$OUT" "^enrolment code: [0-9a-f]{16,}$" "user add prints the caseworker's enrolment code"
like "$ERR" "accord user enrol bcc\.caseworker --code CODE" "and says how the user redeems it"
CODE=$(sed -n 's/^enrolment code: //p' <<<"$OUT")
accord --db "$DB" user enrol bcc.caseworker --code "$CODE"
exits 0 "the caseworker redeems the code printed by user add"
like "$OUT" "bcc\.caseworker can sign in" "and has set their own password"
accord --db "$DB" --as bcc.admin user add bcc.other --agency "$BCC" --roles caseworker --vetting ctc --password secret
exits 2 "user add takes no administrator-typed password"
like "$ERR" "never sets a user.s password" "and says the user sets their own with the code"
accord --db "$DB" --as wm.admin user grants
like "$OUT" "ctu\.analyst +analyst +sc" "the hub's administrator sees the grants waiting"
G=$(awk '/ctu\.analyst/ {print $1}' <<<"$OUT")
accord --db "$DB" --as wm.admin user approve "$G"
exits 1 "the administrator who asked cannot approve it"
like "$ERR" "second administrator" "and is told a second administrator must"
accord --db "$DB" --as wm.admin user add wm.admin2 --agency "$CTU" --roles admin --vetting bpss
exits 0 "a second administrator joins the hub's agency"
enrol_user "$DB" wm.admin wm.admin2
enrol_user "$DB" wm.admin ctu.analyst
accord --db "$DB" --as wm.admin2 user approve "$G"
exits 0 "the second administrator approves the analyst"
approve_grants "$DB" wm.admin

accord --db "$DB" --as wm.admin user list
exits 0 "the administrator lists users"
like "$OUT" "^ctu\.analyst +CTU Analyst +$CTU +analyst +sc +active" "user list shows the analyst"
like "$OUT" "^bcc\.caseworker +bcc\.caseworker +$BCC +caseworker +ctc +active" "user list shows the caseworker"

accord --db "$DB" --as wm.admin user add bad.vetting --agency "$CTU" --roles analyst --vetting top_secret
exits 2 "user add with an unknown --vetting exits 2"
like "$ERR" "--vetting" "user add with an unknown --vetting names --vetting"

accord --db "$DB" --as wm.admin user add nowhere --agency 'No Such Agency' --roles analyst --vetting sc
exits 1 "user add to an unknown agency exits 1"

accord --db "$DB" --as ctu.analyst user add sneaky --agency "$CTU" --roles admin --vetting sc
exits 1 "a non-administrator cannot add users"
like "$ERR" "not allowed" "a refused user add says 'not allowed'"
accord --db "$DB" --as wm.admin user list
unlike "$OUT" "sneaky" "the refused user was not added"

accord --db "$DB" agency list
exits 2 "a command without --as exits 2"
like "$ERR" "--as USERNAME" "a command without --as says how to give one"

accord --db "$DB" --as nobody agency list
exits 1 "an unknown --as user exits 1"

# --- persons: add, show, search ---------------------------------------------------------

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person add \
    --given 'Zoë' --family 'Ó Briain' --dob 1985-03 --postcode 'B11 4AA' --ref CTU-0001
exits 0 "the analyst adds a person with accented names and a partial date of birth"
ZOE=${OUT:-no-id-printed}
like "$ZOE" '^[0-9A-Z]{26}$' "person add prints the new person's id"

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person show "$ZOE"
exits 0 "person show finds the new person"
like "$OUT" '^name +Zoë Ó Briain \(primary\)$' "person show gives the name as written"
like "$OUT" '^born +1985-03$' "person show keeps the partial date of birth"
like "$OUT" '^reference +CTU-0001$' "person show gives the reference"
like "$OUT" "^address +B11 4AA$" "person show gives an address of just a postcode without stray commas"

accord --db "$DB" --as ctu.analyst --purpose 'cli test' --json person show "$ZOE"
exits 0 "person show --json exits 0"
ok "person show --json prints one JSON object with the names" \
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); n=d["names"][0]; assert (n["given"],n["family"],d["dob"])==("Zoë","Ó Briain","1985-03"), d' "$OUT"

for q in 'zoe o briain' 'briain' 'ZOË' 'zo bri'; do
    accord --db "$DB" --as ctu.analyst --purpose 'cli test' person search "$q"
    exits 0 "person search '$q' exits 0"
    like "$OUT" "^$ZOE +Zoë Ó Briain +1985-03 +B11 4AA +CTU-0001 +[01]\.[0-9]{2} +primary name .+$" "person search '$q' finds Zoë Ó Briain, with its score and why"
done

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person search --dob 1985-03-07 'briain'
like "$OUT" "^$ZOE " "a full --dob inside a partial date of birth still finds the person"
accord --db "$DB" --as ctu.analyst --purpose 'cli test' person search --dob 1986 'briain'
exits 0 "a search with a different year exits 0"
unlike "$OUT" "$ZOE" "a search with a different year does not find the person"

accord --db "$DB" --as ctu.analyst person show "$ZOE"
exits 2 "person show without --purpose exits 2"
like "$ERR" "purpose" "person show without --purpose says a purpose is required"
unlike "$OUT" "Briain" "person show without --purpose prints nothing of the person"

accord --db "$DB" --as ctu.analyst person search briain
exits 2 "person search without --purpose exits 2"
like "$ERR" "purpose" "person search without --purpose says a purpose is required"

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person add --family Wrongdate --dob 1985-13-01
exits 2 "person add with a bad --dob exits 2"
like "$ERR" "--dob" "person add with a bad --dob names --dob"
accord --db "$DB" --as ctu.analyst --purpose 'cli test' person add --family Wrongdate --dob 'not a date'
exits 2 "person add with an unparseable --dob exits 2"
like "$ERR" "--dob" "person add with an unparseable --dob names --dob"
accord --db "$DB" --as ctu.analyst --purpose 'cli test' person search wrongdate
unlike "$OUT" "Wrongdate" "no person was added by the refused adds"

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person add --dob 1990
exits 2 "person add without a name exits 2"

accord --db "$DB" --as ctu.analyst person add --family Nopurpose
isnt "$RC" 0 "person add without --purpose is refused"
like "$ERR" "purpose" "person add without --purpose asks for one"

# --- another agency's records -----------------------------------------------------------

accord --db "$DB" --as bcc.caseworker --purpose 'cli test' person add \
    --given 'Zoe' --family 'O Briain' --dob 1985-03-07 --postcode 'B12 9ZZ' --ref BCC-77
exits 0 "the council caseworker adds a person of the same name"
COUNCIL_ZOE=${OUT:-no-id-printed}

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person show "$COUNCIL_ZOE"
exits 1 "the analyst cannot show the council's person (exit 1)"
like "$ERR" "not found" "another agency's person is reported as not found"
OTHER_MSG=$ERR

MISSING_ID=01ZZZZZZZZZZZZZZZZZZZZZZZZ
accord --db "$DB" --as ctu.analyst --purpose 'cli test' person show "$MISSING_ID"
exits 1 "a missing id exits 1"
MISSING_MSG=$ERR
is "${OTHER_MSG//$COUNCIL_ZOE/ID}" "${MISSING_MSG//$MISSING_ID/ID}" \
    "another agency's person and a missing id give the same message"

accord --db "$DB" --as ctu.analyst --purpose 'cli test' person search 'zoe o briain'
exits 0 "the analyst searches a name both agencies hold"
like "$OUT" "^$ZOE " "the analyst's search finds the analyst's own record"
unlike "$OUT" "$COUNCIL_ZOE|BCC-77|B12 9ZZ" "the analyst's search never shows the council's record"
is "$(grep -c '^[0-9A-Z]\{26\} ' "$T/.out")" 1 "the analyst's search has exactly one row"

accord --db "$DB" --as bcc.caseworker --purpose 'cli test' person search 'zoe o briain'
exits 0 "the caseworker searches the same name"
like "$OUT" "^$COUNCIL_ZOE " "the caseworker's search finds the council's record"
unlike "$OUT" "$ZOE|CTU-0001|B11 4AA" "the caseworker's search never shows the CTU's record"

accord --db "$DB" --as bcc.caseworker --purpose 'cli test' person search --postcode 'B11 4AA'
exits 0 "the caseworker searches by the CTU record's postcode"
unlike "$OUT" "$ZOE" "a postcode search never shows another agency's record"

accord --db "$DB" --as bcc.caseworker --purpose 'cli test' --json person show "$ZOE"
exits 1 "show --json of another agency's person exits 1"
is "$OUT" "" "show --json of another agency's person prints nothing on stdout"

accord --db "$DB" --as wm.admin --purpose 'cli test' person search briain
exits 1 "an administrator alone cannot search records"

# --- serve: closed by default ---------------------------------------------------------
accord --db "$DB" serve --listen 0.0.0.0:0
exits 1 "serve refuses a non-loopback address without TLS"
like "$ERR" "refusing to listen beyond loopback without TLS" "and says how to enable it"
accord --db "$DB" serve --listen nowhere
exits 2 "serve rejects a malformed --listen"
accord --db "$DB" serve --listen 127.0.0.1:0 --tls-cert /nonexistent.pem
exits 1 "serve wants both TLS files"

done_testing
