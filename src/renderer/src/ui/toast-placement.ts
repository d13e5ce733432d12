import { useEffect, useState, type RefObject } from 'react';
import { create } from 'zustand';

/** The part of a DOMRect placement needs. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the toast stack sits: its distance from the right and bottom edges, and its widest toast. */
export interface ToastPlacement {
  right: number;
  bottom: number;
  maxWidth: number;
}

const MARGIN = 16;
/** A toast's narrowest width (toast.css min-width). */
export const TOAST_MIN_WIDTH = 280;
const TOAST_MAX_WIDTH = 440;

/**
 * Places the toasts clear of the boxes they must not cover (the chat composer): in the bottom
 * corner to their left when a toast fits there, else just above them. No boxes: bottom right.
 */
export function placeToasts(viewport: { width: number; height: number }, avoid: readonly Box[]): ToastPlacement {
  const fullWidth = (right: number) => Math.min(TOAST_MAX_WIDTH, viewport.width - right - MARGIN);
  if (avoid.length === 0) return { right: MARGIN, bottom: MARGIN, maxWidth: fullWidth(MARGIN) };
  const left = Math.min(...avoid.map((box) => box.left));
  const roomLeft = left - 2 * MARGIN;
  if (roomLeft >= TOAST_MIN_WIDTH) {
    const right = viewport.width - left + MARGIN;
    return { right, bottom: MARGIN, maxWidth: fullWidth(right) };
  }
  const top = Math.min(...avoid.map((box) => box.top));
  return { right: MARGIN, bottom: Math.max(MARGIN, viewport.height - top + MARGIN), maxWidth: fullWidth(MARGIN) };
}

interface AvoidState {
  elements: readonly HTMLElement[];
}

/** Elements toasts must not cover, registered by {@link useToastAvoid}; read by the Toaster. */
const useAvoid = create<AvoidState>()(() => ({ elements: [] }));

/** Keeps toasts off this element while it is mounted (the chat composer: where the writer types). */
export function useToastAvoid(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    useAvoid.setState((state) => ({ elements: [...state.elements, element] }));
    return () => useAvoid.setState((state) => ({ elements: state.elements.filter((e) => e !== element) }));
  }, [ref]);
}

const measure = (elements: readonly HTMLElement[]): ToastPlacement =>
  placeToasts(
    { width: window.innerWidth, height: window.innerHeight },
    elements.map((element) => element.getBoundingClientRect()),
  );

const same = (a: ToastPlacement, b: ToastPlacement) => a.right === b.right && a.bottom === b.bottom && a.maxWidth === b.maxWidth;

/**
 * The toasts' placement, kept current while there are toasts: an avoided box can move without
 * resizing (the sidebar folds, a panel opens), so layout changes are watched too, measured at
 * most once a frame.
 */
export function useToastPlacement(active: boolean): ToastPlacement {
  const elements = useAvoid((state) => state.elements);
  const [placement, setPlacement] = useState<ToastPlacement>(() => measure([]));

  useEffect(() => {
    if (!active) return undefined;
    let frame: number | null = null;
    const update = () => {
      frame = null;
      const next = measure(elements);
      setPlacement((current) => (same(current, next) ? current : next));
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(update);
    };
    update();
    if (elements.length === 0) {
      window.addEventListener('resize', schedule);
      return () => window.removeEventListener('resize', schedule);
    }
    const resized = new ResizeObserver(schedule);
    for (const element of elements) resized.observe(element);
    const moved = new MutationObserver(schedule);
    moved.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
    window.addEventListener('resize', schedule);
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      resized.disconnect();
      moved.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [active, elements]);

  return placement;
}
