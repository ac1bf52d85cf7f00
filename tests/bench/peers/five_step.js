// The built-in `five-step` recovery workflow as an xstate v5 machine: the same states, events and
// guards as libsvcrecover's, and the same per-transition work (role allowed, time not going
// backwards, required fact set, one log entry appended). See tests/bench/run for the workload.
import { setup, assign } from 'xstate';

const DAY = 86400;
export const REOPEN_GRACE = 14 * DAY;

// The order the happy path fires its events in, and the fact each one needs (if any).
export const HAPPY_PATH = ['identified', 'apologized', 'listened', 'fixed', 'atoned', 'satisfied'];
export const FACTS = {
  expectation: 'parcel delivered by Friday',
  customer_wish: 'redeliver tomorrow morning',
  atonement: 'refund of the shipping fee',
  root_cause: 'carrier: missed pickup',
};

// One transition: the event's target, the fact it needs, and the log entry it appends.
function edge(from, to, fact) {
  return {
    target: to,
    guard: { type: 'allowed', params: { fact } },
    actions: { type: 'appendLog', params: { from, to } },
  };
}

export const fiveStep = setup({
  guards: {
    allowed: ({ context, event }, params) =>
      event.role === 'agent' &&
      event.at >= context.lastAt &&
      (params.fact === undefined || context.facts[params.fact] !== undefined),
    withinGrace: ({ context, event }) =>
      event.role === 'agent' && event.at >= context.lastAt &&
      event.at - context.closedAt <= REOPEN_GRACE,
  },
  actions: {
    appendLog: assign(({ context, event }, params) => ({
      lastAt: event.at,
      log: [...context.log, {
        seq: context.log.length + 1, event: event.type, from: params.from, to: params.to,
        at: event.at, role: event.role, note: event.note,
      }],
    })),
    markClosed: assign(({ event }) => ({ closedAt: event.at })),
  },
}).createMachine({
  id: 'five-step',
  initial: 'identify',
  context: ({ input }) => ({
    id: input.id, facts: input.facts, lastAt: input.openedAt, closedAt: 0, log: [],
  }),
  states: {
    identify: { on: { identified: edge('identify', 'apologize', 'expectation') } },
    apologize: { on: { apologized: edge('apologize', 'listen') } },
    listen: { on: { listened: edge('listen', 'fix') } },
    fix: { on: { fixed: edge('fix', 'atone', 'customer_wish') } },
    atone: { on: { atoned: edge('atone', 'follow_up', 'atonement') } },
    follow_up: {
      on: {
        satisfied: { ...edge('follow_up', 'closed', 'root_cause'),
                     actions: [{ type: 'appendLog', params: { from: 'follow_up', to: 'closed' } },
                               'markClosed'] },
        not_satisfied: edge('follow_up', 'fix'),
      },
    },
    closed: {
      on: {
        reopen: { target: 'fix', guard: 'withinGrace',
                  actions: { type: 'appendLog', params: { from: 'closed', to: 'fix' } } },
      },
    },
  },
});
