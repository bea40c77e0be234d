import { readClaim } from "./read-claim.js";

/**
 * Where an instance made by a token exchange came from, carried in its ID tokens so a relying party (a
 * Tailscale trust credential's custom claim rules, an AWS trust policy) can restrict by it.
 */
export interface SourceClaims {
  /** The trust relationship that admitted the external token. */
  readonly trust_relationship: string;
  /** The external token's `iss`. */
  readonly source_issuer: string;
  /** The external token's `sub`. */
  readonly source_subject: string;
  /** Kubernetes service-account tokens: `kubernetes.io.namespace`. */
  readonly kubernetes_namespace?: string;
  /** Kubernetes service-account tokens: `kubernetes.io.serviceaccount.name`. */
  readonly kubernetes_service_account?: string;
  /** GitHub Actions tokens: `repository` (`owner/repo`). */
  readonly github_repository?: string;
  /** GitHub Actions tokens: `workflow_ref`. */
  readonly github_workflow_ref?: string;
  /** GitHub Actions tokens: `runner_environment` (`github-hosted` or `self-hosted`). */
  readonly github_runner_environment?: string;
}

/** The names of {@link SourceClaims}, in the order they are written. */
export const SOURCE_CLAIM_NAMES = [
  "trust_relationship",
  "source_issuer",
  "source_subject",
  "kubernetes_namespace",
  "kubernetes_service_account",
  "github_repository",
  "github_workflow_ref",
  "github_runner_environment",
] as const;

const OPTIONAL: readonly (readonly [keyof SourceClaims, string])[] = [
  ["kubernetes_namespace", "kubernetes.io.namespace"],
  ["kubernetes_service_account", "kubernetes.io.serviceaccount.name"],
  ["github_repository", "repository"],
  ["github_workflow_ref", "workflow_ref"],
  ["github_runner_environment", "runner_environment"],
];

/**
 * The source claims of a verified external token. Only scalar values of at most 512 printable characters
 * are carried over; anything else is left out rather than passed on.
 *
 * @example
 * sourceClaimsOf("arc", { iss: "https://k8s", sub: "system:serviceaccount:ci:runner",
 *   "kubernetes.io": { namespace: "ci", serviceaccount: { name: "runner" } } })
 * // { trust_relationship: "arc", source_issuer: "https://k8s", source_subject: "system:…",
 * //   kubernetes_namespace: "ci", kubernetes_service_account: "runner" }
 */
export function sourceClaimsOf(
  relationship: string,
  payload: Readonly<Record<string, unknown>>,
): SourceClaims {
  const claims: Record<string, string> = {
    trust_relationship: relationship,
    source_issuer: String(payload.iss),
    source_subject: String(payload.sub),
  };
  for (const [name, path] of OPTIONAL) {
    const value = readClaim(payload, path);
    if (value.kind === "scalar" && isPrintable(value.text)) {
      claims[name] = value.text;
    }
  }
  return claims as unknown as SourceClaims;
}

function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return text.length > 0 && text.length <= 512 && !/[\u0000-\u001f\u007f]/u.test(text);
}
