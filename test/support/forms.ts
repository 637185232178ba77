/**
 * Reads a server-rendered form the way a browser would submit it: the successful controls (inputs
 * with their value, checked boxes and radios, selected options, textareas), no buttons, no files.
 * Tests post back what the page shows instead of re-deriving field names.
 */
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export async function readForm(html: string, formSelector = "form"): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  let select: string | null = null;
  let textarea: { name: string; text: string } | null = null;
  const attr = (el: HTMLRewriterTypes.Element, name: string) => {
    const v = el.getAttribute(name);
    return v === null ? null : decodeHtml(v);
  };
  await new HTMLRewriter()
    .on(`${formSelector} input[name]`, {
      element(el) {
        const type = (attr(el, "type") ?? "text").toLowerCase();
        if (["submit", "button", "image", "file", "reset"].includes(type) || el.hasAttribute("disabled")) return;
        if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) return;
        fields[attr(el, "name")!] = attr(el, "value") ?? (type === "checkbox" || type === "radio" ? "on" : "");
      },
    })
    .on(`${formSelector} select[name]`, {
      element(el) {
        select = attr(el, "name");
        if (select) fields[select] = "";
      },
    })
    .on(`${formSelector} select option`, {
      element(el) {
        if (select && el.hasAttribute("selected")) fields[select] = attr(el, "value") ?? "";
      },
    })
    .on(`${formSelector} textarea[name]`, {
      element(el) {
        textarea = { name: attr(el, "name")!, text: "" };
        el.onEndTag(() => {
          fields[textarea!.name] = decodeHtml(textarea!.text);
          textarea = null;
        });
      },
      text(t) {
        if (textarea) textarea.text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  return fields;
}
