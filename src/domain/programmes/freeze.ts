// Catalogue and rule data are shared by every evaluation; freezing them stops one caller's
// mutation from changing another's verdicts.
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
