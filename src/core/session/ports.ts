/** What sign-in needs from the store, beside the users core already knows. */
export interface SignInState {
  stateHash: string;
  nonce: string;
  returnTo: string;
  expiresAt: Date;
}

export interface WebSession {
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionRepo {
  saveState(state: SignInState): Promise<void>;
  /** Deletes and returns the state if it exists and has not expired: a state works once. */
  takeState(stateHash: string, now: Date): Promise<Pick<SignInState, 'nonce' | 'returnTo'> | null>;
  create(idHash: string, session: WebSession): Promise<void>;
  /** A live (unexpired) session. */
  find(idHash: string, now: Date): Promise<WebSession | null>;
  extend(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  remove(idHash: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
  /** Returns the stored secret of this name, storing `candidate` first if there is none (first replica wins). */
  secret(name: string, candidate: string): Promise<string>;
}

/** Who Slack says signed in, from `openid.connect.token` + `openid.connect.userInfo`. */
export interface SlackIdentity {
  slackId: string;
  teamId: string | null;
  name: string | null;
  email: string | null;
  /** The nonce in the ID token, when Slack returned one. */
  nonce: string | null;
  /**
   * Workspace admin or owner, from users.info (Slack's OpenID answer doesn't say); null or absent when it
   * couldn't be asked, and the stored flag stands.
   */
  isAdmin?: boolean | null;
}

export interface IdentityProvider {
  exchangeCode(code: string, redirectUri: string): Promise<SlackIdentity>;
}
