import { tailscaleJoinPlanSchema, tailscaleJoinResponseSchema } from "@nsc/core/api/tailscale-join.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { findWorkloadCredential, type WorkloadCredential } from "../workload/find-workload-credential.js";
import type { Transport } from "../http/transport.js";
import type { RetryPolicy } from "../workload/retry-policy.js";
import { NscClient } from "../api/nsc-client.js";
import { withRetries, type Attempt } from "../workload/with-retries.js";
import {
  FEDERATED_UP_MIN_VERSION,
  joinPathFor,
  parseClientVersion,
  type ClientVersion,
  type JoinPath,
} from "./client-version.js";
import { explainFailure, type FailureContext } from "./explain-failure.js";
import { mintAuthKey } from "./mint-auth-key.js";
import { redactSecrets } from "./redact-secrets.js";
import type { RunProgram } from "./run-program.js";
import { withSecretFile } from "./secret-file.js";
import { classifyTailscaleFailure, isTransient, lastLineOf } from "./tailscale-failure.js";
import { buildUpArgv, redactArgv, type UpCredential, type UpSettings } from "./up-argv.js";

/** The join endpoint of the nsc server. */
export const JOIN_PATH = "/v1/workload/tailscale/join";

/** Extra time given to `tailscale up` beyond its own `--timeout` before it is killed. */
const KILL_GRACE_MS = 30_000;

/** What `nsc tailscale up` was asked to do. */
export interface JoinOptions {
  /** The `tailscale` program: a path, or a name looked up on PATH. */
  readonly program: string;
  readonly timeoutSecs: number;
  readonly dryRun: boolean;
  /**
   * Let the client exchange the ID token itself where its version allows (default). `false` always takes
   * the auth-key path, for builds without identity federation.
   */
  readonly federation?: boolean;
}

/** Everything a join touches outside itself; tests pass their own. */
export interface JoinEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly runProgram: RunProgram;
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  /** The time limit of each call to the nsc server or Tailscale, retries included. */
  readonly timeoutMs: number;
  /** Where private temporary folders for secret files go. */
  readonly tempDir: string;
  /** A workload credential obtained otherwise (a token exchange); else it is looked up in `env`. */
  readonly credential?: WorkloadCredential | undefined;
  /** The user nsc runs as when that is not root: kept as tailscaled's operator across `--reset`. */
  readonly operator?: string;
}

/** What a join did (or, with `dryRun`, would do); the `-o json` output. */
export interface JoinReport {
  /** The instance ID. */
  readonly instance: string;
  readonly hostname: string;
  readonly tags: readonly string[];
  readonly magic_dns: boolean;
  readonly path: JoinPath;
  /** The `tailscale` argv with secret file paths redacted. */
  readonly argv: readonly string[];
  readonly ok: boolean;
}

/** The end of a join: the report, and the error when it failed after the join endpoint answered. */
export type JoinOutcome =
  | {
      readonly kind: "joined";
      readonly report: JoinReport;
      readonly spec_name: string;
      readonly version: ClientVersion | undefined;
      /**
       * A dry run only: the `tailscale` command was not found, so the plan is for a client that can use
       * its own federation flags (unless `federation` is off).
       */
      readonly clientMissing: boolean;
    }
  | { readonly kind: "failed"; readonly report: JoinReport; readonly error: NscError };

/**
 * Joins this workload to the tailnet: reads the workload credential, asks the nsc server to join (spec and
 * fresh ID token in one round trip), checks the client's version, then runs `tailscale up` with an argv
 * array. From 1.90.4 the client exchanges the ID token itself (`--client-id=<id>?preauthorized=true&ephemeral=true
 * --id-token=file:<0600 file>`); older clients get an auth key nsc makes with the same two HTTP calls
 * (`--auth-key=file:<0600 file>`). Secret files live in a private temporary folder removed afterwards.
 * Transient failures (network, HTTP 5xx) are retried; Tailscale's refusals become one error naming the
 * cause and the fix. A dry run also plans on a host without `tailscale` (an image being prepared, a
 * check before installing), and says so in `clientMissing`.
 *
 * @throws NscError before the join endpoint answered (`unsupported_platform`, credential and server errors).
 */
