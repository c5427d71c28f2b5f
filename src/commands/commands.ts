/**
 * The ribbon's function file. The only ribbon button (开始 → 绩效评价助手) is a ShowTaskpane action, so
 * there are no ExecuteFunction commands; this file only has to initialise Office so the add-in's
 * function-file page loads cleanly.
 */
export function initialiseCommands(): Promise<void> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve();
  return Office.onReady().then(() => undefined);
}

void initialiseCommands();
