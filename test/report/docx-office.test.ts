/**
 * The reports opened by a real word processor: LibreOffice Writer (headless) converts the sample's,
 * a project's and a budget-less department's .docx to PDF, pdftotext finds the numbers, and pdftoppm
 * renders the pages to test-results/report/*.png (look at them: CJK glyphs, headings in their fonts).
 * Each run has its own LibreOffice profile folder, removed afterwards (no lock files left behind).
 * Needs soffice, pdftotext and pdftoppm (.ci/run installs libreoffice-writer-nogui and poppler-utils).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { renderReportDocx } from "../../src/report/docx";
import { noBudgetModel, projectModel, sampleModel } from "./fixtures";

jest.setTimeout(240_000);

const OUT = path.join(__dirname, "..", "..", "test-results", "report");
const REPORTS = { sample: sampleModel, project: projectModel, "no-budget": noBudgetModel };
const texts: Record<string, string> = {};
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "report-office-"));
  const profile = path.join(work, "profile");
  mkdirSync(OUT, { recursive: true });
  const files: string[] = [];
  for (const [name, build] of Object.entries(REPORTS)) {
    const file = path.join(work, `${name}.docx`);
    writeFileSync(file, await renderReportDocx(build()));
    files.push(file);
  }
  execFileSync(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--convert-to",
      "pdf",
      "--outdir",
      work,
      ...files,
    ],
    {
      env: { ...process.env, FONTCONFIG_FILE: path.join(__dirname, "fonts.conf") },
      stdio: "pipe",
      timeout: 200_000,
    },
  );
  for (const name of Object.keys(REPORTS)) {
    const pdf = path.join(work, `${name}.pdf`);
    texts[name] = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const old of readdirSync(OUT).filter((f) => f.startsWith(`${name}-`))) rmSync(path.join(OUT, old));
    execFileSync("pdftoppm", ["-r", "70", "-png", pdf, path.join(OUT, name)]);
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** pdftotext breaks lines and may put spaces between CJK and digits: compare without whitespace. */
const flat = (s: string) => s.replace(/\s+/g, "");

describe("LibreOffice Writer opens the reports", () => {
  it("converts the sample's report; the PDF holds its numbers", () => {
    const t = flat(texts.sample);
    for (const heading of [
      "一、基本情况",
      "二、综合评价结论",
      "三、主要成效",
      "四、存在问题",
      "五、有关建议",
    ])
      expect(t).toContain(heading);
    // 667.92 / 552.45 → 120.90%; 115.47 / 552.45 → 20.90%; 20.34 / 30 → 67.80%.
    for (const n of ["552.45", "667.92", "120.90%", "471.17", "196.75", "20.90%", "994.07", "85.54分"])
      expect(t).toContain(n);
    expect(t).toContain("管理效率3020.3467.80%");
    expect(t).toContain("合计10085.5485.54%");
    expect(t).toContain("等级为“良”");
    expect(t).toContain("—1—"); // page numbers in the footer
  });

  it("converts the project's and the budget-less department's reports", () => {
    expect(flat(texts.project)).toContain("乡村道路养护项目绩效评价报告");
    expect(flat(texts.project)).toContain("预算执行率90.00%");
    const noBudget = flat(texts["no-budget"]);
    expect(noBudget).not.toContain("收入方面");
    expect(noBudget).toContain("附：数据检查说明");
  });

  it("renders page images and leaves no profile or lock files behind", () => {
    for (const name of Object.keys(REPORTS))
      expect(
        readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png")).length,
      ).toBeGreaterThan(1);
    expect(readdirSync(work).filter((f) => f.startsWith(".~lock"))).toEqual([]);
    expect(existsSync(path.join(OUT, "sample-01.png"))).toBe(true);
  });
});
