#!/usr/bin/env bash
# Installs what schemake needs to build, run and test on Debian 12, skipping
# whatever is already there: compilers and build tools, the libraries we link
# (libpq, sqlite3, OpenSSL, inih, json-c, cmocka), the PostgreSQL server and
# clients used by the local development cluster and the tests, and `just`
# (from the npm package rust-just when it is not on PATH).
set -euo pipefail

packages=(
	build-essential cmake ninja-build pkg-config git
	libpq-dev libsqlite3-dev libssl-dev libinih-dev libjson-c-dev libcmocka-dev
	postgresql postgresql-client sqlite3 python3 bsdutils scdoc python3-sqlalchemy python3-pydantic python3-psycopg2 graphviz clang libclang-rt-14-dev valgrind
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if ! command -v just >/dev/null 2>&1 && ! command -v npm >/dev/null 2>&1; then
	missing+=(npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
	echo "install-deps: installing ${missing[*]}"
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

if ! command -v just >/dev/null 2>&1; then
	echo "install-deps: installing just (npm package rust-just)"
	"${sudo_cmd[@]}" npm install -g --silent rust-just >/dev/null
fi
