// Question building blocks shared by the Forms, so that every Form asks the common questions
// with the same words and binds to hubs' existing Forms through the same aliases.
import type { CanonicalField } from "../types";
import type { Question } from "./model";

export const YES_NO = ["Yes", "No"] as const;

export const ROLES = [
  "Classroom teacher",
  "Head of maths / subject leader",
  "Key stage or phase leader",
  "Senior leader",
  "Head teacher or principal",
  "Trust (MAT) maths leader",
  "Teaching assistant",
  "Initial teacher training tutor or leader",
  "Other",
] as const;

type QuestionOptions = Partial<Omit<Question, "field" | "title" | "type">>;

export function text(
  field: CanonicalField,
  title: string,
  options: QuestionOptions = {},
): Question {
  return { field, title, type: "text", required: true, ...options };
}

export function paragraph(
  field: CanonicalField,
  title: string,
  options: QuestionOptions = {},
): Question {
  return { field, title, type: "paragraph", required: true, ...options };
}

export function email(
  field: CanonicalField,
  title: string,
  options: QuestionOptions = {},
): Question {
  return { field, title, type: "email", required: true, ...options };
}

export function number(
  field: CanonicalField,
  title: string,
  options: QuestionOptions = {},
): Question {
  return { field, title, type: "number", required: true, ...options };
}

export function yesNo(
  field: CanonicalField,
  title: string,
  options: QuestionOptions = {},
): Question {
  return { field, title, type: "choice", required: true, choices: YES_NO, ...options };
}

export const APPLICANT: readonly Question[] = [
  email("email", "Your email address", {
    aliases: ["Email Address", "Email", "Email address", "Your email", "School email address"],
  }),
  text("firstName", "Your first name", { aliases: ["First name", "Forename", "Given name"] }),
  text("lastName", "Your last name", { aliases: ["Last name", "Surname", "Family name"] }),
  {
    field: "role",
    title: "Your role",
    type: "choice",
    required: true,
    choices: ROLES,
    aliases: ["Role", "Current role", "Job title", "Your current role"],
  },
];

export function schoolQuestions(required: boolean): readonly Question[] {
  return [
    text("schoolUrn", "Your school's URN", {
      required,
      helpText: "six digits, from Get Information About Schools",
      aliases: ["URN", "School URN", "School URN (6 digits)", "Unique Reference Number"],
    }),
    text("schoolName", "Your school's name", {
      required,
      aliases: ["School name", "School", "Name of school", "School or college"],
    }),
    text("schoolPostcode", "Your school's postcode", {
      required,
      aliases: ["School postcode", "Postcode"],
    }),
  ];
}

export const HEAD: readonly Question[] = [
  text("headName", "Your head teacher's name", {
    aliases: ["Head teacher's name", "Headteacher name", "Name of head teacher", "Headteacher"],
  }),
  email("headEmail", "Your head teacher's email address", {
    helpText: "We will ask them to confirm their support.",
    aliases: ["Head teacher's email", "Headteacher email address", "Head teacher email"],
  }),
];

export const CONSENT: Question = {
  field: "consent",
  title: "Do you agree to the Maths Hub using your answers to run this programme?",
  type: "checkbox",
  required: true,
  choices: ["I agree"],
  helpText:
    "The hub uses your details only to manage your application and the programme, and deletes them after its retention period.",
  aliases: ["Consent", "Data consent", "Data protection", "GDPR consent"],
};

export function statement(required: boolean, title: string): Question {
  return paragraph("statement", title, {
    required,
    aliases: ["Supporting statement", "Statement", "Why do you want to take part?"],
  });
}

export const ANYTHING_ELSE = statement(false, "Tell us briefly why you would like to take part.");
