import { createCipheriv, createDecipheriv } from "node:crypto";

/**
 * AES-256-GCM for small secrets at rest (TOTP keys). The sealed form is `v1.<iv>.<ciphertext+tag>`
 * in base64url; `context` (the owning account's id) is bound as associated data, so a sealed secret
 * copied onto another account's row does not open.
 */
const VERSION = "v1";

export function sealSecret(keyBase64: string, secret: Uint8Array, context: string): string {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${Buffer.from(iv).toString("base64url")}.${body.toString("base64url")}`;
}

/** Opens what `sealSecret` made; throws if the key, the context or the bytes differ. */
export function openSecret(keyBase64: string, sealed: string, context: string): Uint8Array {
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) throw new Error("unknown sealed secret format");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]));
}
