// xstate v5 on the five-step happy path: (a) the pure transition() function with no interpreter,
// (b) one actor per case. Each case: created with its four facts, then six events
// (identify -> ... -> closed), each checking role, time order and its required fact and
// appending a log entry. Prints transitions/s.
import { createActor, initialTransition, transition } from 'xstate';
import { fiveStep, HAPPY_PATH, FACTS } from './five_step.js';
import { rate, figure } from './measure.js';

const CASES = 1000;
const T0 = 1767225600; // 2026-01-01T00:00:00Z
let caseNo = 0;

function input() {
  caseNo++;
  return { id: `case-${caseNo}`, openedAt: T0, facts: { ...FACTS } };
}

function check(snapshot) {
  if (snapshot.value !== 'closed' || snapshot.context.log.length !== HAPPY_PATH.length)
    throw new Error(`case ended in ${JSON.stringify(snapshot.value)}`);
}

function pureBatch() {
  for (let i = 0; i < CASES; i++) {
    let [snap] = initialTransition(fiveStep, input());
    let at = T0;
    for (const type of HAPPY_PATH) {
      at += 60;
      [snap] = transition(fiveStep, snap, { type, role: 'agent', at });
    }
    check(snap);
  }
}

function actorBatch() {
  for (let i = 0; i < CASES; i++) {
    const actor = createActor(fiveStep, { input: input() });
    actor.start();
    let at = T0;
    for (const type of HAPPY_PATH) {
      at += 60;
      actor.send({ type, role: 'agent', at });
    }
    check(actor.getSnapshot());
    actor.stop();
  }
}

const transitions = CASES * HAPPY_PATH.length;
figure('xstate_pure_transitions_per_s', rate(pureBatch, transitions), 'transitions/s');
figure('xstate_actor_transitions_per_s', rate(actorBatch, transitions), 'transitions/s');
