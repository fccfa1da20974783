#!/usr/bin/env bash
# The bad-input catalog: every case of bad_inputs.tsv (one per line) runs in
# a fresh copy of a small project (two migrations, their sum file, an SQLite
# database at head; PostgreSQL cases share one database at head). Each case
# must exit with its code, write exactly one line on stderr matching its
# message (a glob: * stands for paths and ports that vary), and leave every
# file of the project and the database byte for byte as they were.
#
# Columns (tab-separated; # starts a comment line):
#   id       unique name
#   needs    - or a comma list: pg (the fixture; $PGURL, $PGDB, $SK_PG_PORT),
#            nonroot (permission checks: as_user runs as "nobody" when we are
#            root), tmpfs (a 64k tmpfs at ./full, root only), listener
#            ($LISTEN_PORT accepts a connection and closes it), diff
#            (schemake-migrate diff exists)
#   setup    bash run in the case directory first (helpers below)
#   command  the command line (bash), in the case directory
#   rc       expected exit status
#   message  the one stderr line, as a glob; "-" for an empty stderr.
#            schemake-reset's account of what it is about to destroy
#            ("about to destroy ..." and the indented lines after it) comes
#            before that line and is not counted.
#
# SK_BAD_ONLY=ID runs one case, SK_BAD_SKIP="ID ..." leaves cases out (the
# asan preset skips the two 20 MB inputs); SK_BAD_EXPLORE=1 prints what each
# case does instead of checking it (to write a new line).
# shellcheck source=tests/reliability/lib.sh
. "$(dirname "$0")/lib.sh"
table=$SK_SOURCE_DIR/tests/reliability/bad_inputs.tsv
sk_begin
# A tool that finds no database configured falls back to the local
# development cluster; here that must fail at once rather than start one.
export SCHEMAKE_CLUSTER_DIR=/proc/schemake-no-cluster

# --- helpers for the setup column -----------------------------------------
mig() { # VERSION NAME: a migration file from stdin
	cat >"migrations/$1_$2.sql"
}
rehash() { schemake-migrate hash >/dev/null 2>&1 || true; }
snapshot_json() { # FILE [FORMAT_VERSION]
	schemake-dump -u sqlite:app.db -f json -o "$1" && if [ -n "${2:-}" ]; then
		sed -i "0,/\"version\": 1,/s//\"version\": $2,/" "$1"
	fi
}
fill_disk() { # fills ./full (a 64k tmpfs) to the last byte
	dd if=/dev/zero of=full/filler bs=1k count=1024 2>/dev/null || true
	sync
}
as_user() { # runs a command as nobody when we are root
	if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# --- the template project ---------------------------------------------------
template=$SK_WORK/template
mkdir -p "$template/migrations"
(
	cd "$template" || exit 1
	mig 20240101000000 users <<'SQL'
-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE);
-- migrate:down
DROP TABLE users;
SQL
	mig 20240102000000 items <<'SQL'
-- migrate:up
CREATE TABLE items (id integer PRIMARY KEY, owner integer REFERENCES users (id), title text);
INSERT INTO users VALUES (1, 'one@example.com');
-- migrate:down
DROP TABLE items;
DELETE FROM users;
SQL
	rehash
	schemake-migrate -u sqlite:app.db upgrade -q >/dev/null
) || sk_fail "template project"

have_pg=0
if [ -n "${SK_TEST_PG_ENV:-}" ] && [ -f "$SK_TEST_PG_ENV" ]; then
	sk_pg_begin bad
	have_pg=1
	(cd "$template" && schemake-migrate -u "$PGURL" upgrade -q >/dev/null) || sk_fail "PostgreSQL database at head"
	sk_psql postgres -c "GRANT ALL ON DATABASE \"$PGDB\" TO sk_pw" >/dev/null
	sk_psql "$PGDB" -c "GRANT ALL ON SCHEMA public TO sk_pw" >/dev/null
	export PGURL PGDB SK_PG_PORT SK_PG_SOCKDIR
fi
have_diff=0
if ! (cd "$SK_WORK" && schemake-migrate -u sqlite::memory: -d "$SK_WORK/none" diff -m probe 2>&1 | grep -q "unknown verb"); then have_diff=1; fi

# A server that accepts a connection and closes it at once.
listener_pid=""
start_listener() {
	[ -n "$listener_pid" ] && return 0
	python3 - >"$SK_WORK/listen.port" <<'PY' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
while True:
    c, _ = s.accept()
    c.close()
PY
	listener_pid=$!
	SK_CLEANUP+=("kill $listener_pid")
	for _ in $(seq 1 50); do
		LISTEN_PORT=$(cat "$SK_WORK/listen.port" 2>/dev/null)
		[ -n "$LISTEN_PORT" ] && export LISTEN_PORT && return 0
		sleep 0.1
	done
	return 1
}

