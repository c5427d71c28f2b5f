/**
 * The pane as WPS 表格 loads it: the WPS package (scripts/build-wps.ts, from dist/) served on 127.0.0.1, its
 * taskpane.html (no office.js) opened in Chromium with WPS's globals present — `Application` / `wps` being
 * the typed ET fake (test/host/wps-fake.ts, bundled by esbuild, holding the sample workbook) — so boot
 * picks the WPS adapter. 评分 shows 85.54 / 良 and the cells land in the fake, in block calls; a finding
 * selects its cell; the summary sheet is inserted. Then the ribbon shim (index.html → main.js) opens the
 * same pane URL. Any request off 127.0.0.1 fails the test. Needs `npm run build` first.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildSync } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { WPS_ADDIN_NAME, buildWpsPackage } from "../../scripts/build-wps";
import { launchChromium } from "../../scripts/chromium";
import { startServer, type RunningServer } from "../../scripts/serve";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const RESULTS = path.join(ROOT, "test-results");

jest.setTimeout(120_000);

let server: RunningServer;
let browser: Browser;
let tmp: string;
let folderUrl: string;
let fakeScript: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/ is missing: run `npm run build` first.");
  fs.mkdirSync(RESULTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wps-browser-"));
  const built = buildWpsPackage({ dist: DIST, out: tmp });
  const bundle = buildSync({
    entryPoints: [path.join(__dirname, "wps-page.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  const sample = fs.readFileSync(path.join(DIST, "gaozhuang-2023.json"), "utf8");
  fakeScript = `${bundle.outputFiles[0].text}\nwindow.installWpsFake(${sample});`;
  server = await startServer({ root: tmp, port: 0 });
  folderUrl = `${server.url}/${path.basename(built.folder)}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface Guarded {
  page: Page;
  foreign: string[];
  pageErrors: string[];
}

async function wpsPage(): Promise<Guarded> {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: "zh-CN" });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.route("**/*", async (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1") await route.continue();
    else {
      foreign.push(route.request().url());
      await route.abort();
    }
  });
  await page.addInitScript({ content: fakeScript });
  return { page, foreign, pageErrors };
}

/** The non-empty values of a sheet of the page's fake workbook. */
function fakeValues(page: Page, sheet: string): Promise<unknown[]> {
  return page.evaluate((name) => {
    const fake = (
      window as unknown as { perfEvalFake: { sheet(n: string): { cells: Map<number, { value: unknown }> } } }
    ).perfEvalFake;
    return [...fake.sheet(name).cells.values()].map((c) => c.value).filter((v) => v !== null && v !== "");
  }, sheet);
}

interface FakeStats {
  calls: number;
  reads: number;
  writes: number;
  log: { kind: string; what: string; cells: number }[];
}

function fakeStats(page: Page): Promise<FakeStats> {
  return page.evaluate(
    () => (window as unknown as { perfEvalFake: { stats: FakeStats } }).perfEvalFake.stats,
  );
}

const near = (a: unknown, b: number, eps = 0.00005) => typeof a === "number" && Math.abs(a - b) < eps;

