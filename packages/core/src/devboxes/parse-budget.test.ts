import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { parseRunnerLabels } from "../runners/parse-runner-labels.js";
import { busyMs } from "../test-support/busy-time.js";
import { parseDevboxSpecFile } from "./parse-devbox-spec-file.js";
import {
  MAX_DEVBOX_SPEC_FILE_LENGTH,
  MAX_DEVBOX_SPEC_FILE_LINES,
  MAX_DEVBOX_SPEC_FILE_SEPARATORS,
} from "./spec-file-budget.js";
import { adversarialSpecFiles } from "./test-support/adversarial-spec-files.js";
import { MAX_TOML_KEY_DEPTH } from "./toml-key-lines.js";

/** The most CPU time one request's parsing may take: the event loop serves everyone else meanwhile. */
const BUDGET_MS = 50;

void describe("parsing on a request path stays within its time budget", () => {
  for (const file of adversarialSpecFiles()) {
    void it(`${file.label} (${file.content.length} characters)`, () => {
      assert.ok(
        file.content.length <= MAX_DEVBOX_SPEC_FILE_LENGTH,
        "the input must be within the size limit",
      );
      const ms = busyMs(() => parseDevboxSpecFile(file.content, file.name), 5);
      if (process.env.NSC_SHOW_BUSY === "1") console.log(file.label, ms.toFixed(1));
      assert.ok(ms <= BUDGET_MS, `parsing took ${ms.toFixed(1)} ms of CPU, more than ${BUDGET_MS} ms`);
    });
  }

  void it("runner labels at the label limits", () => {
    const inputs = [
      Array.from({ length: 64 }, (_, i) => `namespace-profile-a${i};${"k=v;".repeat(200)}tailscale.spec=x`),
      Array.from({ length: 64 }, () => `namespace-profile-${"a".repeat(1000)}`),
      Array.from({ length: 64 }, () => `namespace-profile-a${";".repeat(1000)}`),
      Array.from({ length: 64 }, () => `nscloud-${"-".repeat(1000)}`),
    ];
    for (const labels of inputs) {
      const ms = busyMs(() => parseRunnerLabels(labels));
      assert.ok(ms <= BUDGET_MS, `label parsing took ${ms.toFixed(1)} ms of CPU`);
    }
  });
});

void describe("spec file limits", () => {
  const rejects = (content: string, name: string, problem: RegExp): void => {
    assert.throws(
      () => parseDevboxSpecFile(content, name),
      (error: unknown) =>
        error instanceof NscError && error.code === "invalid_devbox_spec" && problem.test(error.message),
    );
  };

  void it("refuses a file over the size, line or separator limit, naming the limit", () => {
    rejects(`# ${"x".repeat(MAX_DEVBOX_SPEC_FILE_LENGTH)}`, "d.yaml", /larger than 16 KiB/u);
    rejects("\n".repeat(MAX_DEVBOX_SPEC_FILE_LINES), "d.yaml", /257 lines, more than 256/u);
    rejects(
      `a: [${"1,".repeat(MAX_DEVBOX_SPEC_FILE_SEPARATORS)}1]`,
      "d.yaml",
      /separators .* more than 256/u,
    );
  });

  void it("refuses a TOML key with too many dotted parts, with its line", () => {
    const deep = `${"a.".repeat(MAX_TOML_KEY_DEPTH)}a`;
    rejects(`image = "x"\n[${deep}]\n`, "d.toml", /^d\.toml:2: a key has 17 dotted parts, more than 16/u);
    rejects(`image = "x"\n\n${deep} = 1\n`, "d.toml", /^d\.toml:3: a key has 17 dotted parts/u);
  });
});
