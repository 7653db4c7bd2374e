import { useCallback, useState } from 'react';
import type { Graph } from './model.js';

const LIMIT = 100;

interface State {
  past: Graph[];
  present: Graph;
  future: Graph[];
}

export interface GraphHistory {
  graph: Graph;
  /** Changes the graph; `record` makes the change one undo step (selection and drags do not). */
  update(change: (graph: Graph) => Graph, record?: boolean): void;
  /** Remembers the current graph as an undo step (before a drag starts). */
  checkpoint(): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  reset(graph: Graph): void;
}

/** The editor's graph with undo/redo: whole snapshots, cheap since nodes are shared between them. */
export function useGraphHistory(initial: Graph): GraphHistory {
  const [state, setState] = useState<State>({ past: [], present: initial, future: [] });
  const update = useCallback((change: (graph: Graph) => Graph, record = true) => {
    setState((s) => {
      const next = change(s.present);
      if (next === s.present) return s;
      if (!record) return { ...s, present: next };
      return { past: [...s.past, s.present].slice(-LIMIT), present: next, future: [] };
    });
  }, []);
  const checkpoint = useCallback(() => {
    setState((s) => ({ past: [...s.past, s.present].slice(-LIMIT), present: s.present, future: [] }));
  }, []);
  const undo = useCallback(() => {
    setState((s) => {
      const previous = s.past[s.past.length - 1];
      if (!previous) return s;
      return {
        past: s.past.slice(0, -1),
        present: keepSelection(previous, s.present),
        future: [s.present, ...s.future],
      };
    });
  }, []);
  const redo = useCallback(() => {
    setState((s) => {
      const next = s.future[0];
      if (!next) return s;
      return {
        past: [...s.past, s.present],
        present: keepSelection(next, s.present),
        future: s.future.slice(1),
      };
    });
  }, []);
  const reset = useCallback((graph: Graph) => setState({ past: [], present: graph, future: [] }), []);
  return {
    graph: state.present,
    update,
    checkpoint,
    undo,
    redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    reset,
  };
}

/** Undo restores content, not what happens to be selected now. */
function keepSelection(target: Graph, current: Graph): Graph {
  const selected = new Set(current.nodes.filter((n) => n.selected).map((n) => n.id));
  return {
    nodes: target.nodes.map((n) =>
      Boolean(n.selected) === selected.has(n.id) ? n : { ...n, selected: selected.has(n.id) },
    ),
    edges: target.edges,
  };
}
