<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Cli</name>
    <message>
        <source>--%1 takes a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The same again: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is already an account called %1; use --reset-password to change its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no account called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be a name: use 1 to %2 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin account %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot change the password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of %1 is changed; every sign-in of that account is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sori: real-time chat for desktop and browser, on one port for HTTP and WebSocket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run without the server window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;port&gt; (default %1; 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &lt;address&gt; only (default: every address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep data in &lt;dir&gt; (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &lt;n&gt; worker threads for connections (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest chat message in bytes (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest incoming WebSocket message in bytes (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds a new connection has to send its request (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the latest &lt;n&gt; stored messages of a room on joining it (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most messages one history request may ask for (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also accept browser connections from pages of &lt;origin&gt; (repeatable; * for any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log every request and event (debug messages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read settings from the INI &lt;file&gt; (see docs/admin.md); options given here override it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the admin account &lt;name&gt; (password from the terminal or the first line of standard input), then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password for &lt;name&gt; and revoke its sign-ins, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bind takes an IP address, such as 127.0.0.1 or ::1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: --max-frame-size is below --max-message-size; the frame limit comes first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set, and QT_QPA_PLATFORM names no platform): running headless.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot install the signal handlers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sori server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot listen on port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping: closing every connection (press Ctrl+C again to quit at once)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sori %1 is listening on port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Data:         %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping: closing every connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server window is open; closing it asks whether to keep serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGHUP: TLS is off; nothing to reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded the TLS certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new TLS certificate cannot be used; the one in use stays (see the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Web client:   %3://%1:%2/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Classic page: %3://%1:%2/classic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  WebSocket:    %3://%1:%2/ws (protocol sori.v1; without a subprotocol: plain text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  TLS:          %1, valid until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Fingerprint:  SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Redirect:     http://%1:%2/ -&gt; HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both, or neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--http-redirect-port redirects to HTTPS: it needs --tls-cert and --tls-key, or --tls-self-signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak TLS (https://, wss://) on the port with the certificate chain in the PEM &lt;file&gt;; reread on SIGHUP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key of --tls-cert (a PEM &lt;file&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without --tls-cert: speak TLS with a certificate made once and kept in the data directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also listen for plain HTTP on &lt;port&gt; and redirect every request to HTTPS (0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict-Transport-Security max-age over TLS in seconds (default %1; 0: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--allow-origin takes an origin such as https://chat.example.org (or *), not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--public-origin takes an origin such as https://chat.example.org, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s own origin as browsers reach it, e.g. https://chat.example.org behind a proxy (repeatable; default: localhost and this machine&apos;s names and addresses at the listening port).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fatal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::AnnounceDialog</name>
    <message>
        <source>Send an announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once to everyone online, whatever rooms they are in; not kept in any room&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as a message from &quot;server&quot; in this room and kept in its history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::BanDialog</name>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban the address %1 instead of the name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban the address %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban the address %1? Everyone connecting from it is refused until the ban runs out; %2 is disconnected at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also connected from there now, and disconnected too: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1? %1 is disconnected at once and cannot come back until the ban runs out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ConnectionModel</name>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 is connected %n times</source>
        <translation>
            <numerusform>%1 is connected once</numerusform>
            <numerusform>%1 is connected %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; 1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits, - _ .</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::DeleteMessageDialog</name>
    <message>
        <source>Delete a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s text is removed for good, from the history and from every client that shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ListenDialog</name>
    <message>
        <source>Listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections stay; new ones come to the new address. The choice is remembered for the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::LogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::MuteDialog</name>
    <message>
        <source>Mute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1? %1 stays online but cannot send messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::RoomModel</name>
    <message>
        <source>%1 online / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ServerWindow</name>
    <message numerus="yes">
        <source>%1  (%n connections)</source>
        <translation>
            <numerusform>%1</numerusform>
            <numerusform>%1  (%n connections)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1, port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sori server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect the selected user (every connection) with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke sign-ins…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the selected account out everywhere; its tokens stop working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Announce…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take no new connections; the open ones stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server? Every client is disconnected with &quot;server shutting down&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a room to see who is in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by category or text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in per second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries out per second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in, in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries out, in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections accepted, in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep serving in the tray? The clients stay connected; the tray icon brings the window back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the server and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Still serving; %n online.</source>
        <translation>
            <numerusform>Still serving; %n online.</numerusform>
            <numerusform>Still serving; %n online.</numerusform>
        </translation>
    </message>
    <message>
        <source>Closing the window stops the server. Every client is disconnected with &quot;server shutting down&quot;. Stop the server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online now (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sori server: %n online</source>
        <translation>
            <numerusform>Sori server: %n online</numerusform>
            <numerusform>Sori server: %n online</numerusform>
        </translation>
    </message>
    <message>
        <source>TLS off</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s)</source>
        <translation>
            <numerusform>%n worker thread</numerusform>
            <numerusform>%n worker threads</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcement sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer listening; open connections stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign %1 out everywhere? Every connection of the account is closed and its saved sign-ins stop working; the password stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message %1 of %2 for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take no new connections? The clients connected now stay connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused at a connection cap, in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connections closed at once because a cap in [limits] was reached; the log says which. Open now: %1 of at most %2.</source>
        <translation></translation>
    </message>
    <message>
        <source>A&amp;rchive room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the selected room read-only: no new messages, no new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &amp;room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected room and its messages for everybody; its members are told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive the room %1? Nobody can post in it or join it any more; its members can still read its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the room %1 for everybody? Its members are taken out of it and all its messages are deleted for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections are not encrypted (http://, ws://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS on (self-signed), until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS on, until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate SHA-256 fingerprint:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP on port %1 is redirected to HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, role, client or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the people whose name, role, client or address contains this text; what matched is highlighted. Rooms are not searched: see the Rooms tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1? Every connection of %1 is closed; they may come back at once.
Reason (shown to them, optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned %1 for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned %1 until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted %1 everywhere for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted %1 everywhere until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted %1 in %2 for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted %1 in %2 until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the sign-ins of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the sign-ins of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected room a new topic; its members see it at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected room a new name; its history and members go with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unarchive room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the selected archived room take messages again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take somebody out of the selected private room; they cannot come back unless invited again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote to moderator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the selected account moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Demote to member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected moderator no longer moderates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room renamed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room unarchived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New topic of %1 (empty: none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name of %1? Its members, history and invitations go with it; links to the old name stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unarchive a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unarchive the room %1? Its members can post in it again and others can join it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a member of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account to take out of %1 (it leaves the room at once and cannot join it again unless invited):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demote %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 a moderator? They can kick, ban and mute members and guests from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 a member again? They can no longer moderate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a moderator now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a member now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::server::gui::StatsChart</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries out per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now %1 · peak %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::widgets::AuditView</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what was done to this name, room or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this action (empty: every action)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next, older page of the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what this name did (&quot;server&quot;: the server&apos;s own window)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::widgets::SanctionsView</name>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next page of sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the selected ban or mute now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the ban of %1 now? They can sign in again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the mute of %1 everywhere now? They can post again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the mute of %1 in %2 now? They can post there again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift a sanction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
