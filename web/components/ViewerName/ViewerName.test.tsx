// @vitest-environment happy-dom
// A student picks a name: a name the server would refuse is explained before anything is sent, the server's own
// refusal is shown beside the field, an accepted name is shown and remembered for the next visit, and markup in a
// name is text, never markup. The presenter has no name chip.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/protocol/messages.ts';
import { NAME_STORAGE_KEY } from '../../classroom/displayName.ts';
import { ClientContext } from '../../hooks/useClient.ts';
import type { SocketClient } from '../../socket.ts';
import { bootStore } from '../../store/store.ts';
import { mountPerTest } from '../../testing/mountPerTest.ts';
import { ViewerName } from './ViewerName.tsx';

const dom = mountPerTest();
let sent: string[];
let answer: (name: string) => Ack<{ name: string }>;
const client = { setName: async (name: string) => (sent.push(name), answer(name)) } as unknown as SocketClient;

function show(role: 'viewer' | 'presenter') {
  act(() => bootStore.setState({ role }));
  act(() => dom.render(<ClientContext.Provider value={client}><ViewerName /></ClientContext.Provider>));
}
const q = (sel: string) => dom.host.querySelector<HTMLElement>(sel);

async function type(text: string) {
  act(() => q('[data-testid="viewer-name"]')!.click());
  const input = q('[data-testid="viewer-name-input"]') as HTMLInputElement;
  act(() => {
    // React tracks the value it set; go through the native setter so onChange sees the new text.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    q('[data-testid="viewer-name-save"]')!.closest('form')!.requestSubmit();
  });
}

describe('ViewerName', () => {
  beforeEach(() => {
    sent = [];
    answer = (name) => ({ ok: true, name: name.trim() });
    localStorage.clear();
  });

  it('is a viewer control only', () => {
    show('presenter');
    expect(q('[data-testid="viewer-name"]')).toBeNull();
    show('viewer');
    expect(q('[data-testid="viewer-name"]')!.textContent).toContain('Your name…');
  });

  it('refuses an empty name without sending it, in the server’s words', async () => {
    show('viewer');
    await type('   ');
    expect(sent).toEqual([]);
    expect(q('[role="alert"]')!.textContent).toBe('name must not be empty');
  });

  it('shows the server’s refusal beside the field and keeps the old name', async () => {
    answer = () => ({ ok: false, error: 'rate limit: at most 5 commands per second' });
    show('viewer');
    await type('Ana');
    expect(q('[role="alert"]')!.textContent).toContain('rate limit');
    expect(localStorage.getItem(NAME_STORAGE_KEY)).toBeNull();
  });

  it('shows an accepted name as text and remembers it for the next visit', async () => {
    show('viewer');
    await type(' <img src=x onerror=alert(1)> ');
    expect(sent).toEqual(['<img src=x onerror=alert(1)>']);
    expect(q('[data-testid="viewer-name"]')!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(dom.host.querySelector('img')).toBeNull();
    expect(localStorage.getItem(NAME_STORAGE_KEY)).toBe('<img src=x onerror=alert(1)>');
  });
});
