/**
 * What the IPP client does when the address is not a working printer. These run anywhere: the
 * "printers" here are real sockets on loopback that refuse, stay silent or speak plain HTTP.
 * Tests against real IPP printers are in ipp.ipp.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createServer, type Server } from "node:net";
import { getJobState, getPrinterInfo, PrinterError } from "./ipp.ts";

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

describe("printer errors", () => {
  test("a refused connection is an `unreachable` PrinterError carrying the system's message", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const e = await rejection(getPrinterInfo({ uri: `ipp://127.0.0.1:${port}/ipp/print` }));
    expect(e).toBeInstanceOf(PrinterError);
    const pe = e as PrinterError;
    expect(pe.kind).toBe("unreachable");
    expect(pe.uri).toBe(`ipp://127.0.0.1:${port}/ipp/print`);
    expect(pe.printerMessage).toContain("ECONNREFUSED");
  });

  test("a printer that accepts the connection and never answers times out", async () => {
    const silent = createServer(() => {});
    servers.push(silent);
    const port = await listen(silent);
    const e = await rejection(getJobState({ uri: `ipp://127.0.0.1:${port}/ipp/print`, jobId: 1, timeoutMs: 300 }));
    expect(e).toBeInstanceOf(PrinterError);
    expect((e as PrinterError).kind).toBe("timeout");
    expect((e as PrinterError).jobId).toBe(1);
  });

  test("the caller's abort rejects with the caller's reason, not a PrinterError", async () => {
    const silent = createServer(() => {});
    servers.push(silent);
    const port = await listen(silent);
    const controller = new AbortController();
    const pending = getPrinterInfo({ uri: `ipp://127.0.0.1:${port}/ipp/print`, signal: controller.signal });
    const reason = new Error("desk closed");
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
  });

  test("a web server that is not a printer gives `http_status` with its HTTP status", async () => {
    using web = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("no printer here", { status: 404, statusText: "Not Found" }) });
    const e = (await rejection(getPrinterInfo({ uri: `ipp://127.0.0.1:${web.port}/ipp/print` }))) as PrinterError;
    expect(e.kind).toBe("http_status");
    expect(e.printerMessage).toBe("HTTP 404 Not Found");
  });

  test("a 200 answer that is not IPP gives `bad_response`", async () => {
    using web = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("<html></html>") });
    const e = (await rejection(getPrinterInfo({ uri: `ipp://127.0.0.1:${web.port}/ipp/print` }))) as PrinterError;
    expect(e.kind).toBe("bad_response");
  });

  test("only ipp:// and ipps:// addresses are accepted", async () => {
    for (const uri of ["http://127.0.0.1:631/ipp/print", "printer-at-desk-3", ""]) {
      const e = (await rejection(getPrinterInfo({ uri }))) as PrinterError;
      expect(e.kind).toBe("invalid_uri");
    }
  });
});
