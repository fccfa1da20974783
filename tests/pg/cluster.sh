#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (the ctest fixture "pg").
#
#   cluster.sh start DIR   initdb + start a cluster in a fresh /tmp/sk-testpg.XXXXXX,
#                          listening on its unix socket and 127.0.0.1:<free port>;
#                          writes DIR/env (shell-sourceable settings for the tests)
#                          and DIR/state (what stop needs)
#   cluster.sh stop DIR    stop that cluster and remove it; fine if there is none
#
# As root, initdb and the server run as the "postgres" user (SK_PG_OS_USER overrides).
# Nothing outside the temp directory and DIR is touched; only the server started
# here is stopped.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z $cmd || -z $dir ]]; then
	echo "usage: cluster.sh start|stop DIR" >&2
	exit 2
fi

os_user=${SK_PG_OS_USER:-postgres}
pw_role=sk_pw
pw_password='S3cr%t pa:ss@word'

die() {
	echo "cluster.sh: $*" >&2
	exit 1
}

# Runs a command as the cluster's OS user (ourselves unless we are root).
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u "$os_user" -- "$@"
	else
		"$@"
	fi
}

# The directory holding pg_ctl, initdb and postgres.
find_bindir() {
	local d p v best=-1 found=
	if [[ -n ${SK_PG_BINDIR:-} && -x $SK_PG_BINDIR/pg_ctl ]]; then
		echo "$SK_PG_BINDIR"
		return
	fi
	if p=$(command -v pg_ctl 2>/dev/null); then
		d=$(dirname "$(readlink -f "$p")")
		if [[ -x $d/initdb && -x $d/postgres ]]; then
			echo "$d"
			return
		fi
	fi
	if p=$(command -v pg_config 2>/dev/null) && d=$("$p" --bindir 2>/dev/null) &&
		[[ -x $d/pg_ctl && -x $d/initdb ]]; then
		echo "$d"
		return
	fi
	for d in /usr/lib/postgresql/*/bin; do
		v=${d#/usr/lib/postgresql/}
		v=${v%/bin}
		[[ $v =~ ^[0-9]+$ && -x $d/pg_ctl ]] || continue
		if ((v > best)); then
			best=$v
			found=$d
		fi
	done
	[[ -n $found ]] || die "cannot find the PostgreSQL server programs (pg_ctl)"
	echo "$found"
}

# Single-quotes a value for a shell-sourceable file when it needs it.
shq() {
	local s=$1
	if [[ $s =~ ^[A-Za-z0-9_./:-]+$ ]]; then
		printf '%s' "$s"
	else
		printf "'%s'" "${s//\'/\'\\\'\'}"
	fi
}

port_in_use() {
	# something accepts TCP connections on it
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_cluster() {
	local state=$dir/state tmp='' datadir='' bindir='' pid
	[[ -f $state ]] || {
		rm -f "$dir/env"
		return 0
	}
	while IFS='=' read -r key value; do
		case $key in
		tmp) tmp=$value ;;
		datadir) datadir=$value ;;
		bindir) bindir=$value ;;
		esac
	done <"$state"
	if [[ -n $datadir && -f $datadir/postmaster.pid ]]; then
		pid=$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null || true)
		if ! (cd / && as_pg "$bindir/pg_ctl" -D "$datadir" -m immediate -w -t 30 stop) >/dev/null 2>&1; then
			# pg_ctl could not stop it: end that one server, by its pid
			if [[ $pid =~ ^[0-9]+$ ]] && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
				kill -KILL "$pid" 2>/dev/null || true
			fi
		fi
	fi
	# only ever remove what start created
	if [[ -n $tmp && $tmp == /tmp/sk-testpg.* && -d $tmp ]]; then
		rm -rf -- "$tmp"
	fi
	rm -f "$dir/env" "$dir/state"
}

start_cluster() {
	local bindir tmp datadir port started=''
	mkdir -p "$dir"
	stop_cluster
	bindir=$(find_bindir)
	tmp=$(mktemp -d /tmp/sk-testpg.XXXXXX)
	datadir=$tmp/data
	# recorded at once, so that stop cleans up after a failed start too
	printf 'tmp=%s\ndatadir=%s\nbindir=%s\n' "$tmp" "$datadir" "$bindir" >"$dir/state"
	chmod 700 "$tmp"
	if [[ $(id -u) -eq 0 ]]; then
		id "$os_user" >/dev/null 2>&1 || die "user '$os_user' does not exist (set SK_PG_OS_USER)"
		chown "$os_user:" "$tmp"
	fi
	cd "$tmp"

	if ! as_pg "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --no-locale --no-sync \
		>"$tmp/initdb.log" 2>&1; then
		cat "$tmp/initdb.log" >&2
		stop_cluster
		die "initdb failed"
	fi
	cat >"$datadir/pg_hba.conf" <<EOF
local all all trust
host all $pw_role 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
EOF

	# Ports can be taken between the check and the start: try the next ones.
	for port in $(seq 55432 55531); do
		port_in_use "$port" && continue
		cat >"$datadir/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$tmp'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
		if as_pg "$bindir/pg_ctl" -D "$datadir" -l "$tmp/log" -w -t 60 start >/dev/null 2>&1; then
			started=1
			break
		fi
		if ! grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets|lock file .* already exists' "$tmp/log" 2>/dev/null; then
			tail -n 20 "$tmp/log" >&2 || true
			stop_cluster
			die "the server did not start"
		fi
		: >"$tmp/log"
	done
	if [[ -z $started ]]; then
		stop_cluster
		die "no free port between 55432 and 55531"
	fi

	local psql=$bindir/psql
	[[ -x $psql ]] || psql=psql
	if ! as_pg "$psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d postgres >/dev/null <<EOF; then
CREATE ROLE $pw_role LOGIN CREATEDB PASSWORD '${pw_password//\'/\'\'}';
CREATE ROLE sk_user LOGIN CREATEDB;
EOF
		stop_cluster
		die "cannot create the test roles"
	fi

	{
		echo "SK_PG_SOCKDIR=$(shq "$tmp")"
		echo "SK_PG_PORT=$port"
		echo "SK_PG_SUPERUSER=postgres"
		echo "SK_PG_PW_ROLE=$pw_role"
		echo "SK_PG_PW_PASSWORD=$(shq "$pw_password")"
		echo "SK_PG_BINDIR=$(shq "$bindir")"
		echo "SK_TEST_PG_URL=$(shq "postgresql:///postgres?host=$tmp&port=$port&user=postgres")"
	} >"$dir/env.tmp"
	mv -f "$dir/env.tmp" "$dir/env"
	echo "pg test cluster: $tmp (port $port)"
}

case $cmd in
start) start_cluster ;;
stop) stop_cluster ;;
*)
	echo "usage: cluster.sh start|stop DIR" >&2
	exit 2
	;;
esac
