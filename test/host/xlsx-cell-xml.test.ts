/**
 * A rewritten `<c>` keeps the input's attributes but r, s, t, cm and vm (src/host/xlsx/patch-sheet
 * cellXml); the edits of a part apply at their offsets whether they were added in order or not, those
 * at one offset in the order they were added (src/host/xlsx/xml Splices).
 */
import { cellXml } from "../../src/host/xlsx/patch-sheet";
import { Splices } from "../../src/host/xlsx/xml";

const number = (value: number, style = 0) => ({ value, formula: null, style });

describe("cellXml with the input's start tag", () => {
  it("drops only the attributes it writes itself", () => {
    for (const tag of [
      '<c r="A1">',
      '<c r="A1" s="2" t="s">',
      '<c  r=\'A1\'\n t="n" cm="1" vm="2"/>',
      '<x:c r="A1" s="3">',
    ])
      expect(cellXml("", 0, 0, number(5, 4), tag)).toBe('<c r="A1" s="4"><v>5</v></c>');
  });

  it("keeps any other attribute as written, after those it writes", () => {
    expect(cellXml("", 0, 1, number(1), '<c r="B1" ph="1" s="2">')).toBe('<c r="B1" ph="1"><v>1</v></c>');
    expect(cellXml("", 0, 1, number(1), `<c x14ac:foo='a"b' r="B1" t="s">`)).toBe(
      `<c r="B1" x14ac:foo='a"b'><v>1</v></c>`,
    );
    // a name that only starts like one of ours is not ours
    expect(cellXml("", 0, 1, number(1), '<c rr="1" ss="2" cmx="3" r="B1">')).toBe(
      '<c r="B1" rr="1" ss="2" cmx="3"><v>1</v></c>',
    );
  });
});

describe("Splices", () => {
  it("applies edits added in order and out of order alike; one offset keeps the order of adding", () => {
    const text = "0123456789";
    const inOrder = new Splices();
    inOrder.replace(1, 3, "a");
    inOrder.insert(5, "b");
    inOrder.insert(5, "c");
    inOrder.replace(8, 10, "d");
    expect(inOrder.apply(text)).toBe("0a34bc567d");
    const shuffled = new Splices();
    shuffled.replace(8, 10, "d");
    shuffled.insert(5, "b");
    shuffled.replace(1, 3, "a");
    shuffled.insert(5, "c");
    expect(shuffled.apply(text)).toBe("0a34bc567d");
    expect(shuffled.size).toBe(4);
  });

  it("refuses overlapping edits", () => {
    const s = new Splices();
    s.replace(2, 6, "x");
    s.replace(4, 5, "y");
    expect(() => s.apply("0123456789")).toThrow("overlapping edits");
  });
});
