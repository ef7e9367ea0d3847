import type { SubcommandHandler } from './support/types.js';
import { openForKey } from './support/change-command.js';

/** `/closeout measures [KEY]`: the measures modal (a picker without a key). */
export const measures: SubcommandHandler = (call) => openForKey('measures', call);
