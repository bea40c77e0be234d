import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startExternalIssuer, type ExternalIssuer } from "@nsc/testkit";
import { TEST_DATABASES } from "@nsc/server/testing";
import { assertFailure, startFederation, type Federation } from "./support/federation.js";

for (const database of TEST_DATABASES) {
  describe(`nsc auth trust-relationships (nsc-server on ${database.name})`, () => {
    let federation: Federation;
    let k8s: ExternalIssuer;
    let github: ExternalIssuer;

    before(async () => {
      [k8s, github] = await Promise.all([startExternalIssuer(), startExternalIssuer()]);
      federation = await startFederation(database);
      await federation.setSpec("k8s", federation.credential.clientId, ["tag:ci"], true);
      await federation.setSpec("gha", federation.credential.clientId, ["tag:ci"], false);
    });
    after(async () => {
      await federation.close();
      await Promise.all([k8s.close(), github.close()]);
    });

    it("manages trust relationships with add, list, update and remove", async () => {
      const add = await federation.nsc(
        "auth",
        "trust-relationships",
        "add",
        "arc",
        "--issuer",
        k8s.url,
        "--subject-match",
        "system:serviceaccount:arc-runners:*",
        "--audience",
        "nsc",
        "--claim",
        "kubernetes.io.namespace=arc-runners",
        "--kind",
        "runner",
        "--tailscale-spec",
        "k8s",
        "--instance-ttl",
        "2h",
      );
      assert.deepEqual([add.code, add.stdout, add.stderr], [0, 'Added trust relationship "arc".\n', ""]);
      const gha = await federation.nsc(
        "auth",
        "trust-relationships",
        "add",
        "gha",
        "--issuer",
        github.url,
        "--subject-match",
        "repo:acme/*",
        "--audience",
        "https://github.com/acme",
        "--claim",
        "runner_environment=self-hosted",
        "--kind",
        "runner",
        "--tailscale-spec",
        "gha",
        "--allow-label",
        "self-hosted",
        "--allow-label",
        "linux",
      );
      assert.equal(gha.code, 0, gha.stderr);
      const list = await federation.nsc("auth", "trust-relationships", "list");
      assert.equal(list.code, 0, list.stderr);
      assert.equal(
        list.stdout,
        [
          "Trust relationships:",
          "",
          "arc",
          `  Issuer: ${k8s.url}`,
          "  Audience: nsc",
          "  Subject: system:serviceaccount:arc-runners:*",
          "  Claims: kubernetes.io.namespace=arc-runners",
          "  JWKS: fetched from the issuer",
          "  Grants: runner, spec k8s, instances live 2h",
          "",
          "gha",
          `  Issuer: ${github.url}`,
          "  Audience: https://github.com/acme",
          "  Subject: repo:acme/*",
          "  Claims: runner_environment=self-hosted",
          "  JWKS: fetched from the issuer",
          "  Grants: runner, spec gha, instances live 1h",
          "  Allowed labels: self-hosted, linux",
          "",
          "",
        ].join("\n"),
      );
      const update = await federation.nsc(
        "auth",
        "trust-relationships",
        "update",
        "gha",
        "--audience",
        "b",
        "-o",
        "json",
      );
      assert.equal(update.code, 0, update.stderr);
      const updated = JSON.parse(update.stdout) as { audience: string; subject_match: string };
      assert.deepEqual([updated.audience, updated.subject_match], ["b", "repo:acme/*"]);
      const removed = await federation.nsc("auth", "trust-relationships", "remove", "gha");
      assert.deepEqual([removed.code, removed.stdout], [0, 'Removed trust relationship "gha".\n']);
      assertFailure(
        await federation.nsc("auth", "trust-relationships", "remove", "gha"),
        "trust_relationship_not_found",
        'trust relationship "gha" not found',
      );
      assertFailure(
        await federation.nsc(
          "auth",
          "trust-relationships",
          "add",
          "bad",
          "--issuer",
          "https://169.254.169.254",
          "--subject-match",
          "x:*",
          "--audience",
          "a",
          "--kind",
          "generic",
          "--tailscale-spec",
          "corp",
        ),
        "invalid_issuer_url",
        "link-local",
      );
    });
  });
}
