// A CommonJS plugin (.js in a folder without "type"): require and module.exports.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, as a team may write it */
const { definePlugin, escapeMrkdwn, incidentCommand } = require('response/sdk');

module.exports = definePlugin({
  name: 'cjs-folder-js',
  commands: [incidentCommand(['hello-js'], escapeMrkdwn('<hello>'), async (ctx) => void (await ctx.say('hello')))],
});
