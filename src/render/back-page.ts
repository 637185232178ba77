import { PT } from "./fonts.ts";
import { formLayout } from "./forms/index.ts";
import { FRAME } from "./forms/families.ts";
import type { CertificateType } from "./model.ts";
import { A4, type Item, type Scene } from "./scene.ts";
import { wrapText } from "./text.ts";
import { AppError } from "../lib/errors.ts";
import { placeText } from "./typeset.ts";

export const NO_BACK_PAGE_MESSAGE = "该证书类型没有背页说明。";

/** Back page (背页): the overleaf notes of the form, on their own A4 page. */
export function composeBackPage(type: CertificateType): Scene {
  const layout = formLayout(type);
  const notes = layout.backNotes;
  if (!notes) throw new AppError("invalid", NO_BACK_PAGE_MESSAGE);
  const items: Item[] = [];
  const put = (x: number, y: number, text: string, size: number, bold = false, align: "left" | "center" = "left") =>
    placeText(items, x, y, text, size, { bold, align });
  const width = FRAME.right - FRAME.left;
  let y = FRAME.top + 6;
  put(105, y, notes.title, 12, true, "center");
  y += 4;
  put(105, y + 2, layout.name, 8, false, "center");
  y += 9;
  const size = 9;
  const pitch = size * PT * 1.3;
  for (const paragraph of notes.paragraphs) {
    for (const line of wrapText(paragraph, width, size)) {
      put(FRAME.left, y, line, size);
      y += pitch;
    }
    y += pitch * 0.5;
  }
  return { title: `${layout.name} — ${notes.title}`, preview: false, pages: [{ ...A4, items }] };
}
