import { useState, type ReactNode } from 'react';
import { allOptions, Block, type BlockContext } from './blocks';
import { Text } from './mrkdwn';
import type { BlockObj, ElementObj, Modal } from './types';

export type InputValue = string | string[] | null;
export type FormValues = Record<string, Record<string, InputValue>>;

function initialValue(el: ElementObj): InputValue {
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return el.initial_value ?? '';
    case 'users_select':
      return el.initial_user ?? null;
    case 'multi_users_select':
      return el.initial_users ?? [];
    case 'checkboxes':
    case 'multi_static_select':
      return (el.initial_options ?? []).map((o) => o.value);
    case 'datetimepicker':
      return el.initial_date_time === undefined ? null : String(el.initial_date_time);
    default:
      return el.initial_option?.value ?? null;
  }
}

function initialValues(blocks: BlockObj[]): FormValues {
  const out: FormValues = {};
  for (const b of blocks) if (b.type === 'input' && b.block_id && b.element?.action_id) out[b.block_id] = { [b.element.action_id]: initialValue(b.element) };
  return out;
}

/** What Slack's client says under a required input left empty; it doesn't send the submission at all. */
export const REQUIRED_FIELD_ERROR = 'Please complete this required field.';

function isEmptyValue(v: InputValue | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** block_id → Slack's field error, for every required input (not `optional`) the person left empty. */
function missingRequired(blocks: BlockObj[], values: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of blocks) {
    if (b.type !== 'input' || b.optional || !b.block_id || !b.element?.action_id) continue;
    if (isEmptyValue(values[b.block_id]?.[b.element.action_id])) out[b.block_id] = REQUIRED_FIELD_ERROR;
  }
  return out;
}

