// The manifest validator: the real manifest passes, and for each check a broken copy (in a temp folder,
// with its own copy of assets/) fails with a message naming the problem.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  checkEnglishOverrides,
  checkHttps,
  checkIcons,
  checkId,
  checkOverrideLocales,
  checkPermissions,
  checkResids,
  checkXsd,
  SCHEMA_DIR,
  parseXml,
  pngSize,
  validateManifest,
  xmllintAvailable,
  type XmlElement,
} from "../../scripts/validate-manifest";

const repo = path.resolve(__dirname, "../..");
const manifestFile = path.join(repo, "manifest.xml");
const manifestText = readFileSync(manifestFile, "utf8");
const schemaDir = SCHEMA_DIR;
const haveXmllint = xmllintAvailable();
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** `xml` with `from` replaced by `to`; fails the test if `from` is not there (so no edit goes unnoticed). */
function edit(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  expect(out).not.toBe(xml);
  return out;
}

/** Writes a copy of the manifest (edited) with a copy of assets/ into a fresh temp folder. */
function brokenCopy(transform: (xml: string) => string, prepareAssets?: (assetsDir: string) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "perf-eval-manifest-"));
  temps.push(dir);
  cpSync(path.join(repo, "assets"), path.join(dir, "assets"), { recursive: true });
  prepareAssets?.(path.join(dir, "assets"));
  const file = path.join(dir, "manifest.xml");
  writeFileSync(file, transform(manifestText));
  return file;
}

