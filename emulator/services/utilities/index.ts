// Utilities: dates, digests, base64, blobs, CSV, UUIDs and sleep, on the simulated clock.
// https://developers.google.com/apps-script/reference/utilities/utilities
//  - formatDate(date, timeZone, format): Java SimpleDateFormat (see dates.ts);
//  - getUuid(): a UUID string (the emulator's is deterministic from a seed so runs repeat);
//  - sleep(ms): "The maximum allowed value is 300000 (or 5 minutes)"; here it spends simulated
//    time, and an execution that sleeps past its limit dies as on Google;
//  - computeDigest / computeHmacSignature / base64Decode return Byte[]: Java's signed bytes;
//  - DigestAlgorithm, MacAlgorithm, RsaAlgorithm, Charset enums
//    (https://developers.google.com/apps-script/reference/utilities/digest-algorithm).
import { createHash, createHmac, createSign } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Runtime } from "../../core/runtime";
import { EmuBlob, encodeText, fromBytes, nodeEncoding, toSignedBytes, type Bytes } from "./blob";
import { formatJavaDate, parseJavaDate } from "./dates";
import { enumValue, gasEnum } from "./enum";
import { formatString, parseCsv } from "./text";
import { chargeWait, isDate, signatureError } from "./wait";

export { EmuBlob, toSignedBytes, fromBytes } from "./blob";
export { formatJavaDate, parseJavaDate } from "./dates";
export { formatString, parseCsv } from "./text";

export const Charset = gasEnum(["US_ASCII", "UTF_8"]);
export const DigestAlgorithm = gasEnum(["MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512"]);
export const MacAlgorithm = gasEnum([
  "HMAC_MD5",
  "HMAC_SHA_1",
  "HMAC_SHA_256",
  "HMAC_SHA_384",
  "HMAC_SHA_512",
]);
export const RsaAlgorithm = gasEnum(["RSA_SHA_1", "RSA_SHA_256"]);

export const SLEEP_MAX_MS = 300_000;

const DIGEST_NODE: Record<string, string | null> = {
  MD2: null,
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};
const MAC_NODE: Record<string, string> = {
  HMAC_MD5: "md5",
  HMAC_SHA_1: "sha1",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};
const RSA_NODE: Record<string, string> = { RSA_SHA_1: "RSA-SHA1", RSA_SHA_256: "RSA-SHA256" };

export interface EmuUtilitiesOptions {
  /** Seed of getUuid's sequence; the same seed gives the same UUIDs. Default "mhr-emulator". */
  uuidSeed?: string;
}

export interface UtilitiesSnapshot {
  uuidSeed: string;
  uuidCounter: number;
}

type GU = typeof GoogleAppsScript.Utilities;

/** String → UTF-8 (or the charset's) bytes; byte array → bytes. */
function dataBytes(data: unknown, charset?: unknown): Buffer {
  if (Array.isArray(data)) return fromBytes(data);
  if (typeof data === "string") return encodeText(data, charset);
  if (data && typeof (data as { getBytes?: unknown }).getBytes === "function") {
    return fromBytes((data as { getBytes(): number[] }).getBytes());
  }
  throw new Error("Invalid argument: value");
}

function blobOf(source: unknown): EmuBlob {
  if (source instanceof EmuBlob) return source;
  const b = (source as { getBlob?: () => unknown })?.getBlob?.();
  if (b instanceof EmuBlob) return b;
  throw new Error("Invalid argument: blob");
}

export class EmuUtilities implements GoogleAppsScript.Utilities.Utilities {
  readonly Charset = Charset as unknown as GU["Charset"];
  readonly DigestAlgorithm = DigestAlgorithm as unknown as GU["DigestAlgorithm"];
  readonly MacAlgorithm = MacAlgorithm as unknown as GU["MacAlgorithm"];
  readonly RsaAlgorithm = RsaAlgorithm as unknown as GU["RsaAlgorithm"];
  private uuidSeed: string;
  private uuidCounter = 0;

