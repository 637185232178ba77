import { expect, test } from "bun:test";
import { withDefaults } from "./defaults.ts";
import { FILED_ADDRESS, FILED_NAME } from "./checks/review.fixtures.ts";

const enterprise = { nameEn: FILED_NAME, addressEn: FILED_ADDRESS };

test("an omitted exporter and hand-signer take the enterprise's filed values", () => {
  const cert = withDefaults({ type: "GENERAL", printMode: "ECO" }, { enterprise, defaultHandSigner: "张三" });
  expect(cert.exporter).toEqual({ name: FILED_NAME, address: FILED_ADDRESS });
  expect(cert.handSigner).toBe("张三");
});

test("given values are kept, even when they will fail review", () => {
  const cert = withDefaults(
    { type: "GENERAL", printMode: "ECO", exporter: { name: "OTHER CO.", address: "" }, handSigner: "李四" },
    { enterprise, defaultHandSigner: "张三" },
  );
  expect(cert.exporter).toEqual({ name: "OTHER CO.", address: "" });
  expect(cert.handSigner).toBe("李四");
});

test("without a default hand-signer the field stays empty for review to report", () => {
  expect(withDefaults({ type: "GENERAL", printMode: "ECO" }, { enterprise, defaultHandSigner: null }).handSigner).toBeUndefined();
});
