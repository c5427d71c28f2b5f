// The icons: one SVG source, PNGs at the manifest's sizes with a transparent background (the badge's
// rounded corners must not show a white square on a dark ribbon).
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { ICON_SIZES, sizedSvg } from "../../scripts/render-icons";

const assets = path.resolve(__dirname, "../../assets");

/** IHDR fields and the inflated image data of a PNG. */
function readPng(file: string): { width: number; height: number; colorType: number; data: Buffer } {
  const png = readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colorType = body[9];
    } else if (type === "IDAT") {
      idat.push(body);
    }
    offset += 12 + length;
  }
  return { width, height, colorType, data: inflateSync(Buffer.concat(idat)) };
}

describe("icons", () => {
  test.each(ICON_SIZES)("icon-%d.png is RGBA with a transparent top-left corner", (size) => {
    const png = readPng(path.join(assets, `icon-${size}.png`));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.colorType).toBe(6); // truecolour with alpha
    // Row 0, pixel 0: whatever the row's filter, its predictor is 0 there, so the bytes are the pixel.
    // Anti-aliasing of the rounded corner may leave a trace (alpha 1 of 255 at 16 px): invisible.
    const alpha = png.data[1 + 3];
    expect(alpha).toBeLessThanOrEqual(8);
  });

  test("the SVG source is sized per PNG without losing its viewBox", () => {
    const svg = readFileSync(path.join(assets, "icon.svg"), "utf8");
    const sized = sizedSvg(svg, 16);
    expect(sized).toMatch(/^<svg width="16" height="16" [^>]*viewBox="0 0 64 64"/);
    expect(sized.match(/<svg\b[^>]*>/)?.[0]).not.toMatch(/width="64"/);
    expect(() => sizedSvg("<g/>", 16)).toThrow("no <svg> element");
  });
});
