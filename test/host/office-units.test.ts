/** The Office adapter's pure parts: byte budgets, write rectangles, style rectangles (the shared sheet-name
 *  and marker rules are tested in cells.test.ts). */
import fc from "fast-check";
import {
  PAYLOAD_LIMIT,
  SYNC_BUDGET,
  halveBlock,
  packByBytes,
  planReadBlocks,
  utf8Length,
} from "../../src/host/office/budget";
import { outsideWindow, predictReadSyncs, windowRows, WINDOW_COLS } from "../../src/host/office/read";
import { rowRuns, sliceRect, toRects } from "../../src/host/office/rects";
import { exactRects } from "../../src/host/office/summary";

describe("read blocks", () => {
  it("cuts a large used range into row blocks within the budget and covers every row once", () => {
    const groups = planReadBlocks(
      [{ sheet: "预算执行", top: 2, left: 0, rowCount: 50_000, colCount: 8 }],
      32,
    );
    const blocks = groups.flat();
    expect(blocks.reduce((n, b) => n + b.rowCount, 0)).toBe(50_000);
    for (const g of groups)
      expect(g.reduce((n, b) => n + b.rowCount * b.colCount * 32, 0)).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(groups.length).toBe(Math.ceil((50_000 * 8 * 32) / SYNC_BUDGET));
    expect(blocks[0].top).toBe(2);
    for (let i = 1; i < blocks.length; i++)
      expect(blocks[i].top).toBe(blocks[i - 1].top + blocks[i - 1].rowCount);
  });

  it("lets small sheets share one sync", () => {
    const groups = planReadBlocks([
      { sheet: "a", top: 0, left: 0, rowCount: 30, colCount: 10 },
      { sheet: "b", top: 0, left: 0, rowCount: 40, colCount: 8 },
      { sheet: "c", top: 5, left: 2, rowCount: 0, colCount: 0 },
    ]);
    expect(groups.length).toBe(1);
    expect(groups[0].map((b) => b.sheet)).toEqual(["a", "b"]);
  });

  it("halves a block by rows, and not a single row", () => {
    expect(halveBlock({ sheet: "s", top: 10, left: 1, rowCount: 5, colCount: 3 })).toEqual([
      { sheet: "s", top: 10, left: 1, rowCount: 3, colCount: 3 },
      { sheet: "s", top: 13, left: 1, rowCount: 2, colCount: 3 },
    ]);
    expect(halveBlock({ sheet: "s", top: 0, left: 0, rowCount: 1, colCount: 3 })).toBeNull();
  });

  it("reads what lies outside the first-look window, nothing twice", () => {
    const rows = windowRows(4);
    expect(rows).toBeGreaterThan(100);
    const extent = { sheet: "s", top: 3, left: 20, rowCount: rows + 50, colCount: 10 };
    const parts = outsideWindow(extent, rows);
    let wrong = 0;
    for (let r = 0; r < extent.rowCount; r++)
      for (let c = 0; c < extent.colCount; c++) {
        const row = extent.top + r;
        const col = extent.left + c;
        const inWindow = row < rows && col < WINDOW_COLS;
        const inParts = parts.filter(
          (p) => row >= p.top && row < p.top + p.rowCount && col >= p.left && col < p.left + p.colCount,
        ).length;
        if (inParts !== (inWindow ? 0 : 1)) wrong++;
      }
    expect(wrong).toBe(0);
    expect(outsideWindow({ sheet: "s", top: 0, left: 0, rowCount: 40, colCount: 12 }, rows)).toEqual([]);
    expect(predictReadSyncs([{ sheet: "s", top: 0, left: 0, rowCount: 40, colCount: 12 }], 1)).toBe(2);
  });

  it("packs items by bytes", () => {
    expect(packByBytes([1, 2, 3, 4], (x) => x, 5)).toEqual([[1, 2], [3], [4]]);
    expect(packByBytes([9], (x) => x, 5)).toEqual([[9]]);
    expect(PAYLOAD_LIMIT).toBe(5 * 1024 * 1024);
    expect(utf8Length("a预")).toBe(4);
  });
});

describe("write rectangles", () => {
  it("property: every item lands in exactly one rectangle at its place", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8 })), {
          selector: ([r, c]) => `${r}:${c}`,
          maxLength: 120,
        }),
        (cells) => {
          const rects = toRects(cells.map(([row, col]) => ({ row, col, data: `${row}:${col}` })));
          const seen = new Map<string, number>();
          for (const rect of rects)
            rect.cells.forEach((line, i) =>
              line.forEach((d, j) => {
                if (d === null) return;
                expect(d).toBe(`${rect.row + i}:${rect.col + j}`);
                seen.set(d, (seen.get(d) ?? 0) + 1);
              }),
            );
          expect(seen.size).toBe(cells.length);
          for (const n of seen.values()) expect(n).toBe(1);
        },
      ),
    );
  });

  it("writes two adjacent output columns as one block, bridging a skipped cell", () => {
    const items = [];
    for (let r = 4; r < 26; r++)
      if (r !== 7) items.push({ row: r, col: 8, data: r }, { row: r, col: 9, data: r });
    const rects = toRects(items);
    expect(rects.length).toBe(1);
    expect(rects[0]).toMatchObject({ row: 4, col: 8, rowCount: 22, colCount: 2 });
    expect(rects[0].cells[3]).toEqual([null, null]);
  });

  it("property: row slices and byte-budgeted row runs cover every row once, in order, within the budget", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 80 }),
        (rowBytes, budget) => {
          const runs = rowRuns(rowBytes.length, (i) => rowBytes[i], budget);
          let next = 0;
          for (const [from, to] of runs) {
            expect(from).toBe(next);
            expect(to).toBeGreaterThan(from);
            const bytes = rowBytes.slice(from, to).reduce((a, b) => a + b, 0);
            // Within the budget, unless a single row is over it on its own.
            if (to - from > 1) expect(bytes).toBeLessThanOrEqual(budget);
            next = to;
          }
          expect(next).toBe(rowBytes.length);
          const rect = {
            row: 3,
            col: 1,
            rowCount: rowBytes.length,
            colCount: 1,
            cells: rowBytes.map((b) => [b]),
          };
          const slices = sliceRect(rect, budget % 7);
          expect(slices.flatMap((x) => x.cells.map((c) => c[0]))).toEqual(rowBytes);
          slices.forEach((x, k) => k && expect(x.row).toBe(slices[k - 1].row + slices[k - 1].rowCount));
        },
      ),
    );
  });
});

describe("style rectangles", () => {
  it("covers style cells with exact rectangles", () => {
    const cells = [
      { row: 0, col: 0 },
      { row: 0, col: 1 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
      { row: 3, col: 2 },
    ];
    expect(exactRects(cells)).toEqual([
      { row: 0, col: 0, rowCount: 2, colCount: 2 },
      { row: 3, col: 2, rowCount: 1, colCount: 1 },
    ]);
  });
});
