import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import {
  MAX_DEVBOX_SPEC_FILE_LENGTH,
  parseDevboxSpecFile,
  type DevboxSpecFormat,
} from "./parse-devbox-spec-file.js";
import { lineContaining, renderSpec, type SpecData } from "./test-support/render-spec.js";

const FORMATS: readonly DevboxSpecFormat[] = ["json", "yaml", "toml"];
const BASE = { name: "api-dev", image: "ubuntu:24.04", size: "M" } as const;

/** Where an error is expected: a needle on the offending line (per format when it differs), or no line. */
type PerFormat = { readonly [F in DevboxSpecFormat]: string };
type Where = string | PerFormat | { readonly occurrence: number; readonly needle: string | PerFormat } | null;

/** Asserts an `invalid_devbox_spec` error on `field`, worded `<file>[:<line>]: <field>: <problem>`. */
function assertSpecError(
  text: string,
  fileName: string,
  field: string | undefined,
  line: number | undefined,
  problem: RegExp,
): void {
  assert.throws(
    () => parseDevboxSpecFile(text, fileName),
    (error: unknown) => {
      assert.ok(error instanceof NscError);
      assert.equal(error.code, "invalid_devbox_spec");
      assert.equal(error.field, field);
      const where = line === undefined ? fileName : `${fileName}:${line}`;
      const prefix = field === undefined ? `${where}: ` : `${where}: ${field}: `;
      assert.ok(
        error.message.startsWith(prefix),
        `${JSON.stringify(error.message)} should start with ${JSON.stringify(prefix)}`,
      );
      assert.match(error.message.slice(prefix.length), problem);
      return true;
    },
  );
}

/** Renders `data` in every format (or those given) and asserts the same error, on the line `where` names. */
function rejectsInEveryFormat(
  data: SpecData,
  field: string,
  where: Where,
  problem: RegExp,
  formats: readonly DevboxSpecFormat[] = FORMATS,
): void {
  for (const format of formats) {
    const text = renderSpec(data, format);
    let line: number | undefined;
    if (where === null) line = undefined;
    else if (typeof where === "string") line = lineContaining(text, where);
    else if ("needle" in where) {
      const needle = typeof where.needle === "string" ? where.needle : where.needle[format];
      line = lineContaining(text, needle, where.occurrence);
    } else line = lineContaining(text, where[format]);
    assertSpecError(text, `devbox.${format}`, field, line, problem);
  }
}

function acceptsInEveryFormat(data: SpecData): ReturnType<typeof parseDevboxSpecFile> {
  const [first, ...rest] = FORMATS.map((format) =>
    parseDevboxSpecFile(renderSpec(data, format), `devbox.${format}`),
  );
  for (const other of rest) assert.deepEqual(other, first);
  assert.ok(first !== undefined);
  return first;
}

