import type { SubcommandHandler } from './support/types.js';
import { openForKey } from './support/change-command.js';

/** `/closeout edit [KEY]`: the edit modal (a picker without a key). */
export const edit: SubcommandHandler = (call) => openForKey('edit', call);
