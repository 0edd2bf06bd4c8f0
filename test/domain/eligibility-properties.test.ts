import fc from "fast-check";
import {
  compareVerdicts,
  effectRank,
  evaluateApplication,
  worstVerdict,
} from "../../src/domain/eligibility";
import { PROGRAMMES } from "../../src/domain/programmes";
import {
  CANONICAL_FIELDS,
  PROGRAMME_KEYS,
  REASON_CODES,
  VERDICTS,
  type EndorsementStatus,
  type Reason,
  type ReasonEffect,
} from "../../src/domain/types";
import { GOOD_ANSWERS, SCHOOLS, application, context } from "./eligibility.fixtures";

const EFFECTS: ReasonEffect[] = ["INFO", "REVIEW", "INELIGIBLE", "INVALID"];
const reason: fc.Arbitrary<Reason> = fc.record({
  code: fc.constantFrom(...REASON_CODES),
  effect: fc.constantFrom(...EFFECTS),
  message: fc.string(),
});

describe("verdicts", () => {
  it("are always the worst effect among the reasons", () => {
    fc.assert(
      fc.property(fc.array(reason), (reasons) => {
        const worst = Math.max(0, ...reasons.map((r) => effectRank(r.effect)));
        expect(VERDICTS.indexOf(worstVerdict(reasons))).toBe(worst);
      }),
    );
  });

  it("never improve when a reason is added", () => {
    fc.assert(
      fc.property(fc.array(reason), reason, fc.nat(), (reasons, extra, at) => {
        const more = [...reasons];
        more.splice(at % (reasons.length + 1), 0, extra);
        expect(compareVerdicts(worstVerdict(more), worstVerdict(reasons))).toBeGreaterThanOrEqual(
          0,
        );
      }),
    );
  });
});

// Answers that mix good values, plausible wrong ones and noise.
const answerValue = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "Yes", "No", "0", "2", "7", "x@y", "Not yet, but within a year"),
  fc.constantFrom(...Object.keys(SCHOOLS)),
  fc.constantFrom("2023/24", "None", "jo@exampleacademy.org.uk", "head@gmail.com"),
);
const rawAnswers = fc.dictionary(fc.constantFrom(...CANONICAL_FIELDS), answerValue);
const endorsement = fc.constantFrom<EndorsementStatus>(
  "Not needed",
  "Requested",
  "Confirmed",
  "Declined",
);
const weights = fc.record({
  neverEngaged: fc.integer({ min: 0, max: 100 }),
  priorityArea: fc.integer({ min: 0, max: 100 }),
  experience: fc.integer({ min: 0, max: 100 }),
  leadership: fc.integer({ min: 0, max: 100 }),
  endorsement: fc.integer({ min: 0, max: 100 }),
  statement: fc.integer({ min: 0, max: 100 }),
});

describe("evaluateApplication on arbitrary input", () => {
  it("never throws, keeps the score in 0–100 and the verdict the worst effect", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROGRAMME_KEYS),
        fc.boolean(),
        rawAnswers,
        endorsement,
        fc.option(fc.double({ min: -10, max: 10, noNaN: false })),
        fc.constantFrom("2023/24", "2024/25", "2025/26", "2030/31"),
        weights,
        (key, startGood, answers, status, statementScore, year, w) => {
          const raw = startGood ? { ...GOOD_ANSWERS[key], ...answers } : answers;
          const e = evaluateApplication(
            application(key, {}, { answers: raw, endorsement: status, statementScore }),
            context({ year, weights: w }),
          );
          expect(e.verdict).toBe(worstVerdict(e.reasons));
          expect(e.score).toBeGreaterThanOrEqual(0);
          expect(e.score).toBeLessThanOrEqual(100);
          expect(Math.round(e.score * 10)).toBeCloseTo(e.score * 10, 6);
          for (const r of e.reasons) {
            expect(REASON_CODES).toContain(r.code);
            expect(r.message).toMatch(/^[A-Z].*\.$/s);
            expect(r.message).not.toMatch(/\{\w+\}|undefined|NaN/);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("gives the same verdict and reasons whatever the weights or statement score", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROGRAMME_KEYS),
        rawAnswers,
        weights,
        fc.option(fc.integer({ min: 0, max: 5 })),
        (key, answers, w, statementScore) => {
          const app = application(key, answers);
          const plain = evaluateApplication(app, context());
          const other = evaluateApplication({ ...app, statementScore }, context({ weights: w }));
          expect(other.verdict).toBe(plain.verdict);
          expect(other.reasons).toEqual(plain.reasons);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never scores lower for a better statement", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROGRAMME_KEYS),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (key, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const s = (statementScore: number) =>
            evaluateApplication(application(key, {}, { statementScore }), context()).score;
          expect(s(high)).toBeGreaterThanOrEqual(s(low));
        },
      ),
    );
  });

  it("makes an application INVALID whenever a required question is left blank", () => {
    const cases = PROGRAMME_KEYS.flatMap((key) =>
      PROGRAMMES[key].questions.filter((q) => q.required).map((q) => [key, q.field] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.constantFrom("", "  ", "\n"),
        ([key, field], blank) => {
          const e = evaluateApplication(application(key, { [field]: blank }), context());
          expect(e.verdict).toBe("INVALID");
          expect(e.reasons.filter((r) => r.code === "MISSING_FIELD")).toHaveLength(1);
        },
      ),
    );
  });

  it("does not change the answers it is given", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROGRAMME_KEYS), rawAnswers, (key, answers) => {
        const app = application(key, answers);
        const frozen = Object.freeze({ ...app.answers });
        const before = JSON.stringify(frozen);
        evaluateApplication({ ...app, answers: frozen }, context());
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
