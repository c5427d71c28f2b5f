/**
 * Carrying drawings ExcelJS cannot keep (charts, shapes, text boxes) from the input package into the
 * package ExcelJS saved: for each worksheet whose drawing holds no pictures (ExcelJS keeps pictures and
 * would then write a drawing of its own), the drawing and everything it references (charts, their
 * styles, colours, embedded data) are copied under free part names, their relationships rewritten,
 * content types declared, and the worksheet given its <drawing> element back. Anything it cannot carry
 * this way is left for the loss check to report.
 */
import path from "node:path";
import type { PackageParts, WritableParts } from "./parts";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DRAWING_REL = `${REL_NS}/drawing`;

/** Elements that follow <drawing> in a worksheet (ECMA-376 order): the new element goes before the first. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function relsPathOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), "_rels", `${path.posix.basename(part)}.rels`);
}

function parseRels(xml: string): Rel[] {
  return (xml.match(/<Relationship\b[^>]*>/g) ?? []).map((tag) => ({
    id: attr(tag, "Id") ?? "",
    type: attr(tag, "Type") ?? "",
    target: attr(tag, "Target") ?? "",
    external: attr(tag, "TargetMode") === "External",
  }));
}

/** A relationship target resolved against its source part ("../charts/chart1.xml" → "xl/charts/chart1.xml"). */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}

async function readText(zip: PackageParts, part: string): Promise<string | null> {
  return zip.text(part);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Worksheet part → sheet name. */
export async function sheetParts(zip: PackageParts): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const workbook = await readText(zip, "xl/workbook.xml");
  const rels = await readText(zip, "xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return names;
  const targets = new Map(parseRels(rels).map((r) => [r.id, resolveTarget("xl/workbook.xml", r.target)]));
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, "name");
    const id = attr(tag, "r:id");
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) names.set(target, unescapeXml(name));
  }
  return names;
}

/** Every part reachable from `start` through internal relationships (rels files included). */
async function closure(zip: PackageParts, start: string): Promise<string[] | null> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const part = queue.shift() as string;
    if (seen.has(part)) continue;
    if (!zip.has(part)) return null; // a dangling reference: do not guess
    seen.add(part);
    const relsPath = relsPathOf(part);
    const rels = await readText(zip, relsPath);
    if (rels === null) continue;
    seen.add(relsPath);
    for (const rel of parseRels(rels)) if (!rel.external) queue.push(resolveTarget(part, rel.target));
  }
  return [...seen];
}

/** A free part name in `taken`, keeping the folder and extension: chart1.xml → chart2.xml … */
function freePart(part: string, taken: Set<string>): string {
  if (!taken.has(part)) return part;
  const dir = path.posix.dirname(part);
  const m = /^(.*?)(\d*)(\.[^.]+)?$/.exec(path.posix.basename(part)) as RegExpExecArray;
  for (let n = Number(m[2] || 1) + 1; ; n++) {
    const candidate = path.posix.join(dir, `${m[1]}${n}${m[3] ?? ""}`);
    if (!taken.has(candidate)) return candidate;
  }
}

interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const tag of xml.match(/<Default\b[^>]*>/g) ?? [])
    defaults.set((attr(tag, "Extension") ?? "").toLowerCase(), attr(tag, "ContentType") ?? "");
  for (const tag of xml.match(/<Override\b[^>]*>/g) ?? [])
    overrides.set(attr(tag, "PartName") ?? "", attr(tag, "ContentType") ?? "");
  return { defaults, overrides };
}

function insertDrawing(sheetXml: string, rid: string): string {
  const element = `<drawing r:id="${rid}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${name}[\\s/>]`).exec(sheetXml);
    if (m && (at === -1 || m.index < at)) at = m.index;
  }
  if (at === -1) at = sheetXml.lastIndexOf("</worksheet>");
  let xml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
  if (!/<worksheet\b[^>]*\sxmlns:r=/.test(xml))
    xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL_NS}"`);
  return xml;
}

/**
 * Copy each worksheet drawing of `source` that `output` lacks into `output` (mutated). Returns the
 * source parts that were carried (so the loss check can leave them out).
 */
