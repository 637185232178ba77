/**
 * DATABASE_URL as libpq reads it, turned into postgres.js options.
 *
 * postgres.js parses URLs itself but not libpq's query parameters: `?host=/var/run/postgresql` (the
 * unix socket, the usual local setup) reached PostgreSQL as a runtime parameter ("unrecognized
 * configuration parameter host"), and a URL without a host name (`postgresql:///origo?host=…`) was an
 * "Invalid URL". Here the URL is read the libpq way (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING):
 * - `postgres://user:pass@h1:5432,h2:5433/db` — several hosts are tried in turn (failover);
 * - query parameters `host`, `port`, `user`, `password`, `dbname` override the parts above; a host
 *   that starts with `/` is a socket directory;
 * - `sslmode` (disable, allow, prefer, require, verify-ca, verify-full) and `sslrootcert`;
 * - `connect_timeout` (seconds), `application_name`, `target_session_attrs`, `options=-c name=value`.
 * Any other parameter is refused by name, as libpq does, instead of being sent to the server.
 */
import { readFileSync } from "node:fs";
import type postgres from "postgres";

export class DatabaseUrlError extends Error {}

export type ParsedDatabaseUrl = {
  options: postgres.Options<Record<string, never>>;
  /** Host(s) and database without the password, for logs and start-up messages. */
  display: string;
};

const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
const SESSION_ATTRS = ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"];
const KNOWN = new Set([
  "host",
  "hostaddr",
  "port",
  "user",
  "password",
  "dbname",
  "sslmode",
  "sslrootcert",
  "connect_timeout",
  "application_name",
  "target_session_attrs",
  "options",
]);

function fail(message: string): never {
  throw new DatabaseUrlError(`DATABASE_URL: ${message}`);
}

function decode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    fail(`badly escaped part "${s}"`);
  }
}

/** `h1:5432,[::1]:5433,h3` → hosts and ports (port may be empty). */
function splitHosts(list: string): { host: string; port: string }[] {
  if (!list) return [];
  return list.split(",").map((part) => {
    const m = part.match(/^\[([^\]]+)\](?::(\d*))?$/) ?? part.match(/^([^:]*)(?::(\d*))?$/);
    if (!m) fail(`cannot read host "${part}"`);
    return { host: decode(m[1]!), port: m[2] ?? "" };
  });
}

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const m = url.match(/^postgres(?:ql)?:\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/);
  if (!m) fail("must look like postgres://user:password@host:port/database?param=value");
  const [, userinfo = "", hostlist = "", path = "", query = ""] = m;
  const colon = userinfo.indexOf(":");
  let user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon)) || undefined;
  let password = colon < 0 ? undefined : decode(userinfo.slice(colon + 1));
  let database = decode(path) || undefined;
  let hosts = splitHosts(hostlist);

  const params = new URLSearchParams(query);
  for (const key of params.keys()) if (!KNOWN.has(key)) fail(`unknown parameter "${key}" (known: ${[...KNOWN].join(", ")})`);
  const get = (k: string) => params.get(k) ?? undefined;

  const hostParam = get("host") ?? get("hostaddr");
  if (hostParam) hosts = hostParam.split(",").map((host) => ({ host, port: "" }));
  const portParam = get("port");
  if (portParam) {
    const ports = portParam.split(",");
    if (ports.length !== 1 && ports.length !== hosts.length) fail(`port lists ${ports.length} ports for ${hosts.length} hosts`);
    hosts = (hosts.length ? hosts : [{ host: "", port: "" }]).map((h, i) => ({ ...h, port: ports[ports.length === 1 ? 0 : i]! }));
  }
  user = get("user") ?? user;
  password = get("password") ?? password;
  database = get("dbname") ?? database;

  if (!hosts.length || hosts.every((h) => !h.host)) hosts = hosts.length ? hosts.map((h) => ({ ...h, host: "localhost" })) : [{ host: "localhost", port: "" }];
  for (const h of hosts) {
    if (!h.host) fail("an empty host in the host list");
    if (h.port && !/^\d{1,5}$/.test(h.port)) fail(`port "${h.port}" is not a number`);
  }
  const sockets = hosts.filter((h) => h.host.startsWith("/"));
  if (sockets.length && hosts.length > 1) fail("a socket directory cannot be combined with other hosts");

  const options: postgres.Options<Record<string, never>> = { user, password, database };
  if (sockets.length) {
    options.host = hosts[0]!.host;
    options.port = Number(hosts[0]!.port || 5432);
  } else {
    options.host = hosts.map((h) => h.host) as unknown as string;
    options.port = hosts.map((h) => Number(h.port || 5432)) as unknown as number;
  }

  const sslmode = get("sslmode");
  if (sslmode !== undefined) {
    if (!(SSL_MODES as readonly string[]).includes(sslmode)) fail(`sslmode "${sslmode}" is not one of ${SSL_MODES.join(", ")}`);
    const rootcert = get("sslrootcert");
    let ca: Buffer | undefined;
    if (rootcert && rootcert !== "system") {
      try {
        ca = readFileSync(rootcert);
      } catch {
        fail(`sslrootcert "${rootcert}" cannot be read`);
      }
    }
    if (sslmode === "disable") options.ssl = false;
    else if (sslmode === "verify-ca") options.ssl = { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
    else if (sslmode === "verify-full") options.ssl = ca ? { rejectUnauthorized: true, ca } : "verify-full";
    else options.ssl = sslmode as "allow" | "prefer" | "require";
  }

  const timeout = get("connect_timeout");
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout)) fail(`connect_timeout "${timeout}" must be whole seconds`);
    // libpq reads 0 as "wait forever": here it keeps the default instead, never forever.
    if (Number(timeout) > 0) options.connect_timeout = Number(timeout);
  }
  const attrs = get("target_session_attrs");
  if (attrs !== undefined) {
    if (!SESSION_ATTRS.includes(attrs)) fail(`target_session_attrs "${attrs}" is not one of ${SESSION_ATTRS.join(", ")}`);
    if (attrs !== "any") options.target_session_attrs = attrs as postgres.Options<Record<string, never>>["target_session_attrs"];
  }
  const connection: Record<string, string> = {};
  const appName = get("application_name");
  if (appName) connection.application_name = appName;
  const opts = get("options");
  if (opts) {
    // Only `-c name=value` (and `--name=value`) settings, the form libpq documents for `options`.
    const re = /(?:-c\s*|--)([A-Za-z_.][A-Za-z0-9_.]*)=(\S+)/g;
    const rest = opts.replace(re, "").trim();
    if (rest) fail(`options "${opts}": only -c name=value settings are understood`);
    for (const [, k, v] of opts.matchAll(re)) connection[k!] = v!;
  }
  // Values go to the server as text, whatever type postgres.js declares for a few of them.
  if (Object.keys(connection).length) options.connection = connection as postgres.Options<Record<string, never>>["connection"];

  const display = `${hosts.map((h) => (h.port ? `${h.host}:${h.port}` : h.host)).join(",")}/${database ?? user ?? ""}`;
  return { options, display };
}
