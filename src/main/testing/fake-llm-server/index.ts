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
export { FAKE_SPEECH_SAMPLE_RATE, fakeSpeechFrames } from './fake-speech';
export { answersSummary, fakeSummary, replyWithSummaries } from './fake-summaries';
export { waitFor } from './wait-for';
