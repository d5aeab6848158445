import type { CoreDeps } from '../../../core/store-ports.js';
import type { Clock } from '../../../core/shared/context.js';

/** What an integration plugin may be built with (besides its own settings); its own file, so a plugin can import it without a cycle through the registration list. */
export interface IntegrationDeps {
  /** Response's own address, for links back to an incident (`<publicUrl>/incidents/<id>`). */
  publicUrl: string;
  clock: Clock;
  core: CoreDeps;
}
