export { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServerOptions } from './fake-llm-server';
export type {
  FailureScope,
  FakeChatMessage,
  FakeChatRequest,
  FakeCloudProvider,
  FakeFailure,
  FakeLlmServer,
  FakeModel,
  FakeProvider,
  FakeReply,
  FakeRequestRecord,
  RequestOutcome,
} from './fake-llm-server.types';
export { waitFor } from './wait-for';
