<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CertificateTrust</name>
    <message>
        <source>The certificate is self-signed: no certificate authority vouches for it.</source>
        <translation>자체 서명된 인증서입니다: 이를 보증하는 인증 기관이 없습니다.</translation>
    </message>
    <message>
        <source>The certificate was issued by an authority this computer does not know.</source>
        <translation>이 컴퓨터가 알지 못하는 기관이 발급한 인증서입니다.</translation>
    </message>
    <message>
        <source>The certificate was issued for another name than this server&apos;s.</source>
        <translation>이 서버가 아닌 다른 이름으로 발급된 인증서입니다.</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>인증서가 만료되었습니다.</translation>
    </message>
    <message>
        <source>The certificate is not valid yet.</source>
        <translation>인증서가 아직 유효하지 않습니다.</translation>
    </message>
    <message>
        <source>The certificate was revoked.</source>
        <translation>인증서가 폐기되었습니다.</translation>
    </message>
    <message>
        <source>The certificate is not valid: %1</source>
        <translation>인증서가 유효하지 않습니다: %1</translation>
    </message>
</context>
<context>
    <name>sori::FileTransfer</name>
    <message numerus="yes">
        <source>The file is larger than %n bytes.</source>
        <translation><numerusform>파일이 %n바이트보다 큽니다.</numerusform></translation>
    </message>
    <message>
        <source>The server did not take the request: %1</source>
        <translation>서버가 요청을 받지 않았습니다: %1</translation>
    </message>
    <message>
        <source>The sign-in was not accepted for files: sign in again.</source>
        <translation>파일을 보내는 데 로그인이 받아들여지지 않았습니다. 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>You may not post files in this room.</source>
        <translation>이 방에는 파일을 올릴 수 없습니다.</translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation>그런 방이 없습니다.</translation>
    </message>
    <message>
        <source>There is no such file, or you may not read it.</source>
        <translation>그런 파일이 없거나 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The upload stalled and was dropped; try again.</source>
        <translation>업로드가 멈춰서 중단되었습니다. 다시 해 보세요.</translation>
    </message>
    <message>
        <source>The file is larger than this server takes.</source>
        <translation>이 서버가 받는 것보다 큰 파일입니다.</translation>
    </message>
    <message>
        <source>Too many uploads at once: wait a little, then try again.</source>
        <translation>한꺼번에 올리는 파일이 너무 많습니다. 잠시 뒤에 다시 해 보세요.</translation>
    </message>
    <message>
        <source>The server cannot take this upload.</source>
        <translation>서버가 이 업로드를 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>The server is busy or cannot store files now; try again later.</source>
        <translation>서버가 바쁘거나 지금은 파일을 저장할 수 없습니다. 나중에 다시 해 보세요.</translation>
    </message>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation>서버가 HTTP 상태 %1(으)로 응답했습니다.</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>취소했습니다.</translation>
    </message>
    <message>
        <source>No answer from the server: %1</source>
        <translation>서버가 응답하지 않습니다: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload could not be read.</source>
        <translation>업로드에 대한 서버의 응답을 읽을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>sori::chat::AttachmentBar</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1을(를) 읽을 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>A message carries at most %n file(s).</source>
        <translation><numerusform>메시지 하나에는 파일을 %n개까지 첨부할 수 있습니다.</numerusform></translation>
    </message>
    <message>
        <source>%1 is too large: a file may have at most %2.</source>
        <translation>%1은(는) 너무 큽니다. 파일은 %2까지만 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Files can be sent only when signed in with an account.</source>
        <translation>파일은 계정으로 로그인했을 때만 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a file&apos;s name and size</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cancel this file</source>
        <translation>이 파일 취소</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 취소</translation>
    </message>
    <message>
        <source>Take this file off the message</source>
        <translation>이 파일을 메시지에서 빼기</translation>
    </message>
</context>
<context>
    <name>sori::chat::CertificateDialog</name>
    <message>
        <source>Warning: the server&apos;s identity changed</source>
        <translation>경고: 서버의 신원이 바뀌었습니다</translation>
    </message>
    <message>
        <source>The identity of %1 has changed!</source>
        <translation>%1의 신원이 바뀌었습니다!</translation>
    </message>
    <message>
        <source>The server presents another certificate than the one you trusted before. This could be an attack: somebody between you and the server may be trying to read or change what you send. Or the server&apos;s operator replaced the certificate.
Disconnect, unless the operator confirms the new fingerprint.</source>
        <translation>서버가 이전에 신뢰한 것과 다른 인증서를 제시합니다. 공격일 수 있습니다: 누군가 사용자와 서버 사이에서 보내는 내용을 읽거나 바꾸려 할 수 있습니다. 또는 서버 운영자가 인증서를 교체했을 수도 있습니다.
