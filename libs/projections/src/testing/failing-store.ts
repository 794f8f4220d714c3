import type {
  EventStore,
  EventSubscription,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '@blue-ledger/event-store';

/**
 * The store, except that its subscriptions die after delivering `events` events: a process
 * killed mid-catch-up, as far as the runner can tell.
 */
export function dyingAfter(store: EventStore, events: number): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribeToAll') return Reflect.get(target, property, receiver);
      return (options?: SubscribeToAllOptions): EventSubscription => {
        const subscription = target.subscribeToAll(options);
        async function* dying(): AsyncGenerator<SubscriptionMessage> {
          let delivered = 0;
          for await (const message of subscription) {
            if (message.kind === 'event' && delivered === events) {
              throw new Error(`killed after ${events} events`);
            }
            if (message.kind === 'event') delivered += 1;
            yield message;
          }
        }
        const messages = dying();
        return {
          [Symbol.asyncIterator]: () => messages,
          close: () => subscription.close(),
        };
      };
    },
  });
}
