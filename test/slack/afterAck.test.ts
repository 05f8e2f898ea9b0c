import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { AfterAckLine } from '../../src/slack/afterAck.js';

const every = (n: number) => ({ busy: n, idle: n, isBusy: () => false, isBackedUp: () => false, backedUp: n, maxHoldMs: 1000, maxRunning: 10_000 });
const turn = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

describe('the line of work waiting behind acks', () => {
  it('starts its jobs in the order they came, a few per turn of the event loop', async () => {
    const started: number[] = [];
    const line = new AfterAckLine(every(2), 100, () => undefined);
    for (let i = 0; i < 5; i++) line.push(() => { started.push(i); return Promise.resolve(); });
    expect(started).toEqual([]);
    await turn();
    expect(started).toEqual([0, 1]);
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    await line.drain();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(line.size).toBe(0);
  });

  it('answers a request that arrives meanwhile while most of the line still waits', async () => {
    const server = createServer((_req, res) => { res.end('ok'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const line = new AfterAckLine(every(1), 10_000, () => undefined);
    let ran = 0;
    const busy = (): Promise<void> => {
      const until = performance.now() + 0.2;
      while (performance.now() < until) { /* a job's CPU work */ }
      ran++;
      return Promise.resolve();
    };
    for (let i = 0; i < 1000; i++) line.push(busy);
    const answer = await request(`http://127.0.0.1:${port}/`);
    await answer.body.text();
    const ranBeforeAnswer = ran;
    await line.drain();
    await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
    expect(ranBeforeAnswer).toBeLessThan(1000);
    expect(ran).toBe(1000);
  });

  it('drains only once every job, and the jobs they pushed, have settled', async () => {
    const line = new AfterAckLine(every(1), 100, () => undefined);
    const done: string[] = [];
    line.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      line.push(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        done.push('second');
      });
      done.push('first');
    });
    await line.drain();
    expect(done).toEqual(['first', 'second']);
  });

  it('drains at once when empty: before the next turn of the event loop', async () => {
    let turned = false;
    setImmediate(() => { turned = true; });
    await new AfterAckLine(every(1), 100, () => undefined).drain();
    expect(turned).toBe(false);
  });

  it('hands a failed job to its failure handler and goes on', async () => {
    const failures: unknown[] = [];
    const line = new AfterAckLine(every(1), 100, (error) => failures.push(error));
    const ran: number[] = [];
    line.push(() => Promise.reject(new Error('PHLO down')));
    line.push(() => { ran.push(2); return Promise.resolve(); });
    await line.drain();
    expect(failures).toEqual([new Error('PHLO down')]);
    expect(ran).toEqual([2]);
  });

  it('starts one job per turn while requests wait for their acks, more once none do', async () => {
    let waitingForAcks = true;
    const line = new AfterAckLine({ ...every(1), idle: 4, isBusy: () => waitingForAcks }, 100, () => undefined);
    let ran = 0;
    for (let i = 0; i < 10; i++) line.push(() => { ran++; return Promise.resolve(); });
    await turn();
    expect(ran).toBe(1);
    waitingForAcks = false;
    await turn();
    expect(ran).toBe(5);
    await line.drain();
  });

  it('holds its jobs while requests arrive and PHLO already has enough waiting', async () => {
    let backedUp = true;
    const line = new AfterAckLine({ busy: 2, idle: 4, isBusy: () => true, isBackedUp: () => backedUp, backedUp: 1, maxHoldMs: 60_000, maxRunning: 10_000 }, 100, () => undefined);
    let ran = 0;
    for (let i = 0; i < 10; i++) line.push(() => { ran++; return Promise.resolve(); });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(0);
    backedUp = false;
    await line.drain();
    expect(ran).toBe(10);
  });

  it('holds no job longer than it may, so a floor that never stops sending still gets its actions done', async () => {
    const line = new AfterAckLine({ busy: 2, idle: 4, isBusy: () => true, isBackedUp: () => true, backedUp: 1, maxHoldMs: 30, maxRunning: 10_000 }, 100, () => undefined);
    let ran = 0;
    for (let i = 0; i < 10; i++) line.push(() => { ran++; return Promise.resolve(); });
    await line.drain();
    expect(ran).toBe(10);
  });

  it('starts one job per turn once requests stop arriving while PHLO\'s line is full, four when it is not', async () => {
    let backedUp = true;
    const line = new AfterAckLine({ busy: 3, idle: 4, isBusy: () => false, isBackedUp: () => backedUp, backedUp: 1, maxHoldMs: 60_000, maxRunning: 10_000 }, 100, () => undefined);
    let ran = 0;
    for (let i = 0; i < 8; i++) line.push(() => { ran++; return Promise.resolve(); });
    await turn();
    expect(ran).toBe(1);
    backedUp = false;
    await turn();
    expect(ran).toBe(5);
    await line.drain();
  });

  it('says when it is full', () => {
    const line = new AfterAckLine(every(1), 2, () => undefined);
    expect(line.hasRoom()).toBe(true);
    line.push(() => Promise.resolve());
    line.push(() => Promise.resolve());
    expect(line.hasRoom()).toBe(false);
  });

  it('runs every job of a line that keeps growing while it works', async () => {
    const line = new AfterAckLine(every(50), 10_000, () => undefined);
    let ran = 0;
    for (let i = 0; i < 3000; i++) line.push(() => { ran++; return Promise.resolve(); });
    await turn();
    for (let i = 0; i < 40; i++) {
      line.push(() => { ran++; return Promise.resolve(); });
      await turn();
    }
    expect(line.size).toBeLessThan(3000);
    await line.drain();
    expect(ran).toBe(3040);
  });

  it('runs no more jobs at once than it may; the rest wait their turn and start as others finish', async () => {
    const line = new AfterAckLine({ ...every(4), maxRunning: 3 }, 100, () => undefined);
    const finish: (() => void)[] = [];
    let started = 0;
    for (let i = 0; i < 8; i++) {
      line.push(() => {
        started++;
        return new Promise<void>((resolve) => finish.push(resolve));
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(3);
    expect(line.running).toBe(3);
    expect(line.size).toBe(5);
    finish.shift()?.();
    finish.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(5);
    expect(line.running).toBe(3);
    while (started < 8 || finish.length > 0) {
      finish.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await line.drain();
    expect(line.running).toBe(0);
  });

  it('starts a job that goes first on the next turn, ahead of a held line and past the cap on running jobs', async () => {
    const line = new AfterAckLine({ ...every(1), isBusy: () => true, isBackedUp: () => true, maxHoldMs: 60_000, maxRunning: 1 }, 100, () => undefined);
    const started: string[] = [];
    for (let i = 0; i < 5; i++) line.push(() => { started.push(`hold ${i}`); return new Promise<void>(() => undefined); });
    line.push(() => { started.push('form'); return Promise.resolve(); }, true);
    await turn();
    await turn();
    expect(started).toEqual(['form']);
    expect(line.size).toBe(5);
  });
});
