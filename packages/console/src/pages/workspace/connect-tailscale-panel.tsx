import { useCallback } from "react";
import { getIntegrations } from "../../api/integrations-api.js";
import type { Session } from "../../session/session.js";
import { CopyButton } from "../../copy/copy-button.js";
import { ErrorNotice } from "../../errors/error-notice.js";
import { useLoad } from "../../loading/use-load.js";
import { issuerUrlProblem } from "./issuer-url-problem.js";
import { specTags } from "./spec-tags.js";

/**
 * Every value to enter on Tailscale's trust-credential page (Settings → Trust credentials → OpenID
 * Connect), each with a copy button.
 */
export function ConnectTailscalePanel(props: { readonly session: Session }) {
  const { workspace, token } = props.session;
  const load = useCallback(() => getIntegrations(token), [token]);
  const integrations = useLoad(load);
  const problem = issuerUrlProblem(workspace.issuer_url);
  const tags =
    integrations.state.status === "ready" ? specTags(integrations.state.data).join(",") : undefined;

  return (
    <section className="panel" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect Tailscale</h2>
      <p className="muted">
        In the Tailscale admin console, open Settings → Trust credentials, add an OpenID Connect credential
        and enter these values. Then create a spec on the Integrations page with the client ID Tailscale gives
        you.
      </p>
      {problem === undefined ? null : (
        <div className="notice notice-warning" role="alert">
          <strong>This issuer URL will not work with Tailscale:</strong> {problem}. Start nsc-server with
          --issuer-url set to the public https:// address it is reached at (for example behind a TLS proxy).
        </div>
      )}
      <dl className="values">
        <Value label="Issuer" value="Custom issuer" thing="issuer" />
        <Value label="Issuer URL" value={workspace.issuer_url} thing="issuer URL" />
        <Value label="Subject" value={`${workspace.id}/*`} thing="subject" />
        <Value label="Scope" value="auth_keys" thing="scope" note="Auth keys, write access" />
        <Value
          label="Custom claim rule"
          value="tailscale_spec"
          thing="claim name"
          note="= the spec's name, e.g. corp: one trust credential per spec"
        />
        <div className="value-row">
          <dt>Tags</dt>
          <dd>
            {integrations.state.status === "error" ? (
              <ErrorNotice
                error={integrations.state.error}
                title="Could not load the specs' tags."
                onRetry={() => void integrations.reload()}
              />
            ) : tags === undefined ? (
              <span className="muted">Loading tags…</span>
            ) : tags === "" ? (
              <span className="muted">No spec has tags yet: add a spec first.</span>
            ) : (
              <>
                <code>{tags}</code>
                <CopyButton value={tags} thing="tags" />
              </>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted">
        Add the custom claim rule on each trust credential: every ID token carries the instance&apos;s spec
        name as tailscale_spec, so with the rule an instance of one spec cannot join through another
        spec&apos;s credential and get its tags.
      </p>
      <p className="muted">
        Leave the audience empty: Tailscale then expects api.tailscale.com/&lt;client-id&gt;, which is what
        nsc asks for.
      </p>
    </section>
  );
}

function Value(props: {
  readonly label: string;
  readonly value: string;
  readonly thing: string;
  readonly note?: string;
}) {
  return (
    <div className="value-row">
      <dt>{props.label}</dt>
      <dd>
        <code>{props.value}</code>
        <CopyButton value={props.value} thing={props.thing} />
        {props.note === undefined ? null : <span className="muted note">{props.note}</span>}
      </dd>
    </div>
  );
}
