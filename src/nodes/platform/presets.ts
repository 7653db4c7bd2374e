import { z } from 'zod';
import type { AnyNodeDefinition } from '../contract.js';
import { defineNode } from '../contract.js';
import {
  callPlatform,
  type PlatformRequest,
  pathSegment,
  platformOutput,
  segment,
} from './platform-client.js';
import { tagList, tagsField } from './tags.js';

/**
 * The named platform nodes of spec 3.2 as presets of `altostrat_api`: each is one request to the platform
 * API, built from a few typed fields, sent as the workflow's authorized user. The platform's own paths are
 * not published; these are Stratoflow's choice (docs/decisions/0013), named in each description.
 */
interface Preset<S extends z.ZodRawShape> {
  componentId: string;
  title: string;
  purpose: string;
  /** The request, as documentation: `METHOD /path/{field}`. */
  route: string;
  fields: S;
  request(config: z.output<z.ZodObject<S>>): PlatformRequest;
  /** A typical answer body, for the output example. */
  exampleBody: unknown;
}

function platformPreset<S extends z.ZodRawShape>(preset: Preset<S>): AnyNodeDefinition {
  return defineNode({
    componentId: preset.componentId,
    kind: 'action',
    title: preset.title,
    description: `${preset.purpose} Sends \`${preset.route}\` to the platform API as the workflow's authorized user; outputs status, body and headers.`,
    config: z.object(preset.fields),
    output: platformOutput,
    outputExample: { status: 200, body: preset.exampleBody, headers: { 'content-type': 'application/json' } },
    handles: [],
    run: async (ctx, config) => ({ output: await callPlatform(ctx, preset.request(config)) }),
  });
}

/** Ordered ids: a list, or comma-separated text. */
const idList = z.preprocess(
  (input) =>
    typeof input === 'string'
      ? input
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : input,
  z.array(pathSegment).min(1, 'List at least one WAN tunnel id, highest priority first.'),
);

export const getSite = platformPreset({
  componentId: 'get_site',
  title: 'Get site',
  purpose: 'Reads a site: its details and configuration.',
  route: 'GET /sites/{site_id}',
  fields: { site_id: pathSegment },
  exampleBody: { data: { id: 'st_7f3a', name: 'HQ', status: 'online', timezone: 'Europe/Berlin' } },
  request: (c) => ({ method: 'GET', endpoint: `/sites/${segment(c.site_id)}` }),
});

export const getWanTunnel = platformPreset({
  componentId: 'get_wan_tunnel',
  title: 'Get WAN tunnel',
  purpose: 'Reads a WAN tunnel of a site: its details and status.',
  route: 'GET /sites/{site_id}/wan/tunnels/{tunnel_id}',
  fields: { site_id: pathSegment, tunnel_id: pathSegment },
  exampleBody: { data: { id: 'wt_2b9c', name: 'Fibre', status: 'up', priority: 1 } },
  request: (c) => ({
    method: 'GET',
    endpoint: `/sites/${segment(c.site_id)}/wan/tunnels/${segment(c.tunnel_id)}`,
  }),
});

export const getResourceTags = platformPreset({
  componentId: 'get_resource_tags',
  title: 'Get resource tags',
  purpose: 'Reads the tags of a resource (a site, a device).',
  route: 'GET /resources/{resource_id}/tags',
  fields: { resource_id: pathSegment },
  exampleBody: { data: [{ key: 'env', value: 'production' }] },
  request: (c) => ({ method: 'GET', endpoint: `/resources/${segment(c.resource_id)}/tags` }),
});

export const setResourceTags = platformPreset({
  componentId: 'set_resource_tags',
  title: 'Set resource tags',
  purpose: 'Adds or updates tag key-value pairs on a resource; tags it has and the list does not name stay.',
  route: 'PATCH /resources/{resource_id}/tags with {"tags": [{"key", "value"}]}',
  fields: { resource_id: pathSegment, tags: tagsField },
  exampleBody: {
    data: [
      { key: 'env', value: 'production' },
      { key: 'owner', value: 'noc' },
    ],
  },
  request: (c) => ({
    method: 'PATCH',
    endpoint: `/resources/${segment(c.resource_id)}/tags`,
    body: { tags: tagList(c.tags) },
  }),
});

export const attachPolicy = platformPreset({
  componentId: 'attach_policy',
  title: 'Attach policy',
  purpose: 'Attaches a policy to a site.',
  route: 'PUT /sites/{site_id}/policies/{policy_id}',
  fields: { site_id: pathSegment, policy_id: pathSegment },
  exampleBody: { message: 'Policy attached.' },
  request: (c) => ({
    method: 'PUT',
    endpoint: `/sites/${segment(c.site_id)}/policies/${segment(c.policy_id)}`,
  }),
});

export const detachPolicy = platformPreset({
  componentId: 'detach_policy',
  title: 'Detach policy',
  purpose: 'Detaches a policy from a site.',
  route: 'DELETE /sites/{site_id}/policies/{policy_id}',
  fields: { site_id: pathSegment, policy_id: pathSegment },
  exampleBody: { message: 'Policy detached.' },
  request: (c) => ({
    method: 'DELETE',
    endpoint: `/sites/${segment(c.site_id)}/policies/${segment(c.policy_id)}`,
  }),
});

export const updateWanPriorities = platformPreset({
  componentId: 'update_wan_priorities',
  title: 'Update WAN priorities',
  purpose: "Reorders a site's WAN failover links: the first tunnel id gets priority 1.",
  route: 'PUT /sites/{site_id}/wan/priorities with {"priorities": [{"tunnel_id", "priority"}]}',
  fields: { site_id: pathSegment, tunnel_ids: idList },
  exampleBody: {
    data: [
      { tunnel_id: 'wt_2b9c', priority: 1 },
      { tunnel_id: 'wt_8d1e', priority: 2 },
    ],
  },
  request: (c) => ({
    method: 'PUT',
    endpoint: `/sites/${segment(c.site_id)}/wan/priorities`,
    body: { priorities: c.tunnel_ids.map((tunnel_id, index) => ({ tunnel_id, priority: index + 1 })) },
  }),
});

export const platformPresets: AnyNodeDefinition[] = [
  getSite,
  getWanTunnel,
  getResourceTags,
  setResourceTags,
  attachPolicy,
  detachPolicy,
  updateWanPriorities,
];
