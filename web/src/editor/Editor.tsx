import { useQueryClient } from '@tanstack/react-query';
import {
  Background,
  Controls,
  MiniMap,
  type OnConnect,
  Panel,
  ReactFlow,
  type ReactFlowInstance,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { paths } from '../../../src/client/index.js';
import { api, unwrap } from '../api/client.js';
import { keys } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { type ComponentInfo, handlesByNode, isTrigger } from '../graph/catalogue.js';
import { GraphContext } from '../graph/context.js';
import { type FlowNodeType, nodeTypes } from '../graph/FlowNode.js';
import { minimapColor } from '../graph/minimap.js';
import { issuesByNode } from './issues.js';
import { loadConfigForm } from './LazyConfigForm.js';
import { LeaveDialog, useLeaveGuard } from './LeaveGuard.js';
import { autoLayout, graphToOpen } from './layout.js';
import { pathKeyOf, pathsOf, pathsOfSchema } from './liquid.js';
import { toDefinition, toGraph, upstreamOf } from './model.js';
import { NodePanel } from './NodePanel.js';
import { DRAG_TYPE, Palette } from './Palette.js';
import { useLastRunOutputs, useVaultNames } from './queries.js';
import { RunDialog } from './RunDialog.js';
import { SaveError, saveWorkflow } from './save.js';
import { settingsBody, settingsOf } from './settings.js';
import { type TriggerConflict, useEditorGraph } from './useEditorGraph.js';
import { useGraphHistory } from './useHistory.js';
import { useValidation } from './validation.js';
import { WorkflowPanel } from './WorkflowPanel.js';

/** A workflow as `GET /workflows/{id}` answers it. */
export type EditableWorkflow =
  paths['/workflows/{workflowId}']['get']['responses'][200]['content']['application/json'];

const NODE_W = 220;
const NODE_H = 72;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.closest('dialog') !== null
  );
}

