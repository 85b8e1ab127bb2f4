// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Shared pieces of the browser tests: a real sori-server on port 0 with a temporary data
// directory, sori-probe as a Qt client speaking JSON lines, and Debian's Chromium driven by
// playwright-core. Every wait is bounded; nothing sleeps a fixed time.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const WaitMs = 15000;

const children = new Set();
process.on('exit', () => {
    for (const child of children)
        child.kill('SIGKILL');
});

// ---- playwright-core and Chromium

export function loadPlaywright() {
    const require = createRequire(join(here, 'package.json'));
    try {
        return require('playwright-core');
    } catch (error) {
        throw new Error('playwright-core is not installed: run `npm ci` in tests/browser '
                        + `(${here}) first. (${error.code || error.message})`);
    }
}

export const ChromiumPath = process.env.SORI_CHROMIUM || '/usr/bin/chromium';

// extraArgs: more Chromium switches (the TLS test's trusted certificate, say).
// extraArgs go on Chromium's command line; env (optional) replaces its environment (a HOME with
// its own NSS certificate database, say).
export async function launchChromium(extraArgs = [], { env } = {}) {
    const { chromium } = loadPlaywright();
    if (!existsSync(ChromiumPath))
        throw new Error(`Chromium not found at ${ChromiumPath}: apt-get install -y chromium `
                        + '(or set SORI_CHROMIUM).');
    return chromium.launch({
        executablePath: ChromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update',
               '--disable-sync', ...extraArgs],
        ...(env ? { env } : {}),
    });
}

// Records what a page does that a test wants to check afterwards: every request and WebSocket
// (and the JSON frames sent and received on them), dialogs (answered at once), script errors and
// console errors (CSP violations land there).
export function watchPage(page) {
    const log = { requests: [], websockets: [], dialogs: [], errors: [], sent: [], received: [] };
    const parse = (payload) => {
        try {
            return JSON.parse(String(payload));
        } catch {
            return { unparsable: String(payload) };
        }
    };
    page.on('request', (request) => log.requests.push(request.url()));
    page.on('websocket', (ws) => {
        log.websockets.push(ws.url());
        log.websocketTimes = [...(log.websocketTimes || []), Date.now()];
        ws.on('framesent', (frame) => log.sent.push(parse(frame.payload)));
        ws.on('framereceived', (frame) => log.received.push(parse(frame.payload)));
    });
    page.on('dialog', (dialog) => {
        log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => log.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error')
            log.errors.push(`console: ${message.text()}`);
    });
    return log;
}

// Waits until some element matching selector has exactly this textContent (trimmed).
export async function waitForText(page, selector, text, timeout = WaitMs) {
    try {
        await page.waitForFunction(
            ([sel, want]) => Array.from(document.querySelectorAll(sel))
                .some((el) => el.textContent.trim() === want),
            [selector, text], { timeout });
    } catch (error) {
        const seen = await page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()))
            .catch(() => []);
        throw new Error(`no ${selector} reads ${JSON.stringify(text)} after ${timeout} ms; `
                        + `seen: ${JSON.stringify(seen.slice(-10))}`, { cause: error });
    }
}

// Waits until the element's textContent contains the text.
export async function waitForTextIn(page, selector, text, timeout = WaitMs) {
    try {
        await page.waitForFunction(
            ([sel, want]) => (document.querySelector(sel)?.textContent || '').includes(want),
            [selector, text], { timeout });
    } catch (error) {
        const seen = await page.$eval(selector, (el) => el.textContent).catch(() => '(missing)');
        throw new Error(`${selector} does not contain ${JSON.stringify(text)} after ${timeout} `
                        + `ms; it reads ${JSON.stringify(seen)}`, { cause: error });
    }
}

// ---- Processes

function requireExecutable(variable) {
    const path = process.env[variable];
    if (!path)
        throw new Error(`${variable} is not set: run through ctest (ctest -L browser), or set it `
                        + 'to the built executable.');
    if (!existsSync(path))
        throw new Error(`${variable}=${path} does not exist: build the project first.`);
    return path;
}

function waitForExit(child, timeout) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeout);
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal });
        });
    });
}

