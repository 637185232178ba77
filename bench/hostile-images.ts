// Refusing a hostile image must cost a few milliseconds and no memory: the inspector judges the
// header's dimensions before decoding and counts inflated PNG data instead of keeping it.
import { inspectImage } from "../src/lib/images.ts";
import { MARKS_IMAGE_LIMITS } from "../src/modules/certificates/data/review-data.ts";
import { deflateSync } from "node:zlib";
import { fixture, hostileImages, pngOf } from "../test/support/images.ts";
import { ms, summary } from "./lib.ts";

const ROUNDS = 30;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function benchHostileImages() {
  // The worst bomb the marks limits let through to the inflate step: it claims the largest
  // picture allowed (4000×4000 RGBA) and inflates far past it; the cap stops it at 64 MB.
  const atLimit = pngOf({ width: 4000, height: 4000, colourType: 6 }, deflateSync(new Uint8Array(300 * 1024 * 1024), { level: 9 }));
  const files = {
    ...(await hostileImages()),
    "png-bomb-at-the-limit": { bytes: atLimit, problem: "damaged" },
    "seal.png (accepted)": { bytes: await fixture("seal.png"), problem: "none" },
  };
  Bun.gc(true);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  console.log(`${ROUNDS} rounds a file; RSS sampled after each call (garbage is collected lazily, so it counts what was allocated and not yet freed)\n`);
  console.log(`| file | bytes | verdict | median | p95 | RSS peak over baseline |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const [name, { bytes }] of Object.entries(files)) {
    const samples: number[] = [];
    let verdict = "";
    let filePeak = baseline;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const v = await inspectImage(bytes, MARKS_IMAGE_LIMITS);
      samples.push(performance.now() - t0);
      verdict = v.ok ? "accepted" : v.problem;
      filePeak = Math.max(filePeak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, filePeak);
    const s = summary(samples);
    console.log(`| ${name} | ${bytes.length} | ${verdict} | ${ms(s.median)} | ${ms(s.p95)} | ${mb(filePeak - baseline)} |`);
  }
  Bun.gc(true);
  const after = process.memoryUsage().rss;
  console.log(`\nRSS: baseline ${mb(baseline)}, peak ${mb(peak)}, after a full collection ${mb(after)} (${mb(after - baseline)} kept)`);
}
