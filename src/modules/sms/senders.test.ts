import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { httpSender, SmsDeliveryError } from "./senders.ts";

/** A real local HTTP endpoint standing in for the SMS provider; it records what it was sent. */
type Received = { method: string; path: string; auth: string | null; type: string | null; body: unknown };
const received: Received[] = [];
let answer: { status: number; delayMs?: number } = { status: 200 };
let server: ReturnType<typeof Bun.serve>;

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const url = new URL(req.url);
      received.push({
        method: req.method,
        path: url.pathname,
        auth: req.headers.get("authorization"),
        type: req.headers.get("content-type"),
        body: await req.json(),
      });
      if (answer.delayMs) await Bun.sleep(answer.delayMs);
      // A refusing provider echoes what it was sent, as some do.
      const refusal = JSON.stringify({ error: "quota", echo: received.at(-1)?.body });
      return new Response(answer.status === 200 ? '{"ok":true}' : refusal, { status: answer.status });
    },
  });
});
afterAll(() => server.stop(true));

const message = { to: "13800138000", text: "【Origo 原产地证】企业注册验证码 123456", purpose: "registration" as const, officeCode: "1100B0" };

describe("HTTP SMS adapter against a local provider", () => {
  test("posts {to, text} as JSON with the bearer token", async () => {
    received.length = 0;
    answer = { status: 200 };
    await httpSender({ url: `http://127.0.0.1:${server.port}/sms/send`, token: "tok-123456" }).send(message);
    expect(received).toEqual([
      { method: "POST", path: "/sms/send", auth: "Bearer tok-123456", type: "application/json", body: { to: "13800138000", text: message.text } },
    ]);
  });

  test("sends no Authorization header when no token is configured", async () => {
    received.length = 0;
    await httpSender({ url: `http://127.0.0.1:${server.port}/sms` }).send(message);
    expect(received[0]!.auth).toBeNull();
  });

  test("a refusal by the provider is a delivery error", async () => {
    answer = { status: 503 };
    const send = httpSender({ url: `http://127.0.0.1:${server.port}/sms` }).send(message);
    await expect(send).rejects.toBeInstanceOf(SmsDeliveryError);
    await expect(httpSender({ url: `http://127.0.0.1:${server.port}/sms` }).send(message)).rejects.toThrow(/503/);
  });

  test("the provider's refusal is logged without the number or the code it echoes", async () => {
    answer = { status: 500 };
    const lines: string[] = [];
    const spy = spyOn(process.stderr, "write").mockImplementation(((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write);
    try {
      await httpSender({ url: `http://127.0.0.1:${server.port}/sms` })
        .send(message)
        .catch(() => {});
    } finally {
      spy.mockRestore();
    }
    const logged = lines.join("");
    expect(logged).toContain("sms provider refused");
    expect(logged).toContain("quota");
    expect(logged).not.toContain("13800138000");
    expect(logged).not.toContain("123456");
  });

  test("a provider that does not answer in time is a delivery error", async () => {
    answer = { status: 200, delayMs: 500 };
    await expect(httpSender({ url: `http://127.0.0.1:${server.port}/sms`, timeoutMs: 100 }).send(message)).rejects.toBeInstanceOf(SmsDeliveryError);
  });

  test("an unreachable provider is a delivery error", async () => {
    const closed = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
    const port = closed.port;
    closed.stop(true);
    await expect(httpSender({ url: `http://127.0.0.1:${port}/sms` }).send(message)).rejects.toBeInstanceOf(SmsDeliveryError);
  });
});
