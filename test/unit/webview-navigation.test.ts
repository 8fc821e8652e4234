/**
 * Keyboard navigation rules of the timeline (extension/webview/event-navigation.ts): within a
 * thread's lane, to its ends, and to the nearest call in the lane above or below, with and
 * without a filter hiding events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventsBatchBody } from '../../debug-adapter/protocol';
import { EventStore } from '../../extension/webview/store';
import { EventView } from '../../extension/webview/event-view';
import { compileFilter, parseFilter } from '../../extension/webview/filter';
import { layoutLanes } from '../../extension/webview/lane-layout';
import { laneEnd, nearestInAdjacentLane, stepInLane } from '../../extension/webview/event-navigation';

/** Three lanes of one process: 10 (main), 11, 12; `[tid, start, name]` per event, seq in order. */
function store(events: [number, number, string][]): EventStore {
  const names = [...new Set(events.map((e) => e[2]))];
  const body: EventsBatchBody = {
    processes: [{ pid: 10, parent: null, program: 'p', threads: [10, 11, 12], exited: false }],
    batch: {
      from: 0, count: events.length, strings: names, type: events.map(() => 0), pid: events.map((e) => e[0]), tgid: events.map(() => 10),
      name: events.map((e) => names.indexOf(e[2])), cls: events.map(() => 0), start: events.map((e) => e[1]), duration: events.map(() => 0.001),
      ret: events.map(() => 0), errno: events.map(() => -1), sourcePath: events.map(() => -1), sourceLine: events.map(() => 0),
      runtime: events.map(() => false), raw: events.map((e) => `${e[2]}() = 0`),
    },
  };
  const s = new EventStore();
  s.append(body);
  return s;
}

const EVENTS: [number, number, string][] = [
  [10, 0.0, 'read'], [11, 0.1, 'write'], [10, 0.2, 'close'], [12, 0.25, 'read'], [10, 0.4, 'read'], [11, 0.5, 'read'], [12, 0.9, 'write'],
];

function context(query = '') {
  const s = store(EVENTS);
  const view = new EventView(s, compileFilter(parseFilter(query), s));
  const rows = layoutLanes([...s.lanes.values()].map((l) => [l.tid, l.tgid] as const), s.processes);
  return { store: s, view, rows };
}

test('left/right move within the thread; home/end go to its first and last call', () => {
  const c = context();
  assert.equal(stepInLane(c, 0, 1), 2);
  assert.equal(stepInLane(c, 2, 1), 4);
  assert.equal(stepInLane(c, 4, 1), -1, 'no wrap past the end');
  assert.equal(stepInLane(c, 2, -1), 0);
  assert.equal(laneEnd(c, 2, 'last'), 4);
  assert.equal(laneEnd(c, 5, 'first'), 1);
});

test('up/down go to the call nearest in time in the next lane', () => {
  const c = context();
  assert.equal(nearestInAdjacentLane(c, 2, 1), 1, 'from t=0.2 in lane 10, lane 11 has 0.1 and 0.5: 0.1 is nearer');
  assert.equal(nearestInAdjacentLane(c, 4, 1), 5);
  assert.equal(nearestInAdjacentLane(c, 5, 1), 3, 'from t=0.5, lane 12 has 0.25 and 0.9: 0.25 is nearer');
  assert.equal(nearestInAdjacentLane(c, 6, -1), 5, 'and back up from 0.9: 0.5 in lane 11');
  assert.equal(nearestInAdjacentLane(c, 0, -1), -1, 'nothing above the first lane');
});

test('with a filter, hidden calls are skipped and emptied lanes are passed over', () => {
  const c = context('name:read');
  assert.equal(stepInLane(c, 0, 1), 4, 'close (2) is hidden');
  assert.equal(nearestInAdjacentLane(c, 4, 1), 5);
  const skip = context('-pid:11');
  assert.equal(nearestInAdjacentLane(skip, 2, 1), 3, 'lane 11 is empty under the filter: down from lane 10 lands in lane 12');
  const only = context('pid:11 -name:write');
  assert.equal(nearestInAdjacentLane(only, 5, -1), -1, 'no shown lane above');
  assert.equal(nearestInAdjacentLane(only, 5, 1), -1, 'no shown lane below');
  assert.equal(stepInLane(only, 5, 1), -1);
});
