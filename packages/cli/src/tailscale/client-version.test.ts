import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareVersions, joinPathFor, parseClientVersion } from "./client-version.js";

describe("parseClientVersion", () => {
  it("reads the first line of `tailscale version`", () => {
    assert.deepEqual(
      parseClientVersion("1.92.3\n  tailscale commit: abc\n  long version: 1.92.3-tabc-gdef\n"),
      { major: 1, minor: 92, patch: 3 },
    );
    assert.deepEqual(parseClientVersion("1.90.4-t0123abcd-g4567\n"), { major: 1, minor: 90, patch: 4 });
    assert.deepEqual(parseClientVersion("v1.100.0\n"), { major: 1, minor: 100, patch: 0 });
  });

  it("gives up on anything else", () => {
    assert.equal(parseClientVersion(""), undefined);
    assert.equal(parseClientVersion("tailscale 1.92.3"), undefined);
    assert.equal(parseClientVersion("1.92"), undefined);
    assert.equal(parseClientVersion("1.92.3x"), undefined);
  });
});

describe("compareVersions", () => {
  it("compares numerically, not as text", () => {
    const v = (text: string) => parseClientVersion(text) ?? assert.fail(text);
    assert.ok(compareVersions(v("1.100.0"), v("1.90.4")) > 0);
    assert.ok(compareVersions(v("1.90.3"), v("1.90.4")) < 0);
    assert.equal(compareVersions(v("1.90.4"), v("1.90.4")), 0);
    assert.ok(compareVersions(v("2.0.0"), v("1.99.99")) > 0);
  });
});

describe("joinPathFor", () => {
  it("uses the client's own federation from 1.90.4, an auth key before and when unknown", () => {
    const path = (text: string) => joinPathFor(parseClientVersion(text));
    assert.equal(path("1.90.4"), "federated");
    assert.equal(path("1.92.3"), "federated");
    assert.equal(path("1.100.1"), "federated");
    assert.equal(path("1.90.3"), "auth_key", "1.90.0–1.90.3 mangle the client ID");
    assert.equal(path("1.90.0"), "auth_key");
    assert.equal(path("1.88.0"), "auth_key");
    assert.equal(joinPathFor(undefined), "auth_key");
  });

  // tailscale-wif.md: "unstable 1.91.x builds … the fix landed 18 commits after it, so unstable
  // 1.91.0–1.91.17 still have the bug."
  it("treats unstable 1.91.0–1.91.17 as buggy, 1.91.18 on as fixed", () => {
    const path = (text: string) => joinPathFor(parseClientVersion(text));
    assert.equal(path("1.91.0"), "auth_key");
    assert.equal(path("1.91.17"), "auth_key");
    assert.equal(path("1.91.18"), "federated");
  });

  it("takes the auth-key path on any version when federation is turned off", () => {
    assert.equal(joinPathFor(parseClientVersion("1.96.0"), false), "auth_key");
  });
});
