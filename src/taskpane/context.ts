/** The pane's language, shared by every component (switchable in the header). */
import { createContext, useContext } from "react";
import type { Lang } from "../engine/types";
import { translator, type Translate } from "../i18n";

interface LangValue {
  lang: Lang;
  t: Translate;
}

export const LangContext = createContext<LangValue>({ lang: "zh-CN", t: translator("zh-CN") });

export function useLang(): LangValue {
  return useContext(LangContext);
}
