/** Text is cut to Excel's 32,767 characters with a visible "…（已截断）" (the copy's cells and summary
 *  through it: test/host/xlsx-patch-host.test.ts). */
import { fitCellText, MAX_CELL_CHARS, TRUNCATED_MARK } from "../../src/host/cells";

describe("fitCellText", () => {
  it("keeps text up to 32,767 characters and cuts longer text with the mark, never inside a pair", () => {
    const exact = "字".repeat(MAX_CELL_CHARS);
    expect(fitCellText(exact)).toBe(exact);
    const cut = fitCellText("字".repeat(MAX_CELL_CHARS + 1));
    expect(cut.length).toBe(MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATED_MARK)).toBe(true);
    // a surrogate pair straddling the cut is dropped whole: one code unit shorter
    const keep = MAX_CELL_CHARS - TRUNCATED_MARK.length; // 32,761 code units before the mark
    const astral = "a".repeat(keep - 1) + "𠀀" + "b".repeat(10);
    const cutPair = fitCellText(astral);
    expect(cutPair).toBe("a".repeat(keep - 1) + TRUNCATED_MARK);
  });
});
