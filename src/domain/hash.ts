// A short, stable fingerprint of a response's answers: the same answers always give the same
// hash, so a duplicate trigger fire is recognised and an edited response is not.

/** 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** Fingerprint of answers keyed by question title, independent of key order. */
export function answersHash(byTitle: Readonly<Record<string, string>>): string {
  const keys = Object.keys(byTitle).sort();
  const canonical = keys.map((k) => `${k}\u0000${byTitle[k]!.trim()}`).join("\u0001");
  // Two independent 32-bit hashes make an accidental collision between edits negligible.
  return fnv1a(canonical) + fnv1a(`${canonical.length}:${canonical}`);
}
