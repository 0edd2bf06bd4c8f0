// Performance of the emulated Sheets store (DESIGN.md, "Performance"): a 10,000 x 20 block is
// written and read in one call each, quickly, and snapshotted without trouble.
import { setup } from "./spreadsheet-helpers";

function block(rows: number, cols: number): unknown[][] {
  const base = new Date("2024-01-01T00:00:00Z").getTime();
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      switch (c % 5) {
        case 0:
          return `R-${r}-${c}`;
        case 1:
          return r * cols + c;
        case 2:
          return new Date(base + r * 60_000);
        case 3:
          return r % 2 === 0;
        default:
          return `'${String(r).padStart(6, "0")}`;
      }
    }),
  );
}

describe("10,000 x 20 in one call each (https://developers.google.com/apps-script/guides/support/best-practices#use_batch_operations)", () => {
  it("setValues and getValues of 200,000 cells are fast and exact", () => {
    const { rt, sheet } = setup();
    sheet.insertRowsAfter(1000, 9000);
    const data = block(10_000, 20);
    rt.resetCounts();
    const t0 = performance.now();
    sheet.getRange(1, 1, 10_000, 20).setValues(data);
    const t1 = performance.now();
    const back = sheet.getRange(1, 1, 10_000, 20).getValues();
    const t2 = performance.now();
    expect(rt.callCounts()).toEqual({
      "Sheet.getRange": 2,
      "Range.setValues": 1,
      "Range.getValues": 1,
    });
    expect(back[9_999][0]).toBe("R-9999-0");
    expect((back[9_999][2] as Date).getTime()).toBe((data[9_999][2] as Date).getTime());
    expect(back[42][4]).toBe("000042");
    expect(back[43][3]).toBe(false);
    // Generous bounds (shared CI machines); locally each takes tens of milliseconds.
    expect(t1 - t0).toBeLessThan(1500);
    expect(t2 - t1).toBeLessThan(1000);
  });

  it("typed text (numbers, dates) in 200,000 cells is parsed in well under a few seconds", () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(1000, 9000);
    const text = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 20 }, (_, c) =>
        c % 2 === 0 ? String(r * 20 + c) : `2024-03-${String((r % 28) + 1).padStart(2, "0")} 17:00`,
      ),
    );
    const t0 = performance.now();
    sheet.getRange(1, 1, 10_000, 20).setValues(text);
    const snap = sheet.getParent().toSnapshot();
    const elapsed = performance.now() - t0;
    expect(snap.sheets[0].values).toHaveLength(10_000);
    expect(sheet.getRange(10_000, 1).getValue()).toBe(199_980);
    expect(elapsed).toBeLessThan(5000);
  });
});
