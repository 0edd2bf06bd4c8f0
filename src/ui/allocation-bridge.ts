// The typed bridge between the allocation sidebar and the server. Every value crossing it is a
// plain value (strings, numbers, booleans, arrays, objects; dates as ISO strings), as
// google.script.run requires. The sidebar calls only the globals named in ALLOCATION_API.

/** The globals the allocation sidebar may call through google.script.run. */
export const ALLOCATION_API = {
  programmes: "apiAllocationProgrammes",
  preview: "apiPreviewAllocation",
  confirm: "apiConfirmAllocation",
  progress: "apiAllocationProgress",
  offerNext: "apiOfferNext",
} as const;

export type OverrideActionName = "pin" | "exclude" | "endorsement-waived";

/** A lead's override as the sidebar sends it; the server adds who made it. */
export interface OverrideRequest {
  responseId: string;
  action: OverrideActionName;
  /** Required: an override without a written reason is refused. */
  reason: string;
}

export interface AllocationRequest {
  programme: string;
  overrides: OverrideRequest[];
  /** Omitted: the programme's recorded seed (or a new one on its first run). */
  seed?: number;
  /** A random string from the sidebar; the server reports progress under it. */
  progressToken?: string;
}

export interface ConfirmRequest extends AllocationRequest {
  /** The preview's token: confirming refuses if the applications changed since that preview. */
  token: string;
}

/** One application as the allocation shows it. */
export interface AllocationRow {
  responseId: string;
  applicant: string;
  email: string;
  school: string;
  schoolUrn: string;
  localAuthority: string;
  verdict: string;
  score: number | null;
  endorsement: string;
  reviewStatus: string;
  decision: string;
  lead: string;
  /** Hub priority tiers met, e.g. ["never engaged", "priority area"]. */
  tiers: string[];
  /** Applications placed together (a school's advocates) share a non-empty unit. */
  unit: string;
}

export interface PlacedRow extends AllocationRow {
  group: string;
  why: string;
}

export interface WaitlistRow extends AllocationRow {
  position: number;
  why: string;
}

export interface NotConsideredRow extends AllocationRow {
  why: string;
}

export interface GroupUse {
  /** "" for a programme without Work Groups (one implicit cohort). */
  id: string;
  label: string;
  lead: string;
  localAuthorities: string[];
  used: number;
  /** null: no limit. */
  capacity: number | null;
}

export interface OverrideShown {
  responseId: string;
  action: OverrideActionName;
  reason: string;
  by: string;
  /** What it did, or why it was refused. */
  effect: string;
  accepted: boolean;
}

export interface AllocationPreview {
  programme: { key: string; title: string; year: string; closes: string | null };
  /** When this preview was computed (ISO). */
  at: string;
  /** Identifies inputs + parameters + result; confirm needs it. */
  token: string;
  seed: number;
  tieBreak: string;
  method: string;
  exact: boolean;
  objective: number;
  placesUsed: { used: number; capacity: number | null };
  groups: GroupUse[];
  placed: PlacedRow[];
  waitlist: WaitlistRow[];
  notConsidered: NotConsideredRow[];
  overrides: OverrideShown[];
  /** Plain sentences the lead should read before confirming (e.g. the programme is still open). */
  warnings: string[];
  /** The last confirmed run of this programme, if any. */
  confirmed: { run: string; at: string; by: string } | null;
  /**
   * What confirming this very preview would do: the counts apiConfirmAllocation would return,
   * computed without writing anything, so the sidebar's confirm step can say exactly what will
   * happen. `undecided`: not considered but left without a decision or email (awaiting an
   * endorsement or a review, withdrawn, duplicates). Optional: without it the sidebar gives
   * upper bounds.
   */
  onConfirm?: {
    offered: number;
    waitlisted: number;
    notOffered: number;
    undecided: number;
    emailsQueued: number;
  };
}

export interface AllocationConfirmation {
  /** The snapshot sheet's name. */
  run: string;
  offered: number;
  waitlisted: number;
  notOffered: number;
  emailsQueued: number;
  cohortSheets: string[];
  message: string;
}

export interface AllocationProgress {
  stage: string;
  done: number;
  total: number;
}

export interface OfferNextRequest {
  programme: string;
}

export interface OfferNextResult {
  /** The application offered, or null when nobody could be (the message says why). */
  offered: { responseId: string; applicant: string; group: string } | null;
  message: string;
}

export interface AllocationProgrammeChoice {
  key: string;
  title: string;
  year: string;
  closes: string | null;
  /** Still accepting applications: a preview is allowed, with a warning. */
  open: boolean;
  applications: number;
  confirmed: boolean;
}
