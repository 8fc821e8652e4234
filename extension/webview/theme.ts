/**
 * Reads the colours the canvas needs from VS Code's theme variables (canvas cannot use CSS
 * variables directly) and re-reads them when VS Code switches theme, which it signals by
 * rewriting the `style` attribute of <html> and the `vscode-*` class of <body>.
 */
import { CLASS_COLOR_VARS } from './classes';

export interface Palette {
  classes: string[];
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  laneAlt: string;
  labelBackground: string;
  error: string;
  signal: string;
  cursor: string;
  focus: string;
  hover: string;
  /** High contrast themes: outline bars so they stand out from the background. */
  outline: string | null;
  font: string;
  monoFont: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => cssVar(style, name, fallback);
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const family = v('--vscode-font-family', 'system-ui, sans-serif');
  const size = v('--vscode-font-size', '13px');
  return {
    classes: CLASS_COLOR_VARS.map(([name, fallback]) => v(name, fallback)),
    background: v('--vscode-editor-background', '#1e1e1e'),
    foreground: v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc')),
    muted: v('--vscode-descriptionForeground', '#8b8b8b'),
    grid: v('--vscode-editorIndentGuide-background1', v('--vscode-editorIndentGuide-background', 'rgba(128,128,128,0.25)')),
    laneAlt: v('--vscode-list-hoverBackground', 'rgba(128,128,128,0.08)'),
    labelBackground: v('--vscode-sideBar-background', v('--vscode-editor-background', '#252526')),
    error: v('--vscode-errorForeground', '#f14c4c'),
    signal: v('--vscode-charts-red', '#f14c4c'),
    cursor: v('--vscode-editorCursor-foreground', '#aeafad'),
    focus: v('--vscode-focusBorder', '#007fd4'),
    hover: v('--vscode-editor-foreground', '#ffffff'),
    outline: highContrast ? v('--vscode-contrastBorder', '#6fc3df') : null,
    font: `${size} ${family}`,
    monoFont: `${v('--vscode-editor-font-size', '12px')} ${v('--vscode-editor-font-family', 'monospace')}`,
  };
}

/** Calls `onChange` after VS Code changes theme. Returns a function that stops watching. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
