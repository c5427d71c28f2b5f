/**
 * Turning anything a use-case throws into what the pane shows: the HostError's own message (in the
 * pane's language when the error carries one) plus a "what to do" hint from the dictionary by code.
 */
import type { Lang } from "../engine/types";
import type { HostErrorCode } from "../host/port";
import { t, type MessageKey } from "../i18n";

const HINTS: Record<HostErrorCode, MessageKey> = {
  NoExcel: "error.hint.NoExcel",
  SheetProtected: "error.hint.SheetProtected",
  SyncFailed: "error.hint.SyncFailed",
  TooLarge: "error.hint.TooLarge",
  NotFound: "error.hint.NotFound",
  Unreadable: "error.hint.Unreadable",
  WouldLoseContent: "error.hint.WouldLoseContent",
};

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  messageEn?: unknown;
  messages?: unknown;
}

interface ShownError {
  message: string;
  hint: string;
}

function localisedMessage(err: ErrorLike, lang: Lang): string | null {
  if (err.messages && typeof err.messages === "object") {
    const text = (err.messages as Record<string, unknown>)[lang];
    if (typeof text === "string" && text) return text;
  }
  if (lang === "en-US" && typeof err.messageEn === "string" && err.messageEn) return err.messageEn;
  return typeof err.message === "string" && err.message ? err.message : null;
}

export function describeError(error: unknown, lang: Lang): ShownError {
  const err: ErrorLike =
    error && typeof error === "object" ? (error as ErrorLike) : { message: String(error) };
  const code = typeof err.code === "string" && err.code in HINTS ? (err.code as HostErrorCode) : null;
  const text = localisedMessage(err, lang);
  const isHostError = code !== null || (error instanceof Error && error.name === "HostError");
  return {
    message: isHostError && text ? text : t(lang, "error.generic", { message: text ?? String(error) }),
    hint: t(lang, code ? HINTS[code] : "error.hint.unknown"),
  };
}
