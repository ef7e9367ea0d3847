/**
 * A message area: English defines the keys, Chinese must provide every one of them (a type error otherwise).
 * Areas keep each feature's texts beside each other without one giant catalog file.
 */
export function defineArea<const E extends Record<string, string>>(en: E, zhCN: Record<keyof E, string>) {
  return { en, 'zh-CN': zhCN };
}
