// Writes `@incident catchup` (and the "Catch me up" button) as a few sentences instead of the
// built-in lists. This one writes them itself from the record; a team with a summarising service of
// its own would call it here instead (send `catchUp`, return its text). If the writer throws, takes
// too long or returns undefined, people get the built-in catch-up: nothing depends on it.
import { catchUpWriter, definePlugin } from 'response/sdk';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export default definePlugin({
  name: 'catch-up-summary',
  catchUpWriter: catchUpWriter(async ({ incident, catchUp }) => {
    const lead = incident.lead ? `led by <@${incident.lead.slackId}>` : 'with nobody leading yet';
    const severity = incident.severity ? `${incident.severity} severity` : 'no severity set';
    const sentences = [`Incident ${incident.id} is *${incident.status}* (${severity}), ${lead}, after ${incident.duration}.`];
    const since = catchUp.sinceReason === 'your_last_post' ? 'Since you last posted' : 'In the last 30 minutes';
    const latest = catchUp.changes[0];
    sentences.push(
      latest
        ? `${since} there ${catchUp.changes.length === 1 && !catchUp.hasMoreChanges ? 'was one change' : `were ${catchUp.hasMoreChanges ? 'more than ' : ''}${plural(catchUp.changes.length, 'change')}`}; the latest: "${latest.text}".`
        : `${since} nothing new was recorded.`,
    );
    const unowned = catchUp.openActions.filter((a) => !a.assignee).length;
    if (catchUp.openActionsTotal > 0) sentences.push(`${plural(catchUp.openActionsTotal, 'follow-up')} open${unowned ? `, ${unowned} without an owner` : ''}.`);
    return sentences.join(' ');
  }),
});
