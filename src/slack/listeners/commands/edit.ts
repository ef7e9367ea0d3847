import type { SubcommandHandler } from './types.js';
import { openForKey } from './upkeep-command.js';

/** `/closeout edit [KEY]`: the edit modal (a picker without a key). */
export const edit: SubcommandHandler = (call) => openForKey('edit', call);
