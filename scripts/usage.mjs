/**
 * `--help` (or `-h`) on any of the project's commands: says what it does and how it is called, then
 * exits without doing it. tests/npm-scripts.test.ts runs every npm script so.
 */
export function usage(text) {
  if (!process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) return;
  console.log(text.trim());
  process.exit(0);
}
