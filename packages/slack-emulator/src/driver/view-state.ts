import type { ViewRecord } from '../types.js';
import type { Workspace } from '../workspace.js';
import { elementsOf, isEmpty, stateValue, untouchedValue, type ElementInput } from './elements.js';

/** block_id → action_id → value (text, user id, option value, or a list for checkboxes / multi-selects). */
export type ViewValues = Record<string, Record<string, ElementInput>>;

/**
 * `state.values` as Slack sends it, in block order: every input element, touched or not (untouched → null / []
 * or its initial value), plus actions-block elements once the person touched them.
 */
export function viewState(ws: Workspace, record: ViewRecord, values: ViewValues = {}, opts: { forSubmit?: boolean } = {}): ViewRecord['values'] {
  const found = elementsOf(record.view.blocks);
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const actionId of Object.keys(byAction)) {
      if (!found.some((f) => f.block.type === 'input' && f.blockId === blockId && f.element.action_id === actionId)) {
        throw new Error(`slack-emulator: view ${record.id} has no input ${blockId}/${actionId}`);
      }
    }
  }
  const out: ViewRecord['values'] = {};
  for (const f of found) {
    const actionId = String(f.element.action_id);
    const saved = record.values[f.blockId]?.[actionId];
    if (f.block.type !== 'input') {
      if (saved) (out[f.blockId] ??= {})[actionId] = saved;
      continue;
    }
    const given = values[f.blockId]?.[actionId];
    const v = given !== undefined ? stateValue(ws, f.element, given) : (saved ?? untouchedValue(ws, f.element));
    if (opts.forSubmit && f.block.optional !== true && isEmpty(v)) {
      throw new Error(`slack-emulator: required input ${f.blockId}/${actionId} is empty; Slack would not let the user submit`);
    }
    (out[f.blockId] ??= {})[actionId] = v;
  }
  return out;
}
