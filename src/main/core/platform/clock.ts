/** Time and ids come through this port so tests can control them. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface IdGenerator {
  newId(): string;
}

export const randomIds: IdGenerator = { newId: () => crypto.randomUUID() };
