import { ConflictException } from '@nestjs/common';
import { allowedTransitions, assertTransition, canTransition } from '../common/state-machine';
import { TransferStateMachine as sut, type TransferStatus } from './transfer.state-machine';

describe('TransferStateMachine 成果转化状态', () => {
  it.each<[TransferStatus, TransferStatus]>([
    ['candidate', 'matching'],
    ['candidate', 'abandoned'],
    ['matching', 'negotiating'],
    ['matching', 'abandoned'],
    ['negotiating', 'landed'],
    ['negotiating', 'abandoned'],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(sut, from, to)).toBe(true);
    expect(() => assertTransition(sut, from, to)).not.toThrow();
  });

  it.each<[TransferStatus, TransferStatus]>([
    ['candidate', 'landed'],
    ['candidate', 'negotiating'],
    ['matching', 'landed'],
    ['landed', 'abandoned'],
    ['landed', 'matching'],
    ['abandoned', 'matching'],
    ['negotiating', 'candidate'],
  ])('refuses %s → %s with 409, the current state and what is allowed', (from, to) => {
    expect(canTransition(sut, from, to)).toBe(false);
    let caught: unknown;
    try {
      assertTransition(sut, from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConflictException);
    expect((caught as ConflictException).getResponse()).toMatchObject({
      statusCode: 409,
      currentState: from,
      allowedTransitions: sut.transitions[from],
    });
  });

  it('has exactly two final states', () => {
    const finals = (Object.keys(sut.transitions) as TransferStatus[]).filter((s) => allowedTransitions(sut, s).length === 0);
    expect(finals.sort()).toEqual(['abandoned', 'landed']);
  });

  it('treats an unknown stored state as having no transitions', () => {
    expect(allowedTransitions(sut, 'archived')).toEqual([]);
    expect(() => assertTransition(sut, 'archived', 'matching')).toThrow(ConflictException);
  });
});
