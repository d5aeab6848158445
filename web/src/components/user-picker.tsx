import { useEffect, useId, useRef, useState } from 'react';
import { api, qs } from '../lib/api';
import type { Page, User, UserRef } from '../lib/types';
import { userLabel } from '../lib/users';

interface Props {
  label: string;
  value: UserRef | null;
  onChange(user: UserRef | null): void;
  autoFocus?: boolean;
}

/** A combobox over `/api/v1/users?q=`: type to search, arrows to move, Enter to pick, Escape to close. */
export function UserPicker({ label, value, onChange, autoFocus }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<User[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Page<User>>(`/api/v1/users${qs({ q: query.trim(), limit: 8 })}`, controller.signal)
        .then((page) => {
          setResults(page.results.filter((u) => !u.deleted));
          setActive(0);
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, open]);

  const pick = (u: User | null) => {
    onChange(u ? { slack_id: u.slack_id, display_name: u.display_name, full_name: u.full_name } : null);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="user-picker">
      <label htmlFor={id}>{label}</label>
      <div className="user-picker-row">
        <input
          id={id}
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder={value ? userLabel(value) : 'Search people…'}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, results.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && open && results[active]) {
              e.preventDefault();
              pick(results[active]);
            } else if (e.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        {value && (
          <button type="button" className="link-button" onClick={() => pick(null)}>
            Clear
          </button>
        )}
      </div>
      {value && <p className="hint">Currently: {userLabel(value)}</p>}
      {open && results.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="user-options" aria-label={`${label} suggestions`}>
          {results.map((u, i) => (
            <li
              key={u.slack_id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(u);
              }}
            >
              <strong>{u.display_name}</strong>
              {u.full_name && u.full_name !== u.display_name && <span className="muted"> {u.full_name}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
