// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The classic page, as in the old PHP/jQuery tutorials but without jQuery: one WebSocket with no
// subprotocol (the server's "plain" mode). Every frame we send is a chat message; every frame we
// receive is one line of text, "name: text", shown as text and never parsed as HTML.
'use strict';

(function () {
    const input = document.getElementById('message');
    const button = document.getElementById('send');
    const form = document.getElementById('composer');
    const list = document.getElementById('messages');
    const status = document.getElementById('status');

    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = proto + '//' + location.host + '/';

    function setStatus(text, state) {
        status.textContent = text;
        status.dataset.state = state;
    }

    function append(text, kind) {
        const item = document.createElement('li');
        item.textContent = text;
        if (kind)
            item.className = kind;
        else if (text.startsWith('error: '))
            item.className = 'error';
        const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
        list.appendChild(item);
        if (stick)
            list.scrollTop = list.scrollHeight;
    }

    function setEnabled(enabled) {
        input.disabled = !enabled;
        button.disabled = !enabled;
    }

    setStatus('Connecting to ' + url + '…', 'connecting');
    const socket = new WebSocket(url);

    socket.addEventListener('open', function () {
        setStatus('Connected.', 'connected');
        setEnabled(true);
        input.focus();
    });

    socket.addEventListener('message', function (event) {
        if (typeof event.data === 'string')
            append(event.data);
    });

    socket.addEventListener('close', function (event) {
        setEnabled(false);
        let text = 'Closed (code ' + event.code;
        text += event.reason ? ': ' + event.reason + ').' : ').';
        setStatus(text + ' Reload the page to connect again.', 'closed');
    });

    socket.addEventListener('error', function () {
        // A close event always follows and says more; this only marks the moment.
        append('The connection failed.', 'error');
    });

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        const text = input.value;
        if (text.trim() === '' || socket.readyState !== WebSocket.OPEN)
            return;
        socket.send(text);
        input.value = '';
        input.focus();
    });
})();
