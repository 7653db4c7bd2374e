#!/usr/bin/env bash
# Runs every benchmark in turn (about 10 minutes on the 2-core machine) and leaves the numbers in
# bench/results/. Run it on an otherwise idle machine: the numbers are wall-clock.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/chain.ts --rounds 5 --runs 50
npx tsx bench/webhook-throughput.ts --rounds 3 --duration 10
npx tsx bench/sync-api.ts --rounds 3 --duration 10
npx tsx bench/chain.ts --store postgres --rounds 3 --runs 20
for workers in 1 2 4; do npx tsx bench/webhook-throughput.ts --store postgres --workers "$workers" --rounds 3 --duration 10; done
npx tsx bench/postgres-statements.ts --runs 200
# Needs Debian's Chromium and the built web app (npm run build).
if [ -x "${STRATOFLOW_CHROMIUM:-/usr/bin/chromium}" ]; then npx tsx bench/web-inspector.ts --rounds 5; fi
