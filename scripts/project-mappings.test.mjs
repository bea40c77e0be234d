// scripts/project-mappings.mjs against Node's own source map reader: a project position maps where it mapped
// before, a dependency's position maps nowhere (never to a project line), and the map is smaller.
import assert from "node:assert/strict";
import { SourceMap } from "node:module";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { projectMappings } from "./project-mappings.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const inProject = (source) => !source.includes("node_modules/");

/** A bundle of a small project module that calls into yaml (a dependency), with its full source map. */
async function bundleWithDependency() {
  const { outputFiles } = await build({
    stdin: {
      contents: [
        'import { parse } from "yaml";',
        "export function first(text) {",
        "  const value = parse(text);",
        "  return Array.isArray(value) ? value[0] : value;",
        "}",
      ].join("\n"),
      resolveDir: root,
      sourcefile: "packages/example/first.js",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    sourcemap: "external",
    sourcesContent: false,
    outfile: "out.mjs",
    write: false,
    logLevel: "error",
  });
  const text = (suffix) => outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? "";
  return { code: text(".mjs"), map: JSON.parse(text(".map")) };
}

describe("projectMappings", () => {
  it("keeps every project position and maps no dependency position to a source", async () => {
    const { code, map } = await bundleWithDependency();
    assert.ok(map.sources.some(inProject) && map.sources.some((s) => !inProject(s)), "both kinds of source");
    const full = new SourceMap(map);
    const cut = new SourceMap(projectMappings(map, inProject));
    let project = 0;
    let dependency = 0;
    code.split("\n").forEach((text, line) => {
      for (let column = 0; column < text.length; column += 3) {
        const before = full.findEntry(line, column);
        const after = cut.findEntry(line, column);
        if (before.originalSource === undefined) continue;
        if (inProject(before.originalSource)) {
          project++;
          assert.deepEqual(
            [after.originalSource, after.originalLine, after.originalColumn],
            [before.originalSource, before.originalLine, before.originalColumn],
            `line ${line} column ${column}`,
          );
        } else {
          dependency++;
          assert.equal(after.originalSource, undefined, `line ${line} column ${column} maps nowhere`);
        }
      }
    });
    assert.ok(project > 10 && dependency > 1000, `${project} project and ${dependency} dependency positions`);
  });

  it("drops the dependencies' mappings and the names", async () => {
    const { map } = await bundleWithDependency();
    const cut = projectMappings(map, inProject);
    assert.ok(cut.mappings.length * 10 < map.mappings.length, "a tenth of the mappings or less");
    assert.deepEqual(cut.names, []);
    assert.deepEqual(cut.sources, map.sources, "source indexes keep their meaning");
  });

  it("changes nothing when every source is kept and no segment names anything", () => {
    // Two lines: [0,0,0,0] [4,0,1,2] ; [2,+1,0,0] (generated column, then source, line and column deltas)
    const map = { version: 3, sources: ["a.ts", "b.ts"], names: [], mappings: "AAAA,IACE;ECAA" };
    assert.equal(projectMappings(map, () => true).mappings, map.mappings);
  });

  it("marks where dropped code begins, so it does not map to the project line before it", () => {
    // Line 0: a.ts at column 0, then b.ts (dropped) at column 8; line 1: b.ts only; line 2: a.ts again.
    const map = { version: 3, sources: ["a.ts", "b.ts"], names: [], mappings: "AAAA,QCAA;AAAA;ADAA" };
    const cut = new SourceMap(projectMappings(map, (source) => source === "a.ts"));
    assert.equal(cut.findEntry(0, 2).originalSource, "a.ts");
    assert.equal(cut.findEntry(0, 9).originalSource, undefined);
    assert.equal(cut.findEntry(1, 5).originalSource, undefined);
    assert.equal(cut.findEntry(2, 0).originalSource, "a.ts");
  });

  it("refuses a mapping that is not base64 VLQ", () => {
    const map = { version: 3, sources: ["a.ts"], names: [], mappings: "AA!A" };
    assert.throws(() => projectMappings(map, () => true), /not a base64 VLQ digit: !/u);
  });
});
