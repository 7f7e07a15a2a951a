import { expect } from 'chai';
import { request } from 'node:http';
import { Autoencoder, Regressor, tf } from '@tsnets/core';
import { noLeakedTensors, randn } from '@tsnets/testing';
import { Trainer } from '@tsnets/trainer';
import { serveDashboard, type Dashboard } from '../src/index';

interface Reply {
  status: number;
  body: string;
}

/** One HTTP request to the dashboard, with the Host header `host` when given. */
function call(dashboard: Dashboard, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      new URL(path, dashboard.url),
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The events of the stream until `count` have arrived (`[name, data]`), and when the first (the snapshot) came. */
function events(dashboard: Dashboard, count: number): { open: Promise<void>; all: Promise<Array<[string, unknown]>> } {
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const all = new Promise<Array<[string, unknown]>>((resolve, reject) => {
    const req = request(new URL('/events', dashboard.url), (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const blocks = text.split('\n\n').filter((block) => block.startsWith('event:'));
        if (blocks.length > 0) opened();
        if (blocks.length >= count) {
          req.destroy();
          resolve(
            blocks.map((block) => {
              const [, name, data] = /^event: (\w+)\ndata: (.*)$/s.exec(block) ?? [];
              return [name, JSON.parse(data) as unknown];
            }),
          );
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
  return { open, all };
}

const X = randn(64, 16);

describe('serveDashboard', function () {
  this.timeout(30_000);
  noLeakedTensors();

  it('serves the page and its assets on 127.0.0.1, with nothing loaded from elsewhere', async () => {
    const net = new Autoencoder([16, 4, 16]);
    const dashboard = await serveDashboard(new Trainer(net));
    try {
      expect(new URL(dashboard.url).hostname).to.equal('127.0.0.1');
      const page = await call(dashboard, '/');
      expect(page.status).to.equal(200);
      expect(page.body).to.include(dashboard.token);
      const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources).to.have.length(4);
      for (const source of sources) {
        expect(source).to.match(/^\/assets\//);
        expect((await call(dashboard, source)).status, source).to.equal(200);
      }
      expect((await call(dashboard, '/assets/uPlot.iife.min.js')).body).to.include('uPlot');
      expect((await call(dashboard, '/nothing')).status).to.equal(404);
    } finally {
      await dashboard.close();
      net.dispose();
    }
  });

  it('refuses a stop without the token or from another Host, and stops the run with it', async () => {
    const net = new Regressor([16, 8, 2]);
    const trainer = new Trainer(net);
    const dashboard = await serveDashboard(trainer);
    try {
      const y = randn(64, 2, 7);
      let stopped = false;
      trainer.on('iteration', async ({ epoch }) => {
        if (epoch !== 2 || stopped) return;
        stopped = true;
        expect((await call(dashboard, '/stop', { method: 'POST' })).status).to.equal(403);
        const wrong = { 'X-Tsnets-Token': dashboard.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a')) };
        expect((await call(dashboard, '/stop', { method: 'POST', headers: wrong })).status).to.equal(403);
        const rebound = { 'X-Tsnets-Token': dashboard.token, Host: 'attacker.example' };
        expect((await call(dashboard, '/stop', { method: 'POST', headers: rebound })).status).to.equal(403);
        const right = { 'X-Tsnets-Token': dashboard.token };
        expect((await call(dashboard, '/stop', { method: 'POST', headers: right })).status).to.equal(202);
      });
      const result = await trainer.train([X, y], { max_updates: 1000, patience: 1000, validate_every: 1 });
      expect(stopped).to.equal(true);
      expect(result.reason).to.equal('aborted');
      // Epochs go on while the requests travel; the button, not max_updates, ended the run.
      expect(result.epochs).to.be.within(2, 999);
      expect(dashboard.state()).to.include({ status: 'ended', reason: 'aborted' });
    } finally {
      await dashboard.close();
      net.dispose();
    }
  });

  it('streams a snapshot, then each epoch with its terms, features and activity, then the end', async () => {
    const net = new Autoencoder([16, 4, 16]);
    const trainer = new Trainer(net);
    const sample = tf.tensor2d(X.slice(0, 8));
    const dashboard = await serveDashboard(trainer, { sample });
    try {
      const stream = events(dashboard, 12);
      // The stream is open (its snapshot arrived) before training starts.
      await stream.open;
      await trainer.train([X], { hidden_l1: 0.1, max_updates: 2, validate_every: 1, batch_size: 64 });
      const received = await stream.all;
      expect(received[0][0]).to.equal('snapshot');
      const epochs = received.filter(([name]) => name === 'epoch').map(([, data]) => data as Record<string, unknown>);
      const valid = epochs.find((e) => e.epoch === 1 && e.valid) as { valid: { terms: object }; activity: object };
      expect(valid.valid.terms).to.have.keys('err', 'hidden_l1');
      expect(valid.activity).to.have.keys('hid1');
      const versions = received
        .filter(([name, data]) => name === 'update' && (data as { features?: unknown }).features)
        .map(([, data]) => (data as { features: { version: number; side: number } }).features);
      expect(versions.map((f) => f.side)).to.include(4);
      expect(new Set(versions.map((f) => f.version)).size).to.be.above(1);
      // The activity measured is kept in the run's history, so a saved model's report shows it.
      expect(net.history[0].epochs[1].activity).to.deep.equal(valid.activity);
    } finally {
      await dashboard.close();
      sample.dispose();
      net.dispose();
    }
  });

  it('refuses a port out of range', async () => {
    const net = new Autoencoder([16, 4, 16]);
    try {
      await serveDashboard(new Trainer(net), { port: 70000 });
      expect.fail('served');
    } catch (error) {
      expect((error as Error).message).to.include('70000');
    } finally {
      net.dispose();
    }
  });
});
