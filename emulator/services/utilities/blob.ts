// A minimal Blob: bytes, a content type and a name.
// https://developers.google.com/apps-script/reference/base/blob
// Apps Script bytes are Java bytes: signed, -128..127 (Utilities.computeDigest, Blob.getBytes).
import type { Runtime } from "../../core/runtime";

export type Bytes = number[];

/** Unsigned buffer → Apps Script's signed byte array. */
export function toSignedBytes(buf: Uint8Array): Bytes {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** Apps Script byte array (signed or unsigned values) → Buffer. */
export function fromBytes(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes, (b) => b & 0xff));
}

/** Charset name as Apps Script takes it (enum value or Java name) → Node encoding. */
export function nodeEncoding(charset: unknown): "utf8" | "ascii" | "latin1" | "utf16le" {
  const name =
    charset === undefined || charset === null
      ? "UTF_8"
      : String(charset).toUpperCase().replace(/-/g, "_");
  switch (name) {
    case "UTF_8":
    case "UTF8":
      return "utf8";
    case "US_ASCII":
    case "ASCII":
      return "ascii";
    case "ISO_8859_1":
    case "LATIN1":
      return "latin1";
    case "UTF_16LE":
      return "utf16le";
    default:
      throw new Error(`Unsupported charset: ${String(charset)}`);
  }
}

/** Encode text; US-ASCII replaces characters outside 0..127 with "?" as Java does. */
export function encodeText(text: string, charset?: unknown): Buffer {
  const enc = nodeEncoding(charset);
  if (enc === "ascii")
    return Buffer.from(
      Array.from(text, (c) => (c.codePointAt(0)! > 0x7f ? 0x3f : c.charCodeAt(0))),
    );
  return Buffer.from(text, enc);
}

export class EmuBlob implements GoogleAppsScript.Base.Blob {
  private bytes: Buffer;

  constructor(
    private readonly rt: Runtime | null,
    data: Buffer | string,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  }

  private call(method: string): void {
    this.rt?.call(`Blob.${method}`);
  }

  /** Emulator-side access to the raw bytes (uncounted). */
  _buffer(): Buffer {
    return this.bytes;
  }

  copyBlob(): EmuBlob {
    this.call("copyBlob");
    return new EmuBlob(this.rt, this.bytes, this.contentType, this.name);
  }
  getAs(contentType: string): EmuBlob {
    this.call("getAs");
    if (contentType !== this.contentType) {
      throw new Error(
        `Converting from ${this.contentType ?? "unknown"} to ${contentType} is not supported.`,
      );
    }
    return new EmuBlob(this.rt, this.bytes, this.contentType, this.name);
  }
  /** Deprecated in Apps Script; a blob is its own only part. */
  getAllBlobs(): EmuBlob[] {
    this.call("getAllBlobs");
    return [this];
  }
  getBlob(): EmuBlob {
    this.call("getBlob");
    return this;
  }
  getBytes(): Bytes {
    this.call("getBytes");
    return toSignedBytes(this.bytes);
  }
  getContentType(): string | null {
    this.call("getContentType");
    return this.contentType;
  }
  getDataAsString(charset?: string): string {
    this.call("getDataAsString");
    return this.bytes.toString(nodeEncoding(charset));
  }
  getName(): string | null {
    this.call("getName");
    return this.name;
  }
  isGoogleType(): boolean {
    this.call("isGoogleType");
    return false;
  }
  setBytes(data: Bytes): EmuBlob {
    this.call("setBytes");
    this.bytes = fromBytes(data);
    return this;
  }
  setContentType(contentType: string | null): EmuBlob {
    this.call("setContentType");
    this.contentType = contentType;
    return this;
  }
  setContentTypeFromExtension(): EmuBlob {
    this.call("setContentTypeFromExtension");
    const ext = /\.([^.]+)$/.exec(this.name ?? "")?.[1]?.toLowerCase();
    const types: Record<string, string> = {
      csv: "text/csv",
      html: "text/html",
      htm: "text/html",
      json: "application/json",
      pdf: "application/pdf",
      txt: "text/plain",
      xml: "text/xml",
      gz: "application/x-gzip",
      zip: "application/zip",
      png: "image/png",
      jpg: "image/jpeg",
      jpeg: "image/jpeg",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    if (!ext || !types[ext])
      throw new Error(`Could not determine the content type of ${this.name ?? "the blob"}.`);
    this.contentType = types[ext];
    return this;
  }
  setDataFromString(text: string, charset?: string): EmuBlob {
    this.call("setDataFromString");
    this.bytes = encodeText(String(text), charset);
    return this;
  }
  setName(name: string): EmuBlob {
    this.call("setName");
    this.name = name;
    return this;
  }
}
