// Shared set-up for the Spreadsheet emulator tests (not a test file itself).
import { Runtime } from "../../emulator/core/runtime";
import {
  EmuSpreadsheetApp,
  type EmuSpreadsheetAppOptions,
} from "../../emulator/services/spreadsheet";

export const OWNER = "hub.lead@hub.example.org";
export const EDITOR = "secondary.lead@hub.example.org";

export function setup(
  options: EmuSpreadsheetAppOptions & { timeZone?: string; now?: string } = {},
) {
  const rt = new Runtime({ now: new Date(options.now ?? "2024-03-01T09:00:00Z") });
  let user = OWNER;
  const app = new EmuSpreadsheetApp(rt, { owner: OWNER, _activeUser: () => user, ...options });
  const ss = app._createSpreadsheet({
    name: "Maths Hub",
    editors: [EDITOR],
    timeZone: options.timeZone,
  });
  app._setActive(ss);
  const sheet = ss.getSheets()[0];
  rt.resetCounts();
  return {
    rt,
    app,
    ss,
    sheet,
    /** Run the rest as another user (as the runner's --as does). */
    actAs(email: string) {
      user = email;
    },
  };
}
