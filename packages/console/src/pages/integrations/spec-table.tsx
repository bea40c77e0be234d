import type { IntegrationsDocument } from "@nsc/core/browser";
import { RowActions } from "../../forms/row-actions.js";
import { PlaceholderRows } from "../../loading/placeholder-rows.js";
import { READ_ONLY_REASON_ID } from "../../session/read-only-notice.js";

/** The workspace's Tailscale specs, one row each, sorted by name. */
export function SpecTable(props: {
  readonly document: IntegrationsDocument | undefined;
  readonly readOnly: boolean;
  readonly busyNames: ReadonlySet<string>;
  readonly onToggleMagicDns: (name: string) => void;
  readonly onEdit: (name: string) => void;
  readonly onRemove: (name: string) => void;
}) {
  const names = props.document === undefined ? [] : Object.keys(props.document.tailscale).sort();
  const describedBy = props.readOnly ? READ_ONLY_REASON_ID : undefined;
  return (
    <table className="data-table" aria-label="Tailscale specs" aria-busy={props.document === undefined}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">OAuth client ID</th>
          <th scope="col">Tags</th>
          <th scope="col">Magic DNS</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.document === undefined ? <PlaceholderRows columns={5} /> : null}
        {props.document !== undefined && names.length === 0 ? (
          <tr>
            <td colSpan={5} className="empty">
              No Tailscale specs yet. Create one with New spec, or with{" "}
              <code>nsc integrations tailscale set</code>.
            </td>
          </tr>
        ) : null}
        {names.map((name) => {
          const spec = props.document?.tailscale[name];
          if (spec === undefined) return null;
          const busy = props.busyNames.has(name);
          return (
            <tr key={name}>
              <th scope="row" data-label="Name">
                {name}
              </th>
              <td data-label="OAuth client ID">
                <code>{spec.oauth_client_id}</code>
                {spec.login_server === undefined ? null : (
                  <div className="muted small-text">Login server: {spec.login_server}</div>
                )}
                {spec.audience === undefined ? null : (
                  <div className="muted small-text">Audience: {spec.audience}</div>
                )}
              </td>
              <td data-label="Tags">
                <ul className="tags">
                  {spec.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              </td>
              <td data-label="Magic DNS">
                <label className="switch">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={spec.enable_magic_dns}
                    disabled={props.readOnly || busy}
                    aria-label={`Magic DNS for ${name}`}
                    aria-describedby={describedBy}
                    onChange={() => {
                      props.onToggleMagicDns(name);
                    }}
                  />
                  <span aria-hidden="true">{spec.enable_magic_dns ? "On" : "Off"}</span>
                </label>
              </td>
              <RowActions
                name={name}
                readOnly={props.readOnly}
                busy={busy}
                onEdit={props.onEdit}
                onRemove={props.onRemove}
              />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
