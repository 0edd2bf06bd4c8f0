// The demo's head teachers: each reads the endorsement request the hub emailed them, opens its
// pre-filled link and answers the Endorsement Form a few days later. Most support the
// application, a few decline, and some never answer (they get the reminders).
import { CONFIRM_CHOICE, DECLINE_CHOICE } from "../../src/domain/endorsement";
import type { RunResult } from "../runner/environment";
import { endorsementFormId, prefilledAnswers } from "../runner/endorsement";
import type { SampleHub } from "../runner/sample-hub";

const DAY = 86_400_000;

interface PlannedAnswer {
  at: Date;
  link: string;
  to: string;
  supports: boolean;
}

export interface EndorserSummary {
  requests: number;
  confirmed: number;
  declined: number;
  silent: number;
}

export class DemoEndorsers {
  private seen = 0;
  private readonly planned: PlannedAnswer[] = [];
  private readonly asked = new Set<string>();
  readonly summary: EndorserSummary = { requests: 0, confirmed: 0, declined: 0, silent: 0 };

  constructor(
    private readonly hub: SampleHub,
    private readonly random: () => number,
  ) {}

  /**
   * Lets time run to `until`, answering each request on its day: the clock is moved to each
   * answer's time (firing the hourly trigger on the way) before the endorser submits.
   */
  answerUntil(until: Date): RunResult[] {
    const runs: RunResult[] = [];
    for (;;) {
      this.planNewRequests();
      this.planned.sort((a, b) => a.at.getTime() - b.at.getTime());
      const next = this.planned[0];
      if (!next || next.at > until) break;
      this.planned.shift();
      runs.push(...this.hub.env.advanceTo(next.at));
      runs.push(...this.answer(next));
    }
    runs.push(...this.hub.env.advanceTo(until));
    this.planNewRequests();
    return runs;
  }

  /** New endorsement requests in the outbox: each endorser decides when and how to answer. */
  private planNewRequests(): void {
    const outbox = this.hub.env.outbox;
    for (; this.seen < outbox.length; this.seen++) {
      const m = outbox[this.seen]!;
      if (!m.subject.startsWith("Please confirm your support")) continue;
      const link = (m.body ?? "").match(/https?:\/\/\S+/)?.[0];
      if (!link || this.asked.has(link)) continue;
      this.asked.add(link);
      this.summary.requests++;
      const roll = this.random();
      if (roll < 0.08) {
        this.summary.silent++;
        continue;
      }
      const supports = roll >= 0.13;
      // Heads answer within a working week or so; the request arrived at the message's time.
      const sentAt = this.hub.env.rt.nowMillis();
      const delay =
        (1 + Math.floor(this.random() * 6)) * DAY + Math.floor(this.random() * 8) * 3_600_000;
      this.planned.push({ at: new Date(sentAt + delay), link, to: m.to, supports });
    }
  }

  private answer(p: PlannedAnswer): RunResult[] {
    const answers = prefilledAnswers(this.hub.env, p.link);
    Object.assign(answers, {
      "Do you support this application?": p.supports ? CONFIRM_CHOICE : DECLINE_CHOICE,
      "Your name": "Alex Head",
      "Your role": "Head teacher",
      ...(p.supports ? { "Will you attend part of the autumn launch event?": "Yes" } : {}),
      ...(p.supports
        ? {}
        : { "Anything you would like to tell us": "We cannot release staff for this next year." }),
    });
    const { runs } = this.hub.env.submit(endorsementFormId(this.hub.env), answers, { at: p.at });
    if (p.supports) this.summary.confirmed++;
    else this.summary.declined++;
    return runs;
  }
}
