import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { AppError, invalid } from "./errors.ts";
import { attempt, attemptForm, formFailure } from "./forms.ts";
import { isHtmx } from "./htmx.ts";

describe("the one form-failure path", () => {
  test("what the person typed is 422 on every page, with each field's problem; the top summary only when no field carries it", () => {
    const withField = formFailure(invalid("请填写重印原因。", [{ path: "reprintReason", message: "请填写重印原因。" }]), "invalid", "conflict");
    expect(withField).toEqual({ code: "invalid", status: 422, message: "请填写重印原因。", summary: undefined, errors: { reprintReason: "请填写重印原因。" } });
    expect(formFailure(invalid("格式不对。"), "invalid").summary).toBe("格式不对。");
  });

  test("each refusal a page shows has its own status", () => {
    expect(formFailure(new AppError("conflict", "已被处理。"), "conflict").status).toBe(409);
    expect(formFailure(new AppError("too_large", "太大。"), "too_large").status).toBe(413);
    expect(formFailure(new AppError("rate_limited", "太频繁。"), "rate_limited").status).toBe(429);
    expect(formFailure(new AppError("not_found", "找不到。"), "not_found").status).toBe(404);
  });

  test("anything the page does not show goes on to the app's error handler unchanged", () => {
    const forbidden = new AppError("forbidden", "无权。");
    expect(() => formFailure(forbidden, "invalid", "conflict")).toThrow(forbidden);
    const bug = new TypeError("x is undefined");
    expect(() => formFailure(bug, "invalid")).toThrow(bug);
  });

  test("attempt: a call's value, or its refusal as the page shows it; anything else is rethrown", async () => {
    expect(await attempt(Promise.resolve(7), "invalid")).toEqual({ ok: true, value: 7 });
    const refused = await attempt(Promise.reject(new AppError("conflict", "已被处理。")), "conflict");
    expect(refused).toEqual({ ok: false, failure: { code: "conflict", status: 409, message: "已被处理。", summary: "已被处理。", errors: {} } });
    const forbidden = new AppError("forbidden", "无权。");
    await expect(attempt(Promise.reject(forbidden), "invalid")).rejects.toThrow(forbidden);
  });

  test("attemptForm: text the database cannot hold is refused beside its field before the call is made", async () => {
    let called = false;
    const refused = await attemptForm({ reason: "a\u0000b" }, async () => (called = true));
    expect(refused.ok ? null : Object.keys(refused.failure.errors)).toEqual(["reason"]);
    expect(called).toBe(false);
    expect(await attemptForm({ reason: "重印" }, async () => 1, "conflict")).toEqual({ ok: true, value: 1 });
    const typed = await attemptForm({}, () => Promise.reject(invalid("请填写原因。")), "conflict");
    expect(typed.ok ? null : typed.failure.status).toBe(422);
  });
});

test("isHtmx: an htmx swap gets a fragment; a boosted or plain request gets the whole page", async () => {
  const app = new Hono().get("/", (c) => c.text(isHtmx(c) ? "fragment" : "page"));
  const ask = async (headers: Record<string, string>) => (await app.request("/", { headers })).text();
  expect(await ask({ "hx-request": "true" })).toBe("fragment");
  expect(await ask({ "hx-request": "true", "hx-boosted": "true" })).toBe("page");
  expect(await ask({})).toBe("page");
});
