/** A mistake the operator can fix (bad file, bad flag, ambiguous workspace): printed without a stack, exit code 1. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
