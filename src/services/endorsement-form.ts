// The hub's Endorsement Form: created by "Set up this hub" (or an existing one bound by ID or URL),
// its responses landing in a sheet of the hub, and the template of its pre-filled link.
//
// The template is made once per Form (a FormResponse with placeholder answers, toPrefilledUrl) and
// kept in the document properties, so writing a request costs no Forms call per application.
import {
  ENDORSEMENT_FORM_DESCRIPTION,
  ENDORSEMENT_FORM_TITLE,
  ENDORSEMENT_QUESTIONS,
  PREFILL_PLACEHOLDERS,
  isPrefillTemplate,
  type EndorsementQuestion,
} from "../domain/endorsement";
import { asText, cellText } from "../sheets/cells";
import { SETTINGS_SHEET } from "../sheets/layout";
import { SETTING_DEFS, type HubSettings } from "../sheets/settings";
import { appendRows, readTable, writeBlock } from "../sheets/table";
import { destinationSheet, openForm, type BoundForm } from "./forms";
import type { Services } from "./services";

/** The sheet Set up names for the Form's responses. */
export const ENDORSEMENT_RESPONSE_SHEET = "Responses: endorsement";

const PROP_FORM = "endorsement.form";
const PROP_SHEET = "endorsement.sheet";
const PROP_PREFILL = "endorsement.prefill";

function addQuestion(form: GoogleAppsScript.Forms.Form, q: EndorsementQuestion): void {
  switch (q.type) {
    case "paragraph":
      form.addParagraphTextItem().setTitle(q.title).setHelpText(q.helpText).setRequired(q.required);
      return;
    case "choice":
      form
        .addMultipleChoiceItem()
        .setTitle(q.title)
        .setHelpText(q.helpText)
        .setRequired(q.required)
        .setChoiceValues([...(q.choices ?? [])]);
      return;
    default:
      form.addTextItem().setTitle(q.title).setHelpText(q.helpText).setRequired(q.required);
  }
}

/** The pre-filled link with placeholders, from the Form's reference and school questions. */
function buildTemplate(form: GoogleAppsScript.Forms.Form): { template: string; missing: string[] } {
  const items = form.getItems();
  const squash = (s: string) => s.trim().toLowerCase();
  const response = form.createResponse();
  const missing: string[] = [];
  for (const field of ["reference", "schoolUrn", "school"] as const) {
    const title = ENDORSEMENT_QUESTIONS.find((q) => q.field === field)!.title;
    const item = items.find((i) => squash(i.getTitle()) === squash(title));
    if (!item) {
      missing.push(title);
      continue;
    }
    response.withItemResponse(item.asTextItem().createResponse(PREFILL_PLACEHOLDERS[field]));
  }
  return { template: missing.length ? "" : response.toPrefilledUrl(), missing };
}

function remember(services: Services, formId: string, sheet: string, template: string): void {
  services.propertiesService.getDocumentProperties().setProperties({
    [PROP_FORM]: formId,
    [PROP_SHEET]: sheet,
    [PROP_PREFILL]: template,
  });
}

/**
 * Creates the Endorsement Form (Settings "Endorsement form" blank) or binds the one named there,
 * links its responses to this spreadsheet, and writes its ID back to Settings. Idempotent.
 */
