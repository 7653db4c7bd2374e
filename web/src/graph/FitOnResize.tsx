import { useReactFlow } from '@xyflow/react';
import { type JSX, useEffect, useRef } from 'react';

/**
 * Fits the graph again when its canvas changes width (the node panel opening beside it, a window
 * resize), so a read-only graph never ends up half outside its frame. Renders nothing.
 */
export function FitOnResize(props: { padding: number; maxZoom: number }): JSX.Element | null {
  const { fitView } = useReactFlow();
  const probe = useRef<HTMLSpanElement>(null);
  const { padding, maxZoom } = props;
  useEffect(() => {
    const canvas = probe.current?.closest('.react-flow');
    if (!canvas) return;
    let width = canvas.clientWidth;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (canvas.clientWidth === width) return;
      width = canvas.clientWidth;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void fitView({ padding, maxZoom }));
    });
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fitView, padding, maxZoom]);
  return <span ref={probe} hidden />;
}
