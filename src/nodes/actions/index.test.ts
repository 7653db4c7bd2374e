import { describe, expect, it } from 'vitest';
import { actionNodes } from './index.js';

describe('actionNodes', () => {
  it('lists every action once, each with a title and a one-sentence description', () => {
    expect(actionNodes.map((node) => node.componentId)).toEqual([
      'webhook',
      'text_transform',
      'json_parser',
      'delay',
      'terminate',
      'ssh',
      'smtp',
      'ai_text_transform',
      'send_notification',
      'soap_request',
    ]);
    for (const node of actionNodes) {
      expect(node.kind).toBe('action');
      expect(node.title).not.toBe('');
      expect(node.description).toMatch(/^[A-Z][^.]*\.$/);
      expect(node.handles).toEqual([]);
    }
  });
});
