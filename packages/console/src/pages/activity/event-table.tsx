import type { AuditEvent } from "../../api/audit-api.js";
import { formatTime } from "../../time/format-time.js";
import { PlaceholderRows } from "../../loading/placeholder-rows.js";
import { formatDetail } from "./format-detail.js";

/** Audit events, newest first. */
export function EventTable(props: { readonly events: readonly AuditEvent[] | undefined }) {
  return (
    <table className="data-table" aria-label="Activity" aria-busy={props.events === undefined}>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Action</th>
          <th scope="col">Object</th>
          <th scope="col">Actor</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {props.events === undefined ? <PlaceholderRows columns={5} rows={5} /> : null}
        {props.events?.length === 0 ? (
          <tr>
            <td colSpan={5} className="empty">
              No events of this kind yet.
            </td>
          </tr>
        ) : null}
        {props.events?.map((event) => (
          <tr key={event.id}>
            <td data-label="When">
              <time dateTime={event.at}>{formatTime(event.at)}</time>
            </td>
            <td data-label="Action" className="nowrap">
              <code>{event.action}</code>
            </td>
            <td data-label="Object">
              {event.object_kind} <code>{event.object_id}</code>
            </td>
            <td data-label="Actor">
              <code>{event.actor}</code>
            </td>
            <td data-label="Detail" className="detail">
              {formatDetail(event.detail)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