export function ensureEndorsementForm(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: HubSettings,
): BoundForm {
  const configured = settings.endorsementForm.trim();
  let form: GoogleAppsScript.Forms.Form;
  let created = false;
  const problems: string[] = [];
  if (configured) {
    try {
      form = openForm(services, configured);
    } catch {
      return {
        formId: configured,
        formUrl: "",
        responseSheet: "",
        created: false,
        published: false,
        problems: [
          `The Endorsement form "${configured}" (Settings) could not be opened; check the ID or URL, and that you can edit the form, or clear the cell to have one made.`,
        ],
      };
    }
  } else {
    form = services.formApp.create(`${settings.hubName}: ${ENDORSEMENT_FORM_TITLE}`);
    form.setDescription(ENDORSEMENT_FORM_DESCRIPTION);
    // An endorser who changes their mind submits again; the latest answer counts.
    form.setAllowResponseEdits(false);
    form.setConfirmationMessage(
      "Thank you. We have your answer and will let the applicant's school know the outcome in due course.",
    );
    for (const q of ENDORSEMENT_QUESTIONS) addQuestion(form, q);
    created = true;
  }
  const formId = form.getId();
  let sheet = destinationSheet(ss, formId);
  if (!sheet) {
    let elsewhere = false;
    try {
      elsewhere = Boolean(form.getDestinationId()) && form.getDestinationId() !== ss.getId();
    } catch {
      // No destination yet: link it here.
    }
    if (elsewhere) {
      problems.push(
        "The Endorsement form sends its responses to another spreadsheet; set its destination to this spreadsheet (Form > Responses > Link to Sheets).",
      );
    } else {
      form.setDestination(services.formApp.DestinationType.SPREADSHEET, ss.getId());
      sheet = destinationSheet(ss, formId);
    }
  }
  if (sheet && created && sheet.getName() !== ENDORSEMENT_RESPONSE_SHEET) {
    if (!ss.getSheetByName(ENDORSEMENT_RESPONSE_SHEET)) sheet.setName(ENDORSEMENT_RESPONSE_SHEET);
  }
  if (created && !form.isPublished()) form.setPublished(true);
  const { template, missing } = buildTemplate(form);
  if (missing.length) {
    problems.push(
      `The Endorsement form has no question ${missing.map((m) => `"${m}"`).join(", ")}, so its link cannot be pre-filled; add ${missing.length === 1 ? "it" : "them"} as short-answer questions.`,
    );
  }
  const responseSheet = sheet ? sheet.getName() : "";
  remember(services, formId, responseSheet, template);
  if (configured !== formId) writeEndorsementFormSetting(ss, formId);
  return {
    formId,
    formUrl: form.getPublishedUrl(),
    responseSheet,
    created,
    published: form.isPublished(),
    problems,
  };
}

/** Writes the Form's ID into the Settings row "Endorsement form" (adding the row if missing). */
function writeEndorsementFormSetting(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  id: string,
): void {
  const sheet = ss.getSheetByName(SETTINGS_SHEET.name);
  if (!sheet) return;
  const def = SETTING_DEFS.find((d) => d.key === "endorsementForm")!;
  const table = readTable(sheet);
  const at = table.rows.findIndex(
    (r) => cellText(r[0]).trim().toLowerCase() === def.label.toLowerCase(),
  );
  if (at >= 0) writeBlock(sheet, table.firstRow + at, 2, [[asText(id)]]);
  else appendRows(sheet, [[def.label, asText(id), def.meaning]]);
}

export interface EndorsementFormInfo {
  formId: string;
  /** The response sheet's name ("" when unknown). */
  sheet: string;
  /** The pre-filled link template ("" when the Form cannot be pre-filled). */
  template: string;
}

/**
 * The Endorsement Form as Set up recorded it (one properties read). When Settings names another
 * Form than the one recorded (edited by hand), the Form is read again and the record refreshed.
 */
export function endorsementFormInfo(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: HubSettings,
): EndorsementFormInfo | null {
  const configured = settings.endorsementForm.trim();
  if (!configured) return null;
  // One read of every mark: each getProperty is a call of its own.
  const marks = services.propertiesService.getDocumentProperties().getProperties();
  const formId = marks[PROP_FORM] ?? "";
  const template = marks[PROP_PREFILL] ?? "";
  if (formId && configured.includes(formId) && isPrefillTemplate(template))
    return { formId, sheet: marks[PROP_SHEET] ?? "", template };
  try {
    const form = openForm(services, configured);
    const built = buildTemplate(form);
    const sheet = destinationSheet(ss, form.getId());
    const info = {
      formId: form.getId(),
      sheet: sheet ? sheet.getName() : "",
      template: built.template,
    };
    remember(services, info.formId, info.sheet, info.template);
    return info;
  } catch {
    return null;
  }
}

/** The response sheet's name without opening the Form: what Set up recorded, else the default. */
export function endorsementSheetName(services: Services): string {
  return (
    services.propertiesService.getDocumentProperties().getProperty(PROP_SHEET) ||
    ENDORSEMENT_RESPONSE_SHEET
  );
}
