/**
 * Plugins' own durable key-value data (the SDK's `ctx.data`), one namespace per plugin: what an
 * integration must remember between a request and the vendor's webhook about it (a PagerDuty
 * incident's id for ours, a Jira key for an action). Values are JSON.
 */
export interface PluginDataRepo {
  get(plugin: string, key: string): Promise<unknown>;
  set(plugin: string, key: string, value: unknown, at: Date): Promise<void>;
  delete(plugin: string, key: string): Promise<void>;
}
