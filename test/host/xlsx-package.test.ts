/** The copy's zip package as a whole (src/host/xlsx/archive.ts and PatchHost.package): folder entries
 *  that some tools write ("xl/media/") are kept with their name, place and attributes, and an edited
 *  part keeps the UTF-8 byte-order mark its input had. */
import { Uint8ArrayReader, ZipReader, type Entry } from "@zip.js/zip.js";
import JSZip from "jszip";
import type { WritePlan } from "../../src/engine/types";
import { Archive } from "../../src/host/xlsx/archive";
import { openWorkbook } from "../../src/host/xlsx/open";
import { PatchHost } from "../../src/host/xlsx/patch-host";
import { packageParts, type PackageSpec } from "./xlsx-parts";

const PACKAGE: PackageSpec = {
  sheets: [
    {
      name: "指标评分",
      body:
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>三级指标</t></is></c><c r="B1" t="inlineStr"><is><t>得分</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>预算执行率</t></is></c></row></sheetData>',
    },
  ],
};

const PLAN: WritePlan = {
  writes: [{ sheet: "指标评分", row: 1, col: 1, value: 0.5, numberFormat: "0.00%", role: "score" }],
  marks: [],
  skipped: [],
  sheets: ["指标评分"],
};

async function entriesOf(data: Uint8Array): Promise<Entry[]> {
  return new ZipReader(new Uint8ArrayReader(data)).getEntries();
}

/** The copy of `input` with PLAN applied. */
async function scored(input: Uint8Array): Promise<Uint8Array> {
  const host = new PatchHost(await openWorkbook("in.xlsx", input), () => "2026-12-04T08:00:00.000Z");
  await host.applyPlan(PLAN);
  return host.package();
}

describe("folder entries of the package", () => {
  it("are kept in the copy: same name, same place among the entries, same attributes and date", async () => {
    const parts = packageParts(PACKAGE);
    const zip = new JSZip();
    const date = new Date(2024, 4, 6, 10, 20, 30);
    const dir = { dir: true, date, unixPermissions: 0o40750, createFolders: false } as const;
    const names = [...parts.keys()].sort((a, b) =>
      a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : 0,
    );
    for (const name of names) {
      if (name === "xl/workbook.xml") zip.file("xl/", null, dir);
      if (name === "xl/styles.xml") zip.file("xl/worksheets/", null, dir);
      zip.file(name, parts.get(name) as string, { createFolders: false, date });
    }
    zip.file("xl/media/", null, dir);
    const input = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });

    const before = await entriesOf(input);
    const folders = before.filter((e) => e.directory).map((e) => e.filename);
    expect([...folders].sort()).toEqual(["xl/", "xl/media/", "xl/worksheets/"]);

    const copy = await scored(input);
    const after = await entriesOf(copy);
    const names1 = before.map((e) => e.filename);
    const names2 = after.map((e) => e.filename);
    // the input's entries in their order, then the copy's new sheets
    expect(names2.slice(0, names1.length)).toEqual(names1);
    const pick = (e: Entry) => ({
      name: e.filename,
      directory: e.directory,
      externalFileAttributes: e.externalFileAttributes,
      versionMadeBy: e.versionMadeBy,
      date: e.lastModDate.getTime(),
      uncompressedSize: e.uncompressedSize,
      comment: e.comment,
    });
    for (const name of folders)
      expect(pick(after.find((e) => e.filename === name)!)).toEqual(
        pick(before.find((e) => e.filename === name)!),
      );
    // and the copy still opens, with the written cell
    const opened = await openWorkbook("out.xlsx", copy);
    expect(opened.snapshot.sheets[0].values[1][1]).toBe(0.5);
    expect((await Archive.open("out.xlsx", copy)).names()).toEqual(names2.filter((n) => !n.endsWith("/")));
  });
});

describe("a byte-order mark at the start of a part", () => {
  const BOM = [0xef, 0xbb, 0xbf];
  const startsWithBom = (b: Uint8Array) => BOM.every((x, i) => b[i] === x);

  it("is kept on each part the copy edits that had one, and added to none", async () => {
    const parts = packageParts(PACKAGE);
    const marked = ["xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml"];
    const zip = new JSZip();
    for (const [name, data] of parts) {
      const bytes = Buffer.from(data as string, "utf8");
      zip.file(name, marked.includes(name) ? Buffer.concat([Buffer.from(BOM), bytes]) : bytes, {
        createFolders: false,
      });
    }
    const input = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const copy = await scored(input);

    const a = await Archive.open("in.xlsx", input);
    const b = await Archive.open("out.xlsx", copy);
    const edited: string[] = [];
    for (const name of b.names()) {
      const after = (await b.bytes(name))!;
      const before = a.has(name) ? await a.bytes(name) : null;
      if (before && Buffer.compare(before, after) !== 0) edited.push(name);
      expect({ name, bom: startsWithBom(after) }).toEqual({ name, bom: marked.includes(name) });
    }
    // the scored sheet, the style sheet (a percent format), the workbook, its rels, the content types
    expect(edited.sort()).toEqual([...marked, "xl/_rels/workbook.xml.rels"].sort());
    // and the edited parts still read (the cell is there, the new sheet is listed)
    const opened = await openWorkbook("out.xlsx", copy);
    expect(opened.snapshot.sheets[0].values[1][1]).toBe(0.5);
    expect(opened.ledgerSheet).not.toBeNull();
  });
});
