import { describe, expect, test } from "bun:test";
import { openSecret, sealSecret } from "./secret-box.ts";

const key = Buffer.alloc(32, 1).toString("base64");
const otherKey = Buffer.alloc(32, 2).toString("base64");
const secret = new TextEncoder().encode("12345678901234567890");

describe("secrets at rest", () => {
  test("a sealed secret opens with the same key and account, and does not show the secret", () => {
    const sealed = sealSecret(key, secret, "account-1");
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(openSecret(key, sealed, "account-1")).toEqual(secret);
    expect(sealSecret(key, secret, "account-1")).not.toBe(sealed);
  });

  test("another key, another account or a changed byte does not open it", () => {
    const sealed = sealSecret(key, secret, "account-1");
    expect(() => openSecret(otherKey, sealed, "account-1")).toThrow();
    expect(() => openSecret(key, sealed, "account-2")).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BA" : "AA");
    expect(() => openSecret(key, tampered, "account-1")).toThrow();
  });
});
