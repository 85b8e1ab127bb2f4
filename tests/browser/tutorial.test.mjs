// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The old tutorial's own page, unchanged, chats through Sori once the operator allows its origin.
// fixtures/tutorial/index.html is a byte-for-byte copy of the tutorial's page
// (../shared/tutorial/index.html next to the project's checkout, which CI machines do not have).
// A second local web server serves it as it is, on another port: another origin. The page opens
// `new WebSocket("ws://localhost:8080")` with no subprotocol, so it is a plain client (protocol.md
// §8): it sends each line as typed and shows each frame it gets, "name: text". What it loads
// from a CDN (jQuery 3.6.0) comes from the npm package instead, since the tests reach no network.
//
// Its WebSocket must reach Sori at ws://localhost:8080, so the server listens on 8080. When that
// port is taken (an operator's server on this machine, say), the page is served with that one URL
// pointed at the test server's port, and nothing else changed: the test says so.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, here, launchChromium, loadPlaywright,
         watchPage } from './harness.mjs';
import { say, signIn, waitForMessage } from './webclient.mjs';

const Fixture = join(here, 'fixtures', 'tutorial', 'index.html');
// The tutorial's page as committed: a change to the copy is a change to what is tested.
const FixtureSha256 = 'f18ea3cfa948485dca1307b0d57668030e05ebde27dc6557594c6c4f46ff9184';
// The original, where the work directory has it (not on CI).
const Original = process.env.SORI_TUTORIAL_PAGE
    || join(here, '..', '..', '..', 'shared', 'tutorial', 'index.html');
const TutorialUrl = 'ws://localhost:8080';
const JQueryUrl = 'https://code.jquery.com/jquery-3.6.0.min.js';
const TutorialPort = 8080;

function jqueryFromNpm() {
    const require = createRequire(join(here, 'package.json'));
    let path;
    try {
        path = require.resolve('jquery/dist/jquery.min.js');
    } catch (error) {
        throw new Error('jquery is not installed: run `npm ci` in tests/browser '
                        + `(${here}) first. (${error.code || error.message})`);
    }
    const source = readFileSync(path);
    const version = JSON.parse(readFileSync(join(path, '..', '..', 'package.json'))).version;
    assert.equal(version, '3.6.0', 'the page asks for jQuery 3.6.0');
    return source;
}

// A web server of our own on another port: the page's origin is not the chat server's.
async function servePage(html) {
    const server = createServer((req, res) => {
        if (req.method === 'GET' && req.url === '/') {
            res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
            res.end(html);
        } else {
            res.writeHead(404, { 'Content-Type': 'text/plain' });
            res.end('not here\n');
        }
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });
    return server;
}

// A WebSocket upgrade without subprotocol (as the page makes it) from the given Origin; resolves
// with the HTTP status and body.
function upgrade(port, origin) {
    return new Promise((resolve, reject) => {
        const headers = {
            Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': randomBytes(16).toString('base64'), Origin: origin,
        };
        const req = request({ host: '127.0.0.1', port, path: '/', headers });
        req.setTimeout(WaitMs, () => req.destroy(new Error('no answer to the upgrade')));
        req.on('upgrade', (res, socket) => {
            socket.destroy();
            resolve({ status: res.statusCode, body: '' });
        });
        req.on('response', (res) => {
            let body = '';
            res.on('data', (chunk) => { body += chunk; });
            res.on('end', () => resolve({ status: res.statusCode, body: body.trim() }));
        });
        req.on('error', reject);
        req.end();
    });
}

// Opens the tutorial's page in a context of its own, with jQuery from npm in place of the CDN.
async function openTutorial(browser, pageUrl, jquery) {
    const context = await browser.newContext({ viewport: { width: 700, height: 500 } });
    await context.route(JQueryUrl, (route) => route.fulfill({
        status: 200, contentType: 'text/javascript', body: jquery }));
    const page = await context.newPage();
    const log = watchPage(page);
    log.console = [];
    page.on('console', (message) => log.console.push(message.text()));
    await page.goto(pageUrl);
    return { context, page, log };
}

// The socket the page keeps in its global `socket`: 0 connecting, 1 open, 3 closed.
async function waitForSocketState(page, state) {
    await page.waitForFunction((want) => window.socket && window.socket.readyState === want, state,
                               { timeout: WaitMs });
}

// The lines the page shows, each a <p> in #messages.
function shownLines(page) {
    return page.$$eval('#messages p', (items) => items.map((p) => p.textContent));
}

async function waitForLine(page, line) {
    try {
        await page.waitForFunction((want) => Array.from(document.querySelectorAll('#messages p'))
            .some((p) => p.textContent === want), line, { timeout: WaitMs });
    } catch (error) {
        throw new Error(`the tutorial page shows no line ${JSON.stringify(line)}; it shows `
                        + JSON.stringify(await shownLines(page)), { cause: error });
    }
}

// Types into the page's field and presses its Send button, as a person would.
async function send(page, text) {
    await page.fill('#messageInput', text);
    await page.click('button');
}

async function greetedAs(page) {
    await page.waitForFunction(() => document.querySelector('#messages p'), null,
                               { timeout: WaitMs });
    const first = (await shownLines(page))[0];
    const match = /^Welcome to Sori! You are (guest-\d+), chatting in #lobby\.$/.exec(first);
    assert.ok(match, `unexpected greeting: ${JSON.stringify(first)}`);
    return match[1];
}

