// "My queue": a lead's open applications, with verdict, score and reasons, in a sidebar. Blind
// review hides the applicant's name and email from the lead until a decision is recorded.
import { PROGRAMMES } from "../domain/programmes/catalogue";
import type { ProgrammeKey } from "../domain/types";
import { readConfig } from "../sheets/config";
import { FINAL_DECISIONS } from "../sheets/layout";
import { readRegister } from "../sheets/register";
import type { Services } from "../services/services";
import queueHtml from "./html/my-queue.html";

export interface QueueItem {
  responseId: string;
  programme: string;
  applicant: string;
  email: string;
  school: string;
  verdict: string;
  score: number | null;
  reasons: string;
  reviewStatus: string;
}

export interface Queue {
  lead: string;
  items: QueueItem[];
}

export function myQueue(services: Services, asEmail?: string): Queue {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const lead = (asEmail ?? services.session.getActiveUser().getEmail()).trim().toLowerCase();
  const config = readConfig(ss);
  const blind = new Set(
    config.ok ? config.config.programmes.filter((p) => p.blindReview).map((p) => p.key) : [],
  );
  const items = readRegister(ss)
    .records.filter((r) => r.lead.toLowerCase() === lead && !FINAL_DECISIONS.has(r.decision))
    .map((r) => {
      const hidden = blind.has(r.programme as ProgrammeKey) && r.decision === "";
      return {
        responseId: r.responseId,
        programme: PROGRAMMES[r.programme as ProgrammeKey]?.title ?? r.programme,
        applicant: hidden ? "(hidden for blind review)" : r.applicant,
        email: hidden ? "" : r.email,
        school: r.school,
        verdict: r.verdict,
        score: r.score,
        reasons: r.reasons,
        reviewStatus: r.reviewStatus,
      };
    })
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return { lead, items };
}

export function showMyQueue(services: Services): void {
  const output = services.htmlService.createHtmlOutput(queueHtml).setTitle("My queue");
  services.spreadsheetApp.getUi().showSidebar(output);
}
