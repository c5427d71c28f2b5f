/** Test fixtures for the .xlsx host: a minimal chart (chart part + drawing + relationships + content
 *  types) added with jszip to an ExcelJS-made package, as Excel would store it. */
import JSZip from "jszip";

const CHART_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Sheet1!$A$1:$A$2</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$1:$B$2</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

const DRAWING_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Rename a part the way another writer would have numbered it: the part, its rels, the references
 *  to it in every rels file, and its content-type override. */
export async function renamePart(xlsx: Buffer | Uint8Array, from: string, to: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  const relsOf = (p: string) => `${p.slice(0, p.lastIndexOf("/"))}/_rels/${base(p)}.rels`;
  zip.file(to, await zip.file(from)!.async("uint8array"));
  zip.remove(from);
  const rels = zip.file(relsOf(from));
  if (rels) {
    zip.file(relsOf(to), await rels.async("uint8array"));
    zip.remove(relsOf(from));
  }
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
    const xml = await zip.file(name)!.async("string");
    zip.file(name, xml.split(`/${base(from)}"`).join(`/${base(to)}"`));
  }
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace(`"/${from}"`, `"/${to}"`));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The package with a bar chart on its first worksheet (xl/charts/chart1.xml, xl/drawings/drawing1.xml). */
export async function withChart(xlsx: Buffer | Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.file("xl/charts/chart1.xml", CHART_XML);
  zip.file("xl/drawings/drawing1.xml", DRAWING_XML);
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  const sheetPath = "xl/worksheets/sheet1.xml";
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const sheet = await zip.file(sheetPath)!.async("string");
  zip.file(sheetPath, sheet.replace("</worksheet>", '<drawing r:id="rIdChart1"/></worksheet>'));
  const drawingRel = `<Relationship Id="rIdChart1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`;
  const rels = zip.file(relsPath);
  zip.file(
    relsPath,
    rels
      ? (await rels.async("string")).replace("</Relationships>", `${drawingRel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRel}</Relationships>`,
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The package with a pivot table part (as far as the loss check is concerned). */
export async function withPivotPart(xlsx: Buffer | Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    '<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="数据透视表1"/>',
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
