/**
 * Renders assets/icon.svg to the PNG icons the manifest names (assets/icon-16/32/64/80.png) with
 * playwright-core driving Debian's Chromium (/usr/bin/chromium; `apt-get install -y chromium` when it is
 * missing — never `npx playwright install`). The background is left transparent (omitBackground), so
 * the badge's rounded corners blend with any ribbon colour.
 *
 * Usage: npx tsx scripts/render-icons.ts [--out <dir>]   (default: assets/ beside this script)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_PATH, launchChromium } from "./chromium";

export const ICON_SIZES = [16, 32, 64, 80] as const;

const repoRoot = path.resolve(__dirname, "..");

/** The SVG sized to `size` px: its viewBox stays, only the outer width/height change. */
export function sizedSvg(svg: string, size: number): string {
  const open = svg.match(/<svg\b[^>]*>/);
  if (!open) throw new Error("icon.svg: no <svg> element found");
  const resized = open[0]
    .replace(/\swidth="[^"]*"/, "")
    .replace(/\sheight="[^"]*"/, "")
    .replace(/^<svg\b/, `<svg width="${size}" height="${size}"`);
  return svg.replace(open[0], resized);
}

/** Renders `svg` at each size and returns the PNG bytes by size. */
export async function renderIcons(
  svg: string,
  sizes: readonly number[] = ICON_SIZES,
): Promise<Map<number, Buffer>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run \`apt-get install -y chromium\` first`);
  }
  const browser = await launchChromium();
  try {
    const result = new Map<number, Buffer>();
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const html =
        "<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}" +
        "svg{display:block}</style></head><body>" +
        sizedSvg(svg, size) +
        "</body></html>";
      await page.setContent(html);
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      result.set(size, png);
      await page.close();
    }
    return result;
  } finally {
    await browser.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const outIndex = argv.indexOf("--out");
  const outDir =
    outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]) : path.join(repoRoot, "assets");
  const svg = readFileSync(path.join(repoRoot, "assets", "icon.svg"), "utf8");
  mkdirSync(outDir, { recursive: true });
  const pngs = await renderIcons(svg);
  for (const [size, png] of pngs) {
    const file = path.join(outDir, `icon-${size}.png`);
    writeFileSync(file, png);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size}, ${png.length} bytes)`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
