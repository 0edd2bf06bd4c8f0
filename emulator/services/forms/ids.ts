// Deterministic, Google-shaped identifiers. The emulator never uses Math.random: the same script run
// on the same state yields the same IDs, so tests and snapshots are reproducible.
import { createHash } from "node:crypto";

function digest(seed: string): Buffer {
  return createHash("sha256").update(seed).digest();
}

/** `length` URL-safe base64 characters derived from `seed`. */
export function opaque(seed: string, length: number): string {
  let out = "";
  let i = 0;
  while (out.length < length) out += digest(`${seed}#${i++}`).toString("base64url");
  return out.slice(0, length);
}

/** A Drive file ID: 44 characters, starting with "1" like Google's. */
export function driveId(seed: string): string {
  return `1${opaque(`drive:${seed}`, 43)}`;
}

/** The published ("/d/e/...") form ID: 56 characters starting "1FAIpQL" like Google's. */
export function publishedFormId(seed: string): string {
  return `1FAIpQL${opaque(`published:${seed}`, 49)}`;
}

/**
 * A response ID: a long opaque string such as "2_ABaOnud...". Google's response IDs have this
 * shape (they are what `edit2=` carries in an edit-response URL).
 */
export function responseId(seed: string): string {
  return `2_ABaOnud${opaque(`response:${seed}`, 62)}`;
}

/** An item ID: Google's are positive 32-bit integers such as 1219574412. */
export function itemId(seed: string): number {
  const n = digest(`item:${seed}`).readUInt32BE(0) & 0x7fffffff;
  return n < 100_000_000 ? n + 100_000_000 : n;
}

/** A trigger unique ID: a decimal string such as "4034124084959907503" (see the events guide). */
export function triggerUid(seed: string): string {
  const n = digest(`trigger:${seed}`).readBigUInt64BE(0) % 9_000_000_000_000_000_000n;
  return (n + 1_000_000_000_000_000_000n).toString();
}

/** A 32-bit hash used to seed per-trigger pseudo-random offsets (FNV-1a). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
