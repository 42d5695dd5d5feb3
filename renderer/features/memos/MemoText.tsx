/** A memo's markdown-light text as React elements (never HTML: shared/text/markdown-light.ts). */
import { Fragment } from 'react';
import { parseMarkdownLight, type Inline } from '../../../shared/text/markdown-light';

function Line({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => (p.type === 'bold' ? <strong key={i}>{p.text}</strong> : p.type === 'italic' ? <em key={i}>{p.text}</em> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}

export function MemoText({ text }: { text: string }) {
  return (
    <div className="memo-text">
      {parseMarkdownLight(text).map((b, i) =>
        b.type === 'p' ? (
          <p key={i}>
            {b.lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                <Line parts={l} />
              </Fragment>
            ))}
          </p>
        ) : b.type === 'ul' ? (
          <ul key={i}>{b.items.map((it, j) => <li key={j}><Line parts={it} /></li>)}</ul>
        ) : (
          <ol key={i}>{b.items.map((it, j) => <li key={j}><Line parts={it} /></li>)}</ol>
        ),
      )}
    </div>
  );
}
