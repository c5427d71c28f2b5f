/** A workbook snapshot's sheets written as an .xlsx file (values only), for command-line tests. */
import ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../../../src/engine/types";

export async function writeSnapshot(snapshot: WorkbookSnapshot, target: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of snapshot.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null) ws.getCell(s.top + r + 1, s.left + c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  await wb.xlsx.writeFile(target);
}
