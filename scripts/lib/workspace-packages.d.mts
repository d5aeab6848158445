/** A workspace package (packages/*) the server imports at run time: named in the root package.json's dependencies. */
export interface WorkspacePackage {
  /** Its folder (absolute). */
  dir: string;
  /** Its package.json. */
  manifest: { name: string; version?: string; exports?: unknown; dependencies?: Record<string, string> };
}

/** The workspace packages the server imports at run time (packages/* named in the root package.json's dependencies). */
export function runtimeWorkspacePackages(root: string): WorkspacePackage[];
