import { describe, expect, test } from "bun:test";
import { verificationUrl } from "./security";

describe("verification link", () => {
  test("the QR code leads to the public verification page with number and code", () => {
    expect(verificationUrl("https://origo.example.cn/", "A26/11 0001", "K7Q2-9XPM")).toBe("https://origo.example.cn/verify?no=A26%2F11%200001&code=K7Q2-9XPM");
  });
});
