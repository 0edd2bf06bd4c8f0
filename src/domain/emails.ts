// The words of every email the hub sends. Plain text (rendered to escaped HTML by the mail queue);
// nothing here is HTML, so nothing an applicant typed can become markup.
import { formatLondon } from "./calendar";

export interface EmailText {
  subject: string;
  body: string;
}

export interface HubVoice {
  hubName: string;
  replyTo: string;
}

function signOff(hub: HubVoice): string {
  return `Best wishes,\n${hub.hubName}${hub.replyTo ? `\n${hub.replyTo}` : ""}`;
}

export function acknowledgement(args: {
  firstName: string;
  programmeTitle: string;
  reference: string;
  closes: Date | null;
  hub: HubVoice;
  edited: boolean;
}): EmailText {
  const when = args.closes
    ? ` Applications close at ${formatLondon(args.closes, "HH:mm 'on' d MMMM yyyy")}, and we will be in touch after that.`
    : "";
  return {
    subject: `${args.edited ? "Updated application" : "Application received"}: ${args.programmeTitle}`,
    body: [
      `Dear ${args.firstName || "applicant"},`,
      args.edited
        ? `Thank you for updating your application for ${args.programmeTitle}. We will consider your latest answers.`
        : `Thank you for applying for ${args.programmeTitle}. We have received your application and a member of the hub team will review it.${when}`,
      `Your reference is ${args.reference}. Please quote it if you contact us.`,
      signOff(args.hub),
    ].join("\n\n"),
  };
}
