// When the hourly run cannot read the configuration, nothing runs: the person who owns the hub's
// triggers is told by email, at most once a London day for the same problems. Sent straight
// through MailApp, since the mail queue's sender settings may be the broken part; a send that
// fails is tried again by the next hourly run.
import { formatLondon } from "../../domain/calendar";
import { configurationBroken } from "../../domain/emails";
import { errorMessage } from "../../domain/errors";
import { fnv1a } from "../../domain/hash";
import { ConfigError } from "../../sheets/config";
import { describeProblem } from "../../sheets/config-cells";
import { appendLog } from "../../sheets/journal";
import { headerSafe, renderHtml } from "../mail-queue";
import type { Services } from "../services";

const ALERTED = "config.alerted";

export function alertBrokenConfiguration(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  err: ConfigError,
): "sent" | "already" | "failed" {
  const problems = err.problems.map(describeProblem);
  const now = services.now();
  const mark = `${fnv1a(problems.join("\n"))}:${formatLondon(now, "yyyy-MM-dd")}`;
  const props = services.propertiesService.getDocumentProperties();
  if (props.getProperty(ALERTED) === mark) return "already";
  try {
    const to = services.session.getEffectiveUser().getEmail();
    if (!to) throw new Error("the owner of the hourly trigger has no email address");
    const text = configurationBroken({ spreadsheetName: ss.getName(), problems });
    services.mailApp.sendEmail({
      to: headerSafe(to),
      subject: headerSafe(text.subject),
      body: text.body,
      htmlBody: renderHtml(text.body),
      name: "Maths Hub Recruitment",
    });
    props.setProperty(ALERTED, mark);
    return "sent";
  } catch (sendError) {
    appendLog(ss, [
      {
        at: now,
        level: "WARN",
        job: "hourly",
        message: `Could not email the configuration problems (${errorMessage(sendError)}); the next hourly run tries again.`,
      },
    ]);
    return "failed";
  }
}
