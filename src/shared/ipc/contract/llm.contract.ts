import { z } from 'zod';
import { emptySchema, idSchema, okSchema } from '../../models/common';
import {
  llmStatusSchema,
  modelNameSchema,
  modelsConfigSchema,
  ollamaBaseUrlSchema,
  ollamaTagPickSchema,
  routeTestResultSchema,
  streamStartedSchema,
  streamReplayQuerySchema,
  streamReplaySchema,
  streamStateSchema,
  streamStatusQuerySchema,
  taskClassSchema,
} from '../../models/llm';
import { method } from './method';

/** The llm domain: providers and their models, the routes of each task class, running streams. */
export const llmContract = {
  'llm.status': method({ input: emptySchema, output: llmStatusSchema, doc: 'Which providers are reachable, their models, and which task classes can run.' }),
  'llm.setOllamaUrl': method({
    input: z.object({ baseUrl: ollamaBaseUrlSchema }).strict(),
    output: llmStatusSchema,
    doc: 'Points Nova Studio at another Ollama server and re-checks it.',
  }),
  'llm.setOllamaTag': method({
    input: ollamaTagPickSchema,
    output: llmStatusSchema,
    doc: 'Saves which installed tag of an Ollama family the routes use (null: latest, else the smallest), in the user models file.',
  }),
  'llm.pull': method({
    input: z.object({ model: modelNameSchema }).strict(),
    output: streamStartedSchema,
    doc: 'Starts pulling an Ollama model; progress arrives as llm.pullProgress, the end as stream.end.',
  }),
  'routes.get': method({ input: emptySchema, output: modelsConfigSchema, doc: 'The models file in effect (the user copy, else the shipped defaults).' }),
  'routes.update': method({ input: z.object({ config: modelsConfigSchema }).strict(), output: modelsConfigSchema, doc: 'Saves the user copy of the models file.' }),
  'routes.reset': method({ input: emptySchema, output: modelsConfigSchema, doc: 'Goes back to the shipped models file.' }),
  'routes.test': method({
    input: z.object({ taskClass: taskClassSchema }).strict(),
    output: routeTestResultSchema,
    doc: 'Sends a tiny prompt down a task class’s route and reports which model answered.',
  }),
  'stream.cancel': method({ input: z.object({ streamId: idSchema }).strict(), output: okSchema, doc: 'Stops a running stream.' }),
  'stream.status': method({
    input: streamStatusQuerySchema,
    output: z.object({ streams: z.array(streamStateSchema) }),
    doc: 'What became of these streams (asked after a reconnect, when events may have been missed). Running ones now belong to the asking connection, so they are not stopped when the dropped one is let go.',
  }),
  'stream.replay': method({
    input: streamReplayQuerySchema,
    output: streamReplaySchema,
    doc: 'The events of a stream after the given seq, its end included, for a UI that reconnects. A running stream now belongs to the asking connection, as with stream.status.',
  }),
} as const;
