// Creating each programme's Form from the catalogue, or binding a hub's existing Form, and finding
// the sheet its responses land in.
import { describeMissing, mapQuestionTitles } from "../domain/form-binding";
import type { Programme, Question } from "../domain/programmes/model";
import type { Services } from "./services";

export interface BoundForm {
  formId: string;
  formUrl: string;
  responseSheet: string;
  created: boolean;
  published: boolean;
  problems: string[];
}

export function responseSheetName(programme: Programme): string {
  return `Responses: ${programme.key}`;
}

function addQuestion(form: GoogleAppsScript.Forms.Form, q: Question): void {
  const help = q.helpText ?? "";
  switch (q.type) {
    case "paragraph":
      form.addParagraphTextItem().setTitle(q.title).setHelpText(help).setRequired(q.required);
      return;
    case "choice":
      form
        .addMultipleChoiceItem()
        .setTitle(q.title)
        .setHelpText(help)
        .setRequired(q.required)
        .setChoiceValues([...(q.choices ?? [])]);
      return;
    case "checkbox":
      form
        .addCheckboxItem()
        .setTitle(q.title)
        .setHelpText(help)
        .setRequired(q.required)
        .setChoiceValues([...(q.choices ?? [])]);
      return;
    default:
      form.addTextItem().setTitle(q.title).setHelpText(help).setRequired(q.required);
  }
}

/** The sheet of `spreadsheet` that receives `form`'s responses (matched by the form's id). */
export function destinationSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  formId: string,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  for (const sheet of spreadsheet.getSheets()) {
    const url = sheet.getFormUrl();
    if (url && url.includes(formId)) return sheet;
  }
  return null;
}

export function createProgrammeForm(
  services: Services,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  programme: Programme,
  hubName: string,
  publish: boolean,
): BoundForm {
  const form = services.formApp.create(`${hubName}: ${programme.title}`);
  form.setDescription(`${programme.description}\n\nWho may apply: ${programme.eligibilitySummary}`);
  form.setAllowResponseEdits(true);
  form.setConfirmationMessage(
    "Thank you. We have your application and will email you an acknowledgement shortly.",
  );
  for (const q of programme.questions) addQuestion(form, q);
  form.setDestination(services.formApp.DestinationType.SPREADSHEET, spreadsheet.getId());
  const sheet = destinationSheet(spreadsheet, form.getId());
  const name = responseSheetName(programme);
  if (sheet && sheet.getName() !== name && !spreadsheet.getSheetByName(name)) sheet.setName(name);
  if (publish && !form.isPublished()) form.setPublished(true);
  return {
    formId: form.getId(),
    formUrl: form.getPublishedUrl(),
    responseSheet: sheet ? sheet.getName() : name,
    created: true,
    published: form.isPublished(),
    problems: [],
  };
}

export function formIdFrom(text: string): string {
  const m = /\/d\/(?:e\/)?([A-Za-z0-9_-]{10,})/.exec(text);
  return m ? m[1]! : text.trim();
}

/** A form from what a hub typed in a cell: its ID, or its edit or published URL. */
export function openForm(services: Services, idOrUrl: string): GoogleAppsScript.Forms.Form {
  return /^https?:/.test(idOrUrl)
    ? services.formApp.openByUrl(idOrUrl)
    : services.formApp.openById(formIdFrom(idOrUrl));
}

/** Binds an existing Form by ID or URL: checks where its responses go and that its questions map. */
export function bindExistingForm(
  services: Services,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  programme: Programme,
  idOrUrl: string,
): BoundForm {
  const problems: string[] = [];
  let form: GoogleAppsScript.Forms.Form;
  try {
    form = openForm(services, idOrUrl);
  } catch {
    return {
      formId: idOrUrl,
      formUrl: "",
      responseSheet: "",
      created: false,
      published: false,
      problems: [
        `The ${programme.title} form "${idOrUrl}" could not be opened; check the ID or URL, and that you can edit the form.`,
      ],
    };
  }
  let sheet = destinationSheet(spreadsheet, form.getId());
  if (!sheet) {
    try {
      if (form.getDestinationId() && form.getDestinationId() !== spreadsheet.getId()) {
        problems.push(
          `The ${programme.title} form sends its responses to another spreadsheet; set its destination to this spreadsheet (Form > Responses > Link to Sheets).`,
        );
      }
    } catch {
      // No destination yet: link it here.
    }
    if (problems.length === 0) {
      form.setDestination(services.formApp.DestinationType.SPREADSHEET, spreadsheet.getId());
      sheet = destinationSheet(spreadsheet, form.getId());
    }
  }
  const titles = form.getItems().map((item) => item.getTitle());
  if (form.collectsEmail()) titles.push("Email Address");
  const mapping = mapQuestionTitles(programme, titles);
  problems.push(...describeMissing(programme, mapping));
  return {
    formId: form.getId(),
    formUrl: form.getPublishedUrl(),
    responseSheet: sheet ? sheet.getName() : "",
    created: false,
    published: form.isPublished(),
    problems,
  };
}
