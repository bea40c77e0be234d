import {
  MAX_DEVBOX_SPEC_FILE_LENGTH,
  MAX_DEVBOX_SPEC_FILE_LINES,
  MAX_DEVBOX_SPEC_FILE_SEPARATORS,
} from "../spec-file-budget.js";

/** An input built to make one parser work as hard as the file limits allow. */
export interface AdversarialSpecFile {
  readonly label: string;
  readonly name: string;
  readonly content: string;
}

const SIZE = MAX_DEVBOX_SPEC_FILE_LENGTH - 16;
const LINES = MAX_DEVBOX_SPEC_FILE_LINES - 1;
const SEPARATORS = MAX_DEVBOX_SPEC_FILE_SEPARATORS - 2;

/** Repeats `unit` as often as fits in the size limit. */
function fill(unit: string, before = "", after = ""): string {
  return before + unit.repeat(Math.floor((SIZE - before.length - after.length) / unit.length)) + after;
}

function lines(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join("\n");
}

/**
 * Spec files at (or just within) the size, line and separator limits, shaped against each parser's
 * expensive paths: long dotted keys, many tables, deep nesting, aliases, many keys, long escapes.
 */
export function adversarialSpecFiles(): readonly AdversarialSpecFile[] {
  const toml: Record<string, string> = {
    "dotted table header": fill("a.", "[", "a]\n"),
    "dotted key": fill("a.", "", "a = 1\n"),
    "dotted key, many lines": lines(LINES, (i) => `k${i}.a.b.c.d.e.f.g.h.i.j.k = 1`).slice(0, SIZE),
    "many tables": lines(LINES, (i) => `[t${i}]`),
    "many arrays of tables": lines(LINES, () => "[[s]]"),
    "nested array tables": lines(Math.min(LINES, 500), (i) => `[[${"a.".repeat(i % 15)}s]]`),
    "deep inline arrays": fill("[", "a = ", "").slice(0, SEPARATORS + 4),
    "many keys": lines(LINES, (i) => `key${i} = "value"`),
    "multi-line strings": fill('x""\n', 'a = """\n', '"""\n'),
    "quoted key escapes": fill('\\"', '"', '" = 1\n'),
    "long comment": fill("#", "", "\n"),
    "inline table keys":
      `a = {${Array.from({ length: SEPARATORS - 2 }, (_, i) => `k${i} = 1`).join(", ")}}`.slice(0, SIZE),
  };
  const yaml: Record<string, string> = {
    "many keys": lines(LINES, (i) => `k${i}: 1`),
    "flow mapping keys": `{${Array.from({ length: SEPARATORS - 2 }, (_, i) => `k${i}: 1`).join(",")}}`,
    "flow sequence": `[${"1,".repeat(SEPARATORS - 2)}1]`,
    "deep flow nesting": `${"[".repeat(SEPARATORS - 2)}${"]".repeat(SEPARATORS - 2)}`,
    "deep block nesting": lines(150, (i) => `${" ".repeat(i)}a:`),
    "deep block sequences": lines(LINES, (i) => `${" ".repeat(i % 60)}- `),
    "anchors and aliases": `a: &a [1]\n${lines(LINES - 1, (i) => `b${i}: *a`)}`,
    "alias chain": `a0: &a0 x\n${lines(LINES - 1, (i) => `a${i + 1}: &a${i + 1} *a${i}`)}`,
    "undefined aliases": lines(LINES, (i) => `k${i}: *missing${i}`),
    "long plain scalar": fill("x ", "a: "),
    "long double-quoted escapes": fill("\\u0041", 'a: "', '"'),
    "block scalar": `a: |\n${lines(LINES - 1, () => "  xxxxxxxxxxxxx")}`,
    "many documents": lines(LINES, () => "---"),
    "many tags": lines(LINES, (i) => `k${i}: !!str x`),
    sessions: `image: x\nsize: s\nname: a\nsessions:\n${lines(LINES - 4, () => "  - name: a")}`,
    "merge keys": `a: &a {x: 1}\n${lines(LINES - 1, (i) => `b${i}: {<<: *a}`)}`.slice(0, SIZE),
  };
  const json: Record<string, string> = {
    "many keys": `{${Array.from({ length: SEPARATORS - 2 }, (_, i) => `"k${i}":1`).join(",")}}`,
    "duplicate keys": `{${Array.from({ length: SEPARATORS - 2 }, () => `"k":1`).join(",")}}`,
    "deep arrays": `${"[".repeat(SEPARATORS - 2)}${"]".repeat(SEPARATORS - 2)}`,
    "deep objects": `${'{"a":'.repeat(SEPARATORS - 2)}1${"}".repeat(SEPARATORS - 2)}`,
    "long escapes": fill("\\u0041", '{"a":"', '"}'),
    "long array": `[${"1,".repeat(SEPARATORS - 2)}1]`,
    unterminated: `{${'"a":1,'.repeat(SEPARATORS - 2)}`,
    "many lines": `{\n${lines(LINES - 2, () => '"a": ')}`,
  };
  return [
    ...Object.entries(toml).map(([label, content]) => ({
      label: `TOML ${label}`,
      name: "devbox.toml",
      content: content.slice(0, SIZE),
    })),
    ...Object.entries(yaml).map(([label, content]) => ({
      label: `YAML ${label}`,
      name: "devbox.yaml",
      content: content.slice(0, SIZE),
    })),
    ...Object.entries(json).map(([label, content]) => ({
      label: `JSON ${label}`,
      name: "devbox.json",
      content: content.slice(0, SIZE),
    })),
  ];
}
