import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { csrfAfter, ms, startServer, summary } from "./lib.ts";

/**
 * Certificate form (制单) figures on the embedded database: the size of the form page (one goods
 * line and twenty, raw and gzip), and the latency an exporter feels for opening it, for an autosave
 * that writes (machine review included) and for a goods-line edit that swaps the whole form back.
 */
export async function benchCertificateForm() {
  const server = await startServer();
  try {
    for (;;) {
      if ((await fetch(`${server.url}/sign-in`).catch(() => null))?.ok) break;
      await Bun.sleep(5);
    }
    const first = await fetch(`${server.url}/sign-in`);
    const anonymous = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("origo_csrf="))!
      .split(";")[0]!;
    const signedIn = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ login: "1100A4419", password: DEMO_PASSWORD, _csrf: anonymous.split("=")[1]! }),
      redirect: "manual",
      headers: { cookie: anonymous, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    });
    const csrfCookie = csrfAfter(signedIn, anonymous); // bound to the new session
    const csrf = csrfCookie.split("=")[1]!;
    const session = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith("origo_session="))!
      .split(";")[0]!;
    const cookie = `${csrfCookie}; ${session}`;
    const created = await fetch(`${server.url}/certificates/new?type=CHAFTA`, { redirect: "manual", headers: { cookie } });
    const path = created.headers.get("location")!;

    const htmx = (url: string, fields: Record<string, string>) =>
      fetch(server.url + url, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded", "hx-request": "true", "x-csrf-token": csrf },
      });
    const line = (i: number) => ({
      [`goods.${i}.marks`]: "N/M",
      [`goods.${i}.packages.count`]: "150",
      [`goods.${i}.packages.kind`]: "CARTONS",
      [`goods.${i}.description`]: `WORKING GLOVES, COTTON, STYLE ${i + 1}`,
      [`goods.${i}.hsCode`]: "6116100000",
      [`goods.${i}.originCriterion`]: "WP",
      [`goods.${i}.quantity.value`]: "1500",
      [`goods.${i}.quantity.unit`]: "PAIRS",
      [`goods.${i}.grossWeightKg`]: "320.5",
    });
    const fields = (lines: number, remarks: string) => ({
      "exporter.name": "BEIJING TUOBANG INVESTMENT CO., LTD.",
      "exporter.address": "NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING, CHINA",
      "consignee.name": "ACME TRADING LTD",
      "consignee.address": "1 GEORGE ST",
      "consignee.country": "AU",
      destinationCountry: "AU",
      "transport.from.port": "CHINA(中国)(142) / DALIAN",
      "transport.to.port": "AUSTRALIA(澳大利亚)(601) / ADELAIDE",
      "transport.mode": "SEA",
      "invoice.number": "CI-BENCH-1",
      remarks,
      handSigner: "张三",
      ...Object.assign({}, ...Array.from({ length: lines }, (_, i) => line(i))),
    });

    const pageSize = async (label: string) => {
      const raw = await (await fetch(server.url + path, { headers: { cookie } })).arrayBuffer();
      // fetch decompresses what it receives, so the wire size is estimated with gzip at its default level.
      const gz = Bun.gzipSync(new Uint8Array(raw), { level: 6 });
      console.log(`form page, ${label}: ${(raw.byteLength / 1024).toFixed(1)} KB, about ${(gz.byteLength / 1024).toFixed(1)} KB gzip`);
    };
    await htmx(`${path}/autosave`, fields(1, "R0"));
    await pageSize("1 goods line");
    await htmx(`${path}/autosave`, fields(20, "R0"));
    await pageSize("20 goods lines");

    const timed = async (n: number, run: (i: number) => Promise<Response>) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        const res = await run(i);
        await res.arrayBuffer();
        if (res.status >= 400) throw new Error(`status ${res.status}`);
        samples.push(performance.now() - s);
      }
      return summary(samples);
    };
    const open = await timed(100, () => fetch(server.url + path, { headers: { cookie } }));
    console.log(`open the form, 20 lines, ${open.n} sequential: median ${ms(open.median)}, p95 ${ms(open.p95)}`);
    const save = await timed(100, (i) => htmx(`${path}/autosave`, fields(20, `R${i + 1}`)));
    console.log(`autosave that writes, 20 lines, ${save.n} sequential: median ${ms(save.median)}, p95 ${ms(save.p95)}`);
    const idle = await timed(100, () => htmx(`${path}/autosave`, fields(20, "R100")));
    console.log(`autosave of an unchanged page, 20 lines, ${idle.n} sequential: median ${ms(idle.median)}, p95 ${ms(idle.p95)}`);
    const move = await timed(50, (i) => htmx(path, { ...fields(20, "R100"), op: `down:${i % 19}` }));
    console.log(`goods-line move (form swapped back), 20 lines, ${move.n} sequential: median ${ms(move.median)}, p95 ${ms(move.p95)}`);
  } finally {
    await server.stop();
  }
}
