/**
 * Certificate renderer benchmark: per-page time of PDF, SVG and PNG for a one-page and a
 * three-page certificate, throughput on one core, PDF size, and headless Chromium's page.pdf()
 * of the same SVG preview for comparison. Run alone: `bun run bench/print.ts`.
 * Targets (per page, median): PDF ≤ 10 ms, SVG ≤ 60 ms.
 */
import { chromium } from "playwright-core";
import { sampleCertificate, threePageCertificate } from "../src/render/fixtures.ts";
import { composeCertificate, paintPdf, paintPng, paintSvg, type PrintableCertificate, type RenderOptions } from "../src/render/index.ts";

const OPTIONS: RenderOptions = { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" };

/**
 * Each run renders another certificate number (so another QR code), as a queue of different
 * certificates would; the seals and signature are the same images, as in one office.
 */
let serial = 0;
const next = (cert: PrintableCertificate): PrintableCertificate => ({
  ...cert,
  number: `A2611000000${String(serial++).padStart(4, "0")}`,
  verificationCode: `V${serial}`,
});

type Stats = { median: number; p95: number };

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

/** CPU milliseconds of this process over the last `sample` call: steadier than wall time on a shared machine. */
let lastCpu: number[] = [];

async function sample(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  // warm for at least 5 runs and 400 ms: font parsing, caches, JIT
  const warm = performance.now();
  for (let i = 0; i < 5 || performance.now() - warm < 400; i++) await fn();
  const out: number[] = [];
  lastCpu = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    lastCpu.push((used.user + used.system) / 1000);
  }
  return out;
}

const cpuMedian = (pages: number) => `cpu ${(stats(lastCpu).median / pages).toFixed(1)} ms`;

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function chromiumPdfTimes(svg: string, runs: number): Promise<number[]> {
  // playwright gives the browser a fresh temporary profile of its own
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const html = `<!doctype html><html><head><style>@page{size:A4;margin:0}html,body{margin:0}svg{display:block;width:210mm;height:297mm}</style></head><body>${svg}</body></html>`;
    return await sample(runs, async () => {
      await page.setContent(html);
      await page.pdf({ format: "A4", printBackground: true, margin: { top: "0", right: "0", bottom: "0", left: "0" } });
    });
  } finally {
    await browser.close();
  }
}

export async function benchPrint({ runs = 40 }: { runs?: number } = {}) {
  const certificates: [string, PrintableCertificate][] = [
    ["one-page", sampleCertificate()],
    ["three-page", threePageCertificate()],
  ];
  console.log(`certificate renderer — ${runs} runs each, wall time per page (median / p95), CPU time per page (median)`);
  console.log(
    `load average at start: ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${navigator.hardwareConcurrency} cores`,
  );
  let onePagePdfMedian = 0;
  let onePageSvg = "";
  for (const [name, cert] of certificates) {
    const pages = composeCertificate(cert, OPTIONS).pages.length;
    const compose = stats((await sample(runs, () => composeCertificate(next(cert), OPTIONS))).map((t) => t / pages));
    const composeCpu = cpuMedian(pages);
    const pdf = stats((await sample(runs, async () => paintPdf(composeCertificate(next(cert), OPTIONS)))).map((t) => t / pages));
    const pdfCpu = cpuMedian(pages);
    const svg = stats((await sample(Math.ceil(runs / 2), async () => paintSvg(composeCertificate(next(cert), OPTIONS)))).map((t) => t / pages));
    const svgCpu = cpuMedian(pages);
    const svgs = await paintSvg(composeCertificate(cert, OPTIONS));
    const png = stats((await sample(Math.ceil(runs / 4), () => svgs.map((s) => paintPng(s, 150)))).map((t) => t / pages));
    const pngCpu = cpuMedian(pages);
    const bytes = (await paintPdf(composeCertificate(cert, OPTIONS))).byteLength;
    console.log(`${name} (${pages} page${pages > 1 ? "s" : ""}):`);
    console.log(`  layout only          ${ms(compose.median)} / ${ms(compose.p95)}  (${composeCpu})`);
    console.log(`  PDF (layout + paint) ${ms(pdf.median)} / ${ms(pdf.p95)}  (${pdfCpu})  target ≤ 10 ms ${pdf.median <= 10 ? "met" : "MISSED"}`);
    console.log(`  SVG (layout + paint) ${ms(svg.median)} / ${ms(svg.p95)}  (${svgCpu})  target ≤ 60 ms ${svg.median <= 60 ? "met" : "MISSED"}`);
    console.log(`  PNG 150 dpi from SVG ${ms(png.median)} / ${ms(png.p95)}  (${pngCpu})`);
    console.log(`  PDF size             ${(bytes / 1024).toFixed(1)} KiB (${(bytes / 1024 / pages).toFixed(1)} KiB per page)`);
    if (name === "one-page") {
      onePagePdfMedian = pdf.median;
      onePageSvg = svgs[0]!;
    }
  }
  // throughput on one core: this process is single-threaded
  const one = certificates[0]![1];
  for (const [label, fn] of [
    ["layouts", () => composeCertificate(next(one), OPTIONS)],
    ["PDF certificates", () => paintPdf(composeCertificate(next(one), OPTIONS))],
  ] as const) {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < 2000) {
      await fn();
      count++;
    }
    console.log(`one core: ${((count * 1000) / (performance.now() - start)).toFixed(0)} one-page ${label} per second`);
  }
  const chrome = stats(await chromiumPdfTimes(onePageSvg, Math.ceil(runs / 2)));
  console.log(`headless Chromium page.pdf() of the same SVG preview (warm browser): ${ms(chrome.median)} / ${ms(chrome.p95)}`);
  console.log(`ratio Chromium / our PDF (one page, median): ${(chrome.median / onePagePdfMedian).toFixed(1)}×`);
}

if (import.meta.main) await benchPrint();
