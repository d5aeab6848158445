import { useId } from 'react';

/** A filter select whose first choice is "Any" (the empty value): the list's and insights' filters. */
export function AnySelect({ label, value, options, onChange }: { label: string; value: string; options: { key: string; label: string }[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
