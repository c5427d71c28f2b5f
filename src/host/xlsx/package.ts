/**
 * The .xlsx package around ExcelJS: drawings and charts ExcelJS drops are carried back from the input
 * (./carry); whatever else it would drop (pivot tables, slicers, VBA, threaded comments …, found by
 * comparing the input's zip parts with the output's) refuses the save unless loss is allowed; the
 * internal-hyperlink fix-up (ExcelJS writes `#'Sheet'!A1` as an external relationship; Excel wants a
 * `location`); deterministic zip entry dates; and saving to a file without touching the input.
 * ExcelJS renders the parts into memory (./parts), where they are fixed, carried and checked before
 * being zipped once; nothing is written when the save is refused.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { StylesXform, ValueType } from "./exceljs";
import { HostError } from "../port";
import { carryDrawings, sheetParts } from "./carry";
import { MemoryParts, readParts, zipWithZlib, type PackageParts } from "./parts";

export interface LostPart {
  /** The part's path in the input package, e.g. "xl/charts/chart1.xml". */
  part: string;
  /** What it is, in Chinese (图表, 数据透视表 …). */
  what: string;
}

/** Parts ExcelJS never writes, by path. */
const DROPPED: [RegExp, string][] = [
  [/^xl\/charts\/chart\d*\.xml$/, "图表"],
  [/^xl\/charts\/(style|colors)\d*\.xml$/, "图表样式"],
  [/^xl\/chartsheets\/sheet\d*\.xml$/, "图表工作表"],
  [/^xl\/pivotTables\/[^/]+\.xml$/, "数据透视表"],
  [/^xl\/pivotCache\/[^/]+\.xml$/, "数据透视表缓存"],
  [/^xl\/slicers\/[^/]+\.xml$/, "切片器"],
  [/^xl\/slicerCaches\/[^/]+\.xml$/, "切片器缓存"],
  [/^xl\/timelines\/[^/]+\.xml$/, "日程表"],
  [/^xl\/timelineCaches\/[^/]+\.xml$/, "日程表缓存"],
  [/^xl\/vbaProject\.bin$/, "宏（VBA）"],
  [/^xl\/threadedComments\/[^/]+\.xml$/, "批注（线程式）"],
  [/^xl\/persons\/[^/]+\.xml$/, "批注作者"],
  [/^xl\/externalLinks\/[^/]+\.xml$/, "外部链接"],
  [/^xl\/connections\.xml$/, "数据连接"],
  [/^xl\/queryTables\/[^/]+\.xml$/, "查询表"],
  [/^xl\/embeddings\/[^/]+$/, "嵌入对象"],
  [/^xl\/activeX\/[^/]+$/, "ActiveX 控件"],
  [/^xl\/ctrlProps\/[^/]+$/, "窗体控件"],
  [/^xl\/webextensions\/[^/]+\.xml$/, "Office 加载项数据"],
  [/^xl\/model\/[^/]+$/, "数据模型"],
  [/^xl\/richData\/[^/]+$/, "富数据类型"],
  [/^xl\/customData\/[^/]+$/, "自定义数据"],
  [/^customXml\/[^/]+\.xml$/, "自定义 XML 数据"],
  [/^docProps\/custom\.xml$/, "自定义文档属性"],
];

/** Parts ExcelJS rewrites itself (renumbered or regenerated): not a loss by their own absence. */
const REWRITTEN: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /(^|\/)_rels\/[^/]*\.rels$/,
  /^docProps\/(app|core)\.xml$/,
  /^xl\/workbook\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/theme\/theme\d*\.xml$/,
  /^xl\/worksheets\/sheet\d*\.xml$/,
  /^xl\/comments\d*\.xml$/,
  /^xl\/calcChain\.xml$/, // rebuilt by Excel on open
  /^xl\/drawings\/vmlDrawing\d*\.vml$/, // notes; other controls are caught below
  /^xl\/drawings\/drawing\d*\.xml$/, // pictures are kept; other content is caught below
  /^xl\/media\/[^/]+$/, // counted below
  /^xl\/tables\/table\d*\.xml$/, // counted below
  /^xl\/printerSettings\/[^/]+$/, // minor, reported separately
];

