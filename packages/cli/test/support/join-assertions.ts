import assert from "node:assert/strict";
import type { Federation, Workload } from "./federation.js";

/** `runs-on` labels of a runner whose profile names spec `corp`. */
export const RUNNER_LABELS = [
  "--label",
  "namespace-profile-linux;tailscale.spec=corp",
  "--label",
  "nscloud-ubuntu-22.04-amd64-4x16",
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/** The `up` argv the agent must produce on the federated path, the ID token file as a pattern. */
export function federatedArgv(
  federation: Federation,
  workload: Workload,
  tags: readonly string[],
  magicDns: boolean,
): RegExp[] {
  return [
    /^up$/u,
    new RegExp(
      `^--client-id=${escape(federation.credential.clientId)}\\?preauthorized=true&ephemeral=true$`,
      "u",
    ),
    /^--id-token=file:\/.+\/secret$/u,
    new RegExp(`^--advertise-tags=${escape(tags.join(","))}$`, "u"),
    new RegExp(`^--accept-dns=${magicDns}$`, "u"),
    new RegExp(`^--hostname=${escape(workload.instance.hostname)}$`, "u"),
    new RegExp(`^--login-server=${escape(federation.emulator.url)}$`, "u"),
    /^--reset$/u,
    /^--timeout=2m$/u,
  ];
}

/** Asserts an argv word by word against patterns. */
export function assertArgv(actual: readonly string[] | undefined, expected: readonly RegExp[]): void {
  assert.ok(actual !== undefined, "tailscale up ran");
  assert.equal(actual.length, expected.length, JSON.stringify(actual));
  expected.forEach((pattern, i) => {
    assert.match(actual[i] ?? "", pattern);
  });
}

/** The `tailscale up` argvs a workload ran. */
export function upsOf(workload: Workload): string[][] {
  return workload.argvs().filter((argv) => argv[0] === "up");
}

/** The emulator's devices with a hostname. */
export function devicesOf(
  federation: Federation,
  hostname: string,
): ReturnType<Federation["emulator"]["state"]["devices"]> {
  return federation.emulator.state.devices().filter((device) => device.hostname === hostname);
}
