/** First render of the task pane in headless Chromium: serve dist/, route office.js to the in-memory
 *  stand-in, and time from navigation start until the 评分 button is on screen. `frameMs` is the frame
 *  the button first appears in (a MutationObserver in the page notes it, and the next animation frame —
 *  the one that paints it — stamps the time); `seenMs` is when Playwright's own role query saw it, which
 *  adds the harness's polling and round trips. */
import { launchChromium } from "../scripts/chromium";
import { startServer } from "../scripts/serve";
import * as path from "node:path";

export interface FirstRender {
  frameMs: number;
  seenMs: number;
}

type Stamped = Window & { __perfEvalButtonFrame?: number };

/** Runs in the page before its own scripts: stamps the frame the 评分 button first appears in. */
const STAMP_BUTTON_FRAME = `(() => {
  const found = () =>
    Array.from(document.querySelectorAll("button")).some((b) => /评分|Score/.test(b.textContent || ""));
  const observer = new MutationObserver(() => {
    if (!found()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__perfEvalButtonFrame = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export async function firstRender(dist: string): Promise<FirstRender> {
  const server = await startServer({ root: dist, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ path: path.join(dist, "office-stub.js"), contentType: "application/javascript" }),
    );
    // a string, not a function: the bench runs under tsx, whose transform would add helpers the page lacks
    await page.addInitScript(STAMP_BUTTON_FRAME);
    await page.goto(`${server.url}/taskpane.html`);
    await page
      .getByRole("button", { name: /评分|Score/ })
      .first()
      .waitFor();
    const seenMs = await page.evaluate(() => performance.now());
    const frameMs = await page.waitForFunction(() => (window as Stamped).__perfEvalButtonFrame);
    return { frameMs: Number(await frameMs.jsonValue()), seenMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
