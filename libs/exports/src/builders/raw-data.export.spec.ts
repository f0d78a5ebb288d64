import { progressBehind } from './raw-data.export.js';

describe('progressBehind (raw export progress stored while the next batch is written)', () => {
  it('stores every report in order, one at a time, the writer waiting only for the one before', async () => {
    const stored: string[] = [];
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const progress = progressBehind(async (_percent, message) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      stored.push(message);
      inFlight -= 1;
    });
    await progress.report(10, 'a'); // nothing before it: returns at once, 'a' is being stored
    let secondReturned = false;
    const second = progress.report(20, 'b').then(() => (secondReturned = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondReturned).toBe(false); // waits for 'a'
    release.shift()!();
    await second;
    expect(stored).toEqual(['a']);
    const settled = progress.settled();
    await new Promise((resolve) => setImmediate(resolve));
    release.shift()!();
    await settled;
    expect(stored).toEqual(['a', 'b']);
    expect(most).toBe(1);
  });

  it('fails the next report and the end when a report fails', async () => {
    const progress = progressBehind(async (percent) => {
      if (percent === 20) throw new Error('database gone');
    });
    await progress.report(10, 'a');
    await progress.report(20, 'b');
    await expect(progress.report(30, 'c')).rejects.toThrow('database gone');
    await expect(progress.settled()).rejects.toThrow('database gone');
  });
});
