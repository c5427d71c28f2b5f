/**
 * The built pages in Debian's Chromium (playwright-core): the task pane at 320 px on the in-memory
 * Excel (office.js routed to dist/office-stub.js), and the demo page. Any request to a host other than
 * 127.0.0.1 (except the office.js URL, which is routed) fails the test. Needs `npm run build` first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/chromium";
import { startServer, type RunningServer } from "../../scripts/serve";
import { MemoryWorkbook } from "../../src/host/memory";
import { memoryWorkbookToJSON } from "../../src/host/memory/json";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { PROJECT_FORMS, projectsWorkbook } from "../engine/fixtures/subjects";
import { selfReviewWorkbook } from "../engine/fixtures/review";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const RESULTS = path.join(ROOT, "test-results");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

jest.setTimeout(120_000);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/ is missing: run `npm run build` first.");
  fs.mkdirSync(RESULTS, { recursive: true });
  server = await startServer({ root: DIST, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Guarded {
  page: Page;
  foreign: string[];
  pageErrors: string[];
}

/** A page whose office.js is the in-memory stub and which records (and blocks) every foreign request. */
async function guardedPage(width: number, height: number): Promise<Guarded> {
  const page = await browser.newPage({ viewport: { width, height }, locale: "zh-CN" });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) {
      await route.fulfill({ path: path.join(DIST, "office-stub.js"), contentType: "application/javascript" });
      return;
    }
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1") {
      await route.continue();
      return;
    }
    foreign.push(url);
    await route.abort();
  });
  return { page, foreign, pageErrors };
}

/** Every cell of a sheet of the page's in-memory workbook: address → { value, numberFormat }. */
async function sheetCells(
  page: Page,
  sheet: string,
): Promise<Record<string, { value: unknown; numberFormat: string }>> {
  return page.evaluate((name) => {
    const w = window as unknown as {
      perfEvalWorkbook: {
        sheet(n: string): { cells: Map<number, unknown> };
        cell(n: string, a: string): { value: unknown; numberFormat: string };
      };
    };
    const out: Record<string, { value: unknown; numberFormat: string }> = {};
    const wb = w.perfEvalWorkbook;
    // Addresses come from the cell() helper over the used rectangle (keys are an internal encoding).
    let maxRow = 0;
    let maxCol = 0;
    for (const key of wb.sheet(name).cells.keys()) {
      const k = key as number;
      maxRow = Math.max(maxRow, Math.floor(k / 16384));
      maxCol = Math.max(maxCol, k % 16384);
    }
    const col = (c: number) => {
      let s = "";
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
        s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      return s;
    };
    for (let r = 0; r <= Math.min(maxRow, 400); r++)
      for (let c = 0; c <= Math.min(maxCol, 40); c++) {
        const a = `${col(c)}${r + 1}`;
        const cell = wb.cell(name, a);
        if (cell.value !== null && cell.value !== "")
          out[a] = { value: cell.value, numberFormat: cell.numberFormat };
      }
    return out;
  }, sheet);
}

const near = (a: unknown, b: number, eps = 0.00005) => typeof a === "number" && Math.abs(a - b) < eps;