/** 1-based line of the first line of `xml` containing `needle`. */
function lineOf(xml: string, needle: string): number {
  const index = xml.split("\n").findIndex((l) => l.includes(needle));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function load(file: string): XmlElement {
  return parseXml(readFileSync(file, "utf8"));
}

/** Runs the whole validation (XSD too when available) and checks one problem line contains every part. */
function expectProblem(file: string, ...parts: string[]): void {
  const { problems } = validateManifest(file, { schemaDir });
  const hit = problems.find((p) => parts.every((part) => p.includes(part)));
  if (!hit) throw new Error(`no problem containing ${JSON.stringify(parts)} in:\n${problems.join("\n")}`);
}

describe("the real manifest", () => {
  test("passes every check", () => {
    const root = load(manifestFile);
    expect(checkId(root)).toEqual([]);
    expect(checkResids(root)).toEqual([]);
    expect(checkIcons(root, repo)).toEqual([]);
    expect(checkHttps(root)).toEqual([]);
    expect(checkOverrideLocales(root)).toEqual([]);
    expect(checkEnglishOverrides(root)).toEqual([]);
    expect(checkPermissions(root)).toEqual([]);
    // The XSD step needs xmllint (a missing xmllint has its own test below).
    if (haveXmllint) expect(validateManifest(manifestFile).problems).toEqual([]);
  });

  test("declares what the product needs", () => {
    const root = load(manifestFile);
    const text = (local: string) => root.children.find((c) => c.local === local)?.text;
    expect(text("Version")).toBe("1.0.0.0");
    expect(text("DefaultLocale")).toBe("zh-CN");
    expect(text("Permissions")).toBe("ReadWriteDocument");
    expect(manifestText).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(manifestText).toContain('<OfficeTab id="TabHome">');
    expect(manifestText).toContain('<Action xsi:type="ShowTaskpane">');
    expect(manifestText).toContain("<TaskpaneId>ButtonId1</TaskpaneId>");
    expect(manifestText).toContain('DefaultValue="绩效评价"');
    expect(manifestText).toContain("打开绩效评价助手：识别预算与指标表、计算得分和等级、标出问题");
    for (const size of [16, 32, 64, 80])
      expect(manifestText).toContain(`<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`);
  });

  test("icons are PNGs of their named size", () => {
    for (const size of [16, 32, 64, 80]) {
      expect(pngSize(path.join(repo, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
    expect(pngSize(path.join(repo, "assets", "icon.svg"))).toBeNull();
  });
});

describe("a broken copy fails with a message naming the problem", () => {
  test("unknown resid", () => {
    const file = brokenCopy((xml) =>
      edit(xml, '<Label resid="PerfEval.Group.Label"/>', '<Label resid="PerfEval.Group.Lable"/>'),
    );
    expect(checkResids(load(file))).toEqual([
      expect.stringContaining('resid "PerfEval.Group.Lable" used by <Label>'),
    ]);
    expectProblem(file, 'resid "PerfEval.Group.Lable"', "not defined under Resources");
  });

  test("resid of the wrong kind", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        '<Description resid="PerfEval.TaskpaneButton.Tooltip"/>',
        '<Description resid="GetStarted.Title"/>',
      ),
    );
    expectProblem(file, 'resid "GetStarted.Title"', "<Description>", "ShortStrings", "LongStrings");
  });

  test("missing icon file", () => {
    const file = brokenCopy(
      (xml) => xml,
      (assets) => unlinkSync(path.join(assets, "icon-80.png")),
    );
    expect(checkIcons(load(file), path.dirname(file))).toEqual([
      expect.stringMatching(/Icon\.80x80.*assets\/icon-80\.png does not exist/),
    ]);
    expectProblem(file, 'id="Icon.80x80"', "assets/icon-80.png does not exist");
  });

  test("icon URL pointing at a file that is not there", () => {
    const file = brokenCopy((xml) => edit(xml, "assets/icon-64.png", "assets/icons/icon-64.png"));
    expectProblem(file, "<HighResolutionIconUrl>", "assets/icons/icon-64.png does not exist");
  });

  test("icon of the wrong size (bt:Image id and HighResolutionIconUrl)", () => {
    const file = brokenCopy(
      (xml) =>
        edit(
          xml,
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
        ),
      (assets) => copyFileSync(path.join(assets, "icon-32.png"), path.join(assets, "icon-16.png")),
    );
    expectProblem(file, 'id="Icon.16x16"', "assets/icon-16.png is 32×32 px; it must be 16×16");
    expectProblem(file, "<HighResolutionIconUrl>", "assets/icon-80.png is 80×80 px; it must be 64×64");
  });

  test("icon that is not a PNG", () => {
    const file = brokenCopy(
      (xml) => xml,
      (assets) => copyFileSync(path.join(assets, "icon.svg"), path.join(assets, "icon-32.png")),
    );
    expectProblem(file, "<IconUrl>", "assets/icon-32.png is not a PNG");
  });

  test("an http:// URL", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SupportUrl DefaultValue="http://example.com/help"/>',
      ),
    );
    expect(checkHttps(load(file))).toEqual([
      expect.stringContaining(
        `<SupportUrl> (line ${lineOf(manifestText, "<SupportUrl")}) DefaultValue="http://example.com/help" is not https`,
      ),
    ]);
    expectProblem(file, "<SupportUrl>", "http://example.com/help", "not https");
  });

  test("an http:// AppDomain", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        "<AppDomain>https://localhost:3000</AppDomain>",
        "<AppDomain>http://localhost:3000</AppDomain>",
      ),
    );
    expectProblem(file, "<AppDomain>", '"http://localhost:3000" is not https');
  });

  test("a non-GUID Id", () => {
    const file = brokenCopy((xml) => edit(xml, /<Id>[^<]*<\/Id>/, "<Id>perf-eval-assistant</Id>"));
    expect(checkId(load(file))).toEqual([
      expect.stringContaining(
        `<Id> (line ${lineOf(manifestText, "<Id>")}) "perf-eval-assistant" is not a GUID`,
      ),
    ]);
    expectProblem(file, "<Id>", "perf-eval-assistant", "not a GUID");
  });

  test("a duplicate Override locale", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        '<Override Locale="en-US" Value="Performance Evaluation Assistant"/>',
        '<Override Locale="en-US" Value="Performance Evaluation Assistant"/>\n    <Override Locale="EN-us" Value="Evaluation Assistant"/>',
      ),
    );
    expect(checkOverrideLocales(load(file))).toEqual([
      expect.stringContaining(
        `<DisplayName> (line ${lineOf(manifestText, "<DisplayName")}) overrides locale EN-us more than once`,
      ),
    ]);
    expectProblem(file, "<DisplayName>", "more than once");
  });

  test("a missing en-US override on a string resource", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        /(<bt:String id="PerfEval.Group.Label" DefaultValue="绩效评价")>\s*<bt:Override[^>]*\/>\s*<\/bt:String>/,
        "$1/>",
      ),
    );
    expect(checkEnglishOverrides(load(file))).toEqual([
      expect.stringContaining('<bt:String id="PerfEval.Group.Label">'),
    ]);
    expectProblem(file, 'id="PerfEval.Group.Label"', 'has no <Override Locale="en-US">');
  });

  test("a missing en-US override on Description", () => {
    const file = brokenCopy((xml) =>
      edit(xml, /(<Description DefaultValue="[^"]*")>\s*<Override[^>]*\/>\s*<\/Description>/, "$1/>"),
    );
    expectProblem(file, "<Description>", 'has no <Override Locale="en-US">');
  });

  test("a permission above ReadWriteDocument", () => {
    const file = brokenCopy((xml) =>
      edit(
        xml,
        "<Permissions>ReadWriteDocument</Permissions>",
        "<Permissions>ReadWriteMailbox</Permissions>",
      ),
    );
    expect(checkPermissions(load(file))).toEqual([
      expect.stringContaining('"ReadWriteMailbox" is above ReadWriteDocument'),
    ]);
    expectProblem(file, "<Permissions>", "ReadWriteMailbox", "above ReadWriteDocument");
  });

  test("not well-formed XML", () => {
    const file = brokenCopy((xml) => edit(xml, "</DefaultSettings>", "</DefaultSetting>"));
    expectProblem(file, "manifest.xml: not well-formed XML");
  });

  if (!haveXmllint) console.warn("XSD case skipped: xmllint is missing (apt-get install -y libxml2-utils)");
  (haveXmllint ? test : test.skip)(
    "an XSD violation (elements out of order) that only the schema catches",
    () => {
      const file = brokenCopy((xml) =>
        edit(xml, /(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, "$2\n  $1"),
      );
      const root = load(file);
      const projectChecks = [
        checkId(root),
        checkResids(root),
        checkIcons(root, path.dirname(file)),
        checkHttps(root),
        checkOverrideLocales(root),
        checkEnglishOverrides(root),
        checkPermissions(root),
      ].flat();
      expect(projectChecks).toEqual([]);
      const xsd = checkXsd(file, schemaDir);
      expect(xsd.problems.length).toBeGreaterThan(0);
      expect(xsd.problems[0]).toMatch(/^XSD: manifest\.xml:\d+: .*ProviderName/);
      expectProblem(file, "XSD:", "ProviderName");
    },
  );
});

