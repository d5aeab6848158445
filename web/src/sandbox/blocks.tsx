import type { ReactNode } from 'react';
import { Text } from './mrkdwn';
import type { BlockObj, ConfirmObj, Directory, ElementObj, OptionObj, Person } from './types';

export interface ElementHandlers {
  /** A button was pressed (after its confirm dialog, if any). */
  button(el: ElementObj, blockId: string | undefined): void;
  /** A select, overflow or radio changed to `value` (an option value, or a user id). */
  select(el: ElementObj, blockId: string | undefined, value: string): void;
  confirm(c: ConfirmObj): Promise<boolean>;
}

export interface BlockContext {
  dir: Directory;
  people: Person[];
  handlers: ElementHandlers;
  busy?: boolean;
}

export function allOptions(el: ElementObj): OptionObj[] {
  return [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g) => g.options)];
}

function Button({ el, blockId, ctx }: { el: ElementObj; blockId: string | undefined; ctx: BlockContext }): ReactNode {
  const press = async () => {
    if (el.confirm && !(await ctx.handlers.confirm(el.confirm))) return;
    ctx.handlers.button(el, blockId);
  };
  if (el.url) {
    return (
      <a className={`sb-btn ${el.style ?? ''}`} href={/^https?:/i.test(el.url) ? el.url : undefined} target="_blank" rel="noopener noreferrer" onClick={() => void press()}>
        <Text t={el.text} dir={ctx.dir} />
      </a>
    );
  }
  return (
    <button type="button" className={`sb-btn ${el.style ?? ''}`} disabled={ctx.busy} data-action-id={el.action_id} onClick={() => void press()}>
      <Text t={el.text} dir={ctx.dir} />
    </button>
  );
}

function Select({ el, blockId, ctx }: { el: ElementObj; blockId: string | undefined; ctx: BlockContext }): ReactNode {
  const users = el.type === 'users_select';
  const choose = async (value: string) => {
    if (!value) return;
    if (el.confirm && !(await ctx.handlers.confirm(el.confirm))) return;
    ctx.handlers.select(el, blockId, value);
  };
  const initial = users ? el.initial_user : el.initial_option?.value;
  return (
    <select className="sb-select" data-action-id={el.action_id} disabled={ctx.busy} value={initial ?? ''} onChange={(e) => void choose(e.target.value)}>
      <option value="">{el.type === 'overflow' ? '⋯' : (el.placeholder?.text ?? 'Select…')}</option>
      {users
        ? ctx.people.filter((p) => !p.isBot).map((p) => <option key={p.id} value={p.id}>{p.realName}</option>)
        : allOptions(el).map((o) => <option key={o.value} value={o.value}>{o.text.text}</option>)}
    </select>
  );
}

/** One interactive (or image) element in a message or a view's actions/section/context block. */
export function Element({ el, blockId, ctx }: { el: ElementObj; blockId: string | undefined; ctx: BlockContext }): ReactNode {
  switch (el.type) {
    case 'button':
      return <Button el={el} blockId={blockId} ctx={ctx} />;
    case 'static_select':
    case 'users_select':
    case 'overflow':
    case 'external_select':
      return <Select el={el} blockId={blockId} ctx={ctx} />;
    case 'radio_buttons':
      return (
        <span className="sb-radios">
          {allOptions(el).map((o) => (
            <label key={o.value}>
              <input type="radio" name={`${blockId}/${el.action_id}`} checked={el.initial_option?.value === o.value} onChange={() => ctx.handlers.select(el, blockId, o.value)} /> {o.text.text}
            </label>
          ))}
        </span>
      );
    case 'image':
      return el.image_url && /^https?:/i.test(el.image_url) ? (
        <a className="sb-image-link" href={el.image_url} target="_blank" rel="noopener noreferrer">
          🖼 {el.alt_text ?? 'image'}
        </a>
      ) : null;
    default:
      return <span className="sb-unsupported">[{el.type}]</span>;
  }
}

/** Block Kit for messages (and a view's non-input blocks): the layout blocks Response sends. */
export function Block({ block, ctx }: { block: BlockObj; ctx: BlockContext }): ReactNode {
  const { dir } = ctx;
  switch (block.type) {
    case 'header':
      return (
        <div className="sb-header">
          <Text t={block.text} dir={dir} />
        </div>
      );
    case 'section':
      return (
        <div className="sb-section">
          <div className="sb-section-body">
            {block.text ? (
              <div className="sb-section-text">
                <Text t={block.text} dir={dir} />
              </div>
            ) : null}
            {block.fields?.length ? (
              <div className="sb-fields">
                {block.fields.map((f, i) => (
                  <div key={i} className="sb-field">
                    <Text t={f} dir={dir} />
                  </div>
                ))}
              </div>
            ) : null}
          </div>
          {block.accessory ? (
            <div className="sb-accessory">
              <Element el={block.accessory} blockId={block.block_id} ctx={ctx} />
            </div>
          ) : null}
        </div>
      );
    case 'context':
      return (
        <div className="sb-context">
          {(block.elements ?? []).map((e, i) =>
            e.type === 'image' ? (
              <Element key={i} el={e} blockId={block.block_id} ctx={ctx} />
            ) : (
              <span key={i}>
                <Text t={{ type: e.type === 'mrkdwn' ? 'mrkdwn' : 'plain_text', text: typeof e.text === 'string' ? e.text : (e.text?.text ?? '') }} dir={dir} />
              </span>
            ),
          )}
        </div>
      );
    case 'divider':
      return <hr className="sb-divider" />;
    case 'actions':
      return (
        <div className="sb-actions">
          {(block.elements ?? []).map((e, i) => (
            <Element key={e.action_id ?? i} el={e} blockId={block.block_id} ctx={ctx} />
          ))}
        </div>
      );
    case 'image':
      return block.image_url && /^https?:/i.test(block.image_url) ? (
        <a className="sb-image-link" href={block.image_url} target="_blank" rel="noopener noreferrer">
          🖼 {block.title?.text ?? block.alt_text ?? 'image'}
        </a>
      ) : null;
    case 'rich_text':
      return null;
    default:
      return <div className="sb-unsupported">[{block.type} block]</div>;
  }
}

export function Blocks({ blocks, ctx }: { blocks: BlockObj[]; ctx: BlockContext }): ReactNode {
  return (
    <div className="sb-blocks">
      {blocks.map((b, i) => (
        <Block key={b.block_id ?? i} block={b} ctx={ctx} />
      ))}
    </div>
  );
}
