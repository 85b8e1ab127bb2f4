<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CertificateTrust</name>
    <message>
        <source>The certificate is self-signed: no certificate authority vouches for it.</source>
        <translation>The certificate is self-signed: no certificate authority vouches for it.</translation>
    </message>
    <message>
        <source>The certificate was issued by an authority this computer does not know.</source>
        <translation>The certificate was issued by an authority this computer does not know.</translation>
    </message>
    <message>
        <source>The certificate was issued for another name than this server&apos;s.</source>
        <translation>The certificate was issued for another name than this server&apos;s.</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>The certificate has expired.</translation>
    </message>
    <message>
        <source>The certificate is not valid yet.</source>
        <translation>The certificate is not valid yet.</translation>
    </message>
    <message>
        <source>The certificate was revoked.</source>
        <translation>The certificate was revoked.</translation>
    </message>
    <message>
        <source>The certificate is not valid: %1</source>
        <translation>The certificate is not valid: %1</translation>
    </message>
</context>
<context>
    <name>sori::FileTransfer</name>
    <message numerus="yes">
        <source>The file is larger than %n bytes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The server did not take the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was not accepted for files: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not post files in this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation type="unfinished">There is no such room.</translation>
    </message>
    <message>
        <source>There is no such file, or you may not read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload stalled and was dropped; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than this server takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many uploads at once: wait a little, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot take this upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy or cannot store files now; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::AttachmentBar</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A message carries at most %n file(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is too large: a file may have at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files can be sent only when signed in with an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a file&apos;s name and size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this file off the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::CertificateDialog</name>
    <message>
        <source>Warning: the server&apos;s identity changed</source>
        <translation>Warning: the server&apos;s identity changed</translation>
    </message>
    <message>
        <source>The identity of %1 has changed!</source>
        <translation>The identity of %1 has changed!</translation>
    </message>
    <message>
        <source>The server presents another certificate than the one you trusted before. This could be an attack: somebody between you and the server may be trying to read or change what you send. Or the server&apos;s operator replaced the certificate.
Disconnect, unless the operator confirms the new fingerprint.</source>
        <translation>The server presents another certificate than the one you trusted before. This could be an attack: somebody between you and the server may be trying to read or change what you send. Or the server&apos;s operator replaced the certificate.
Disconnect, unless the operator confirms the new fingerprint.</translation>
    </message>
    <message>
        <source>Certificate not valid</source>
        <translation>Certificate not valid</translation>
    </message>
    <message>
        <source>Sori cannot connect to %1 safely: its certificate is not valid.</source>
        <translation>Sori cannot connect to %1 safely: its certificate is not valid.</translation>
    </message>
    <message>
        <source>Unverified certificate</source>
        <translation>Unverified certificate</translation>
    </message>
    <message>
        <source>Sori cannot verify the identity of %1.</source>
        <translation>Sori cannot verify the identity of %1.</translation>
    </message>
    <message>
        <source>If you run this server, or its operator can tell you the certificate&apos;s fingerprint, compare it with the one below, group by group. If they are the same, you can trust this certificate: Sori remembers it for this server and warns you if it ever changes.</source>
        <translation>If you run this server, or its operator can tell you the certificate&apos;s fingerprint, compare it with the one below, group by group. If they are the same, you can trust this certificate: Sori remembers it for this server and warns you if it ever changes.</translation>
    </message>
    <message>
        <source>Trusted fingerprint (SHA-256):</source>
        <translation>Trusted fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>New fingerprint (SHA-256):</source>
        <translation>New fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>Trust the &amp;new certificate</source>
        <translation>Trust the &amp;new certificate</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;Trust and connect</source>
        <translation>&amp;Trust and connect</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>sori::chat::ChatSession</name>
    <message>
        <source>Signed out</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>Could not join %1: %2</source>
        <translation>Could not join %1: %2</translation>
    </message>
    <message>
        <source>Could not connect to the server.</source>
        <translation>Could not connect to the server.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more messages for %1 s.</source>
        <translation>Slow down: the server takes no more messages for %1 s.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more typing notices for %1 s.</source>
        <translation>Slow down: the server takes no more typing notices for %1 s.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more joins for %1 s.</source>
        <translation>Slow down: the server takes no more joins for %1 s.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more history or room list requests for %1 s.</source>
        <translation>Slow down: the server takes no more history or room list requests for %1 s.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more new rooms for %1 s.</source>
        <translation>Slow down: the server takes no more new rooms for %1 s.</translation>
    </message>
    <message>
        <source>Messages %1 to %2 in %3 are no longer kept on the server.</source>
        <translation>Messages %1 to %2 in %3 are no longer kept on the server.</translation>
    </message>
    <message>
        <source>Messages %1 to %2 in %3 were missed while offline: scroll up to load them.</source>
        <translation>Messages %1 to %2 in %3 were missed while offline: scroll up to load them.</translation>
    </message>
    <message>
        <source>Kicked.</source>
        <translation>Kicked.</translation>
    </message>
    <message>
        <source>Banned.</source>
        <translation>Banned.</translation>
    </message>
    <message>
        <source>Muted.</source>
        <translation>Muted.</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>Message deleted.</translation>
    </message>
    <message>
        <source>%1 may join #%2 now.</source>
        <translation>%1 may join #%2 now.</translation>
    </message>
    <message>
        <source>#%1 was deleted by %2.</source>
        <translation>#%1 was deleted by %2.</translation>
    </message>
    <message>
        <source>#%1 was archived by %2: it can be read; nobody can post in it.</source>
        <translation>#%1 was archived by %2: it can be read; nobody can post in it.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not trusted: not connected.</source>
        <translation>The server&apos;s certificate was not trusted: not connected.</translation>
    </message>
    <message>
        <source>the server&apos;s certificate changed</source>
        <translation>the server&apos;s certificate changed</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted</source>
        <translation>the server&apos;s certificate is not trusted</translation>
    </message>
    <message>
        <source>The server ran into a problem: please try again.</source>
        <translation>The server ran into a problem: please try again.</translation>
    </message>
    <message>
        <source>The server did not understand the request.</source>
        <translation>The server did not understand the request.</translation>
    </message>
    <message>
        <source>The server refused the request: a field is missing or out of range.</source>
        <translation>The server refused the request: a field is missing or out of range.</translation>
    </message>
    <message>
        <source>Not signed in yet.</source>
        <translation>Not signed in yet.</translation>
    </message>
    <message>
        <source>Already signed in on this connection.</source>
        <translation>Already signed in on this connection.</translation>
    </message>
    <message>
        <source>This server speaks another version of the protocol: please update Sori.</source>
        <translation>This server speaks another version of the protocol: please update Sori.</translation>
    </message>
    <message>
        <source>This name is not allowed: please choose another.</source>
        <translation>This name is not allowed: please choose another.</translation>
    </message>
    <message>
        <source>Somebody online already has this name: please choose another.</source>
        <translation>Somebody online already has this name: please choose another.</translation>
    </message>
    <message>
        <source>This room name is not allowed.</source>
        <translation>This room name is not allowed.</translation>
    </message>
    <message>
        <source>You are not in this room.</source>
        <translation>You are not in this room.</translation>
    </message>
    <message>
        <source>The message is too long for this server.</source>
        <translation>The message is too long for this server.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked: please sign in again.</source>
        <translation>The sign-in has expired or was revoked: please sign in again.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: wait a little, then try again.</source>
        <translation>Too many failed sign-ins: wait a little, then try again.</translation>
    </message>
    <message>
        <source>This server does not take guests: please sign in with an account.</source>
        <translation>This server does not take guests: please sign in with an account.</translation>
    </message>
    <message>
        <source>This server does not take new accounts.</source>
        <translation>This server does not take new accounts.</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>A password has at least %n characters.</numerusform>
            <numerusform>A password has at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>You are not allowed to do that.</translation>
    </message>
    <message>
        <source>This room is private: it takes only those invited.</source>
        <translation>This room is private: it takes only those invited.</translation>
    </message>
    <message>
        <source>A room of that name exists already.</source>
        <translation>A room of that name exists already.</translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation>There is no such room.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>There is no such account.</translation>
    </message>
    <message>
        <source>You are banned from this server.</source>
        <translation>You are banned from this server.</translation>
    </message>
    <message>
        <source>You are muted: you cannot post here for now.</source>
        <translation>You are muted: you cannot post here for now.</translation>
    </message>
    <message>
        <source>The server is busy: try again in a moment.</source>
        <translation>The server is busy: try again in a moment.</translation>
    </message>
    <message>
        <source>This room is archived: it can be read; nobody can post in it.</source>
        <translation>This room is archived: it can be read; nobody can post in it.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more of these for a moment.</source>
        <translation>Slow down: the server takes no more of these for a moment.</translation>
    </message>
    <message>
        <source>You are in as many rooms as the server allows: leave one first.</source>
        <translation>You are in as many rooms as the server allows: leave one first.</translation>
    </message>
    <message>
        <source>This name looks too much like another one, or mixes alphabets or look-alike letters: please choose another.</source>
        <translation>This name looks too much like another one, or mixes alphabets or look-alike letters: please choose another.</translation>
    </message>
    <message>
        <source>There is no account named %1.</source>
        <translation>There is no account named %1.</translation>
    </message>
    <message>
        <source>Could not invite %1: %2</source>
        <translation>Could not invite %1: %2</translation>
    </message>
    <message>
        <source>Signed out everywhere.</source>
        <translation>Signed out everywhere.</translation>
    </message>
    <message>
        <source>Room deleted.</source>
        <translation>Room deleted.</translation>
    </message>
    <message>
        <source>Room archived.</source>
        <translation>Room archived.</translation>
    </message>
    <message>
        <source>Announcement sent.</source>
        <translation>Announcement sent.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>%1 invited you to #%2.</source>
        <translation>%1 invited you to #%2.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins: try again in %n s.</source>
        <translation>
            <numerusform>Too many failed sign-ins: try again in %n s.</numerusform>
            <numerusform>Too many failed sign-ins: try again in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>You are banned from this server until %1.</source>
        <translation>You are banned from this server until %1.</translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation>%1 Reason: %2</translation>
    </message>
    <message>
        <source>You are muted until %1: you cannot post here until then.</source>
        <translation>You are muted until %1: you cannot post here until then.</translation>
    </message>
    <message numerus="yes">
        <source>Slow down: try again in %n s.</source>
        <translation>
            <numerusform>Slow down: try again in %n s.</numerusform>
            <numerusform>Slow down: try again in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>You were kicked by %1.</source>
        <translation>You were kicked by %1.</translation>
    </message>
    <message>
        <source>You were banned by %1 for good.</source>
        <translation>You were banned by %1 for good.</translation>
    </message>
    <message>
        <source>You were banned by %1 until %2.</source>
        <translation>You were banned by %1 until %2.</translation>
    </message>
    <message>
        <source>You were muted by %1 until it is lifted.</source>
        <translation>You were muted by %1 until it is lifted.</translation>
    </message>
    <message>
        <source>You were muted by %1 until %2.</source>
        <translation>You were muted by %1 until %2.</translation>
    </message>
    <message>
        <source>You were muted in #%1 by %2 until it is lifted.</source>
        <translation>You were muted in #%1 by %2 until it is lifted.</translation>
    </message>
    <message>
        <source>You were muted in #%1 by %2 until %3.</source>
        <translation>You were muted in #%1 by %2 until %3.</translation>
    </message>
    <message>
        <source>You were signed out everywhere by %1.</source>
        <translation>You were signed out everywhere by %1.</translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation>Not connected to the server.</translation>
    </message>
    <message>
        <source>That message is not there any more.</source>
        <translation>That message is not there any more.</translation>
    </message>
    <message>
        <source>This message is too old to be edited.</source>
        <translation>This message is too old to be edited.</translation>
    </message>
    <message>
        <source>This message has as many different reactions as it can take.</source>
        <translation>This message has as many different reactions as it can take.</translation>
    </message>
    <message>
        <source>Your change was refused: %1</source>
        <translation>Your change was refused: %1</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more searches for %1 s.</source>
        <translation>Slow down: the server takes no more searches for %1 s.</translation>
    </message>
    <message>
        <source>%1 changed the topic of #%2.</source>
        <translation>%1 changed the topic of #%2.</translation>
    </message>
    <message>
        <source>%1 lifted your ban.</source>
        <translation>%1 lifted your ban.</translation>
    </message>
    <message>
        <source>%1 lifted your mute.</source>
        <translation>%1 lifted your mute.</translation>
    </message>
    <message>
        <source>%1 lifted your mute in #%2.</source>
        <translation>%1 lifted your mute in #%2.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more moderation requests for %1 s.</source>
        <translation>Slow down: the server takes no more moderation requests for %1 s.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more account settings changes for %1 s.</source>
        <translation>Slow down: the server takes no more account settings changes for %1 s.</translation>
    </message>
    <message>
        <source>That device is not signed in any more.</source>
        <translation>That device is not signed in any more.</translation>
    </message>
    <message>
        <source>%1 renamed #%2 to #%3.</source>
        <translation>%1 renamed #%2 to #%3.</translation>
    </message>
    <message>
        <source>%1 took #%2 out of the archive: everyone can post in it again.</source>
        <translation>%1 took #%2 out of the archive: everyone can post in it again.</translation>
    </message>
    <message>
        <source>%1 took you out of #%2.</source>
        <translation>%1 took you out of #%2.</translation>
    </message>
    <message>
        <source>%1 made you a moderator.</source>
        <translation>%1 made you a moderator.</translation>
    </message>
    <message>
        <source>%1 made you a member again.</source>
        <translation>%1 made you a member again.</translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation>Role changed.</translation>
    </message>
    <message>
        <source>Taken out of the room.</source>
        <translation>Taken out of the room.</translation>
    </message>
    <message>
        <source>Lifted.</source>
        <translation>Lifted.</translation>
    </message>
    <message>
        <source>Topic changed.</source>
        <translation>Topic changed.</translation>
    </message>
    <message>
        <source>Room renamed.</source>
        <translation>Room renamed.</translation>
    </message>
    <message>
        <source>Room taken out of the archive.</source>
        <translation>Room taken out of the archive.</translation>
    </message>
    <message>
        <source>The file could not be attached: it is not one you uploaded to this room, or it is attached to another message already.</source>
        <translation>The file could not be attached: it is not one you uploaded to this room, or it is attached to another message already.</translation>
    </message>
    <message>
        <source>The notifications of #%1 were not changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::Composer</name>
    <message>
        <source>Write a message. Enter sends, Shift+Enter adds a line.</source>
        <translation>Write a message. Enter sends, Shift+Enter adds a line.</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Replying to %1: %2</translation>
    </message>
    <message>
        <source>Editing your message: Enter saves, Esc cancels</source>
        <translation>Editing your message: Enter saves, Esc cancels</translation>
    </message>
</context>
<context>
    <name>sori::chat::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation>Create a room</translation>
    </message>
    <message>
        <source>Public: anyone may join</source>
        <translation>Public: anyone may join</translation>
    </message>
    <message>
        <source>Private: by invitation</source>
        <translation>Private: by invitation</translation>
    </message>
    <message>
        <source>Announcements: everyone reads, moderators write</source>
        <translation>Announcements: everyone reads, moderators write</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>sori::chat::FileCache</name>
    <message>
        <source>Not connected to a server with an account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::ImageViewer</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Loading…</translation>
    </message>
    <message>
        <source>This image cannot be shown (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::MainWindow</name>
    <message>
        <source>Rooms</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>People in the room</source>
        <translation>People in the room</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconnect now</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>&amp;Join a room…</translation>
    </message>
    <message>
        <source>&amp;Create a room…</source>
        <translation>&amp;Create a room…</translation>
    </message>
    <message>
        <source>&amp;Leave the room</source>
        <translation>&amp;Leave the room</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>&amp;Previous room</translation>
    </message>
    <message>
        <source>Ne&amp;xt room</source>
        <translation>Ne&amp;xt room</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>&amp;Write a message</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Sign out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Sori</source>
        <translation>&amp;About Sori</translation>
    </message>
    <message>
        <source>About Sori</source>
        <translation>About Sori</translation>
    </message>
    <message>
        <source>Sori %1: real-time chat for desktop and browser.</source>
        <translation>Sori %1: real-time chat for desktop and browser.</translation>
    </message>
    <message>
        <source>&amp;Show Sori</source>
        <translation>&amp;Show Sori</translation>
    </message>
    <message>
        <source>Sori</source>
        <translation>Sori</translation>
    </message>
    <message>
        <source>%1 – Sori</source>
        <translation>%1 – Sori</translation>
    </message>
    <message>
        <source>you were kicked (%1)</source>
        <translation>you were kicked (%1)</translation>
    </message>
    <message>
        <source>signed out by an administrator</source>
        <translation>signed out by an administrator</translation>
    </message>
    <message>
        <source>banned (%1)</source>
        <translation>banned (%1)</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>the server is shutting down</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>the connection was lost</translation>
    </message>
    <message>
        <source>the server dropped the connection (%1)</source>
        <translation>the server dropped the connection (%1)</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Connected to %1 as %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost: %1. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Connection lost: %1. Reconnecting in %n s…</numerusform>
            <numerusform>Connection lost: %1. Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost: %1. Reconnecting…</source>
        <translation>Connection lost: %1. Reconnecting…</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Offline: %1</translation>
    </message>
    <message>
        <source>No room</source>
        <translation>No room</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Only moderators and admins write in this room.</source>
        <translation>Only moderators and admins write in this room.</translation>
    </message>
    <message>
        <source>Write a message. Enter sends, Shift+Enter adds a line.</source>
        <translation>Write a message. Enter sends, Shift+Enter adds a line.</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 and %2 are typing…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Several people are typing…</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Direct messages are for accounts: sign in to send one.</source>
        <translation>Direct messages are for accounts: sign in to send one.</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>&amp;Leave</translation>
    </message>
    <message>
        <source>Send a &amp;direct message</source>
        <translation>Send a &amp;direct message</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>&amp;Copy text</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation>&amp;Delete message</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 is a guest: direct messages are between accounts.</source>
        <translation>%1 is a guest: direct messages are between accounts.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>The system&apos;s language</translation>
    </message>
    <message>
        <source>&amp;Invite someone to this room…</source>
        <translation>&amp;Invite someone to this room…</translation>
    </message>
    <message>
        <source>Invite to #%1</source>
        <translation>Invite to #%1</translation>
    </message>
    <message>
        <source>The account to let into #%1:</source>
        <translation>The account to let into #%1:</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Not encrypted</translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted (ws://): anybody on the network between you and the server can read it.</source>
        <translation>The connection to %1 is not encrypted (ws://): anybody on the network between you and the server can read it.</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>The connection to %1 is encrypted (TLS).
%2
Certificate fingerprint (SHA-256):
%3</source>
        <translation>The connection to %1 is encrypted (TLS).
%2
Certificate fingerprint (SHA-256):
%3</translation>
    </message>
    <message>
        <source>You trusted this certificate when you first connected.</source>
        <translation>You trusted this certificate when you first connected.</translation>
    </message>
    <message>
        <source>A certificate authority this computer trusts vouches for it.</source>
        <translation>A certificate authority this computer trusts vouches for it.</translation>
    </message>
    <message>
        <source>you were kicked</source>
        <translation>you were kicked</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>banned</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>Connection lost. Reconnecting…</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>%1 invited you to #%2.</source>
        <translation>%1 invited you to #%2.</translation>
    </message>
    <message>
        <source>Dismiss the announcement</source>
        <translation>Dismiss the announcement</translation>
    </message>
    <message>
        <source>Announcement from %1</source>
        <translation>Announcement from %1</translation>
    </message>
    <message>
        <source>Announcement from %1 (%2): %3</source>
        <translation>Announcement from %1 (%2): %3</translation>
    </message>
    <message>
        <source>Announcement from %1: %2</source>
        <translation>Announcement from %1: %2</translation>
    </message>
    <message>
        <source>&amp;Join #%1</source>
        <translation>&amp;Join #%1</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <source>&amp;React</source>
        <translation>&amp;React</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>New con&amp;versation…</source>
        <translation>New con&amp;versation…</translation>
    </message>
    <message>
        <source>Sea&amp;rch messages…</source>
        <translation>Sea&amp;rch messages…</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Online</source>
        <translation>&amp;Online</translation>
    </message>
    <message>
        <source>&amp;Away</source>
        <translation>&amp;Away</translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation>&amp;Do not disturb</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away (idle)</source>
        <translation>Away (idle)</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>Your status: %1</source>
        <translation>Your status: %1</translation>
    </message>
    <message>
        <source>&amp;Take %1 out of this room</source>
        <translation>&amp;Take %1 out of this room</translation>
    </message>
    <message>
        <source>Make %1 a m&amp;oderator</source>
        <translation>Make %1 a m&amp;oderator</translation>
    </message>
    <message>
        <source>Make %1 a m&amp;ember again</source>
        <translation>Make %1 a m&amp;ember again</translation>
    </message>
    <message>
        <source>Edit the &amp;topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rena&amp;me the room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moderation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rena&amp;me…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic of #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What #%1 is about (empty: no topic):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new name of #%1 (its messages and members stay with it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation type="unfinished">&amp;Kick %1…</translation>
    </message>
    <message>
        <source>&amp;Mute in this room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All messages</source>
        <translation type="unfinished">&amp;All messages</translation>
    </message>
    <message>
        <source>&amp;Mentions only</source>
        <translation>&amp;Mentions only</translation>
    </message>
    <message>
        <source>&amp;Nothing</source>
        <translation>&amp;Nothing</translation>
    </message>
    <message>
        <source>&amp;Notifications for this room</source>
        <translation>&amp;Notifications for this room</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Notifications</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files can be sent only when signed in with an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to the next message (or drop them here, or paste an image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not uploaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted image %1.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message goes as soon as its files are uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::MemberDelegate</name>
    <message>
        <source>desktop</source>
        <translation>desktop</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>plain</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>moderator</translation>
    </message>
    <message>
        <source>away</source>
        <translation>away</translation>
    </message>
    <message>
        <source>do not disturb</source>
        <translation>do not disturb</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageDelegate</name>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>mod</source>
        <comment>a moderator&apos;s badge</comment>
        <translation>mod</translation>
    </message>
    <message>
        <source>admin</source>
        <comment>an admin&apos;s badge</comment>
        <translation>admin</translation>
    </message>
    <message>
        <source>This message was deleted.</source>
        <translation>This message was deleted.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(edited)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>a file&apos;s name and size</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageMarks</name>
    <message>
        <source>New messages</source>
        <translation>New messages</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageView</name>
    <message>
        <source>%1 reacted with %2</source>
        <translation>%1 reacted with %2</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>Edited %1</translation>
    </message>
</context>
<context>
    <name>sori::chat::ModerationDialog</name>
    <message>
        <source>Moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished">Close</translation>
    </message>
</context>
<context>
    <name>sori::chat::PeopleDialog</name>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>moderator</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Search by name</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Show &amp;more people</source>
        <translation>Show &amp;more people</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Open conversation</source>
        <translation>&amp;Open conversation</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>away</source>
        <translation>away</translation>
    </message>
    <message>
        <source>do not disturb</source>
        <translation>do not disturb</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>sori::chat::RoomDelegate</name>
    <message>
        <source>private</source>
        <translation>private</translation>
    </message>
    <message>
        <source>announcements</source>
        <translation>announcements</translation>
    </message>
</context>
<context>
    <name>sori::chat::RoomDirectoryDialog</name>
    <message>
        <source>public</source>
        <translation>public</translation>
    </message>
    <message>
        <source>private</source>
        <translation>private</translation>
    </message>
    <message>
        <source>announcements</source>
        <translation>announcements</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direct</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>Join a room</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Room:</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Join</translation>
    </message>
    <message>
        <source>&amp;Rooms on this server:</source>
        <translation>&amp;Rooms on this server:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Search by name</translation>
    </message>
    <message>
        <source>Show &amp;more rooms</source>
        <translation>Show &amp;more rooms</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Take out of the &amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let everyone post in the selected archived room again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::SanctionDialog</name>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect %1 now? They can come back at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop %1 from posting in #%2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished">Ban %1</translation>
    </message>
    <message>
        <source>Ban %1 from this server? They are signed out and cannot sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation type="unfinished">&amp;Ban</translation>
    </message>
    <message>
        <source>For 10 minutes</source>
        <translation type="unfinished">For 10 minutes</translation>
    </message>
    <message>
        <source>For an hour</source>
        <translation type="unfinished">For an hour</translation>
    </message>
    <message>
        <source>For a day</source>
        <translation type="unfinished">For a day</translation>
    </message>
    <message>
        <source>Until lifted</source>
        <translation type="unfinished">Until lifted</translation>
    </message>
    <message>
        <source>For a week</source>
        <translation type="unfinished">For a week</translation>
    </message>
    <message>
        <source>For good</source>
        <translation type="unfinished">For good</translation>
    </message>
    <message>
        <source>optional: they are told it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>&amp;How long:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sori::chat::SearchDialog</name>
    <message>
        <source>Search messages</source>
        <translation>Search messages</translation>
    </message>
    <message>
        <source>Words to find, in every room and conversation</source>
        <translation>Words to find, in every room and conversation</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Show &amp;older results</source>
        <translation>Show &amp;older results</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Show in the room</source>
        <translation>&amp;Show in the room</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message numerus="yes">
        <source>Type at least %n characters.</source>
        <translation>
            <numerusform>Type at least %n characters.</numerusform>
            <numerusform>Type at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3: %4</source>
        <translation>%1, %2, %3: %4</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>No messages found.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>sori::chat::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>&amp;Devices</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Notifications</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>A&amp;ppearance</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>You are signed in as a guest: a guest has no password to change. Sign in with an account for these settings.</source>
        <translation>You are signed in as a guest: a guest has no password to change. Sign in with an account for these settings.</translation>
    </message>
    <message>
        <source>A new password for %1. It takes effect at once; this device stays signed in.</source>
        <translation>A new password for %1. It takes effect at once; this device stays signed in.</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>&amp;Repeat the new one:</source>
        <translation>&amp;Repeat the new one:</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n characters</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Also sign out my &amp;other devices</source>
        <translation>Also sign out my &amp;other devices</translation>
    </message>
    <message>
        <source>C&amp;hange the password</source>
        <translation>C&amp;hange the password</translation>
    </message>
    <message>
        <source>Devices are the sign-ins of an account: a guest has none.</source>
        <translation>Devices are the sign-ins of an account: a guest has none.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;End this sign-in</source>
        <translation>&amp;End this sign-in</translation>
    </message>
    <message>
        <source>Signs the chosen device out: it needs the password to come back.</source>
        <translation>Signs the chosen device out: it needs the password to come back.</translation>
    </message>
    <message>
        <source>What each room may call your attention for, on every device you use: a notification and a count in the room list.</source>
        <translation>What each room may call your attention for, on every device you use: a notification and a count in the room list.</translation>
    </message>
    <message>
        <source>What each room may call your attention for: a notification and a count in the room list. A guest&apos;s choice lasts until signing out.</source>
        <translation>What each room may call your attention for: a notification and a count in the room list. A guest&apos;s choice lasts until signing out.</translation>
    </message>
    <message>
        <source>You are in no room yet.</source>
        <translation>You are in no room yet.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Theme:</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>The system&apos;s language</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>The system&apos;s</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Both apply at once and are kept for the next start.</source>
        <translation>Both apply at once and are kept for the next start.</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>All messages</translation>
    </message>
    <message>
        <source>Mentions only</source>
        <translation>Mentions only</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>Type your current password.</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>A password has at least %n characters.</numerusform>
            <numerusform>A password has at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new password and its repetition differ.</source>
        <translation>The new password and its repetition differ.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Changing the password…</translation>
    </message>
    <message>
        <source>The current password is not right: nothing was changed.</source>
        <translation>The current password is not right: nothing was changed.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords: try again in %n s.</source>
        <translation>
            <numerusform>Too many wrong passwords: try again in %n s.</numerusform>
            <numerusform>Too many wrong passwords: try again in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait a little, then try again.</source>
        <translation>Too many wrong passwords: wait a little, then try again.</translation>
    </message>
    <message>
        <source>Done: the password is changed, and your other devices are signed out.</source>
        <translation>Done: the password is changed, and your other devices are signed out.</translation>
    </message>
    <message>
        <source>Done: the password is changed.</source>
        <translation>Done: the password is changed.</translation>
    </message>
    <message>
        <source>Done: that device is signed out.</source>
        <translation>Done: that device is signed out.</translation>
    </message>
    <message>
        <source>That device is signed out already.</source>
        <translation>That device is signed out already.</translation>
    </message>
    <message>
        <source>Could not end that sign-in: %1</source>
        <translation>Could not end that sign-in: %1</translation>
    </message>
    <message>
        <source>Could not list the devices: %1</source>
        <translation>Could not list the devices: %1</translation>
    </message>
    <message>
        <source>Desktop app</source>
        <translation>Desktop app</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Other program</source>
        <translation>Other program</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (this device)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Ending that sign-in…</source>
        <translation>Ending that sign-in…</translation>
    </message>
    <message>
        <source>Not connected: try again once the connection is back.</source>
        <translation>Not connected: try again once the connection is back.</translation>
    </message>
</context>
<context>
    <name>sori::chat::SignInDialog</name>
    <message>
        <source>This name looks too much like another one (an account, somebody online or the server), or mixes alphabets or look-alike letters. Please choose another.</source>
        <translation>This name looks too much like another one (an account, somebody online or the server), or mixes alphabets or look-alike letters. Please choose another.</translation>
    </message>
    <message>
        <source>Sign in to Sori</source>
        <translation>Sign in to Sori</translation>
    </message>
    <message>
        <source>Welcome to Sori</source>
        <translation>Welcome to Sori</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>empty: the server picks one</source>
        <translation>empty: the server picks one</translation>
    </message>
    <message>
        <source>&amp;Nickname:</source>
        <translation>&amp;Nickname:</translation>
    </message>
    <message>
        <source>Guests chat in public rooms under a nickname that is theirs while they are online.</source>
        <translation>Guests chat in public rooms under a nickname that is theirs while they are online.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>&amp;Create a new account</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Guest</source>
        <translation>&amp;Guest</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <source>Create &amp;account</source>
        <translation>Create &amp;account</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>The server address starts with ws:// or wss://, for example ws://localhost:8080/ws.</source>
        <translation>The server address starts with ws:// or wss://, for example ws://localhost:8080/ws.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>At least %n characters.</numerusform>
            <numerusform>At least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;onfirm password:</source>
        <translation>C&amp;onfirm password:</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>A password has at least %n characters.</numerusform>
            <numerusform>A password has at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>The two passwords differ: type the same password twice.</translation>
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
        <translation type="unfinished">Room</translation>
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
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished">Room</translation>
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
        <translation type="unfinished">&amp;Refresh</translation>
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
