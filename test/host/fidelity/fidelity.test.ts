/**
 * The fidelity suite of issue 12: one workbook per feature, made the way its real producer makes it
 * (./fixtures, ./build), scored through the command line (`perf-eval score … --out`), and the copy
 * compared with the input part by part (./compare): every part not written is the input's zip entry
 * byte for byte, each edited part is the input but for the product's own cells, styles, formats and
 * entries. Then LibreOffice Calc (headless, one run for every copy) converts each sheet of each copy to
 * CSV: the input's values and the product's are all there.
 */
import { execFile } from "node:child_process";
import { accessSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { main, type Io } from "../../../src/cli/main";
import { Archive, writeArchive, type OutputPart } from "../../../src/host/xlsx/archive";
import type { CellValue } from "../../../src/engine/types";
import { col } from "./build";
import { comparePackages, type Comparison } from "./compare";
import { fixtures, type Fixture } from "./fixtures";

jest.setTimeout(180_000);

const FIXTURES = fixtures();

let dir: string;
const results = new Map<string, { input: string; output: string; stdout: string; cmp?: Comparison }>();

async function score(
  input: string,
  output: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(["score", input, "--out", output], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "fidelity-"));
  for (const f of FIXTURES) {
    const input = path.join(dir, `${f.id}.xlsx`);
    const output = path.join(dir, "out", `${f.id}.xlsx`);
    await fs.mkdir(path.dirname(output), { recursive: true });
    await fs.writeFile(input, await f.book.zip());
    const r = await score(input, output);
    if (r.code !== 0) throw new Error(`${f.id}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    results.set(f.id, { input, output, stdout: r.stdout });
  }
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.each(FIXTURES.map((f) => [f.title, f] as [string, Fixture]))("%s", (_title, f) => {
  it("scores, and the copy is the input part by part but for the product's own content", async () => {
    const r = results.get(f.id)!;
    expect(r.stdout).toMatch(/总分 \d+(\.\d+)? \/ 100/);
    const input = await fs.readFile(r.input);
    const output = await fs.readFile(r.output);
    const cmp = await comparePackages(input, output);
    r.cmp = cmp;
    expect(cmp.entries.length).toBeGreaterThan(0);
    // the product wrote cells of the sample's tables
    expect(cmp.entries.some((e) => e.sheet === "指标评分")).toBe(true);
    if (!f.untouched?.includes("预算执行"))
      expect(cmp.entries.some((e) => e.sheet === "预算执行")).toBe(true);
    for (const sheet of f.untouched ?? []) expect(cmp.entries.filter((e) => e.sheet === sheet)).toEqual([]);
    // the feature's own XML is in the copy as in the input
    const a = await Archive.open("in.xlsx", input);
    const b = await Archive.open("out.xlsx", output);
    for (const [part, text] of f.keeps) {
      expect({ part, input: (await a.text(part))?.includes(text) }).toEqual({ part, input: true });
      expect({ part, copy: (await b.text(part))?.includes(text) }).toEqual({ part, copy: true });
    }
    // the parts nobody edits are many
    expect(cmp.same.length).toBeGreaterThanOrEqual(5);
  });
});

describe("a scored copy scored again", () => {
  it.each(FIXTURES.map((f) => [f.id, f] as [string, Fixture]))(
    "%s: the second copy is the first but for the product's own content, and still the input's",
    async (id, f) => {
      const r = results.get(id)!;
      const again = path.join(dir, "out", `${id}-again.xlsx`);
      const run = await score(r.output, again);
      expect(run.code).toBe(0);
      const [input, first, second] = await Promise.all([r.input, r.output, again].map((p) => fs.readFile(p)));
      const cmp = await comparePackages(first, second);
      expect(cmp.added).toEqual([]); // the summary and ledger sheets are reused
      await comparePackages(input, second);
      const b = await Archive.open("again.xlsx", second);
      for (const [part, text] of f.keeps)
        expect({ part, copy: (await b.text(part))?.includes(text) }).toEqual({ part, copy: true });
    },
  );
});

describe("the comparison fails on a copy that loses or changes anything of the user's", () => {
  /** The copy of fixture `id` with part `name` replaced by `edit` of its text (every other entry copied
   *  as it is). */
  async function altered(id: string, name: string, edit: (xml: string) => string): Promise<Uint8Array> {
    const b = await Archive.open("out.xlsx", await fs.readFile(results.get(id)!.output));
    const parts: OutputPart[] = [];
    for (const entry of b.entries) {
      if (entry.filename !== name) parts.push({ name: entry.filename, copy: entry });
      else {
        const text = (await b.text(name)) as string;
        const changed = edit(text);
        expect(changed).not.toBe(edit === keep ? "" : text);
        parts.push({ name, data: changed });
      }
    }
    return writeArchive(parts, b);
  }
  const keep = (xml: string) => xml;

  it.each([
    [
      "x14-validations",
      "xl/worksheets/sheet2.xml",
      (x: string) => x.replace(/<extLst>[\s\S]*<\/extLst>/, ""),
    ],
    ["x14-validations", "xl/worksheets/sheet2.xml", (x: string) => x.replace(' count="3"', ' count="2"')],
    [
      "defined-names",
      "xl/workbook.xml",
      (x: string) => x.replace(/<definedName name="系数">0.9<\/definedName>/, ""),
    ],
    ["indexed-palette", "xl/styles.xml", (x: string) => x.replace('rgb="FF1F3864"', 'rgb="FFFF0000"')],
    [
      "named-styles",
      "xl/styles.xml",
      (x: string) => x.replace(/<xf numFmtId="176"[^>]*xfId="2"[^>]*\/>/, ""),
    ],
    ["core-props", "docProps/core.xml", keep], // the same text deflated again: not the input's entry
    [
      "hidden-row",
      "xl/worksheets/sheet2.xml",
      (x: string) => x.replace('<row r="8" spans="1:8" hidden="1"', '<row r="8" spans="1:8"'),
    ],
  ] as [string, string, (x: string) => string][])("%s: %s altered", async (id, name, edit) => {
    const input = await fs.readFile(results.get(id)!.input);
    await expect(comparePackages(input, await altered(id, name, edit))).rejects.toThrow();
  });
});

// ───────────────────────────── LibreOffice Calc ─────────────────────────────

const exec = promisify(execFile);

function soffice(): string | null {
  for (const p of ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"])
    try {
      accessSync(p);
      return p;
    } catch {
      /* next */
    }
  return null;
}

/** RFC 4180 CSV → rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function same(csv: string | undefined, value: CellValue): boolean {
  if (value === null) return true;
  if (csv === undefined) return false;
  if (typeof value === "number") {
    // a percentage comes out as shown ("20.9014%"), to its four decimals
    if (csv.endsWith("%")) return Math.abs(Number(csv.slice(0, -1)) / 100 - value) <= 5e-7;
    return csv !== "" && Math.abs(Number(csv) - value) <= 1e-9 * Math.max(1, Math.abs(value));
  }
  if (typeof value === "boolean") return csv === (value ? "TRUE" : "FALSE");
  return csv === value;
}

const SOFFICE = soffice();
(SOFFICE ? describe : describe.skip)(
  "the scored copies opened by LibreOffice Calc (each sheet to CSV)",
  () => {
    let csvDir: string;
    beforeAll(async () => {
      csvDir = path.join(dir, "csv");
      const profile = await fs.mkdtemp(path.join(os.tmpdir(), "fidelity-lo-"));
      try {
        const outputs = FIXTURES.map((f) => results.get(f.id)!.output);
        await exec(
          SOFFICE as string,
          [
            "--headless",
            `-env:UserInstallation=file://${profile}`,
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            csvDir,
            ...outputs,
          ],
          { timeout: 150_000 },
        );
      } finally {
        await fs.rm(profile, { recursive: true, force: true });
      }
    });

    async function sheetCsv(id: string, sheet: string): Promise<string[][]> {
      return parseCsv(await fs.readFile(path.join(csvDir, `${id}-${sheet}.csv`), "utf8"));
    }

    it.each(FIXTURES.map((f) => [f.id, f] as [string, Fixture]))(
      "%s: the input's values and the product's",
      async (id, f) => {
        const { cmp } = results.get(id)!;
        expect(cmp).toBeDefined();
        let checked = 0;
        for (const sheet of f.book.sheets) {
          if (sheet.state) continue;
          const csv = await sheetCsv(id, sheet.name);
          sheet.rows.forEach((row, r) =>
            row.forEach((v, c) => {
              if (v === null) return;
              const spec = sheet.cells?.[`${col(c)}${r + 1}`];
              const want = spec?.f !== undefined ? (spec.v ?? v) : v;
              expect({
                sheet: sheet.name,
                cell: `${col(c)}${r + 1}`,
                ok: same(csv[r]?.[c], want),
                csv: csv[r]?.[c],
              }).toMatchObject({
                ok: true,
              });
              checked++;
            }),
          );
        }
        for (const e of cmp!.entries) {
          const csv = await sheetCsv(id, e.sheet);
          const m = /^([A-Z]+)(\d+)$/.exec(e.address)!;
          let c = 0;
          for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
          const got = csv[Number(m[2]) - 1]?.[c - 1];
          expect({ sheet: e.sheet, cell: e.address, ok: same(got, e.value), got, want: e.value }).toEqual(
            expect.objectContaining({ ok: true }),
          );
          checked++;
        }
        // the summary sheet is there with the total
        const summary = cmp!.opened.ledger?.summarySheet ?? "问题汇总";
        const text = (await sheetCsv(id, summary)).flat().join("\n");
        expect(text).toMatch(/\d+\.\d+/);
        expect(checked).toBeGreaterThan(100);
      },
    );
  },
);
