// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Another site must not open a chat session (with a user's stored token, say) from its pages: the
// server refuses WebSocket upgrades whose Origin is not its own. Checked with a page that a second,
// foreign web server serves to Chromium, and with hand-made upgrade requests.

import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, watchPage } from './harness.mjs';
import { signIn } from './webclient.mjs';

// Sends a WebSocket upgrade with the given Origin; resolves with the HTTP status.
function upgrade(server, origin) {
    return new Promise((resolve, reject) => {
        const headers = {
            Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'sori.v1',
        };
        if (origin)
            headers.Origin = origin;
        const req = request({ host: '127.0.0.1', port: server.port, path: '/ws', headers });
        req.setTimeout(WaitMs, () => req.destroy(new Error('no answer to the upgrade')));
        req.on('upgrade', (res, socket) => {
            socket.destroy();
            resolve(res.statusCode);
        });
        req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
    });
}

// A page on a foreign origin that tries to talk to the Sori server with a token it found.
const ForeignPage = `<!doctype html><meta charset="utf-8"><title>elsewhere</title>
<script src="/attack.js"></script>`;
const ForeignScript = `
window.outcome = new Promise((resolve) => {
    const ws = new WebSocket(window.location.hash.slice(1), 'sori.v1');
    const seen = [];
    ws.onopen = () => { seen.push('open'); ws.send(JSON.stringify({type: 'login', protocol: 1,
        token: 'stolen', id: '1'})); };
    ws.onmessage = (e) => seen.push('message ' + e.data);
    ws.onerror = () => seen.push('error');
    ws.onclose = (e) => { seen.push('close ' + e.code); resolve(seen); };
});`;

describe('WebSocket origins', () => {
    let server;
    let foreign;
    let foreignOrigin;
    let browser;

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        foreign = createServer((req, res) => {
            const body = req.url === '/attack.js' ? ForeignScript : ForeignPage;
            res.writeHead(200, { 'Content-Type': req.url === '/attack.js'
                ? 'text/javascript' : 'text/html; charset=utf-8' });
            res.end(body);
        });
        await new Promise((resolve) => foreign.listen(0, '127.0.0.1', resolve));
        foreignOrigin = `http://127.0.0.1:${foreign.address().port}`;
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        foreign?.close();
        await server?.stop();
    });

    it('refuses an upgrade from a foreign Origin', async () => {
        assert.equal(await upgrade(server, 'http://evil.example'), 403);
        assert.equal(await upgrade(server, foreignOrigin), 403);
        assert.equal(await upgrade(server, `http://127.0.0.1:${server.port}.evil.example`), 403);
        // The server's own pages, and clients that are not browsers (no Origin), are let in.
        assert.equal(await upgrade(server, server.origin), 101);
        assert.equal(await upgrade(server, ''), 101);
    });

    it('keeps a page from another site out', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${foreignOrigin}/#${server.wsUrl}`);
        const seen = await page.evaluate(() => window.outcome);
        assert.ok(!seen.includes('open'), `the foreign page got a connection: ${seen}`);
        assert.deepEqual(seen, ['error', 'close 1006']);
        await page.context().close();
    });

    it('lets its own page in', async () => {
        const page = await (await browser.newContext()).newPage();
        const log = watchPage(page);
        await page.goto(`${server.origin}/`);
        assert.match(await signIn(page), /^guest-\d+$/);
        assert.deepEqual(log.websockets, [server.wsUrl]);
        await page.context().close();
    });
});
