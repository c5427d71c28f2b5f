// Preloaded (node --require) by the interrupted-write tests: a file opened for writing whose name ends
// in ".tmp" receives half of its data, then the process announces "STALLED <path>" on stderr and waits
// to be killed — a write caught midway, every time.
"use strict";
const fs = require("node:fs");

const open = fs.promises.open;
fs.promises.open = async function (file, flags, mode) {
  const handle = await open.call(this, file, flags, mode);
  if (typeof file === "string" && file.endsWith(".tmp")) {
    handle.writeFile = async (data) => {
      const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
      await handle.write(bytes.subarray(0, Math.max(1, bytes.length >> 1)));
      process.stderr.write(`STALLED ${file}\n`);
      await new Promise(() => setInterval(() => undefined, 1000));
    };
  }
  return handle;
};
