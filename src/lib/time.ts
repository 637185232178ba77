/**
 * How every page and export writes a moment: "2026-12-02 23:52", in the office's time zone whatever
 * the server's. All offices are in mainland China (one zone, no daylight saving).
 */
export const OFFICE_TIME_ZONE = "Asia/Shanghai";

// Made on first use: constructing it is ~15 ms, and a server's start need not wait for it.
let formatter: Intl.DateTimeFormat | undefined;
const parts = () =>
  (formatter ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: OFFICE_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }));

export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return "—";
  const p = Object.fromEntries(
    parts()
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
