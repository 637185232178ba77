import { boolean, customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { accounts } from "../accounts/schema.ts";
import { offices } from "../registration/schema.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

export const officeImageKind = pgEnum("office_image_kind", ["seal", "signature"]);

/**
 * The office's certification seal (签证章) and its signatories' signatures. Rows are never changed
 * or deleted: an upload adds a row and moves a pointer, and an approved certificate points at the
 * rows it was endorsed with, so it prints the same forever.
 */
export const officeImages = pgTable(
  "office_images",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    kind: officeImageKind("kind").notNull(),
    mediaType: text("media_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdBy: text("created_by").references(() => accounts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("office_images_office_idx").on(t.officeCode)],
);

export const hiddenWord = pgEnum("hidden_word", ["VOID", "COPY"]);

/** The office's current certification seal and the word its eCOs' anti-copy pattern hides. */
export const officeSeals = pgTable("office_seals", {
  officeCode: text("office_code")
    .primaryKey()
    .references(() => offices.code),
  imageId: text("image_id").references(() => officeImages.id),
  hiddenWord: hiddenWord("hidden_word").notNull().default("VOID"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An authorised signatory (签证员) of the office: the name printed in Latin letters, a signature
 * image, active or not. Linked to a staff account when the signatory reviews on the desk; the
 * office default signs approvals by reviewers who are not signatories.
 */
export const officeSignatories = pgTable(
  "office_signatories",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    nameLatin: text("name_latin").notNull(),
    accountId: text("account_id").references(() => accounts.id),
    signatureImageId: text("signature_image_id").references(() => officeImages.id),
    active: boolean("active").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("office_signatories_office_idx").on(t.officeCode),
    uniqueIndex("office_signatories_one_default_key").on(t.officeCode).where(sql`${t.isDefault}`),
    uniqueIndex("office_signatories_account_key").on(t.accountId).where(sql`${t.accountId} is not null`),
  ],
);

/** What an approval applied: the seal and signature images (immutable rows) and the name printed. */
export const certificateEndorsements = pgTable("certificate_endorsements", {
  certificateId: text("certificate_id").primaryKey(),
  officeCode: text("office_code").notNull(),
  sealImageId: text("seal_image_id").references(() => officeImages.id),
  signatoryId: text("signatory_id").references(() => officeSignatories.id),
  signatureImageId: text("signature_image_id").references(() => officeImages.id),
  signatoryName: text("signatory_name"),
  hiddenWord: hiddenWord("hidden_word").notNull().default("VOID"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The office's document-signing key and X.509 certificate (PAdES). The private key is sealed with
 * the server's key (like TOTP secrets); the newest active row signs.
 */
export const officeSigningKeys = pgTable(
  "office_signing_keys",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    /** The signer's certificate first, then its chain, PEM. */
    certificatePem: text("certificate_pem").notNull(),
    /** PKCS#8 private key, sealed (accounts' secret box, context = this row's id). */
    sealedKey: text("sealed_key").notNull(),
    subject: text("subject").notNull(),
    notAfter: timestamp("not_after", { withTimezone: true }).notNull(),
    selfSigned: boolean("self_signed").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("office_signing_keys_office_idx").on(t.officeCode)],
);

/** The signed PDF of an approved eCO, made once: every download and reprint serves these bytes. */
export const issuedDocuments = pgTable(
  "issued_documents",
  {
    certificateId: text("certificate_id").primaryKey(),
    officeCode: text("office_code").notNull(),
    sha256: text("sha256").notNull(),
    byteSize: integer("byte_size").notNull(),
    data: bytea("data").notNull(),
    signingKeyId: text("signing_key_id")
      .notNull()
      .references(() => officeSigningKeys.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("issued_documents_sha256_key").on(t.sha256)],
);
