// Runs the command line from its TypeScript sources in this process (spawned by tests with
// `node --import tsx`), exiting with its code.
import { main } from "../../../src/cli/main";

void main(process.argv.slice(2)).then((code) => process.exit(code));
