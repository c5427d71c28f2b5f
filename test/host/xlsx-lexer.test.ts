import {
  decodeEntities,
  decodeXstring,
  encodeXstring,
  CLOSE,
  END,
  OPEN,
  TEXT,
  XmlLexer,
} from "../../src/host/xlsx/lexer";
import { sharedStringsOf } from "../../src/host/xlsx/book";
import { scanSheet } from "../../src/host/xlsx/sheet-scan";
import { XmlError } from "../../src/host/xlsx/xml";

function tokens(xml: string): string[] {
  const lex = new XmlLexer(xml);
  const out: string[] = [];
  for (let k = lex.next(); k !== END; k = lex.next()) {
    if (k === OPEN) out.push(`<${lex.name}${lex.selfClosing ? "/" : ""}@${lex.depth}`);
    else if (k === CLOSE) out.push(`</${lex.name}@${lex.depth}`);
    else if (k === TEXT) out.push(JSON.stringify(lex.text()));
  }
  return out;
}

describe("XmlLexer", () => {
  it("yields tags with depths, a self-closing tag as start and end, text decoded, CDATA as text", () => {
    const xml =
      '\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1"><b/><c>&lt;&#x4E2D;&#25991;&amp;\r\n</c><![CDATA[<&>]]></a>\n';
    expect(tokens(xml)).toEqual([
      "<a@1",
      "<b/@2",
      "</b@2",
      "<c@2",
      JSON.stringify("<中文&\n"),
      "</c@2",
      JSON.stringify("<&>"),
      "</a@1",
    ]);
  });

  it("reads attributes by qualified name, decoded and normalised; offsets cover the tag", () => {
    const xml = `<x:a  r = "A1" s='3' t="a&amp;b&#10;c\td" x:y="z"></x:a>`;
    const lex = new XmlLexer(xml);
    expect(lex.next()).toBe(OPEN);
    expect([lex.attr("r"), lex.attr("s"), lex.attr("t"), lex.attr("x:y"), lex.attr("y")]).toEqual([
      "A1",
      "3",
      "a&b\nc d",
      "z",
      undefined,
    ]);
    expect(xml.slice(lex.start, lex.end)).toBe(xml.slice(0, xml.indexOf("</")));
    expect(lex.next()).toBe(CLOSE);
    expect([lex.start, lex.end]).toEqual([xml.indexOf("</"), xml.length]);
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["a mismatched end tag", "<a></b>"],
    ["no root", "  "],
    ["two roots", "<a/><b/>"],
    ["text outside the root", "<a/>x"],
    ["an unquoted attribute", "<a x=1/>"],
    ["an attribute without a value", "<a x/>"],
    ["< in an attribute", '<a x="<"/>'],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["a bare ampersand", "<a>a & b</a>"],
    ["a truncated tag", '<a x="1"'],
    ["attributes without a space", '<a x="1"y="2"/>'],
  ])("refuses %s", (_, xml) => {
    expect(() => tokens(xml)).toThrow(XmlError);
  });

  it("decodes entities and Excel's _xHHHH_ escapes, and writes a literal escape back escaped", () => {
    expect(decodeEntities("a&quot;&apos;&gt;")).toBe("a\"'>");
    expect(decodeXstring("a_x000D_b_x005F_x0041_")).toBe("a\rb_x0041_");
    expect(decodeXstring(encodeXstring("keep _x0041_ as written"))).toBe("keep _x0041_ as written");
  });
});

describe("reading shared and inline strings", () => {
  it("joins rich-text runs, leaves phonetic runs out and decodes _xHHHH_", () => {
    const sst =
      '<sst xmlns="m"><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr/><t xml:space="preserve">ch </t></r><rPh><t>ふ</t></rPh></si>' +
      "<si><t>line_x000D__x000A_two</t></si><si/></sst>";
    expect(sharedStringsOf(sst)).toEqual(["plain", "rich ", "line\r\ntwo", ""]);
  });

  it("decodes _xHHHH_ in an inline string", () => {
    const xml =
      '<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a_x0009_b</t></is></c></row></sheetData></worksheet>';
    const { snapshot } = scanSheet(xml, {
      name: "s",
      sharedStrings: [],
      date1904: false,
      isMark: () => false,
    });
    expect(snapshot.values).toEqual([["a\tb"]]);
  });
});

describe("attributes read without decoding them whole", () => {
  const startTag = (xml: string): XmlLexer => {
    const lex = new XmlLexer(xml);
    lex.next();
    return lex;
  };

  it("attrDigits: plain digits as their number, -1 when absent, -2 when written otherwise", () => {
    const lex = startTag(`<a r="12" s="007" t=" 3" u="&#49;" v="" w="1234567890" x="1e2"/>`);
    expect(lex.attrDigits("r")).toBe(12);
    expect(lex.attrDigits("s")).toBe(7);
    for (const name of ["t", "u", "v", "w", "x"]) expect(lex.attrDigits(name)).toBe(-2);
    expect(lex.attrDigits("missing")).toBe(-1);
    // attr still decodes what attrDigits leaves to it
    expect(Number(lex.attr("u"))).toBe(1);
  });

  it("attrSpan: the raw value's offsets; attr returns a plain value as written", () => {
    const xml = `<a r="B7" q="x&amp;y" n="a\tb"/>`;
    const lex = startTag(xml);
    expect(lex.attrSpan("r")).toBe(true);
    expect(xml.slice(lex.valueStart, lex.valueEnd)).toBe("B7");
    expect(lex.attrSpan("missing")).toBe(false);
    expect(lex.attr("r")).toBe("B7");
    expect(lex.attr("q")).toBe("x&y");
    expect(lex.attr("n")).toBe("a b");
  });

  it("hands out one string per tag name, and still names a mismatched end tag", () => {
    const lex = new XmlLexer("<a><b/><b></b></a>");
    const names: string[] = [];
    for (let k = lex.next(); k !== END; k = lex.next()) names.push(lex.name);
    expect(names).toEqual(["a", "b", "b", "b", "b", "a"]);
    expect(() => tokens("<a><b></c></a>")).toThrow("</c> closes <b>");
  });

  it("cells' r, s and row numbers: plain ones read directly, any other spelling as before", () => {
    const xml =
      '<worksheet xmlns="m"><sheetData>' +
      '<row r="2"><c r="B2" s="3"><v>1</v></c><c r="d2"><v>2</v></c><c r=" E2" s=" 4"><v>3</v></c></row>' +
      '<row r="&#51;"><c r="A0"><v>4</v></c><c r="&#66;3"><v>5</v></c><c><v>6</v></c></row>' +
      "</sheetData></worksheet>";
    const { snapshot, layout } = scanSheet(xml, {
      name: "s",
      sharedStrings: [],
      date1904: false,
      isMark: () => false,
    });
    expect(layout.rowNum).toEqual([1, 2]);
    // A0 is no address: the cell after the row's start (col 0); &#66;3 is B3; then C3
    expect(layout.cellCol).toEqual([1, 3, 4, 0, 1, 2]);
    expect(layout.cellStyle).toEqual([3, 0, 4, 0, 0, 0]);
    expect(snapshot.top).toBe(1);
    expect(snapshot.left).toBe(0);
    expect(snapshot.values).toEqual([
      [null, 1, null, 2, 3],
      [4, 5, 6, null, null],
    ]);
  });
});
