#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, upgrade the
# example project's database (on the local development cluster under
# .schemake/, created on first use) and show its status.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
just build
just db-upgrade
just db-status
