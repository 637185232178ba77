/**
 * 导入商品 (Excel): preview a workbook's goods lines against a certificate being edited, then append
 * the confirmed ones. Nothing is written by the preview; the confirmation saves through
 * `updateCertificate`, so it is refused on a stale revision (like autosave) and machine review runs
 * on the result.
 */
import { z } from "zod";
import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import { conflict, invalid } from "../../../lib/errors.ts";
import { readXlsxSheet } from "../../../lib/xlsx-read.ts";
import { goodsLineSchema, MAX_GOODS_LINES, type GoodsLine } from "../edi/contract.ts";
import { productsFor } from "./form-ops.ts";
import { getFormContext } from "./form-service.ts";
import { IMPORT_COLUMNS, mapGoodsRows } from "./goods-import.ts";
import { GIM } from "./goods-import-messages.ts";
import { templateWorkbook } from "./import-sheet.ts";
import { isEditable } from "../lifecycle.ts";
import { CM } from "../lifecycle-messages.ts";
import { certificateType } from "../registry.ts";
import { getCertificate, updateCertificate } from "../service.ts";

/** Whether anything is typed in a value; a new certificate starts with one blank line, which imports replace. */
const hasValue = (v: unknown): boolean => v !== null && v !== undefined && v !== "" && (typeof v !== "object" || Object.values(v).some(hasValue));

const keptLines = (goods: readonly GoodsLine[] | null | undefined) => (goods ?? []).filter(hasValue);

async function editable({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const cert = await getCertificate({ db, user, id });
  if (!isEditable(cert.status)) throw conflict(CM.notEditable);
  return cert;
}

/** The import page's certificate: its own enterprise's, and still editable. */
export const getImportTarget = editable;

/** Reads the workbook (XlsxRefused on a hostile or broken one) and maps its rows; saves nothing. */
export async function previewGoodsImport({ db, user, id, bytes, sheet }: { db: Db; user: CurrentUser; id: string; bytes: Uint8Array; sheet?: string }) {
  const cert = await editable({ db, user, id });
  const read = await readXlsxSheet(bytes, { sheet });
  const type = certificateType(cert.body.type);
  const { products } = await getFormContext({ db, enterpriseId: cert.enterpriseId });
  const preview = mapGoodsRows({
    rows: read.rows,
    type,
    products: productsFor(type, products),
    invoiceNo: cert.body.invoice?.number?.trim() || null,
    room: MAX_GOODS_LINES - keptLines(cert.body.goods).length,
  });
  return { cert, sheet: read.sheet, sheetNames: read.sheetNames, ...preview };
}

const confirmedLines = z.array(goodsLineSchema).min(1).max(MAX_GOODS_LINES);

/**
 * Appends the previewed lines (posted back as JSON, validated like an API body) after the lines
 * already on the certificate, refusing when the certificate changed since the preview.
 */
export async function confirmGoodsImport({
  db,
  user,
  id,
  linesJson,
  revision,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  id: string;
  linesJson: string;
  revision: number;
  requestId?: string;
}) {
  let lines: GoodsLine[];
  try {
    lines = confirmedLines.parse(JSON.parse(linesJson));
  } catch {
    throw invalid(GIM.linesInvalid);
  }
  const cert = await editable({ db, user, id });
  const goods = [...keptLines(cert.body.goods), ...lines];
  if (goods.length > MAX_GOODS_LINES) throw invalid(GIM.tooManyLines(lines.length, MAX_GOODS_LINES - keptLines(cert.body.goods).length));
  const saved = await updateCertificate({ db, user, id, body: { ...cert.body, goods }, revision, requestId });
  return { ...saved, imported: lines.length };
}

/** The import template: one header row naming each column in Chinese and English. */
export const goodsImportTemplate = () => templateWorkbook({ sheetName: "商品 Goods", columns: IMPORT_COLUMNS });
