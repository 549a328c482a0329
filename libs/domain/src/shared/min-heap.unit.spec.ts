import fc from 'fast-check';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops what it was given in order, pushes and pops interleaved', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant('pop' as const)), { maxLength: 200 }), (ops) => {
        const heap = new MinHeap<number>((a, b) => a - b);
        const model: number[] = [];
        for (const op of ops) {
          if (op === 'pop') {
            model.sort((a, b) => a - b);
            expect(heap.pop()).toBe(model.shift());
          } else {
            heap.push(op);
            model.push(op);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model.length === 0 ? undefined : Math.min(...model));
        }
      }),
    );
  });
});
