/**
 * Offline validation of the add-in's XML manifest (`npm run validate`).
 *
 * 1. XSD: `xmllint --noout --nonet --schema schemas/OfficeAppManifestV1_1.xsd manifest.xml`, with the
 *    schemas the repository carries (schemas/README.md says where they come from).
 * 2. What the XSD cannot see: every resid names a defined resource of the right kind; every icon URL maps
 *    to a PNG under assets/ of the size its attribute/id says; all URLs are https; Id is a GUID; no
 *    locale is overridden twice on one element; DisplayName, Description and every string carry an en-US
 *    override; Permissions is at most ReadWriteDocument.
 *
 * The XML is parsed with saxes (a strict, namespace-aware XML parser; today it comes in through exceljs).
 * Each check is exported and returns one line per problem, naming the element, resid or file.
 *
 * Usage: tsx scripts/validate-manifest.ts [manifest.xml]   → exit 0 with one OK line, or 1 and the problems.
 */
import { spawnSync } from "node:child_process";
import { existsSync, openSync, readSync, closeSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";

// ───────────────────────────── a small element tree ─────────────────────────────

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  /** Local name, e.g. "Image". */
  local: string;
  /** Attribute values by qualified name ("resid", "xsi:type", "DefaultValue" …). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Direct text content, trimmed. */
  text: string;
  /** 1-based line where the start tag ends (its only line, for one-line tags). */
  line: number;
  parent: XmlElement | null;
}

export class ManifestError extends Error {}

/** Parses XML text into an element tree; a malformed document throws ManifestError with line:column. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  let failure: string | null = null;
  parser.on("error", (error) => {
    failure ??= error.message;
  });
  parser.on("opentag", (tag) => {
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) attrs[attr.name] = attr.value;
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      attrs,
      children: [],
      text: "",
      line: parser.line,
      parent,
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    const element = stack.pop();
    if (element) element.text = element.text.trim();
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure !== null) throw new ManifestError(`not well-formed XML: ${failure}`);
  if (root === null) throw new ManifestError("not well-formed XML: no root element");
  return root;
}

/** Every element of the tree, document order. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    out.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return out;
}

function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

/** `<bt:Image id="Icon.16x16"> (line 12)` — how a problem names an element. */
function where(element: XmlElement): string {
  const id = element.attrs["id"] !== undefined ? ` id="${element.attrs["id"]}"` : "";
  return `<${element.name}${id}> (line ${element.line})`;
}

// ───────────────────────────── resources and resids ─────────────────────────────

export type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
export const RESOURCE_KINDS: readonly ResourceKind[] = ["Images", "Urls", "ShortStrings", "LongStrings"];

export interface Resource {
  id: string;
  kind: ResourceKind;
  element: XmlElement;
}

/** The resources defined under VersionOverrides/Resources, by id. */
export function resources(root: XmlElement): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const element of allElements(root)) {
    const kind = element.parent?.local as ResourceKind | undefined;
    if (!kind || !RESOURCE_KINDS.includes(kind) || element.parent?.parent?.local !== "Resources") continue;
    const id = element.attrs["id"];
    if (id !== undefined) out.set(id, { id, kind, element });
  }
  return out;
}

/** Which kind of resource a resid on this element must name (the XSD's *ResourceReference types). */
export function expectedKind(element: XmlElement): ResourceKind | null {
  switch (element.local) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
      return "ShortStrings";
    case "Description":
      return "LongStrings";
    default:
      return null;
  }
}

export function checkResids(root: XmlElement): string[] {
  const problems: string[] = [];
  const defined = resources(root);
  const seen = new Map<string, XmlElement>();
  for (const element of allElements(root)) {
    const kind = element.parent?.local as ResourceKind | undefined;
    const id = element.attrs["id"];
    if (id !== undefined && kind && RESOURCE_KINDS.includes(kind)) {
      const first = seen.get(id);
      if (first) problems.push(`resource id "${id}" is defined twice: ${where(first)} and ${where(element)}`);
      else seen.set(id, element);
    }
    const resid = element.attrs["resid"];
    if (resid === undefined) continue;
    const resource = defined.get(resid);
    if (!resource) {
      problems.push(`resid "${resid}" used by ${where(element)} is not defined under Resources`);
      continue;
    }
    const expected = expectedKind(element);
    if (expected && resource.kind !== expected) {
      problems.push(
        `resid "${resid}" used by ${where(element)} names a ${resource.kind} resource; it must name one of ${expected}`,
      );
    }
  }
  return problems;
}

// ───────────────────────────── icons ─────────────────────────────

/** The dev-server base every URL in the manifest starts with; the build rewrites it for production. */
export const URL_BASE = "https://localhost:3000/";

export interface IconUse {
  url: string;
  /** Pixel size it must have (square). */
  size: number;
  element: XmlElement;
}

