import type { KeyboardEvent, PointerEvent } from 'react';

export interface ResizerProps {
  /** Accessible name, e.g. "Resize sidebar". */
  label: string;
  width: number;
  min: number;
  max: number;
  /** +1 when dragging right grows the pane (a left sidebar), -1 when it shrinks it (a right panel). */
  direction: 1 | -1;
  onResize: (width: number) => void;
}

/** A draggable splitter between panes; also a focusable separator that arrow keys resize. */
export function Resizer({ label, width, min, max, direction, onResize }: ResizerProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = width;
    document.body.classList.add('is-resizing');
    const move = (e: globalThis.PointerEvent) => onResize(startWidth + (e.clientX - startX) * direction);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      document.body.classList.remove('is-resizing');
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 48 : 16;
    if (event.key === 'ArrowLeft') onResize(width - step * direction);
    else if (event.key === 'ArrowRight') onResize(width + step * direction);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className="project-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
