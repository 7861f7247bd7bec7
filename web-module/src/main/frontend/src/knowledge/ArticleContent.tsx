import { useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface Heading {
  id: string;
  text: string;
  level: 2 | 3;
}

/** A table of contents pays off only on longer articles. */
export const TOC_MIN_HEADINGS = 4;

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section'
  );
}

const COPIED_MS = 2000;

/**
 * Adds a Copy button to every code block of the rendered body. The body is the server's sanitized
 * HTML, set once; the buttons are added to that DOM (React does not manage it) with their own
 * listeners, and removed again before the HTML changes.
 */
function addCopyButtons(root: HTMLElement, announce: (text: string) => void): () => void {
  const cleanups: (() => void)[] = [];
  root.querySelectorAll('pre').forEach((pre, index) => {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.parentNode?.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary button--small code-block__copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', `Copy code block ${index + 1}`);
    button.setAttribute('data-testid', 'code-copy');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onClick = () => {
      const text = pre.textContent ?? '';
      const done = (ok: boolean) => {
        button.textContent = ok ? 'Copied' : 'Copy failed';
        announce(ok ? 'Copied to the clipboard.' : 'The code could not be copied: select it and copy it by hand.');
        clearTimeout(timer);
        timer = setTimeout(() => {
          button.textContent = 'Copy';
        }, COPIED_MS);
      };
      const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clipboard) {
        done(false);
        return;
      }
      clipboard.writeText(text).then(
        () => done(true),
        () => done(false),
      );
    };
    button.addEventListener('click', onClick);
    wrapper.insertBefore(button, pre);
    cleanups.push(() => {
      clearTimeout(timer);
      button.removeEventListener('click', onClick);
    });
  });
  return () => cleanups.forEach((c) => c());
}

/** Gives every h2/h3 an id (kept when the server set one) and lists them in order. */
function collectHeadings(root: HTMLElement): Heading[] {
  const used = new Set<string>();
  const headings: Heading[] = [];
  root.querySelectorAll<HTMLElement>('h2, h3').forEach((h) => {
    const text = (h.textContent ?? '').trim();
    let id = h.id ? h.id : `kb-${slug(text)}`;
    for (let n = 2; used.has(id); n++) id = `kb-${slug(text)}-${n}`;
    used.add(id);
    h.id = id;
    h.tabIndex = -1;
    headings.push({ id, text, level: h.tagName === 'H2' ? 2 : 3 });
  });
  return headings;
}

export interface ArticleContentProps {
  /** Sanitized by the server: the only HTML the knowledge base injects. */
  html: string;
}

/**
 * The article body: the server's sanitized HTML, with a table of contents from its h2/h3 when
 * there are more than three, and a Copy button on every code block.
 */
export function ArticleContent({ html }: ArticleContentProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [headings, setHeadings] = useState<Heading[]>([]);
  const [announcement, setAnnouncement] = useState('');
  // React 19 sets innerHTML again whenever this object changes identity, which would throw away
  // the ids and Copy buttons added below; one object per HTML keeps the DOM as it was prepared.
  const inner = useMemo(() => ({ __html: html }), [html]);

  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    setHeadings(collectHeadings(root));
    return addCopyButtons(root, setAnnouncement);
  }, [html]);

  const jump = (id: string) => {
    const target = document.getElementById(id);
    target?.scrollIntoView?.({ block: 'start' });
    target?.focus();
  };

  return (
    <>
      {headings.length >= TOC_MIN_HEADINGS && (
        <nav className="article-toc" aria-labelledby="article-toc-heading" data-testid="article-toc">
          <h2 id="article-toc-heading" className="article-toc__heading">
            Contents
          </h2>
          <ol>
            {headings.map((h) => (
              <li key={h.id} className={`article-toc__item article-toc__item--h${h.level}`}>
                <a
                  href={`#${h.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    jump(h.id);
                  }}
                >
                  {h.text}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div ref={ref} className="article__html" dangerouslySetInnerHTML={inner} data-testid="article-html" />
      <p className="visually-hidden" aria-live="polite" data-testid="copy-announcement">
        {announcement}
      </p>
    </>
  );
}
