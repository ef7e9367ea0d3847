import type { SubcommandHandler } from './types.js';
import { openForKey } from './upkeep-command.js';

/** `/closeout measures [KEY]`: the measures modal (a picker without a key). */
export const measures: SubcommandHandler = (call) => openForKey('measures', call);
