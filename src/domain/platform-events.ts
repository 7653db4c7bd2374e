/**
 * Platform events: what a monitoring system reports to `POST /workflows/events`, and the trigger
 * component each one starts. The event types are Altostrat's names (spec §3.1); the components are the
 * trigger nodes a workflow starts with.
 */
export const PLATFORM_EVENTS = [
  {
    type: 'site.offline',
    componentId: 'site_offline',
    title: 'Site offline',
    when: 'a site has stopped checking in',
  },
  { type: 'site.online', componentId: 'site_online', title: 'Site online', when: 'a site checks in again' },
  { type: 'site.added', componentId: 'site_added', title: 'Site added', when: 'a site is added' },
  { type: 'site.removed', componentId: 'site_removed', title: 'Site removed', when: 'a site is removed' },
  {
    type: 'wan.offline',
    componentId: 'wan_offline',
    title: 'WAN interface offline',
    when: 'a WAN (failover) interface goes down',
  },
  {
    type: 'wan.online',
    componentId: 'wan_online',
    title: 'WAN interface online',
    when: 'a WAN (failover) interface comes back up',
  },
  {
    type: 'wan.packet_loss_started',
    componentId: 'wan_packet_loss',
    title: 'WAN packet loss',
    when: 'packet loss on a WAN interface starts',
  },
  {
    type: 'wan.packet_loss_resolved',
    componentId: 'wan_packet_loss_resolved',
    title: 'WAN packet loss resolved',
    when: 'packet loss on a WAN interface has ended',
  },
] as const;

export type PlatformEvent = (typeof PLATFORM_EVENTS)[number];
export type PlatformEventType = PlatformEvent['type'];

export const PLATFORM_EVENT_TYPES: readonly PlatformEventType[] = PLATFORM_EVENTS.map((e) => e.type);

/** The event definition for a type, or undefined when the type is not one Stratoflow knows. */
export function platformEvent(type: string): PlatformEvent | undefined {
  return PLATFORM_EVENTS.find((e) => e.type === type);
}
