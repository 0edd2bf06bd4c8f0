// Developer metadata on a spreadsheet or a sheet (key/value tags a script can find again).
// https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
import { enumOf, type SheetsContext } from "./context";

export const DeveloperMetadataVisibility = enumOf("DOCUMENT", "PROJECT");
export type DeveloperMetadataVisibilityName = keyof typeof DeveloperMetadataVisibility;

export interface DevMetaData {
  id: number;
  key: string;
  value: string | null;
  visibility: DeveloperMetadataVisibilityName;
}

/** Tags a spreadsheet or a sheet; the id comes from the spreadsheet, which numbers both. */
export function addDevMeta(
  owner: DevMetaData[],
  id: number,
  key: string,
  value: string | null | undefined,
  visibility: DeveloperMetadataVisibilityName | undefined,
): void {
  owner.push({
    id,
    key: String(key),
    value: value === undefined || value === null ? null : String(value),
    visibility: visibility ?? "DOCUMENT",
  });
}

export function devMetaHandles(ctx: SheetsContext, owner: DevMetaData[]): EmuDeveloperMetadata[] {
  return owner.map((d) => new EmuDeveloperMetadata(ctx, d, owner));
}

export class EmuDeveloperMetadata {
  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _d: DevMetaData,
    private readonly owner: DevMetaData[],
  ) {}
  private call(m: string): void {
    this.ctx.rt.call(`DeveloperMetadata.${m}`);
  }
  getId(): number {
    this.call("getId");
    return this._d.id;
  }
  getKey(): string {
    this.call("getKey");
    return this._d.key;
  }
  getValue(): string | null {
    this.call("getValue");
    return this._d.value;
  }
  getVisibility(): DeveloperMetadataVisibilityName {
    this.call("getVisibility");
    return this._d.visibility;
  }
  setKey(key: string): this {
    this.call("setKey");
    this._d.key = String(key);
    return this;
  }
  setValue(value: string): this {
    this.call("setValue");
    this._d.value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(visibility: DeveloperMetadataVisibilityName): this {
    this.call("setVisibility");
    this._d.visibility = visibility;
    return this;
  }
  remove(): void {
    this.call("remove");
    const i = this.owner.indexOf(this._d);
    if (i >= 0) this.owner.splice(i, 1);
  }
}
