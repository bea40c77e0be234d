import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

/** Dockerfile instructions with their continuation lines joined. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/gu, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

describe("Dockerfile (the image is not built here: no base image can be pulled)", () => {
  const lines = instructions(read("Dockerfile"));

  it("copies only paths that exist after npm run build", () => {
    const copies = lines.filter((l) => l.startsWith("COPY "));
    assert.ok(copies.length > 10);
    for (const copy of copies) {
      const words = copy.split(/\s+/u).slice(1);
      const fromBuild = words[0] === "--from=build";
      const sources = (fromBuild ? words.slice(1) : words).slice(0, -1);
      for (const source of sources) {
        const path = fromBuild ? source.replace(/^\/src\/?/u, "") : source;
        assert.ok(
          source === "." || existsSync(join(ROOT, path)),
          `${copy}: ${path} does not exist (run npm run build first)`,
        );
        if (fromBuild) assert.ok(source.startsWith("/src/"), `${copy}: copies from outside the build`);
      }
    }
  });

  it("builds in stages and runs as a non-root user with a data volume and a /healthz health check", () => {
    assert.equal(lines.filter((l) => l.startsWith("FROM ")).length, 2);
    const user = lines.filter((l) => l.startsWith("USER ")).at(-1) ?? "";
    assert.match(user, /^USER [1-9]\d*:[1-9]\d*$/u);
    assert.ok(lines.some((l) => /^VOLUME \["\/var\/lib\/nsc"\]$/u.test(l)));
    assert.ok(lines.some((l) => /^ENV .*NSC_DATA_DIR=\/var\/lib\/nsc/u.test(l)));
    const health = lines.find((l) => l.startsWith("HEALTHCHECK ")) ?? "";
    assert.match(health, /deploy\/docker\/healthcheck\.mjs/u);
    assert.match(read("deploy/docker/healthcheck.mjs"), /path: "\/healthz"/u);
    const ignored = read(".dockerignore");
    assert.match(ignored, /^\*\*\/node_modules$/mu);
  });

  it("runs the health check script against a live /healthz", async () => {
    const { startServing } = await import("../test-support/server-process.js");
    const dir = mkdtempSync(join(tmpdir(), "nsc-health-"));
    const server = await startServing(["--listen", "127.0.0.1:0", "--data-dir", dir]);
    try {
      const port = new URL(server.url).port;
      const ok = spawnSync(process.execPath, [join(ROOT, "deploy/docker/healthcheck.mjs")], {
        env: { NSC_LISTEN: `127.0.0.1:${port}` },
      });
      assert.equal(ok.status, 0);
    } finally {
      await server.stop();
    }
    const down = spawnSync(process.execPath, [join(ROOT, "deploy/docker/healthcheck.mjs")], {
      env: { NSC_LISTEN: "127.0.0.1:1" },
    });
    assert.equal(down.status, 1);
  });
});

describe("systemd unit", () => {
  const unit = read("deploy/systemd/nsc-server.service");
  const analyze = spawnSync("systemd-analyze", ["--version"]);
  const missing = analyze.error === undefined ? undefined : "systemd-analyze is not installed";
  if (missing !== undefined && process.env.CI === "true") {
    throw new Error(`${missing}; CI requires it (.ci/run installs Debian's systemd)`);
  }

  /** Runs `systemd-analyze verify` on a copy of the unit; any warning counts as a failure. */
  const verify = (text: string): { status: number | null; output: string } => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-unit-"));
    // The unit names /usr/bin/node, which verify requires to exist; elsewhere, this Node stands in.
    const node = existsSync("/usr/bin/node") ? text : text.replace("/usr/bin/node", process.execPath);
    writeFileSync(join(dir, "nsc-server.service"), node);
    const result = spawnSync("systemd-analyze", ["verify", join(dir, "nsc-server.service")], {
      encoding: "utf8",
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  it("is hardened: its own user, read-only system, a state directory, the key as a credential", () => {
    for (const line of [
      "DynamicUser=yes",
      "ProtectSystem=strict",
      "StateDirectory=nsc",
      "LoadCredential=key-encryption-key:/etc/nsc/key-encryption-key",
      "Environment=NSC_KEY_ENCRYPTION_KEY_FILE=%d/key-encryption-key",
      "NoNewPrivileges=yes",
      "CapabilityBoundingSet=",
      "ExecReload=/bin/kill -HUP $MAINPID",
    ]) {
      assert.ok(unit.split("\n").includes(line), `missing ${line}`);
    }
  });

  it("passes systemd-analyze verify with no warning", { skip: missing }, () => {
    const result = verify(unit);
    assert.equal(result.status, 0, result.output);
    assert.equal(result.output.trim(), "");
    // The check bites: a misspelt directive is only a warning to systemd, and a failure here.
    const typo = verify(unit.replace("ProtectSystem=strict", "ProtectSytem=strict"));
    assert.match(typo.output, /Unknown key/u);
  });
});
