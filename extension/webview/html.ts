/**
 * Builds the timeline panel's HTML page: the Content Security Policy, the stylesheet and
 * script links, and the static skeleton (element ids) that `main.ts` fills in. A pure
 * function with no `vscode` import, so the extension calls it with webview URIs and the
 * tests and benchmark call it with plain http://127.0.0.1 URLs and get the same page.
 * Nothing from a trace ever passes through here: the page is static, and trace strings are
 * set later as text by the bundle.
 */

export interface TimelineHtmlOptions {
  /** URI of dist/webview.js as the webview may load it. */
  scriptUri: string;
  /** URI of dist/timeline.css. */
  styleUri: string;
  /** URI of dist/codicon.css; optional, the panel has text labels and works without it. */
  codiconUri?: string;
  /** `webview.cspSource`: the origin the webview's own resources come from. */
  cspSource: string;
  /** A fresh random nonce (letters and digits) for the one script tag. */
  nonce: string;
  /** Page title (static text, not trace data). */
  title?: string;
}

/** The ids `main.ts` looks up; a missing one makes the bundle throw a clear error. */
export const TIMELINE_ELEMENT_IDS = [
  'toolbar', 'filter', 'filter-error', 'tab-timeline', 'tab-table', 'tab-summary', 'zoom-out', 'zoom-in', 'zoom-fit',
  'legend', 'status', 'view-timeline', 'overview', 'timeline', 'tooltip', 'focus-info',
  'view-table', 'table-scroll', 'table-spacer', 'table-rows', 'view-summary', 'summary',
] as const;

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The complete HTML document for the timeline webview. */
export function timelineHtml(opts: TimelineHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(opts.nonce)) {
    throw new Error('timelineHtml: nonce must be at least 16 letters/digits (use crypto.randomBytes(16).toString("base64url"))');
  }
  const src = escapeAttr(opts.cspSource);
  const csp = [
    "default-src 'none'",
    `style-src ${src}`,
    `font-src ${src}`,
    `img-src ${src} data:`,
    `script-src 'nonce-${opts.nonce}'`,
  ].join('; ');
  const codicon = opts.codiconUri ? `\n  <link rel="stylesheet" href="${escapeAttr(opts.codiconUri)}">` : '';
  const title = escapeAttr(opts.title ?? 'Syscall timeline');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">${codicon}
  <link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
  <title>${title}</title>
</head>
<body>
  <header id="toolbar">
    <input id="filter" type="search" spellcheck="false" autocomplete="off"
      placeholder="Filter: openat  class:network  errno:ENOENT  fd:3  path:/etc  words"
      aria-label="Filter events (name, class:, errno:, fd:, path:, pid:, or free text)" aria-describedby="filter-error">
    <span id="filter-error" role="alert"></span>
    <div class="tabs" role="tablist" aria-label="Views">
      <button id="tab-timeline" role="tab" aria-selected="true" aria-controls="view-timeline">Timeline</button>
      <button id="tab-table" role="tab" aria-selected="false" aria-controls="view-table">Table</button>
      <button id="tab-summary" role="tab" aria-selected="false" aria-controls="view-summary">Summary</button>
    </div>
    <div class="zoom" role="group" aria-label="Zoom">
      <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&minus;</button>
      <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
      <button id="zoom-fit" title="Show the whole recording (0)" aria-label="Show the whole recording">Fit</button>
    </div>
    <span id="status" role="status" aria-live="polite"></span>
  </header>
  <div id="legend" aria-label="Legend"></div>
  <main>
    <section id="view-timeline" role="tabpanel" aria-labelledby="tab-timeline">
      <canvas id="overview" aria-label="Overview of the whole recording; click or drag to move the view"></canvas>
      <canvas id="timeline" tabindex="0" aria-label="Syscall timeline. Arrow keys move between events, Enter moves the debugger there, plus and minus zoom, shift+arrows pan" aria-describedby="focus-info"></canvas>
      <div id="tooltip" role="tooltip" hidden></div>
      <div id="focus-info" aria-live="polite"></div>
    </section>
    <section id="view-table" role="tabpanel" aria-labelledby="tab-table" hidden>
      <div id="table-scroll" tabindex="0" role="grid" aria-label="Events table. Up and down move, Enter moves the debugger there">
        <div id="table-spacer"><div id="table-rows"></div></div>
      </div>
    </section>
    <section id="view-summary" role="tabpanel" aria-labelledby="tab-summary" hidden>
      <table id="summary"></table>
    </section>
  </main>
  <script nonce="${escapeAttr(opts.nonce)}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>
`;
}