# The state a case must not change: every file (name, mode, content) and,
# for a PostgreSQL case, the database's dump.
state() {
	find . -path ./full -prune -o -printf '%p %m %y %s\n' | LC_ALL=C sort
	find . -path ./full -prune -o -type f -exec sha256sum {} + | LC_ALL=C sort
	if [ -d full ]; then find full -type f -exec sha256sum {} + | LC_ALL=C sort; fi
	if [ "$uses_pg" = 1 ]; then
		pg_dump -h "$SK_PG_SOCKDIR" -p "$SK_PG_PORT" -U "$SK_PG_SUPERUSER" "$PGDB" | grep -v '^\\\(un\)\?restrict ' | sha256sum
	fi
}

cases=0 skipped=0
declare -A seen=()
tab=$'\t'
while IFS="$tab" read -r id needs setup command want_rc want_msg; do
	case $id in '' | '#'*) continue ;; esac
	[ -n "${SK_BAD_ONLY:-}" ] && [ "$id" != "$SK_BAD_ONLY" ] && continue
	case " ${SK_BAD_SKIP:-} " in *" $id "*)
		echo "SKIP $id: in SK_BAD_SKIP"
		skipped=$((skipped + 1))
		continue
		;;
	esac
	if [ -n "${seen[$id]:-}" ]; then sk_fail "duplicate case id $id"; fi
	seen[$id]=1
	dir=$SK_WORK/cases/$id
	mkdir -p "$SK_WORK/cases"
	cp -a "$template" "$dir"
	skip="" uses_pg=0
	IFS=, read -ra need_list <<<"$needs"
	for need in "${need_list[@]}"; do
		case $need in
		-) ;;
		pg) [ "$have_pg" = 1 ] && uses_pg=1 || skip="no PostgreSQL fixture" ;;
		diff) [ "$have_diff" = 1 ] || skip="schemake-migrate has no 'diff' verb yet" ;;
		listener) start_listener || skip="cannot start a listener" ;;
		nonroot)
			if [ "$(id -u)" -eq 0 ] && ! runuser -u nobody -- test -x "$SK_BIN/schemake-migrate" 2>/dev/null; then
				skip="root, and 'nobody' cannot run the tools"
			fi
			chmod -R a+rX "$dir"
			;;
		tmpfs)
			mkdir -p "$dir/full"
			if mount -t tmpfs -o size=64k sk-full "$dir/full" 2>/dev/null; then
				SK_CLEANUP+=("umount '$dir/full'")
				chmod 777 "$dir/full"
			else
				skip="cannot mount a tmpfs (needs root)"
			fi
			;;
		*) sk_fail "$id: unknown need '$need'" ;;
		esac
	done
	if [ -n "$skip" ]; then
		echo "SKIP $id: $skip"
		skipped=$((skipped + 1))
		continue
	fi
	(
		cd "$dir" || exit 1
		export DATABASE_URL=sqlite:app.db
		[ "$setup" = - ] || eval "$setup"
	) >"$dir.setup.log" 2>&1 || {
		RC=$? OUT="" ERR=$(cat "$dir.setup.log")
		sk_fail "$id: setup failed"
		continue
	}
	before=$(cd "$dir" && state)
	run bash -c "cd '$dir' || exit 1; export DATABASE_URL=sqlite:app.db; $(declare -f as_user); $command"
	after=$(cd "$dir" && state)
	cases=$((cases + 1))
	ERR=$(grep -v -e '^schemake-reset: about to destroy ' -e '^schemake-reset:   ' <<<"$ERR")
	if [ -n "${SK_BAD_EXPLORE:-}" ]; then
		printf '%s\t%s\t%s\n' "$id" "$RC" "$ERR"
		[ "$before" = "$after" ] || echo "  (changed: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -3 | tr '\n' ' '))"
		continue
	fi
	expect_rc "$want_rc" "$id: exit status"
	if [ "$want_msg" = - ]; then
		expect_eq "$ERR" "" "$id: nothing on stderr"
	else
		expect_one_line "$ERR" "$id: one line on stderr"
		# shellcheck disable=SC2053
		if [[ $ERR == $want_msg ]]; then sk_pass; else sk_fail "$id: message: expected '$want_msg'"; fi
	fi
	if [ "$before" = "$after" ]; then sk_pass; else
		sk_fail "$id: changed the project or the database: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -4 | tr '\n' ' ')"
	fi
done <"$table"
echo "bad inputs: $cases cases run, $skipped skipped"
[ -n "${SK_REL_REPORT:-}" ] && echo "bad_inputs cases=$cases skipped=$skipped failed=$SK_FAILED" >>"$SK_REL_REPORT"
sk_end
