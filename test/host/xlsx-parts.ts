/**
 * A fixture builder for hand-made .xlsx packages: each part written as its producer writes it (plain
 * XML text, not ExcelJS's output), zipped with JSZip.
 */
import JSZip from "jszip";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetSpec {
  name: string;
  /** The worksheet's XML after the root's start tag (sheetData and the rest). */
  body: string;
  state?: "hidden" | "veryHidden";
  /** Extra root attributes (namespace declarations). */
  rootAttrs?: string;
}

export interface PackageSpec {
  sheets: SheetSpec[];
  sharedStrings?: string[];
  /** styles.xml content (whole part); a minimal one when absent. */
  styles?: string;
  /** Extra parts by name (text or bytes), with their content types as overrides. */
  extra?: Record<string, { data: string | Uint8Array; contentType?: string }>;
  /** Extra children of <workbook> after <sheets> (definedNames, calcPr …). */
  workbookTail?: string;
  /** Extra children of <workbook> before <sheets> (workbookPr, workbookProtection, bookViews …). */
  workbookHead?: string;
  /** Extra relationships of the workbook part. */
  workbookRels?: string;
}

export const MINIMAL_STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The package's parts by name. */
export function packageParts(spec: PackageSpec): Map<string, string | Uint8Array> {
  const parts = new Map<string, string | Uint8Array>();
  const overrides: string[] = [];
  const sheetRels: string[] = [];
  const sheetEls: string[] = [];
  spec.sheets.forEach((s, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    parts.set(
      part,
      `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"${s.rootAttrs ?? ""}>${s.body}</worksheet>`,
    );
    overrides.push(
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    sheetRels.push(
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    );
    sheetEls.push(
      `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
    );
  });
  const n = spec.sheets.length;
  parts.set("xl/styles.xml", spec.styles ?? MINIMAL_STYLES);
  overrides.push(
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
  );
  let rels =
    sheetRels.join("") + `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
  if (spec.sharedStrings) {
    const items = spec.sharedStrings.map((t) =>
      t.startsWith("<") ? `<si>${t}</si>` : `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`,
    );
    parts.set(
      "xl/sharedStrings.xml",
      `${XML_DECL}<sst xmlns="${MAIN_NS}" count="${items.length}" uniqueCount="${items.length}">${items.join("")}</sst>`,
    );
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    );
    rels += `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`;
  }
  rels += spec.workbookRels ?? "";
  parts.set(
    "xl/workbook.xml",
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${spec.workbookHead ?? ""}<sheets>${sheetEls.join("")}</sheets>${spec.workbookTail ?? ""}</workbook>`,
  );
  overrides.push(
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
  );
  parts.set(
    "xl/_rels/workbook.xml.rels",
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${rels}</Relationships>`,
  );
  parts.set(
    "_rels/.rels",
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  for (const [name, p] of Object.entries(spec.extra ?? {})) {
    parts.set(name, p.data);
    if (p.contentType) overrides.push(`<Override PartName="/${name}" ContentType="${p.contentType}"/>`);
  }
  parts.set(
    "[Content_Types].xml",
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${overrides.join("")}</Types>`,
  );
  return parts;
}

/** Zip parts ([Content_Types].xml first, as producers do). */
export async function zipParts(parts: Map<string, string | Uint8Array>): Promise<Buffer> {
  const zip = new JSZip();
  const names = [...parts.keys()].sort((a, b) =>
    a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : 0,
  );
  for (const name of names) zip.file(name, parts.get(name) as string | Uint8Array, { createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export async function buildPackage(spec: PackageSpec): Promise<Buffer> {
  return zipParts(packageParts(spec));
}
