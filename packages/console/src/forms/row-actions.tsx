import { READ_ONLY_REASON_ID } from "../session/read-only-notice.js";

/**
 * A table row's Edit and Remove buttons, named "Edit <name>" and "Remove <name>" for screen readers and
 * tests; disabled while the row is being written, and for read-only tokens with the reason attached.
 */
export function RowActions(props: {
  readonly name: string;
  readonly readOnly: boolean;
  readonly busy: boolean;
  readonly onEdit: (name: string) => void;
  readonly onRemove: (name: string) => void;
}) {
  const describedBy = props.readOnly ? READ_ONLY_REASON_ID : undefined;
  const disabled = props.readOnly || props.busy;
  return (
    <td className="row-actions">
      <button
        type="button"
        className="small"
        aria-label={`Edit ${props.name}`}
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => {
          props.onEdit(props.name);
        }}
      >
        Edit
      </button>
      <button
        type="button"
        className="small danger"
        aria-label={`Remove ${props.name}`}
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => {
          props.onRemove(props.name);
        }}
      >
        Remove
      </button>
    </td>
  );
}
