import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A CCPIT office (签证机构), e.g. 1100B0 北京. */
export const offices = pgTable("offices", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
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
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("enterprises_reg_no_key").on(t.regNo), index("enterprises_office_idx").on(t.officeCode)],
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
    phone: text("phone"),
    idNo: text("id_no"),
    active: boolean("active").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hand_signers_enterprise_idx").on(t.enterpriseId)],
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
