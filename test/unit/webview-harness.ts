/**
 * Runs the timeline webview outside VS Code for tests and the benchmark: bundles
 * extension/webview/main.ts with esbuild (as scripts/build.mjs does), serves it from a
 * 127.0.0.1 HTTP server on an ephemeral port inside the page html.ts builds (same CSP, same
 * skeleton), and opens it in Debian's Chromium through playwright-core. An init script plays
 * VS Code's part: `acquireVsCodeApi` (recording what the panel posts) and the theme's CSS
 * variables and body class. `close()` always stops both browser and server.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { timelineHtml } from '../../extension/webview/html';
import type { ExtensionToWebviewMessage } from '../../extension/webview/messages';

const ROOT = join(__dirname, '..', '..');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export type ThemeName = 'dark' | 'light' | 'high-contrast';

/** VS Code's Dark Modern, Light Modern and Dark High Contrast values for the variables the panel uses. */
const THEMES: Record<ThemeName, Record<string, string>> = {
  dark: {
    'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'foreground': '#cccccc', 'descriptionForeground': '#9d9d9d',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-yellow': '#cca700',
    'charts-red': '#f14c4c', 'terminal-ansiCyan': '#11a8cd', 'errorForeground': '#f85149', 'focusBorder': '#0078d4',
    'editorCursor-foreground': '#aeafad', 'sideBar-background': '#181818', 'list-hoverBackground': '#2a2d2e',
    'editorIndentGuide-background1': '#404040', 'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
    'panel-border': '#2b2b2b', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'editorHoverWidget-foreground': '#cccccc',
    'list-activeSelectionBackground': '#04395e', 'list-activeSelectionForeground': '#ffffff',
  },
  light: {
    'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'foreground': '#3b3b3b', 'descriptionForeground': '#616161',
    'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-purple': '#652d90', 'charts-orange': '#d18616', 'charts-yellow': '#bf8803',
    'charts-red': '#e51400', 'terminal-ansiCyan': '#0598bc', 'errorForeground': '#f85149', 'focusBorder': '#005fb8',
    'editorCursor-foreground': '#000000', 'sideBar-background': '#f8f8f8', 'list-hoverBackground': '#f2f2f2',
    'editorIndentGuide-background1': '#d3d3d3', 'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b',
    'panel-border': '#e5e5e5', 'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8', 'editorHoverWidget-foreground': '#3b3b3b',
    'list-activeSelectionBackground': '#e8e8e8', 'list-activeSelectionForeground': '#000000',
  },
  'high-contrast': {
    'editor-background': '#000000', 'editor-foreground': '#ffffff', 'foreground': '#ffffff', 'descriptionForeground': '#ffffff',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-yellow': '#ffff00',
    'charts-red': '#f48771', 'terminal-ansiCyan': '#00ffff', 'errorForeground': '#f48771', 'focusBorder': '#f38518', 'contrastBorder': '#6fc3df',
    'editorCursor-foreground': '#ffffff', 'sideBar-background': '#000000', 'list-hoverBackground': '#000000',
    'editorIndentGuide-background1': '#7c7c7c', 'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'panel-border': '#6fc3df', 'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'editorHoverWidget-foreground': '#ffffff',
    'list-activeSelectionBackground': '#000000', 'list-activeSelectionForeground': '#ffffff',
  },
};

export interface HarnessOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /** Extra script (plain JS) run in the page before the bundle, e.g. a data generator. */
  initScript?: string;
  /** Extra Chromium switches (the benchmark adds an inert marker to find its processes). */
  extraArgs?: string[];
}

export interface Harness {
  page: Page;
  origin: string;
  /** Messages the panel posted to "the extension" so far. */
  posted(): Promise<unknown[]>;
  /** Posts messages to the panel the way VS Code delivers them (window message events). */
  send(...messages: ExtensionToWebviewMessage[]): Promise<void>;
  /** Errors and CSP violations the page reported. */
  problems: string[];
  close(): Promise<void>;
}

/** Bundles a browser entry point in memory (iife). */
export async function bundle(entry: string, globalName?: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [join(ROOT, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022',
    globalName, logLevel: 'silent', tsconfig: join(ROOT, 'extension/webview/tsconfig.json'),
  });
  return out.outputFiles[0].text;
}

function vscodeEmulation(theme: ThemeName): string {
  const vars = JSON.stringify(THEMES[theme]);
  return `(() => {
    const posted = [];
    let state;
    window.__posted = posted;
    window.__payloadRan = false;
    window.acquireVsCodeApi = () => {
      const vars = ${vars};
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + k, v);
      document.documentElement.style.setProperty('--vscode-font-family', 'system-ui, "Segoe UI", sans-serif');
      document.documentElement.style.setProperty('--vscode-font-size', '13px');
      document.documentElement.style.setProperty('--vscode-editor-font-family', '"DejaVu Sans Mono", monospace');
      document.documentElement.style.setProperty('--vscode-editor-font-size', '12px');
      document.body.classList.add('vscode-${theme}');
      return { postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => { state = s; } };
    };
  })();`;
}

/**
 * Polls a page expression until it is truthy. (page.waitForFunction evaluates strings with
 * eval inside the page, which the panel's CSP rightly forbids.)
 */
export async function waitFor(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resolves after two animation frames: a message posted before has been handled and drawn. */
export function nextFrames(page: Page): Promise<unknown> {
  return page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

export async function openHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const script = await bundle('extension/webview/main.ts');
  const css = readFileSync(join(ROOT, 'extension/webview/timeline.css'), 'utf8');
  let origin = '';
  const server: Server = createServer((req, res) => {
    const nonce = randomBytes(16).toString('base64url');
    const send = (type: string, body: string): void => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
    if (req.url === '/') send('text/html', timelineHtml({ scriptUri: `${origin}/webview.js`, styleUri: `${origin}/timeline.css`, cspSource: origin, nonce }));
    else if (req.url === '/webview.js') send('text/javascript', script);
    else if (req.url === '/timeline.css') send('text/css', css);
    else if (req.url === '/favicon.ico') { res.writeHead(204); res.end(); }
    else { res.writeHead(404); res.end(); }
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', () => resolve()); });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])] });
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 720 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await page.addInitScript({ content: vscodeEmulation(opts.theme ?? 'dark') + (opts.initScript ?? '') });
    await page.addInitScript({ content: `document.addEventListener('securitypolicyviolation', (e) => { (window.__cspViolations ||= []).push(e.violatedDirective + ' ' + e.blockedURI); });` });
    await page.goto(origin + '/');
    // Page-side code is passed as strings: the root tsconfig (Node) has no DOM types.
    await waitFor(page, 'window.__posted.some((m) => m.type === "ready")');
    return {
      page, origin, problems, close,
      posted: () => page.evaluate('window.__posted.slice()') as Promise<unknown[]>,
      send: async (...messages) => {
        await page.evaluate(`for (const m of ${JSON.stringify(messages)}) window.postMessage(m, '*')`);
        await nextFrames(page);
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
