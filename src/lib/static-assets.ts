import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";

/**
 * Files under public/ (and the browser bundles below, from their packages) served at fingerprinted URLs (`/static/app.3f9a1c2b.css`) with a year-long
 * immutable cache, gzip-compressed once, on first request. Pages link them through `assetUrl(name)`, so a
 * changed file gets a new URL and no browser keeps a stale copy.
 */
const types: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

type Asset = { url: string; readonly body: Uint8Array; readonly gzip: Uint8Array | null; type: string };

const publicDir = join(import.meta.dir, "../../public");
const byName = new Map<string, Asset>();
const byUrl = new Map<string, Asset>();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Browser bundles served straight from their npm package, so the copy in use is the one bun.lock
 * pins: htmx and its SSE extension, and the EDI API reference page's Scalar viewer. Their URLs
 * carry the package's name and version (what bun.lock pins), and their bytes are read on first
 * request: reading and hashing the 5 MB Scalar bundle was ~40 ms of every start
 * (docs/decisions/0020).
 */
const packageFiles: Record<string, string> = {
  "vendor/htmx.min.js": "htmx.org/dist/htmx.min.js",
  "vendor/hx-sse.js": "htmx.org/dist/ext/hx-sse.min.js",
  // The package's exports map does not list its browser bundle, so it is read by path.
  "vendor/scalar-api-reference.js": "@scalar/api-reference/dist/browser/standalone.js",
};
const nodeModules = join(import.meta.dir, "../../node_modules");

const fingerprint = (bytes: Uint8Array | string) => new Bun.CryptoHasher("sha256").update(bytes).digest("hex").slice(0, 10);

function register(name: string, fingerprinted: string, read: () => Uint8Array) {
  const ext = extname(name);
  const url = `/static/${name.slice(0, -ext.length)}.${fingerprinted}${ext}`;
  const type = types[ext] ?? "application/octet-stream";
  const compressible = type.startsWith("text/") || ext === ".svg";
  let body: Uint8Array | undefined;
  let gzip: Uint8Array | null | undefined;
  // Compressed on first request, so a 5 MB bundle does not slow every start.
  const asset: Asset = {
    url,
    type,
    get body() {
      return (body ??= read());
    },
    get gzip() {
      return gzip === undefined ? (gzip = compressible ? Bun.gzipSync(this.body as Uint8Array<ArrayBuffer>, { level: 9 }) : null) : gzip;
    },
  };
  byName.set(name, asset);
  byUrl.set(url, asset);
}

for (const file of walk(publicDir)) {
  const bytes = new Uint8Array(readFileSync(file));
  register(relative(publicDir, file), fingerprint(bytes), () => bytes);
}
for (const [name, specifier] of Object.entries(packageFiles)) {
  const pkg = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
  const { version } = JSON.parse(readFileSync(join(nodeModules, pkg, "package.json"), "utf8")) as { version: string };
  register(name, fingerprint(`${pkg}@${version}/${specifier}`), () => new Uint8Array(readFileSync(join(nodeModules, specifier))));
}

export function assetUrl(name: string): string {
  const a = byName.get(name);
  if (!a) throw new Error(`no asset public/${name}`);
  return a.url;
}

export function findAsset(url: string) {
  return byUrl.get(url);
}
