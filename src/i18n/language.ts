/**
 * The languages the app speaks. They live at the bottom, with the catalogs that need them; domain/types.ts
 * re-exports them for everything above.
 */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
