import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";

/** Props of {@link VirtualList}. */
export interface VirtualListProps {
  /** How many rows there are. */
  count: number;
  /** The height of row `index` in px; must be exact (rows are absolutely placed). */
  rowHeight: (index: number) => number;
  /** Renders row `index`. */
  renderRow: (index: number) => ReactNode;
  /** Rows rendered beyond the visible ones, on each side. Default 8. */
  overscan?: number;
  /** Keep the view at the bottom while rows are added, as long as the user is there. */
  followTail?: boolean;
  /** Accessible name of the list. */
  label: string;
}

/**
 * A windowed list: only the rows in view (plus a few) are in the DOM, each placed at its
 * offset, so ten thousand rows cost no more to render than thirty. Row heights are given,
 * not measured, which keeps scrolling exact without layout passes.
 */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  overscan = 8,
  followTail = false,
  label,
}: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const atBottom = useRef(true);

  // offsets[i] is the top of row i; offsets[count] the total height.
  const offsets = useMemo(() => {
    const result = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) result[i + 1] = (result[i] ?? 0) + rowHeight(i);
    return result;
  }, [count, rowHeight]);
  const total = offsets[count] ?? 0;

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the content grows
  useLayoutEffect(() => {
    const element = viewport.current;
    if (followTail && element && atBottom.current) {
      element.scrollTop = element.scrollHeight;
      setScrollTop(element.scrollTop);
    }
  }, [total, followTail]);

  const first = Math.max(0, findRow(offsets, count, scrollTop) - overscan);
  const last = Math.min(count - 1, findRow(offsets, count, scrollTop + height) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <li key={i} className="virtual-row" style={{ top: offsets[i] ?? 0, height: rowHeight(i) }}>
        {renderRow(i)}
      </li>,
    );
  }

  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
        setScrollTop(element.scrollTop);
      }}
    >
      <ol className="virtual-space" aria-label={label} style={{ height: total }}>
        {rows}
      </ol>
    </div>
  );
}

// The last row whose top is at or above `y` (binary search over the offsets).
function findRow(offsets: Float64Array, count: number, y: number): number {
  let low = 0;
  let high = Math.max(0, count - 1);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}
