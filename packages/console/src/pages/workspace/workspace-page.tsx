import type { Session } from "../../session/session.js";
import { formatTime } from "../../time/format-time.js";
import { ConnectTailscalePanel } from "./connect-tailscale-panel.js";
import { TrustRelationshipsPanel } from "./trust-relationships/trust-relationships-panel.js";

/** Workspace name, ID, the values that connect it to Tailscale, and the issuers it trusts. */
export function WorkspacePage(props: { readonly session: Session }) {
  const { workspace } = props.session;
  return (
    <>
      <h1>Workspace settings</h1>
      <section className="panel" aria-labelledby="workspace-title">
        <h2 id="workspace-title">Workspace</h2>
        <dl className="values">
          <div className="value-row">
            <dt>Name</dt>
            <dd>{workspace.name}</dd>
          </div>
          <div className="value-row">
            <dt>ID</dt>
            <dd>
              <code>{workspace.id}</code>
            </dd>
          </div>
          <div className="value-row">
            <dt>Created</dt>
            <dd>{formatTime(workspace.created_at)}</dd>
          </div>
          <div className="value-row">
            <dt>Your role</dt>
            <dd>{workspace.role}</dd>
          </div>
        </dl>
      </section>
      <ConnectTailscalePanel session={props.session} />
      <TrustRelationshipsPanel session={props.session} />
    </>
  );
}
