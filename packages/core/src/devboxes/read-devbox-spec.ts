import { NscError } from "../errors/nsc-error.js";
import { parseSpecName, type SpecName } from "../ids/spec-name.js";
import { devboxSpecError } from "./devbox-spec-error.js";
import {
  DEVBOX_SIZES,
  type DevboxNaming,
  type DevboxSession,
  type DevboxSize,
  type DevboxSpec,
} from "./devbox-spec.js";
import { parseIdleTimeout } from "./parse-idle-timeout.js";
import type { PathSegment, SpecSource } from "./spec-source.js";
import { suggestName } from "./suggest-name.js";

/** The top-level fields of a devbox spec file. */
export const DEVBOX_SPEC_FIELDS = [
  "name",
  "name_prefix",
  "image",
  "size",
  "repository",
  "site",
  "volume_size_gb",
  "auto_stop_idle_timeout",
  "sessions",
  "integrations",
] as const;

/** Largest `volume_size_gb`. */
export const MAX_VOLUME_SIZE_GB = 4096;
/** Most `sessions` one spec may start. */
export const MAX_SESSIONS = 16;
/** Longest `image` and `repository`. */
export const MAX_REFERENCE_LENGTH = 512;
/** Longest session `command`. */
export const MAX_COMMAND_LENGTH = 4096;

const NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;
const NAME_PREFIX = /^[a-z][a-z0-9-]{0,39}$/u;
const SESSION_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/u;
const SITE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/u;
const REFERENCE = /^[\x21-\x7e]+$/u;

type Mapping = Readonly<Record<string, unknown>>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (typeof value === "string") return `the text ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "number" || typeof value === "bigint") return `the number ${value.toString()}`;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/** `sessions[1].name` for `["sessions", 1, "name"]`. */
function fieldName(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");
}

class Reader {
  constructor(
    private readonly source: SpecSource,
    private readonly fileName: string,
  ) {}

  fail(path: readonly PathSegment[], problem: string, at: "key" | "value" = "value"): never {
    const line = this.source.lineOf(path, at);
    throw devboxSpecError(this.fileName, line, path.length === 0 ? undefined : fieldName(path), problem);
  }

  missing(path: readonly PathSegment[], problem: string): never {
    const parent = path.slice(0, -1);
    const line = parent.length === 0 ? undefined : this.source.lineOf(parent, "value");
    throw devboxSpecError(this.fileName, line, fieldName(path), problem);
  }

  mapping(path: readonly PathSegment[], value: unknown, fields: readonly string[], what: string): Mapping {
    if (!isMapping(value)) this.fail(path, `must be ${what}, found ${describeValue(value)}`);
    for (const key of Object.keys(value)) {
      if (fields.includes(key)) continue;
      const suggestion = suggestName(key, fields);
      const hint =
        suggestion === undefined
          ? `the fields here are ${fields.join(", ")}`
          : `did you mean ${JSON.stringify(suggestion)}?`;
      this.fail([...path, key], `unknown field: ${hint}`, "key");
    }
    return value;
  }

  string(path: readonly PathSegment[], value: unknown): string {
    if (typeof value !== "string") this.fail(path, `must be text, found ${describeValue(value)}`);
    if (value.trim() === "") this.fail(path, "must not be empty: give a value or remove the field");
    return value;
  }

  optional<T>(parent: Mapping, key: string, read: (value: unknown) => T): T | undefined {
    const value = parent[key];
    return value === undefined ? undefined : read(value);
  }

  naming(spec: Mapping): DevboxNaming {
    const { name, name_prefix: prefix } = spec;
    if (name !== undefined && prefix !== undefined) {
      this.fail(["name_prefix"], "give either name or name_prefix, not both", "key");
    }
    if (name !== undefined) {
      const value = this.string(["name"], name);
      if (!NAME.test(value)) {
        this.fail(
          ["name"],
          `invalid name ${JSON.stringify(value)}: use 1 to 63 lowercase letters, digits or '-', starting with a letter and not ending with '-'`,
        );
      }
      return { kind: "name", name: value };
    }
    if (prefix !== undefined) {
      const value = this.string(["name_prefix"], prefix);
      if (!NAME_PREFIX.test(value)) {
        this.fail(
          ["name_prefix"],
          `invalid name prefix ${JSON.stringify(value)}: use 1 to 40 lowercase letters, digits or '-', starting with a letter`,
        );
      }
      return { kind: "name_prefix", name_prefix: value };
    }
    return this.missing(
      ["name"],
      "is required: set name (the devbox's exact name) or name_prefix (a prefix completed to a unique name)",
    );
  }

  reference(path: readonly PathSegment[], value: unknown): string {
    const text = this.string(path, value);
    if (text.length > MAX_REFERENCE_LENGTH)
      this.fail(path, `is longer than ${MAX_REFERENCE_LENGTH} characters`);
    if (!REFERENCE.test(text)) this.fail(path, "must not contain spaces, control or non-ASCII characters");
    return text;
  }

  size(value: unknown): DevboxSize {
    const path = ["size"];
    const text = this.string(path, value);
    const size = DEVBOX_SIZES.find((candidate) => candidate === text.toUpperCase());
    if (size === undefined) this.fail(path, `invalid size ${JSON.stringify(text)}: use S, M, L or XL`);
    return size;
  }

  site(value: unknown): string {
    const path = ["site"];
    const text = this.string(path, value);
    if (!SITE.test(text)) {
      this.fail(path, `invalid site ${JSON.stringify(text)}: use 1 to 64 letters, digits, '.', '-' or '_'`);
    }
    return text;
  }

  volumeSize(value: unknown): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_VOLUME_SIZE_GB) {
      this.fail(
        ["volume_size_gb"],
        `must be a whole number of GB from 1 to ${MAX_VOLUME_SIZE_GB}, found ${describeValue(value)}`,
      );
    }
    return value;
  }

  idleTimeout(value: unknown): number {
    const path = ["auto_stop_idle_timeout"];
    if (typeof value !== "string") {
      this.fail(
        path,
        `must be a duration in quotes with a unit, like "30m" or "1h30m", found ${describeValue(value)}`,
      );
    }
    const result = parseIdleTimeout(value);
    switch (result.kind) {
      case "invalid":
        return this.fail(path, result.problem);
      case "seconds":
        return result.seconds;
      default:
        return result satisfies never;
    }
  }

  sessions(value: unknown): readonly DevboxSession[] {
    const path = ["sessions"];
    if (!Array.isArray(value))
      this.fail(path, `must be a list of {name, command}, found ${describeValue(value)}`);
    const items: readonly unknown[] = value;
    if (items.length > MAX_SESSIONS) {
      this.fail(path, `has ${items.length} sessions, at most ${MAX_SESSIONS} are allowed`, "key");
    }
    const seen = new Set<string>();
    return items.map((item, index): DevboxSession => {
      const at = [...path, index];
      const session = this.mapping(at, item, ["name", "command"], "a mapping with name and command");
      if (session.name === undefined)
        this.missing([...at, "name"], "is required: name the session, e.g. shell");
      if (session.command === undefined) {
        this.missing([...at, "command"], "is required: the command the session runs, e.g. bash");
      }
      const name = this.string([...at, "name"], session.name);
      if (!SESSION_NAME.test(name)) {
        this.fail(
          [...at, "name"],
          `invalid session name ${JSON.stringify(name)}: use 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
        );
      }
      if (seen.has(name)) {
        this.fail(
          [...at, "name"],
          `session name ${JSON.stringify(name)} is used twice: give each session its own name`,
        );
      }
      seen.add(name);
      const command = this.string([...at, "command"], session.command);
      if (command.length > MAX_COMMAND_LENGTH) {
        this.fail([...at, "command"], `is longer than ${MAX_COMMAND_LENGTH} characters`);
      }
      return { name, command };
    });
  }

  tailscaleSpec(value: unknown): SpecName | undefined {
    const integrations = this.mapping(["integrations"], value, ["tailscale"], "a mapping");
    if (integrations.tailscale === undefined) return undefined;
    const path = ["integrations", "tailscale"];
    const tailscale = this.mapping(path, integrations.tailscale, ["spec"], "a mapping with spec");
    if (tailscale.spec === undefined) {
      this.missing(
        [...path, "spec"],
        "is required: name the Tailscale spec to join with, or remove integrations.tailscale",
      );
    }
    const specPath = [...path, "spec"];
    const name = this.string(specPath, tailscale.spec);
    try {
      return parseSpecName(name, fieldName(specPath));
    } catch (error) {
      if (!(error instanceof NscError)) throw error;
      return this.fail(specPath, error.message);
    }
  }
}

