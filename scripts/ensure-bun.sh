# Sourced by the start and test scripts: makes sure Bun and the locked packages are installed.
# A fresh machine has Node.js and npm only; Bun ships inside its npm package.
if ! command -v bun >/dev/null 2>&1; then
  echo "Installing Bun from the npm registry…" >&2
  npm install -g bun >&2
  hash -r
fi
bun install --frozen-lockfile >&2
