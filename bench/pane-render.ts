/** First render of the task pane in headless Chromium: serve dist/, route office.js to the in-memory
 *  stub, and time from navigation start until the 评分 button is on screen. */
import { chromium } from "playwright-core";
import { startServer } from "../scripts/serve";
import * as path from "node:path";

export async function firstRenderMs(dist: string): Promise<number> {
  const server = await startServer({ root: dist, port: 0 });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ path: path.join(dist, "office-stub.js"), contentType: "application/javascript" }),
    );
    await page.goto(`${server.url}/taskpane.html`);
    await page
      .getByRole("button", { name: /评分|Score/ })
      .first()
      .waitFor();
    return await page.evaluate(() => performance.now());
  } finally {
    await browser.close();
    await server.close();
  }
}