/**
 * Checks the data of a spec file field by field and builds the {@link DevboxSpec}; see
 * {@link parseDevboxSpecFile} for the rules.
 *
 * @throws NscError `invalid_devbox_spec`, worded `<file>:<line>: <field>: <problem>`.
 */
export function readDevboxSpec(source: SpecSource, fileName: string): DevboxSpec {
  const reader = new Reader(source, fileName);
  const spec = reader.mapping(
    [],
    source.data,
    DEVBOX_SPEC_FIELDS,
    "a mapping of fields (name, image, size, …)",
  );
  const naming = reader.naming(spec);
  if (spec.image === undefined)
    reader.missing(["image"], "is required: the container image to start, e.g. ubuntu:24.04");
  const image = reader.reference(["image"], spec.image);
  if (spec.size === undefined) reader.missing(["size"], "is required: use S, M, L or XL");
  const size = reader.size(spec.size);
  const repository = reader.optional(spec, "repository", (v) => reader.reference(["repository"], v));
  const site = reader.optional(spec, "site", (v) => reader.site(v));
  const volumeSizeGb = reader.optional(spec, "volume_size_gb", (v) => reader.volumeSize(v));
  const idleTimeout = reader.optional(spec, "auto_stop_idle_timeout", (v) => reader.idleTimeout(v));
  const sessions = reader.optional(spec, "sessions", (v) => reader.sessions(v)) ?? [];
  const tailscaleSpec = reader.optional(spec, "integrations", (v) => reader.tailscaleSpec(v));
  return {
    naming,
    image,
    size,
    ...(repository === undefined ? {} : { repository }),
    ...(site === undefined ? {} : { site }),
    ...(volumeSizeGb === undefined ? {} : { volume_size_gb: volumeSizeGb }),
    ...(idleTimeout === undefined ? {} : { auto_stop_idle_timeout_secs: idleTimeout }),
    sessions,
    ...(tailscaleSpec === undefined ? {} : { tailscale_spec: tailscaleSpec }),
  };
}