운영자가 새 지문을 확인해 주지 않는 한 연결을 끊으십시오.</translation>
    </message>
    <message>
        <source>Certificate not valid</source>
        <translation>유효하지 않은 인증서</translation>
    </message>
    <message>
        <source>Sori cannot connect to %1 safely: its certificate is not valid.</source>
        <translation>Sori가 %1에 안전하게 연결할 수 없습니다: 인증서가 유효하지 않습니다.</translation>
    </message>
    <message>
        <source>Unverified certificate</source>
        <translation>확인되지 않은 인증서</translation>
    </message>
    <message>
        <source>Sori cannot verify the identity of %1.</source>
        <translation>Sori가 %1의 신원을 확인할 수 없습니다.</translation>
    </message>
    <message>
        <source>If you run this server, or its operator can tell you the certificate&apos;s fingerprint, compare it with the one below, group by group. If they are the same, you can trust this certificate: Sori remembers it for this server and warns you if it ever changes.</source>
        <translation>이 서버를 직접 운영하거나 운영자에게서 인증서 지문을 들을 수 있다면, 아래 지문과 한 묶음씩 비교하십시오. 같다면 이 인증서를 신뢰해도 됩니다: Sori가 이 서버의 인증서로 기억하고, 바뀌면 경고합니다.</translation>
    </message>
    <message>
        <source>Trusted fingerprint (SHA-256):</source>
        <translation>신뢰한 지문 (SHA-256):</translation>
    </message>
    <message>
        <source>New fingerprint (SHA-256):</source>
        <translation>새 지문 (SHA-256):</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>지문 (SHA-256):</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>연결 끊기(&amp;D)</translation>
    </message>
    <message>
        <source>Trust the &amp;new certificate</source>
        <translation>새 인증서 신뢰(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Trust and connect</source>
        <translation>신뢰하고 연결(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>sori::chat::ChatSession</name>
    <message>
        <source>Signed out</source>
        <translation>로그아웃했습니다</translation>
    </message>
    <message>
        <source>Could not join %1: %2</source>
        <translation>%1 방에 들어가지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Could not connect to the server.</source>
        <translation>서버에 연결하지 못했습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more messages for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 메시지를 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more typing notices for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 입력 알림을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more joins for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 방 들어가기를 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more history or room list requests for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 기록과 방 목록 요청을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more new rooms for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 새 방을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Messages %1 to %2 in %3 are no longer kept on the server.</source>
        <translation>%3 방의 메시지 %1~%2번은 서버에 더 이상 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>Messages %1 to %2 in %3 were missed while offline: scroll up to load them.</source>
        <translation>오프라인인 동안 %3 방의 메시지 %1~%2번을 놓쳤습니다. 위로 스크롤하면 불러옵니다.</translation>
    </message>
    <message>
        <source>Kicked.</source>
        <translation>내보냈습니다.</translation>
    </message>
    <message>
        <source>Banned.</source>
        <translation>차단했습니다.</translation>
    </message>
    <message>
        <source>Muted.</source>
        <translation>발언을 금지했습니다.</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>메시지를 삭제했습니다.</translation>
    </message>
    <message>
        <source>%1 may join #%2 now.</source>
        <translation>이제 %1 님이 #%2 방에 들어올 수 있습니다.</translation>
    </message>
    <message>
        <source>#%1 was deleted by %2.</source>
        <translation>%2님이 #%1 방을 삭제했습니다.</translation>
    </message>
    <message>
        <source>#%1 was archived by %2: it can be read; nobody can post in it.</source>
        <translation>%2님이 #%1 방을 보관했습니다. 읽을 수는 있지만 아무도 글을 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not trusted: not connected.</source>
        <translation>서버 인증서를 신뢰하지 않아 연결하지 않았습니다.</translation>
    </message>
    <message>
        <source>the server&apos;s certificate changed</source>
        <translation>서버 인증서가 바뀌었습니다</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted</source>
        <translation>서버 인증서를 신뢰할 수 없습니다</translation>
    </message>
    <message>
        <source>The server ran into a problem: please try again.</source>
        <translation>서버에 문제가 생겼습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>The server did not understand the request.</source>
        <translation>서버가 요청을 이해하지 못했습니다.</translation>
    </message>
    <message>
        <source>The server refused the request: a field is missing or out of range.</source>
        <translation>서버가 요청을 거절했습니다. 빠졌거나 범위를 벗어난 항목이 있습니다.</translation>
    </message>
    <message>
        <source>Not signed in yet.</source>
        <translation>아직 로그인하지 않았습니다.</translation>
    </message>
    <message>
        <source>Already signed in on this connection.</source>
        <translation>이 연결에서 이미 로그인했습니다.</translation>
    </message>
    <message>
        <source>This server speaks another version of the protocol: please update Sori.</source>
        <translation>이 서버는 다른 버전의 프로토콜을 씁니다. Sori를 업데이트해 주세요.</translation>
    </message>
    <message>
        <source>This name is not allowed: please choose another.</source>
        <translation>쓸 수 없는 이름입니다. 다른 이름을 골라 주세요.</translation>
    </message>
    <message>
        <source>Somebody online already has this name: please choose another.</source>
        <translation>접속 중인 다른 사람이 이미 이 이름을 쓰고 있습니다. 다른 이름을 골라 주세요.</translation>
    </message>
    <message>
        <source>This room name is not allowed.</source>
        <translation>쓸 수 없는 방 이름입니다.</translation>
    </message>
    <message>
        <source>You are not in this room.</source>
        <translation>이 방에 들어와 있지 않습니다.</translation>
    </message>
    <message>
        <source>The message is too long for this server.</source>
        <translation>이 서버에 보내기에는 메시지가 너무 깁니다.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>사용자 이름 또는 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked: please sign in again.</source>
        <translation>로그인이 만료되었거나 취소되었습니다. 다시 로그인해 주세요.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: wait a little, then try again.</source>
        <translation>로그인 실패가 너무 많습니다. 잠시 기다렸다가 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>This server does not take guests: please sign in with an account.</source>
        <translation>이 서버는 손님을 받지 않습니다. 계정으로 로그인해 주세요.</translation>
    </message>
    <message>
        <source>This server does not take new accounts.</source>
        <translation>이 서버는 새 계정을 받지 않습니다.</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>비밀번호는 %n자 이상이어야 합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>그렇게 할 권한이 없습니다.</translation>
    </message>
    <message>
        <source>This room is private: it takes only those invited.</source>
        <translation>비공개 방입니다. 초대받은 사람만 들어갈 수 있습니다.</translation>
    </message>
    <message>
        <source>A room of that name exists already.</source>
        <translation>같은 이름의 방이 이미 있습니다.</translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation>그런 방은 없습니다.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>그런 계정은 없습니다.</translation>
    </message>
    <message>
        <source>You are banned from this server.</source>
        <translation>이 서버에서 차단되었습니다.</translation>
    </message>
    <message>
        <source>You are muted: you cannot post here for now.</source>
        <translation>발언이 금지되어 지금은 여기에 글을 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The server is busy: try again in a moment.</source>
        <translation>서버가 바쁩니다. 잠시 뒤에 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>This room is archived: it can be read; nobody can post in it.</source>
        <translation>보관된 방입니다. 읽을 수는 있지만 아무도 글을 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more of these for a moment.</source>
        <translation>천천히 하세요. 서버가 잠시 동안 이 요청을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>You are in as many rooms as the server allows: leave one first.</source>
        <translation>서버가 허용하는 만큼 방에 들어가 있습니다. 먼저 방 하나에서 나가 주세요.</translation>
    </message>
    <message>
        <source>This name looks too much like another one, or mixes alphabets or look-alike letters: please choose another.</source>
        <translation>이 이름은 다른 이름과 너무 비슷하거나, 여러 문자 체계나 비슷하게 생긴 글자를 섞어 씁니다. 다른 이름을 골라 주세요.</translation>
    </message>
    <message>
        <source>There is no account named %1.</source>
        <translation>%1(이)라는 계정은 없습니다.</translation>
    </message>
    <message>
        <source>Could not invite %1: %2</source>
        <translation>%1 님을 초대하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Signed out everywhere.</source>
        <translation>모든 기기에서 로그아웃시켰습니다.</translation>
    </message>
    <message>
        <source>Room deleted.</source>
        <translation>방을 삭제했습니다.</translation>
    </message>
    <message>
        <source>Room archived.</source>
        <translation>방을 보관했습니다.</translation>
    </message>
    <message>
        <source>Announcement sent.</source>
        <translation>공지를 보냈습니다.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>완료했습니다.</translation>
    </message>
    <message>
        <source>%1 invited you to #%2.</source>
        <translation>%1 님이 #%2 방에 초대했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins: try again in %n s.</source>
        <translation>
            <numerusform>로그인 실패가 너무 많습니다. %n초 후에 다시 시도해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>You are banned from this server until %1.</source>
        <translation>%1까지 이 서버에서 차단되었습니다.</translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation>%1 사유: %2</translation>
    </message>
    <message>
        <source>You are muted until %1: you cannot post here until then.</source>
        <translation>%1까지 발언이 금지되어 그때까지 여기에 글을 쓸 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Slow down: try again in %n s.</source>
        <translation>
            <numerusform>천천히 하세요. %n초 후에 다시 시도해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>You were kicked by %1.</source>
        <translation>%1 님이 나를 내보냈습니다.</translation>
    </message>
    <message>
        <source>You were banned by %1 for good.</source>
        <translation>%1 님이 나를 영구히 차단했습니다.</translation>
    </message>
    <message>
        <source>You were banned by %1 until %2.</source>
        <translation>%1 님이 나를 %2까지 차단했습니다.</translation>
    </message>
    <message>
        <source>You were muted by %1 until it is lifted.</source>
        <translation>%1 님이 해제할 때까지 내 발언을 금지했습니다.</translation>
    </message>
    <message>
        <source>You were muted by %1 until %2.</source>
        <translation>%1 님이 %2까지 내 발언을 금지했습니다.</translation>
    </message>
    <message>
        <source>You were muted in #%1 by %2 until it is lifted.</source>
        <translation>%2 님이 #%1 방에서 해제할 때까지 내 발언을 금지했습니다.</translation>
    </message>
    <message>
        <source>You were muted in #%1 by %2 until %3.</source>
        <translation>%2 님이 #%1 방에서 %3까지 내 발언을 금지했습니다.</translation>
    </message>
    <message>
        <source>You were signed out everywhere by %1.</source>
        <translation>%1 님이 나를 모든 기기에서 로그아웃시켰습니다.</translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation>서버에 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>That message is not there any more.</source>
        <translation>그 메시지는 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>This message is too old to be edited.</source>
        <translation>너무 오래된 메시지라 수정할 수 없습니다.</translation>
    </message>
    <message>
        <source>This message has as many different reactions as it can take.</source>
        <translation>이 메시지에는 더 이상 다른 반응을 남길 수 없습니다.</translation>
    </message>
    <message>
        <source>Your change was refused: %1</source>
        <translation>변경이 거부되었습니다: %1</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more searches for %1 s.</source>
        <translation>너무 빠릅니다: %1초 동안 서버가 검색을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>%1 changed the topic of #%2.</source>
        <translation>%1님이 #%2의 주제를 바꿨습니다.</translation>
    </message>
    <message>
        <source>%1 lifted your ban.</source>
        <translation>%1님이 내 차단을 해제했습니다.</translation>
    </message>
    <message>
        <source>%1 lifted your mute.</source>
        <translation>%1님이 모든 방에서 내 입력 금지를 해제했습니다.</translation>
    </message>
    <message>
        <source>%1 lifted your mute in #%2.</source>
        <translation>%1님이 #%2에서 내 입력 금지를 해제했습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more moderation requests for %1 s.</source>
        <translation>천천히 하세요: 서버가 %1초 동안 관리 요청을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>Slow down: the server takes no more account settings changes for %1 s.</source>
        <translation>천천히 하세요: 서버가 %1초 동안 계정 설정 변경을 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>That device is not signed in any more.</source>
        <translation>그 기기는 이제 로그인되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 renamed #%2 to #%3.</source>
        <translation>%1님이 #%2의 이름을 #%3(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <source>%1 took #%2 out of the archive: everyone can post in it again.</source>
        <translation>%1님이 #%2의 보관을 풀었습니다. 다시 누구나 글을 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 took you out of #%2.</source>
        <translation>%1님이 나를 #%2에서 내보냈습니다.</translation>
    </message>
    <message>
        <source>%1 made you a moderator.</source>
        <translation>%1님이 나를 운영자로 지정했습니다.</translation>
    </message>
    <message>
        <source>%1 made you a member again.</source>
        <translation>%1님이 나를 일반 회원으로 되돌렸습니다.</translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation>역할을 바꿨습니다.</translation>
    </message>
    <message>
        <source>Taken out of the room.</source>
        <translation>방에서 내보냈습니다.</translation>
    </message>
    <message>
        <source>Lifted.</source>
        <translation>해제했습니다.</translation>
    </message>
    <message>
        <source>Topic changed.</source>
        <translation>주제를 바꿨습니다.</translation>
    </message>
    <message>
        <source>Room renamed.</source>
        <translation>방 이름을 바꿨습니다.</translation>
    </message>
    <message>
        <source>Room taken out of the archive.</source>
        <translation>방의 보관을 풀었습니다.</translation>
    </message>
    <message>
        <source>The file could not be attached: it is not one you uploaded to this room, or it is attached to another message already.</source>
        <translation>파일을 첨부할 수 없습니다. 이 방에 직접 올린 파일이 아니거나, 이미 다른 메시지에 첨부된 파일입니다.</translation>
    </message>
    <message>
        <source>The notifications of #%1 were not changed: %2</source>
        <translation>#%1의 알림 설정을 바꾸지 못했습니다: %2</translation>
    </message>
</context>
<context>
    <name>sori::chat::Composer</name>
    <message>
        <source>Write a message. Enter sends, Shift+Enter adds a line.</source>
        <translation>메시지를 입력하세요. Enter로 보내고 Shift+Enter로 줄을 바꿉니다.</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>취소 (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>%1 님에게 답장: %2</translation>
    </message>
    <message>
        <source>Editing your message: Enter saves, Esc cancels</source>
        <translation>메시지 수정 중: Enter로 저장, Esc로 취소</translation>
    </message>
</context>
<context>
    <name>sori::chat::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation>방 만들기</translation>
    </message>
    <message>
        <source>Public: anyone may join</source>
        <translation>공개: 누구나 들어올 수 있음</translation>
    </message>
    <message>
        <source>Private: by invitation</source>
        <translation>비공개: 초대받은 사람만</translation>
    </message>
    <message>
        <source>Announcements: everyone reads, moderators write</source>
        <translation>공지: 모두 읽고, 운영자만 씀</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>주제(&amp;T):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>sori::chat::FileCache</name>
    <message>
        <source>Not connected to a server with an account.</source>
        <translation>계정으로 서버에 연결되어 있지 않습니다.</translation>
    </message>
</context>
<context>
    <name>sori::chat::ImageViewer</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>This image cannot be shown (%1).</source>
        <translation>이 이미지를 표시할 수 없습니다 (%1).</translation>
    </message>
</context>
<context>
    <name>sori::chat::MainWindow</name>
    <message>
        <source>Rooms</source>
        <translation>방 목록</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>People in the room</source>
        <translation>방에 있는 사람</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>지금 다시 연결(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>채팅(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>방 들어가기(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Create a room…</source>
        <translation>방 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Leave the room</source>
        <translation>방 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>이전 방(&amp;P)</translation>
    </message>
    <message>
        <source>Ne&amp;xt room</source>
        <translation>다음 방(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>메시지 쓰기(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>로그아웃(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Sori</source>
        <translation>Sori 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Sori</source>
        <translation>Sori 정보</translation>
    </message>
    <message>
        <source>Sori %1: real-time chat for desktop and browser.</source>
        <translation>Sori %1: 데스크톱과 브라우저를 위한 실시간 채팅.</translation>
    </message>
    <message>
        <source>&amp;Show Sori</source>
        <translation>Sori 보이기(&amp;S)</translation>
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
        <translation>방에서 내보내졌습니다 (%1)</translation>
    </message>
    <message>
        <source>signed out by an administrator</source>
        <translation>관리자가 로그아웃시켰습니다</translation>
    </message>
    <message>
        <source>banned (%1)</source>
        <translation>차단되었습니다 (%1)</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>서버가 종료되는 중입니다</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>연결이 끊어졌습니다</translation>
    </message>
    <message>
        <source>the server dropped the connection (%1)</source>
        <translation>서버가 연결을 끊었습니다 (%1)</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결되어 있지 않습니다</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>%1에 %2(으)로 연결됨</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1에 연결하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost: %1. Reconnecting in %n s…</source>
        <translation>
            <numerusform>연결 끊김: %1. %n초 후 다시 연결합니다…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost: %1. Reconnecting…</source>
        <translation>연결 끊김: %1. 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>오프라인: %1</translation>
    </message>
    <message>
        <source>No room</source>
        <translation>방 없음</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Only moderators and admins write in this room.</source>
        <translation>이 방에는 운영자와 관리자만 글을 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Write a message. Enter sends, Shift+Enter adds a line.</source>
        <translation>메시지를 입력하세요. Enter로 보내고 Shift+Enter로 줄을 바꿉니다.</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 님이 입력하는 중…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 님과 %2 님이 입력하는 중…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>여러 사람이 입력하는 중…</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>Direct messages are for accounts: sign in to send one.</source>
        <translation>개인 메시지는 계정 사용자만 보낼 수 있습니다. 로그인하세요.</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>나가기(&amp;L)</translation>
    </message>
    <message>
        <source>Send a &amp;direct message</source>
        <translation>개인 메시지 보내기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>다시 보내기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation>메시지 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>%1 is a guest: direct messages are between accounts.</source>
        <translation>%1 님은 손님입니다. 개인 메시지는 계정 사용자끼리만 주고받을 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>&amp;Invite someone to this room…</source>
        <translation>이 방에 초대(&amp;I)…</translation>
    </message>
    <message>
        <source>Invite to #%1</source>
        <translation>#%1 방에 초대</translation>
    </message>
    <message>
        <source>The account to let into #%1:</source>
        <translation>#%1 방에 들일 계정:</translation>
    </message>
    <message>
        <source>online</source>
        <translation>접속 중</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>마지막 접속 %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>접속하지 않음</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>암호화되지 않음</translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted (ws://): anybody on the network between you and the server can read it.</source>
        <translation>%1 연결은 암호화되지 않았습니다 (ws://): 사용자와 서버 사이 네트워크의 누구나 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>암호화됨</translation>
    </message>
    <message>
        <source>The connection to %1 is encrypted (TLS).
%2
Certificate fingerprint (SHA-256):
%3</source>
        <translation>%1 연결은 암호화되어 있습니다 (TLS).
%2
인증서 지문 (SHA-256):
%3</translation>
    </message>
    <message>
        <source>You trusted this certificate when you first connected.</source>
        <translation>처음 연결할 때 이 인증서를 신뢰했습니다.</translation>
    </message>
    <message>
        <source>A certificate authority this computer trusts vouches for it.</source>
        <translation>이 컴퓨터가 신뢰하는 인증 기관이 보증하는 인증서입니다.</translation>
    </message>
    <message>
        <source>you were kicked</source>
        <translation>방에서 내보내졌습니다</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>차단되었습니다</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>연결이 끊겼습니다. %n초 후 다시 연결합니다…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>연결이 끊겼습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>초대</translation>
    </message>
    <message>
        <source>%1 invited you to #%2.</source>
        <translation>%1 님이 #%2 방에 초대했습니다.</translation>
    </message>
    <message>
        <source>Dismiss the announcement</source>
        <translation>공지 닫기</translation>
    </message>
    <message>
        <source>Announcement from %1</source>
        <translation>%1의 공지</translation>
    </message>
    <message>
        <source>Announcement from %1 (%2): %3</source>
        <translation>%1의 공지 (%2): %3</translation>
    </message>
    <message>
        <source>Announcement from %1: %2</source>
        <translation>%1의 공지: %2</translation>
    </message>
    <message>
        <source>&amp;Join #%1</source>
        <translation>#%1 들어가기(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>답장(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;React</source>
        <translation>반응(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>수정(&amp;E)</translation>
    </message>
    <message>
        <source>New con&amp;versation…</source>
        <translation>새 대화(&amp;V)…</translation>
    </message>
    <message>
        <source>Sea&amp;rch messages…</source>
        <translation>메시지 검색(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>상태(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Online</source>
        <translation>접속 중(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Away</source>
        <translation>자리 비움(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation>방해 금지(&amp;D)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>접속 중</translation>
    </message>
    <message>
        <source>Away (idle)</source>
        <translation>자리 비움 (입력 없음)</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>방해 금지</translation>
    </message>
    <message>
        <source>Your status: %1</source>
        <translation>내 상태: %1</translation>
    </message>
    <message>
        <source>&amp;Take %1 out of this room</source>
        <translation>%1님을 이 방에서 내보내기(&amp;T)</translation>
    </message>
    <message>
        <source>Make %1 a m&amp;oderator</source>
        <translation>%1님을 운영자로 지정(&amp;O)</translation>
    </message>
    <message>
        <source>Make %1 a m&amp;ember again</source>
        <translation>%1님을 일반 회원으로 되돌리기(&amp;E)</translation>
    </message>
    <message>
        <source>Edit the &amp;topic…</source>
        <translation>주제 편집(&amp;T)…</translation>
    </message>
    <message>
        <source>Rena&amp;me the room…</source>
        <translation>방 이름 바꾸기(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Moderation…</source>
        <translation>관리(&amp;M)…</translation>
    </message>
    <message>
        <source>Rena&amp;me…</source>
        <translation>이름 바꾸기(&amp;M)…</translation>
    </message>
    <message>
        <source>Topic of #%1</source>
        <translation>#%1의 주제</translation>
    </message>
    <message>
        <source>What #%1 is about (empty: no topic):</source>
        <translation>#%1은(는) 무엇에 관한 방인가요 (비우면 주제 없음):</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Rename #%1</source>
        <translation>#%1 이름 바꾸기</translation>
    </message>
    <message>
        <source>The new name of #%1 (its messages and members stay with it):</source>
        <translation>#%1의 새 이름 (메시지와 멤버는 그대로 유지됩니다):</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>이름 바꾸기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation>%1 내보내기(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Mute in this room…</source>
        <translation>이 방에서 발언 금지(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;All messages</source>
        <translation>모든 메시지(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Mentions only</source>
        <translation>멘션만(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Nothing</source>
        <translation>받지 않음(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Notifications for this room</source>
        <translation>이 방의 알림(&amp;N)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>설정(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>알림(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation>차단(&amp;B)…</translation>
    </message>
    <message>
        <source>Files can be sent only when signed in with an account.</source>
        <translation>파일은 계정으로 로그인했을 때만 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>&amp;Attach files…</source>
        <translation>파일 첨부(&amp;A)…</translation>
    </message>
    <message>
        <source>Attach files to the next message (or drop them here, or paste an image)</source>
        <translation>다음 메시지에 파일을 첨부합니다 (여기에 끌어다 놓거나 이미지를 붙여 넣어도 됩니다)</translation>
    </message>
    <message>
        <source>%1 was not uploaded: %2</source>
        <translation>%1을(를) 올리지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Pasted image %1.png</source>
        <translation>붙여 넣은 이미지 %1.png</translation>
    </message>
    <message>
        <source>The message goes as soon as its files are uploaded.</source>
        <translation>파일을 다 올리면 메시지가 바로 전송됩니다.</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 저장</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1을(를) 저장하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Could not download the file: %1</source>
        <translation>파일을 내려받지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>sori::chat::MemberDelegate</name>
    <message>
        <source>desktop</source>
        <translation>데스크톱</translation>
    </message>
    <message>
        <source>web</source>
        <translation>웹</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>운영자</translation>
    </message>
    <message>
        <source>away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <source>do not disturb</source>
        <translation>방해 금지</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageDelegate</name>
    <message>
        <source>guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>mod</source>
        <comment>a moderator&apos;s badge</comment>
        <translation>운영자</translation>
    </message>
    <message>
        <source>admin</source>
        <comment>an admin&apos;s badge</comment>
        <translation>관리자</translation>
    </message>
    <message>
        <source>This message was deleted.</source>
        <translation>삭제된 메시지입니다.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>다시 보내기</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>보내지 못함: %1</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(수정됨)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>a file&apos;s name and size</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageMarks</name>
    <message>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
</context>
<context>
    <name>sori::chat::MessageView</name>
    <message>
        <source>%1 reacted with %2</source>
        <translation>%1 님이 %2 반응을 남겼습니다</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>%1에 수정됨</translation>
    </message>
</context>
<context>
    <name>sori::chat::ModerationDialog</name>
    <message>
        <source>Moderation</source>
        <translation>관리</translation>
    </message>
    <message>
        <source>&amp;Sanctions</source>
        <translation>제재(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>감사 기록(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>sori::chat::PeopleDialog</name>
    <message>
        <source>admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>운영자</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>이름으로 검색</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Show &amp;more people</source>
        <translation>사람 더 보기(&amp;M)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;Open conversation</source>
        <translation>대화 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>검색(&amp;S):</translation>
    </message>
    <message>
        <source>away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <source>do not disturb</source>
        <translation>방해 금지</translation>
    </message>
    <message>
        <source>online</source>
        <translation>접속 중</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>마지막 접속 %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>접속하지 않음</translation>
    </message>
</context>
<context>
    <name>sori::chat::RoomDelegate</name>
    <message>
        <source>private</source>
        <translation>비공개</translation>
    </message>
    <message>
        <source>announcements</source>
        <translation>공지</translation>
    </message>
</context>
<context>
    <name>sori::chat::RoomDirectoryDialog</name>
    <message>
        <source>public</source>
        <translation>공개</translation>
    </message>
    <message>
        <source>private</source>
        <translation>비공개</translation>
    </message>
    <message>
        <source>announcements</source>
        <translation>공지</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>개인</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>방 들어가기</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>접속</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>주제</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>방(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>들어가기(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Rooms on this server:</source>
        <translation>이 서버의 방(&amp;R):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>이름으로 검색</translation>
    </message>
    <message>
        <source>Show &amp;more rooms</source>
        <translation>방 더 보기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>검색(&amp;S):</translation>
    </message>
    <message>
        <source>Take out of the &amp;archive</source>
        <translation>보관 해제(&amp;A)</translation>
    </message>
    <message>
        <source>Let everyone post in the selected archived room again</source>
        <translation>선택한 보관된 방에 모두가 다시 글을 쓸 수 있게 합니다</translation>
    </message>
    <message>
        <source>%1, archived</source>
        <translation>%1, 보관됨</translation>
    </message>
</context>
<context>
    <name>sori::chat::SanctionDialog</name>
    <message>
        <source>Kick %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>Disconnect %1 now? They can come back at once.</source>
        <translation>%1 님의 연결을 지금 끊을까요? 곧바로 다시 들어올 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation>내보내기(&amp;K)</translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation>%1 발언 금지</translation>
    </message>
    <message>
        <source>Stop %1 from posting in #%2?</source>
        <translation>%1 님이 #%2에 글을 쓰지 못하게 할까요?</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>발언 금지(&amp;M)</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 차단</translation>
    </message>
    <message>
        <source>Ban %1 from this server? They are signed out and cannot sign in.</source>
        <translation>%1 님을 이 서버에서 차단할까요? 로그아웃되고 다시 로그인할 수 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>차단(&amp;B)</translation>
    </message>
    <message>
        <source>For 10 minutes</source>
        <translation>10분 동안</translation>
    </message>
    <message>
        <source>For an hour</source>
        <translation>1시간 동안</translation>
    </message>
    <message>
        <source>For a day</source>
        <translation>하루 동안</translation>
    </message>
    <message>
        <source>Until lifted</source>
        <translation>해제할 때까지</translation>
    </message>
    <message>
        <source>For a week</source>
        <translation>일주일 동안</translation>
    </message>
    <message>
        <source>For good</source>
        <translation>영구히</translation>
    </message>
    <message>
        <source>optional: they are told it</source>
        <translation>선택 사항: 당사자에게 알려집니다</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;How long:</source>
        <translation>기간(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>사유(&amp;R):</translation>
    </message>
</context>
<context>
    <name>sori::chat::SearchDialog</name>
    <message>
        <source>Search messages</source>
        <translation>메시지 검색</translation>
    </message>
    <message>
        <source>Words to find, in every room and conversation</source>
        <translation>모든 방과 대화에서 찾을 단어</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <source>Show &amp;older results</source>
        <translation>이전 결과 더 보기(&amp;O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>&amp;Show in the room</source>
        <translation>방에서 보기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>검색(&amp;S):</translation>
    </message>
    <message numerus="yes">
        <source>Type at least %n characters.</source>
        <translation>
            <numerusform>%n자 이상 입력하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3: %4</source>
        <translation>%1, %2, %3: %4</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>찾은 메시지가 없습니다.</translation>
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
        <translation>설정</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>기기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>알림(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>모양(&amp;P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>You are signed in as a guest: a guest has no password to change. Sign in with an account for these settings.</source>
        <translation>손님으로 로그인했습니다. 손님에게는 바꿀 비밀번호가 없습니다. 이 설정은 계정으로 로그인하면 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>A new password for %1. It takes effect at once; this device stays signed in.</source>
        <translation>%1 계정의 새 비밀번호입니다. 바로 적용되며, 이 기기는 로그인 상태로 남습니다.</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>현재 비밀번호(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>새 비밀번호(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Repeat the new one:</source>
        <translation>새 비밀번호 확인(&amp;R):</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>%n자 이상</numerusform>
        </translation>
    </message>
    <message>
        <source>Also sign out my &amp;other devices</source>
        <translation>내 다른 기기에서도 로그아웃(&amp;O)</translation>
    </message>
    <message>
        <source>C&amp;hange the password</source>
        <translation>비밀번호 바꾸기(&amp;H)</translation>
    </message>
    <message>
        <source>Devices are the sign-ins of an account: a guest has none.</source>
        <translation>기기는 계정의 로그인입니다. 손님에게는 없습니다.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>마지막 접속</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;End this sign-in</source>
        <translation>이 로그인 끝내기(&amp;E)</translation>
    </message>
    <message>
        <source>Signs the chosen device out: it needs the password to come back.</source>
        <translation>고른 기기를 로그아웃시킵니다. 다시 들어오려면 비밀번호가 필요합니다.</translation>
    </message>
    <message>
        <source>What each room may call your attention for, on every device you use: a notification and a count in the room list.</source>
        <translation>방마다 무엇을 알려 줄지 정합니다(알림과 방 목록의 개수). 쓰는 모든 기기에 적용됩니다.</translation>
    </message>
    <message>
        <source>What each room may call your attention for: a notification and a count in the room list. A guest&apos;s choice lasts until signing out.</source>
        <translation>방마다 무엇을 알려 줄지 정합니다(알림과 방 목록의 개수). 손님의 선택은 로그아웃할 때까지 유지됩니다.</translation>
    </message>
    <message>
        <source>You are in no room yet.</source>
        <translation>아직 들어간 방이 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>테마(&amp;T):</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Both apply at once and are kept for the next start.</source>
        <translation>둘 다 바로 적용되며 다음 실행 때도 유지됩니다.</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>모든 메시지</translation>
    </message>
    <message>
        <source>Mentions only</source>
        <translation>멘션만</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>받지 않음</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>현재 비밀번호를 입력해 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>비밀번호는 %n자 이상이어야 합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new password and its repetition differ.</source>
        <translation>새 비밀번호와 확인이 다릅니다.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>비밀번호를 바꾸는 중…</translation>
    </message>
    <message>
        <source>The current password is not right: nothing was changed.</source>
        <translation>현재 비밀번호가 맞지 않습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords: try again in %n s.</source>
        <translation>
            <numerusform>틀린 비밀번호가 너무 많습니다. %n초 후에 다시 시도해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait a little, then try again.</source>
        <translation>틀린 비밀번호가 너무 많습니다. 잠시 기다린 뒤 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>Done: the password is changed, and your other devices are signed out.</source>
        <translation>완료: 비밀번호를 바꾸었고 다른 기기는 로그아웃되었습니다.</translation>
    </message>
    <message>
        <source>Done: the password is changed.</source>
        <translation>완료: 비밀번호를 바꾸었습니다.</translation>
    </message>
    <message>
        <source>Done: that device is signed out.</source>
        <translation>완료: 그 기기를 로그아웃시켰습니다.</translation>
    </message>
    <message>
        <source>That device is signed out already.</source>
        <translation>그 기기는 이미 로그아웃되었습니다.</translation>
    </message>
    <message>
        <source>Could not end that sign-in: %1</source>
        <translation>그 로그인을 끝내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Could not list the devices: %1</source>
        <translation>기기 목록을 가져오지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Desktop app</source>
        <translation>데스크톱 앱</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>브라우저</translation>
    </message>
    <message>
        <source>Other program</source>
        <translation>다른 프로그램</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (이 기기)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Ending that sign-in…</source>
        <translation>그 로그인을 끝내는 중…</translation>
    </message>
    <message>
        <source>Not connected: try again once the connection is back.</source>
        <translation>연결되어 있지 않습니다. 연결이 돌아오면 다시 시도해 주세요.</translation>
    </message>
</context>
<context>
    <name>sori::chat::SignInDialog</name>
    <message>
        <source>This name looks too much like another one (an account, somebody online or the server), or mixes alphabets or look-alike letters. Please choose another.</source>
        <translation>이 이름은 다른 이름(계정, 접속 중인 사람 또는 서버)과 너무 비슷하거나, 여러 문자 체계나 비슷하게 생긴 글자를 섞어 씁니다. 다른 이름을 골라 주세요.</translation>
    </message>
    <message>
        <source>Sign in to Sori</source>
        <translation>Sori 로그인</translation>
    </message>
    <message>
        <source>Welcome to Sori</source>
        <translation>Sori에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>empty: the server picks one</source>
        <translation>비워 두면 서버가 정해 줍니다</translation>
    </message>
    <message>
        <source>&amp;Nickname:</source>
        <translation>닉네임(&amp;N):</translation>
    </message>
    <message>
        <source>Guests chat in public rooms under a nickname that is theirs while they are online.</source>
        <translation>손님은 공개 방에서 닉네임으로 대화합니다. 닉네임은 접속해 있는 동안만 내 것입니다.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>새 계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Guest</source>
        <translation>손님(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>로그인(&amp;I)</translation>
    </message>
    <message>
        <source>Create &amp;account</source>
        <translation>계정 만들기(&amp;A)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1에 연결하는 중…</translation>
    </message>
    <message>
        <source>The server address starts with ws:// or wss://, for example ws://localhost:8080/ws.</source>
        <translation>서버 주소는 ws:// 또는 wss://로 시작합니다. 예: ws://localhost:8080/ws</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>사용자 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>%n자 이상.</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;onfirm password:</source>
        <translation>비밀번호 확인(&amp;O):</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>비밀번호는 %n자 이상이어야 합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>두 비밀번호가 다릅니다. 같은 비밀번호를 두 번 입력해 주세요.</translation>
    </message>
</context>
<context>
    <name>sori::widgets::AuditView</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>한 사람</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>누구나</translation>
    </message>
    <message>
        <source>anything</source>
        <translation>무엇이든</translation>
    </message>
    <message>
        <source>Only what was done to this name, room or address</source>
        <translation>이 이름, 방, 주소에 한 일만</translation>
    </message>
    <message>
        <source>Only this action (empty: every action)</source>
        <translation>이 동작만 (비우면 모든 동작)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>부터</translation>
    </message>
    <message>
        <source>To</source>
        <translation>까지</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>찾기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Older</source>
        <translation>이전(&amp;O)</translation>
    </message>
    <message>
        <source>Show the next, older page of the log</source>
        <translation>기록의 다음(더 오래된) 쪽을 봅니다</translation>
    </message>
    <message>
        <source>&amp;Actor:</source>
        <translation>한 사람(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>대상(&amp;T):</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>동작(&amp;C):</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>시각:</translation>
    </message>
    <message>
        <source>Only what this name did (&quot;server&quot;: the server&apos;s own window)</source>
        <translation>이 이름이 한 일만 (&quot;server&quot;: 서버 창)</translation>
    </message>
</context>
<context>
    <name>sori::widgets::SanctionsView</name>
    <message>
        <source>Who</source>
        <translation>누구</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>By</source>
        <translation>한 사람</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Older</source>
        <translation>이전(&amp;O)</translation>
    </message>
    <message>
        <source>Show the next page of sanctions</source>
        <translation>다음 쪽의 제재를 봅니다</translation>
    </message>
    <message>
        <source>&amp;Lift…</source>
        <translation>해제(&amp;L)…</translation>
    </message>
    <message>
        <source>End the selected ban or mute now</source>
        <translation>선택한 차단이나 말 막기를 지금 끝냅니다</translation>
    </message>
    <message>
        <source>ban</source>
        <translation>차단</translation>
    </message>
    <message>
        <source>mute</source>
        <translation>말 막기</translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation>모든 곳</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>for good</source>
        <translation>영구</translation>
    </message>
    <message>
        <source>Lift the ban of %1 now? They can sign in again at once.</source>
        <translation>%1의 차단을 지금 해제할까요? 바로 다시 로그인할 수 있습니다.</translation>
    </message>
    <message>
        <source>Lift the mute of %1 everywhere now? They can post again at once.</source>
        <translation>모든 곳에서 %1의 말 막기를 지금 해제할까요? 바로 다시 글을 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Lift the mute of %1 in %2 now? They can post there again at once.</source>
        <translation>%2에서 %1의 말 막기를 지금 해제할까요? 그곳에 바로 다시 글을 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Lift a sanction</source>
        <translation>제재 해제</translation>
    </message>
</context>
</TS>
