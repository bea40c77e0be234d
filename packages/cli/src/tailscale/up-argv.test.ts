import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { buildUpArgv, formatCommandLine, formatGoDuration, redactArgv } from "./up-argv.js";

const SPEC = { oauth_client_id: "k123", tags: ["tag:namespace", "tag:ci"], enable_magic_dns: true };

describe("buildUpArgv", () => {
  it("builds the seed's federated invocation, secrets only as files", () => {
    assert.deepEqual(
      buildUpArgv(
        { spec: SPEC, hostname: "ci-abc", timeoutSecs: 120 },
        { kind: "federated", idTokenPath: "/tmp/nsc-join-x/secret" },
      ),
      [
        "up",
        "--client-id=k123?preauthorized=true&ephemeral=true",
        "--id-token=file:/tmp/nsc-join-x/secret",
        "--advertise-tags=tag:namespace,tag:ci",
        "--accept-dns=true",
        "--hostname=ci-abc",
        "--reset",
        "--timeout=2m",
      ],
    );
  });

  it("passes Magic DNS off and a login server when the spec has one", () => {
    assert.deepEqual(
      buildUpArgv(
        {
          spec: { ...SPEC, enable_magic_dns: false, login_server: "https://hs.example.com" },
          hostname: "h",
          timeoutSecs: 90,
        },
        { kind: "auth_key", authKeyPath: "/tmp/k" },
      ),
      [
        "up",
        "--auth-key=file:/tmp/k",
        "--advertise-tags=tag:namespace,tag:ci",
        "--accept-dns=false",
        "--hostname=h",
        "--login-server=https://hs.example.com",
        "--reset",
        "--timeout=90s",
      ],
    );
  });

  it("keeps a non-root runner as operator across --reset, and adds --force-reauth when asked", () => {
    const argv = buildUpArgv(
      { spec: SPEC, hostname: "h", timeoutSecs: 60, operator: "runner", forceReauth: true },
      { kind: "auth_key", authKeyPath: "/tmp/k" },
    );
    assert.deepEqual(argv.slice(-4), ["--operator=runner", "--reset", "--force-reauth", "--timeout=1m"]);
  });
});

describe("formatGoDuration", () => {
  it("writes whole hours, minutes or seconds", () => {
    assert.deepEqual([3600, 120, 90, 1, 7200].map(formatGoDuration), ["1h", "2m", "90s", "1s", "2h"]);
  });
});

describe("redactArgv and formatCommandLine", () => {
  it("hides secret file paths and nothing else", () => {
    const argv = [
      "up",
      "--client-id=k?preauthorized=true&ephemeral=true",
      "--id-token=file:/tmp/a/b",
      "--auth-key=file:/x",
      "--hostname=h",
    ];
    assert.deepEqual(redactArgv(argv), [
      "up",
      "--client-id=k?preauthorized=true&ephemeral=true",
      "--id-token=file:<redacted>",
      "--auth-key=file:<redacted>",
      "--hostname=h",
    ]);
  });

  it("quotes every word a POSIX shell would treat specially, and only those", () => {
    assert.equal(
      formatCommandLine("tailscale", [
        "up",
        "--client-id=k?preauthorized=true&ephemeral=true",
        "--id-token=file:<redacted>",
        "--advertise-tags=tag:a,tag:b",
        "--hostname=it's",
      ]),
      "tailscale up '--client-id=k?preauthorized=true&ephemeral=true' '--id-token=file:<redacted>' " +
        "--advertise-tags=tag:a,tag:b '--hostname=it'\\''s'",
    );
  });

  it("pastes into sh as exactly the same words", () => {
    const words = [
      "--client-id=k?preauthorized=true&ephemeral=true",
      "a b",
      "$HOME",
      "`id`",
      "x;y|z",
      "*",
      "q'uo\"te",
      "~user",
      "#c",
      "(p)",
      "!h",
      "<r>",
      "tab\tnl\n",
      "",
    ];
    // printf prints each argument followed by NUL, so the words come back exactly as the shell split them.
    const line = formatCommandLine("printf", ["%s\\0", ...words]);
    const out = execFileSync("sh", ["-c", line], { encoding: "utf8" });
    assert.deepEqual(out.split("\0").slice(0, -1), words);
  });
});
