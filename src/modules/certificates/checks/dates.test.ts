import { expect, test } from "bun:test";
import { addDays, addMonths, addWorkingDays } from "./dates.ts";

test("addDays crosses months and years", () => {
  expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
});

test("addMonths keeps the day and clamps it to the month's end", () => {
  expect(addMonths("2025-11-25", 12)).toBe("2026-11-25");
  expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
});

test("addWorkingDays skips Saturdays and Sundays", () => {
  expect(addWorkingDays("2026-11-19", 3)).toBe("2026-11-24"); // Thu → Fri, Mon, Tue
  expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23"); // Fri → Mon
  expect(addWorkingDays("2026-11-21", 0)).toBe("2026-11-21");
});
