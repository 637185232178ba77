/** Waits for `check` to hold, polling every 20 ms; fails the test when it does not within `timeoutMs` (a worker's delivery, not a timing claim). */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await Bun.sleep(20);
  }
}
