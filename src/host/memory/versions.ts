/**
 * The ExcelApi requirement set (minor version of 1.x) that introduced each type or member the
 * simulator implements, where it is above 1.1. A workbook whose `supportedApi` is lower answers
 * ApiNotFound at sync, as an older Excel does. Keys: "Type" (the whole object) or "Type.member".
 */
export const API_SINCE: Record<string, number> = {
  // whole objects
  WorksheetProtection: 2,
  SettingCollection: 4,
  Setting: 4,
  ConditionalFormatCollection: 6,
  ConditionalFormat: 6,
  CustomConditionalFormat: 6,
  ConditionalFormatRule: 6,
  ConditionalRangeFormat: 6,
  ConditionalRangeFill: 6,
  ConditionalRangeFont: 6,
  RangeAreas: 9,
  RangeCollection: 9,
  PageLayout: 9,
  // members
  "Range.merge": 2,
  "Range.hyperlink": 7,
  "RangeFormat.columnWidth": 2,
  "Chart.chartType": 7,
  "ChartCollection.getCount": 4,
  "Application.suspendApiCalculationUntilNextSync": 6,
  "Application.suspendScreenUpdatingUntilNextSync": 9,
  // methods that create objects (checked when the object is first used)
  "WorksheetCollection.getItemOrNullObject": 4,
  "Worksheet.getUsedRangeOrNullObject": 4,
  "Range.getResizedRange": 2,
  "Range.getIntersectionOrNullObject": 4,
  "Worksheet.getRanges": 9,
  "Range.getSpecialCellsOrNullObject": 9,
  "Range.getMergedAreasOrNullObject": 13,
};
