import { Resvg } from "@resvg/resvg-js";
import type { GoodsLine, ImageBytes, PrintableCertificate } from "./model.ts";

/**
 * Sample certificates for the renderer's tests, benchmark and artifacts: realistic values in the
 * shape the print slice builds, and seal/signature images drawn here (no binary files kept).
 */

function png(svg: string): ImageBytes {
  const bytes = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  return { bytes: new Uint8Array(bytes), mime: "image/png" };
}

const star = (cx: number, cy: number, r: number) =>
  Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.4 : r;
    return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
  }).join(" ");

export function sealImage(color = "#d01c1c"): ImageBytes {
  return png(
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><circle cx="200" cy="200" r="180" fill="none" stroke="${color}" stroke-width="14"/><circle cx="200" cy="200" r="150" fill="none" stroke="${color}" stroke-width="3"/><polygon points="${star(200, 200, 70)}" fill="${color}"/></svg>`,
  );
}

export function signatureImage(): ImageBytes {
  return png(
    `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="200"><path d="M20 150 C 80 20, 120 20, 140 120 S 200 180, 240 80 S 320 40, 340 140 S 420 160, 480 60" fill="none" stroke="#1a2a6c" stroke-width="8" stroke-linecap="round"/></svg>`,
  );
}

export function marksImage(): ImageBytes {
  return png(
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect x="10" y="10" width="580" height="280" fill="#fff" stroke="#000" stroke-width="6"/><polygon points="300,40 540,150 300,260 60,150" fill="none" stroke="#000" stroke-width="8"/><circle cx="300" cy="150" r="50" fill="#000"/></svg>`,
  );
}

export function goodsLine(i: number, overrides: Partial<GoodsLine> = {}): GoodsLine {
  return {
    itemNo: i,
    marks: i === 1 ? "N/M" : `ORIGO/${1000 + i}\nMADE IN CHINA\nC/NO. 1-${10 * i}`,
    packages: { count: 150 + i, kind: "CARTONS" },
    description: `WORKING GLOVES MODEL WG-${100 + i}, KNITTED COTTON WITH NITRILE COATED PALM`,
    hsCode: "611610",
    criterion: "WP",
    quantity: { value: 1500 + i * 10, unit: "PAIRS" },
    grossWeightKg: 320.5 + i,
    value: 2500 + i * 100,
    ...overrides,
  };
}

export function sampleCertificate(overrides: Partial<PrintableCertificate> = {}): PrintableCertificate {
  return {
    type: "CHAFTA",
    number: "A26110000000001",
    verificationCode: "K7Q2-9XPM",
    mode: "ECO",
    exporter: { name: "BEIJING TUOBANG INVESTMENT CO., LTD.", address: "NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING 100004, CHINA" },
    producer: { name: "SAME", address: "" },
    consignee: { name: "ACME PTY LTD", address: "1 GEORGE STREET, SYDNEY NSW 2000, AUSTRALIA" },
    transport: {
      routeText: "FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG",
      departureDate: "2026-12-01",
      vessel: "COSCO STAR V.123",
      portOfLoading: "DALIAN, CHINA",
      portOfDischarge: "ADELAIDE, AUSTRALIA",
    },
    goods: [goodsLine(1), goodsLine(2)],
    invoice: { number: "CI-P171123", date: "2026-11-20", currency: "USD" },
    remarks: "L/C NO. 123456",
    destinationCountry: "AUSTRALIA",
    declaration: { place: "BEIJING, CHINA", date: "2026-11-21", signerName: "ZHANG SAN" },
    certification: {
      place: "BEIJING, CHINA",
      date: "2026-11-22",
      officeName: "CCPIT BEIJING SUB-COUNCIL",
      contact: { tel: "+86 10 8807 5000", fax: "+86 10 8807 5001", address: "NO.2 FUXINGMENWAI STREET, BEIJING, CHINA" },
    },
    images: { officeSeal: sealImage(), enterpriseSeal: sealImage("#c2185b"), signature: signatureImage() },
    ...overrides,
  };
}

/** A certificate with enough goods to fill page 1 and two continuation sheets. */
export function threePageCertificate(overrides: Partial<PrintableCertificate> = {}): PrintableCertificate {
  return sampleCertificate({ goods: Array.from({ length: 20 }, (_, i) => goodsLine(i + 1)), ...overrides });
}
