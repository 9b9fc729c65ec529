// Records calls to a Graph stand-in through Polly.js (its node-http
// adapter and fs persister), as a Node test suite records Graph, into a
// HAR file.
//
//   node polly.js STAND_IN_URL RECORDINGS_DIR NAME < calls.json
//
// calls.json is a list of {"method", "path", "body"}. Each request names
// graph.microsoft.com; its connection is made to the stand-in, so the
// recording holds Graph's URLs. POLLYJS_MODULES names the node_modules
// folder that holds @pollyjs/*.
'use strict';
const http = require('http');
const net = require('net');
const path = require('path');

const modules = process.env.POLLYJS_MODULES || 'node_modules';
const load = (name) => require(path.resolve(modules, name));
const { Polly } = load('@pollyjs/core');
Polly.register(load('@pollyjs/adapter-node-http'));
Polly.register(load('@pollyjs/persister-fs'));

const [standIn, dir, name] = process.argv.slice(2);
const target = new URL(standIn);

function call(c) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: 'graph.microsoft.com',
      path: c.path,
      method: c.method,
      headers: { 'Content-Type': 'application/json' },
      createConnection: () => net.connect(Number(target.port), target.hostname),
    }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => res.statusCode === 200 ? resolve(Buffer.concat(parts)) : reject(new Error(`${c.path}: HTTP ${res.statusCode}`)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(c.body || undefined);
  });
}

async function main() {
  const calls = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const polly = new Polly(name, {
    adapters: ['node-http'],
    persister: 'fs',
    persisterOptions: { fs: { recordingsDir: dir } },
    mode: 'record',
    logLevel: 'silent',
  });
  try {
    for (const c of calls) {
      await call(c);
    }
  } finally {
    await polly.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
