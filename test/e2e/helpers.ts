// Shared set-up for end-to-end tests: the compiled bundle, and where the shared data lives.
import { readBundle } from "../../emulator/runner/bundle";

export { SHARED_DATA } from "../../emulator/runner/sample-hub";

export const BUNDLE = readBundle();
