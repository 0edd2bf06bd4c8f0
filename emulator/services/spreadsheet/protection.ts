// Protected ranges and sheets.
// https://developers.google.com/apps-script/reference/spreadsheet/protection
// https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
//
// - "Until the script actually changes the list of editors ... the permissions mirror those of
//   the spreadsheet itself": a new protection's editors are the spreadsheet's owner and editors,
//   until addEditor/removeEditor is called.
// - "The spreadsheet owner is always able to edit protected ranges and sheets."
// - addEditor does not give the user edit access to the spreadsheet itself.
// - A script running as a user who may not edit a protected cell fails with "You are trying to
//   edit a protected cell or object. ..." (the emulator checks value writes, appendRow, clears,
//   row/column insertion and deletion).
import { EmuUser, emailOf, enumOf, type SheetsContext } from "./context";
import type { EmuRange } from "./range";
import type { EmuSheet } from "./sheet";

export const ProtectionType = enumOf("RANGE", "SHEET");
export type ProtectionTypeName = keyof typeof ProtectionType;

export const PROTECTED_MESSAGE =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

export class EmuProtection {
  /** @internal */ _description = "";
  /** @internal */ _warningOnly = false;
  /** @internal */ _domainEdit = false;
  /** @internal null: mirrors the spreadsheet's editors (never changed by the script). */
  _editors: Set<string> | null = null;
  /** @internal */ _unprotected: EmuRange[] = [];
  /** @internal */ _removed = false;

  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _sheet: EmuSheet,
    /** @internal */ readonly _type: ProtectionTypeName,
    /** @internal */ public _range: EmuRange | null,
  ) {}

  private call(method: string): void {
    this.ctx.rt.call(`Protection.${method}`);
  }

  /** Emails allowed to edit (owner always first). */
  _editorEmails(): string[] {
    const ss = this._sheet._spreadsheet();
    const owner = ss._ownerEmail();
    const list = this._editors ? [...this._editors] : ss._editorEmails();
    return [owner, ...list.filter((e) => e.toLowerCase() !== owner.toLowerCase())];
  }

  private materialise(): Set<string> {
    if (!this._editors) this._editors = new Set(this._sheet._spreadsheet()._editorEmails());
    return this._editors;
  }

  /** Emulator-internal canEdit for any user. */
  _userCanEdit(email: string): boolean {
    if (this._removed) return true;
    const ss = this._sheet._spreadsheet();
    const e = email.toLowerCase();
    if (e === ss._ownerEmail().toLowerCase()) return true;
    const isEditor = ss._editorEmails().some((x) => x.toLowerCase() === e);
    if (!isEditor) return false;
    if (this._warningOnly) return true;
    return this._editorEmails().some((x) => x.toLowerCase() === e);
  }

  /** Does this protection cover the 1-based cell? */
  _covers(row: number, col: number): boolean {
    if (this._removed) return false;
    if (this._type === "RANGE") {
      const r = this._range;
      if (!r) return false;
      return r._contains(row, col);
    }
    return !this._unprotected.some((u) => u._contains(row, col));
  }

  addEditor(emailAddressOrUser: unknown): this {
    this.call("addEditor");
    this.materialise().add(emailOf(emailAddressOrUser));
    return this;
  }
  addEditors(emailAddresses: unknown[]): this {
    this.call("addEditors");
    for (const e of emailAddresses) this.materialise().add(emailOf(e));
    return this;
  }
  removeEditor(emailAddressOrUser: unknown): this {
    this.call("removeEditor");
    const email = emailOf(emailAddressOrUser).toLowerCase();
    const set = this.materialise();
    for (const e of [...set]) if (e.toLowerCase() === email) set.delete(e);
    return this;
  }
  removeEditors(emailAddresses: unknown[]): this {
    this.call("removeEditors");
    const drop = new Set(emailAddresses.map((e) => emailOf(e).toLowerCase()));
    const set = this.materialise();
    for (const e of [...set]) if (drop.has(e.toLowerCase())) set.delete(e);
    return this;
  }
  getEditors(): EmuUser[] {
    this.call("getEditors");
    return this._editorEmails().map((e) => new EmuUser(this.ctx.rt, e));
  }
  /** Whether the user running the script may edit (the owner always can). */
  canEdit(): boolean {
    this.call("canEdit");
    return this._userCanEdit(this.ctx.activeUser());
  }
  canDomainEdit(): boolean {
    this.call("canDomainEdit");
    return this._domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this.call("setDomainEdit");
    this._domainEdit = Boolean(editable);
    return this;
  }
  getDescription(): string {
    this.call("getDescription");
    return this._description;
  }
  setDescription(description: string): this {
    this.call("setDescription");
    this._description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    this.call("isWarningOnly");
    return this._warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.call("setWarningOnly");
    this._warningOnly = Boolean(warningOnly);
    return this;
  }
  getProtectionType(): ProtectionTypeName {
    this.call("getProtectionType");
    return this._type;
  }
  /** The protected range; for a sheet protection, the whole sheet. */
  getRange(): EmuRange {
    this.call("getRange");
    return this._range ?? this.ctx.rt.uncharged(() => this._sheet._wholeSheetRange());
  }
  setRange(range: EmuRange): this {
    this.call("setRange");
    if (this._type === "SHEET")
      throw new Error("You can't change the range of a sheet protection.");
    this._range = range;
    return this;
  }
  getUnprotectedRanges(): EmuRange[] {
    this.call("getUnprotectedRanges");
    return [...this._unprotected];
  }
  /** Only for sheet protections: the ranges inside the sheet that stay editable. */
  setUnprotectedRanges(ranges: EmuRange[]): this {
    this.call("setUnprotectedRanges");
    if (this._type !== "SHEET")
      throw new Error("Unprotected ranges can only be set on a sheet protection.");
    this._unprotected = [...ranges];
    return this;
  }
  remove(): void {
    this.call("remove");
    this._removed = true;
    this._sheet._removeProtection(this);
  }
}
