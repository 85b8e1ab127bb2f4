// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client over TLS (issue 20): sori-server with the test certificate (tests/support/tls),
// Chromium trusting the test's certificate authority (added to the NSS database of a HOME of its
// own, where Chromium on Linux reads locally trusted roots), two pages chatting over https:// and
// wss:// on the server's one port; and a Chromium without that CA refusing the page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, here, launchChromium, loadPlaywright, watchPage } from './harness.mjs';
import { say, signIn, waitForMessage } from './webclient.mjs';

const TlsDir = join(here, '..', 'support', 'tls');

// A HOME whose NSS database (~/.pki/nssdb) trusts the test CA to identify servers
// (certutil, Debian's libnss3-tools).
function homeTrustingTestCa() {
    const home = mkdtempSync(join(tmpdir(), 'sori-nss-'));
    const db = join(home, '.pki', 'nssdb');
    mkdirSync(db, { recursive: true });
    execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
    execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'Sori Test CA',
                              '-i', join(TlsDir, 'ca.pem')]);
    return home;
}

describe('web client over TLS', () => {
    let server;
    let browser;
    let untrusting;
    let home;

    before(async () => {
        loadPlaywright();
        server = await Server.start({
            args: ['--tls-cert', join(TlsDir, 'server.pem'), '--tls-key', join(TlsDir, 'server.key')],
        });
        server.origin = `https://localhost:${server.port}`;
        home = homeTrustingTestCa();
        browser = await launchChromium([], { env: { ...process.env, HOME: home } });
        untrusting = await launchChromium([], {
            env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'sori-nss-')) },
        });
    });

    after(async () => {
        await browser?.close();
        await untrusting?.close();
        await server?.stop();
        if (home)
            rmSync(home, { recursive: true, force: true });
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