/** Minor parts: not blocking, but said out loud. */
const MINOR: [RegExp, string][] = [[/^xl\/printerSettings\/[^/]+$/, "打印机设置"]];

const DRAWING_CONTENT = /<(?:\w+:)?(graphicFrame|sp|grpSp|cxnSp)\b/;
const VML_CONTROL = /ObjectType="(?!Note")[^"]+"/;
const SPARKLINES = /sparklineGroups?\b/;
const INTERNAL_LINK = /<hyperlink\b(?![^>]*\br:id=)[^>]*\blocation="/;

function isWorksheet(part: string): boolean {
  return /^xl\/worksheets\/sheet\d*\.xml$/.test(part);
}

/** What an output with `outNames` would lose of `source`, and minor losses (printer settings). */
async function lossesOf(
  source: PackageParts,
  outNames: Iterable<string>,
  rebuiltSheets: string[],
  carried: string[],
): Promise<{ lost: LostPart[]; minor: LostPart[] }> {
  const inParts = source.names();
  const sheetNames = await sheetParts(source);
  const carriedParts = new Set(carried);
  const outParts = new Set(outNames);
  const lost: LostPart[] = [];
  const minor: LostPart[] = [];
  for (const part of inParts) {
    if (carriedParts.has(part)) continue;
    const dropped = DROPPED.find(([re]) => re.test(part));
    if (dropped) {
      if (!outParts.has(part)) lost.push({ part, what: dropped[1] });
      continue;
    }
    const small = MINOR.find(([re]) => re.test(part));
    if (small) {
      if (!outParts.has(part)) minor.push({ part, what: small[1] });
      continue;
    }
    if (/^xl\/drawings\/drawing\d*\.xml$/.test(part)) {
      const text = (await source.text(part)) ?? "";
      if (DRAWING_CONTENT.test(text)) lost.push({ part, what: "绘图（形状、文本框或图表位置）" });
      continue;
    }
    if (/^xl\/drawings\/vmlDrawing\d*\.vml$/.test(part)) {
      const text = (await source.text(part)) ?? "";
      if (VML_CONTROL.test(text)) lost.push({ part, what: "窗体控件" });
      continue;
    }
    if (isWorksheet(part)) {
      // Searched as bytes first: a large sheet is decoded to text only when a pattern's word is there.
      const bytes = Buffer.from((await source.bytes(part)) ?? new Uint8Array());
      if (bytes.includes("sparklineGroup") && SPARKLINES.test(bytes.toString("utf8")))
        lost.push({ part, what: "迷你图" });
      // ExcelJS reads hyperlinks through relationships only: a link within the workbook is dropped.
      if (
        bytes.includes("location=") &&
        !rebuiltSheets.includes(sheetNames.get(part) ?? "") &&
        INTERNAL_LINK.test(bytes.toString("utf8"))
      )
        lost.push({ part, what: "工作簿内部超链接" });
      continue;
    }
    if (REWRITTEN.some((re) => re.test(part))) continue;
    if (!outParts.has(part)) lost.push({ part, what: "其他部件" });
  }
  for (const [dir, what] of [
    ["xl/media/", "图片"],
    ["xl/tables/", "表格（列表对象）"],
  ] as const) {
    const before = inParts.filter((p) => p.startsWith(dir));
    const after = [...outParts].filter((p) => p.startsWith(dir));
    if (after.length < before.length)
      for (const part of before.slice(after.length)) lost.push({ part, what });
  }
  return { lost, minor };
}

/** What saving `output` instead of `source` would lose, and minor losses (printer settings). */
export async function comparePackages(
  source: Buffer | Uint8Array,
  output: Buffer | Uint8Array,
  /** Sheets the add-in itself rebuilds (its summary sheet): their in-sheet content is not checked. */
  rebuiltSheets: string[] = [],
  /** Input parts copied into the output under other names (see ./carry). */
  carried: string[] = [],
): Promise<{ lost: LostPart[]; minor: LostPart[] }> {
  const [inParts, outParts] = await Promise.all([readParts(source), readParts(output)]);
  return lossesOf(inParts, outParts.names(), rebuiltSheets, carried);
}

export function describeLosses(lost: LostPart[]): string {
  return lost.map((l) => `${l.part}（${l.what}）`).join("、");
}

/** ExcelJS writes an internal link as an external relationship plus `location="#…"`; Excel wants only
 *  `location="'Sheet'!A1"`. Rewrites each worksheet that has one (and its rels) in place. */
async function fixInternalHyperlinks(parts: MemoryParts): Promise<void> {
  for (const part of parts.names().filter(isWorksheet)) {
    const xml = (await parts.text(part)) as string;
    if (!xml.includes('location="#')) continue;
    const dropped = new Set<string>();
    const fixed = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      if (!tag.includes('location="#')) return tag;
      const id = /\sr:id="([^"]*)"/.exec(tag)?.[1];
      if (id) dropped.add(id);
      return tag.replace(/\sr:id="[^"]*"/, "").replace('location="#', 'location="');
    });
    parts.set(part, fixed);
    const relsPath = part.replace(/^xl\/worksheets\//, "xl/worksheets/_rels/") + ".rels";
    const relsXml = await parts.text(relsPath);
    if (relsXml === null || dropped.size === 0) continue;
    const kept = relsXml.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
      const id = /\sId="([^"]*)"/.exec(tag)?.[1];
      return id && dropped.has(id) ? "" : tag;
    });
    if (/<Relationship\b/.test(kept)) parts.set(relsPath, kept);
    else parts.remove(relsPath);
  }
}

