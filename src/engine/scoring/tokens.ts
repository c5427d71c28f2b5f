/**
 * The 评分标准 tokenizer: normalises full-width forms and comparison spellings, then cuts the text into
 * numbers, comparisons, range dashes, inclusive markers, points phrases (计N分 / 不得分 / 满分), deduction
 * phrases (每超过 … 扣N分), ratio phrases (按完成比例 / 完成率×分值) and plain words. Keywords are data
 * (one table each); the grammar lives in ./criteria.ts.
 */

export type CmpOp = "<" | "<=" | ">" | ">=" | "=";
export type PerDirection = "above" | "below" | "both";

export type Token =
  | { t: "num"; value: number; percent: boolean }
  | { t: "cmp"; op: CmpOp }
  /** A comparison written after its number: 90%以上, 60%以下, 5%以内. */
  | { t: "suffix"; op: CmpOp }
  | { t: "range" }
  | { t: "incl" }
  | { t: "excl" }
  | { t: "sep" }
  /** 计 / 得 / 记 / 给予, before a number of points. */
  | { t: "award" }
  /** 分 right after a number. */
  | { t: "fen" }
  | { t: "zero" }
  | { t: "full" }
  /** 扣 / 扣除 / 减, before a number of points. */
  | { t: "deduct" }
  /** 每超过 / 每低于 / 每偏离 …; dir null for a 每 this grammar does not know (每发现一处). */
  | { t: "per"; dir: PerDirection | null }
  /** 个百分点 / 百分点. */
  | { t: "pp" }
  | { t: "floor" }
  | { t: "cap" }
  /** 最多扣 / 扣分不超过: a cap on the total deduction. */
  | { t: "maxDeduct" }
  /** 为标准 in `以100%为标准`. */
  | { t: "standard" }
  | { t: "ratio" }
  | { t: "word"; text: string };

/** Full-width ASCII (！–～) and the ideographic space become their half-width forms; the many spellings
 *  of ≤ ≥ become one each. */
export function normalizeText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out
    .replace(/[≦≤]|<=|=</g, "≤")
    .replace(/[≧≥]|>=|=>/g, "≥")
    .replace(/[﹤〈]/g, "<")
    .replace(/[﹥〉]/g, ">")
    .replace(/[—–－─]/g, "-")
    .replace(/[〜]/g, "~")
    .replace(/[×✕╳]/g, "×")
    .replace(/\r\n?/g, "\n");
}

interface Keyword {
  text: string;
  token: Token;
  /** Only a keyword when a number (optionally after spaces or a sign) follows. */
  beforeNumber?: boolean;
  /** Only a keyword right after a number token. */
  afterNumber?: boolean;
}

const cmp = (op: CmpOp): Token => ({ t: "cmp", op });
const per = (dir: PerDirection | null): Token => ({ t: "per", dir });

