// The latency model: how much simulated time each Apps Script service call costs.
//
// Call COUNTS are exact and are the figure the benchmark leads with; simulated TIME is only a
// model, so every default below is a parameter, with its source beside it.
//
// Sources (see ../../../shared/APPS-SCRIPT-FACTS.md, "What service calls cost"):
//  [G] Google, "Optimizing Spreadsheet Operations", Apps Script blog, 2010: service calls are an
//      order of magnitude slower than JavaScript; Sheets caches reads and buffers writes, and every
//      read first commits pending writes.
//  [M] A measured comparison, 400 rows x 10 cells: one setValues of 4,000 cells < 50 ms; 400
//      row-by-row setValues without flush 164 ms in all; with a flush after each row about 12 s
//      (so about 30 ms a flush).
//  [T] tanaikech.github.io benchmarks: getLastRow() in a loop vs one read, 160 s vs 0.78 s.
//  [E] Our estimate where no published figure exists; stated as such.

export interface LatencyModel {
  /** Any call not otherwise listed: a round trip to a Google service [G], [E]. */
  defaultCallMs: number;
  /** A call that reads from a sheet (getValues, getLastRow, getDataRange...): a round trip [T]. */
  sheetReadCallMs: number;
  /** A buffered write call (setValues, appendRow...): cheap until flushed [M]: 164 ms / 400 calls. */
  sheetWriteCallMs: number;
  /** Per cell read [M], [E]. */
  perCellReadMs: number;
  /** Per cell written: 4,000 cells in under 50 ms [M]. */
  perCellWriteMs: number;
  /** Committing buffered writes: by flush(), or by the next read [G]; about 30 ms each [M]. */
  flushMs: number;
  /** Specific methods, by "Service.method" name, that cost more than the default [E]. */
  perMethodMs: Record<string, number>;
}

export const DEFAULT_LATENCY: LatencyModel = {
  defaultCallMs: 10,
  sheetReadCallMs: 25,
  sheetWriteCallMs: 0.4,
  perCellReadMs: 0.005,
  perCellWriteMs: 0.01,
  flushMs: 30,
  perMethodMs: {
    // [E] opening another document or form is a full round trip to another service.
    "FormApp.openById": 300,
    "FormApp.openByUrl": 300,
    "FormApp.create": 1000,
    "Form.getResponses": 150,
    "MailApp.sendEmail": 250,
    "ScriptApp.newTrigger": 200,
    "TriggerBuilder.create": 300,
    "ScriptApp.getProjectTriggers": 50,
    "ScriptApp.getUserTriggers": 50,
    "Lock.waitLock": 20,
    "Lock.tryLock": 20,
    "Lock.releaseLock": 5,
    "Properties.getProperty": 15,
    "Properties.setProperty": 25,
    "Properties.getProperties": 20,
    "Properties.setProperties": 30,
    "Cache.get": 5,
    "Cache.put": 8,
    "Utilities.sleep": 0,
    "Utilities.formatDate": 0.05,
    "Utilities.getUuid": 0.05,
    "Session.getActiveUser": 5,
    "Session.getEffectiveUser": 5,
    "Session.getScriptTimeZone": 1,
  },
};