function Input({ el, value, set, ctx }: { el: ElementObj; value: InputValue; set: (v: InputValue) => void; ctx: BlockContext }): ReactNode {
  const id = el.action_id;
  switch (el.type) {
    case 'plain_text_input':
      return el.multiline ? (
        <textarea className="sb-input" data-action-id={id} rows={3} placeholder={el.placeholder?.text} value={(value as string | null) ?? ''} onChange={(e) => set(e.target.value)} />
      ) : (
        <input className="sb-input" data-action-id={id} placeholder={el.placeholder?.text} value={(value as string | null) ?? ''} onChange={(e) => set(e.target.value)} />
      );
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      // Slack's client checks these as a browser does (a number within its bounds, an address) before sending.
      return (
        <input
          className="sb-input"
          data-action-id={id}
          type={el.type === 'number_input' ? 'number' : el.type === 'email_text_input' ? 'email' : 'url'}
          inputMode={el.type === 'number_input' ? (el.is_decimal_allowed ? 'decimal' : 'numeric') : undefined}
          step={el.type === 'number_input' && !el.is_decimal_allowed ? 1 : undefined}
          min={el.min_value}
          max={el.max_value}
          placeholder={el.placeholder?.text}
          value={(value as string | null) ?? ''}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'users_select':
    case 'static_select':
      return (
        <select className="sb-select" data-action-id={id} value={(value as string | null) ?? ''} onChange={(e) => set(e.target.value || null)}>
          <option value="">{el.placeholder?.text ?? 'Select…'}</option>
          {el.type === 'users_select'
            ? ctx.people.filter((p) => !p.isBot).map((p) => <option key={p.id} value={p.id}>{p.realName}</option>)
            : allOptions(el).map((o) => <option key={o.value} value={o.value}>{o.text.text}</option>)}
        </select>
      );
    case 'multi_users_select':
    case 'multi_static_select': {
      const chosen = (value as string[] | null) ?? [];
      const options = el.type === 'multi_users_select' ? ctx.people.filter((p) => !p.isBot).map((p) => ({ value: p.id, label: p.realName })) : allOptions(el).map((o) => ({ value: o.value, label: o.text.text }));
      return (
        <select multiple className="sb-select" data-action-id={id} value={chosen} onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
    }
    case 'datetimepicker': {
      // Slack sends the time picked as UNIX seconds; the picker shows it in the person's own time zone.
      const seconds = typeof value === 'string' && value ? Number(value) : null;
      const local = seconds === null ? '' : new Date(seconds * 1000 - new Date(seconds * 1000).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      return (
        <input
          className="sb-input"
          data-action-id={id}
          type="datetime-local"
          value={local}
          onChange={(e) => {
            const at = e.target.value ? new Date(e.target.value).getTime() : NaN;
            set(Number.isFinite(at) ? String(Math.floor(at / 1000)) : null);
          }}
        />
      );
    }
    case 'radio_buttons':
      return (
        <div className="sb-choices">
          {allOptions(el).map((o) => (
            <label key={o.value}>
              <input type="radio" name={id} checked={value === o.value} onChange={() => set(o.value)} /> <Text t={o.text} dir={ctx.dir} />
            </label>
          ))}
        </div>
      );
    case 'checkboxes': {
      const chosen = (value as string[] | null) ?? [];
      return (
        <div className="sb-choices">
          {allOptions(el).map((o) => (
            <label key={o.value}>
              <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => set(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))} />{' '}
              <Text t={o.text} dir={ctx.dir} />
            </label>
          ))}
        </div>
      );
    }
    default:
      return <span className="sb-unsupported">[{el.type}]</span>;
  }
}

export interface ModalProps {
  modal: Modal;
  ctx: BlockContext;
  errors: Record<string, string>;
  onSubmit(values: FormValues): void;
  onCancel(): void;
}

/** The top modal of the person's stack, with input blocks kept in the page until submitted. */
export function ModalView({ modal, ctx, errors, onSubmit, onCancel }: ModalProps): ReactNode {
  const blocks = modal.view.blocks ?? [];
  const [values, setValues] = useState<FormValues>(() => initialValues(blocks));
  // Errors found in the page before sending (like Slack's client); the app's own (response_action: errors) come in `errors`.
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  return (
    <div className="sb-overlay" role="dialog" aria-modal="true" aria-label={modal.view.title?.text ?? 'Modal'}>
      <form
        className="sb-modal"
        onSubmit={(e) => {
          e.preventDefault();
          const missing = missingRequired(blocks, values);
          setLocalErrors(missing);
          if (Object.keys(missing).length === 0) onSubmit(values);
        }}
      >
        <div className="sb-modal-title">
          <Text t={modal.view.title} dir={ctx.dir} />
          <button type="button" className="sb-x" aria-label="Close" onClick={onCancel}>
            ×
          </button>
        </div>
        <div className="sb-modal-body">
          {blocks.map((b, i) => {
            if (b.type !== 'input' || !b.element) return <Block key={b.block_id ?? i} block={b} ctx={ctx} />;
            const blockId = b.block_id ?? String(i);
            const actionId = b.element.action_id ?? '';
            const error = localErrors[blockId] ?? errors[blockId];
            return (
              <div key={blockId} className={`sb-field-input${error ? ' has-error' : ''}`} data-block-id={blockId}>
                <label className="sb-label">
                  <Text t={b.label} dir={ctx.dir} />
                  {b.optional ? <span className="sb-optional"> (optional)</span> : null}
                </label>
                <Input el={b.element} value={values[blockId]?.[actionId] ?? null} ctx={ctx} set={(v) => {
                    setValues((old) => ({ ...old, [blockId]: { ...old[blockId], [actionId]: v } }));
                    if (localErrors[blockId]) setLocalErrors(({ [blockId]: _gone, ...rest }) => rest);
                  }}
                />
                {b.hint ? <div className="sb-hint">{b.hint.text}</div> : null}
                {error ? (
                  <div className="sb-error" role="alert">
                    {error}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="sb-modal-footer">
          <button type="button" className="sb-btn" onClick={onCancel}>
            {modal.view.close?.text ?? 'Cancel'}
          </button>
          {modal.view.submit ? (
            <button type="submit" className="sb-btn primary" disabled={ctx.busy}>
              {modal.view.submit.text}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
