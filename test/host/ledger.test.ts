/** The ledger format: round trip, compactness, and null (never a throw) on malformed input. */
import fc from "fast-check";
import { a1 } from "../../src/engine/address";
import type { CellValue, Ledger, LedgerEntry } from "../../src/engine/types";
import {
  LEDGER_SETTING_KEY,
  SETTINGS_KEY,
  emptyLedger,
  parseLedger,
  serializeLedger,
} from "../../src/host/ledger";

const key = (e: LedgerEntry) => `${e.sheet}!${e.address}`;
const sorted = (entries: LedgerEntry[]) => [...entries].sort((x, y) => key(x).localeCompare(key(y)));

function sampleLedger(): Ledger {
  return {
    version: 1,
    runAt: "2026-11-27T07:00:00.000Z",
    entries: [
      { sheet: "指标评分", address: "I5", value: 0.5, previous: null },
      { sheet: "指标评分", address: "I8", value: 2.91, previous: null, previousFormat: "General" },
      {
        sheet: "指标评分",
        address: "J5",
        value: 0.16666666666666666,
        previous: null,
        previousFormat: "0.00%",
      },
      {
        sheet: "指标评分",
        address: "J6",
        value: 0.8333333333333334,
        previous: "旧",
        previousFormat: "0.00%",
      },
      { sheet: "指标评分", address: "J7", value: 0.6666666666666666, previous: 3, previousFormat: "@" },
      { sheet: "预算执行", address: "G3", value: 1.209, previous: null },
      { sheet: "预算执行", address: "H3", value: 0.209, previous: true },
      { sheet: "my 'odd' sheet", address: "A1", value: "良", previous: null },
      { sheet: "my 'odd' sheet", address: "B1", value: "=x", previous: false },
    ],
    marks: [
      { sheet: "预算执行", address: "G3" },
      { sheet: "指标评分", address: "I5:I26" },
    ],
    summarySheet: "问题汇总",
  };
}

