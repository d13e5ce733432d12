import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../db/connection';
import { createChatRepo } from './chat.repo';

/*
 * Message order without a per-session counter: two devices appending to one conversation offline
 * (from the same state) make rows that merge without collision into one order, the same on both,
 * and a device's own messages stay in the order it made them even if its clock goes back.
 */

const T = 1_700_000_000_000;
const PROJECT = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';

let root: string;
let open: AppDatabase[] = [];
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-chat-order-'));
});
afterEach(() => {
  for (const db of open) db.close();
  open = [];
  rmSync(root, { recursive: true, force: true });
});

function database(file: string) {
  const db = openDatabase({ file });
  open.push(db);
  return db;
}

const message = (id: string, content: string, createdAt: number) => ({ id, sessionId: SESSION, role: 'user', content, status: 'complete', createdAt });

describe('chat message order (real SQLite)', () => {
  it('merges messages two devices appended offline without collision, in one order on both', () => {
    const baseFile = path.join(root, 'base.db');
    const base = database(baseFile);
    base.sqlite.prepare('insert into projects (id, title, created_at, updated_at) values (?, ?, ?, ?)').run(PROJECT, 'Novel', T, T);
    const baseRepo = createChatRepo(base.orm);
    baseRepo.insertSession({ id: SESSION, projectId: PROJECT, title: 'Chat', createdAt: T, updatedAt: T });
    baseRepo.appendMessage(message('m-0', 'first', T));
    base.close();
    open = [];
    copyFileSync(baseFile, path.join(root, 'a.db'));
    copyFileSync(baseFile, path.join(root, 'b.db'));
    const a = database(path.join(root, 'a.db'));
    const b = database(path.join(root, 'b.db'));
    const onA = createChatRepo(a.orm);
    const onB = createChatRepo(b.orm);

    // Both append "message 1" (a per-session counter would make seq 1 twice); two in the same millisecond.
    expect(onA.appendMessage(message('m-a1', 'A at +20', T + 20)).seq).toBe(1);
    expect(onB.appendMessage(message('m-b1', 'B at +10', T + 10)).seq).toBe(1);
    onA.appendMessage(message('m-a2', 'A at +30', T + 30));
    onB.appendMessage(message('m-b2', 'B at +30', T + 30));

    for (const [into, from] of [
      [a, 'b.db'],
      [b, 'a.db'],
    ] as const) {
      into.sqlite.prepare('attach database ? as other').run(path.join(root, from));
      into.sqlite.exec('insert or ignore into chat_messages select * from other.chat_messages');
      into.sqlite.exec('detach database other');
    }
    const list = (repo: typeof onA) => repo.listMessages(SESSION).map((m) => `${m.seq}:${m.content}`);
    expect(list(onA)).toEqual(['0:first', '1:B at +10', '2:A at +20', '3:A at +30', '4:B at +30']);
    expect(list(onB)).toEqual(list(onA));
  });

  it('keeps a device’s messages in the order it made them when its clock goes back', () => {
    const db = database(path.join(root, 'one.db'));
    db.sqlite.prepare('insert into projects (id, title, created_at, updated_at) values (?, ?, ?, ?)').run(PROJECT, 'Novel', T, T);
    const repo = createChatRepo(db.orm);
    repo.insertSession({ id: SESSION, projectId: PROJECT, title: 'Chat', createdAt: T, updatedAt: T });
    repo.appendMessage(message('z-question', 'question', T));
    const answer = repo.appendMessage({ ...message('a-answer', 'answer', T - 60_000), role: 'assistant' });
    expect(answer.seq).toBe(1);
    expect(repo.listMessages(SESSION).map((m) => m.content)).toEqual(['question', 'answer']);
  });
});
