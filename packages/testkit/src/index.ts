export { systemClock, type Clock } from "./clock/clock.js";
export { createManualClock, type ManualClock } from "./clock/manual-clock.js";
export { matchesPattern } from "./token-exchange/matches-pattern.js";
export { checkTag } from "@nsc/core/tailscale/check-tag.js";

export {
  startTailscaleEmulator,
  type AuthKeyInput,
  type TailscaleEmulator,
  type TailscaleEmulatorOptions,
} from "./emulator/start-tailscale-emulator.js";
export { EmulatorState } from "./emulator/emulator-state.js";
export type { Fault, FaultTarget } from "./emulator/fault.js";
export type { RequestLogEntry } from "./emulator/request-log-entry.js";
export type { TrustCredential } from "./trust-credentials/trust-credential.js";
export type { TrustCredentialInput } from "./trust-credentials/parse-trust-credential-request.js";
export type { AccessToken } from "./token-exchange/access-token.js";
export type { Rejection, RejectionKind } from "./token-exchange/rejection.js";
export { ACCEPTED_ALGORITHMS } from "./token-exchange/verify-id-token.js";
export type { AuthKey } from "./auth-keys/auth-key.js";
export { refusedTags, type TagPermissionRule } from "./auth-keys/tag-permission.js";
export type { Device } from "./devices/device.js";
export {
  REGISTRATION_PATHS,
  type NodeIdentity,
  type RegisterRequest,
  type RegisterResponse,
} from "./devices/registration-protocol.js";

export {
  startIssuerDouble,
  type IssuerAlgorithm,
  type IssuerDouble,
  type IssuerDoubleOptions,
  type SignOptions,
} from "./issuer-double/start-issuer-double.js";

export { runTailscale, TAILSCALE_STANDIN_ENV } from "./standin/run-tailscale.js";
export type { CliIo } from "./standin/cli-io.js";
export { DEFAULT_CLIENT_VERSION } from "./standin/client-version.js";
export { UP_TIMEOUT_TEXT } from "./standin/up-command.js";
export { ACCIDENTAL_REVERT_PREFIX } from "./standin/check-setting-reverts.js";
export { TAILSCALE_BIN, TAILSCALE_EMULATOR_BIN } from "./standin/bin-paths.js";
export {
  NSC_BIN,
  NSC_SERVER_BIN,
  cliEnv,
  runNode,
  startServer,
  type RunResult,
  type ServerProcess,
} from "./processes/nsc-processes.js";

export {
  startExternalIssuer,
  type ExternalIssuer,
  type ExternalIssuerOptions,
  type GithubTokenInput,
  type JwksFault,
  type KubernetesTokenInput,
} from "./external-issuer/start-external-issuer.js";
export {
  makeSelfSignedCert,
  writeSelfSignedCert,
  type SelfSignedCert,
} from "./external-issuer/self-signed-cert.js";
export { runNsc, defaultPrograms, type NscRun, type RunNscOptions } from "./nsc/run-nsc.js";
export { tailscaleStandin, type StandinProgramOptions } from "./standin/standin-program.js";
export { createVirtualTime, type VirtualTime } from "./standin/virtual-time.js";
export {
  TEST_RUN_MARK,
  killProcessGroup,
  spawnInGroup,
  withTestRunMark,
} from "./processes/process-groups.js";
