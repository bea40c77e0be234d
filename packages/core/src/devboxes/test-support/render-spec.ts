import type { DevboxSpecFormat } from "../parse-devbox-spec-file.js";

type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
/** A spec file's content as plain data, in the order its fields are to be written. */
export type SpecData = { readonly [key: string]: Value };

const isMapping = (value: Value): value is { readonly [key: string]: Value } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function yamlLines(data: SpecData, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (isMapping(value) && Object.keys(value).length === 0) {
      lines.push(`${indent}${key}: {}`);
    } else if (isMapping(value)) {
      lines.push(`${indent}${key}:`, ...yamlLines(value, `${indent}  `));
    } else if (Array.isArray(value)) {
      lines.push(`${indent}${key}:`);
      for (const item of value as readonly Value[]) {
        if (isMapping(item)) {
          const [first = "", ...rest] = yamlLines(item, `${indent}    `);
          lines.push(`${indent}  - ${first.trimStart()}`, ...rest);
        } else {
          lines.push(`${indent}  - ${JSON.stringify(item)}`);
        }
      }
    } else {
      lines.push(`${indent}${key}: ${JSON.stringify(value)}`);
    }
  }
  return lines;
}

function tomlLines(data: SpecData, table: readonly string[]): string[] {
  const scalars: string[] = [];
  const tables: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const path = [...table, key].join(".");
    if (isMapping(value)) {
      tables.push("", `[${path}]`, ...tomlLines(value, [...table, key]));
    } else if (Array.isArray(value) && (value as readonly Value[]).every(isMapping)) {
      for (const item of value as readonly SpecData[])
        tables.push("", `[[${path}]]`, ...tomlLines(item, [...table, key]));
    } else if (value === null) {
      throw new Error("TOML has no null");
    } else {
      scalars.push(`${key} = ${JSON.stringify(value)}`);
    }
  }
  return [...scalars, ...tables.filter((line, i) => !(i === 0 && table.length > 0 && line === ""))];
}

/** Writes spec data as a file of the given format, one field per line. */
export function renderSpec(data: SpecData, format: DevboxSpecFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(data, null, 2)}\n`;
    case "yaml":
      return `${yamlLines(data, "").join("\n")}\n`;
    case "toml":
      return `${tomlLines(data, []).join("\n")}\n`;
    default:
      return format satisfies never;
  }
}

/** The 1-based line of the `occurrence`-th line of `text` containing `needle`. */
export function lineContaining(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.includes(needle) && ++seen === occurrence) return index + 1;
  }
  throw new Error(`${JSON.stringify(needle)} not found in:\n${text}`);
}
