// happy-dom component tests: a fresh <div> with its own React root before each test; after it the root
// is unmounted and the body emptied (menus and tooltips may sit outside the host), so no test sees another's DOM.
import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface TestMount {
  readonly host: HTMLDivElement;
  /** root.render; wrap the call in act() as usual. */
  render(node: ReactNode): void;
}

/** Registers the beforeEach/afterEach pair; call it once at the top of a test file. */
export function mountPerTest(): TestMount {
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    document.body.replaceChildren();
  });
  return {
    get host() {
      return host;
    },
    render: (node) => root.render(node),
  };
}
