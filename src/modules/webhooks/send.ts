/**
 * One HTTP attempt of a delivery, with the SSRF guard: the host name is resolved here and every
 * address it resolves to must be public (unless private addresses are allowed), and the socket
 * connects to exactly the address that was checked (node:http's `lookup` hook), so a name that
 * resolves differently a moment later (DNS rebinding) cannot slip through. Redirects are not
 * followed (a 3xx is a failed attempt); the whole attempt has a 5 s limit.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { excerpt, isPublicAddress, SEND_TIMEOUT_MS } from "./rules.ts";

export type AttemptResult = { ok: boolean; status: number | null; answer: string; durationMs: number };

export class BlockedAddressError extends Error {}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 4);
      const blocked = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked || !addresses.length) return callback(new BlockedAddressError(`${hostname} → ${blocked?.address ?? "?"}`), "", 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export type SendInput = { url: string; body: string; headers: Record<string, string>; allowPrivate: boolean; timeoutMs?: number };

/** Posts `body` to `url`; never throws: every outcome is an attempt result (network errors have status null). */
export function sendOnce({ url, body, headers, allowPrivate, timeoutMs = SEND_TIMEOUT_MS }: SendInput): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const target = new URL(url);
  // An address written in the URL is connected to without a lookup: it is checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(literal) && !isPublicAddress(literal))
    return Promise.resolve({ ok: false, status: null, answer: `blocked address: ${literal}`, durationMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<AttemptResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: took() });
    };
    const client = target.protocol === "https:" ? https : http;
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Origo-Webhooks/1" },
        lookup: guardedLookup(allowPrivate),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          // Only the start is kept: stop reading a large answer.
          if (text.length > 2_000) {
            res.destroy();
            done({ ok: status >= 200 && status < 300, status, answer: excerpt(text) });
          }
        });
        res.on("end", () => done({ ok: status >= 200 && status < 300, status, answer: excerpt(text) }));
        res.on("error", () => done({ ok: status >= 200 && status < 300, status, answer: excerpt(text) }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ ok: false, status: null, answer: `timeout after ${timeoutMs} ms` });
    }, timeoutMs);
    req.on("error", (err) =>
      done({ ok: false, status: null, answer: err instanceof BlockedAddressError ? `blocked address: ${err.message}` : excerpt(err.message || String(err)) }),
    );
    req.end(body);
  });
}
