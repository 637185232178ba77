import { z } from "zod";
import { latinName } from "../registration/index.ts";
import { M } from "./messages.ts";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on");

export const signatoryForm = z
  .object({
    nameLatin: latinName(M.fields.nameLatin).refine((v) => v !== null, `请填写${M.fields.nameLatin}。`),
    accountId: z
      .string()
      .optional()
      .transform((v) => v || null),
    active: checkbox,
    isDefault: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.isDefault && !v.active) ctx.addIssue({ code: "custom", path: ["isDefault"], message: M.defaultMustBeActive });
  });

export const hiddenWordForm = z.object({ word: z.enum(["VOID", "COPY"]) });

export type SignatoryFields = { nameLatin: string; accountId: string | null; active: boolean; isDefault: boolean };

export const FIELD_LABELS: Record<string, string> = { ...M.fields };