describe("the XSD step", () => {
  test("says how to install xmllint when it is missing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "perf-eval-nopath-"));
    temps.push(dir);
    expect(checkXsd(manifestFile, schemaDir, { PATH: dir }).problems).toEqual([
      expect.stringContaining("apt-get install -y libxml2-utils"),
    ]);
  });

  test("uses the repository's own schemas/ folder, and fails (not skips) without it", () => {
    expect(schemaDir).toBe(path.join(repo, "schemas"));
    const empty = mkdtempSync(path.join(os.tmpdir(), "perf-eval-noschema-"));
    temps.push(empty);
    expect(checkXsd(manifestFile, empty).problems).toEqual([
      `XSD: no OfficeAppManifestV1_1.xsd in ${empty} (the repository's schemas/ folder)`,
    ]);
  });
});

describe("the command line (npm run validate)", () => {
  const tsx = path.join(repo, "node_modules", "tsx", "dist", "cli.mjs");
  const script = path.join(repo, "scripts", "validate-manifest.ts");
  const run = (file: string) =>
    spawnSync(process.execPath, [tsx, script, file], { cwd: repo, encoding: "utf8", timeout: 60_000 });

  test("exits 0 with one OK line for the real manifest", () => {
    const result = run("manifest.xml");
    if (!haveXmllint) {
      // Without xmllint the XSD step cannot run: the command must fail and say how to install it.
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("apt-get install -y libxml2-utils");
      return;
    }
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^manifest\.xml: OK/)]);
  });

  test("exits 1 listing every problem, one line each", () => {
    const file = brokenCopy((xml) =>
      edit(
        edit(
          xml,
          "<Permissions>ReadWriteDocument</Permissions>",
          "<Permissions>ReadWriteMailbox</Permissions>",
        ),
        '<Label resid="PerfEval.Group.Label"/>',
        '<Label resid="Nope"/>',
      ),
    );
    const result = run(file);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/manifest\.xml: \d+ problems$/);
    expect(lines.some((l) => l.includes('resid "Nope"'))).toBe(true);
    expect(lines.some((l) => l.includes("ReadWriteMailbox") && !l.startsWith("  XSD"))).toBe(true);
  });
});