/** ExcelJS's XLSX writer, the part of it used here: the steps of its write(), minus the zip. */
interface XlsxWriter {
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: MemoryParts, model: unknown): Promise<void>;
  addOfficeRels(zip: MemoryParts, model: unknown): Promise<void>;
  addWorkbookRels(zip: MemoryParts, model: unknown): Promise<void>;
  addWorksheets(zip: MemoryParts, model: unknown): Promise<void>;
  addSharedStrings(zip: MemoryParts, model: unknown): Promise<void>;
  addDrawings(zip: MemoryParts, model: unknown): void;
  addTables(zip: MemoryParts, model: unknown): void;
  addThemes(zip: MemoryParts, model: unknown): Promise<void>;
  addStyles(zip: MemoryParts, model: unknown): Promise<void>;
  addMedia(zip: MemoryParts, model: unknown): Promise<void>;
  addApp(zip: MemoryParts, model: unknown): Promise<void>;
  addCore(zip: MemoryParts, model: unknown): Promise<void>;
  addWorkbook(zip: MemoryParts, model: unknown): Promise<void>;
}

const WRITER_STEPS: (keyof XlsxWriter)[] = [
  "prepareModel",
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
];

type AddStyleModel = (this: object, model: object | undefined, cellType?: number) => number;

/** Per style table: the id of the empty style (any cell type but a date). */
const plainStyleIds = new WeakMap<object, number>();

function isEmptyObject(model: object): boolean {
  for (const _ in model) return false;
  return true;
}

/** ExcelJS gives every unstyled cell its own `{}` and, when saving, serialises each to XML to find its
 *  id in the style table: about 600k identical lookups for a 50k-row sheet (~0.6 s). While ExcelJS
 *  renders, an empty style (on any cell but a date, which ExcelJS styles by its type) gets the id the
 *  table gave the first one. The same ids as before: an empty style and General render the same xf. */
function fasterEmptyStyles(original: AddStyleModel): AddStyleModel {
  return function addStyleModel(this: object, model, cellType) {
    if (!model || cellType === ValueType.Date || !isEmptyObject(model))
      return original.call(this, model, cellType);
    let id = plainStyleIds.get(this);
    if (id === undefined) plainStyleIds.set(this, (id = original.call(this, {}, ValueType.Number)));
    return id;
  };
}

type AddDxfStyle = (this: object, style: object) => number;

