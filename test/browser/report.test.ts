/**
 * 生成评价报告 in the built task pane (Chromium, 320 px, the in-memory Excel behind the office.js stand-in):
 * the .docx renderer is not loaded by the first render, the click loads its chunk and hands over a .docx
 * download whose document.xml holds the sample's numbers; a screenshot shows the button. Needs
 * `npm run build` first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../scripts/chromium";
import { startServer, type RunningServer } from "../../scripts/serve";
import { readDocx } from "../report/docx-text";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const RESULTS = path.join(ROOT, "test-results");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CHUNK = "pane-report-docx.js";

jest.setTimeout(120_000);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/ is missing: run `npm run build` first.");
  fs.mkdirSync(path.join(RESULTS, "report"), { recursive: true });
  server = await startServer({ root: DIST, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("生成评价报告 in the task pane", () => {
  it("keeps the .docx renderer out of the first render and hands over the sample's report as a download", async () => {
    const context = await browser.newContext({
      viewport: { width: 320, height: 900 },
      locale: "zh-CN",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const requested: string[] = [];
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (url === OFFICE_JS) {
        await route.fulfill({
          path: path.join(DIST, "office-stub.js"),
          contentType: "application/javascript",
        });
        return;
      }
      const { protocol, hostname } = new URL(url);
      if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1") await route.continue();
      else await route.abort();
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole("button", { name: "评分", exact: true }).click();
    await page.getByTestId("total-score").waitFor();
    const button = page.getByRole("button", { name: "生成评价报告" });
    await button.scrollIntoViewIfNeeded();
    await page
      .locator('section[aria-labelledby="actions-title"]')
      .screenshot({ path: path.join(RESULTS, "report", "pane-report-button.png") });
    // Scored and rendered, and the renderer's chunk not requested yet.
    expect(requested.filter((u) => u.endsWith(CHUNK))).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toBe(
      "2023年度平顶山市石龙区高庄街道办事处部门整体绩效评价报告.docx",
    );
    const saved = path.join(RESULTS, "report", "pane-download.docx");
    await download.saveAs(saved);
    expect(requested.filter((u) => u.endsWith(CHUNK))).toHaveLength(1);
    const doc = await readDocx(fs.readFileSync(saved));
    expect(doc.headings1.slice(0, 5)).toEqual([
      "一、基本情况",
      "二、综合评价结论",
      "三、主要成效",
      "四、存在问题",
      "五、有关建议",
    ]);
    expect(doc.tableRows.at(-1)).toEqual(["合计", "100", "85.54", "85.54%"]);
    await page.getByText("已生成评价报告").waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("keeps the renderer's chunk at most 80 KB gzipped", () => {
    const bytes = fs.readFileSync(path.join(DIST, CHUNK));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    console.log(`${CHUNK}: ${(bytes.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
    expect(gz).toBeLessThanOrEqual(80 * 1024);
    // The pane's own bundle does not carry the renderer (docx's packer is only in the chunk).
    expect(fs.readFileSync(path.join(DIST, "taskpane.js"), "utf8")).not.toContain("word/document.xml");
    expect(bytes.toString("utf8")).toContain("word/document.xml");
  });
});