// A sori-server on a free port with its own temporary data directory (or the given port and
// directory, to start it again after a stop), and any extra command-line arguments.
export class Server {
    static async start({ port = 0, dataDir = '', args = [] } = {}) {
        const executable = requireExecutable('SORI_SERVER');
        dataDir ||= mkdtempSync(join(tmpdir(), 'sori-browser-'));
        const child = spawn(executable, ['--headless', '--port', String(port), '--data-dir',
                                         dataDir, ...args],
                            { stdio: ['ignore', 'pipe', 'pipe'] });
        children.add(child);
        const server = new Server(child, dataDir);
        server.args = args;
        server.port = await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(
                `sori-server did not say which port it listens on within ${WaitMs} ms.\n`
                + `stdout: ${server.stdout}\nstderr: ${server.stderr}`)), WaitMs);
            child.stdout.on('data', (chunk) => {
                server.stdout += chunk;
                const match = /listening on port (\d+)/.exec(server.stdout);
                if (match) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                }
            });
            child.once('exit', (code, signal) => {
                clearTimeout(timer);
                reject(new Error(`sori-server exited (code ${code}, signal ${signal}) before `
                                 + `listening.\nstderr: ${server.stderr}`));
            });
        });
        server.origin = `http://127.0.0.1:${server.port}`;
        server.wsUrl = `ws://127.0.0.1:${server.port}/ws`;
        return server;
    }

    constructor(child, dataDir) {
        this.child = child;
        this.dataDir = dataDir;
        this.stdout = '';
        this.stderr = '';
        child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    }

    // After stop({ keepData: true }): a new process on the same port with the same data.
    async startAgain() {
        const next = await Server.start({ port: this.port, dataDir: this.dataDir,
                                          args: this.args });
        this.child = next.child;
        this.stdout = next.stdout;
        this.stderr = next.stderr;
        next.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    }

    // SIGTERM, then SIGKILL if it is still there after a while. Returns how it exited.
    async stop({ keepData = false } = {}) {
        let exit = await waitForExit(this.child, 0);
        if (!exit) {
            this.child.kill('SIGTERM');
            exit = await waitForExit(this.child, 10000);
            if (!exit) {
                this.child.kill('SIGKILL');
                exit = await waitForExit(this.child, 5000);
                exit = { ...exit, killed: true };
            }
        }
        children.delete(this.child);
        if (!keepData)
            rmSync(this.dataDir, { recursive: true, force: true });
        return exit;
    }
}

// sori-probe: a Qt client (sori::ChatClient). Every line it prints is one JSON event; every
// line written to it is a message to its room.
export class Probe {
    static async start(server, name, room = 'lobby') {
        const executable = requireExecutable('SORI_PROBE');
        const child = spawn(executable, ['--url', server.wsUrl, '--name', name, '--room', room],
                            { stdio: ['pipe', 'pipe', 'pipe'] });
        children.add(child);
        const probe = new Probe(child, name);
        const joined = await probe.waitFor((e) => e.event === 'joined', `${name} joined ${room}`);
        probe.name = joined.name;
        return probe;
    }

    constructor(child, name) {
        this.child = child;
        this.name = name;
        this.events = [];
        this.stderr = '';
        this.waiters = new Set();
        child.stderr.on('data', (chunk) => { this.stderr += chunk; });
        createInterface({ input: child.stdout }).on('line', (line) => {
            let event;
            try {
                event = JSON.parse(line);
            } catch {
                event = { event: 'unparsable', line };
            }
            this.events.push(event);
            for (const waiter of this.waiters)
                waiter();
        });
        child.once('exit', () => {
            for (const waiter of this.waiters)
                waiter();
        });
    }

    // Resolves with the first event (ever received) that matches; rejects after timeout.
    waitFor(predicate, description, timeout = WaitMs) {
        return new Promise((resolve, reject) => {
            const check = () => {
                const found = this.events.find(predicate);
                if (found) {
                    done();
                    resolve(found);
                } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
                    done();
                    reject(new Error(`sori-probe exited (code ${this.child.exitCode}) while `
                                     + `waiting for: ${description}\n${this.dump()}`));
                }
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`sori-probe: no event "${description}" within ${timeout} ms\n`
                                 + this.dump()));
            }, timeout);
            const done = () => {
                clearTimeout(timer);
                this.waiters.delete(check);
            };
            this.waiters.add(check);
            check();
        });
    }

    waitForMessage(from, text) {
        return this.waitFor((e) => e.event === 'message' && e.from === from && e.text === text,
                            `message from ${from}: ${text}`);
    }

    send(text) {
        this.child.stdin.write(`${text}\n`);
    }

    dump() {
        return `events:\n${this.events.map((e) => JSON.stringify(e)).join('\n')}`
               + `\nstderr:\n${this.stderr}`;
    }

    // Ends its input: it waits for its acks, closes and exits 0. Returns how it exited.
    async close() {
        if (!this.child.stdin.destroyed)
            this.child.stdin.end();
        let exit = await waitForExit(this.child, 10000);
        if (!exit) {
            this.child.kill('SIGKILL');
            exit = { ...(await waitForExit(this.child, 5000)), killed: true };
        }
        children.delete(this.child);
        return exit;
    }
}

