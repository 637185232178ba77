#!/usr/bin/env bash
# `npm test` / `bun run test`: every test, on real parts. Installs what is missing first (Bun and the
# packages; as root also the Debian packages the tests drive: Chromium, CJK fonts, poppler, and
# ippeveprinter with its avahi/D-Bus). When real IPP printers can be started (root), the whole run
# happens beside them in a loopback-only network namespace; otherwise the printer tests say they
# were skipped. Extra arguments go to `bun test` (e.g. a path).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-bun.sh

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v ippeveprinter >/dev/null 2>&1 || need+=(cups-ipp-utils)
command -v avahi-daemon >/dev/null 2>&1 || need+=(avahi-daemon)
command -v dbus-daemon >/dev/null 2>&1 || need+=(dbus)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v nginx >/dev/null 2>&1 || need+=(nginx)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages for the tests: ${need[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  else
    echo "warning: missing Debian packages (${need[*]}); run as root or apt-get install them" >&2
  fi
fi

# PostgreSQL must answer on its socket; start the cluster if it is installed but down.
if command -v pg_lsclusters >/dev/null 2>&1 && ! pg_isready -q -h /var/run/postgresql 2>/dev/null; then
  [ "$(id -u)" = 0 ] && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

if [ "$(id -u)" = 0 ] && command -v ippeveprinter >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1; then
  # 8631: an approved model; 8632: a model not on the approved list; 8633: approved but slow
  # (simulates ~10 s of printing) so a job can be cancelled while it prints.
  exec scripts/with-ipp-printers \
    -p '8631|HP|Color LaserJet Pro M252|fast' \
    -p '8632|Canon|PIXMA TS3100|fast' \
    -p '8633|HP|LaserJet Pro M404|' \
    -- bun test --timeout 60000 "$@"
fi
echo "note: printer tests will be skipped (real IPP printers need root and cups-ipp-utils)" >&2
exec bun test --timeout 60000 "$@"
