import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { forbiddenAddressReason } from "./forbidden-address.js";
import { matchesPattern } from "./match-pattern.js";
import { readClaim } from "./read-claim.js";
import { sourceClaimsOf } from "./source-claims.js";

describe("matchesPattern", () => {
  it("matches * as any run of characters and everything else literally, on the whole value", () => {
    const cases: readonly [string, string, boolean][] = [
      ["repo:acme/*", "repo:acme/app:ref:refs/heads/main", true],
      ["repo:acme/*", "repo:acme", false],
      ["repo:acme/*:ref:refs/heads/main", "repo:acme/app:ref:refs/heads/main", true],
      ["repo:acme/*:ref:refs/heads/main", "repo:acme/app:ref:refs/heads/dev", false],
      ["*:prod", "system:serviceaccount:prod", true],
      ["a*b*c", "aXXbYYc", true],
      ["a*b*c", "aXXbYY", false],
      ["exact", "exact", true],
      ["exact", "exactly", false],
      ["a.c", "abc", false],
      ["a?c", "abc", false],
      ["", "", true],
      ["*", "", true],
    ];
    for (const [pattern, value, expected] of cases) {
      assert.equal(matchesPattern(pattern, value), expected, `${pattern} ~ ${value}`);
    }
  });

  it("takes linear-ish time on adversarial input", () => {
    assert.equal(matchesPattern("*a*a*a*a*a*a*a*b", "a".repeat(2000)), false);
  });
});

describe("readClaim", () => {
  it("reads nested claims by dotted path, with dotted keys taken whole", () => {
    const payload = {
      repository: "acme/app",
      run_attempt: 2,
      "kubernetes.io": { namespace: "ci", serviceaccount: { name: "runner" } },
      list: ["a"],
    };
    assert.deepEqual(readClaim(payload, "repository"), { kind: "scalar", text: "acme/app" });
    assert.deepEqual(readClaim(payload, "run_attempt"), { kind: "scalar", text: "2" });
    assert.deepEqual(readClaim(payload, "kubernetes.io.namespace"), { kind: "scalar", text: "ci" });
    assert.deepEqual(readClaim(payload, "kubernetes.io.serviceaccount.name"), {
      kind: "scalar",
      text: "runner",
    });
    assert.deepEqual(readClaim(payload, "kubernetes.io"), { kind: "structured" });
    assert.deepEqual(readClaim(payload, "list"), { kind: "structured" });
    assert.deepEqual(readClaim(payload, "missing.x"), { kind: "missing" });
    assert.deepEqual(readClaim(payload, "constructor"), { kind: "missing" });
    assert.deepEqual(readClaim(payload, "__proto__"), { kind: "missing" });
  });
});

describe("forbiddenAddressReason", () => {
  it("refuses link-local, metadata, unspecified and multicast addresses in every spelling", () => {
    for (const host of [
      "169.254.169.254",
      "169.254.0.1",
      "[fe80::1]",
      "fe80::abcd:1",
      "[::ffff:a9fe:a9fe]",
      "::ffff:169.254.169.254",
      "[fd00:ec2::254]",
      "100.100.100.200",
      "metadata.google.internal",
      "METADATA.GOOGLE.INTERNAL.",
      "0.0.0.0",
      "[::]",
      "224.0.0.1",
      "[ff02::1]",
    ]) {
      assert.notEqual(forbiddenAddressReason(host), null, host);
    }
  });

  it("allows public, private and loopback addresses, where in-cluster issuers live", () => {
    for (const host of [
      "127.0.0.1",
      "[::1]",
      "10.96.0.1",
      "192.168.1.5",
      "100.64.0.1",
      "[2001:db8::1]",
      "kubernetes.default.svc",
      "token.actions.githubusercontent.com",
    ]) {
      assert.equal(forbiddenAddressReason(host), null, host);
    }
  });
});

describe("sourceClaimsOf", () => {
  it("carries the issuer and subject, the Kubernetes namespace and service account, GitHub's repository, workflow and runner", () => {
    assert.deepEqual(
      sourceClaimsOf("arc", {
        iss: "https://k8s.example",
        sub: "system:serviceaccount:ci:runner",
        "kubernetes.io": { namespace: "ci", serviceaccount: { name: "runner", uid: "u" } },
      }),
      {
        trust_relationship: "arc",
        source_issuer: "https://k8s.example",
        source_subject: "system:serviceaccount:ci:runner",
        kubernetes_namespace: "ci",
        kubernetes_service_account: "runner",
      },
    );
    const gh = sourceClaimsOf("gha", {
      iss: "https://token.actions.githubusercontent.com",
      sub: "repo:acme/app:ref:refs/heads/main",
      repository: "acme/app",
      workflow_ref: "acme/app/.github/workflows/ci.yml@refs/heads/main",
      runner_environment: "self-hosted",
    });
    assert.equal(gh.github_repository, "acme/app");
    assert.equal(gh.github_runner_environment, "self-hosted");
    assert.equal(gh.kubernetes_namespace, undefined);
  });

  it("leaves out values with control characters or too long", () => {
    const claims = sourceClaimsOf("x", {
      iss: "i",
      sub: "s",
      repository: "a\nb",
      workflow_ref: "w".repeat(600),
    });
    assert.equal(claims.github_repository, undefined);
    assert.equal(claims.github_workflow_ref, undefined);
  });
});
