// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client on a network that fails: the page reaches the server through a TCP proxy that
// the test can cut (no close frame, as when Wi-Fi drops) or make lose everything coming back.
// A guest comes back under its own name (resume key) and, within the server's grace period, the
// others see no one leave or join; a message whose ack was lost is found in the catch-up and
// neither sent again nor shown twice.

import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, foreignUrls, launchChromium, loadPlaywright, watchPage }
    from './harness.mjs';
import { shownMessages, signIn, waitForBanner, waitForMessage } from './webclient.mjs';

const ReconnectWaitMs = 30000;

// Forwards TCP connections to the server. cut() ends them all at once without a word;
// loseReplies / loseRequests make the current WebSocket connections drop whatever the server /
// the browser sends (page loads on kept-alive HTTP connections are not disturbed). It listens
// before the server starts (the server is told the proxy's origin); port is set once it runs.
class CuttableProxy {
    constructor() {
        this.port = 0;
        this.pairs = new Set();
        this.server = createServer((client) => {
            const upstream = connect(this.port, '127.0.0.1');
            const pair = { client, upstream, websocket: false, loseReplies: false,
                           loseRequests: false };
            this.pairs.add(pair);
            client.on('data', (data) => {
                if (/^upgrade: *websocket\r$/im.test(data.toString('latin1')))
                    pair.websocket = true;
                if (!pair.loseRequests)
                    upstream.write(data);
            });
            upstream.on('data', (data) => {
                if (!pair.loseReplies)
                    client.write(data);
            });
            const end = () => {
                client.destroy();
                upstream.destroy();
                this.pairs.delete(pair);
            };
            client.on('close', end);
            upstream.on('close', end);
            client.on('error', end);
            upstream.on('error', end);
        });
    }

    async listen() {
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.origin = `http://127.0.0.1:${this.server.address().port}`;
    }

    loseReplies() {
        for (const pair of this.pairs)
            pair.loseReplies = pair.websocket;
    }

    loseRequests() {
        for (const pair of this.pairs)
            pair.loseRequests = pair.websocket;
    }

    cut() {
        for (const pair of this.pairs) {
            pair.client.resetAndDestroy();
            pair.upstream.resetAndDestroy();
        }
        this.pairs.clear();
    }

    close() {
        this.cut();
        this.server.close();
    }
}

