// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// node-ws-relay: the Node `ws` broadcast relay Sori is measured against (docs/benchmarks.md).
// Every text message goes to every other client of the same path (the "room") as "c<id>: text".
'use strict';
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 8091);
const server = new WebSocketServer({ port, perMessageDeflate: false });
const rooms = new Map();
let nextId = 0;

server.on('connection', (socket, request) => {
    const room = request.url || '/';
    if (!rooms.has(room))
        rooms.set(room, new Set());
    const members = rooms.get(room);
    members.add(socket);
    const prefix = `c${++nextId}: `;
    socket.on('message', (data, isBinary) => {
        if (isBinary)
            return;
        const line = prefix + data.toString();
        for (const other of members) {
            if (other !== socket && other.readyState === WebSocket.OPEN)
                other.send(line);
        }
    });
    socket.on('close', () => members.delete(socket));
});
server.on('listening', () => {
    console.log(`node-ws-relay is listening on port ${server.address().port}.`);
});
