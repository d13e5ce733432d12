/**
 * The fake model provider in a process of its own, so a benchmark's event-loop figures are the
 * core's alone (the fake's hashing and JSON would otherwise run on the same loop). Prints its
 * Ollama address as one JSON line; stops when its parent closes stdin.
 */
import { startFakeLlmServer } from '../src/main/testing/fake-llm-server';

const fake = await startFakeLlmServer();
fake.setEmbeddingDimensions(Number(process.argv[2] ?? 384));
process.stdout.write(`${JSON.stringify({ ollamaUrl: fake.ollamaUrl })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
