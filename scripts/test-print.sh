#!/usr/bin/env bash
# Runs the tests that need real IPP printers (files named *.ipp.test.ts) beside ippeveprinter
# instances in a loopback-only network namespace (see with-ipp-printers in the shared tools).
# The printers here are the ones src/print/ipp.ipp.test.ts expects; keep the two in step.
# Arguments replace the default file filter `.ipp.test.ts` given to `bun test`. Needs root (unshare -n).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$repo/../shared/tools"
[ -x "$tools/with-ipp-printers" ] || tools=/work/shared/tools
cd "$repo"
exec "$tools/with-ipp-printers" \
  -p '8631|HP|Color LaserJet Pro M252|fast' \
  -p '8632|Canon|PIXMA TS3100|fast' \
  -p '8633|HP|LaserJet Pro M404|' \
  -- bun test "${@:-.ipp.test.ts}"
