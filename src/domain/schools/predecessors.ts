// Applicants often quote the URN their school had before it became an academy, and a register
// of open schools does not hold those old URNs. For each link whose successor is in the register,
// keep a small closed record of the predecessor, so the old URN is followed to today's school.
import type { School } from "../types";

export function withPredecessors(
  schools: readonly School[],
  successorOf: ReadonlyMap<string, string>,
): School[] {
  const byUrn = new Map(schools.map((s) => [s.urn, s]));
  const out = [...schools];
  for (const [urn, successorUrn] of [...successorOf].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (byUrn.has(urn)) continue;
    const successor = byUrn.get(successorUrn);
    if (!successor) continue;
    const stub: School = {
      ...successor,
      urn,
      name: `${successor.name} (former URN ${urn})`,
      status: "Closed",
      successorUrn,
      trust: "",
    };
    byUrn.set(urn, stub);
    out.push(stub);
  }
  return out;
}
