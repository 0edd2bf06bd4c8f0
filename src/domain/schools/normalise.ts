// Tolerant readers for the two identifiers applicants type by hand: the URN and the postcode.

// Applicants write "URN 123456", "urn:123456", "School URN: 123456" or "123 456".
const URN_PREFIX = /^(?:school\s*)?urn\s*(?:no\.?|number)?\s*[:#.=-]?\s*/i;

/**
 * The URN in what an applicant typed, as 5 to 7 digits, or null when it does not look like one.
 * Idempotent: a normalised URN normalises to itself.
 */
export function normaliseUrn(text: string): string | null {
  const digits = String(text)
    .trim()
    .replace(URN_PREFIX, "")
    .replace(/[\s\u00a0]+/g, "");
  return /^\d{5,7}$/.test(digits) ? digits : null;
}

// Outward code (area + district) then inward code (sector digit + unit letters), e.g. LS1 4AP.
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/**
 * A UK postcode in its printed form ("ls1  4ap" becomes "LS1 4AP"). Text that is not a postcode
 * is only upper-cased with its spaces collapsed, so comparisons still work and nothing is lost.
 */
export function normalisePostcode(text: string): string {
  const upper = String(text).toUpperCase();
  const match = POSTCODE.exec(upper.replace(/[^A-Z0-9]/g, ""));
  if (match) return `${match[1]} ${match[2]}`;
  return upper.replace(/\s+/g, " ").trim();
}
