// The one interpreter of the rule book's entries. A rule whose answer is missing or unreadable
// raises nothing: validation has already reported that answer as a problem.
import { previousAcademicYear } from "../calendar";
import { quoteAnswer, type ParsedAnswers } from "../programmes/answers";
import type { EctRule, EngagementClaimRule, Outcome, RuleEntry } from "../programmes/rules";
import type { RawAnswers, Reason, School } from "../types";
import { type EngagementIndex, matchesQuery } from "./engagement";

export interface RuleFacts {
  parsed: ParsedAnswers;
  raw: RawAnswers;
  school: School | null;
  /** The school's URN and its predecessors'. */
  lineage: readonly string[];
  /** The application's academic year, normalised ("2024/25"). */
  year: string;
  engagement: EngagementIndex;
}

type Vars = Record<string, string | number | undefined>;

export function yearsText(n: number): string {
  return `${n} ${n === 1 ? "year" : "years"}`;
}

function rangeText(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const contiguous = sorted.every((v, i) => i === 0 || v === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 1) return `${sorted[0]}–${sorted[sorted.length - 1]}`;
  return sorted.join(", ");
}

function fill(template: string, vars: Vars): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
  // "{school} took part..." reads "the school took part..." when the school is unknown.
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function raise(outcome: Outcome, vars: Vars): Reason {
  return { code: outcome.code, effect: outcome.effect, message: fill(outcome.message, vars) };
}

/** The year of teaching the applicant is in: asked directly, or completed years plus one. */
export function teachingYearOf(parsed: ParsedAnswers): number | undefined {
  if (parsed.ectYear !== undefined) return Math.floor(parsed.ectYear);
  if (parsed.yearsTeaching !== undefined) return Math.floor(parsed.yearsTeaching) + 1;
  return undefined;
}

function ectReason(rule: EctRule, facts: RuleFacts, vars: Vars): Reason | null {
  const teachingYear = teachingYearOf(facts.parsed);
  if (teachingYear === undefined) return null;
  const isEct = rule.ectYears.includes(teachingYear);
  if (isEct !== (rule.raiseWhen === "ect")) return null;
  return raise(rule, { ...vars, teachingYear, ectYears: rangeText(rule.ectYears) });
}

/** true: the applicant claims the engagement; false: denies it; undefined: did not say. */
function claimOf(rule: EngagementClaimRule, facts: RuleFacts): boolean | undefined {
  if (rule.field !== "previousDevelopmentYear") return facts.parsed[rule.field];
  const answer = facts.parsed.previousDevelopmentYear;
  if (answer === undefined) return undefined;
  return answer === "last-year" || answer === previousAcademicYear(facts.year);
}

function claimReason(rule: EngagementClaimRule, facts: RuleFacts, vars: Vars): Reason | null {
  const claim = claimOf(rule, facts);
  if (claim === undefined) return null;
  const recorded = matchesQuery(facts.engagement, facts.lineage, rule.engagement, facts.year);
  const answerVars = { ...vars, answer: quoteAnswer(facts.raw[rule.field]) };
  if (!claim && rule.ifDenied && !(rule.ifDenied.unlessRecorded && recorded)) {
    return raise(rule.ifDenied, answerVars);
  }
  if (claim && rule.ifUnrecorded && !recorded) return raise(rule.ifUnrecorded, answerVars);
  return null;
}

function applyRule(rule: RuleEntry, facts: RuleFacts, vars: Vars): Reason | null {
  const { parsed } = facts;
  switch (rule.kind) {
    case "answer-is":
      return parsed[rule.field] === rule.value ? raise(rule, vars) : null;
    case "fewer-than": {
      const value = parsed[rule.field];
      if (value === undefined || value >= rule.min) return null;
      return raise(rule, {
        ...vars,
        value,
        years: yearsText(value),
        min: rule.min,
        minYears: yearsText(rule.min),
      });
    }
    case "more-than": {
      const value = parsed[rule.field];
      if (value === undefined || value <= rule.max) return null;
      return raise(rule, {
        ...vars,
        value,
        years: yearsText(value),
        max: rule.max,
        maxYears: yearsText(rule.max),
      });
    }
    case "ect":
      return ectReason(rule, facts, vars);
    case "role-not": {
      const role = parsed.role;
      if (role === undefined || new RegExp(rule.pattern, "i").test(role)) return null;
      return raise(rule, { ...vars, answer: quoteAnswer(role) });
    }
    case "second-advocate": {
      const second = parsed.advocate2Email;
      if (second && parsed.email && second === parsed.email) {
        return {
          code: rule.code,
          effect: rule.effect,
          message: fill(rule.sameAsApplicantMessage, vars),
        };
      }
      return second || parsed.advocate2Name ? null : raise(rule, vars);
    }
    case "school-in-trust":
      return facts.school && !facts.school.trust.trim() ? raise(rule, vars) : null;
    case "engagement-found":
      return matchesQuery(facts.engagement, facts.lineage, rule.engagement, facts.year)
        ? raise(rule, vars)
        : null;
    case "engagement-claim":
      return claimReason(rule, facts, vars);
  }
}

/** Every reason the rules raise, in the rule book's order. */
export function applyRules(rules: readonly RuleEntry[], facts: RuleFacts): Reason[] {
  const vars: Vars = {
    school: facts.school?.name ?? "the school",
    year: facts.year,
    previousYear: previousAcademicYear(facts.year),
  };
  return rules.flatMap((rule) => applyRule(rule, facts, vars) ?? []);
}
