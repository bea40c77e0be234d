import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { parseRunnerLabels } from "./parse-runner-labels.js";
import { runnerTailscaleSpec } from "./runner-tailscale-spec.js";

/** Asserts that parsing fails with `invalid_runner_label` on `field`, with a message matching `pattern`. */
function assertRejects(labels: readonly string[], field: string, pattern: RegExp): void {
  assert.throws(
    () => parseRunnerLabels(labels),
    (error: unknown) => {
      assert.ok(error instanceof NscError);
      assert.equal(error.code, "invalid_runner_label");
      assert.equal(error.field, field);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

void describe("parseRunnerLabels", () => {
  void it("reads profile, features, machine, namespace-features and other labels", () => {
    const labels = parseRunnerLabels([
      "self-hosted",
      "namespace-profile-ci;overrides.cache-tag=main;tailscale.spec=corp;job.priority=1",
      "nscloud-ubuntu-22.04-amd64-4x16",
      "namespace-features:github.run-id=42",
      "linux",
    ]);
    assert.equal(labels.profile?.name, "ci");
    assert.deepEqual(
      [...labels.profile.features],
      [
        ["overrides.cache-tag", "main"],
        ["tailscale.spec", "corp"],
        ["job.priority", "1"],
      ],
    );
    assert.equal(labels.tailscale_spec, "corp");
    assert.deepEqual(labels.machine, {
      label: "nscloud-ubuntu-22.04-amd64-4x16",
      os: "ubuntu-22.04",
      arch: "amd64",
      shape: { vcpu: 4, memory_gb: 16 },
    });
    assert.deepEqual([...labels.namespace_features], [["github.run-id", "42"]]);
    assert.deepEqual(labels.other, ["self-hosted", "linux"]);
  });

  void it("accepts jobs with no Namespace labels at all", () => {
    const labels = parseRunnerLabels(["ubuntu-latest"]);
    assert.equal(labels.profile, undefined);
    assert.equal(labels.machine, undefined);
    assert.equal(labels.tailscale_spec, undefined);
    assert.equal(labels.namespace_features.size, 0);
    assert.deepEqual(labels.other, ["ubuntu-latest"]);
    assert.deepEqual(parseRunnerLabels([]).other, []);
  });

  void it("reads a profile label without features", () => {
    const labels = parseRunnerLabels(["namespace-profile-default"]);
    assert.equal(labels.profile?.name, "default");
    assert.equal(labels.profile.features.size, 0);
    assert.equal(labels.tailscale_spec, undefined);
  });

  void it("matches prefixes, profile names, keys and machine labels without regard to case", () => {
    const labels = parseRunnerLabels([
      "Namespace-Profile-CI;Tailscale.Spec=corp",
      "NSCloud-Ubuntu-22.04-ARM64",
    ]);
    assert.equal(labels.profile?.name, "ci");
    assert.equal(labels.profile.label, "Namespace-Profile-CI;Tailscale.Spec=corp");
    assert.equal(labels.tailscale_spec, "corp");
    assert.equal(labels.machine?.os, "ubuntu-22.04");
    assert.equal(labels.machine.arch, "arm64");
  });

  void it("keeps '=' inside a feature value", () => {
    const labels = parseRunnerLabels(["namespace-profile-ci;overrides.cache-tag=a=b"]);
    assert.equal(labels.profile?.features.get("overrides.cache-tag"), "a=b");
  });

  void describe("profile labels", () => {
    void it("rejects two profile labels", () => {
      assertRejects(
        ["namespace-profile-a", "linux", "namespace-profile-b"],
        "labels[2]",
        /"namespace-profile-b": a job may have one namespace-profile label, and labels\[0\] is one already/u,
      );
    });

    void it("rejects an empty profile name", () => {
      assertRejects(["namespace-profile-"], "labels[0]", /empty profile name/u);
      assertRejects(["namespace-profile-;tailscale.spec=corp"], "labels[0]", /empty profile name/u);
    });

    void it("rejects a profile name outside the grammar", () => {
      assertRejects(["namespace-profile-ci.large"], "labels[0]", /invalid profile name "ci\.large"/u);
      assertRejects(["namespace-profile--ci"], "labels[0]", /invalid profile name "-ci"/u);
      assertRejects([`namespace-profile-${"a".repeat(65)}`], "labels[0]", /invalid profile name/u);
    });

    void it("rejects a feature without '='", () => {
      assertRejects(
        ["namespace-profile-ci;container.privileged"],
        "labels[0]",
        /feature "container\.privileged" has no '='/u,
      );
    });

    void it("rejects an empty feature", () => {
      assertRejects(["namespace-profile-ci;"], "labels[0]", /empty feature/u);
      assertRejects(["namespace-profile-ci;;job.priority=1"], "labels[0]", /empty feature/u);
    });

    void it("rejects an empty feature key", () => {
      assertRejects(["namespace-profile-ci;=corp"], "labels[0]", /has an empty key/u);
    });

    void it("rejects an empty feature value", () => {
      assertRejects(
        ["namespace-profile-ci;tailscale.spec="],
        "labels[0]",
        /feature "tailscale\.spec" has an empty value/u,
      );
    });

    void it("rejects feature keys with bad characters", () => {
      for (const key of [
        "container..privileged",
        ".job",
        "job.",
        "job priority",
        "1job",
        "job.1priority",
        "jöb",
      ]) {
        assertRejects([`namespace-profile-ci;${key}=1`], "labels[0]", /invalid feature key/u);
      }
    });

    void it("rejects feature values with spaces or control characters", () => {
      assertRejects(["namespace-profile-ci;overrides.cache-tag=a b"], "labels[0]", /printable ASCII/u);
      assertRejects(["namespace-profile-ci;overrides.cache-tag=a\u0001"], "labels[0]", /printable ASCII/u);
    });

    void it("rejects a key given twice, whatever its case", () => {
      assertRejects(
        ["namespace-profile-ci;job.priority=1;Job.Priority=2"],
        "labels[0]",
        /feature "job\.priority" is given twice/u,
      );
    });

    void it("rejects too many features", () => {
      const features = Array.from({ length: 33 }, (_, i) => `;f${i}=1`).join("");
      assertRejects([`namespace-profile-ci${features}`], "labels[0]", /too many features: 33 given/u);
    });

    void it("rejects an invalid tailscale.spec value", () => {
      assertRejects(
        ["namespace-profile-ci;tailscale.spec=Corp!"],
        "labels[0]",
        /feature tailscale\.spec: invalid spec name "Corp!"/u,
      );
    });
  });

  void describe("machine labels", () => {
    void it("reads every documented form", () => {
      const cases = [
        ["nscloud-ubuntu-22.04", "ubuntu-22.04", undefined, undefined],
        ["nscloud-ubuntu-22.04-arm64", "ubuntu-22.04", "arm64", undefined],
        ["nscloud-windows-2022-amd64-8x16", "windows-2022", "amd64", { vcpu: 8, memory_gb: 16 }],
        ["nscloud-macos-sonoma-arm64-6x14", "macos-sonoma", "arm64", { vcpu: 6, memory_gb: 14 }],
      ] as const;
      for (const [label, os, arch, shape] of cases) {
        assert.deepEqual(parseRunnerLabels([label]).machine, { label, os, arch, shape });
      }
    });

    void it("rejects two machine labels", () => {
      assertRejects(
        ["nscloud-ubuntu-22.04", "nscloud-ubuntu-24.04"],
        "labels[1]",
        /a job may have one nscloud machine label, and labels\[0\] is one already/u,
      );
    });

    void it("rejects a label without an OS version", () => {
      assertRejects(
        ["nscloud-ubuntu"],
        "labels[0]",
        /machine labels look like nscloud-\{os\}-\{arch\}-\{shape\}/u,
      );
      assertRejects(["nscloud-"], "labels[0]", /machine labels look like/u);
    });

    void it("rejects an unknown architecture", () => {
      assertRejects(
        ["nscloud-ubuntu-22.04-x86-4x16"],
        "labels[0]",
        /unknown architecture "x86": use amd64 or arm64/u,
      );
      assertRejects(["nscloud-ubuntu-22.04-4x16"], "labels[0]", /give the architecture before the shape/u);
    });

    void it("rejects a malformed shape", () => {
      for (const shape of ["4x", "x16", "0x16", "4x0", "4by16", "04x16", "2000x16"]) {
        assertRejects([`nscloud-ubuntu-22.04-amd64-${shape}`], "labels[0]", /invalid machine shape/u);
      }
    });

    void it("rejects anything after the shape", () => {
      assertRejects(
        ["nscloud-ubuntu-22.04-amd64-4x16-with-cache"],
        "labels[0]",
        /unexpected "with-cache" after the shape/u,
      );
    });
  });

  void describe("namespace-features labels", () => {
    void it("rejects a malformed feature", () => {
      assertRejects(["namespace-features:container.privileged"], "labels[0]", /has no '='/u);
      assertRejects(["namespace-features:"], "labels[0]", /empty feature/u);
    });

    void it("rejects a key given twice", () => {
      assertRejects(
        ["namespace-features:a=1", "namespace-features:a=2"],
        "labels[1]",
        /feature "a" is given twice/u,
      );
    });

    void it("rejects tailscale.spec outside the profile label", () => {
      assertRejects(
        ["namespace-features:tailscale.spec=corp"],
        "labels[0]",
        /read only from the profile label/u,
      );
    });
  });

  void describe("bounds", () => {
    void it("rejects too many labels", () => {
      assertRejects(
        Array.from({ length: 65 }, (_, i) => `l${i}`),
        "labels",
        /too many runner labels: 65 given, at most 64/u,
      );
    });

    void it("rejects an overlong label and quotes only its start", () => {
      const label = `namespace-profile-ci;overrides.cache-tag=${"a".repeat(600)}`;
      assertRejects(
        ["linux", label],
        "labels[1]",
        /"namespace-profile-ci;overrides\.cache-tag=a+"…: longer than 512 characters/u,
      );
    });

    void it("rejects an overlong feature key or value", () => {
      assertRejects(
        [`namespace-profile-ci;${"k".repeat(129)}=1`],
        "labels[0]",
        /feature key is longer than 128/u,
      );
      assertRejects(
        [`namespace-profile-ci;k=${"v".repeat(257)}`],
        "labels[0]",
        /value of feature "k" is longer than 256/u,
      );
    });
  });
});

void describe("runnerTailscaleSpec", () => {
  void it("returns the spec named by the profile label", () => {
    assert.equal(runnerTailscaleSpec(["linux", "namespace-profile-ci;tailscale.spec=corp"]), "corp");
  });

  void it("returns undefined when no spec is named", () => {
    assert.equal(runnerTailscaleSpec(["namespace-profile-ci;job.priority=1"]), undefined);
    assert.equal(runnerTailscaleSpec(["ubuntu-latest"]), undefined);
  });

  void it("throws on malformed labels", () => {
    assert.throws(() => runnerTailscaleSpec(["namespace-profile-a", "namespace-profile-b"]), NscError);
  });
});