void describe("parseDevboxSpecFile", () => {
  void describe("valid files", () => {
    void it("reads every field, in every format", () => {
      const spec = acceptsInEveryFormat({
        name: "api-dev",
        image: "ghcr.io/acme/dev:1.2",
        size: "xl",
        repository: "https://github.com/acme/api",
        site: "eu-west",
        volume_size_gb: 50,
        auto_stop_idle_timeout: "1h30m",
        sessions: [
          { name: "shell", command: "bash" },
          { name: "server", command: "npm run dev" },
        ],
        integrations: { tailscale: { spec: "corp" } },
      });
      assert.deepEqual(spec, {
        naming: { kind: "name", name: "api-dev" },
        image: "ghcr.io/acme/dev:1.2",
        size: "XL",
        repository: "https://github.com/acme/api",
        site: "eu-west",
        volume_size_gb: 50,
        auto_stop_idle_timeout_secs: 5400,
        sessions: [
          { name: "shell", command: "bash" },
          { name: "server", command: "npm run dev" },
        ],
        tailscale_spec: "corp",
      });
    });

    void it("leaves optional fields out when the file does", () => {
      assert.deepEqual(acceptsInEveryFormat(BASE), {
        naming: { kind: "name", name: "api-dev" },
        image: "ubuntu:24.04",
        size: "M",
        sessions: [],
      });
    });

    void it("accepts name_prefix instead of name", () => {
      const spec = acceptsInEveryFormat({ name_prefix: "dev-", image: "ubuntu", size: "S" });
      assert.deepEqual(spec.naming, { kind: "name_prefix", name_prefix: "dev-" });
    });

    void it("accepts sizes in any case and returns them in upper case", () => {
      for (const [given, size] of [
        ["s", "S"],
        ["m", "M"],
        ["L", "L"],
        ["xL", "XL"],
      ] as const) {
        assert.equal(acceptsInEveryFormat({ ...BASE, size: given }).size, size);
      }
    });

    void it("accepts integrations without tailscale", () => {
      assert.equal(acceptsInEveryFormat({ ...BASE, integrations: {} }).tailscale_spec, undefined);
    });

    void it("picks the format by extension, in any case, and ignores a byte order mark", () => {
      assert.equal(parseDevboxSpecFile("name: a\nimage: x\nsize: s\n", "dir/Devbox.YML").size, "S");
      assert.equal(parseDevboxSpecFile('\uFEFF{"name":"a","image":"x","size":"s"}', "a.JSON").size, "S");
      assert.equal(parseDevboxSpecFile('name = "a"\nimage = "x"\nsize = "s"\n', "a.Toml").size, "S");
    });

    void it("reads TOML inline tables and dotted keys", () => {
      const text =
        'name = "a"\nimage = "x"\nsize = "s"\nintegrations.tailscale.spec = "corp"\nsessions = [{ name = "sh", command = "bash" }]\n';
      const spec = parseDevboxSpecFile(text, "a.toml");
      assert.equal(spec.tailscale_spec, "corp");
      assert.deepEqual(spec.sessions, [{ name: "sh", command: "bash" }]);
    });
  });

  void describe("file type, size and syntax", () => {
    void it("rejects other extensions", () => {
      for (const fileName of ["devbox.txt", "devbox", "devbox.yaml.bak", "json"]) {
        assertSpecError(
          "{}",
          fileName,
          undefined,
          undefined,
          /^unsupported file type: use a \.json, \.yaml, \.yml or \.toml file$/u,
        );
      }
    });

    void it("rejects files over the size limit", () => {
      const text = `# ${"x".repeat(MAX_DEVBOX_SPEC_FILE_LENGTH)}\n`;
      assertSpecError(text, "a.yaml", undefined, undefined, /larger than 16 KiB/u);
    });

    void it("reports YAML syntax errors with their line", () => {
      assertSpecError("name: a\nimage: x\nsize: [s\nsite: b\n", "a.yaml", undefined, 4, /^invalid YAML: /u);
      assertSpecError(
        "name: a\nimage: x: y\nsize: s\n",
        "a.yaml",
        undefined,
        2,
        /^invalid YAML: Nested mappings/u,
      );
      assertSpecError(
        "name: a\nimage: @x\n",
        "a.yaml",
        undefined,
        2,
        /^invalid YAML: Plain value cannot start/u,
      );
      assertSpecError(
        "name: a\nsessions:\n\t- x\n",
        "a.yaml",
        undefined,
        3,
        /^invalid YAML: Tabs are not allowed/u,
      );
    });

    void it("reports JSON syntax errors with their line", () => {
      assertSpecError(
        '{\n  "name": "a",\n  "image": "x",\n}\n',
        "a.json",
        undefined,
        4,
        /^invalid JSON: expected a property name in double quotes, found "\}"$/u,
      );
      assertSpecError(
        '{\n  "name": "a"\n  "image": "x"\n}\n',
        "a.json",
        undefined,
        3,
        /^invalid JSON: expected ',' or '\}'/u,
      );
      assertSpecError(
        '{\n  "name": \n}\n',
        "a.json",
        undefined,
        3,
        /^invalid JSON: expected a value, found "\}"$/u,
      );
      assertSpecError('{\n  "name": "a', "a.json", undefined, 2, /^invalid JSON: string is not closed$/u);
      assertSpecError(
        "",
        "a.json",
        undefined,
        1,
        /^invalid JSON: expected a value, found the end of the file$/u,
      );
      assertSpecError("{}\n{}", "a.json", undefined, 2, /after the end of the document/u);
    });

    void it("reports TOML syntax errors with their line", () => {
      assertSpecError(
        'name = "a"\nimage = \nsize = "s"\n',
        "a.toml",
        undefined,
        2,
        /^invalid TOML: invalid value$/u,
      );
      assertSpecError('name = "a"\n[integrations\n', "a.toml", undefined, 2, /^invalid TOML: /u);
    });

    void it("rejects aliases that name no anchor or expand too far, with their line", () => {
      assertSpecError(
        "image: x\nname: *undefined\n",
        "a.yaml",
        undefined,
        2,
        /^invalid YAML: alias \*undefined names no anchor before it: define &undefined first/u,
      );
      const many = `image: &i x\n${Array.from({ length: 101 }, (_, i) => `k${i}: *i`).join("\n")}\n`;
      assertSpecError(many, "a.yaml", undefined, 2, /^invalid YAML: aliases expand to more than 100 values/u);
      const nine = (name: string): string => `[${Array.from({ length: 9 }, () => name).join(", ")}]`;
      const laughs = `a: &a ${nine("x")}\nb: &b ${nine("*a")}\nc: &c ${nine("*b")}\nd: ${nine("*c")}\n`;
      assertSpecError(laughs, "a.yaml", undefined, 2, /aliases expand to more than 100 values/u);
    });

    void it("rejects a key given twice, with the line of the second", () => {
      assertSpecError(
        "name: a\nimage: x\nname: b\n",
        "a.yaml",
        undefined,
        3,
        /^invalid YAML: Map keys must be unique/u,
      );
      assertSpecError(
        '{\n  "name": "a",\n  "image": "x",\n  "name": "b"\n}',
        "a.json",
        undefined,
        4,
        /given twice in one object/u,
      );
      assertSpecError('name = "a"\nimage = "x"\nname = "b"\n', "a.toml", undefined, 3, /^invalid TOML: /u);
    });

    void it("rejects pathological nesting without crashing", () => {
      assertSpecError("[".repeat(200), "a.json", undefined, 1, /nested more than 64 levels deep/u);
      assert.throws(() => parseDevboxSpecFile("[".repeat(200), "a.yaml"), NscError);
      assert.throws(() => parseDevboxSpecFile(`a = ${"[".repeat(200)}`, "a.toml"), NscError);
    });

    void it("rejects a document that is not a mapping", () => {
      assertSpecError(
        "- name: a\n",
        "a.yaml",
        undefined,
        1,
        /^must be a mapping of fields \(name, image, size, …\), found a list$/u,
      );
      assertSpecError('\n["a"]', "a.json", undefined, 2, /found a list/u);
      assertSpecError("", "a.yaml", undefined, undefined, /found nothing/u);
    });
  });

  void describe("unknown fields", () => {
    void it("suggests the field a typo was meant to be", () => {
      rejectsInEveryFormat(
        { ...BASE, imgae: "x" },
        "imgae",
        "imgae",
        /^unknown field: did you mean "image"\?$/u,
      );
    });

    void it("lists the fields when nothing is close", () => {
      rejectsInEveryFormat(
        { ...BASE, colour: "red" },
        "colour",
        "colour",
        /^unknown field: the fields here are name, name_prefix, image, size/u,
      );
    });

    void it("rejects unknown fields in sessions and integrations", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "sh", comand: "bash" }] },
        "sessions[0].comand",
        "comand",
        /did you mean "command"\?/u,
      );
      rejectsInEveryFormat(
        { ...BASE, integrations: { tailscal: { spec: "corp" } } },
        "integrations.tailscal",
        "tailscal",
        /did you mean "tailscale"\?/u,
      );
      rejectsInEveryFormat(
        { ...BASE, integrations: { tailscale: { specs: "corp" } } },
        "integrations.tailscale.specs",
        "specs",
        /did you mean "spec"\?/u,
      );
    });
  });

  void describe("name and name_prefix", () => {
    void it("requires one of them", () => {
      rejectsInEveryFormat(
        { image: "x", size: "M" },
        "name",
        null,
        /^is required: set name .* or name_prefix/u,
      );
    });

    void it("rejects both", () => {
      rejectsInEveryFormat(
        { ...BASE, name_prefix: "dev-" },
        "name_prefix",
        "name_prefix",
        /^give either name or name_prefix, not both$/u,
      );
    });

    void it("rejects a name outside the grammar", () => {
      for (const name of ["Api", "api_dev", "-api", "api-", "1api", "a".repeat(64)]) {
        rejectsInEveryFormat(
          { ...BASE, name },
          "name",
          `"${name}"`,
          /^invalid name ".*": use 1 to 63 lowercase letters/u,
        );
      }
    });

    void it("rejects a name that is not text", () => {
      rejectsInEveryFormat({ ...BASE, name: 42 }, "name", "42", /^must be text, found the number 42$/u);
      rejectsInEveryFormat({ ...BASE, name: null }, "name", "null", /^must be text, found nothing$/u, [
        "json",
        "yaml",
      ]);
    });

    void it("rejects an empty name", () => {
      rejectsInEveryFormat({ ...BASE, name: " " }, "name", '" "', /^must not be empty/u);
    });

    void it("rejects a name prefix outside the grammar", () => {
      for (const prefix of ["Dev", "9dev", "dev_", "d".repeat(41)]) {
        rejectsInEveryFormat(
          { name_prefix: prefix, image: "x", size: "M" },
          "name_prefix",
          `"${prefix}"`,
          /^invalid name prefix/u,
        );
      }
    });
  });

  void describe("image", () => {
    void it("is required", () => {
      rejectsInEveryFormat({ name: "a", size: "M" }, "image", null, /^is required: the container image/u);
    });

    void it("must be non-empty text without spaces, at most 512 characters", () => {
      rejectsInEveryFormat({ ...BASE, image: "" }, "image", "image", /^must not be empty/u);
      rejectsInEveryFormat(
        { ...BASE, image: "ubuntu 24.04" },
        "image",
        "ubuntu 24.04",
        /must not contain spaces/u,
      );
      rejectsInEveryFormat({ ...BASE, image: "é" }, "image", "image", /non-ASCII/u);
      rejectsInEveryFormat({ ...BASE, image: "x".repeat(513) }, "image", "xxxx", /longer than 512/u);
      rejectsInEveryFormat(
        { ...BASE, image: ["a"] },
        "image",
        { json: '"image"', yaml: '- "a"', toml: "image" },
        /^must be text, found a list$/u,
      );
    });
  });

  void describe("size", () => {
    void it("is required", () => {
      rejectsInEveryFormat({ name: "a", image: "x" }, "size", null, /^is required: use S, M, L or XL$/u);
    });

    void it("must be S, M, L or XL", () => {
      for (const size of ["XXL", "small", "2"]) {
        rejectsInEveryFormat(
          { ...BASE, size },
          "size",
          `"${size}"`,
          /^invalid size ".*": use S, M, L or XL$/u,
        );
      }
      rejectsInEveryFormat({ ...BASE, size: 2 }, "size", "size", /^must be text, found the number 2$/u);
    });
  });

  void describe("repository and site", () => {
    void it("rejects a repository with spaces or of the wrong type", () => {
      rejectsInEveryFormat(
        { ...BASE, repository: "github.com/a b" },
        "repository",
        "a b",
        /must not contain spaces/u,
      );
      rejectsInEveryFormat(
        { ...BASE, repository: true },
        "repository",
        "true",
        /^must be text, found true$/u,
      );
    });

    void it("rejects a site outside the grammar", () => {
      rejectsInEveryFormat(
        { ...BASE, site: "eu west" },
        "site",
        "eu west",
        /^invalid site "eu west": use 1 to 64 letters/u,
      );
      rejectsInEveryFormat({ ...BASE, site: "" }, "site", "site", /^must not be empty/u);
    });
  });

  void describe("volume_size_gb", () => {
    void it("accepts whole numbers from 1 to 4096", () => {
      assert.equal(acceptsInEveryFormat({ ...BASE, volume_size_gb: 1 }).volume_size_gb, 1);
      assert.equal(acceptsInEveryFormat({ ...BASE, volume_size_gb: 4096 }).volume_size_gb, 4096);
    });

    void it("rejects anything else", () => {
      for (const value of [0, -5, 4097, 1.5, "50"]) {
        rejectsInEveryFormat(
          { ...BASE, volume_size_gb: value },
          "volume_size_gb",
          "volume_size_gb",
          /^must be a whole number of GB from 1 to 4096, found /u,
        );
      }
    });
  });

  void describe("auto_stop_idle_timeout", () => {
    void it("normalises durations to seconds", () => {
      for (const [text, secs] of [
        ["30m", 1800],
        ["2h", 7200],
        ["1h30m", 5400],
        ["90s", 90],
        ["168h", 604800],
      ] as const) {
        assert.equal(
          acceptsInEveryFormat({ ...BASE, auto_stop_idle_timeout: text }).auto_stop_idle_timeout_secs,
          secs,
        );
      }
    });

    void it("rejects malformed durations", () => {
      for (const text of ["90", "30 m", "30M", "1m1h", "1.5h", "", "1d"]) {
        rejectsInEveryFormat(
          { ...BASE, auto_stop_idle_timeout: text },
          "auto_stop_idle_timeout",
          "auto_stop_idle_timeout",
          /^invalid duration ".*": write hours, minutes and seconds like 30m, 2h or 1h30m$/u,
        );
      }
    });

    void it("rejects durations out of range", () => {
      for (const text of ["30s", "0m", "169h"]) {
        rejectsInEveryFormat(
          { ...BASE, auto_stop_idle_timeout: text },
          "auto_stop_idle_timeout",
          text,
          /is out of range: use from 1m to 168h/u,
        );
      }
    });

    void it("rejects a bare number", () => {
      rejectsInEveryFormat(
        { ...BASE, auto_stop_idle_timeout: 30 },
        "auto_stop_idle_timeout",
        "auto_stop_idle_timeout",
        /^must be a duration in quotes with a unit, like "30m" or "1h30m", found the number 30$/u,
      );
    });
  });

  void describe("sessions", () => {
    const sessionsStart = { json: '"sessions"', yaml: "sessions:", toml: "[[sessions]]" } as const;

    void it("must be a list of mappings", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: "bash" },
        "sessions",
        "sessions",
        /^must be a list of \{name, command\}, found the text "bash"$/u,
      );
      rejectsInEveryFormat(
        { ...BASE, sessions: ["bash"] },
        "sessions[0]",
        { json: '"bash"', yaml: '- "bash"', toml: "sessions" },
        /^must be a mapping with name and command, found the text "bash"$/u,
      );
    });

    void it("requires a command, pointing at the session", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "shell" }] },
        "sessions[0].command",
        { json: "    {", yaml: '- name: "shell"', toml: "[[sessions]]" },
        /^is required: the command the session runs/u,
      );
    });

    void it("requires a name, pointing at the session", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "a", command: "x" }, { command: "bash" }] },
        "sessions[1].name",
        { occurrence: 2, needle: { json: "    {", yaml: "  - ", toml: "[[sessions]]" } },
        /^is required: name the session/u,
      );
    });

    void it("rejects a session name outside the grammar", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "My Shell", command: "bash" }] },
        "sessions[0].name",
        "My Shell",
        /^invalid session name "My Shell"/u,
      );
    });

    void it("rejects a session name used twice, at the second", () => {
      rejectsInEveryFormat(
        {
          ...BASE,
          sessions: [
            { name: "sh", command: "bash" },
            { name: "sh", command: "zsh" },
          ],
        },
        "sessions[1].name",
        { occurrence: 2, needle: '"sh"' },
        /^session name "sh" is used twice: give each session its own name$/u,
      );
    });

    void it("rejects an empty or overlong command", () => {
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "sh", command: "" }] },
        "sessions[0].command",
        "command",
        /^must not be empty/u,
      );
      rejectsInEveryFormat(
        { ...BASE, sessions: [{ name: "sh", command: "x".repeat(4097) }] },
        "sessions[0].command",
        "command",
        /longer than 4096/u,
      );
    });

    void it("rejects more than 16 sessions", () => {
      const sessions = Array.from({ length: 17 }, (_, i) => ({ name: `s${i}`, command: "bash" }));
      rejectsInEveryFormat(
        { ...BASE, sessions },
        "sessions",
        sessionsStart,
        /^has 17 sessions, at most 16 are allowed$/u,
      );
    });
  });

  void describe("integrations.tailscale.spec", () => {
    void it("must be a mapping at each level", () => {
      rejectsInEveryFormat(
        { ...BASE, integrations: "corp" },
        "integrations",
        "integrations",
        /^must be a mapping, found the text "corp"$/u,
      );
      rejectsInEveryFormat(
        { ...BASE, integrations: { tailscale: "corp" } },
        "integrations.tailscale",
        "tailscale",
        /^must be a mapping with spec, found the text "corp"$/u,
      );
    });

    void it("requires spec when tailscale is given", () => {
      rejectsInEveryFormat(
        { ...BASE, integrations: { tailscale: {} } },
        "integrations.tailscale.spec",
        "tailscale",
        /^is required: name the Tailscale spec/u,
      );
    });

    void it("validates the spec name", () => {
      rejectsInEveryFormat(
        { ...BASE, integrations: { tailscale: { spec: "Corp" } } },
        "integrations.tailscale.spec",
        "Corp",
        /^invalid spec name "Corp": use 1 to 63 lowercase letters/u,
      );
    });
  });
});
