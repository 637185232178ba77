import { describe, expect, test } from "bun:test";
import { CAPTCHA_ALPHABET, CAPTCHA_LENGTH, createCaptcha, hashCaptchaAnswer, normalizeCaptchaAnswer } from "./captcha.ts";

describe("image captcha", () => {
  test("draws five characters from the unambiguous alphabet as paths, with no text in the image", () => {
    for (let i = 0; i < 50; i++) {
      const { answer, svg } = createCaptcha();
      expect(answer).toHaveLength(CAPTCHA_LENGTH);
      for (const ch of answer) expect(CAPTCHA_ALPHABET).toContain(ch);
      expect(svg).toStartWith('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(svg).not.toContain("<text");
      expect(svg).not.toContain(answer);
      expect(svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(CAPTCHA_LENGTH + 3);
    }
  });

  test("leaves out characters people confuse", () => {
    for (const ch of "0O1I2Z5S8BGQV") expect(CAPTCHA_ALPHABET).not.toContain(ch);
  });

  test("the same answer is never drawn the same way twice", () => {
    expect(createCaptcha("ACDEF").svg).not.toBe(createCaptcha("ACDEF").svg);
  });

  test("answers ignore case, spaces and full-width letters", () => {
    expect(normalizeCaptchaAnswer(" ac d\u3000ef ")).toBe("ACDEF");
    expect(normalizeCaptchaAnswer("ＡＣＤＥＦ")).toBe("ACDEF");
    expect(hashCaptchaAnswer("salt", "acdef")).toBe(hashCaptchaAnswer("salt", "ACDEF"));
    expect(hashCaptchaAnswer("salt", "ACDEF")).not.toBe(hashCaptchaAnswer("pepper", "ACDEF"));
    expect(hashCaptchaAnswer("salt", "ACDEF")).toMatch(/^[0-9a-f]{64}$/);
  });
});