export async function carryDrawings(source: PackageParts, output: WritableParts): Promise<string[]> {
  const carried: string[] = [];
  const srcSheets = await sheetParts(source);
  const outByName = new Map([...(await sheetParts(output))].map(([part, name]) => [name, part]));
  const srcTypesXml = await readText(source, "[Content_Types].xml");
  let outTypesXml = await readText(output, "[Content_Types].xml");
  if (!srcTypesXml || !outTypesXml) return carried;
  const srcTypes = parseContentTypes(srcTypesXml);
  const taken = new Set(output.names());

  for (const [srcSheet, name] of srcSheets) {
    const srcRels = await readText(source, relsPathOf(srcSheet));
    const drawingRel = srcRels
      ? parseRels(srcRels).find((r) => r.type === DRAWING_REL && !r.external)
      : undefined;
    if (!drawingRel) continue;
    const drawing = resolveTarget(srcSheet, drawingRel.target);
    const drawingXml = await readText(source, drawing);
    // Pictures are ExcelJS's to keep; a drawing mixing them with charts cannot be split safely.
    if (!drawingXml || /<(?:\w+:)?pic\b/.test(drawingXml)) continue;
    const outSheet = outByName.get(name);
    const outSheetXml = outSheet ? await readText(output, outSheet) : null;
    if (!outSheet || !outSheetXml || /<drawing\b/.test(outSheetXml)) continue;
    const parts = await closure(source, drawing);
    if (!parts) continue;

    // New names for the non-rels parts; rels files follow their part.
    const renamed = new Map<string, string>();
    for (const part of parts.filter((p) => !p.endsWith(".rels"))) {
      const fresh = freePart(part, taken);
      taken.add(fresh);
      renamed.set(part, fresh);
    }
    for (const [oldPart, newPart] of renamed) {
      output.set(newPart, (await source.bytes(oldPart)) as Uint8Array);
      const rels = await readText(source, relsPathOf(oldPart));
      if (rels !== null) {
        const rewritten = rels.replace(/<Relationship\b[^>]*>/g, (tag) => {
          if (attr(tag, "TargetMode") === "External") return tag;
          const target = renamed.get(resolveTarget(oldPart, attr(tag, "Target") ?? ""));
          if (!target) return tag;
          const relative = path.posix.relative(path.posix.dirname(newPart), target);
          return tag.replace(/\sTarget="[^"]*"/, ` Target="${relative}"`);
        });
        output.set(relsPathOf(newPart), rewritten);
        taken.add(relsPathOf(newPart));
      }
      const override = srcTypes.overrides.get(`/${oldPart}`);
      const ext = path.posix.extname(oldPart).slice(1).toLowerCase();
      const current = parseContentTypes(outTypesXml);
      if (override !== undefined)
        outTypesXml = outTypesXml.replace(
          "</Types>",
          `<Override PartName="/${newPart}" ContentType="${override}"/></Types>`,
        );
      else if (!current.defaults.has(ext) && srcTypes.defaults.has(ext))
        outTypesXml = outTypesXml.replace(
          "</Types>",
          `<Default Extension="${ext}" ContentType="${srcTypes.defaults.get(ext)}"/></Types>`,
        );
    }

    // The worksheet gets its drawing back.
    const outRelsPath = relsPathOf(outSheet);
    const outRels = await readText(output, outRelsPath);
    const ids = new Set(outRels ? parseRels(outRels).map((r) => r.id) : []);
    let n = 1;
    while (ids.has(`rIdPe${n}`)) n++;
    const rid = `rIdPe${n}`;
    const target = path.posix.relative(path.posix.dirname(outSheet), renamed.get(drawing) as string);
    const rel = `<Relationship Id="${rid}" Type="${DRAWING_REL}" Target="${target}"/>`;
    output.set(
      outRelsPath,
      outRels
        ? outRels.replace("</Relationships>", `${rel}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
    );
    output.set(outSheet, insertDrawing(outSheetXml, rid));
    carried.push(...parts);
  }
  if (carried.length) output.set("[Content_Types].xml", outTypesXml);
  return carried;
}