/** Per style table: the differential format (dxf) id of each conditional-format style object. */
const dxfIds = new WeakMap<object, WeakMap<object, number>>();

/** ExcelJS files a new differential format for every conditional-format rule, even when rules share
 *  one style object (the add-in's marks: up to 2,000 rules, three styles; rules read from a file that
 *  shared a format share its object too): while it renders, one object is filed once. */
function sharedDxfs(original: AddDxfStyle): AddDxfStyle {
  return function addDxfStyle(this: object, style) {
    let ids = dxfIds.get(this);
    if (!ids) dxfIds.set(this, (ids = new WeakMap()));
    let id = ids.get(style);
    if (id === undefined) ids.set(style, (id = original.call(this, style)));
    return id;
  };
}

let rendering = 0;
let originals: { addStyleModel: AddStyleModel; addDxfStyle: AddDxfStyle } | undefined;

/** Runs `render` with the faster style table methods in place (restored when the last render ends). */
async function withFasterStyles<T>(render: () => Promise<T>): Promise<T> {
  const proto = StylesXform.prototype as unknown as {
    addStyleModel: AddStyleModel;
    addDxfStyle: AddDxfStyle;
  };
  if (rendering++ === 0) {
    originals = { addStyleModel: proto.addStyleModel, addDxfStyle: proto.addDxfStyle };
    proto.addStyleModel = fasterEmptyStyles(originals.addStyleModel);
    proto.addDxfStyle = sharedDxfs(originals.addDxfStyle);
  }
  try {
    return await render();
  } finally {
    if (--rendering === 0 && originals) {
      proto.addStyleModel = originals.addStyleModel;
      proto.addDxfStyle = originals.addDxfStyle;
    }
  }
}

/** The workbook's parts as ExcelJS renders them, kept in memory (not zipped, so not read back): the same
 *  steps in the same order as ExcelJS's own write(). Another ExcelJS whose writer differs is saved
 *  through its public writeBuffer and read back instead. */
async function renderParts(workbook: ExcelJS.Workbook, eager: boolean): Promise<MemoryParts> {
  const parts = new MemoryParts(eager);
  const writer = workbook.xlsx as unknown as Partial<XlsxWriter>;
  if (!WRITER_STEPS.every((step) => typeof writer[step] === "function")) {
    const zipped = await readParts(Buffer.from(await workbook.xlsx.writeBuffer()));
    for (const name of zipped.names()) parts.append((await zipped.bytes(name)) as Uint8Array, { name });
    return parts;
  }
  const w = writer as XlsxWriter;
  await withFasterStyles(async () => {
    const { model } = workbook as unknown as { model: unknown };
    w.prepareModel(model, {});
    await w.addContentTypes(parts, model);
    await w.addOfficeRels(parts, model);
    await w.addWorkbookRels(parts, model);
    await w.addWorksheets(parts, model);
    await w.addSharedStrings(parts, model); // always after worksheets
    w.addDrawings(parts, model);
    w.addTables(parts, model);
    await Promise.all([w.addThemes(parts, model), w.addStyles(parts, model)]);
    await w.addMedia(parts, model);
    await Promise.all([w.addApp(parts, model), w.addCore(parts, model)]);
    await w.addWorkbook(parts, model);
  });
  return parts;
}

/** Zip the parts once: with Node's zlib; or, when `fixedDate` is given, with JSZip and every entry
 *  dated alike (bytes repeatable on any machine). */
