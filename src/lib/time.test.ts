import { expect, test } from "bun:test";
import { formatDateTime } from "./time.ts";

test("a moment reads as 2026-12-02 23:52 in the office's zone, whatever the server's", () => {
  expect(formatDateTime(new Date("2026-12-02T15:52:30Z"))).toBe("2026-12-02 23:52");
  // Past midnight in Beijing is the next day there.
  expect(formatDateTime(new Date("2026-12-31T16:05:00Z"))).toBe("2027-01-01 00:05");
  expect(formatDateTime(null)).toBe("—");
});
