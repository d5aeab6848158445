import { createHash, randomBytes } from 'node:crypto';

/** Tokens are shown once and stored only as a SHA-256 hash. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newTokenSecret = () => `rsp_${randomBytes(24).toString('base64url')}`;
