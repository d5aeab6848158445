import { describe, expect, it } from 'vitest';
import { validateMessageBlocks, validateView } from './block-kit-limits.js';
import { normalizeBlocks } from './normalize.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, extra: object = {}) => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text }, ...extra });

describe('Block Kit limits', () => {
  it('accepts a normal message', () => {
    expect(validateMessageBlocks([{ type: 'header', text: { type: 'plain_text', text: 'Hi' } }, section('x'), { type: 'divider' }])).toEqual([]);
  });

  it('reports violations with Slack-style json-pointers', () => {
    expect(validateMessageBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(validateMessageBlocks([section('x'.repeat(3001))])).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateMessageBlocks([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('b'.repeat(76))] }])).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(validateMessageBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }])[0]).toContain('/blocks/0/text/type');
    expect(
      validateMessageBlocks([
        { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: 'x' } },
        { type: 'divider', block_id: 'a' },
      ])[0],
    ).toContain('duplicate block_id');
    expect(validateMessageBlocks([{ type: 'carousel' }])[0]).toContain('unsupported type');
    expect(validateMessageBlocks([{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }])[0]).toContain(
      '/blocks/0/fields',
    );
  });

  it('checks modal title, submit, blocks and private_metadata', () => {
    const ok = { type: 'modal', title: { type: 'plain_text', text: 'Declare incident' }, blocks: [] };
    expect(validateView(ok)).toEqual([]);
    expect(validateView({ ...ok, title: { type: 'plain_text', text: 'Declare a brand new incident' } })).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    const input = { type: 'input', label: { type: 'plain_text', text: 'T' }, element: { type: 'plain_text_input', action_id: 't' } };
    expect(validateView({ ...ok, blocks: [input] })[0]).toContain('/view/submit');
    expect(validateView({ ...ok, private_metadata: 'x'.repeat(3001) })[0]).toContain('/view/private_metadata');
    expect(validateView({ ...ok, blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })[0]).toContain('/view/blocks');
  });

  it('normalises echoed blocks like Slack', () => {
    const [a, b] = normalizeBlocks([
      section('hi'),
      { type: 'input', block_id: 'in', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'x' } },
    ]);
    expect(a).toMatchObject({ type: 'section', block_id: expect.stringMatching(/^[A-Za-z0-9]{5}$/), text: { type: 'mrkdwn', text: 'hi', verbatim: false } });
    expect(b).toEqual({
      type: 'input',
      block_id: 'in',
      label: { type: 'plain_text', text: 'L', emoji: true },
      optional: false,
      dispatch_action: false,
      element: { type: 'plain_text_input', action_id: 'x' },
    });
  });
});
