/**
 * The few browser globals our `page.evaluate` callbacks use, typed here because the test
 * project compiles without the DOM library (Node code must not see `document`). Callbacks read
 * them as `(globalThis as unknown as PageGlobals)`; Playwright runs them in the page.
 * Keep callbacks free of inner named functions: tsx would wrap them in a helper the page lacks.
 */
export interface PageElement {
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
  readonly style: { readonly top: string };
  readonly dataset: Record<string, string | undefined>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getBoundingClientRect(): { top: number; left: number };
}

export interface PageGlobals {
  document: { documentElement: PageElement; querySelector(selector: string): PageElement | null };
  getComputedStyle(element: PageElement, pseudo?: string): { content: string };
}
