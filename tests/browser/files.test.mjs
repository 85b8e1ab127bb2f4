// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Files in the web client (docs/protocol.md §14 and the attachments of `send` and `message`),
// used as people would: a file chosen with the attach button, an image dropped on the
// conversation and one pasted upload with progress; a big upload is cancelled on its way and
// leaves nothing behind; one over the server's limit says the limit; Send waits for a file still
// on its way and the files go with the message; the other page gets the image's thumbnail inline
// (the whole image in a lightbox, Escape closes it) and the other files as chips whose Download
// gives the same bytes. Guests get no attach button.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, waitForTextIn,
         watchPage } from './harness.mjs';
import { screenshot, signIn, waitForMessage } from './webclient.mjs';

const MaxBytes = 8 << 20;
// A text file whose name looks like markup: shown as typed, never as HTML. (No "/": the server
// drops a folder part.)
const NotesName = '<img src=x onerror="window.pwned=1"> notes 2026.txt';
const NotesText = 'Meeting notes\n한국어 줄\n'.repeat(50);

describe('web client files', () => {
    let server;
    let browser;
    let mina;
    let jun;
    let kim; // a guest

    // The chips waiting in the composer: name and state.
    const chips = (page) => page.$$eval('#uploads .upload-chip', (items) => items.map((li) => ({
        name: li.querySelector('.upload-name').textContent, state: li.dataset.state,
        status: li.querySelector('.upload-status').textContent })));

    async function waitForChip(page, name, state) {
        await page.waitForFunction(([want, wanted]) => Array.from(
            document.querySelectorAll('#uploads .upload-chip')).some((li) =>
            li.querySelector('.upload-name').textContent === want && li.dataset.state === wanted),
        [name, state], { timeout: 2 * WaitMs });
    }

    // Files the server keeps (not the ones on their way in files/tmp).
    function storedFiles() {
        const root = join(server.dataDir, 'files');
        const found = [];
        const walk = (dir) => {
            for (const entry of readdirSync(dir, { withFileTypes: true })) {
                if (entry.isDirectory() && entry.name !== 'tmp')
                    walk(join(dir, entry.name));
                else if (entry.isFile())
                    found.push(join(dir, entry.name));
            }
        };
        try {
            walk(root);
        } catch {
            // no files yet
        }
        return found;
    }

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        const config = join(server.dataDir, 'sori.ini');
        writeFileSync(config, `[files]\nmax-bytes = ${MaxBytes}\nmax-concurrent-per-account = 4\n`);
        await server.stop({ keepData: true });
        server.args = ['--config', config];
        await server.startAgain();
        browser = await launchChromium();
        mina = await (await browser.newContext({ locale: 'en-US' })).newPage();
        jun = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true }))
            .newPage();
        kim = await (await browser.newContext({ locale: 'en-US' })).newPage();
        for (const page of [mina, jun, kim]) {
            page.log = watchPage(page);
            await page.goto(`${server.origin}/`);
        }
        assert.equal(await signIn(mina, { mode: 'register', name: 'mina',
                                          password: 'mina password' }), 'mina');
        assert.equal(await signIn(jun, { mode: 'register', name: 'jun',
                                         password: 'jun password' }), 'jun');
        assert.equal(await signIn(kim, { mode: 'guest', name: 'kim' }), 'kim');
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('gives the attach button to accounts only', async () => {
        assert.equal(await mina.isVisible('#attach'), true);
        assert.equal(await kim.isVisible('#attach'), false);
    });

    it('uploads by the button and by a drop, cancels one on its way, says the limit',
       async () => {
        await mina.setInputFiles('#attach-input', { name: NotesName, mimeType: 'text/plain',
                                                    buffer: Buffer.from(NotesText) });
        await waitForChip(mina, NotesName, 'done');

        // An image dropped on the conversation: a PNG drawn in the page.
        await mina.evaluate(async () => {
            const canvas = document.createElement('canvas');
            canvas.width = 640;
            canvas.height = 400;
            const g = canvas.getContext('2d');
            g.fillStyle = '#2f6fde';
            g.fillRect(0, 0, 640, 400);
            g.fillStyle = '#ffcc00';
            g.fillRect(100, 100, 200, 120);
            const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
            const data = new DataTransfer();
            data.items.add(new File([blob], 'sketch.png', { type: 'image/png' }));
            const target = document.querySelector('#scroller');
            for (const type of ['dragenter', 'dragover', 'drop'])
                target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true,
                                                           cancelable: true }));
        });
        await waitForChip(mina, 'sketch.png', 'done');

        // An image pasted into the field (a screenshot has no name of its own: it gets one).
        await mina.evaluate(async () => {
            const canvas = document.createElement('canvas');
            canvas.width = 20;
            canvas.height = 20;
            const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
            const data = new DataTransfer();
            data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
            document.querySelector('#message').dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true }));
        });
        await mina.waitForFunction(() => Array.from(document.querySelectorAll(
            '#uploads .upload-chip[data-state="done"] .upload-name')).some((name) =>
            /^pasted-[0-9-]+\.png$/.test(name.textContent)), null, { timeout: 2 * WaitMs });
        await mina.click('#uploads .upload-chip:has-text("pasted-") .upload-cancel');

        // A big one, slowed down, cancelled on its way: its chip goes, nothing is kept.
        const kept = storedFiles().length;
        const cdp = await mina.context().newCDPSession(mina);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
            offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
        await mina.evaluate(() => {
            const big = new File([new Uint8Array(6 << 20).fill(7)], 'big.bin');
            const data = new DataTransfer();
            data.items.add(big);
            document.querySelector('#attach-input').files = data.files;
            document.querySelector('#attach-input').dispatchEvent(new Event('change'));
        });
        await mina.waitForFunction(() => {
            const chip = Array.from(document.querySelectorAll('#uploads .upload-chip'))
                .find((li) => li.querySelector('.upload-name').textContent === 'big.bin');
            const bar = chip?.querySelector('progress');
            return chip?.dataset.state === 'uploading' && bar.value > 0 && bar.value < 1;
        }, null, { timeout: 2 * WaitMs });
        await mina.click('#uploads .upload-chip:has-text("big.bin") .upload-cancel');
        await cdp.send('Network.emulateNetworkConditions', {
            offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        assert.deepEqual((await chips(mina)).map((c) => c.name), [NotesName, 'sketch.png']);
        assert.equal(storedFiles().length, kept, 'the cancelled upload left nothing behind');

        // Over the server's limit: the chip says the limit, and is taken off by hand.
        await mina.setInputFiles('#attach-input', { name: 'huge.bin',
                                                    mimeType: 'application/octet-stream',
                                                    buffer: Buffer.alloc(MaxBytes + 1, 1) });
        await waitForChip(mina, 'huge.bin', 'error');
        const huge = (await chips(mina)).find((c) => c.name === 'huge.bin');
        assert.equal(huge.status, 'Too large: this server takes files up to 8 MB.');
        await mina.click('#uploads .upload-chip:has-text("huge.bin") .upload-cancel');
        assert.deepEqual((await chips(mina)).map((c) => c.name), [NotesName, 'sketch.png']);
        assert.equal(await mina.evaluate(() => document.querySelectorAll('#messages img:not(.thumb), #uploads img').length),
                     0, 'the name is text');
    });

    it('sends the files with the message; the other page shows and downloads them',
       async () => {
        // Send waits for a file still on its way, then sends by itself.
        const cdp = await mina.context().newCDPSession(mina);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
            offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 128 * 1024 });
        await mina.setInputFiles('#attach-input', { name: 'later.bin',
                                                    mimeType: 'application/octet-stream',
                                                    buffer: Buffer.alloc(1 << 20, 2) });
        await mina.fill('#message', 'the notes and a sketch');
        await mina.press('#message', 'Enter');
        await waitForTextIn(mina, '#send', 'Waiting for files…');
        assert.equal(mina.log.sent.filter((f) => f.type === 'send').length, 0);
        await cdp.send('Network.emulateNetworkConditions', {
            offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await waitForMessage(mina, 'mina', 'the notes and a sketch', 2 * WaitMs);
        assert.equal(await mina.textContent('#send'), 'Send');
        const send = mina.log.sent.find((f) => f.type === 'send'
                                         && f.text === 'the notes and a sketch');
        assert.equal(send.attachments.length, 3);
        assert.equal(await mina.$$eval('#uploads .upload-chip', (l) => l.length), 0);

        await waitForMessage(jun, 'mina', 'the notes and a sketch', 2 * WaitMs);
        const seq = await jun.$$eval('#messages li.message', (items) => items.find((li) =>
            li.querySelector('.text')?.textContent === 'the notes and a sketch').dataset.seq);
        const item = `#messages li.message[data-seq="${seq}"]`;
        // The thumbnail arrives (fetched with the token) and is drawn.
        await jun.waitForFunction((selector) => {
            const image = document.querySelector(`${selector} .attachment.image img`);
            return image?.complete && image.naturalWidth > 0 && image.src.startsWith('blob:');
        }, item, { timeout: 2 * WaitMs });
        assert.equal(await jun.$eval(`${item} .attachment.image img`, (img) => img.naturalWidth),
                     320);
        assert.deepEqual(await jun.$$eval(`${item} .attachment.file`, (items) => items.map((li) =>
            [li.querySelector('.attachment-name').textContent,
             li.querySelector('.attachment-size').textContent])),
                         [[NotesName, `${(Buffer.byteLength(NotesText) / 1024).toFixed(1)} KB`],
                          ['later.bin', '1 MB']]);
        assert.equal(await jun.evaluate(() => document.querySelectorAll('#messages img:not(.thumb), #uploads img').length),
                     0);
        // No file is read without the token: none of the page's requests put it in the address.
        assert.equal(jun.log.requests.filter((url) => url.includes('token')).length, 0);
        await screenshot(jun, 'web-files.png');

        // The whole image in the lightbox; Escape closes it.
        await jun.click(`${item} .thumb-button`);
        await jun.waitForFunction(() => {
            const image = document.querySelector('#lightbox[open] #lightbox-image');
            return image?.complete && image.naturalWidth === 640;
        }, null, { timeout: 2 * WaitMs });
        await jun.keyboard.press('Escape');
        await jun.waitForSelector('#lightbox', { state: 'hidden', timeout: WaitMs });

        // Download: the same bytes, under its name.
        const [download] = await Promise.all([
            jun.waitForEvent('download', { timeout: 2 * WaitMs }),
            jun.click(`${item} .attachment.file:first-child .attachment-download`),
        ]);
        assert.ok(download.suggestedFilename().endsWith('notes 2026.txt'), download.suggestedFilename());
        assert.equal(readFileSync(await download.path(), 'utf8'), NotesText);
    });
});
