// Apps Script enums (Button, ButtonSet, SandboxMode, DigestAlgorithm...) are objects at run time:
// each value is a distinct object whose string form is its name, e.g. String(ui.Button.OK) === "OK".
// Scripts compare them by identity (`response.getSelectedButton() == ui.Button.YES`), so the
// emulator gives every value one shared object, frozen, and never a bare string.
// https://developers.google.com/apps-script/reference/base/button

export interface GasEnumValue<N extends string = string> {
  readonly name: N;
  toString(): N;
  toJSON(): N;
  name_(): N;
  ordinal(): number;
}

export type GasEnum<N extends string> = { readonly [K in N]: GasEnumValue<K> };

const registry = new WeakSet<object>();

export function gasEnum<const N extends string>(names: readonly N[]): GasEnum<N> {
  const out: Record<string, GasEnumValue> = {};
  names.forEach((name, index) => {
    const value: GasEnumValue = Object.freeze({
      name,
      toString: () => name,
      toJSON: () => name,
      name_: () => name,
      ordinal: () => index,
    });
    registry.add(value);
    out[name] = value;
  });
  return Object.freeze(out) as GasEnum<N>;
}

/** The enum value of `e` that `v` denotes: the value itself, or its name (as the runner may pass). */
export function enumValue<N extends string>(e: GasEnum<N>, v: unknown): GasEnumValue<N> | null {
  if (v && typeof v === "object" && registry.has(v)) {
    const name = (v as GasEnumValue).name as N;
    return e[name] === v ? e[name] : null;
  }
  if (typeof v === "string" && Object.prototype.hasOwnProperty.call(e, v)) return e[v as N];
  return null;
}
