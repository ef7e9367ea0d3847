import { useMemo } from 'preact/hooks';
import { parseCanvas, type Inline } from './canvas-markdown.js';
import { usePage } from './context.js';

function Inlines({ nodes }: { nodes: Inline[] }) {
  const { nameOf, snap } = usePage();
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case 'text':
            return n.v;
          case 'bold':
            return (
              <b key={i}>
                <Inlines nodes={n.c} />
              </b>
            );
          case 'code':
            return <code key={i}>{n.v}</code>;
          case 'link':
            return (
              <a key={i} href={n.href} target="_blank" rel="noreferrer noopener">
                {n.v}
              </a>
            );
          case 'mention':
            return (
              <span key={i} class="mention">
                {n.kind === 'user' ? `@${nameOf(n.id)}` : `#${snap.channels.find((c) => c.id === n.id)?.name ?? n.id}`}
              </span>
            );
        }
      })}
    </>
  );
}

/** A channel's canvas, as Slack shows it in the channel's tab: its markdown drawn as a document. */
export function Canvas({ markdown }: { markdown: string }) {
  const { t } = usePage();
  const blocks = useMemo(() => parseCanvas(markdown), [markdown]);
  return (
    <article class="canvas" aria-label={t('playground.canvas.label')}>
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'heading': {
            const H = b.level === 1 ? 'h1' : b.level === 2 ? 'h2' : 'h3';
            return (
              <H key={i}>
                <Inlines nodes={b.c} />
              </H>
            );
          }
          case 'paragraph':
            return (
              <p key={i}>
                <Inlines nodes={b.c} />
              </p>
            );
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Inlines nodes={item} />
                  </li>
                ))}
              </ul>
            );
          case 'rule':
            return <hr key={i} />;
          case 'table':
            return (
              <div key={i} class="canvas-table">
                <table>
                  <thead>
                    <tr>
                      {b.head.map((c, j) => (
                        <th key={j}>
                          <Inlines nodes={c} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((c, j) => (
                          <td key={j}>
                            <Inlines nodes={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </article>
  );
}
