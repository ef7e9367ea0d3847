/**
 * Settings Closeout cannot start with, every one named at once. Its own module, without the schema: the front
 * thread of `npm start` reports the engine's verdict on them and loads no validation library (see main.ts).
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Closeout cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