describe('web client on a failing network', () => {
    let server;
    let proxy;
    let browser;
    let probe;
    let page;
    let log;
    let guest;

    before(async () => {
        loadPlaywright();
        // The page comes through the proxy, as through a port forward: its origin is the
        // proxy's, which the server takes as its public origin.
        proxy = new CuttableProxy();
        await proxy.listen();
        server = await Server.start({ args: ['--public-origin', proxy.origin] });
        proxy.port = server.port;
        probe = await Probe.start(server, 'watcher');
        browser = await launchChromium();
        page = await (await browser.newContext({ locale: 'en-US' })).newPage();
        log = watchPage(page);
        await page.goto(`${proxy.origin}/`);
        guest = await signIn(page, { mode: 'guest', name: '' });
        await probe.waitFor((e) => e.event === 'presence' && e.change === 'joined'
                                   && e.member?.name === guest, `presence: ${guest} joined`);
    });

    after(async () => {
        await browser?.close();
        await probe?.close();
        proxy?.close();
        await server?.stop();
    });

    it('brings a guest back under its own name, unnoticed by the others', async () => {
        assert.match(guest, /^guest-\d+$/);
        proxy.cut();
        await waitForBanner(page, 'reconnecting');
        await waitForBanner(page, 'connected', ReconnectWaitMs);
        assert.equal(await page.textContent('#me-name'), guest);
        const hellos = log.sent.filter((f) => f.type === 'hello');
        assert.equal(hellos.length, 2);
        assert.equal(hellos[1].name, guest);
        assert.match(hellos[1].resume, /^[0-9a-f]{16,}$/);

        await page.fill('#message', 'still me');
        await page.press('#message', 'Enter');
        await probe.waitForMessage(guest, 'still me');
        const presence = probe.events.filter((e) => e.event === 'presence'
                                                    && e.member?.name === guest);
        assert.deepEqual(presence.map((e) => e.change), ['joined'],
                         'the others saw the guest neither leave nor come back');
    });

    it('settles a message whose ack was lost from the catch-up, without sending it again',
       async () => {
           proxy.loseReplies();
           await page.fill('#message', 'the ack of this one is lost');
           await page.press('#message', 'Enter');
           // Stored and delivered: the Qt client has it. The page heard nothing back.
           await probe.waitForMessage(guest, 'the ack of this one is lost');
           assert.equal(await page.getAttribute('#messages li.pending', 'data-state'), 'pending');

           proxy.cut();
           await waitForBanner(page, 'connected', ReconnectWaitMs);
           await waitForMessage(page, guest, 'the ack of this one is lost');
           const shown = await shownMessages(page);
           assert.equal(shown.filter((m) => m.text === 'the ack of this one is lost').length, 1);
           assert.equal(shown.filter((m) => m.pending).length, 0);
           const sends = log.sent.filter((f) => f.type === 'send'
                                                && f.text === 'the ack of this one is lost');
           assert.equal(sends.length, 1, 'found in the catch-up, so not sent again');
           assert.equal(probe.events.filter((e) => e.event === 'message'
                                                   && e.text === 'the ack of this one is lost')
               .length, 1);
       });

    // An account, so that a reload signs in as the same person (the pending messages are kept
    // for that name only).
    it('sends a message that was lost on the way after a reload, once', async () => {
        const ola = await (await browser.newContext({ locale: 'en-US' })).newPage();
        const olaLog = watchPage(ola);
        await ola.goto(`${proxy.origin}/`);
        await signIn(ola, { mode: 'register', name: 'ola', password: 'ola password' });
        proxy.loseRequests();
        await ola.fill('#message', 'lost on the way, then reloaded');
        await ola.press('#message', 'Enter');
        await ola.waitForSelector('#messages li.pending[data-state="pending"]');
        await ola.reload();
        await waitForBanner(ola, 'connected');
        await waitForMessage(ola, 'ola', 'lost on the way, then reloaded');
        await probe.waitForMessage('ola', 'lost on the way, then reloaded');
        const sends = olaLog.sent.filter((f) => f.type === 'send'
                                                && f.text === 'lost on the way, then reloaded');
        assert.equal(sends.length, 2, 'sent, lost, and sent again after the reload');
        assert.equal(sends[0].msgId, sends[1].msgId);

        // Now the other way: stored, but the page heard nothing back before the reload.
        proxy.loseReplies();
        await ola.fill('#message', 'stored, then reloaded');
        await ola.press('#message', 'Enter');
        await probe.waitForMessage('ola', 'stored, then reloaded');
        await ola.reload();
        await waitForBanner(ola, 'connected');
        await waitForMessage(ola, 'ola', 'stored, then reloaded');
        const shown = await shownMessages(ola);
        for (const text of ['lost on the way, then reloaded', 'stored, then reloaded'])
            assert.equal(shown.filter((m) => m.text === text).length, 1, text);
        assert.equal(shown.filter((m) => m.pending).length, 0);
        assert.equal(olaLog.sent.filter((f) => f.text === 'stored, then reloaded').length, 1,
                     'found in the history after the reload, so not sent again');
        assert.equal(probe.events.filter((e) => e.event === 'message' && e.from === 'ola').length,
                     2);
        assert.equal(await ola.evaluate(() => localStorage.getItem('sori.outbox')), null);
        await ola.context().close();
    });

    it('loads nothing from another origin', () => {
        assert.deepEqual(foreignUrls(log.requests, proxy.origin), []);
        assert.deepEqual(log.dialogs, []);
    });
});
