/** Colours as Excel's API takes them: "#RRGGBB", "#RGB" or an HTML colour name; read back as "#RRGGBB". */
import { ErrorCodes, RichApiError } from "./errors";

const NAMED: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  purple: "#800080",
  pink: "#FFC0CB",
  lightyellow: "#FFFFE0",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  gold: "#FFD700",
  navy: "#000080",
  darkred: "#8B0000",
  darkgreen: "#006400",
};

/** Normalise a colour, or throw InvalidArgument naming where. */
export function normalizeColor(input: unknown, location: string): string {
  if (typeof input === "string") {
    const text = input.trim();
    const hex6 = /^#?([0-9a-fA-F]{6})$/.exec(text);
    if (hex6) return `#${hex6[1].toUpperCase()}`;
    const hex3 = /^#([0-9a-fA-F]{3})$/.exec(text);
    if (hex3)
      return `#${hex3[1]
        .split("")
        .map((ch) => ch + ch)
        .join("")
        .toUpperCase()}`;
    const named = NAMED[text.toLowerCase()];
    if (named) return named;
  }
  throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
}
