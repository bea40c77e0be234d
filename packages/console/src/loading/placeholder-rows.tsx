/** Grey rows that hold a table's place while it loads, so nothing jumps when data arrives. */
export function PlaceholderRows(props: { readonly columns: number; readonly rows?: number }) {
  const rows = Array.from({ length: props.rows ?? 3 }, (_, i) => i);
  const cells = Array.from({ length: props.columns }, (_, i) => i);
  return (
    <>
      {rows.map((r) => (
        <tr key={r} className="placeholder" aria-hidden="true">
          {cells.map((c) => (
            <td key={c}>
              <span className="bar" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