describe("ledger format", () => {
  it("uses the agreed setting keys", () => {
    expect(LEDGER_SETTING_KEY).toBe("perfEval.ledger");
    expect(SETTINGS_KEY).toBe("perfEval.settings");
  });

  it("round-trips entries, previous values, formats, marks and the summary sheet", () => {
    const ledger = sampleLedger();
    const back = parseLedger(serializeLedger(ledger));
    expect(back).not.toBeNull();
    expect(back!.version).toBe(1);
    expect(back!.runAt).toBe(ledger.runAt);
    expect(back!.summarySheet).toBe("问题汇总");
    expect(sorted(back!.entries)).toEqual(sorted(ledger.entries));
    expect([...back!.marks].sort((x, y) => x.address.localeCompare(y.address))).toEqual(
      [...ledger.marks].sort((x, y) => x.address.localeCompare(y.address)),
    );
  });

  it("accepts the already-parsed object as well as the string", () => {
    const text = serializeLedger(sampleLedger());
    expect(parseLedger(JSON.parse(text))).toEqual(parseLedger(text));
  });

  it("round-trips an empty ledger", () => {
    const empty = emptyLedger("2026-01-01T00:00:00.000Z");
    expect(parseLedger(serializeLedger(empty))).toEqual(empty);
  });

  it("names each sheet once, not once per cell", () => {
    const entries: LedgerEntry[] = [];
    for (let r = 0; r < 200; r++)
      entries.push({ sheet: "指标评分表（很长的名字）", address: a1(r, 8), value: r, previous: null });
    const text = serializeLedger({ version: 1, runAt: "t", entries, marks: [] });
    expect(text.split("指标评分表（很长的名字）").length - 1).toBe(1);
  });

  it("keeps the last entry of a cell listed twice", () => {
    const text = serializeLedger({
      version: 1,
      runAt: "t",
      entries: [
        { sheet: "S", address: "A1", value: 1, previous: null },
        { sheet: "S", address: "A1", value: 2, previous: null },
      ],
      marks: [],
    });
    expect(parseLedger(text)!.entries).toEqual([{ sheet: "S", address: "A1", value: 2, previous: null }]);
  });

  it("serialises a run of 100,000 unrounded numbers well under 2 MB and reads them back exactly", () => {
    const entries: LedgerEntry[] = [];
    for (let r = 0; r < 100_000; r++)
      entries.push({
        sheet: "预算执行",
        address: a1(r + 1, 6),
        value: (r + 1) / 7 + Math.PI,
        previous: null,
        previousFormat: "General",
      });
    const text = serializeLedger({ version: 1, runAt: "t", entries, marks: [] });
    const bytes = new TextEncoder().encode(text).length;
    expect(bytes).toBeLessThan(1.2 * 1024 * 1024);
    const back = parseLedger(text)!;
    expect(back.entries.length).toBe(100_000);
    expect(back.entries[0]).toEqual(entries[0]);
    expect(back.entries[99_999]).toEqual(entries[99_999]);
    expect(
      back.entries.every((e, i) => e.value === entries[i].value && e.address === entries[i].address),
    ).toBe(true);
  });

  it("packs numbers as the base64 of their little-endian float64s, padded as base64 is", () => {
    // 4 to 6 numbers: 32, 40 and 48 bytes (two, one and no padding characters); 3,000 numbers span
    // several pieces of the encoder
    for (const n of [4, 5, 6, 3000]) {
      const values = Array.from({ length: n }, (_, i) => (i + 1) / 3 + 1e6);
      const entries: LedgerEntry[] = values.map((value, i) => ({
        sheet: "S",
        address: a1(i, 0),
        value,
        previous: null,
      }));
      const stored = JSON.parse(serializeLedger({ version: 1, runAt: "t", entries, marks: [] }));
      const expected = Buffer.from(new Float64Array(values).buffer).toString("base64");
      expect(stored.s[0].r[0].v).toBe(`f64:${expected}`);
    }
  });

  it("stores the same text whether a sheet's entries come row by row or in any other order", () => {
    const entries: LedgerEntry[] = [];
    for (let r = 0; r < 40; r++)
      for (const c of [2, 3, 7])
        if ((r * 7 + c) % 5 !== 0)
          entries.push({ sheet: r % 2 ? "A" : "B", address: a1(r, c), value: r + c / 10, previous: null });
    const text = (list: LedgerEntry[]) =>
      serializeLedger({ version: 1, runAt: "t", entries: list, marks: [] });
    const inOrder = text(entries);
    // sheets first seen in the same order, each sheet's entries reversed
    const reversed = [entries[0], ...entries.slice(1).reverse()];
    expect(text(reversed)).toBe(inOrder);
    expect(parseLedger(inOrder)!.entries).toHaveLength(entries.length);
  });

  it("serialises 100,000 two-decimal scores as short decimal text", () => {
    const entries: LedgerEntry[] = [];
    for (let r = 0; r < 100_000; r++)
      entries.push({ sheet: "S", address: a1(r, 2), value: Math.round(r * 0.37) / 100, previous: null });
    const text = serializeLedger({ version: 1, runAt: "t", entries, marks: [] });
    expect(text.length).toBeLessThan(800 * 1024);
    const back = parseLedger(text)!.entries;
    expect(back.length).toBe(entries.length);
    expect(back.every((e, i) => e.value === entries[i].value && e.address === entries[i].address)).toBe(true);
  });

  it("property: any ledger round-trips (as a set of cells)", () => {
    const value: fc.Arbitrary<CellValue> = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    );
    const entry = fc.record({
      sheet: fc.constantFrom("A", "指标评分", "x y"),
      row: fc.integer({ min: 0, max: 40 }),
      col: fc.integer({ min: 0, max: 6 }),
      value,
      previous: value,
      previousFormat: fc.option(fc.constantFrom("General", "0.00", "0.00%", "@"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), (raw) => {
        const byCell = new Map<string, LedgerEntry>();
        for (const r of raw) {
          const e: LedgerEntry = {
            sheet: r.sheet,
            address: a1(r.row, r.col),
            value: r.value,
            previous: r.previous,
          };
          if (r.previousFormat !== undefined) e.previousFormat = r.previousFormat;
          byCell.set(key(e), e);
        }
        const back = parseLedger(
          serializeLedger({
            version: 1,
            runAt: "t",
            entries: raw.length ? [...byCell.values()] : [],
            marks: [],
          }),
        );
        expect(back).not.toBeNull();
        expect(sorted(back!.entries)).toEqual(sorted([...byCell.values()]));
      }),
      { numRuns: 200 },
    );
  });

  it.each<[string, unknown]>([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["empty text", ""],
    ["not JSON", "{ledger"],
    ["a JSON array", "[]"],
    ["another version", JSON.stringify({ v: 2, t: "t", s: [] })],
    ["no version", JSON.stringify({ t: "t", s: [] })],
    ["sheets not a list", JSON.stringify({ v: 1, t: "t", s: {} })],
    ["a sheet without a name", JSON.stringify({ v: 1, t: "t", s: [{ r: [] }] })],
    ["a bad address", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "5I", v: [1] }] }] })],
    ["an empty run", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: [] }] }] })],
    ["an object as a value", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: [{}] }] }] })],
    [
      "previous of another length",
      JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: [1, 2], p: [1] }] }] }),
    ],
    [
      "formats of another length",
      JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: [1, 2], f: ["@"] }] }] }),
    ],
    ["a bad direction", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", d: "x", v: [1] }] }] })],
    ["bad base64", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: "f64:!!!!" }] }] })],
    [
      "base64 of half a number",
      JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: "f64:AAAA" }] }] }),
    ],
    [
      "a plain string as values",
      JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [{ a: "A1", v: "1,2" }] }] }),
    ],
    ["marks not strings", JSON.stringify({ v: 1, t: "t", s: [{ n: "S", r: [], m: [1] }] })],
    ["a summary sheet not a string", JSON.stringify({ v: 1, t: "t", s: [], sum: 3 })],
  ])("returns null without throwing for %s", (_name, input) => {
    expect(() => parseLedger(input)).not.toThrow();
    expect(parseLedger(input)).toBeNull();
  });

  it("property: random text never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(() => parseLedger(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
