import type { CommsChannel } from '../lib/types';
import { useSession } from '../lib/session';

/**
 * An incident's comms channel. With a real Slack workspace: the Slack app (slack://) and, beside it,
 * the browser. Beside the sandbox, the channel is a page of the sandbox: one http link, in a new tab.
 */
export function ChannelLink({ channel }: { channel: CommsChannel }) {
  const { me } = useSession();
  const name = `#${channel.channel_name}`;
  if (me.sandbox_url)
    return (
      <span className="channel-links">
        <a href={channel.url} target="_blank" rel="noopener noreferrer">
          {name}
        </a>
      </span>
    );
  return (
    <span className="channel-links">
      <a href={`slack://channel?team=${encodeURIComponent(channel.team_id ?? '')}&id=${encodeURIComponent(channel.channel_id)}`}>{name}</a>{' '}
      <a href={channel.url} target="_blank" rel="noopener noreferrer" className="small">
        (open in browser)
      </a>
    </span>
  );
}