/** Every keyword, tried longest first at each position. */
const KEYWORD_LIST: Keyword[] = [
  // inclusive / exclusive markers
  { text: "(含)", token: { t: "incl" } },
  { text: "[含]", token: { t: "incl" } },
  { text: "(含本数)", token: { t: "incl" } },
  { text: "(包含)", token: { t: "incl" } },
  { text: "(不含)", token: { t: "excl" } },
  { text: "(不含本数)", token: { t: "excl" } },
  // points
  { text: "不得分", token: { t: "zero" } },
  { text: "不计分", token: { t: "zero" } },
  { text: "不给分", token: { t: "zero" } },
  { text: "得零分", token: { t: "zero" } },
  { text: "计零分", token: { t: "zero" } },
  { text: "得满分", token: { t: "full" } },
  { text: "计满分", token: { t: "full" } },
  { text: "记满分", token: { t: "full" } },
  { text: "满分", token: { t: "full" } },
  { text: "满分为止", token: { t: "cap" } },
  { text: "以满分为限", token: { t: "cap" } },
  { text: "最高为满分", token: { t: "cap" } },
  { text: "计", token: { t: "award" }, beforeNumber: true },
  { text: "记", token: { t: "award" }, beforeNumber: true },
  { text: "得", token: { t: "award" }, beforeNumber: true },
  { text: "给", token: { t: "award" }, beforeNumber: true },
  { text: "给予", token: { t: "award" }, beforeNumber: true },
  { text: "分", token: { t: "fen" }, afterNumber: true },
  // deductions
  { text: "扣", token: { t: "deduct" }, beforeNumber: true },
  { text: "扣除", token: { t: "deduct" }, beforeNumber: true },
  { text: "扣减", token: { t: "deduct" }, beforeNumber: true },
  { text: "减", token: { t: "deduct" }, beforeNumber: true },
  { text: "扣完为止", token: { t: "floor" } },
  { text: "扣完即止", token: { t: "floor" } },
  { text: "扣至0分为止", token: { t: "floor" } },
  { text: "扣至零分为止", token: { t: "floor" } },
  { text: "最低为0分", token: { t: "floor" } },
  { text: "最低0分", token: { t: "floor" } },
  { text: "最多扣", token: { t: "maxDeduct" }, beforeNumber: true },
  { text: "最高扣", token: { t: "maxDeduct" }, beforeNumber: true },
  { text: "最多扣除", token: { t: "maxDeduct" }, beforeNumber: true },
  { text: "扣分不超过", token: { t: "maxDeduct" }, beforeNumber: true },
  { text: "最多扣减", token: { t: "maxDeduct" }, beforeNumber: true },
  { text: "每超过", token: per("above") },
  { text: "每超出", token: per("above") },
  { text: "每高于", token: per("above") },
  { text: "每增加", token: per("above") },
  { text: "每增长", token: per("above") },
  { text: "每上升", token: per("above") },
  { text: "每提高", token: per("above") },
  { text: "每多", token: per("above") },
  { text: "每低于", token: per("below") },
  { text: "每减少", token: per("below") },
  { text: "每下降", token: per("below") },
  { text: "每降低", token: per("below") },
  { text: "每少于", token: per("below") },
  { text: "每少", token: per("below") },
  { text: "每不足", token: per("below") },
  { text: "每偏离", token: per("both") },
  { text: "每偏差", token: per("both") },
  { text: "每相差", token: per("both") },
  { text: "每", token: per(null) },
  { text: "个百分点", token: { t: "pp" } },
  { text: "百分点", token: { t: "pp" } },
  { text: "为标准", token: { t: "standard" } },
  { text: "为基准", token: { t: "standard" } },
  // comparisons written as symbols or words
  { text: "≤", token: cmp("<=") },
  { text: "≥", token: cmp(">=") },
  { text: "<", token: cmp("<") },
  { text: ">", token: cmp(">") },
  { text: "=", token: cmp("="), beforeNumber: true },
  { text: "大于等于", token: cmp(">="), beforeNumber: true },
  { text: "大于或等于", token: cmp(">="), beforeNumber: true },
  { text: "高于或等于", token: cmp(">="), beforeNumber: true },
  { text: "不低于", token: cmp(">="), beforeNumber: true },
  { text: "不少于", token: cmp(">="), beforeNumber: true },
  { text: "不小于", token: cmp(">="), beforeNumber: true },
  { text: "达到", token: cmp(">="), beforeNumber: true },
  { text: "小于等于", token: cmp("<="), beforeNumber: true },
  { text: "小于或等于", token: cmp("<="), beforeNumber: true },
  { text: "低于或等于", token: cmp("<="), beforeNumber: true },
  { text: "不高于", token: cmp("<="), beforeNumber: true },
  { text: "不超过", token: cmp("<="), beforeNumber: true },
  { text: "不大于", token: cmp("<="), beforeNumber: true },
  { text: "不多于", token: cmp("<="), beforeNumber: true },
  { text: "控制在", token: cmp("<="), beforeNumber: true },
  { text: "大于", token: cmp(">"), beforeNumber: true },
  { text: "高于", token: cmp(">"), beforeNumber: true },
  { text: "超过", token: cmp(">"), beforeNumber: true },
  { text: "超出", token: cmp(">"), beforeNumber: true },
  { text: "多于", token: cmp(">"), beforeNumber: true },
  { text: "小于", token: cmp("<"), beforeNumber: true },
  { text: "低于", token: cmp("<"), beforeNumber: true },
  { text: "少于", token: cmp("<"), beforeNumber: true },
  { text: "不足", token: cmp("<"), beforeNumber: true },
  { text: "等于", token: cmp("="), beforeNumber: true },
  { text: "为", token: cmp("="), beforeNumber: true },
  { text: "是", token: cmp("="), beforeNumber: true },
  // comparisons written after the number (以上/以下 include the number, as in Chinese legal usage)
  { text: "及以上", token: { t: "suffix", op: ">=" }, afterNumber: true },
  { text: "以上", token: { t: "suffix", op: ">=" }, afterNumber: true },
  { text: "及以下", token: { t: "suffix", op: "<=" }, afterNumber: true },
  { text: "以下", token: { t: "suffix", op: "<=" }, afterNumber: true },
  { text: "以内", token: { t: "suffix", op: "<=" }, afterNumber: true },
  // range dashes (a plain "-" is handled with numbers: a range after a number, else a minus sign)
  { text: "~", token: { t: "range" } },
  { text: "至", token: { t: "range" }, beforeNumber: true },
  { text: "到", token: { t: "range" }, beforeNumber: true },
];
/** Keywords by first character, longest first. */
const KEYWORDS = new Map<string, Keyword[]>();
for (const kw of [...KEYWORD_LIST].sort((a, b) => b.text.length - a.text.length)) {
  const list = KEYWORDS.get(kw.text[0]) ?? [];
  list.push(kw);
  KEYWORDS.set(kw.text[0], list);
}

/** Ratio phrases: 按(实际)完成比例(计算)得分, 完成率×分值, 得分=完成率×分值, 分值×完成率. */
const RATIO_PATTERNS: RegExp[] = [
  /按(?:实际)?(?:完成|执行)?(?:比例|比率|进度)(?:计算)?(?:得分|计分|给分|赋分)?/y,
  /(?:得分\s*=\s*)?(?:实际)?(?:完成|执行|达成)(?:率|比例|值\/目标值)\s*[×*xX]\s*(?:该项|该指标|本项)?(?:指标)?(?:分值|权重|满分|总分)/y,
  /(?:得分\s*=\s*)?(?:该项|本项)?(?:指标)?(?:分值|权重|满分)\s*[×*xX]\s*(?:实际)?(?:完成|执行|达成)(?:率|比例)/y,
];

