import { describe, expect, it } from 'vitest';
import { canonicalRecordState, mergeRecordStates, type RecordState } from './record-state';
import { seededRandom, type SeededRandom } from '../../platform/seeded-random';


const FIELDS = ['title', 'synopsis', 'position', 'deleted_at', '_exists'];
const VALUES = ['a', 'b', 'c', 1, 2, null];
const DEVICES = ['devicea1', 'deviceb2', 'devicec3'];

function randomState(random: SeededRandom): RecordState {
  const clock = () => `${String(random.int(6)).padStart(15, '0')}-${String(random.int(3)).padStart(6, '0')}-${DEVICES[random.int(3)]}`;
  const fields: RecordState['fields'] = {};
  for (const name of FIELDS) if (random.next() < 0.7) fields[name] = { value: VALUES[random.int(VALUES.length)] ?? null, hlc: clock() };
  return { collection: 'chapters', id: 'c1', fields, ...(random.next() < 0.15 && { tombstone: clock() }) };
}

const same = (a: RecordState, b: RecordState) => expect(canonicalRecordState(a)).toBe(canonicalRecordState(b));

describe('merging record states', () => {
  it('keeps per field the value of the greater clock, and only the tombstone once deleted', () => {
    const a: RecordState = { collection: 'scenes', id: 's', fields: { title: { value: 'Old', hlc: '1-a' }, pov: { value: 'Mara', hlc: '3-a' } } };
    const b: RecordState = { collection: 'scenes', id: 's', fields: { title: { value: 'New', hlc: '2-b' } } };
    expect(mergeRecordStates(a, b).fields).toEqual({ title: { value: 'New', hlc: '2-b' }, pov: { value: 'Mara', hlc: '3-a' } });
    expect(mergeRecordStates(a, { ...b, tombstone: '4-b' })).toEqual({ collection: 'scenes', id: 's', fields: {}, tombstone: '4-b' });
    // Written after the deletion: kept (a snapshot restore inserting the record again).
    expect(mergeRecordStates(a, { ...b, tombstone: '2-c' }).fields).toEqual({ pov: { value: 'Mara', hlc: '3-a' } });
  });

  it('refuses states of two different records', () => {
    expect(() => mergeRecordStates({ collection: 'a', id: '1', fields: {} }, { collection: 'a', id: '2', fields: {} })).toThrow(/different records/);
  });

  it('is commutative, associative and idempotent (2,000 seeded random triples)', () => {
    for (let seed = 1; seed <= 2_000; seed += 1) {
      const random = seededRandom(seed);
      const [x, y, z] = [randomState(random), randomState(random), randomState(random)];
      same(mergeRecordStates(x, y), mergeRecordStates(y, x));
      same(mergeRecordStates(mergeRecordStates(x, y), z), mergeRecordStates(x, mergeRecordStates(y, z)));
      same(mergeRecordStates(x, x), mergeRecordStates(x, mergeRecordStates(x, x)));
      same(mergeRecordStates(mergeRecordStates(x, y), y), mergeRecordStates(x, y));
    }
  });
});
