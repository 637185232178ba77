#!/usr/bin/env bash
# `npm start` / `bun run start`: installs what is missing, then starts Origo (embedded database in
# ./data with demo data unless DATABASE_URL is set). See README for the environment variables.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-bun.sh
exec bun run src/main.ts
