/**
 * One workbook per feature of issue 12, each written the way its real producer writes it (./build),
 * with the parts and elements that hold the feature and the snippets the scored copy must still hold.
 */
import { PNG_1X1 } from "../xlsx-fixtures";
import { Book, DECL, NS, TYPES, esc, prefixed, sampleBook, stylesXml, type Producer } from "./build";

export interface Fixture {
  id: string;
  /** What the feature is (the test's title). */
  title: string;
  producer: Producer;
  book: Book;
  /** Texts that must be in the copy's part exactly as in the input (the feature's own XML). */
  keeps: [part: string, text: string][];
  /** Sheets the product must leave untouched (protected ones). */
  untouched?: string[];
}

const VML_NS =
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';

/** Excel's legacy VML for notes: one shape per note, its size in <x:Anchor>, <x:Visible/> when shown. */
function notesVml(notes: { row: number; col: number; anchor: string; visible: boolean }[]): string {
  const shapes = notes
    .map(
      (n, i) =>
        `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style='position:absolute;margin-left:410pt;margin-top:20pt;width:180pt;height:96pt;z-index:${i + 1};${n.visible ? "visibility:visible" : "visibility:hidden"}' fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
        `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column>${n.visible ? "<x:Visible/>" : ""}</x:ClientData></v:shape>`,
    )
    .join("");
  return (
    `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`
  );
}

const CHART_XML =
  `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.r}">` +
  '<c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>预算执行</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
  "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:cat><c:strRef><c:f>'预算执行'!$A$4:$A$6</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'预算执行'!$B$4:$B$6</c:f></c:numRef></c:val></c:ser>" +
  '<c:axId val="10"/><c:axId val="100"/></c:barChart><c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="100"/></c:catAx><c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="10"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>';

function anchor(from: [number, number], to: [number, number], inner: string): string {
  return (
    `<xdr:twoCellAnchor><xdr:from><xdr:col>${from[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${to[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${inner}<xdr:clientData/></xdr:twoCellAnchor>`
  );
}

export function fixtures(): Fixture[] {
  const list: Fixture[] = [];
  const add = (f: Fixture) => list.push(f);

  // ─────────── data validations: x14 cross-sheet lists, duplicated and overlapping rules ───────────
  {
    const x14 =
      `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${NS.x14}"><x14:dataValidations count="1" xmlns:xm="${NS.xm}">` +
      '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>列表!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>A4:A6</xm:sqref></x14:dataValidation>' +
      "</x14:dataValidations></ext></extLst>";
    const dv =
      '<dataValidations count="3"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="金额" error="请输入非负数" sqref="B4:F7"><formula1>0</formula1></dataValidation>' +
      '<dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="金额" error="请输入非负数" sqref="B4:F7"><formula1>0</formula1></dataValidation>' +
      '<dataValidation type="whole" allowBlank="1" showErrorMessage="1" sqref="B5:C6"><formula1>0</formula1><formula2>100000</formula2></dataValidation></dataValidations>';
    const book = sampleBook("excel", (b, s) => {
      s.budget.elements = { dataValidations: dv, extLst: x14 };
      b.sheet({ name: "列表", rows: [["财政拨款"], ["政府性基金"], ["单位资金"]], state: "hidden" });
    });
    add({
      id: "x14-validations",
      title:
        "data validations in the x14 extension (a list on another sheet) and duplicated, overlapping rules",
      producer: "excel",
      book,
      keeps: [
        ["xl/worksheets/sheet2.xml", x14],
        ["xl/worksheets/sheet2.xml", dv],
      ],
    });
  }

  // ─────────── notes: plain <t> text, authors, size, always shown (legacy VML) ───────────
  {
    const comments =
      `${DECL}<comments xmlns="${NS.main}" xmlns:mc="${NS.mc}" xmlns:xr="${NS.xr}" mc:Ignorable="xr"><authors><author>李审计</author><author>王评价</author></authors><commentList>` +
      '<comment ref="B4" authorId="0" shapeId="0" xr:uid="{1A2B3C4D-0000-4000-8000-000000000001}"><text><t>年初预算以批复为准</t></text></comment>' +
      '<comment ref="G4" authorId="1" shapeId="0" xr:uid="{1A2B3C4D-0000-4000-8000-000000000002}"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t>王评价:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">\n执行率由工具计算</t></r></text></comment>' +
      "</commentList></comments>";
    const vml = notesVml([
      { row: 3, col: 1, anchor: "2, 15, 2, 10, 5, 31, 8, 4", visible: true },
      { row: 3, col: 6, anchor: "7, 15, 1, 2, 10, 20, 6, 8", visible: false },
    ]);
    const book = sampleBook("excel", (b, s) => {
      s.budget.elements = { legacyDrawing: '<legacyDrawing r:id="rId2"/>' };
      s.budget.rels = [
        ["comments", "../comments1.xml"],
        ["vmlDrawing", "../drawings/vmlDrawing1.vml"],
      ];
      b.part("xl/comments1.xml", comments, TYPES.comments);
      b.part("xl/drawings/vmlDrawing1.vml", vml);
    });
    add({
      id: "notes",
      title: "notes with plain <t> text, two authors, their own size and one always shown (legacy VML)",
      producer: "excel",
      book,
      keeps: [
        ["xl/comments1.xml", "<t>年初预算以批复为准</t>"],
        ["xl/drawings/vmlDrawing1.vml", "<x:Anchor>2, 15, 2, 10, 5, 31, 8, 4</x:Anchor>"],
        ["xl/worksheets/sheet2.xml", '<legacyDrawing r:id="rId2"/>'],
      ],
    });
  }

  // ─────────── defined names ───────────
  {
    const names =
      "<definedNames>" +
      '<definedName name="_xlnm.Print_Area" localSheetId="1">预算执行!$A$1:$H$14</definedName>' +
      '<definedName name="本表得分" localSheetId="2">指标评分!$I$4:$I$25</definedName>' +
      '<definedName name="隐藏区" hidden="1">预算执行!$B$4:$B$7</definedName>' +
      '<definedName name="系数">0.9</definedName>' +
      '<definedName name="执行区" comment="动态区域">OFFSET(预算执行!$A$3,0,0,COUNTA(预算执行!$A:$A)-2,8)</definedName>' +
      "</definedNames>";
    const book = sampleBook("excel", (b) => {
      b.workbookTail = `${names}<calcPr calcId="191029"/>`;
    });
    add({
      id: "defined-names",
      title:
        "defined names: =OFFSET(预算执行!$A$3,…), a constant =0.9, sheet-local and hidden names, a print area",
      producer: "excel",
      book,
      keeps: [["xl/workbook.xml", names]],
    });
  }

  // ─────────── legacy sheet-protection password ───────────
  {
    const protection =
      '<sheetProtection password="CC1A" sheet="1" objects="1" scenarios="1" formatCells="0" selectLockedCells="1"/>';
    const book = sampleBook("excel", (_b, s) => {
      s.budget.elements = { sheetProtection: protection };
    });
    add({
      id: "sheet-password",
      title: "a sheet protected with a legacy password (left as it is, no cell written there)",
      producer: "excel",
      book,
      keeps: [["xl/worksheets/sheet2.xml", protection]],
      untouched: ["预算执行"],
    });
  }

  // ─────────── workbook structure protection ───────────
  {
    const protection =
      '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="nW1u0pEeX0x6n9KFnqD3Yw==" workbookSaltValue="c2FsdHNhbHRzYWx0c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>';
    const book = sampleBook("excel", (b) => {
      b.workbookHead =
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>' +
        protection +
        '<bookViews><workbookView xWindow="-108" yWindow="-108" windowWidth="23256" windowHeight="12576"/></bookViews>';
    });
    add({
      id: "structure-protection",
      title: "workbook structure protection",
      producer: "excel",
      book,
      keeps: [["xl/workbook.xml", protection]],
    });
  }

  // ─────────── calculation settings ───────────
  {
    const calc =
      '<calcPr calcId="191029" calcMode="manual" iterate="1" iterateCount="50" iterateDelta="0.0001" fullPrecision="0" calcOnSave="0"/>';
    const book = sampleBook("excel", (b) => {
      b.workbookTail = calc;
    });
    add({
      id: "calc-settings",
      title: "calculation settings: manual, iterative, precision as displayed",
      producer: "excel",
      book,
      keeps: [["xl/workbook.xml", calc]],
    });
  }

  // ─────────── protected ranges ───────────
  {
    const ranges =
      '<protectedRanges><protectedRange algorithmName="SHA-512" hashValue="q3yVYq8o1n0sN2wV0Qm5Fw==" saltValue="c2FsdHNhbHQ=" spinCount="100000" sqref="B4:F7" name="金额区"/><protectedRange sqref="A9:B12" name="支出"/></protectedRanges>';
    const book = sampleBook("excel", (_b, s) => {
      s.budget.elements = { protectedRanges: ranges };
    });
    add({
      id: "protected-ranges",
      title: "protected ranges (allow users to edit ranges)",
      producer: "excel",
      book,
      keeps: [["xl/worksheets/sheet2.xml", ranges]],
    });
  }

  // ─────────── ignored errors ───────────
  {
    const ignored =
      '<ignoredErrors><ignoredError sqref="B4:F7" numberStoredAsText="1"/><ignoredError sqref="G4:G7" formula="1" evalError="1"/></ignoredErrors>';
    const book = sampleBook("excel", (_b, s) => {
      s.budget.elements = { ignoredErrors: ignored };
    });
    add({
      id: "ignored-errors",
      title: "ignored-error marks (number stored as text, inconsistent formula)",
      producer: "excel",
      book,
      keeps: [["xl/worksheets/sheet2.xml", ignored]],
    });
  }

  // ─────────── auto-filter and sort state ───────────
  {
    const filter =
      '<autoFilter ref="A3:H7" xr:uid="{6F0E1A44-9C5E-4B4B-9B1A-0D0C3B9E2A11}"><filterColumn colId="1"><customFilters><customFilter operator="greaterThan" val="0"/></customFilters></filterColumn>' +
      '<sortState xmlns:xlrd2="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata2" ref="A4:H7"><sortCondition descending="1" ref="B4:B7"/></sortState></autoFilter>';
    const book = sampleBook("excel", (b, s) => {
      s.budget.elements = { autoFilter: filter };
      b.workbookTail =
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">预算执行!$A$3:$H$7</definedName></definedNames><calcPr calcId="191029"/>';
    });
    add({
      id: "autofilter",
      title: "an auto-filter with a criterion and its sort state",
      producer: "excel",
      book,
      keeps: [
        ["xl/worksheets/sheet2.xml", filter],
        ["xl/workbook.xml", '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'],
      ],
    });
  }

  // ─────────── manual page breaks ───────────
  {
    const breaks =
      '<rowBreaks count="1" manualBreakCount="1"><brk id="8" max="16383" man="1"/></rowBreaks><colBreaks count="1" manualBreakCount="1"><brk id="4" max="1048575" man="1"/></colBreaks>';
    const book = sampleBook("excel", (_b, s) => {
      s.budget.elements = {
        pageSetup: '<pageSetup paperSize="9" orientation="landscape" horizontalDpi="600" verticalDpi="600"/>',
        rowBreaks: breaks.slice(0, breaks.indexOf("<colBreaks")),
        colBreaks: breaks.slice(breaks.indexOf("<colBreaks")),
      };
    });
    add({
      id: "page-breaks",
      title: "manual row and column page breaks",
      producer: "excel",
      book,
      keeps: [["xl/worksheets/sheet2.xml", breaks]],
    });
  }

  // ─────────── a header logo (&G) ───────────
  {
    const header =
      '<headerFooter><oddHeader>&amp;L&amp;G&amp;C&amp;"宋体,加粗"预算执行情况</oddHeader><oddFooter>&amp;C第 &amp;P 页</oddFooter></headerFooter>';
    const vml =
      `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="2"/></o:shapelayout>` +
      '<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/><o:lock v:ext="edit" aspectratio="t"/></v:shapetype>' +
      '<v:shape id="LH" o:spid="_x0000_s2049" type="#_x0000_t75" style=\'position:absolute;margin-left:0;margin-top:0;width:60pt;height:30pt;z-index:1\'><v:imagedata o:relid="rId1" o:title="logo"/><o:lock v:ext="edit" rotation="t"/></v:shape></xml>';
    const book = sampleBook("excel", (b, s) => {
      s.budget.elements = { headerFooter: header, legacyDrawingHF: '<legacyDrawingHF r:id="rId1"/>' };
      s.budget.rels = [["vmlDrawing", "../drawings/vmlDrawingHF1.vml"]];
      b.part("xl/drawings/vmlDrawingHF1.vml", vml);
      b.part("xl/drawings/_rels/vmlDrawingHF1.vml.rels", b.rels("", [["image", "../media/image1.png"]]));
      b.part("xl/media/image1.png", PNG_1X1);
    });
    add({
      id: "header-logo",
      title: "a header logo (&G) drawn from a VML part",
      producer: "excel",
      book,
      keeps: [
        ["xl/worksheets/sheet2.xml", header],
        ["xl/worksheets/sheet2.xml", '<legacyDrawingHF r:id="rId1"/>'],
      ],
    });
  }

  // ─────────── a table with a calculated column ───────────
  {
    const table =
      `${DECL}<table xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="xr xr3" xmlns:xr="${NS.xr}" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="1" xr:uid="{00000000-000C-0000-FFFF-FFFF00000000}" name="支出表" displayName="支出表" ref="A9:C12" totalsRowShown="0">` +
      '<autoFilter ref="A9:C12" xr:uid="{00000000-0009-0000-0100-000001000000}"/><tableColumns count="3">' +
      '<tableColumn id="1" xr3:uid="{00000000-0010-0000-0000-000001000000}" name="支出类型"/><tableColumn id="2" xr3:uid="{00000000-0010-0000-0000-000002000000}" name="决算数"/>' +
      '<tableColumn id="3" xr3:uid="{00000000-0010-0000-0000-000003000000}" name="占比" dataDxfId="0"><calculatedColumnFormula>支出表[[#This Row],[决算数]]/$B$12</calculatedColumnFormula></tableColumn>' +
      '</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
    const book = sampleBook("excel", (b, s) => {
      s.budget.rows[8][2] = "占比";
      s.budget.cells = {
        C10: { f: "支出表[[#This Row],[决算数]]/$B$12", v: 471.17 / 667.92 },
        C11: { f: "支出表[[#This Row],[决算数]]/$B$12", v: 196.75 / 667.92 },
        C12: { f: "支出表[[#This Row],[决算数]]/$B$12", v: 1 },
      };
      s.budget.elements = { tableParts: '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' };
      s.budget.rels = [["table", "../tables/table1.xml"]];
      b.part("xl/tables/table1.xml", table, TYPES.table);
    });
    add({
      id: "table",
      title: "a table with a calculated column",
      producer: "excel",
      book,
      keeps: [
        [
          "xl/tables/table1.xml",
          "<calculatedColumnFormula>支出表[[#This Row],[决算数]]/$B$12</calculatedColumnFormula>",
        ],
        ["xl/worksheets/sheet2.xml", "<f>支出表[[#This Row],[决算数]]/$B$12</f>"],
      ],
    });
  }

  // ─────────── a hidden empty row ───────────
  {
    const book = sampleBook("excel", (_b, s) => {
      s.budget.rowAttrs = { 8: ' hidden="1"', 13: ' ht="6" customHeight="1" hidden="1"' };
      s.indicators.rowAttrs = { 5: ' hidden="1"' }; // an indicator row the product writes 得分率 into
    });
    add({
      id: "hidden-row",
      title: "hidden empty rows, and a hidden row of the indicator table the product writes into",
      producer: "excel",
      book,
      keeps: [
        ["xl/worksheets/sheet2.xml", '<row r="8" spans="1:8" hidden="1" x14ac:dyDescent="0.2"/>'],
        [
          "xl/worksheets/sheet2.xml",
          '<row r="13" spans="1:8" ht="6" customHeight="1" hidden="1" x14ac:dyDescent="0.2"/>',
        ],
      ],
    });
  }

  // ─────────── a custom indexed colour palette ───────────
  {
    const palette: string[] = [];
    for (let i = 0; i < 56 + 8; i++) palette.push(i === 10 ? "FF1F3864" : i % 2 ? "FFFF0000" : "FF000000");
    const colors = `<colors><indexedColors>${palette.map((c) => `<rgbColor rgb="${c}"/>`).join("")}</indexedColors></colors>`;
    const book = sampleBook("excel", (b, s) => {
      b.styles = stylesXml("excel", {
        colors,
        extraFonts:
          '<font><sz val="11"/><color indexed="10"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>',
        extraXfs:
          '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>',
      });
      s.budget.style = 4; // every cell of the budget table in dark blue (indexed 10)
    });
    add({
      id: "indexed-palette",
      title: "a custom indexed colour palette (indexed 10 is dark blue)",
      producer: "excel",
      book,
      keeps: [["xl/styles.xml", colors]],
    });
  }

  // ─────────── named cell styles ───────────
  {
    const cellStyleXfs =
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyNumberFormat="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="1" applyFont="0"/>';
    const cellStyles =
      '<cellStyle name="常规" xfId="0" builtinId="0"/><cellStyle name="标题 1" xfId="1" builtinId="16"/><cellStyle name="金额（评价组）" xfId="2" customBuiltin="1"/>';
    const book = sampleBook("excel", (b, s) => {
      b.styles = stylesXml("excel", {
        cellStyleXfs,
        cellStyles,
        extraXfs:
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="1" xfId="2" applyNumberFormat="1"/>',
      });
      s.budget.style = 5;
      s.budget.cells = { A1: { v: s.budget.rows[0][0], s: 4 } };
    });
    add({
      id: "named-styles",
      title: "named cell styles (a built-in heading and a style of the user's)",
      producer: "excel",
      book,
      keeps: [
        ["xl/styles.xml", `<cellStyles count="3">${cellStyles}</cellStyles>`],
        ["xl/styles.xml", `<cellStyleXfs count="3">${cellStyleXfs}</cellStyleXfs>`],
      ],
    });
  }

  // ─────────── core properties ───────────
  {
    const core =
      `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      "<dc:title>2023年度部门整体绩效评价</dc:title><dc:subject>高庄街道</dc:subject><dc:creator>张会计</dc:creator><cp:keywords>绩效;评价</cp:keywords><dc:description>送审稿</dc:description>" +
      "<dc:identifier>PJ-2023-017</dc:identifier><cp:version>3.2</cp:version><cp:category>评价底稿</cp:category><cp:contentStatus>草稿</cp:contentStatus><cp:lastModifiedBy>李审计</cp:lastModifiedBy>" +
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T02:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:modified></cp:coreProperties>';
    const app =
      `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Manager>财政局</Manager><Company>评价中心</Company>" +
      "<HyperlinkBase>\\\\fileserver\\评价\\2023\\</HyperlinkBase><AppVersion>16.0300</AppVersion></Properties>";
    const book = sampleBook("excel", (b) => {
      b.core = core;
      b.app = app;
    });
    add({
      id: "core-props",
      title: "core properties (identifier, version, category) and the hyperlink base",
      producer: "excel",
      book,
      keeps: [
        ["docProps/core.xml", "<dc:identifier>PJ-2023-017</dc:identifier><cp:version>3.2</cp:version>"],
        ["docProps/app.xml", "<HyperlinkBase>"],
      ],
    });
  }

  // ─────────── openpyxl: notes, an image, a chart and a table ───────────
  {
    const book = sampleBook("openpyxl", (b, s) => {
      const comments =
        `<comments xmlns="${NS.main}"><authors><author>pandas</author></authors><commentList>` +
        '<comment ref="A4" authorId="0" shapeId="0"><text><t>来源：财政一体化系统</t></text></comment></commentList></comments>';
      const vml = notesVml([{ row: 3, col: 0, anchor: "1, 15, 3, 10, 3, 15, 7, 4", visible: false }]);
      const drawing =
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        anchor(
          [10, 1],
          [14, 8],
          '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"/></xdr:spPr></xdr:pic>',
        ) +
        anchor(
          [10, 9],
          [18, 24],
          '<xdr:graphicFrame><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 2"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId2"/></a:graphicData></a:graphic></xdr:graphicFrame>',
        ) +
        "</xdr:wsDr>";
      const table =
        `<table xmlns="${NS.main}" id="1" name="Table1" displayName="Table1" ref="A9:B12"><autoFilter ref="A9:B12"/><tableColumns count="2"><tableColumn id="1" name="支出类型"/><tableColumn id="2" name="决算数"/></tableColumns>` +
        '<tableStyleInfo name="TableStyleMedium9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
      s.budget.elements = {
        drawing: '<drawing r:id="rId1"/>',
        legacyDrawing: '<legacyDrawing r:id="anysvml"/>',
        tableParts: '<tableParts count="1"><tablePart r:id="rId3"/></tableParts>',
      };
      // openpyxl's sheet rels: absolute targets, the VML's id "anysvml", the comments after it
      b.part(
        "xl/worksheets/_rels/sheet2.xml.rels",
        `<Relationships xmlns="${NS.pkg}"><Relationship Type="${NS.r}/drawing" Target="/xl/drawings/drawing1.xml" Id="rId1"/>` +
          `<Relationship Type="${NS.r}/table" Target="/xl/tables/table1.xml" Id="rId3"/>` +
          `<Relationship Type="${NS.r}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/>` +
          `<Relationship Type="${NS.r}/comments" Target="/xl/comments/comment1.xml" Id="comments"/></Relationships>`,
      );
      b.part("xl/comments/comment1.xml", comments, TYPES.comments);
      b.part("xl/drawings/commentsDrawing1.vml", vml);
      b.part("xl/drawings/drawing1.xml", drawing, TYPES.drawing);
      b.part(
        "xl/drawings/_rels/drawing1.xml.rels",
        `<Relationships xmlns="${NS.pkg}"><Relationship Type="${NS.r}/image" Target="/xl/media/image1.png" Id="rId1"/><Relationship Type="${NS.r}/chart" Target="/xl/charts/chart1.xml" Id="rId2"/></Relationships>`,
      );
      b.part("xl/media/image1.png", PNG_1X1);
      b.part("xl/charts/chart1.xml", CHART_XML, TYPES.chart);
      b.part("xl/tables/table1.xml", table, TYPES.table);
    });
    add({
      id: "openpyxl",
      title: "a file written by openpyxl (pandas) with notes, an image, a chart and a table",
      producer: "openpyxl",
      book,
      keeps: [
        [
          "xl/worksheets/sheet2.xml",
          '<drawing r:id="rId1"/><legacyDrawing r:id="anysvml"/><tableParts count="1">',
        ],
        ["xl/comments/comment1.xml", "<t>来源：财政一体化系统</t>"],
      ],
    });
  }

  // ─────────── LibreOffice: an empty docProps/custom.xml ───────────
  {
    const custom = `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
    const book = sampleBook("libreoffice", (b) => {
      b.part("docProps/custom.xml", custom, TYPES.custom);
    });
    add({
      id: "libreoffice",
      title: "a workbook saved by LibreOffice Calc (an empty docProps/custom.xml)",
      producer: "libreoffice",
      book,
      keeps: [["docProps/custom.xml", "</Properties>"]],
    });
  }

  // ─────────── WPS: its custom properties and cell images ───────────
  {
    const custom =
      `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ICV"><vt:lpwstr>2F5A8E0C7D8B4B7E9A0C1D2E3F405162_12</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>';
    const cellImages =
      `${DECL}<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="${NS.r}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">` +
      '<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="ID_1A2B3C4D5E6F" descr="公章"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage></etc:cellImages>';
    const book = sampleBook("wps", (b, s) => {
      b.part("docProps/custom.xml", custom, TYPES.custom);
      b.part("xl/cellimages.xml", cellImages, "application/vnd.wps-officedocument.cellimage+xml");
      b.part("xl/_rels/cellimages.xml.rels", b.rels("", [["image", "media/image1.png"]]));
      b.part("xl/media/image1.png", PNG_1X1);
      b.workbookRels = [["http://www.wps.cn/officeDocument/2020/cellImage", "cellimages.xml"]];
      s.basic.cells = { C3: { f: '_xlfn.DISPIMG("ID_1A2B3C4D5E6F",1)', v: '=DISPIMG("ID_1A2B3C4D5E6F",1)' } };
    });
    add({
      id: "wps",
      title: "a workbook saved by WPS (its custom properties, an image in a cell)",
      producer: "wps",
      book,
      keeps: [
        ["docProps/custom.xml", "KSOProductBuildVer"],
        ["xl/_rels/workbook.xml.rels", 'Target="cellimages.xml"'],
      ],
    });
  }

  // ─────────── the user's conditional formats (one in the x14 extension) beside the marks ───────────
  {
    const id = "{3F8A9C21-5B6D-4E7F-8A9B-0C1D2E3F4A5B}";
    const cf =
      '<conditionalFormatting sqref="B4:B7"><cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
      `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${NS.x14}"><x14:id>${id}</x14:id></ext></extLst></cfRule></conditionalFormatting>` +
      '<conditionalFormatting sqref="G4:G7"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0.9</formula></cfRule></conditionalFormatting>';
    const ext =
      `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${NS.x14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${NS.xm}">` +
      `<x14:cfRule type="dataBar" id="${id}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>` +
      "<xm:sqref>B4:B7</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>";
    const dxfs =
      '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>';
    const book = sampleBook("excel", (b, s) => {
      b.styles = stylesXml("excel", { dxfs });
      s.budget.elements = { conditionalFormatting: cf, extLst: ext };
    });
    add({
      id: "user-formats",
      title:
        "the user's conditional formats (a data bar in the x14 extension, a rule on a differential format) beside the marks",
      producer: "excel",
      book,
      keeps: [
        ["xl/worksheets/sheet2.xml", cf],
        ["xl/worksheets/sheet2.xml", ext],
        ["xl/styles.xml", dxfs.slice('<dxfs count="1">'.length, -"</dxfs>".length)],
      ],
    });
  }

  // ─────────── parts written with a namespace prefix (the Open XML SDK's x:) ───────────
  {
    const book = sampleBook("excel", (b) => {
      b.rewrite = (name, text) =>
        /^xl\/(worksheets\/sheet\d+|workbook|styles|sharedStrings)\.xml$/.test(name) ? prefixed(text) : text;
    });
    add({
      id: "prefixed",
      title: "worksheets, workbook, styles and shared strings written with the x: prefix (Open XML SDK)",
      producer: "excel",
      book,
      keeps: [
        [
          "xl/worksheets/sheet2.xml",
          '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        ],
        ["xl/workbook.xml", "<x:sheets>"],
      ],
    });
  }

  void esc;
  return list;
}
