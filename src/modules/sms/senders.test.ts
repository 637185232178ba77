import { afterAll, beforeAll, describe, expect, test } from "bun:test";
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
      return new Response(answer.status === 200 ? '{"ok":true}' : '{"error":"quota"}', { status: answer.status });
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
