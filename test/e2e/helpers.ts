// Shared set-up for end-to-end tests: a hub in the emulator running the compiled bundle.
import * as path from "node:path";
import { readBundle } from "../../emulator/runner/bundle";
import { HubEnvironment } from "../../emulator/runner/environment";

export const BUNDLE = readBundle();
export const SHARED_DATA = path.resolve(__dirname, "../../../shared/data");

export function newHub(now = new Date("2024-01-08T09:00:00Z")): HubEnvironment {
  return HubEnvironment.create({ now, bundleCode: BUNDLE, hubName: "Example Maths Hub" });
}
