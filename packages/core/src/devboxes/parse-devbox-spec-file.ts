import { devboxSpecError } from "./devbox-spec-error.js";
import type { DevboxSpec } from "./devbox-spec.js";
import { readDevboxSpec } from "./read-devbox-spec.js";
import { readJsonSource } from "./read-json-source.js";
import { readTomlSource } from "./read-toml-source.js";
import { readYamlSource } from "./read-yaml-source.js";
import { checkSpecFileBudget } from "./spec-file-budget.js";
import type { SpecSource } from "./spec-source.js";

export { MAX_DEVBOX_SPEC_FILE_LENGTH } from "./spec-file-budget.js";

/** A spec file format, chosen by the file's extension. */
export type DevboxSpecFormat = "json" | "yaml" | "toml";

const FORMATS: ReadonlyMap<string, DevboxSpecFormat> = new Map([
  ["json", "json"],
  ["yaml", "yaml"],
  ["yml", "yaml"],
  ["toml", "toml"],
]);

/** The format a file name's extension selects (`.json`, `.yaml`, `.yml`, `.toml`, any case), if any. */
export function devboxSpecFormatOf(fileName: string): DevboxSpecFormat | undefined {
  const extension = /\.([A-Za-z]+)$/u.exec(fileName)?.[1];
  return extension === undefined ? undefined : FORMATS.get(extension.toLowerCase());
}

function readSource(format: DevboxSpecFormat, text: string, fileName: string): SpecSource {
  switch (format) {
    case "json":
      return readJsonSource(text, fileName);
    case "yaml":
      return readYamlSource(text, fileName);
    case "toml":
      return readTomlSource(text, fileName);
    default:
      return format satisfies never;
  }
}

/**
 * Parses and validates a devbox spec file (`devbox create --from <file>`). The extension picks the format:
 * `.json`, `.yaml`/`.yml` (YAML 1.2) or `.toml`. Unknown fields are errors, so a typo never passes silently.
 * The file is bounded before parsing (see {@link checkSpecFileBudget}: 16 KiB, 256 lines, 256
 * separators) and TOML keys to 16 dotted parts, so no file keeps a server busy for more than milliseconds.
 *
 * Fields:
 * - `name` or `name_prefix`, exactly one. A name is 1 to 63 lowercase letters, digits or `-`, starting with a
 *   letter and not ending with `-` (it is usable as a host name). A prefix is 1 to 40 of the same, starting
 *   with a letter.
 * - `image` (required): a container image reference, printable ASCII without spaces, at most 512 characters.
 * - `size` (required): `S`, `M`, `L` or `XL`, any case; returned in upper case.
 * - `repository`: printable ASCII without spaces, at most 512 characters.
 * - `site`: 1 to 64 letters, digits, `.`, `-` or `_`.
 * - `volume_size_gb`: a whole number from 1 to 4096.
 * - `auto_stop_idle_timeout`: a duration like `30m`, `2h`, `1h30m` (see {@link parseIdleTimeout}), returned
 *   as `auto_stop_idle_timeout_secs`.
 * - `sessions`: up to 16 `{name, command}`; names as spec names, unique; commands non-empty text.
 * - `integrations.tailscale.spec`: a spec name, returned as `tailscale_spec`.
 *
 * @example
 * parseDevboxSpecFile("name: api-dev\nimage: ubuntu:24.04\nsize: m\n", "devbox.yaml")
 * // { naming: { kind: "name", name: "api-dev" }, image: "ubuntu:24.04", size: "M", sessions: [] }
 * @throws NscError `invalid_devbox_spec`, worded `<file>:<line>: <field>: <problem and what to do>`
 * (`<file>:<line>: invalid YAML: …` for syntax errors; the line is left out where it cannot be found).
 */
export function parseDevboxSpecFile(text: string, fileName: string): DevboxSpec {
  const format = devboxSpecFormatOf(fileName);
  if (format === undefined) {
    throw devboxSpecError(
      fileName,
      undefined,
      undefined,
      "unsupported file type: use a .json, .yaml, .yml or .toml file",
    );
  }
  checkSpecFileBudget(text, fileName);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let source: SpecSource;
  try {
    source = readSource(format, body, fileName);
  } catch (error) {
    // Pathological nesting can exhaust a parser's stack; report it rather than crash.
    if (!(error instanceof RangeError)) throw error;
    throw devboxSpecError(
      fileName,
      undefined,
      undefined,
      `invalid ${format.toUpperCase()}: nested too deeply`,
    );
  }
  return readDevboxSpec(source, fileName);
}
