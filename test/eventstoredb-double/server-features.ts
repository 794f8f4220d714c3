import * as grpc from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import { serverVersion } from './server-behaviour';
import type { ServerBehaviour } from './server-behaviour';

const STREAMS = 'event_store.client.streams.streams';
const SERVER_FEATURES = 'event_store.client.server_features.serverfeatures';

function method(serviceName: string, methodName: string, features: string[] = []): SupportedMethod {
  const supported = new SupportedMethod();
  supported.setServiceName(serviceName);
  supported.setMethodName(methodName);
  supported.setFeaturesList(features);
  return supported;
}

/** ServerFeatures.GetSupportedMethods: what the double implements, named as the server names it. */
export function supportedMethodsHandler(
  behaviour: ServerBehaviour,
): grpc.handleUnaryCall<Empty, SupportedMethods> {
  return (_call, callback) => {
    const methods = [
      method(STREAMS, 'read', ['position', 'events']),
      method(STREAMS, 'append'),
      ...(behaviour.batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
      method(SERVER_FEATURES, 'getsupportedmethods'),
    ];
    const supported = new SupportedMethods();
    supported.setMethodsList(methods);
    supported.setEventStoreServerVersion(serverVersion(behaviour));
    callback(null, supported);
  };
}
