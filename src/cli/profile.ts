/**
 * `--profile NAME|file.json`: a shipped rule profile by name (src/engine/profiles) or a profile file,
 * validated with every error naming its field. Gives the configuration, or the message to print.
 */
import { promises as fs } from "node:fs";
import { PROFILES, profileConfig, profileNamed, validateProfile } from "../engine/config";
import { joinZhList } from "../engine/format";
import type { EvalConfig, Lang } from "../engine/types";
import { text } from "./messages";

export async function loadProfile(
  arg: string,
  lang: Lang,
): Promise<{ config: EvalConfig; error?: undefined } | { config?: undefined; error: string }> {
  const shipped = profileNamed(arg);
  if (shipped) return { config: profileConfig(shipped) };
  if (!/\.json$/i.test(arg))
    return {
      error: text(lang, "profileUnknown", {
        name: arg,
        names:
          lang === "zh-CN" ? joinZhList(PROFILES.map((p) => p.name)) : PROFILES.map((p) => p.name).join(", "),
      }),
    };
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(arg, "utf8"));
  } catch (e) {
    return { error: text(lang, "profileUnreadable", { file: arg, reason: (e as Error).message }) };
  }
  const { config, errors } = validateProfile(data);
  if (errors.length)
    return {
      error: [
        text(lang, "profileInvalid", { file: arg }),
        ...errors.map((e) =>
          text(lang, "configLine", {
            path: e.path || (lang === "zh-CN" ? "(根)" : "(root)"),
            message: e.message[lang],
          }),
        ),
      ].join("\n"),
    };
  return { config };
}
