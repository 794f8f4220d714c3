import { startEventStoreDbDouble } from '../../../../test/eventstoredb-double';
import type {
  EventStoreDbDouble,
  EventStoreDbDoubleOptions,
} from '../../../../test/eventstoredb-double';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const openOn = (url: () => string) => async () => {
  const store = new EventStoreDbEventStore(url());
  return { store, cleanup: () => store.close() };
};

/** One double per describe block; every test opens its own client on it. */
function onDouble(options: EventStoreDbDoubleOptions): () => string {
  let double: EventStoreDbDouble | undefined;
  beforeAll(async () => {
    double = await startEventStoreDbDouble(options);
  });
  afterAll(async () => {
    await double?.stop();
  });
  return () => {
    if (!double) throw new Error('the double starts before the tests');
    return double.url;
  };
}

describe('on the test double of a current EventStoreDB', () => {
  describeEventStoreContract('EventStoreDB', openOn(onDouble({})));
});

describe('on the test double of an EventStoreDB before 23.10 (no CaughtUp, no BatchAppend)', () => {
  describeEventStoreContract(
    'EventStoreDB',
    openOn(onDouble({ caughtUpMessages: false, batchAppend: false })),
  );
});

const realServer = process.env.EVENTSTORE_URL;
if (realServer === undefined || realServer === '') {
  console.warn(
    'EVENTSTORE_URL is not set: the EventStoreDB contract suite was NOT run against a real server, only against the test double.',
  );
}
(realServer ? describe : describe.skip)(
  `on a real EventStoreDB at EVENTSTORE_URL${realServer ? '' : ' (skipped: EVENTSTORE_URL is not set)'}`,
  () => {
    describeEventStoreContract(
      'EventStoreDB',
      openOn(() => realServer as string),
    );
  },
);
