/**
 * Drag handle between the DAG and the timeline (also arrow keys when focused). Writes the share to the
 * ui slice; the grid rows follow it, so nothing else re-measures.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { selectActions, selectDagShare } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';

const KEY_STEP = 0.05;

export function Splitter() {
  const share = useBoot(selectDagShare);
  const { setDagShare } = useBoot(selectActions);
  const dragging = useRef(false);
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const column = e.currentTarget.parentElement?.getBoundingClientRect();
    if (column && column.height > 0) setDagShare((e.clientY - column.top) / column.height);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowUp') setDagShare(share - KEY_STEP);
    else if (e.key === 'ArrowDown') setDagShare(share + KEY_STEP);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize graph and timeline"
      aria-valuenow={Math.round(share * 100)}
      aria-valuemin={30}
      aria-valuemax={80}
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerMove={onPointerMove}
      onKeyDown={onKey}
    />
  );
}
