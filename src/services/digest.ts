// Daily digests to leads, through the mail queue (one per lead per day: the key says so, so a
// repeated run never sends two).
import { buildDigest, type WaitingEndorsement } from "../domain/digest";
import { waitingUnits } from "../domain/endorsement";
import { formatLondon } from "../domain/calendar";
import { PROGRAMMES } from "../domain/programmes/catalogue";
import type { ProgrammeKey } from "../domain/types";
import type { HubConfig } from "../sheets/config";
import { FINAL_DECISIONS } from "../sheets/layout";
import { readRegister } from "../sheets/register";
import { candidateFrom } from "./endorsement-requests";
import { enqueueEmails, type OutgoingEmail } from "./mail-queue";
import type { Services } from "./services";

const LAST_DIGEST = "digest.last";

/** Queues today's digest for every active lead with something to say. Call inside the lock. */
export function queueDigests(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: HubConfig,
): string[] {
  const now = services.now();
  // "New" means since the previous digest (or the last day, for the first one).
  const props = services.propertiesService.getDocumentProperties();
  const last = Date.parse(props.getProperty(LAST_DIGEST) ?? "");
  const since = new Date(Number.isFinite(last) ? last : now.getTime() - 86_400_000);
  const records = readRegister(ss).records;
  const closing = config.programmes
    .filter((p) => p.active && p.closes)
    .map((p) => ({ title: p.title, closes: p.closes! }));
  const day = formatLondon(now, "yyyy-MM-dd");
  // Applications still waiting for their endorsement, once for all leads.
  const endorsing = new Map<string, WaitingEndorsement>();
  for (const plan of waitingUnits(records.map(candidateFrom), config.settings.endorsementDueDays)) {
    for (const m of plan.members)
      endorsing.set(m.responseId, {
        responseId: m.responseId,
        programmeTitle: PROGRAMMES[m.programme as ProgrammeKey]?.title ?? m.programme,
        applicant: m.applicantName,
        school: m.school,
        endorser: plan.held ? `request not sent: ${plan.held}` : `asked ${plan.lead.endorserEmail}`,
        due: plan.due,
      });
  }
  const emails: OutgoingEmail[] = [];
  for (const lead of config.leads.filter((l) => l.active)) {
    const mine = records.filter(
      (r) => r.lead.toLowerCase() === lead.email && !FINAL_DECISIONS.has(r.decision),
    );
    const digest = buildDigest({
      leadName: lead.name,
      hubName: config.settings.hubName,
      now,
      since,
      waitingDays: config.settings.waitingDays,
      closing: closing.filter(
        (c) =>
          lead.programmes.includes("all") ||
          config.programmes.some((p) => p.title === c.title && lead.programmes.includes(p.key)),
      ),
      endorsements: mine.flatMap((r) => endorsing.get(r.responseId) ?? []),
      applications: mine.map((r) => ({
        responseId: r.responseId,
        programmeTitle: PROGRAMMES[r.programme as ProgrammeKey]?.title ?? r.programme,
        applicant: r.applicant,
        school: r.school,
        verdict: r.verdict,
        reviewStatus: r.reviewStatus,
        submitted: r.submitted,
      })),
    });
    if (digest)
      emails.push({
        key: `digest:${lead.email}:${day}`,
        kind: "digest",
        responseId: "",
        to: lead.email,
        subject: digest.subject,
        body: digest.body,
      });
  }
  const queued = enqueueEmails(services, ss, emails, now);
  props.setProperty(LAST_DIGEST, now.toISOString());
  return queued;
}
