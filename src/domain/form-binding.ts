// Matching a Form's question titles to the canonical fields, so a hub can keep the Forms it already
// has. Titles are compared loosely (case, punctuation, a trailing "*" or "?") against each question's
// title and aliases, plus any aliases the hub adds.
import type { Programme, Question } from "./programmes/model";
import type { CanonicalField, RawAnswers } from "./types";

export interface QuestionMapping {
  /** Normalised title → field. */
  fieldByTitle: Map<string, CanonicalField>;
  /** Required questions of the catalogue that no title matched. */
  missingRequired: Question[];
  /** Titles that matched no question (kept in the raw answers, unused by the rules). */
  unknownTitles: string[];
}

export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^a-z0-9']+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Columns every response sheet has that are not questions. */
const NOT_QUESTIONS = new Set(["timestamp", "score"]);

export function mapQuestionTitles(
  programme: Programme,
  titles: readonly string[],
  extraAliases: Partial<Record<CanonicalField, readonly string[]>> = {},
): QuestionMapping {
  const candidates = new Map<string, CanonicalField>();
  for (const q of programme.questions) {
    for (const t of [q.title, ...(q.aliases ?? []), ...(extraAliases[q.field] ?? [])]) {
      const key = normaliseTitle(t);
      if (!candidates.has(key)) candidates.set(key, q.field);
    }
  }
  const fieldByTitle = new Map<string, CanonicalField>();
  const matched = new Set<CanonicalField>();
  const unknownTitles: string[] = [];
  for (const title of titles) {
    const key = normaliseTitle(title);
    if (key === "" || NOT_QUESTIONS.has(key)) continue;
    const field = candidates.get(key);
    // The first column for a field wins; a Form that collects email and also asks it keeps both.
    if (field && !matched.has(field)) {
      fieldByTitle.set(key, field);
      matched.add(field);
    } else if (!field) unknownTitles.push(title);
  }
  const missingRequired = programme.questions.filter((q) => q.required && !matched.has(q.field));
  return { fieldByTitle, missingRequired, unknownTitles };
}

/** Raw answers keyed by canonical field, from answers keyed by question title. */
export function answersByField(
  mapping: QuestionMapping,
  byTitle: Readonly<Record<string, string>>,
): RawAnswers {
  const out: RawAnswers = {};
  for (const [title, value] of Object.entries(byTitle)) {
    const field = mapping.fieldByTitle.get(normaliseTitle(title));
    if (field && out[field] === undefined) out[field] = value;
  }
  return out;
}

export function describeMissing(programme: Programme, mapping: QuestionMapping): string[] {
  return mapping.missingRequired.map(
    (q) =>
      `The ${programme.title} form has no question for "${q.title}" (${q.field}); add it, or add its title as an alias.`,
  );
}
