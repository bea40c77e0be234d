import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every module `entry` reaches through static imports and re-exports, with the bare packages they name. */
function importGraph(entry: string): {
  readonly modules: ReadonlySet<string>;
  readonly packages: ReadonlySet<string>;
} {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier = ""] of text.matchAll(/(?:from|import)\s+"([^"]+)"/gu)) {
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier.replace(/\.js$/u, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(join(SRC, entry));
  return { modules, packages };
}

describe("core's browser entry", () => {
  it("reaches no Node built-in and no file-format parser, only zod", () => {
    const { modules, packages } = importGraph("browser.ts");
    assert.deepEqual(
      [...new Set([...packages].map((name) => name.split("/")[0]))],
      ["zod"],
      "packages the console's bundle would take from core (zod/mini and its English messages)",
    );
    assert.ok(
      modules.has(join(SRC, "trust/trust-relationship.ts")),
      "it carries the trust relationship rules",
    );
    const devbox = [...modules].map((m) => relative(SRC, m)).filter((m) => m.startsWith("devboxes/"));
    assert.deepEqual(devbox, [], "the devbox file parsers stay out");
  });

  it("the check sees a Node import when there is one", () => {
    const { packages } = importGraph("browser.test.ts");
    assert.ok(packages.has("node:fs"));
  });
});
