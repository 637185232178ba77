import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";

/** Binary column; postgres.js hands back a Buffer, PGlite a Uint8Array: both arrive as Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/** A CCPIT office (签证机构), e.g. 1100B0 北京. */
export const offices = pgTable("offices", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  /** Printed as the place in the declaration and certification boxes (`BEIJING, CHINA`). */
  placeEn: text("place_en").notNull().default(""),
  /** The issuing office's contact, printed where a form has Tel / Fax / Address lines (ChAFTA, Costa Rica, the general form). */
  addressEn: text("address_en").notNull().default(""),
  tel: text("tel").notNull().default(""),
  fax: text("fax").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An exporter filed at an office (企业注册信息). The office is the source of truth for these values. */
export const enterprises = pgTable(
  "enterprises",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    regNo: text("reg_no").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    addressEn: text("address_en").notNull(),
    creditCode: text("credit_code"),
    nature: text("nature").notNull().default("中国企业"),
    smallMicro: boolean("small_micro").notNull().default(false),
    visaPoint: text("visa_point").notNull(),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    /** The current seal image (企业印章); earlier ones stay in enterprise_images for reprints. */
    sealImageId: text("seal_image_id").references((): AnyPgColumn => enterpriseImages.id),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enterprises_reg_no_key").on(t.regNo),
    uniqueIndex("enterprises_credit_code_key").on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index("enterprises_office_idx").on(t.officeCode),
  ],
);

export const imageKind = pgEnum("enterprise_image_kind", ["seal", "signature"]);

/**
 * Seal and signature images, kept in the database so app processes stay stateless. Rows are never
 * replaced: an upload adds a row and moves the pointer, so what was printed earlier can be reprinted.
 */
export const enterpriseImages = pgTable(
  "enterprise_images",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    kind: imageKind("kind").notNull(),
    mediaType: text("media_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("enterprise_images_enterprise_idx").on(t.enterpriseId)],
);

/** A hand-signer (手签员) whose name and signature appear in the exporter's declaration box. */
export const handSigners = pgTable(
  "hand_signers",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    name: text("name").notNull(),
    /** The name as printed on English certificates (ZHANG SAN): Chinese characters never go there. */
    nameLatin: text("name_latin"),
    phone: text("phone"),
    idNo: text("id_no"),
    active: boolean("active").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    signatureImageId: text("signature_image_id").references(() => enterpriseImages.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("hand_signers_enterprise_idx").on(t.enterpriseId),
    // At most one default hand-signer per enterprise.
    uniqueIndex("hand_signers_one_default_key").on(t.enterpriseId).where(sql`${t.isDefault}`),
  ],
);

export const customsCodeStatus = pgEnum("customs_code_status", ["PENDING", "APPROVED", "REJECTED"]);

/** An enterprise's 10-digit customs code (海关编码); the office approves or rejects each one. */
export const customsCodes = pgTable(
  "customs_codes",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    code: text("code").notNull(),
    status: customsCodeStatus("status").notNull().default("PENDING"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customs_codes_enterprise_code_key").on(t.enterpriseId, t.code)],
);
