// Plain-JSON snapshots for emulator state: Date values become {"$date": ISO} and come back as Date.
// Used by FormApp and ScriptApp so `state.json` stays readable and round-trips exactly.

export interface DateJson {
  $date: string;
}

/** Deep copy with every Date replaced by {"$date": ISO}. */
export function encodeDates(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeDates);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = encodeDates(v);
    }
    return out;
  }
  return value;
}

/** Deep copy with every {"$date": ISO} replaced by a Date. */
export function decodeDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeDates);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === "$date" && typeof obj.$date === "string") {
      const d = new Date(obj.$date);
      if (Number.isNaN(d.getTime())) throw new Error(`Invalid {"$date"} in snapshot: ${obj.$date}`);
      return d;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = decodeDates(v);
    return out;
  }
  return value;
}