/** Characters a ratio phrase can start with (so the patterns are only tried there). */
const RATIO_START = new Set([..."按得实完执达该本指分权满"]);

const SEPARATORS = new Set([",", ";", "。", "、", ":", "\n", "，", "；"]);
const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A Chinese numeral up to 九十九 (一, 十, 十五, 二十, 半), or null. */
function chineseNumber(run: string): number | null {
  if (run === "半") return 0.5;
  if (run.length === 1 && run in CHINESE_DIGITS) return CHINESE_DIGITS[run];
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(run);
  if (!m) return null;
  return (m[1] ? CHINESE_DIGITS[m[1]] : 1) * 10 + (m[2] ? CHINESE_DIGITS[m[2]] : 0);
}

const DIGIT = /[0-9]/;
const CHINESE_NUMERAL = /[零一二两三四五六七八九十半]/;

/** True when a number starts at `i` (after spaces, optionally signed). */
function numberAhead(s: string, i: number): boolean {
  let j = i;
  while (s[j] === " ") j++;
  if (s[j] === "-" || s[j] === "+") j++;
  if (DIGIT.test(s[j] ?? "")) return true;
  // a Chinese numeral counts only when a unit follows it (一个百分点, 五分)
  let k = j;
  while (CHINESE_NUMERAL.test(s[k] ?? "")) k++;
  return k > j && /[个分项次%]/.test(s[k] ?? "") && chineseNumber(s.slice(j, k)) !== null;
}

/** Cut normalised 评分标准 text into tokens. Never throws. */
export function tokenize(raw: string): Token[] {
  const s = normalizeText(raw);
  const tokens: Token[] = [];
  let word = "";
  const flushWord = () => {
    if (word.trim()) tokens.push({ t: "word", text: word.trim() });
    word = "";
  };
  const push = (token: Token) => {
    flushWord();
    tokens.push(token);
  };
  const lastIsNumber = () => word === "" && tokens.length > 0 && tokens[tokens.length - 1].t === "num";
  const lastIsBound = () => {
    if (word !== "" || tokens.length === 0) return false;
    const last = tokens[tokens.length - 1].t;
    return last === "num" || last === "incl" || last === "excl";
  };

  let i = 0;
  outer: while (i < s.length) {
    const ch = s[i];
    if (ch === " " || ch === "\t") {
      flushWord();
      i++;
      continue;
    }
    if (SEPARATORS.has(ch)) {
      push({ t: "sep" });
      i++;
      continue;
    }
    for (const pattern of RATIO_START.has(ch) ? RATIO_PATTERNS : []) {
      pattern.lastIndex = i;
      const m = pattern.exec(s);
      if (m && m[0].length > 0) {
        push({ t: "ratio" });
        i += m[0].length;
        continue outer;
      }
    }
    // "×100%" ends a formula that defines the metric (执行率=支出/预算×100%): part of the words
    const times100 = /^[×*xX]\s*100\s*%?/.exec(s.slice(i, i + 8));
    if (times100 && word !== "") {
      word += times100[0];
      i += times100[0].length;
      continue;
    }
    // numbers: 12, 0.5, 10%, -5% (a "-" after a number is a range dash instead)
    if (DIGIT.test(ch) || ((ch === "-" || ch === "+") && !lastIsBound() && DIGIT.test(s[i + 1] ?? ""))) {
      const m = /^[-+]?\d+(?:\.\d+)?/.exec(s.slice(i));
      if (m) {
        let value = Number(m[0]);
        let j = i + m[0].length;
        let percent = false;
        while (s[j] === " ") j++;
        if (s[j] === "%" || s[j] === "‰") {
          value = s[j] === "%" ? value / 100 : value / 1000;
          percent = true;
          j++;
        } else j = i + m[0].length;
        push({ t: "num", value, percent });
        i = j;
        continue;
      }
    }
    if (ch === "-" && lastIsBound()) {
      push({ t: "range" });
      i++;
      continue;
    }
    if (CHINESE_NUMERAL.test(ch) && word === "" && numberAhead(s, i)) {
      let k = i;
      while (CHINESE_NUMERAL.test(s[k] ?? "")) k++;
      const value = chineseNumber(s.slice(i, k));
      if (value !== null) {
        push({ t: "num", value, percent: false });
        i = k;
        continue;
      }
    }
    for (const kw of KEYWORDS.get(ch) ?? []) {
      if (!s.startsWith(kw.text, i)) continue;
      if (kw.beforeNumber && !numberAhead(s, i + kw.text.length)) continue;
      if (kw.afterNumber && !lastIsNumber()) continue;
      push(kw.token);
      i += kw.text.length;
      continue outer;
    }
    word += ch;
    i++;
  }
  flushWord();
  return tokens;
}
