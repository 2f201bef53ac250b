/**
 * The fault menu a click (or Enter) on a DAG vertex or timeline lane opens: the actions that make sense
 * for the target, grouped, each with a one-line explanation for the class; inapplicable ones are
 * disabled and say why. Keyboard per the WAI-ARIA menu pattern: role=menu/menuitem, ArrowUp/Down wrap,
 * Home/End, Enter/Space activate, Escape or Tab close; a click outside closes. Focus moves to the first
 * enabled item on open and returns to where it was on close. The menu is clamped inside the viewport.
 */
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ClusterView, Fault } from '../../../shared/protocol/types.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';
import { faultMenuContent, type FaultMenuItem, type UnitInfoLookup } from './faultItems.ts';
import { catalogUnitInfo } from './unitInfo.ts';
import { usePreviews, type PreviewFn, type PreviewState } from './usePreviews.ts';
import './FaultMenu.css';
import { selectInjectLockReason } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { menuKey, useClampedPosition, useCloseOnOutsidePress, useMenuFocus } from './menuBehaviour.ts';

export interface FaultMenuProps {
  target: FaultTarget;
  anchor: { x: number; y: number };
  view: ClusterView;
  onInject(fault: Fault): void;
  onExplain(target: UnitTarget): void;
  onClose(): void;
  /** Catalog facts used in the explanations (defaults to the DC/OS catalog); tests may pass their own. */
  unitInfo?: UnitInfoLookup;
  /** Asks the server what a fault would do within five minutes (sim:preview); absent: no previews. */
  preview?: PreviewFn;
  /** The units the focused item would break ("node/unit"), or null: the DAG highlights them. */
  onPreviewHighlight?(refs: string[] | null): void;
  /**
   * The presenter of a class room: a fault can be asked about first ("what will fail if ...?", quiz:ask) instead of
   * injected. While asking, previews are hidden: the projector must not give the answer away.
   */
  onAsk?(fault: Fault): void;
}

export function FaultMenu({ target, anchor, view, onInject, onExplain, onClose, unitInfo = catalogUnitInfo, preview, onPreviewHighlight, onAsk }: FaultMenuProps) {
  const [asking, setAsking] = useState(false);
  const previews = usePreviews(asking ? undefined : preview, asking ? undefined : onPreviewHighlight);
  // A viewer in a class room sees the inject items disabled, saying why; Explain stays.
  const lock = useBoot(selectInjectLockReason);
  const content = useMemo(() => lockInjects(faultMenuContent(target, view, unitInfo), lock), [target, view, unitInfo, lock]);
  const items = useMemo(() => content.groups.flatMap((g) => g.items), [content]);
  // Each item's position in the flat keyboard order, computed once instead of counted during render.
  const groups = useMemo(() => {
    let next = 0;
    return content.groups.map((g) => ({ label: g.label, row: g.layout === 'row', hint: g.hint, items: g.items.map((item) => ({ item, i: next++ })) }));
  }, [content]);
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLDivElement | null)[]>([]);
  const idBase = useId();
  useMenuFocus(menuRef, itemRefs, items.findIndex((i) => i.disabledReason === null), `${target.node}/${target.unit}`);
  const pos = useClampedPosition(menuRef, anchor, content);
  useCloseOnOutsidePress(menuRef, onClose);

  const activate = useCallback((item: FaultMenuItem) => {
    if (item.disabledReason !== null) return;
    if (item.action.type === 'explain') onExplain(item.action.target);
    else if (asking && onAsk !== undefined) onAsk(item.action.fault);
    else onInject(item.action.fault);
    onClose();
  }, [onClose, onExplain, onInject, onAsk, asking]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!menuKey(e, itemRefs.current, (i) => activate(items[i]!), onClose)) return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={menuRef}
      className="fault-menu"
      role="menu"
      aria-label={`Actions for ${content.title}`}
      aria-describedby={`${idBase}-status`}
      data-testid="fault-menu"
      style={{ left: pos.x, top: pos.y }}
      onKeyDown={onKeyDown}
    >
      <div className="fault-menu__header">
        <div className="fault-menu__title" aria-hidden="true">{content.title}</div>
        <div className="fault-menu__status" id={`${idBase}-status`}>{content.status}</div>
        {onAsk !== undefined ? (
          <button type="button" className={`fault-menu__ask${asking ? ' is-on' : ''}`} aria-pressed={asking} data-testid="ask-the-class"
            onClick={() => { setAsking((a) => !a); onPreviewHighlight?.(null); }}
            title="Pick a fault below to ask the class what it will break before you inject it">
            {asking ? '? Asking the class: pick the fault' : '? Ask the class first'}
          </button>
        ) : null}
      </div>
      {groups.map((group) => (
        <div key={group.label} role="group" aria-label={group.label} className={`fault-menu__group${group.row ? ' fault-menu__group--row' : ''}`}>
          <div className="fault-menu__group-label" aria-hidden="true">{group.label}</div>
          <div className="fault-menu__items">
            {group.items.map(({ item, i }) => {
              const hintId = `${idBase}-${item.id}`;
              const disabled = item.disabledReason !== null;
              return (
                <div
                  key={item.id}
                  ref={(el) => { itemRefs.current[i] = el; }}
                  role="menuitem"
                  tabIndex={-1}
                  aria-disabled={disabled || undefined}
                  aria-describedby={hintId}
                  data-action={item.id}
                  className={`fault-menu__item${disabled ? ' fault-menu__item--disabled' : ''}`}
                  onClick={() => activate(item)}
                  onPointerMove={(e) => { if (document.activeElement !== e.currentTarget) e.currentTarget.focus(); }}
                  onFocus={() => previews.focus(item.id, !disabled && item.action.type === 'inject' ? item.action.fault : null)}
                >
                  <span className="fault-menu__label">{item.label}</span>
                  {/* Row items keep their own hint for screen readers only; sighted users read the shared one. */}
                  <span id={hintId} className={group.row ? 'fault-menu__hint fault-menu__sr-only' : 'fault-menu__hint'}>{disabled ? item.disabledReason : item.hint}</span>
                  {asking ? null : <PreviewLine state={previews.byItem[item.id]} />}
                </div>
              );
            })}
          </div>
          {group.row && group.hint !== undefined ? <div className="fault-menu__group-hint" aria-hidden="true">{group.hint}</div> : null}
        </div>
      ))}
    </div>
  );
}

/** "Within 5 min: 3 units fail, cluster Unhealthy after 62 s, API stays up" under a focused item. */
function lockInjects(content: ReturnType<typeof faultMenuContent>, lock: string | null): ReturnType<typeof faultMenuContent> {
  if (lock === null) return content;
  return {
    ...content,
    groups: content.groups.map((g) => ({ ...g, items: g.items.map((i) => (i.action.type === 'inject' && i.disabledReason === null ? { ...i, disabledReason: lock } : i)) })),
  };
}

function PreviewLine({ state }: { state: PreviewState | undefined }) {
  if (state === undefined) return null;
  const text = state.status === 'loading' ? 'Within 5 min: computing…' : state.status === 'done' ? `Within 5 min: ${state.outcome.summary}` : `No preview: ${state.error}`;
  return <span className="fault-menu__preview" data-testid="fault-preview" aria-live="polite">{text}</span>;
}