/** Every icon URL in the manifest with the size it must have. */
export function iconUses(root: XmlElement): { uses: IconUse[]; problems: string[] } {
  const uses: IconUse[] = [];
  const problems: string[] = [];
  const topLevel: Record<string, number> = { IconUrl: 32, HighResolutionIconUrl: 64 };
  for (const [local, size] of Object.entries(topLevel)) {
    const element = child(root, local);
    if (!element) continue;
    const urls = [element.attrs["DefaultValue"], ...element.children.map((o) => o.attrs["Value"])];
    for (const url of urls) if (url !== undefined) uses.push({ url, size, element });
  }
  const images = [...resources(root).values()].filter((r) => r.kind === "Images");
  const referenced = allElements(root).filter((e) => e.local === "Image" && e.attrs["resid"] !== undefined);
  for (const image of images) {
    const subject = where(image.element);
    const sizes = new Set<number>();
    const fromId = image.id.match(/(\d+)x(\d+)/);
    if (fromId) {
      if (fromId[1] !== fromId[2]) problems.push(`${subject}: id names a non-square size`);
      sizes.add(Number(fromId[1]));
    }
    for (const ref of referenced.filter((r) => r.attrs["resid"] === image.id)) {
      const size = Number(ref.attrs["size"]);
      if (Number.isInteger(size) && size > 0) sizes.add(size);
    }
    if (sizes.size === 0) problems.push(`${subject}: no size in its id and no reference with a size`);
    if (sizes.size > 1) {
      problems.push(
        `${subject} is used with different sizes (${[...sizes].join(", ")}): one PNG has one size`,
      );
    }
    const urls = [
      image.element.attrs["DefaultValue"],
      ...image.element.children.map((o) => o.attrs["Value"]),
    ];
    for (const url of urls) {
      if (url === undefined) continue;
      for (const size of sizes) uses.push({ url, size, element: image.element });
    }
  }
  return { uses, problems };
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
export function pngSize(file: string): { width: number; height: number } | null {
  const header = Buffer.alloc(24);
  const fd = openSync(file, "r");
  try {
    if (readSync(fd, header, 0, 24, 0) < 24) return null;
  } finally {
    closeSync(fd);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!header.subarray(0, 8).equals(signature) || header.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

/** Checks every icon URL: under URL_BASE + assets/, the file exists, is a PNG of the right size. */
export function checkIcons(root: XmlElement, repoDir: string): string[] {
  const { uses, problems } = iconUses(root);
  const assetsDir = path.join(repoDir, "assets");
  for (const use of uses) {
    const subject = where(use.element);
    if (!use.url.startsWith(URL_BASE)) {
      problems.push(`${subject}: icon URL ${use.url} does not start with ${URL_BASE}assets/`);
      continue;
    }
    let relative: string;
    try {
      relative = decodeURI(use.url.slice(URL_BASE.length).replace(/[?#].*$/, ""));
    } catch {
      problems.push(`${subject}: icon URL ${use.url} is not a valid URL`);
      continue;
    }
    const file = path.resolve(repoDir, relative);
    if (!relative.startsWith("assets/") || !file.startsWith(assetsDir + path.sep)) {
      problems.push(`${subject}: icon URL ${use.url} is not under ${URL_BASE}assets/`);
      continue;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push(`${subject}: icon file ${relative} does not exist`);
      continue;
    }
    const size = pngSize(file);
    if (!size) {
      problems.push(`${subject}: icon file ${relative} is not a PNG`);
    } else if (size.width !== use.size || size.height !== use.size) {
      problems.push(
        `${subject}: icon file ${relative} is ${size.width}×${size.height} px; it must be ${use.size}×${use.size}`,
      );
    }
  }
  return problems;
}

// ───────────────────────────── URLs, Id, locales, permissions ─────────────────────────────

const URL_LIKE = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/** Every URL in an attribute value or element text must be https (namespace declarations aside). */
export function checkHttps(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const element of allElements(root)) {
    for (const [name, value] of Object.entries(element.attrs)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      if (URL_LIKE.test(value) && !/^\s*https:\/\//i.test(value)) {
        problems.push(`${where(element)} ${name}="${value}" is not https: every URL must use https://`);
      }
    }
    if (URL_LIKE.test(element.text) && !/^\s*https:\/\//i.test(element.text)) {
      problems.push(`${where(element)} "${element.text}" is not https: every URL must use https://`);
    }
  }
  return problems;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function checkId(root: XmlElement): string[] {
  const id = child(root, "Id");
  if (!id) return ["<Id> is missing: the manifest needs a GUID Id"];
  return GUID.test(id.text)
    ? []
    : [`${where(id)} "${id.text}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`];
}

function overrides(element: XmlElement): XmlElement[] {
  return element.children.filter((c) => c.local === "Override");
}

/** No element overrides the same locale twice. */
export function checkOverrideLocales(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const element of allElements(root)) {
    const seen = new Set<string>();
    for (const override of overrides(element)) {
      const locale = (override.attrs["Locale"] ?? "").toLowerCase();
      if (seen.has(locale)) {
        problems.push(`${where(element)} overrides locale ${override.attrs["Locale"]} more than once`);
      }
      seen.add(locale);
    }
  }
  return problems;
}

export const ENGLISH = "en-US";

/** DisplayName, Description and every ShortStrings/LongStrings string carry an en-US override (unless
 *  the default locale is en-US itself). */
export function checkEnglishOverrides(root: XmlElement): string[] {
  const defaultLocale = child(root, "DefaultLocale")?.text ?? "";
  if (defaultLocale.toLowerCase() === ENGLISH.toLowerCase()) return [];
  const targets: XmlElement[] = [];
  for (const local of ["DisplayName", "Description"]) {
    const element = child(root, local);
    if (element) targets.push(element);
  }
  for (const resource of resources(root).values()) {
    if (resource.kind === "ShortStrings" || resource.kind === "LongStrings") targets.push(resource.element);
  }
  const problems: string[] = [];
  for (const element of targets) {
    const english = overrides(element).some(
      (o) => (o.attrs["Locale"] ?? "").toLowerCase() === ENGLISH.toLowerCase(),
    );
    if (!english) {
      problems.push(`${where(element)} has no <Override Locale="${ENGLISH}"> (the pane runs in English too)`);
    }
  }
  return problems;
}

/** Task-pane permissions from least to most; the add-in may ask for at most the last. */
export const PERMISSION_LEVELS = [
  "Restricted",
  "ReadDocument",
  "ReadAllDocument",
  "WriteDocument",
  "ReadWriteDocument",
];
export const MAX_PERMISSION = "ReadWriteDocument";

export function checkPermissions(root: XmlElement): string[] {
  const element = child(root, "Permissions");
  if (!element) return ["<Permissions> is missing"];
  if (PERMISSION_LEVELS.includes(element.text)) return [];
  return [
    `${where(element)} "${element.text}" is above ${MAX_PERMISSION} or unknown: ask for at most ${MAX_PERMISSION} ` +
      `(one of ${PERMISSION_LEVELS.join(", ")})`,
  ];
}

// ───────────────────────────── XSD ─────────────────────────────

export const SCHEMA_FILE = "OfficeAppManifestV1_1.xsd";

/** The repository's own schema folder (schemas/ beside scripts/): nothing outside the repository is read. */
export const SCHEMA_DIR = path.resolve(__dirname, "..", "schemas");

export function xmllintAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8", env });
  return !probe.error && probe.status === 0;
}

/** Schema validation through xmllint (found on env.PATH). A missing schema or a missing xmllint is a
 *  problem, not a skip: the repository carries the schemas and CI installs xmllint. */
export function checkXsd(
  manifestFile: string,
  schemaDir: string = SCHEMA_DIR,
  env: NodeJS.ProcessEnv = process.env,
): { problems: string[] } {
  if (!existsSync(path.join(schemaDir, SCHEMA_FILE))) {
    return { problems: [`XSD: no ${SCHEMA_FILE} in ${schemaDir} (the repository's schemas/ folder)`] };
  }
  if (!xmllintAvailable(env)) {
    return { problems: ["XSD: xmllint not found: install it with `apt-get install -y libxml2-utils`"] };
  }
  const run = spawnSync(
    "xmllint",
    ["--noout", "--nonet", "--schema", path.join(schemaDir, SCHEMA_FILE), path.resolve(manifestFile)],
    { encoding: "utf8", env },
  );
  if (run.status === 0) return { problems: [] };
  const absolute = path.resolve(manifestFile);
  const lines = `${run.stderr}\n${run.stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.endsWith("fails to validate") && !l.endsWith("validates"));
  const problems = lines.map((l) => `XSD: ${l.split(absolute).join(path.basename(manifestFile))}`);
  return { problems: problems.length > 0 ? problems : [`XSD: xmllint exited with ${run.status}`] };
}

// ───────────────────────────── the whole validation ─────────────────────────────

export interface ValidationResult {
  problems: string[];
}

/** All checks on one manifest file; icons are looked up in assets/ beside it, the XSD in schemaDir
 *  (the repository's schemas/ unless given). */
export function validateManifest(
  manifestFile: string,
  options: { schemaDir?: string } = {},
): ValidationResult {
  const repoDir = path.dirname(path.resolve(manifestFile));
  let root: XmlElement;
  try {
    root = parseXml(readFileSync(manifestFile, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problems: [`${path.basename(manifestFile)}: ${message}`] };
  }
  const problems = [
    ...checkXsd(manifestFile, options.schemaDir ?? SCHEMA_DIR).problems,
    ...checkId(root),
    ...checkResids(root),
    ...checkIcons(root, repoDir),
    ...checkHttps(root),
    ...checkOverrideLocales(root),
    ...checkEnglishOverrides(root),
    ...checkPermissions(root),
  ];
  return { problems };
}

function main(argv: string[]): number {
  const file = argv[0] ?? "manifest.xml";
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return 1;
  }
  const { problems } = validateManifest(file);
  if (problems.length === 0) {
    console.log(`${file}: OK (XSD and project checks)`);
    return 0;
  }
  console.error(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const problem of problems) console.error(`  ${problem}`);
  return 1;
}

if (require.main === module) {
  process.exit(main(process.argv.slice(2)));
}
