#!/usr/bin/env bash
# Runs the tests that need real IPP printers (files named *.ipp.test.ts) beside ippeveprinter
# instances in a loopback-only network namespace (with-ipp-printers in the shared tools folder,
# ../shared/tools from the repo root, else /work/shared/tools).
# The printers here are the ones src/print/ipp.ipp.test.ts expects; keep the two in step.
# Arguments replace the default file filter `.ipp.test.ts` given to `bun test`. Needs root (unshare -n).
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$repo/../shared/tools"
[ -x "$tools/with-ipp-printers" ] || tools=/work/shared/tools
cd "$repo"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# ippeveprinter sometimes aborts at start when avahi-daemon in the namespace is not ready yet
# ("Ignored Avahi state 101", "Assertion `group' failed"); that start-up failure is retried,
# test failures are not.
for attempt in 1 2 3; do
  "$tools/with-ipp-printers" \
    -p '8631|HP|Color LaserJet Pro M252|fast' \
    -p '8632|Canon|PIXMA TS3100|fast' \
    -p '8633|HP|LaserJet Pro M404|' \
    -- bun test "${@:-.ipp.test.ts}" 2> >(tee "$log" >&2)
  rc=$?
  wait # for tee
  [ "$rc" -ne 0 ] && grep -q "with-ipp-printers: printer on .* did not start" "$log" || exit "$rc"
  echo "test-print: printers did not start (attempt $attempt), retrying" >&2
done
exit "$rc"
