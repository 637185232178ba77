import encodeQR from "@paulmillr/qr";

/**
 * A QR code as inline SVG, drawn on the server (no script, so the CSP stays strict): one path of
 * unit squares on a white ground with the four-module quiet zone readers need, crisp at any size.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const modules = encodeQR(text, "raw", { ecc: "medium", border: 0 });
  const quiet = 4;
  const size = modules.length + 2 * quiet;
  let d = "";
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }),
  );
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width="240"
      height="240"
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