/** The workflow editor: palette, canvas, side panel; save, run, undo/redo, copy/paste, layout. */
export function Editor({ workflow, catalogue }: { workflow: EditableWorkflow; catalogue: ComponentInfo[] }) {
  const components = useMemo(() => new Map(catalogue.map((c) => [c.componentId, c])), [catalogue]);
  // Its saved state: positions a layout gave it are stored only when the user saves.
  const initial = useMemo(
    () => graphToOpen(toGraph(workflow.nodes ?? [], workflow.edges ?? []), components),
    [workflow, components],
  );
  const history = useGraphHistory(initial);
  const { graph } = history;
  const flow = useReactFlow<FlowNodeType>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const [settings, setSettings] = useState(() => settingsOf(workflow));
  const [saved, setSaved] = useState(() => ({
    definition: JSON.stringify(toDefinition(initial)),
    settings: JSON.stringify(settingsOf(workflow)),
    webhookUrl: workflow.webhook_url,
  }));
  const definition = useMemo(() => toDefinition(graph), [graph]);
  const definitionJson = useMemo(() => JSON.stringify(definition), [definition]);
  const settingsJson = JSON.stringify(settings);
  const dirty = definitionJson !== saved.definition || settingsJson !== saved.settings;

  const validationBody = useMemo(
    () => ({ ...settingsBody(settings), ...definition }),
    [settings, definition],
  );
  const { issues, setIssues } = useValidation(validationBody, `${definitionJson}${settingsJson}`);
  const byNode = useMemo(() => issuesByNode(issues), [issues]);

  const [conflict, setConflict] = useState<TriggerConflict | null>(null);
  const [status, setStatus] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [runOpen, setRunOpen] = useState(false);
  const [tested, setTested] = useState<Record<string, unknown>>({});
  const lastRun = useLastRunOutputs(workflow.id);
  const vault = useVaultNames();
  const actions = useEditorGraph(history, components, setConflict);
  const guard = useLeaveGuard(dirty);
  const wrapper = useRef<HTMLDivElement>(null);

  const selectedNodes = graph.nodes.filter((n) => n.selected);
  const selected = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  const trigger = graph.nodes.find((n) => isTrigger(components.get(n.data.componentId)));

  const samples = useMemo(() => ({ ...lastRun.data?.outputs, ...tested }), [lastRun.data, tested]);
  const selectedId = selected?.id;
  const upstream = useMemo(
    () => (selectedId ? upstreamOf(selectedId, graph.edges) : []),
    [selectedId, graph.edges],
  );
  const suggestions = useMemo(() => {
    const paths: string[] = [];
    for (const id of upstream) {
      const node = graph.nodes.find((n) => n.id === id);
      if (id in samples) pathsOf(id, samples[id], 0, paths);
      else pathsOfSchema(id, node && components.get(node.data.componentId)?.output_schema, 0, paths);
    }
    for (const name of vault.data ?? []) paths.push(pathKeyOf('vault', name));
    return paths;
  }, [upstream, samples, vault.data, graph.nodes, components]);
  const sampleContext = useMemo(
    () => Object.fromEntries(upstream.filter((id) => id in samples).map((id) => [id, samples[id]])),
    [upstream, samples],
  );

  const announce = useCallback((message: string) => {
    setStatus(message);
    setTimeout(() => setStatus((s) => (s === message ? '' : s)), 2500);
  }, []);

  /** Where a click-added node goes: below the selected node, else the middle of the view. */
  const placeForNew = useCallback(() => {
    const from = graph.nodes.find((n) => n.selected);
    if (from) return { x: from.position.x, y: from.position.y + (from.measured?.height ?? NODE_H) + 60 };
    const box = wrapper.current?.getBoundingClientRect();
    if (!box) return { x: 0, y: 0 };
    const center = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    return { x: center.x - NODE_W / 2, y: center.y - NODE_H / 2 };
  }, [graph.nodes, flow]);

  const addByClick = (componentId: string) => {
    const from = graph.nodes.filter((n) => n.selected);
    const id = actions.add(componentId, graph, placeForNew(), from.length === 1 ? from[0]?.id : undefined);
    if (id) {
      setConflict(null);
      announce(`Added ${id}`);
    }
  };

  const onDrop = (event: DragEvent) => {
    const componentId = event.dataTransfer.getData(DRAG_TYPE);
    if (!componentId) return;
    event.preventDefault();
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const id = actions.add(componentId, graph, { x: point.x - NODE_W / 2, y: point.y - NODE_H / 2 });
    if (id) {
      setConflict(null);
      announce(`Added ${id}`);
    }
  };

  const deleteSelection = useCallback(() => {
    const nodes = graph.nodes.filter((n) => n.selected).map((n) => n.id);
    const edges = graph.edges.filter((e) => e.selected).map((e) => e.id);
    if (nodes.length + edges.length === 0) return;
    actions.remove(nodes, edges);
    announce(`Deleted ${nodes.length} node${nodes.length === 1 ? '' : 's'}`);
  }, [graph, actions, announce]);

  const copy = useCallback(() => {
    const count = actions.copy(graph);
    if (count) announce(`Copied ${count} node${count === 1 ? '' : 's'}`);
  }, [actions, graph, announce]);
  const paste = useCallback(() => {
    const count = actions.paste(graph);
    if (count) announce(`Pasted ${count} node${count === 1 ? '' : 's'}`);
  }, [actions, graph, announce]);
  // True from an auto-layout's click until its fit has finished moving the canvas (aria-busy).
  const [arranging, setArranging] = useState(false);
  const layout = useCallback(async () => {
    setArranging(true);
    try {
      history.update((g) => autoLayout(g, handlesByNode(g.nodes, components)));
      await new Promise(requestAnimationFrame);
      await flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 });
    } finally {
      setArranging(false);
    }
  }, [history, flow, components]);

  const save = useCallback(async (): Promise<boolean> => {
    setSaving(true);
    setSaveError(null);
    const sent = { definition, json: definitionJson, settings, settingsJson };
    try {
      const updated = await saveWorkflow(workflow.id, sent.settings, sent.definition);
      setSaved({ definition: sent.json, settings: sent.settingsJson, webhookUrl: updated.webhook_url });
      queryClient.setQueryData(keys.workflow(workflow.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      announce('Saved');
      return true;
    } catch (e) {
      if (e instanceof SaveError) {
        setSaveError(e.cause);
        if (e.issues.length > 0) setIssues(e.issues);
      } else setSaveError(e);
      return false;
    } finally {
      setSaving(false);
    }
  }, [definition, definitionJson, settings, settingsJson, workflow.id, queryClient, announce, setIssues]);

  const run = async (context: Record<string, unknown>) => {
    if (dirty && !(await save())) throw new Error('Fix the problems shown before running: the save failed.');
    const started = await unwrap(
      api.POST('/workflows/{workflowId}/execute', {
        params: { path: { workflowId: workflow.id } },
        body: { context },
      }),
    );
    guard.allow();
    navigate(`/runs/${started.id}`);
  };

  // Keyboard shortcuts, anywhere on the page but in text fields (which keep their own undo and copy).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void save();
        return;
      }
      if (isEditable(event.target)) return;
      if (key === 'z' && !event.shiftKey) history.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') history.redo();
      else if (key === 'c') copy();
      else if (key === 'v') paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, copy, paste, save]);

  // Fetch the form library once the canvas is up, so the first use does not wait for it.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => void loadConfigForm());
  }, []);

  useEffect(() => {
    document.title = `${settings.name || 'Untitled'} · Editor · Stratoflow`;
  }, [settings.name]);

  const onConnect: OnConnect = useCallback((c) => actions.connect(c), [actions]);
  const showNode = (nodeId: string) => {
    actions.selectOnly(nodeId);
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (node)
      void flow.setCenter(node.position.x + NODE_W / 2, node.position.y + NODE_H / 2, {
        zoom: 1,
        duration: 200,
      });
  };
  const context = useMemo(() => ({ components, issues: byNode }), [components, byNode]);
  const onInit = useCallback((instance: ReactFlowInstance<FlowNodeType>) => {
    instance.fitView({ padding: 0.2, maxZoom: 1 });
  }, []);
  const problemCount = issues.length;

  return (
    <div className="editor">
      <header className="editor-header">
        <Link to="/workflows" className="btn btn-ghost btn-small">
          ← Workflows
        </Link>
        <h1 className="editor-title">{settings.name || 'Untitled workflow'}</h1>
        <span className={dirty ? 'badge badge-warning' : 'badge'} aria-live="polite">
          {dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        <span className={problemCount ? 'badge badge-error' : 'badge badge-success'}>
          {problemCount ? `${problemCount} problem${problemCount === 1 ? '' : 's'}` : 'Valid'}
        </span>
        <span className="grow" />
        <span className="muted editor-status" role="status">
          {status}
        </span>
        <button type="button" className="btn" onClick={() => setRunOpen(true)}>
          Run…
        </button>
        <button
          type="button"
          className={dirty ? 'btn btn-primary' : 'btn'}
          onClick={() => void save()}
          disabled={saving}
          title={`Save (${MOD}S)`}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </header>
      {saveError ? (
        <div className="editor-notice">
          <ErrorNotice error={saveError} title="Could not save" />
        </div>
      ) : null}
      <div className="editor-body">
        <Palette components={catalogue} onAdd={addByClick} hasTrigger={trigger !== undefined} />
        <section
          className="flow-canvas editor-canvas"
          ref={wrapper}
          aria-label="Canvas"
          aria-busy={arranging || undefined}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes(DRAG_TYPE)) {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }
          }}
          onDrop={onDrop}
        >
          <GraphContext.Provider value={context}>
            <ReactFlow<FlowNodeType>
              nodes={graph.nodes}
              edges={graph.edges}
              nodeTypes={nodeTypes}
              onNodesChange={actions.onNodesChange}
              onEdgesChange={actions.onEdgesChange}
              onConnect={onConnect}
              onDelete={({ nodes, edges }) => {
                actions.remove(
                  nodes.map((n) => n.id),
                  edges.map((e) => e.id),
                );
              }}
              onNodeDragStart={() => history.checkpoint()}
              onInit={onInit}
              deleteKeyCode={['Backspace', 'Delete']}
              isValidConnection={(c) => c.source !== c.target}
              minZoom={0.1}
              maxZoom={2}
              proOptions={{ hideAttribution: true }}
              aria-label="Workflow canvas"
            >
              <Background gap={20} size={1} />
              <Controls showInteractive={false} />
              <MiniMap
                pannable
                zoomable
                nodeColor={(n) => minimapColor(n as FlowNodeType, undefined, components)}
              />
              <Panel position="top-left" className="editor-toolbar" aria-label="Canvas tools">
                <ToolButton
                  label="Undo"
                  shortcut={`${MOD}Z`}
                  onClick={history.undo}
                  disabled={!history.canUndo}
                />
                <ToolButton
                  label="Redo"
                  shortcut={isMac ? '⇧⌘Z' : 'Ctrl+Y'}
                  onClick={history.redo}
                  disabled={!history.canRedo}
                />
                <span className="toolbar-sep" />
                <ToolButton
                  label="Copy"
                  shortcut={`${MOD}C`}
                  onClick={copy}
                  disabled={selectedNodes.length === 0}
                />
                <ToolButton label="Paste" shortcut={`${MOD}V`} onClick={paste} />
                <ToolButton
                  label="Delete"
                  shortcut="Del"
                  onClick={deleteSelection}
                  disabled={selectedNodes.length === 0 && !graph.edges.some((e) => e.selected)}
                />
                <span className="toolbar-sep" />
                <ToolButton
                  label="Auto-layout"
                  text="Layout"
                  onClick={layout}
                  disabled={graph.nodes.length === 0}
                />
                <ToolButton
                  label="Zoom to fit"
                  text="Fit"
                  onClick={() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 })}
                />
              </Panel>
              {conflict && (
                <Panel position="top-center" className="editor-conflict">
                  <div className="notice notice-info" role="alert">
                    <div className="stack" style={{ gap: 6 }}>
                      <span>
                        A workflow has exactly one trigger, and this one already starts with{' '}
                        <strong>{components.get(conflict.existing.data.componentId)?.title}</strong> (
                        <code>{conflict.existing.id}</code>). Replace it, or delete it first.
                      </span>
                      <div className="row">
                        <button
                          type="button"
                          className="btn btn-small btn-primary"
                          onClick={() => {
                            actions.replaceTrigger(conflict.existing.id, conflict.componentId);
                            setConflict(null);
                          }}
                        >
                          Replace with {components.get(conflict.componentId)?.title}
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setConflict(null)}>
                          Keep the current trigger
                        </button>
                      </div>
                    </div>
                  </div>
                </Panel>
              )}
              {graph.nodes.length === 0 && (
                <Panel position="top-center" className="editor-empty">
                  <div className="notice notice-info">
                    Start with a trigger: drag one from the palette, or press it.
                  </div>
                </Panel>
              )}
            </ReactFlow>
          </GraphContext.Provider>
        </section>
        <aside className="editor-panel" aria-label={selected ? `Node ${selected.id}` : 'Workflow settings'}>
          {selected ? (
            <NodePanel
              key={selected.id}
              node={selected}
              nodes={graph.nodes}
              edges={graph.edges}
              components={components}
              issues={issues.filter((i) => i.nodeId === selected.id)}
              suggestions={suggestions}
              sampleContext={sampleContext}
              onData={(change) => actions.setData(selected.id, change)}
              onRename={(to) => actions.rename(selected.id, to)}
              onDelete={() => actions.remove([selected.id])}
              onConnect={(handle, target) =>
                actions.connect({ source: selected.id, target, sourceHandle: handle, targetHandle: null })
              }
              onRemoveEdge={(edgeId) => actions.remove([], [edgeId])}
              onTestResult={(output) => setTested((t) => ({ ...t, [selected.id]: output }))}
            />
          ) : (
            <WorkflowPanel
              workflowId={workflow.id}
              settings={settings}
              onChange={setSettings}
              triggerComponent={trigger?.data.componentId}
              webhookUrl={saved.webhookUrl}
              issues={issues}
              onShowNode={showNode}
              selectedCount={selectedNodes.length}
            />
          )}
        </aside>
      </div>
      <RunDialog open={runOpen} dirty={dirty} onClose={() => setRunOpen(false)} onRun={run} />
      <LeaveDialog blocker={guard.blocker} onSave={save} />
    </div>
  );
}

function ToolButton({
  label,
  text,
  shortcut,
  onClick,
  disabled,
}: {
  label: string;
  /** A shorter visible text; `label` stays the accessible name. */
  text?: string;
  shortcut?: string;
  onClick(): void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={onClick}
      disabled={disabled}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={shortcut}
      aria-label={text ? label : undefined}
    >
      {text ?? label}
    </button>
  );
}
