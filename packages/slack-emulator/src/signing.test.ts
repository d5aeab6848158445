import { describe, expect, it } from 'vitest';
import { computeSlackSignature, signSlackRequest, verifySlackSignature } from './signing.js';

// Both vectors from /work/shared/slack-fixtures/README.md ("Official test vector" and the slash-command.json one).
const OFFICIAL = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  ts: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

const FIXTURE = {
  secret: 'f00dfeedf00dfeedf00dfeedf00dfeed',
  ts: 1732350003,
  body: 'token=Jhj5dZrVaK7ZwHHjRyZWjbDl&team_id=T0TEAM&team_domain=acme&channel_id=C0INCIDENTS&channel_name=incidents&user_id=U0ALICE&user_name=alice&command=%2Fincident&text=declare+sev1+Checkout+API+returning+500s&api_app_id=A0APP&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0TEAM%2F8071349150281%2FkQ2xZ7vN3mP9sR1tY5wB8cD4&trigger_id=8071349150273.7450218834521.6f1b2c9e4d3a5b7c8e9f0a1b2c3d4e5f',
  signature: 'v0=4a0f9f045d298c6a68ae099116aa5e8a861360a0a6b3ad5932246c80ca257567',
};

describe('Slack request signing (v0)', () => {
  it.each([
    ['official python-slack-sdk vector', OFFICIAL],
    ['slash-command.json vector', FIXTURE],
  ])('matches the %s', (_name, v) => {
    expect(computeSlackSignature(v.secret, v.ts, v.body)).toBe(v.signature);
    expect(signSlackRequest(v.secret, v.body, v.ts)).toEqual({ 'X-Slack-Request-Timestamp': String(v.ts), 'X-Slack-Signature': v.signature });
    expect(verifySlackSignature({ signingSecret: v.secret, rawBody: v.body, timestamp: String(v.ts), signature: v.signature, nowSeconds: v.ts + 10 })).toBe(
      true,
    );
  });

  it('rejects a stale timestamp, a changed body and a wrong secret', () => {
    const v = FIXTURE;
    const base = { signingSecret: v.secret, rawBody: v.body, timestamp: String(v.ts), signature: v.signature };
    expect(verifySlackSignature({ ...base, nowSeconds: v.ts + 301 })).toBe(false);
    expect(verifySlackSignature({ ...base, nowSeconds: v.ts - 301 })).toBe(false);
    expect(verifySlackSignature({ ...base, rawBody: `${v.body}x`, nowSeconds: v.ts })).toBe(false);
    expect(verifySlackSignature({ ...base, signingSecret: 'other', nowSeconds: v.ts })).toBe(false);
    expect(verifySlackSignature({ ...base, signature: undefined, nowSeconds: v.ts })).toBe(false);
  });
});
