// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client over TLS (issue 20): sori-server with the test certificate (tests/support/tls),
// Chromium trusting it by its public key (--ignore-certificate-errors-spki-list, as a private CA
// would be trusted), two pages chatting over https:// and wss:// on the server's one port.

import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, here, launchChromium, loadPlaywright, watchPage } from './harness.mjs';
import { say, signIn, waitForMessage } from './webclient.mjs';

const TlsDir = join(here, '..', 'support', 'tls');

// base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's switch takes.
function spkiHash(pemFile) {
    const certificate = new X509Certificate(readFileSync(pemFile));
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(spki).digest('base64');
}

describe('web client over TLS', () => {
    let server;
    let browser;
    let untrusting;

    before(async () => {
        loadPlaywright();
        server = await Server.start({
            args: ['--tls-cert', join(TlsDir, 'server.pem'), '--tls-key', join(TlsDir, 'server.key')],
        });
        server.origin = `https://localhost:${server.port}`;
        browser = await launchChromium(
            [`--ignore-certificate-errors-spki-list=${spkiHash(join(TlsDir, 'server.pem'))}`]);
        untrusting = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        await untrusting?.close();
        await server?.stop();
    });

    it('serves the page over https and chats over wss', async () => {
        const pages = [];
        for (const name of ['ana', 'bo']) {
            const page = await (await browser.newContext()).newPage();
            const log = watchPage(page);
            const response = await page.goto(`${server.origin}/`);
            assert.equal(response.status(), 200);
            assert.match(response.headers()['strict-transport-security'] ?? '', /^max-age=\d+$/);
            pages.push({ page, log, name: await signIn(page, { mode: 'guest', name }) });
        }
        const [ana, bo] = pages;
        await say(ana.page, 'hello over TLS');
        await waitForMessage(bo.page, ana.name, 'hello over TLS');
        await say(bo.page, 'and back');
        await waitForMessage(ana.page, bo.name, 'and back');
        for (const { log } of pages) {
            assert.deepEqual(log.websockets, [`wss://localhost:${server.port}/ws`]);
            assert.deepEqual(log.errors, []);
        }
    });

    it('is refused by a browser that does not trust the certificate', async () => {
        const page = await (await untrusting.newContext()).newPage();
        await assert.rejects(page.goto(`${server.origin}/`), /ERR_CERT_AUTHORITY_INVALID/);
    });
});