export async function joinTailnet(options: JoinOptions, environment: JoinEnvironment): Promise<JoinOutcome> {
  if (environment.platform !== "linux") {
    throw new NscError(
      "unsupported_platform",
      `nsc tailscale up runs on Linux workloads only (this is ${environment.platform})`,
    );
  }
  const credential = environment.credential ?? findWorkloadCredential(environment.env);
  // A dry run asks for the plan only, so it mints no ID token.
  const client = new NscClient(
    credential.endpoint,
    { kind: "workload", credential },
    { retry: environment.retry, transport: environment.transport, timeoutMs: environment.timeoutMs },
  );
  const join = options.dryRun
    ? undefined
    : await client.call("POST", JOIN_PATH, tailscaleJoinResponseSchema, {});
  const plan = join ?? (await client.call("POST", JOIN_PATH, tailscaleJoinPlanSchema, { dry_run: true }));
  const probe = await clientVersion(options.program, environment, options.dryRun);
  const { version } = probe;
  const path = joinPathFor(probe.missing ? FEDERATED_UP_MIN_VERSION : version, options.federation ?? true);
  const settings: UpSettings = {
    spec: plan.spec,
    hostname: plan.instance.hostname,
    timeoutSecs: options.timeoutSecs,
    ...(environment.operator === undefined ? {} : { operator: environment.operator }),
  };
  const report = (argv: readonly string[], ok: boolean): JoinReport => ({
    instance: plan.instance.id,
    hostname: plan.instance.hostname,
    tags: plan.spec.tags,
    magic_dns: plan.spec.enable_magic_dns,
    path,
    argv: redactArgv(argv),
    ok,
  });
  const placeholder: UpCredential =
    path === "federated" ? { kind: "federated", idTokenPath: "" } : { kind: "auth_key", authKeyPath: "" };
  const plannedArgv = buildUpArgv(settings, placeholder);
  if (join === undefined)
    return {
      kind: "joined",
      report: report(plannedArgv, true),
      spec_name: plan.spec_name,
      version,
      clientMissing: probe.missing,
    };

  const context: FailureContext = { join, version, program: options.program, path };
  const secrets: string[] = [join.id_token, credential.token];
  try {
    const argv = await (async (): Promise<readonly string[]> => {
      switch (path) {
        case "federated":
          return withSecretFile(
            join.id_token,
            (idTokenPath) =>
              runUp(
                (forceReauth) =>
                  buildUpArgv({ ...settings, forceReauth }, { kind: "federated", idTokenPath }),
                options,
                environment,
                context,
                secrets,
              ),
            environment.tempDir,
          );
        case "auth_key": {
          const key = await mintAuthKey(join.spec, join.id_token, {
            transport: environment.transport,
            retry: environment.retry,
            fail: (failure) =>
              explainFailure(classifyTailscaleFailure(redactSecrets(failure.text, secrets)), context),
          });
          secrets.push(key);
          return withSecretFile(
            key,
            (authKeyPath) =>
              runUp(
                (forceReauth) => buildUpArgv({ ...settings, forceReauth }, { kind: "auth_key", authKeyPath }),
                options,
                environment,
                context,
                secrets,
              ),
            environment.tempDir,
          );
        }
        default:
          return path satisfies never;
      }
    })();
    return {
      kind: "joined",
      report: report(argv, true),
      spec_name: join.spec_name,
      version,
      clientMissing: false,
    };
  } catch (error) {
    if (!(error instanceof NscError)) throw error;
    return { kind: "failed", report: report(plannedArgv, false), error };
  }
}

/** What `tailscale version` told: the version (undefined when unreadable), or that the command is missing. */
interface ClientProbe {
  readonly version: ClientVersion | undefined;
  readonly missing: boolean;
}

/** Runs `tailscale version`. A missing command fails, except on a dry run (`missingOk`). */
async function clientVersion(
  program: string,
  environment: JoinEnvironment,
  missingOk: boolean,
): Promise<ClientProbe> {
  const result = await environment.runProgram(program, ["version"], {
    env: environment.env,
    timeoutMs: 30_000,
  });
  switch (result.kind) {
    case "exited":
      if (result.code !== 0) {
        throw new NscError(
          "tailscale_failed",
          `\`${program} version\` failed (exit ${result.code}): ${lastLineOf(result.stderr || result.stdout)}`,
        );
      }
      return { version: parseClientVersion(result.stdout), missing: false };
    case "not_found":
      if (missingOk) return { version: undefined, missing: true };
      throw new NscError(
        "tailscale_failed",
        `the tailscale command was not found (${program}): install Tailscale 1.90.4 or later, or pass --tailscale-bin PATH`,
      );
    case "timed_out":
      throw new NscError(
        "tailscale_failed",
        `\`${program} version\` did not answer within 30 s: is tailscaled healthy?`,
      );
    case "failed_to_start":
      throw new NscError("tailscale_failed", `cannot run ${program}: ${result.message}`);
    default:
      return result satisfies never;
  }
}

/**
 * Runs `tailscale up`, retrying when its output shows a Tailscale 5xx or a network failure, and once with
 * `--force-reauth` when a Running node must move to another control server. Returns the argv it ran.
 */
async function runUp(
  argvFor: (forceReauth: boolean) => readonly string[],
  options: JoinOptions,
  environment: JoinEnvironment,
  context: FailureContext,
  secrets: readonly string[],
): Promise<readonly string[]> {
  let forceReauth = false;
  return withRetries(
    environment.retry,
    async (): Promise<Attempt<readonly string[]>> => {
      let argv = argvFor(forceReauth);
      let result = await environment.runProgram(options.program, argv, {
        env: environment.env,
        timeoutMs: options.timeoutSecs * 1000 + KILL_GRACE_MS,
      });
      if (
        !forceReauth &&
        result.kind === "exited" &&
        result.code !== 0 &&
        classifyTailscaleFailure(`${result.stdout}\n${result.stderr}`).kind === "login_server_change"
      ) {
        // The node is Running on another control server (an earlier spec, a hand-run join): log in anew.
        forceReauth = true;
        argv = argvFor(true);
        result = await environment.runProgram(options.program, argv, {
          env: environment.env,
          timeoutMs: options.timeoutSecs * 1000 + KILL_GRACE_MS,
        });
      }
      switch (result.kind) {
        case "exited": {
          if (result.code === 0) return { kind: "done", value: argv };
          const output = redactSecrets(`${result.stdout}\n${result.stderr}`, secrets);
          const failure = classifyTailscaleFailure(output);
          const error = explainFailure(failure, context);
          if (isTransient(failure)) return { kind: "transient", error };
          throw error;
        }
        case "timed_out":
          throw new NscError(
            "tailscale_failed",
            `tailscale up did not finish within ${options.timeoutSecs} s: ${lastLineOf(redactSecrets(result.stderr, secrets))}`,
          );
        case "not_found":
          throw new NscError("tailscale_failed", `the tailscale command was not found (${options.program})`);
        case "failed_to_start":
          throw new NscError("tailscale_failed", `cannot run ${options.program}: ${result.message}`);
        default:
          return result satisfies never;
      }
    },
    { what: "tailscale up" },
  );
}
