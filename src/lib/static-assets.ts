import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";

/**
 * Files under public/ (and htmx from its package) served at fingerprinted URLs (`/static/app.3f9a1c2b.css`) with a year-long
 * immutable cache, gzip-compressed once at start. Pages link them through `assetUrl(name)`, so a
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

type Asset = { url: string; body: Uint8Array; gzip: Uint8Array | null; type: string };

const publicDir = join(import.meta.dir, "../../public");
const byName = new Map<string, Asset>();
const byUrl = new Map<string, Asset>();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Served as `vendor/…` straight from the installed package, so the copy in use is the one bun.lock pins. */
const packaged: Record<string, string> = {
  "vendor/htmx.min.js": Bun.resolveSync("htmx.org/dist/htmx.min.js", import.meta.dir),
  "vendor/hx-sse.js": Bun.resolveSync("htmx.org/dist/ext/hx-sse.js", import.meta.dir),
};

const files: [name: string, path: string][] = [...walk(publicDir).map((f) => [relative(publicDir, f), f] as [string, string]), ...Object.entries(packaged)];
for (const [name, file] of files) {
  const body = new Uint8Array(readFileSync(file));
  const hash = new Bun.CryptoHasher("sha256").update(body).digest("hex").slice(0, 10);
  const ext = extname(name);
  const url = `/static/${name.slice(0, -ext.length)}.${hash}${ext}`;
  const type = types[ext] ?? "application/octet-stream";
  const compressible = type.startsWith("text/") || ext === ".svg";
  const asset = { url, body, gzip: compressible ? Bun.gzipSync(body, { level: 9 }) : null, type };
  byName.set(name, asset);
  byUrl.set(url, asset);
}

export function assetUrl(name: string): string {
  const a = byName.get(name);
  if (!a) throw new Error(`no asset public/${name}`);
  return a.url;
}

export function findAsset(url: string) {
  return byUrl.get(url);
}