describe('the tutorial page, unchanged, against Sori', () => {
    let server;
    let pages;
    let pageOrigin;
    let pageUrl;
    let html;
    let jquery;
    let browser;
    let chatPort = TutorialPort;
    let rewritten = ''; // why the page's URL was changed, if it was
    const opened = [];

    before(async () => {
        loadPlaywright();
        jquery = jqueryFromNpm();
        const verbatim = readFileSync(Fixture);
        html = verbatim;
        // The chat server on 8080 if it is free; otherwise anywhere, and the page's one URL says
        // where (the only change).
        try {
            server = await Server.start({ port: TutorialPort });
        } catch (error) {
            server = await Server.start();
            chatPort = server.port;
            const text = verbatim.toString('utf8');
            assert.equal(text.split(TutorialUrl).length, 2, 'the page names its server once');
            html = Buffer.from(text.replace(TutorialUrl, `ws://localhost:${chatPort}`), 'utf8');
            rewritten = `port ${TutorialPort} is taken (${error.message.split('\n')[0]}): `
                        + `the page is served with ws://localhost:${chatPort} instead`;
        }
        pages = await servePage(html);
        pageOrigin = `http://localhost:${pages.address().port}`;
        pageUrl = `${pageOrigin}/`;
        browser = await launchChromium();
    });

    after(async () => {
        for (const side of opened)
            await side.context.close().catch(() => {});
        await browser?.close();
        await new Promise((resolve) => (pages ? pages.close(resolve) : resolve()));
        await server?.stop();
    });

    it('is the tutorial page, byte for byte', (t) => {
        const verbatim = readFileSync(Fixture);
        assert.equal(createHash('sha256').update(verbatim).digest('hex'), FixtureSha256);
        if (existsSync(Original)) {
            assert.ok(verbatim.equals(readFileSync(Original)), `${Fixture} differs from ${Original}`);
            t.diagnostic(`the same bytes as ${Original}`);
        } else {
            t.diagnostic(`${Original} is not here: checked against the committed hash only`);
        }
        const text = verbatim.toString('utf8');
        assert.ok(text.includes(`new WebSocket("${TutorialUrl}")`), 'no subprotocol: plain mode');
        assert.ok(text.includes(`<script src="${JQueryUrl}"></script>`));
        if (rewritten)
            t.diagnostic(rewritten);
        else
            assert.ok(html.equals(verbatim), 'served as it is');
    });

    it('is refused without --allow-origin', async () => {
        // The server's answer to the page's upgrade, seen from outside the browser.
        assert.deepEqual(await upgrade(chatPort, pageOrigin),
                         { status: 403, body: 'This origin may not open a connection here.' });

        const side = await openTutorial(browser, pageUrl, jquery);
        opened.push(side);
        await waitForSocketState(side.page, 3);
        // Chromium names the refusal in the console: the server answered, with 403.
        const deadline = Date.now() + WaitMs;
        while (!side.log.console.some((line) => line.includes('403')) && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(side.log.console.some((line) => line.includes('403')),
                  `console: ${JSON.stringify(side.log.console)}`);
        assert.ok(!side.log.console.includes('Connection established!'));
        assert.deepEqual(await shownLines(side.page), []);
        await side.context.close();
        opened.pop();
    });

    it('chats with another tutorial page, the web client and a Qt client with it', async (t) => {
        // The operator allows the page's origin; nothing else changes.
        const dataDir = server.dataDir;
        assert.deepEqual(await server.stop({ keepData: true }), { code: 0, signal: null });
        server = await Server.start({ port: chatPort, dataDir,
                                      args: ['--allow-origin', pageOrigin] });

        const ana = await openTutorial(browser, pageUrl, jquery);
        const bo = await openTutorial(browser, pageUrl, jquery);
        opened.push(ana, bo);
        for (const side of [ana, bo])
            await waitForSocketState(side.page, 1);
        const anaName = await greetedAs(ana.page);
        const boName = await greetedAs(bo.page);
        assert.notEqual(anaName, boName);
        t.diagnostic(`the tutorial pages chat as ${anaName} and ${boName}`);

        const qt = await Probe.start(server, 'qtprobe');
        const web = await browser.newContext({ viewport: { width: 1000, height: 700 },
                                               locale: 'en-US' });
        opened.push({ context: web });
        const webPage = await web.newPage();
        const webLog = watchPage(webPage);
        await webPage.goto(`http://127.0.0.1:${chatPort}/`);
        const webName = await signIn(webPage, { name: 'webby' });

        await send(ana.page, 'hello from the tutorial page');
        const fromAna = `${anaName}: hello from the tutorial page`;
        await waitForLine(bo.page, fromAna);
        await waitForLine(ana.page, fromAna); // its own line comes back too
        assert.equal(await ana.page.inputValue('#messageInput'), '', 'the page cleared its field');
        await qt.waitForMessage(anaName, 'hello from the tutorial page');
        await waitForMessage(webPage, anaName, 'hello from the tutorial page');

        await send(bo.page, 'and hello back');
        await waitForLine(ana.page, `${boName}: and hello back`);
        await qt.waitForMessage(boName, 'and hello back');

        await say(webPage, 'the web client says hi');
        qt.send('so does Qt');
        for (const side of [ana, bo]) {
            await waitForLine(side.page, `${webName}: the web client says hi`);
            await waitForLine(side.page, 'qtprobe: so does Qt');
        }
        await waitForMessage(webPage, 'qtprobe', 'so does Qt');

        // Everything but the page itself came from where the page says, jQuery from npm.
        for (const side of [ana, bo]) {
            assert.deepEqual(side.log.requests, [pageUrl, JQueryUrl]);
            assert.deepEqual(side.log.websockets, [`ws://localhost:${chatPort}/`]);
            assert.deepEqual(side.log.errors, []);
            assert.ok(side.log.console.includes('Connection established!'));
        }
        assert.deepEqual(webLog.errors, []);
        assert.deepEqual(await qt.close(), { code: 0, signal: null });
    });
});
