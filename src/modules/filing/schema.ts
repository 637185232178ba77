import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enterprises } from "../registration/schema.ts";
import { PRODUCT_STATUSES } from "./rules.ts";

export const productStatus = pgEnum("product_status", PRODUCT_STATUSES);

export type FiledAgreement = { type: string; originCriterion: string };

/**
 * A filed product (商品备案). Its content lives in versions: `latestVersionId` is what the
 * enterprise edits and sends, `approvedVersionId` what certificates are checked against. Editing an
 * approved product starts a new version, and certificates keep using the approved one meanwhile.
 */
export const products = pgTable(
  "products",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    officeCode: text("office_code").notNull(),
    latestVersionId: text("latest_version_id").notNull(),
    approvedVersionId: text("approved_version_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("products_enterprise_idx").on(t.enterpriseId, t.updatedAt)],
);

export const productVersions = pgTable(
  "product_versions",
  {
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    versionNo: integer("version_no").notNull(),
    status: productStatus("status").notNull().default("DRAFT"),
    hsCode: text("hs_code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    unit: text("unit").notNull(),
    materials: text("materials").notNull().default(""),
    agreements: jsonb("agreements").$type<FiledAgreement[]>().notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
  },
  (t) => [
    uniqueIndex("product_versions_no_key").on(t.productId, t.versionNo),
    index("product_versions_status_idx").on(t.status),
    index("product_versions_hs_idx").on(t.hsCode),
  ],
);
