/**
 * What the command line prints to a terminal: text from workbooks (cell text, sheet and file names) can
 * hold control characters and escape sequences that would move the cursor, recolour or retitle the
 * terminal, or hide text. `terminalSafe` removes them; every line the command line prints about a
 * user's file goes through it. `Progress` is the batch's progress: a bar on a terminal (files done/total,
 * the current file, elapsed time and ETA, redrawn in place on standard error), plain lines otherwise.
 */
import { displayWidth } from "./summary";

// ESC sequences: CSI (ESC [ … final byte), OSC / DCS / SOS / PM / APC strings (ended by BEL or ESC \),
// and two-character escapes; their 8-bit C1 forms (CSI U+009B, OSC U+009D …) too.
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// the rest of C0 (tabs and line breaks become a space), DEL, C1, and the bidirectional overrides and
// isolates that reorder what follows them on the line
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]+/g;

/** `s` without control characters or escape sequences, on one line (breaks and tabs become spaces). */
export function terminalSafe(s: string): string {
  return s.replace(ESCAPES, "").replace(BREAKS, " ").replace(CONTROLS, "");
}

/** Each line made safe (a line keeps no break of its own). */
export function safeLines(lines: string[]): string[] {
  return lines.map(terminalSafe);
}

export interface ProgressIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard error is a terminal: draw the bar. */
  isTTY?: boolean;
  /** The terminal's width (default 80). */
  columns?: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** `s` cut to at most `width` display columns (an ellipsis at the front: a path's end says most). */
function fit(s: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(s) <= width) return s;
  const chars = [...s];
  let out = "";
  let used = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = displayWidth(chars[i]);
    if (used + w > width) break;
    out = chars[i] + out;
    used += w;
  }
  return "…" + out;
}

/**
 * The batch's progress. `line(i, text)` gives the finished line of entry i (0-based, in the batch's
 * order); lines are printed to standard output in that order, each as soon as every earlier one is
 * done, whatever order the files finish in. On a terminal a bar on standard error shows done/total, the
 * file being scored, elapsed time and ETA, cleared before a line is printed and drawn again after.
 */
export class Progress {
  private done = 0;
  private next = 0;
  private readonly pending = new Map<number, string>();
  private current = "";
  private readonly start: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(
    private readonly io: ProgressIo,
    private readonly total: number,
    private readonly labels: { eta: string },
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
    if (io.isTTY && total > 0) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref?.();
      this.draw();
    }
  }

  /** Entry `name` is being scored now. */
  started(name: string): void {
    this.current = terminalSafe(name);
    this.draw();
  }

  /** Entry `index` is finished; `text` is its line. */
  finished(index: number, text: string): void {
    this.done++;
    this.pending.set(index, terminalSafe(text));
    const ready: string[] = [];
    while (this.pending.has(this.next)) {
      ready.push(this.pending.get(this.next) as string);
      this.pending.delete(this.next);
      this.next++;
    }
    if (ready.length) {
      this.clear();
      this.io.stdout(ready.join("\n") + "\n");
    }
    this.draw();
  }

  /** The bar's text for `columns` (exposed for tests). */
  bar(columns = this.io.columns ?? 80): string {
    const elapsed = this.now() - this.start;
    const eta = this.done > 0 ? clock((elapsed / this.done) * (this.total - this.done)) : "--:--";
    const counts = `${this.done}/${this.total}`;
    const times = `${clock(elapsed)} ${this.labels.eta} ${eta}`;
    const width = Math.max(10, Math.min(30, columns - displayWidth(counts) - displayWidth(times) - 30));
    const filled = this.total ? Math.round((this.done / this.total) * width) : width;
    const head = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${counts} ${times} `;
    return head + fit(this.current, columns - 1 - displayWidth(head));
  }

  private draw(): void {
    if (!this.io.isTTY || this.total === 0) return;
    this.io.stderr(`\r\x1b[K${this.bar()}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.io.stderr("\r\x1b[K");
    this.drawn = false;
  }

  /** The run is over: the bar is removed. */
  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
