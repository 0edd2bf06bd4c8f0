// The end of the demo's season: the hub lead allocates each closed programme from the sidebar's
// server functions (a preview, one override with a written reason, then confirmation), a placed
// school withdraws and the next on the waiting list is offered its place, and the decision
// emails go out with the following hourly runs.
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import type { ProgrammeKey } from "../../src/domain/types";
import type {
  AllocationConfirmation,
  AllocationPreview,
  OfferNextResult,
  OverrideRequest,
} from "../../src/ui/allocation-bridge";
import { callSidebar, editApplication, sheetObjects } from "../runner/admin";
import { DEFAULT_HUB_LEAD } from "../runner/environment";
import type { SampleHub } from "../runner/sample-hub";

interface ProgrammeAllocation {
  programme: string;
  offered: number;
  waitlisted: number;
  notOffered: number;
  undecided: number;
  cohortSheets: string[];
  overrides: string[];
}

export interface DemoAllocation {
  programmes: ProgrammeAllocation[];
  offeredNext: string | null;
  decisionEmailsQueued: number;
  failed: string[];
}

/** A lead's override as a hub would really write one, chosen from what the preview shows. */
function demoOverride(preview: AllocationPreview): OverrideRequest | null {
  const unendorsed = preview.notConsidered.find((n) => /^Endorsement Requested/.test(n.why));
  if (unendorsed) {
    return {
      responseId: unendorsed.responseId,
      action: "endorsement-waived",
      reason:
        "The head teacher confirmed by phone on 17 June; the form reply will follow (noted by the hub lead).",
    };
  }
  const next = preview.waitlist[0];
  if (next && next.tiers.length > 0) {
    return {
      responseId: next.responseId,
      action: "pin",
      reason: `${next.school} has never worked with the hub; the regional lead asked us to prioritise it.`,
    };
  }
  return null;
}

function setDecision(hub: SampleHub, responseId: string, decision: string): void {
  const run = editApplication(hub.env, responseId, "Decision", decision, DEFAULT_HUB_LEAD);
  if (run.error) throw new Error(`Withdrawal of ${responseId}: ${String(run.error)}`);
}

export function allocateSeason(hub: SampleHub): DemoAllocation {
  const failed: string[] = [];
  const programmes: ProgrammeAllocation[] = [];
  const withApplications = new Set(
    sheetObjects(hub.env, "Applications").map((r) => String(r.Programme)),
  );
  for (const key of Object.keys(PROGRAMMES) as ProgrammeKey[]) {
    if (!withApplications.has(key)) continue;
    try {
      const first = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
        programme: key,
        overrides: [],
      });
      const override =
        key === "sec-specialist" || key === "sec-development" ? demoOverride(first) : null;
      const overrides = override ? [override] : [];
      const preview = override
        ? callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
            programme: key,
            overrides,
          })
        : first;
      const done = callSidebar<AllocationConfirmation>(hub.env, "apiConfirmAllocation", {
        programme: key,
        overrides,
        token: preview.token,
      });
      programmes.push({
        programme: key,
        offered: done.offered,
        waitlisted: done.waitlisted,
        notOffered: done.notOffered,
        undecided: preview.notConsidered.length - done.notOffered,
        cohortSheets: done.cohortSheets,
        overrides: preview.overrides.map((o) => `${o.action} ${o.responseId}: ${o.effect}`),
      });
    } catch (err) {
      failed.push(`${key}: ${(err as Error).message}`);
    }
  }

  // A Development school withdraws a week later; the next school waiting is offered its place.
  let offeredNext: string | null = null;
  const placed = sheetObjects(hub.env, "Applications").find(
    (r) => r.Programme === "sec-development" && r.Decision === "Offered",
  );
  if (placed) {
    try {
      setDecision(hub, String(placed["Response ID"]), "Withdrawn");
      const next = callSidebar<OfferNextResult>(hub.env, "apiOfferNext", {
        programme: "sec-development",
      });
      offeredNext = next.message;
    } catch (err) {
      failed.push((err as Error).message);
    }
  }
  const decisionEmailsQueued = sheetObjects(hub.env, "Mail queue").filter((m) =>
    String(m.Key).startsWith("decision:"),
  ).length;
  return { programmes, offeredNext, decisionEmailsQueued, failed };
}

export function describeAllocation(a: DemoAllocation): string[] {
  const total = (f: (p: ProgrammeAllocation) => number) =>
    a.programmes.reduce((n, p) => n + f(p), 0);
  const lines = [
    `Allocation (by the hub lead, after closing): ${total((p) => p.offered)} places offered, ${total((p) => p.waitlisted)} on waiting lists, ${total((p) => p.notOffered)} not offered, ${total((p) => p.undecided)} left undecided (waiting for an endorsement or a review), across ${a.programmes.length} programmes.`,
    `Cohort sheets: ${a.programmes.flatMap((p) => p.cohortSheets).join(", ")}.`,
  ];
  for (const p of a.programmes) {
    for (const o of p.overrides) lines.push(`Override on ${p.programme}: ${o}`);
  }
  if (a.offeredNext) lines.push(`A Development school withdrew: ${a.offeredNext}`);
  lines.push(`Decision emails queued: ${a.decisionEmailsQueued}.`);
  if (a.failed.length) lines.push(`Allocation problems: ${a.failed.join("; ")}`);
  return lines;
}
