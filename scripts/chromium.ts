/**
 * Debian's Chromium for headless work (browser tests, the pane benchmark, icon rendering): one place for
 * its path and flags. Never `npx playwright install`: CI installs the `chromium` package. The
 * background-networking flags keep Chromium from calling out of this offline machine.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
