/** A refused argument is told in our own words in both languages, with exit code 2: parseArgs's error codes
 *  (unknown option, missing or unwanted value, unexpected positional) map to the CLI's texts, and
 *  node:util's English ("To specify a positional argument …") never reaches the user. */
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
import { parseCommandArgs } from "../../src/cli/messages";

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
const OUT_DIR = path.join(__dirname, "no-such-out-dir");

/** Fragments of node:util parseArgs's own messages. */
const LIBRARY_ENGLISH = [
  "To specify",
  "positional argument",
  "argument missing",
  "ambiguous",
  "does not take an argument",
  "Did you forget",
  "<value>",
];

async function run(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: Io = { stdout: () => undefined, stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stderr };
}

function expectOwnWords(stderr: string, lang: "zh-CN" | "en-US") {
  for (const fragment of LIBRARY_ENGLISH) expect(stderr).not.toContain(fragment);
  if (lang === "zh-CN") {
    // Besides option names, the command's name and the paths, a Chinese message has no English words.
    const rest = stderr
      .replace(/perf-eval/g, "")
      .replace(/--?[\w-]+(=\S*)?/g, "")
      .replace(/[\w.-]+\.xlsx/g, "");
    expect(rest).not.toMatch(/[A-Za-z]{3,}/);
  }
}

describe("argument errors", () => {
  it.each([
    // ERR_PARSE_ARGS_UNKNOWN_OPTION, in each command
    [["score", SAMPLE, "--bogus"], "未知选项“--bogus”。", "Unknown option '--bogus'."],
    [["score", SAMPLE, "-x"], "未知选项“-x”。", "Unknown option '-x'."],
    [["score", SAMPLE, "--out-dir", OUT_DIR, "--bogus"], "未知选项“--bogus”。", "Unknown option '--bogus'."],
    [["report", SAMPLE, "--bogus"], "未知选项“--bogus”。", "Unknown option '--bogus'."],
    [["review", SAMPLE, "--bogus"], "未知选项“--bogus”。", "Unknown option '--bogus'."],
    // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: missing value, a value that looks like an option, an unwanted value
    [["score", SAMPLE, "--out"], "选项“--out”需要一个值。", "Option '--out' needs a value."],
    [["review", SAMPLE, "--out"], "选项“--out”需要一个值。", "Option '--out' needs a value."],
    [
      ["score", SAMPLE, "--out", "--json", "r.json"],
      "选项“--out”需要一个值；如值以“-”开头，请写成 --out=值。",
      "Option '--out' needs a value; for a value starting with '-', write --out=value.",
    ],
    [
      ["score", SAMPLE, "--allow-loss=yes"],
      "选项“--allow-loss”不带值。",
      "Option '--allow-loss' takes no value.",
    ],
  ])("%j", async (argv, zh, en) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(zh);
    expect(r.stderr).toContain("运行 perf-eval --help 查看用法。");
    expectOwnWords(r.stderr, "zh-CN");

    for (const langArgs of [["--lang", "en-US"], ["--lang=en-US"]]) {
      const e = await run(argv[0], ...langArgs, ...argv.slice(1));
      expect(e.code).toBe(2);
      expect(e.stderr).toContain(en);
      expect(e.stderr).toContain("Run perf-eval --help for usage.");
      expectOwnWords(e.stderr, "en-US");
    }
  });

  it.each([
    ["zh-CN", "多余的参数：extra.xlsx"],
    ["en-US", "Unexpected arguments: extra.xlsx"],
  ] as const)("ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL in %s", (lang, expected) => {
    let message = "";
    try {
      parseCommandArgs(["extra.xlsx"], { out: { type: "string" } }, lang, (m) => new Error(m), false);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(expected);
    expectOwnWords(message, lang);
  });

  it("lets an error that is not a refusal of the arguments through (a bug in the options)", () => {
    const bad = { out: { type: "number" } } as unknown as { out: { type: "string" } };
    expect(() => parseCommandArgs([], bad, "zh-CN", (m) => new Error(`refused: ${m}`))).toThrow(
      /options\.out\.type/,
    );
  });
});
