import { render } from 'preact';
import { App } from './app.js';
import '@fontsource-variable/noto-sans-sc';
import './styles.css';

/** The Chinese font the page ships (@fontsource-variable/noto-sans-sc), cut into ~100 unicode-range files. */
const SHIPPED_FONT = 'Noto Sans SC Variable';

/**
 * Loads every file of the shipped font before the first render. Chromium (Debian's, with no Chinese system
 * font) lays text out at once with a box for each character whose file is still loading, and for text
 * whose size and weight no later change touches (the bold title, the active tab, the Send button, the
 * persona label and select) it kept those boxes after the file arrived. With every file loaded first, no
 * text is ever laid out without its glyphs. ~4.6 MB from the playground's own server; bounded so that a
 * slow load still shows the page.
 */
async function shippedFontLoaded(limitMs = 5000): Promise<void> {
  const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === SHIPPED_FONT);
  await Promise.race([
    Promise.allSettled(faces.map((f) => f.load())),
    new Promise((resolve) => setTimeout(resolve, limitMs)),
  ]);
}

void shippedFontLoaded().then(() => render(<App />, document.getElementById('app')!));