async function zipParts(parts: MemoryParts, fixedDate?: Date): Promise<Buffer> {
  if (!fixedDate) {
    const zipped = await zipWithZlib(parts);
    if (zipped) return zipped;
  }
  return parts
    .toZip(fixedDate)
    .generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** The package's parts before zipping: hyperlinks fixed; drawings ExcelJS dropped carried over from
 *  `source` when given (returns which source parts were carried). */
async function packageParts(
  workbook: ExcelJS.Workbook,
  source: PackageParts | undefined,
  fixedDate: Date | undefined,
): Promise<{ parts: MemoryParts; carried: string[] }> {
  const parts = await renderParts(workbook, fixedDate === undefined);
  await fixInternalHyperlinks(parts);
  const carried = source ? await carryDrawings(source, parts) : [];
  return { parts, carried };
}

/** The saved package: hyperlinks fixed; drawings ExcelJS dropped carried over from `source` when given
 *  (returns which source parts were carried); with `fixedDate`, repeatable bytes. */
export async function workbookPackage(
  workbook: ExcelJS.Workbook,
  options: { source?: Buffer | Uint8Array; fixedDate?: Date } = {},
): Promise<{ buffer: Buffer; carried: string[] }> {
  const source = options.source ? await readParts(options.source) : undefined;
  const { parts, carried } = await packageParts(workbook, source, options.fixedDate);
  return { buffer: await zipParts(parts, options.fixedDate), carried };
}

/** The saved package (no source to carry from). */
export async function workbookBuffer(workbook: ExcelJS.Workbook, fixedDate?: Date): Promise<Buffer> {
  return (await workbookPackage(workbook, { fixedDate })).buffer;
}

/** The same file by path, or by device and inode (a link or another spelling of the path). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false; // the target does not exist yet
  }
}

export interface SaveOptions {
  /** The package the workbook was read from (bytes or a path): checked for parts that would be lost. */
  source?: Buffer | string;
  /** The bytes already read from the `source` path (it is then not read again). */
  sourceData?: Buffer;
  /** Copy drawings and charts ExcelJS drops back from the source (default true). */
  carry?: boolean;
  /** Save even when parts would be lost (they are still listed in the result). */
  allowLoss?: boolean;
  /** Sheets the add-in rebuilt (its summary sheet), not checked for in-sheet losses. */
  rebuiltSheets?: string[];
  /** Date every zip entry alike (for repeatable output). */
  fixedDate?: Date;
  /** Writes the finished bytes to the target (the command line's safe writer); default: a temporary
   *  file beside the target, renamed into place. */
  write?: (target: string, data: Uint8Array) => Promise<void>;
}

export interface SaveResult {
  /** Input parts carried into the copy (drawings and charts ExcelJS would have dropped). */
  carried: string[];
  lost: LostPart[];
  minor: LostPart[];
  bytes: number;
}

/** Save the workbook to `target` (via a temporary file, renamed into place). Refuses with HostError
 *  "WouldLoseContent" when the source holds parts ExcelJS drops, unless allowLoss. Never writes over
 *  the source file. */
export async function saveWorkbookFile(
  workbook: ExcelJS.Workbook,
  target: string,
  options: SaveOptions = {},
): Promise<SaveResult> {
  if (typeof options.source === "string" && (await sameFile(options.source, target)))
    throw new HostError("Unreadable", `输出文件不能与输入文件相同（${target}）：输入文件从不修改。`);
  const sourceBytes =
    options.source === undefined
      ? undefined
      : typeof options.source === "string"
        ? (options.sourceData ?? (await fs.readFile(options.source)))
        : options.source;
  const source = sourceBytes === undefined ? undefined : await readParts(sourceBytes);
  const { parts, carried } = await packageParts(
    workbook,
    options.carry === false ? undefined : source,
    options.fixedDate,
  );
  let lost: LostPart[] = [];
  let minor: LostPart[] = [];
  if (source !== undefined) {
    // Checked on the parts before zipping: nothing is zipped, or written, when the save is refused.
    ({ lost, minor } = await lossesOf(source, parts.names(), options.rebuiltSheets ?? [], carried));
    if (lost.length && !options.allowLoss)
      throw new HostError(
        "WouldLoseContent",
        `保存“${target}”会丢失原工作簿中的以下内容：${describeLosses(lost)}。未写入任何文件。`,
      );
  }
  const buffer = await zipParts(parts, options.fixedDate);
  if (options.write) {
    await options.write(target, buffer);
    return { carried, lost, minor, bytes: buffer.length };
  }
  const temp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, buffer);
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw new HostError("SyncFailed", `无法写入文件“${target}”：${(e as Error).message}。`);
  }
  return { carried, lost, minor, bytes: buffer.length };
}