describe("the pane inside WPS 表格 (ET fake as the WPS globals)", () => {
  it("boots on the WPS adapter: 评分 shows 85.54 / 良 and writes the cells into the workbook in blocks", async () => {
    const { page, foreign, pageErrors } = await wpsPage();
    await page.goto(`${folderUrl}/taskpane.html`);
    const scoreButton = page.getByRole("button", { name: "评分", exact: true });
    await scoreButton.waitFor();
    await page.getByText("预算执行表：工作表“预算执行”", { exact: false }).waitFor();
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "评分");
      return b !== undefined && !b.disabled && b.getAttribute("aria-disabled") !== "true";
    });
    const beforeScore = (await fakeStats(page)).calls;
    await scoreButton.click();
    await page.getByTestId("total-score").waitFor();
    expect(await page.getByTestId("total-score").textContent()).toBe("85.54");
    expect(await page.getByTestId("grade").textContent()).toBe("良");

    const indicators = await fakeValues(page, "指标评分");
    expect(indicators.some((v) => near(v, 85.54, 0.005))).toBe(true);
    expect(indicators).toContain("良");
    for (const rate of [20.34 / 30, 38 / 40, 5 / 5, 14.2 / 15, 8 / 10])
      expect(indicators.some((v) => near(v, rate, 0.0001))).toBe(true);
    const budget = await fakeValues(page, "预算执行");
    expect(budget.some((v) => near(v, 667.92 / 552.45, 0.0001))).toBe(true);

    // Every call went through the fake, in blocks: far fewer calls than cells written.
    const stats = await fakeStats(page);
    const scoring = stats.log.slice(beforeScore);
    const valueWrites = scoring.filter((c) => c.kind === "write" && c.what === "Value2");
    expect(valueWrites.length).toBeGreaterThan(0);
    const cellsWritten = valueWrites.reduce((n, c) => n + c.cells, 0);
    expect(cellsWritten).toBeGreaterThan(valueWrites.length);
    expect(scoring.length).toBeLessThan(400);
    // The ledger went into the add-in's very hidden sheet.
    const ledgerSheet = await page.evaluate(() =>
      (
        window as unknown as { perfEvalFake: { sheets: { name: string; visible: number }[] } }
      ).perfEvalFake.sheets
        .filter((s) => s.name.startsWith("_"))
        .map((s) => [s.name, s.visible]),
    );
    expect(ledgerSheet).toEqual([["_绩效评价助手", 2]]);

    // A finding selects its cell in WPS.
    const finding = page.getByTestId("finding").filter({ hasText: "120.90%" }).first();
    await finding.getByRole("button").first().click();
    const where = (
      (await finding
        .getByText(/^预算执行!/)
        .first()
        .textContent()) ?? ""
    ).replace(/^预算执行!/, "");
    await page.waitForFunction(
      () => (window as unknown as { perfEvalFake: { selection: unknown } }).perfEvalFake.selection !== null,
    );
    expect(
      await page.evaluate(
        () => (window as unknown as { perfEvalFake: { selection: unknown } }).perfEvalFake.selection,
      ),
    ).toEqual({
      sheet: "预算执行",
      address: where,
    });

    // 插入问题汇总表 → the sheet 问题汇总 in the fake, holding 85.54.
    await page.getByRole("button", { name: "插入问题汇总表" }).click();
    await page.getByText(/已插入问题汇总表“问题汇总”。/).waitFor();
    const summary = await fakeValues(page, "问题汇总");
    expect(summary.some((v) => near(v, 85.54, 0.005) || v === "85.54")).toBe(true);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(RESULTS, "pane-wps.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("the ribbon shim (index.html → main.js) opens taskpane.html of the same folder", async () => {
    const { page, foreign, pageErrors } = await wpsPage();
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const created: string[] = [];
      w.createdPanes = created;
      const app = w.Application as Record<string, unknown>;
      const store = new Map<string, unknown>();
      app.PluginStorage = {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: unknown) => store.set(k, v),
      };
      app.CreateTaskPane = (url: string) => {
        created.push(url);
        return { ID: 1, Visible: false, DockPosition: 0 };
      };
    });
    await page.goto(`${folderUrl}/index.html`);
    await page.waitForFunction(
      () => typeof (window as unknown as { OnAction?: unknown }).OnAction === "function",
    );
    const opened = await page.evaluate(() => {
      const w = window as unknown as {
        OnAddinLoad(r: unknown): boolean;
        OnAction(c: unknown): boolean;
        createdPanes: string[];
      };
      w.OnAddinLoad({});
      w.OnAction({ Id: "btnPerfEvalPane" });
      return w.createdPanes;
    });
    expect(opened).toEqual([`${folderUrl}/taskpane.html`]);
    // That URL is the pane, and it boots on WPS there.
    await page.goto(opened[0]);
    await page.getByRole("button", { name: "评分", exact: true }).waitFor();
    expect(opened[0]).toContain(`/${WPS_ADDIN_NAME}_`);
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