describe("task pane in Chromium at 320 px", () => {
  it("scores the sample, selects a finding's cell, inserts the summary, switches language", async () => {
    const { page, foreign, pageErrors } = await guardedPage(320, 900);
    await page.goto(`${server.url}/taskpane.html`);
    const scoreButton = page.getByRole("button", { name: "评分", exact: true });
    await scoreButton.waitFor();
    await page.getByText("预算执行表：工作表“预算执行”", { exact: false }).waitFor();
    await expectEnabled(page, scoreButton);
    await scoreButton.click();
    await page.getByTestId("total-score").waitFor();
    expect(await page.getByTestId("total-score").textContent()).toBe("85.54");
    expect(await page.getByTestId("grade").textContent()).toBe("良");

    // The simulated workbook now holds the total, the grade and the level rates.
    const indicators = await sheetCells(page, "指标评分");
    const values = Object.values(indicators).map((c) => c.value);
    expect(values.some((v) => near(v, 85.54, 0.005))).toBe(true);
    expect(values).toContain("良");
    for (const rate of [20.34 / 30, 38 / 40, 5 / 5, 14.2 / 15, 8 / 10])
      expect(values.some((v) => near(v, rate, 0.0001))).toBe(true);
    const budget = Object.values(await sheetCells(page, "预算执行")).map((c) => c.value);
    expect(budget.some((v) => near(v, 667.92 / 552.45, 0.0001))).toBe(true);

    // Clicking the 执行率 finding selects its cell in the workbook.
    const finding = page.getByTestId("finding").filter({ hasText: "120.90%" }).first();
    await finding.getByRole("button").first().click();
    const where =
      (await finding
        .getByText(/^预算执行!/)
        .first()
        .textContent()) ?? "";
    const selection = await page.evaluate(
      () => (window as unknown as { perfEvalWorkbook: { selection: unknown } }).perfEvalWorkbook.selection,
    );
    expect(selection).toEqual({ sheet: "预算执行", address: where.replace(/^预算执行!/, "") });

    // 插入问题汇总表 → a new sheet holding 85.54.
    const before = await page.evaluate(() =>
      (window as unknown as { perfEvalWorkbook: { sheetNames(): string[] } }).perfEvalWorkbook.sheetNames(),
    );
    await page.getByRole("button", { name: "插入问题汇总表" }).click();
    await page.getByText(/已插入问题汇总表“.+”。/).waitFor();
    const after = await page.evaluate(() =>
      (window as unknown as { perfEvalWorkbook: { sheetNames(): string[] } }).perfEvalWorkbook.sheetNames(),
    );
    const added = after.filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    const summary = Object.values(await sheetCells(page, added[0])).map((c) => c.value);
    expect(summary.some((v) => near(v, 85.54, 0.005) || v === "85.54")).toBe(true);

    // Nothing is clipped sideways at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(RESULTS, "pane-zh-CN.png"), fullPage: true });

    // Language switch.
    await page.getByRole("button", { name: "Switch the pane to English" }).click();
    await page.getByRole("button", { name: "Score workbook", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Findings" }).waitFor();
    await page.getByRole("button", { name: "Insert findings summary" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(RESULTS, "pane-en-US.png"), fullPage: true });

    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("can be scored by keyboard alone (Tab to 评分, Enter), with a visible focus ring", async () => {
    const { page, foreign, pageErrors } = await guardedPage(320, 900);
    await page.goto(`${server.url}/taskpane.html`);
    const scoreButton = page.getByRole("button", { name: "评分", exact: true });
    await scoreButton.waitFor();
    await expectEnabled(page, scoreButton);
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(
        () =>
          document.activeElement?.textContent === "评分" &&
          document.activeElement.tagName === "BUTTON" &&
          document.activeElement.getAttribute("role") !== "tab",
      );
    }
    expect(reached).toBe(true);
    // Fluent draws its focus ring only for keyboard focus (data-fui-focus-visible).
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute("data-fui-focus-visible") ?? false),
    ).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByTestId("total-score").waitFor();
    expect(await page.getByTestId("total-score").textContent()).toBe("85.54");
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("keeps the task pane bundle under 300 KB gzipped and free of ExcelJS", () => {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((s) => !/^https?:/.test(s));
    expect(scripts.length).toBeGreaterThan(0);
    let gz = 0;
    for (const s of scripts) {
      const buf = fs.readFileSync(path.join(DIST, s.replace(/^\.?\//, "")));
      gz += zlib.gzipSync(buf, { level: 9 }).length;
      expect(buf.toString("utf8")).not.toContain("xl/sharedStrings.xml");
    }
    console.log(`taskpane scripts ${scripts.join(" ")}: ${(gz / 1024).toFixed(0)} KB gzipped`);
    expect(gz).toBeLessThan(300 * 1024);
    expect(html).toMatch(
      /<script[^>]+src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"/,
    );
    expect(html).toMatch(/Content-Security-Policy/);
  });
});

describe("several subjects at 320 px", () => {
  it("shows the overview after 评分, and a row opens that subject", async () => {
    // three 自评表 beside the sample's department (totals worked out in test/engine/subjects.test.ts):
    // 部门整体 85.54 良, 乡村道路养护 94.12 优, 桥梁维修 87.00 良, 公交运营补贴 97.00 优 (one error, 项目3!D7)
    const json = JSON.stringify(
      memoryWorkbookToJSON(
        MemoryWorkbook.fromSnapshot(projectsWorkbook(PROJECT_FORMS, { department: true })),
      ),
    );
    const { page, foreign, pageErrors } = await guardedPage(320, 900);
    await page.route("**/subjects-workbook.json", (route) =>
      route.fulfill({ body: json, contentType: "application/json" }),
    );
    await page.goto(`${server.url}/taskpane.html?workbook=subjects-workbook.json`);
    const scoreButton = page.getByRole("button", { name: "评分", exact: true });
    await scoreButton.waitFor();
    await expectEnabled(page, scoreButton);
    await scoreButton.click();
    await page.getByTestId("overview").waitFor();
    expect(await page.getByTestId("overview-total").allTextContents()).toEqual([
      "85.54 / 100 分",
      "94.12 / 100 分",
      "87.00 / 100 分",
      "97.00 / 100 分",
    ]);
    expect(await page.getByTestId("overview-grade").allTextContents()).toEqual(["良", "优", "良", "优"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(RESULTS, "pane-overview-zh-CN.png"), fullPage: true });
    await page.getByTestId("overview").screenshot({ path: path.join(RESULTS, "pane-overview-rows.png") });

    // each project's total is written on its own sheet (总分 row 19, 得分 column H)
    const bus = await sheetCells(page, "项目3");
    expect(bus.H19?.value).toBe(97);

    await page.getByTestId("overview-row").nth(3).click();
    await page.getByTestId("subject-view").waitFor();
    expect(await page.getByTestId("total-score").textContent()).toBe("97.00");
    const findings = page.getByTestId("finding");
    expect(await findings.count()).toBe(1);
    await findings.first().getByRole("button").first().click();
    const selection = await page.evaluate(
      () => (window as unknown as { perfEvalWorkbook: { selection: unknown } }).perfEvalWorkbook.selection,
    );
    expect(selection).toEqual({ sheet: "项目3", address: "D7" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(RESULTS, "pane-subject-zh-CN.png"), fullPage: true });
    await page.screenshot({ path: path.join(RESULTS, "pane-subject-top.png") });
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

describe("demo page", () => {
  /** Console errors and failed requests (a missing favicon shows as both). */
  function watchFailures(page: Page): string[] {
    const failures: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") failures.push(`console: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
    });
    return failures;
  }

  it("scores in the pane column, the grid moves to the first changed sheet and shows 85.54", async () => {
    const { page, foreign, pageErrors } = await guardedPage(1280, 900);
    const failures = watchFailures(page);
    await page.goto(`${server.url}/demo.html`);
    const pane = page.locator("#pane");
    const scoreButton = pane.getByRole("button", { name: "评分", exact: true });
    await scoreButton.waitFor();
    await expectEnabled(page, scoreButton);
    expect(await page.locator("#grid table").getAttribute("data-sheet")).toBe("基本信息");
    await scoreButton.click();
    await pane.getByTestId("total-score").waitFor();
    // 评分 changes nothing on 基本信息: the grid shows the first sheet it changed.
    await page.locator('#grid table[data-sheet="预算执行"]').waitFor();
    await page.locator("#grid").getByRole("tab", { name: "指标评分" }).click();
    await page
      .locator("#grid td", { hasText: /^85\.54$/ })
      .first()
      .waitFor();
    expect(await page.locator("#grid td[data-marked]").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS, "demo.png") });
    expect((await page.request.get(`${server.url}/favicon.ico`)).headers()["content-type"]).toBe("image/png");
    expect(failures).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("?lang=en-US shows the pane in English", async () => {
    const { page, foreign, pageErrors } = await guardedPage(1280, 900);
    await page.goto(`${server.url}/demo.html?lang=en-US`);
    await page.locator("#pane").getByRole("button", { name: "Score workbook", exact: true }).waitFor();
    expect(await page.locator("#pane").getByRole("button", { name: "评分", exact: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

async function expectEnabled(page: Page, locator: ReturnType<Page["locator"]>): Promise<void> {
  const handle = await locator.elementHandle();
  await page.waitForFunction((el) => el instanceof HTMLButtonElement && !el.disabled, handle);
}

describe("every view and state fits 320 px (issue 17)", () => {
  const sample = JSON.stringify(memoryWorkbookToJSON(MemoryWorkbook.fromSnapshot(gaozhuangSnapshot())));
  const empty = JSON.stringify(
    memoryWorkbookToJSON(
      MemoryWorkbook.fromSnapshot({
        sheets: [{ name: "Sheet1", top: 0, left: 0, values: [[null]], merges: [] }],
      }),
    ),
  );
  const subjects = JSON.stringify(
    memoryWorkbookToJSON(MemoryWorkbook.fromSnapshot(projectsWorkbook(PROJECT_FORMS, { department: true }))),
  );
  const widths: string[] = [];
  afterAll(() => console.log(`scrollWidth / clientWidth at 320 px:\n  ${widths.join("\n  ")}`));

  async function open(lang: "zh-CN" | "en-US", body: string): Promise<Guarded> {
    const guarded = await guardedPage(320, 900);
    await guarded.page.route("**/state-workbook.json", (route) =>
      route.fulfill({ body, contentType: "application/json" }),
    );
    await guarded.page.goto(`${server.url}/taskpane.html?workbook=state-workbook.json&lang=${lang}`);
    await guarded.page
      .getByRole("button", { name: lang === "zh-CN" ? "评分" : "Score workbook", exact: true })
      .waitFor();
    return guarded;
  }

  async function fits(page: Page, lang: string, state: string): Promise<void> {
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    widths.push(`${lang} ${state}: ${scroll} / ${client}`);
    await page.screenshot({ path: path.join(RESULTS, `pane-320-${lang}-${state}.png`), fullPage: true });
    expect({ state, scroll }).toEqual({ state, scroll: Math.min(scroll, client) });
  }

  async function score(page: Page, lang: string): Promise<void> {
    const button = page.getByRole("button", {
      name: lang === "zh-CN" ? "评分" : "Score workbook",
      exact: true,
    });
    await expectEnabled(page, button);
    await button.click();
  }

  for (const lang of ["zh-CN", "en-US"] as const) {
    it(`${lang}: no tables, tables found, scored, findings expanded, settings, overview, one subject`, async () => {
      const zh = lang === "zh-CN";
      let g = await open(lang, empty);
      await g.page.getByText(zh ? "没有识别到任何表格。" : "No tables were recognised.").waitFor();
      await fits(g.page, lang, "no-tables");
      await g.page.close();

      g = await open(lang, sample);
      await g.page
        .getByText(zh ? "预算执行表：工作表“预算执行”" : "Budget execution table: sheet “预算执行”", {
          exact: false,
        })
        .waitFor();
      await fits(g.page, lang, "tables-found");
      await score(g.page, lang);
      await g.page.getByTestId("total-score").waitFor();
      await fits(g.page, lang, "scored");
      const findings = g.page.getByTestId("finding");
      for (let i = 0; i < Math.min(4, await findings.count()); i++)
        await findings.nth(i).getByRole("button").first().click();
      await fits(g.page, lang, "findings-expanded");
      await g.page.getByRole("tab", { name: zh ? "设置" : "Settings" }).click();
      await g.page.getByRole("button", { name: zh ? "保存设置" : "Save settings" }).waitFor();
      await fits(g.page, lang, "settings");
      expect(g.pageErrors).toEqual([]);
      expect(g.foreign).toEqual([]);
      await g.page.close();

      g = await open(lang, subjects);
      await score(g.page, lang);
      await g.page.getByTestId("overview").waitFor();
      await fits(g.page, lang, "overview");
      await g.page.getByTestId("overview-row").nth(1).click();
      await g.page.getByTestId("subject-view").waitFor();
      await fits(g.page, lang, "subject");
      await g.page.close();
    });
  }

  const selfReview = JSON.stringify(memoryWorkbookToJSON(MemoryWorkbook.fromSnapshot(selfReviewWorkbook())));
  for (const lang of ["zh-CN", "en-US"] as const) {
    it(`${lang}: 复核 (自评 95 vs 复核 85 and the review findings by P-level)`, async () => {
      const g = await open(lang, selfReview);
      await score(g.page, lang);
      await g.page.getByTestId("review-compare").waitFor();
      expect(await g.page.getByTestId("review-row").count()).toBe(2);
      await g.page.getByRole("switch", { name: lang === "zh-CN" ? "复核" : "Review" }).click();
      await g.page.getByTestId("review-findings").waitFor();
      expect(await g.page.getByTestId("review-finding").count()).toBe(3);
      await fits(g.page, lang, "review");
      expect(g.pageErrors).toEqual([]);
      expect(g.foreign).toEqual([]);
      await g.page.close();
    });
  }
});
