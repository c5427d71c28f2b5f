/**
 * `npm run build:wps`: the WPS 表格 add-in (WPS 加载项) from the built task pane (dist/, `npm run build`)
 * and the ribbon shim (wps/). Writes dist-wps/:
 *
 *   dist-wps/<name>_<version>/   the add-in folder, as WPS keeps it under jsaddons/ (offline mode) or as
 *                                served at the URL given to publish.xml (online mode):
 *       index.html main.js ribbon.xml     the entry page and ribbon callbacks (wps/)
 *       taskpane.html taskpane.js pane-*.js assets/    the same pane as in Excel; taskpane.html without
 *                                the office.js <script> and its CDN in the CSP (WPS runs no Office.js,
 *                                and an intranet desktop may have no route to Microsoft's CDN)
 *   dist-wps/jsplugins.xml       the offline registration (<jsplugin name type="et" version url>)
 *   dist-wps/publish.xml         the online registration (<jspluginonline name type="et" url>)
 *
 *   tsx scripts/build-wps.ts [--dist dist] [--out dist-wps] [--url http://server/path/]
 * --url (or WPS_ADDIN_URL) is where the add-in folder is served in online mode (default: wpsjs debug's
 * http://127.0.0.1:3889/<name>_<version>/).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** The add-in's name in jsplugins.xml and its folder's prefix (ASCII: WPS builds the folder name from it). */
export const WPS_ADDIN_NAME = "perf-eval-assistant";

export interface WpsPackageOptions {
  /** The built task pane (default dist/). */
  dist?: string;
  /** Where to write (default dist-wps/; emptied first). */
  out?: string;
  /** Where the add-in folder is served in online mode. */
  url?: string;
  /** Default: package.json's version. */
  version?: string;
}

export interface WpsPackage {
  out: string;
  /** The add-in folder (<out>/<name>_<version>). */
  folder: string;
  name: string;
  version: string;
  url: string;
  files: string[];
}

const OFFICE_JS =
  /[ \t]*<script\b[^>]*src="https:\/\/appsforoffice\.microsoft\.com\/[^"]*"[^>]*><\/script>\r?\n?/g;
const CDN = / https:\/\/appsforoffice\.microsoft\.com/g;

/** taskpane.html for WPS: the same page without office.js (the script tag and the CDN in the CSP). */
export function wpsTaskpaneHtml(html: string): string {
  const out = html.replace(OFFICE_JS, "").replace(CDN, "");
  if (out.includes("appsforoffice.microsoft.com"))
    throw new Error("taskpane.html still refers to appsforoffice.microsoft.com after removing office.js");
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function jspluginsXml(name: string, version: string, url: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- Offline mode: copy the folder " + `${name}_${version}` + " into WPS's jsaddons folder and this",
    "     entry into jsaddons/jsplugins.xml (see docs/wps.md). -->",
    "<jsplugins>",
    `  <jsplugin name="${escapeXml(name)}" type="et" version="${escapeXml(version)}" url="${escapeXml(url)}" />`,
    "</jsplugins>",
    "",
  ].join("\n");
}

export function publishXml(name: string, url: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- Online mode: serve the add-in folder at this url and put this entry into jsaddons/publish.xml",
    "     (see docs/wps.md). -->",
    "<jsplugins>",
    `  <jspluginonline name="${escapeXml(name)}" type="et" url="${escapeXml(url)}" enable="true" install="null" />`,
    "</jsplugins>",
    "",
  ].join("\n");
}

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), base)
        : [path.relative(base, path.join(dir, e.name))],
    )
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** Build the WPS package from a built dist/. Throws, naming the file, when something it needs is missing. */
export function buildWpsPackage(options: WpsPackageOptions = {}): WpsPackage {
  const dist = path.resolve(options.dist ?? path.join(ROOT, "dist"));
  const out = path.resolve(options.out ?? path.join(ROOT, "dist-wps"));
  const version =
    options.version ??
    (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const name = WPS_ADDIN_NAME;
  const folderName = `${name}_${version}`;
  const url =
    options.url ?? process.env.WPS_ADDIN_URL ?? `http://127.0.0.1:3889/${encodeURIComponent(folderName)}/`;
  const paneHtml = path.join(dist, "taskpane.html");
  if (!fs.existsSync(paneHtml)) throw new Error(`${paneHtml} is missing: run \`npm run build\` first.`);

  fs.rmSync(out, { recursive: true, force: true });
  const folder = path.join(out, folderName);
  fs.mkdirSync(path.join(folder, "assets"), { recursive: true });

  // The ribbon shim.
  for (const file of ["index.html", "main.js", "ribbon.xml"])
    fs.copyFileSync(path.join(ROOT, "wps", file), path.join(folder, file));
  // The pane: its page without office.js, its scripts (entry and on-demand chunks), the icons.
  fs.writeFileSync(path.join(folder, "taskpane.html"), wpsTaskpaneHtml(fs.readFileSync(paneHtml, "utf8")));
  for (const file of fs.readdirSync(dist))
    if (/^(taskpane|pane-[^/]*)\.js(\.LICENSE\.txt)?$/.test(file))
      fs.copyFileSync(path.join(dist, file), path.join(folder, file));
  const assets = path.join(ROOT, "assets");
  for (const file of fs.readdirSync(assets))
    if (/\.(png|svg)$/.test(file))
      fs.copyFileSync(path.join(assets, file), path.join(folder, "assets", file));

  fs.writeFileSync(path.join(out, "jsplugins.xml"), jspluginsXml(name, version, url));
  fs.writeFileSync(path.join(out, "publish.xml"), publishXml(name, url));
  return { out, folder, name, version, url, files: listFiles(out) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const built = buildWpsPackage({ dist: arg("--dist"), out: arg("--out"), url: arg("--url") });
    console.log(`WPS add-in: ${path.relative(process.cwd(), built.folder)} (${built.files.length} files)`);
    console.log(
      `  offline: copy the folder into jsaddons/ and merge ${path.join(built.out, "jsplugins.xml")}`,
    );
    console.log(
      `  online:  serve the folder at ${built.url} and merge ${path.join(built.out, "publish.xml")}`,
    );
  } catch (error) {
    console.error(`build:wps: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
