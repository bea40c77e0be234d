import type { TrustRelationship } from "../../../api/trust-relationships-api.js";
import { RowActions } from "../../../forms/row-actions.js";
import { PlaceholderRows } from "../../../loading/placeholder-rows.js";

/** An instance lifetime for people: `1 h`, `90 min`, `45 s`. */
export function formatLifetime(secs: number): string {
  if (secs % 3600 === 0) return `${secs / 3600} h`;
  if (secs % 60 === 0) return `${secs / 60} min`;
  return `${secs} s`;
}

/** What a match grants, in one line: kind, spec (or the job's labels) and the allowed label patterns. */
function grants(relationship: TrustRelationship): string {
  const spec =
    relationship.tailscale_spec === null
      ? "spec from the job's labels"
      : `spec ${relationship.tailscale_spec}`;
  return `${relationship.kind}, ${spec}`;
}

/** The workspace's trust relationships, one row each, in the server's order (by name). */
export function TrustRelationshipTable(props: {
  readonly relationships: readonly TrustRelationship[] | undefined;
  readonly readOnly: boolean;
  readonly busyName: string | undefined;
  readonly onEdit: (name: string) => void;
  readonly onRemove: (name: string) => void;
}) {
  return (
    <table
      className="data-table"
      aria-label="Trust relationships"
      aria-busy={props.relationships === undefined}
    >
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Issuer and audience</th>
          <th scope="col">Subject and claims</th>
          <th scope="col">Grants</th>
          <th scope="col">Lifetime</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.relationships === undefined ? <PlaceholderRows columns={6} /> : null}
        {props.relationships?.length === 0 ? (
          <tr>
            <td colSpan={6} className="empty">
              No trust relationships yet. Add one to let Kubernetes pods or CI jobs exchange their own
              platform&apos;s token for an nsc credential, or use{" "}
              <code>nsc auth trust-relationships add</code>.
            </td>
          </tr>
        ) : null}
        {props.relationships?.map((r) => {
          const busy = props.busyName === r.name;
          return (
            <tr key={r.name}>
              <th scope="row" data-label="Name">
                {r.name}
              </th>
              <td data-label="Issuer and audience">
                <code>{r.issuer}</code>
                <div className="muted small-text">Audience: {r.audience}</div>
                <div className="muted small-text">
                  JWKS: {r.jwks === null ? "fetched from the issuer" : "given with the relationship"}
                </div>
              </td>
              <td data-label="Subject and claims">
                <code>{r.subject_match}</code>
                {r.claims.length === 0 ? null : (
                  <ul className="claims">
                    {r.claims.map((rule) => (
                      <li key={rule.claim}>
                        <code>
                          {rule.claim}={rule.pattern}
                        </code>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Grants">
                {grants(r)}
                {r.allow_labels.length === 0 ? null : (
                  <div className="muted small-text">Allowed labels: {r.allow_labels.join(", ")}</div>
                )}
              </td>
              <td data-label="Lifetime">{formatLifetime(r.instance_ttl_secs)}</td>
              <RowActions
                name={r.name}
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
