// Comparing a school name an applicant typed with the name GIAS holds. People drop accents and
// punctuation, write "St" or "Saint", "&" or "and", "CE", "C of E" or "Church of England".

// Multi-word spellings first, so "church of england" is folded before "of" is dropped.
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bchurch of england\b/g, "cofe"],
  [/\bc of e\b/g, "cofe"],
  [/\bc e\b/g, "cofe"],
  [/\broman catholic\b/g, "rc"],
  [/\br c\b/g, "rc"],
];

const WORDS: ReadonlyMap<string, string> = new Map([
  ["saint", "st"],
  ["ce", "cofe"],
  ["infants", "infant"],
  ["juniors", "junior"],
  ["schools", "school"],
  ["academies", "academy"],
]);

/** The tokens of a name with spelling variants folded: "St. Mary's C of E" -> st marys cofe. */
export function nameTokens(name: string): string[] {
  let text = String(name)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ");
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return text
    .split(" ")
    .filter((word) => word !== "")
    .map((word) => WORDS.get(word) ?? word);
}

/** Names equal once case, punctuation and the usual variants are folded. */
export function nameKey(name: string): string {
  return nameTokens(name).join(" ");
}

// Words that carry no identity: "Penistone Grammar" is "Penistone Grammar School".
const FILLER = new Set(["school", "the", "and", "of", "a"]);

function significant(name: string): string[] {
  return nameTokens(name).filter((word) => !FILLER.has(word));
}

/**
 * Whether a typed name is close enough to a register name to accept it when the postcode has
 * already narrowed the choice to one school: one name's words contain most of the other's, or
 * the spellings differ by a typo or two.
 */
export function namesClose(typed: string, registered: string): boolean {
  const a = significant(typed);
  const b = significant(registered);
  if (a.length === 0 || b.length === 0) return false;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const largeSet = new Set(large);
  if (small.every((word) => largeSet.has(word)) && small.length * 2 >= large.length) return true;
  return similarity(a.join(" "), b.join(" ")) >= 0.85;
}

/** 1 minus the edit distance over the longer length: 1 for equal strings, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

/** Levenshtein distance: the fewest one-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
