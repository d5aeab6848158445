/** Unicode for the Slack emoji names people use most in incidents; unknown names stay as `:name:`. */
export const EMOJI: Readonly<Record<string, string>> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', ok_hand: '👌', wave: '👋', clap: '👏', pray: '🙏', raised_hands: '🙌',
  muscle: '💪', point_right: '👉', point_left: '👈', point_up: '☝️', eyes: '👀', brain: '🧠', handshake: '🤝',
  smile: '😄', smiley: '😃', grinning: '😀', slightly_smiling_face: '🙂', wink: '😉', joy: '😂', sweat_smile: '😅', laughing: '😆',
  thinking_face: '🤔', neutral_face: '😐', confused: '😕', disappointed: '😞', cry: '😢', sob: '😭', scream: '😱', rage: '😡',
  face_palm: '🤦', facepalm: '🤦', shrug: '🤷', sleeping: '😴', sunglasses: '😎', upside_down_face: '🙃', grimacing: '😬',
  white_check_mark: '✅', heavy_check_mark: '✔️', ballot_box_with_check: '☑️', x: '❌', heavy_multiplication_x: '✖️',
  warning: '⚠️', rotating_light: '🚨', fire: '🔥', boom: '💥', sparkles: '✨', zap: '⚡', bulb: '💡', mag: '🔍', lock: '🔒',
  unlock: '🔓', key: '🔑', bell: '🔔', no_bell: '🔕', loudspeaker: '📢', mega: '📣', memo: '📝', pencil: '📝', pencil2: '✏️',
  pushpin: '📌', round_pushpin: '📍', paperclip: '📎', link: '🔗', calendar: '📆', date: '📅', clock1: '🕐', hourglass: '⌛',
  hourglass_flowing_sand: '⏳', stopwatch: '⏱️', alarm_clock: '⏰', chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉',
  bar_chart: '📊', clipboard: '📋', books: '📚', book: '📖', email: '📧', envelope: '✉️', phone: '📞', computer: '💻',
  desktop_computer: '🖥️', gear: '⚙️', hammer_and_wrench: '🛠️', wrench: '🔧', hammer: '🔨', package: '📦', rocket: '🚀',
  construction: '🚧', traffic_light: '🚥', vertical_traffic_light: '🚦', stop_sign: '🛑', no_entry: '⛔', no_entry_sign: '🚫',
  sos: '🆘', information_source: 'ℹ️', question: '❓', grey_question: '❔', exclamation: '❗', bangbang: '‼️', heavy_plus_sign: '➕',
  heavy_minus_sign: '➖', arrow_right: '➡️', arrow_left: '⬅️', arrow_up: '⬆️', arrow_down: '⬇️', repeat: '🔁', arrows_counterclockwise: '🔄',
  red_circle: '🔴', large_orange_circle: '🟠', large_yellow_circle: '🟡', large_green_circle: '🟢', large_blue_circle: '🔵',
  white_circle: '⚪', black_circle: '⚫', green_heart: '💚', heart: '❤️', broken_heart: '💔', blue_heart: '💙', star: '⭐',
  tada: '🎉', confetti_ball: '🎊', trophy: '🏆', medal: '🏅', moneybag: '💰', dollar: '💵', credit_card: '💳', bank: '🏦',
  bug: '🐛', beetle: '🐞', snail: '🐌', turtle: '🐢', fox_face: '🦊', dog: '🐶', cat: '🐱', robot_face: '🤖', ghost: '👻',
  skull: '💀', poop: '💩', hankey: '💩', coffee: '☕', beer: '🍺', pizza: '🍕', cake: '🍰', ambulance: '🚑', fire_engine: '🚒',
  police_car: '🚓', helicopter: '🚁', sunny: '☀️', cloud: '☁️', umbrella: '☔', snowflake: '❄️', rainbow: '🌈', ocean: '🌊',
  thunder_cloud_and_rain: '⛈️', rain_cloud: '🌧️', partly_sunny_rain: '🌦️', mostly_sunny: '🌤️', sun_small_cloud: '🌤️',
  sun_behind_rain_cloud: '🌦️', cloud_with_rain: '🌧️', lightning: '🌩️', tornado: '🌪️', earth_africa: '🌍', earth_americas: '🌎',
  globe_with_meridians: '🌐', satellite: '📡', hospital: '🏥', house: '🏠', office: '🏢', world_map: '🗺️', checkered_flag: '🏁',
  triangular_flag_on_post: '🚩', white_flag: '🏳️', 100: '💯', new: '🆕', up: '🆙', cool: '🆒', free: '🆓', ok: '🆗',
};

/** Replaces `:name:` and `:name::skin-tone-2:` with unicode where the name is known. */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):(?::skin-tone-\d:)?/g, (whole, name: string) => EMOJI[name] ?? whole);
}