  constructor(
    private readonly rt: Runtime,
    options: EmuUtilitiesOptions = {},
  ) {
    this.uuidSeed = options.uuidSeed ?? "mhr-emulator";
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String) */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.rt.call("Utilities.formatDate");
    if (!isDate(date) || typeof timeZone !== "string" || typeof format !== "string") {
      throw signatureError("Utilities.formatDate", [date, timeZone, format]);
    }
    const ms = (date as Date).getTime();
    if (Number.isNaN(ms)) throw new Error("Invalid argument: date");
    return formatJavaDate(ms, timeZone, format);
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String) */
  parseDate(date: string, timeZone: string, format: string): Date {
    this.rt.call("Utilities.parseDate");
    if (typeof date !== "string" || typeof timeZone !== "string" || typeof format !== "string") {
      throw signatureError("Utilities.parseDate", [date, timeZone, format]);
    }
    return new Date(parseJavaDate(date, timeZone, format, this.rt.nowMillis()));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...) */
  formatString(template: string, ...args: unknown[]): string {
    this.rt.call("Utilities.formatString");
    return formatString(template, args);
  }

  /** A version-4-shaped UUID from a seeded sequence (repeatable in tests). */
  getUuid(): string {
    this.rt.call("Utilities.getUuid");
    const h = createHash("sha256").update(`${this.uuidSeed}\u0000${this.uuidCounter++}`).digest();
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString("hex");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer) */
  sleep(milliseconds: number): void {
    this.rt.call("Utilities.sleep");
    if (typeof milliseconds !== "number" || !Number.isFinite(milliseconds))
      throw signatureError("Utilities.sleep", [milliseconds]);
    if (milliseconds > SLEEP_MAX_MS) {
      throw new Error(
        `Invalid argument: milliseconds. The maximum allowed value is ${SLEEP_MAX_MS}.`,
      );
    }
    chargeWait(this.rt, Math.max(0, Math.floor(milliseconds)));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String) */
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeDigest");
    const alg = enumValue(DigestAlgorithm, algorithm);
    if (!alg) throw signatureError("Utilities.computeDigest", [algorithm, value]);
    const node = DIGEST_NODE[alg.name];
    if (!node) throw new Error(`Digest algorithm ${alg.name} is not supported by the emulator.`);
    return toSignedBytes(createHash(node).update(dataBytes(value, charset)).digest());
  }

  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeHmacSignature");
    const alg = enumValue(MacAlgorithm, algorithm);
    if (!alg) throw signatureError("Utilities.computeHmacSignature", [algorithm, value, key]);
    return toSignedBytes(
      createHmac(MAC_NODE[alg.name], dataBytes(key, charset))
        .update(dataBytes(value, charset))
        .digest(),
    );
  }

  computeHmacSha256Signature(
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeHmacSha256Signature");
    return toSignedBytes(
      createHmac("sha256", dataBytes(key, charset)).update(dataBytes(value, charset)).digest(),
    );
  }

  computeRsaSignature(
    algorithm: GoogleAppsScript.Utilities.RsaAlgorithm,
    value: string,
    key: string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeRsaSignature");
    const alg = enumValue(RsaAlgorithm, algorithm);
    if (!alg) throw signatureError("Utilities.computeRsaSignature", [algorithm, value, key]);
    return this.rsa(RSA_NODE[alg.name], value, key, charset);
  }

  computeRsaSha1Signature(
    value: string,
    key: string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeRsaSha1Signature");
    return this.rsa("RSA-SHA1", value, key, charset);
  }

  computeRsaSha256Signature(
    value: string,
    key: string,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    this.rt.call("Utilities.computeRsaSha256Signature");
    return this.rsa("RSA-SHA256", value, key, charset);
  }

  private rsa(alg: string, value: string, key: string, charset?: unknown): Bytes {
    const signer = createSign(alg);
    signer.update(dataBytes(value, charset));
    return toSignedBytes(signer.sign(String(key)));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#base64Encode(Byte) */
  base64Encode(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    this.rt.call("Utilities.base64Encode");
    return dataBytes(data, charset).toString("base64");
  }

  base64EncodeWebSafe(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    this.rt.call("Utilities.base64EncodeWebSafe");
    return dataBytes(data, charset).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }

  base64Decode(encoded: string, charset?: GoogleAppsScript.Utilities.Charset): Bytes {
    this.rt.call("Utilities.base64Decode");
    nodeEncoding(charset);
    return toSignedBytes(Buffer.from(String(encoded), "base64"));
  }

  base64DecodeWebSafe(encoded: string, charset?: GoogleAppsScript.Utilities.Charset): Bytes {
    this.rt.call("Utilities.base64DecodeWebSafe");
    nodeEncoding(charset);
    return toSignedBytes(Buffer.from(String(encoded), "base64url"));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#newBlob(String,String,String) */
  newBlob(data: string | Bytes, contentType?: string, name?: string): EmuBlob {
    this.rt.call("Utilities.newBlob");
    return new EmuBlob(this.rt, dataBytes(data), contentType ?? null, name ?? null);
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String,Char) */
  parseCsv(csv: string, delimiter?: string): string[][] {
    this.rt.call("Utilities.parseCsv");
    return parseCsv(String(csv), delimiter ?? ",");
  }

  gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): EmuBlob {
    this.rt.call("Utilities.gzip");
    const b = blobOf(blob);
    return new EmuBlob(
      this.rt,
      gzipSync(b._buffer()),
      "application/x-gzip",
      name ?? `${b.getName() ?? "archive"}.gz`,
    );
  }

  ungzip(blob: GoogleAppsScript.Base.BlobSource): EmuBlob {
    this.rt.call("Utilities.ungzip");
    const b = blobOf(blob);
    return new EmuBlob(
      this.rt,
      gunzipSync(b._buffer()),
      null,
      (b.getName() ?? "").replace(/\.gz$/, "") || null,
    );
  }

  zip(_blobs: GoogleAppsScript.Base.BlobSource[], _name?: string): EmuBlob {
    this.rt.call("Utilities.zip");
    throw new Error("Utilities.zip is not supported by the emulator.");
  }

  unzip(_blob: GoogleAppsScript.Base.BlobSource): EmuBlob[] {
    this.rt.call("Utilities.unzip");
    throw new Error("Utilities.unzip is not supported by the emulator.");
  }

  /** Deprecated in Apps Script (use JSON); kept for old scripts. */
  jsonStringify(obj: unknown): string {
    this.rt.call("Utilities.jsonStringify");
    return JSON.stringify(obj);
  }

  jsonParse(json: string): unknown {
    this.rt.call("Utilities.jsonParse");
    return JSON.parse(json);
  }

  // ---- emulator hooks ----

  _snapshot(): UtilitiesSnapshot {
    return { uuidSeed: this.uuidSeed, uuidCounter: this.uuidCounter };
  }

  _restore(s: UtilitiesSnapshot): void {
    this.uuidSeed = s.uuidSeed ?? this.uuidSeed;
    this.uuidCounter = s.uuidCounter ?? 0;
  }
}