// ---- Requests over the wire, without a browser

// A WebSocket frame from a client (masked, as RFC 6455 wants); payloads under 64 KiB.
function clientFrame(opcode, payload) {
    const mask = randomBytes(4);
    const head = payload.length < 126
        ? Buffer.from([0x80 | opcode, 0x80 | payload.length])
        : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))]);
}

// The first whole frame from the server at the start of buffer ({opcode, payload, size}), or null.
function serverFrame(buffer) {
    if (buffer.length < 2)
        return null;
    let length = buffer[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
        if (buffer.length < 4)
            return null;
        length = buffer.readUInt16BE(2);
        offset = 4;
    } else if (length === 127) {
        if (buffer.length < 10)
            return null;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
    }
    if (buffer.length < offset + length)
        return null;
    return { opcode: buffer[0] & 0x0f, payload: buffer.subarray(offset, offset + length),
             size: offset + length };
}

// Sends one sori.v1 request (it needs an `id`) on a WebSocket of its own, from localAddress, and
// resolves with the frame that answers it (the same id); the connection is then closed with a
// close frame. Another loopback address (127.0.0.2, ...) is another place to the server.
export function wireRequest(server, request, { localAddress = '127.0.0.1',
                                               timeout = WaitMs } = {}) {
    return new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: server.port, localAddress });
        let buffer = Buffer.alloc(0);
        let open = false;
        let settled = false;
        const finish = (error, answer) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (error) {
                socket.destroy();
                reject(error);
                return;
            }
            socket.end(clientFrame(0x8, Buffer.from([0x03, 0xe8]))); // 1000: normal closure
            resolve(answer);
        };
        const timer = setTimeout(() => finish(new Error(
            `no answer to ${JSON.stringify(request)} within ${timeout} ms`)), timeout);
        socket.on('connect', () => socket.write(
            `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\n`
            + 'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n'
            + `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n`
            + 'Sec-WebSocket-Protocol: sori.v1\r\n\r\n'));
        socket.on('data', (chunk) => {
            buffer = Buffer.concat([buffer, chunk]);
            if (!open) {
                const end = buffer.indexOf('\r\n\r\n');
                if (end < 0)
                    return;
                const head = buffer.subarray(0, end).toString();
                if (!head.startsWith('HTTP/1.1 101'))
                    return finish(new Error(`the WebSocket was refused: ${head}`));
                open = true;
                buffer = buffer.subarray(end + 4);
                socket.write(clientFrame(0x1, Buffer.from(JSON.stringify(request))));
            }
            for (let frame = serverFrame(buffer); frame; frame = serverFrame(buffer)) {
                buffer = buffer.subarray(frame.size);
                if (frame.opcode === 0x8)
                    return finish(new Error(`closed before answering ${request.type}`));
                if (frame.opcode !== 0x1)
                    continue;
                const message = JSON.parse(frame.payload.toString());
                if (message.id === request.id)
                    return finish(null, message);
            }
        });
        socket.on('error', (error) => finish(error));
        socket.on('close', () => finish(new Error(`closed before answering ${request.type}`)));
    });
}

// Registers the accounts (each signs in once and closes) before any page is opened. The server
// slows down new accounts from one address after a few (accounts/login-failures-before-delay,
// 5), as it should: so they come from several loopback addresses, a few from each (the
// addresses side by side, each one's accounts one after the other).
export async function registerAccounts(server, names, password, { perAddress = 4 } = {}) {
    const groups = [];
    for (let i = 0; i < names.length; i += perAddress)
        groups.push(names.slice(i, i + perAddress));
    await Promise.all(groups.map(async (group, index) => {
        const localAddress = `127.0.0.${10 + index}`;
        for (const name of group) {
            const answer = await wireRequest(server, { type: 'register', id: `r-${name}`,
                                                       protocol: 1, name, password },
                                             { localAddress });
            if (answer.type !== 'welcome')
                throw new Error(`registering ${name} from ${localAddress}: `
                                + JSON.stringify(answer));
        }
    }));
}

// Every URL in the list is on the given origin (http or ws with the same host and port).
export function foreignUrls(urls, origin) {
    const host = new URL(origin).host;
    return urls.filter((u) => {
        const url = new URL(u);
        return url.host !== host || !['http:', 'ws:'].includes(url.protocol);
    });
}
