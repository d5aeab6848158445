export interface ApiToken {
  id: number;
  name: string;
  /** The Slack workspace it was made in; null for tokens made with the CLI (valid wherever the data is served). */
  teamId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TokenRepo {
  insert(name: string, tokenHash: string, createdById: number | null, teamId: string | null, now: Date): Promise<ApiToken>;
  findActiveByHash(tokenHash: string): Promise<ApiToken | null>;
  touch(id: number, now: Date): Promise<void>;
  list(): Promise<ApiToken[]>;
  revoke(name: string, now: Date): Promise<boolean>;
  getByName(name: string): Promise<ApiToken | null>;
}
