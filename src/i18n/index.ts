/**
 * Pane language: pick zh-CN or en-US from Office's display language, and look strings up in the one
 * dictionary (./strings.ts), filling `{name}` placeholders.
 */
import { fillPlaceholders } from "../engine/format";
import type { Lang } from "../engine/types";
import { EN_US, ZH_CN, type MessageKey } from "./strings";

export type { MessageKey } from "./strings";

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { "zh-CN": ZH_CN, "en-US": EN_US };

/** "zh", "zh-CN", "zh-TW", "ZH-hans" → zh-CN; anything else (or nothing) → en-US. */
export function languageFor(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === "string" && /^zh(-|_|$)/i.test(displayLanguage.trim())
    ? "zh-CN"
    : "en-US";
}

/** The string for `key` in `lang`, with `{name}` replaced by params[name] (unknown names stay as written). */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return fillPlaceholders(DICTIONARIES[lang][key], params);
}

/** A bound translator for one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}
