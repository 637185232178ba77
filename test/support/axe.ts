import type { Page } from "playwright-core";

const AXE = await Bun.file(require.resolve("axe-core/axe.min.js")).text();

/** Rules whose "needs review" answers count as failures too: axe could not decide them, so a person would have to. */
const NO_REVIEW_LEFT = ["color-contrast", "duplicate-id", "duplicate-id-aria", "duplicate-id-active"];

/**
 * Runs axe in the page (evaluated, not injected as a script tag, so the page's CSP stays as it is):
 * every violation, and what it left for review on the rules above.
 */
export async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (review) => {
    type Result = { id: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: Result[]; incomplete: Result[] }> } }).axe;
    const r = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    const left = r.incomplete.filter((v) => review.includes(v.id));
    return [...r.violations, ...left].map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, NO_REVIEW_LEFT);
}
