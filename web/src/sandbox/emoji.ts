/** The emoji Slack messages use most; anything else stays `:name:` as text. */
export const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', eyes: '👀', fire: '🔥', rotating_light: '🚨', white_check_mark: '✅',
  heavy_check_mark: '✔️', x: '❌', warning: '⚠️', tada: '🎉', pushpin: '📌', round_pushpin: '📍', hourglass: '⌛', hourglass_flowing_sand: '⏳',
  red_circle: '🔴', large_orange_circle: '🟠', large_yellow_circle: '🟡', large_green_circle: '🟢', large_blue_circle: '🔵', white_circle: '⚪',
  black_circle: '⚫', memo: '📝', link: '🔗', bell: '🔔', mag: '🔍', speech_balloon: '💬', bulb: '💡', sos: '🆘', construction: '🚧',
  clipboard: '📋', calendar: '📅', page_facing_up: '📄', busts_in_silhouette: '👥', bust_in_silhouette: '👤', information_source: 'ℹ️',
  exclamation: '❗', question: '❓', point_right: '👉', wave: '👋', sparkles: '✨', lock: '🔒', unlock: '🔓', zap: '⚡', boom: '💥',
  ambulance: '🚑', rocket: '🚀', chart_with_upwards_trend: '📈', hammer_and_wrench: '🛠️', wrench: '🔧', thinking_face: '🤔',
  slightly_smiling_face: '🙂', smile: '😄', stopwatch: '⏱️', alarm_clock: '⏰', timer_clock: '⏲️', pencil2: '✏️', pencil: '📝',
  grimacing: '😬', speaking_head_in_silhouette: '🗣️', heart: '❤️', raised_hands: '🙌', pray: '🙏', ok_hand: '👌', no_entry: '⛔',
  new: '🆕', arrow_right: '➡️', arrow_up: '⬆️', arrow_down: '⬇️', checkered_flag: '🏁', trophy: '🏆', siren: '🚨', star: '⭐',
  door: '🚪', mega: '📣', loudspeaker: '📢', scroll: '📜', books: '📚', notebook: '📓', label: '🏷️', gear: '⚙️', bar_chart: '📊',
  fire_engine: '🚒', police_car: '🚓', sunny: '☀️', cloud: '☁️', umbrella: '☂️', green_heart: '💚', broken_heart: '💔', skull: '💀',
};

export function emoji(name: string): string | undefined {
  return EMOJI[name.replace(/::skin-tone-\d$/, '')];
}
