import type { Platform } from '../platform/platform';
import type { Store } from '../store/port';
import { grantedSender } from './grants';
import { NOTIFICATIONS, type OutboxEntry, type Sender } from './outbox';

/** A notification as the local sender stores it (listed at GET /dev/outbox). */
export interface NotificationDoc {
  _id: string;
  to: string;
  template: string;
  data: OutboxEntry['data'];
  at: string;
}

/**
 * Locally "sending" stores the message in `notifications`, keyed by the outbox id: a retry after a
 * crash between storing and marking the entry sent finds it there and stores nothing new.
 */
export function storeSender(store: Store, clock: () => Date = () => new Date()): Sender {
  return {
    name: 'local',
    async send(entry) {
      await store.collection<NotificationDoc>(NOTIFICATIONS).insertIfAbsent({ _id: entry._id, to: entry.to, template: entry.template, data: entry.data, at: clock().toISOString() });
    },
  };
}

let cloudSender: Promise<Sender> | undefined;

/**
 * The sender for where we run: the store locally, WeChat subscribe messages on CloudBase, each
 * push spending one of the person's one-time grants (lib/outbox/grants; held for the in-app list
 * without one).
 */
export async function senderFor(platform: Platform, store: Store, clock?: () => Date): Promise<Sender> {
  if (platform.name !== 'cloudbase') return storeSender(store, clock);
  cloudSender ??= import('./cloudbase-sender').then((m) => m.subscribeMessageSender());
  return grantedSender(store, await cloudSender);
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    notifications: NotificationDoc;
  }
}
