import type { SlackObject } from './types.js';

// Limits from /work/shared/slack-fixtures/limits.md §1–3. Messages copy Slack's real format:
// "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]".

const isObj = (v: unknown): v is SlackObject => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly errors: string[] = [];

  err(message: string, ptr: string): void {
    this.errors.push(`[ERROR] ${message} [json-pointer:${ptr}]`);
  }

  max(value: unknown, max: number, ptr: string): void {
    if (typeof value === 'string' && value.length > max) this.err(`must be less than ${max + 1} characters`, ptr);
  }

  items(value: unknown, max: number, ptr: string): void {
    if (Array.isArray(value) && value.length > max) this.err(`must provide at most ${max} items`, ptr);
  }

  /** A text object: `type` plain_text (or mrkdwn when allowed) and 1..max characters. */
  text(value: unknown, ptr: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.err('missing required field', ptr);
      return;
    }
    if (!isObj(value) || typeof value.text !== 'string') return this.err('must be a text object', ptr);
    if (value.type !== 'plain_text' && (opts.plainOnly || value.type !== 'mrkdwn')) {
      return this.err(opts.plainOnly ? 'must be a plain_text object' : 'must be a valid text object type', `${ptr}/type`);
    }
    if (value.text.length === 0) this.err('must be at least 1 character', `${ptr}/text`);
    this.max(value.text, max, `${ptr}/text`);
  }

  option(o: unknown, ptr: string, plainOnly: boolean): void {
    if (!isObj(o)) return this.err('must be an option object', ptr);
    this.text(o.text, `${ptr}/text`, 75, { plainOnly, required: true });
    this.max(o.value, 150, `${ptr}/value`);
    this.text(o.description, `${ptr}/description`, 75);
    this.max(o.url, 3000, `${ptr}/url`);
  }

  options(list: unknown, ptr: string, max: number, plainOnly: boolean): void {
    if (!Array.isArray(list)) return;
    this.items(list, max, ptr);
    list.forEach((o, i) => this.option(o, `${ptr}/${i}`, plainOnly));
  }

  confirm(c: unknown, ptr: string): void {
    if (!isObj(c)) return;
    this.text(c.title, `${ptr}/title`, 100, { plainOnly: true, required: true });
    this.text(c.text, `${ptr}/text`, 300, { required: true });
    this.text(c.confirm, `${ptr}/confirm`, 30, { plainOnly: true, required: true });
    this.text(c.deny, `${ptr}/deny`, 30, { plainOnly: true, required: true });
  }

  element(e: unknown, ptr: string): void {
    if (!isObj(e)) return this.err('must be an element object', ptr);
    this.max(e.action_id, 255, `${ptr}/action_id`);
    this.text(e.placeholder, `${ptr}/placeholder`, 150, { plainOnly: true });
    this.confirm(e.confirm, `${ptr}/confirm`);
    switch (e.type) {
      case 'button':
        this.text(e.text, `${ptr}/text`, 75, { plainOnly: true, required: true });
        this.max(e.value, 2000, `${ptr}/value`);
        this.max(e.url, 3000, `${ptr}/url`);
        this.max(e.accessibility_label, 75, `${ptr}/accessibility_label`);
        return;
      case 'static_select':
      case 'multi_static_select':
        if (e.options === undefined && e.option_groups === undefined) this.err('must provide either options or option_groups', ptr);
        this.options(e.options, `${ptr}/options`, 100, true);
        if (Array.isArray(e.option_groups)) {
          this.items(e.option_groups, 100, `${ptr}/option_groups`);
          e.option_groups.forEach((g, i) => {
            if (!isObj(g)) return;
            this.text(g.label, `${ptr}/option_groups/${i}/label`, 75, { plainOnly: true, required: true });
            this.options(g.options, `${ptr}/option_groups/${i}/options`, 100, true);
          });
        }
        return;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(e.options, `${ptr}/options`, 10, false);
        return;
      case 'overflow':
        this.options(e.options, `${ptr}/options`, 5, true);
        return;
      case 'plain_text_input':
        if (typeof e.min_length === 'number' && (e.min_length < 0 || e.min_length > 3000)) this.err('must be between 0 and 3000', `${ptr}/min_length`);
        if (typeof e.max_length === 'number' && (e.max_length < 1 || e.max_length > 3000)) this.err('must be between 1 and 3000', `${ptr}/max_length`);
        return;
      default:
        return;
    }
  }

  block(b: unknown, ptr: string, blockIds: Set<string>): void {
    if (!isObj(b)) return this.err('must be a block object', ptr);
    if (typeof b.block_id === 'string') {
      this.max(b.block_id, 255, `${ptr}/block_id`);
      if (blockIds.has(b.block_id)) this.err(`duplicate block_id: ${b.block_id}`, `${ptr}/block_id`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        return this.text(b.text, `${ptr}/text`, 150, { plainOnly: true, required: true });
      case 'section':
        if (b.text === undefined && b.fields === undefined) this.err('must provide either text or fields', ptr);
        this.text(b.text, `${ptr}/text`, 3000);
        if (Array.isArray(b.fields)) {
          this.items(b.fields, 10, `${ptr}/fields`);
          b.fields.forEach((f, i) => this.text(f, `${ptr}/fields/${i}`, 2000, { required: true }));
        }
        if (b.accessory !== undefined) this.element(b.accessory, `${ptr}/accessory`);
        return;
      case 'context':
        this.items(b.elements, 10, `${ptr}/elements`);
        return;
      case 'actions': {
        if (!Array.isArray(b.elements) || b.elements.length === 0) return this.err('must provide at least 1 item', `${ptr}/elements`);
        this.items(b.elements, 25, `${ptr}/elements`);
        const actionIds = new Set<string>();
        b.elements.forEach((e, i) => {
          this.element(e, `${ptr}/elements/${i}`);
          const id = isObj(e) ? e.action_id : undefined;
          if (typeof id === 'string' && actionIds.has(id)) this.err(`duplicate action_id: ${id}`, `${ptr}/elements/${i}/action_id`);
          if (typeof id === 'string') actionIds.add(id);
        });
        return;
      }
      case 'input':
        this.text(b.label, `${ptr}/label`, 2000, { plainOnly: true, required: true });
        this.text(b.hint, `${ptr}/hint`, 2000, { plainOnly: true });
        if (b.element === undefined) this.err('missing required field: element', ptr);
        else this.element(b.element, `${ptr}/element`);
        return;
      case 'image':
        this.max(b.alt_text, 2000, `${ptr}/alt_text`);
        this.max(b.image_url, 3000, `${ptr}/image_url`);
        this.text(b.title, `${ptr}/title`, 2000, { plainOnly: true });
        return;
      case 'video':
        this.text(b.title, `${ptr}/title`, 199, { plainOnly: true });
        return;
      case 'markdown':
        this.max(b.text, 12000, `${ptr}/text`);
        return;
      case 'divider':
      case 'rich_text':
      case 'file':
      case 'table':
        return;
      default:
        this.err(`unsupported type: ${String(b.type)}`, `${ptr}/type`);
    }
  }

  blocks(blocks: unknown, ptr: string, max: number): void {
    if (!Array.isArray(blocks)) return this.err('must be an array', ptr);
    if (blocks.length > max) this.err(`no more than ${max} items allowed`, ptr);
    const ids = new Set<string>();
    blocks.forEach((b, i) => this.block(b, `${ptr}/${i}`, ids));
  }
}

/** Checks a message's blocks (chat.postMessage / update / postEphemeral / response_url); [] when valid. */
export function validateMessageBlocks(blocks: unknown): string[] {
  const c = new Checker();
  c.blocks(blocks, '/blocks', 50);
  return c.errors;
}

/** Checks a modal or Home tab view (views.open / update / push / publish); [] when valid. */
export function validateView(view: unknown): string[] {
  const c = new Checker();
  if (!isObj(view)) {
    c.err('must be a view object', '/view');
    return c.errors;
  }
  const isModal = view.type === 'modal';
  if (!isModal && view.type !== 'home') c.err('must be one of: modal, home', '/view/type');
  c.blocks(view.blocks, '/view/blocks', 100);
  if (isModal) {
    c.text(view.title, '/view/title', 24, { plainOnly: true, required: true });
    c.text(view.close, '/view/close', 24, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    c.text(view.submit, '/view/submit', 24, { plainOnly: true, required: hasInput });
  }
  c.max(view.private_metadata, 3000, '/view/private_metadata');
  c.max(view.callback_id, 255, '/view/callback_id');
  return c.errors;
}
