import type { Instance } from "../../api/instances-api.js";
import { formatTime } from "../../time/format-time.js";
import { PlaceholderRows } from "../../loading/placeholder-rows.js";
import { READ_ONLY_REASON_ID } from "../../session/read-only-notice.js";

/** Registered instances, newest first, with a Destroy button on the live ones. */
export function InstanceTable(props: {
  readonly instances: readonly Instance[] | undefined;
  readonly readOnly: boolean;
  readonly onDestroy: (instance: Instance) => void;
}) {
  const describedBy = props.readOnly ? READ_ONLY_REASON_ID : undefined;
  const rows = props.instances === undefined ? undefined : [...props.instances].sort(newestFirst);
  return (
    <table className="data-table" aria-label="Instances" aria-busy={rows === undefined}>
      <thead>
        <tr>
          <th scope="col">Instance</th>
          <th scope="col">Kind</th>
          <th scope="col">Tailscale spec</th>
          <th scope="col">Profile or devbox</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows === undefined ? <PlaceholderRows columns={7} /> : null}
        {rows?.length === 0 ? (
          <tr>
            <td colSpan={7} className="empty">
              No instances yet. Runners and devboxes appear here once a launcher registers them.
            </td>
          </tr>
        ) : null}
        {rows?.map((instance) => (
          <tr key={instance.id} className={instance.destroyed_at === null ? undefined : "destroyed"}>
            <th scope="row" data-label="Instance">
              <code>{instance.id}</code>
            </th>
            <td data-label="Kind">{instance.kind}</td>
            <td data-label="Tailscale spec">
              {instance.tailscale_spec ?? <span className="muted">none</span>}
            </td>
            <td data-label="Profile or devbox">{profileOrDevbox(instance)}</td>
            <td data-label="Created">{formatTime(instance.created_at)}</td>
            <td data-label="Expires">{formatTime(instance.expires_at)}</td>
            <td className="row-actions">
              {instance.destroyed_at === null ? (
                <button
                  type="button"
                  className="small danger"
                  aria-label={`Destroy ${instance.id}`}
                  disabled={props.readOnly}
                  aria-describedby={describedBy}
                  onClick={() => {
                    props.onDestroy(instance);
                  }}
                >
                  Destroy
                </button>
              ) : (
                <span className="muted">Destroyed {formatTime(instance.destroyed_at)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function profileOrDevbox(instance: Instance): string {
  switch (instance.kind) {
    case "runner":
      return instance.runner_profile ?? "—";
    case "devbox":
      return instance.devbox_name ?? "—";
    case "generic":
      return "—";
    default: {
      const unreachable: never = instance.kind;
      return unreachable;
    }
  }
}

function newestFirst(a: Instance, b: Instance): number {
  return b.created_at.localeCompare(a.created_at);
}
