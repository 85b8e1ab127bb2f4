<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Cli</name>
    <message>
        <source>--%1 takes a whole number from %2 to %3.</source>
        <translation>--%1 에는 %2부터 %3까지의 정수를 주어야 합니다.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1의 비밀번호: </translation>
    </message>
    <message>
        <source>
The same again: </source>
        <translation>
한 번 더: </translation>
    </message>
    <message>
        <source>the two passwords differ.</source>
        <translation>두 비밀번호가 다릅니다.</translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation>데이터베이스를 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>there is already an account called %1; use --reset-password to change its password.</source>
        <translation>%1 계정이 이미 있습니다. 비밀번호를 바꾸려면 --reset-password를 쓰십시오.</translation>
    </message>
    <message>
        <source>there is no account called %1.</source>
        <translation>%1 계정이 없습니다.</translation>
    </message>
    <message>
        <source>%1 cannot be a name: use 1 to %2 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;.</source>
        <translation>%1은(는) 이름으로 쓸 수 없습니다. 글자, 숫자, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;를 1~%2자 쓰십시오.</translation>
    </message>
    <message>
        <source>cannot create the account: %1</source>
        <translation>계정을 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Admin account %1 created.</source>
        <translation>관리자 계정 %1을(를) 만들었습니다.</translation>
    </message>
    <message>
        <source>cannot change the password: %1</source>
        <translation>비밀번호를 바꿀 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The password of %1 is changed; every sign-in of that account is revoked.</source>
        <translation>%1의 비밀번호를 바꿨습니다. 이 계정의 모든 로그인이 취소되었습니다.</translation>
    </message>
    <message>
        <source>Sori: real-time chat for desktop and browser, on one port for HTTP and WebSocket.</source>
        <translation>Sori: 데스크톱과 브라우저를 위한 실시간 채팅. HTTP와 WebSocket을 한 포트에서 제공합니다.</translation>
    </message>
    <message>
        <source>Run without the server window.</source>
        <translation>서버 창 없이 실행합니다.</translation>
    </message>
    <message>
        <source>Listen on &lt;port&gt; (default %1; 0 picks a free one).</source>
        <translation>&lt;port&gt;에서 대기합니다 (기본값 %1, 0이면 빈 포트를 고릅니다).</translation>
    </message>
    <message>
        <source>port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Listen on &lt;address&gt; only (default: every address).</source>
        <translation>&lt;address&gt;에서만 대기합니다 (기본값: 모든 주소).</translation>
    </message>
    <message>
        <source>address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Keep data in &lt;dir&gt; (default: %1).</source>
        <translation>데이터를 &lt;dir&gt;에 둡니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>디렉터리</translation>
    </message>
    <message>
        <source>Use &lt;n&gt; worker threads for connections (default: one per core).</source>
        <translation>연결 처리에 작업 스레드 &lt;n&gt;개를 씁니다 (기본값: 코어마다 하나).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Largest chat message in bytes (default %1).</source>
        <translation>채팅 메시지의 최대 크기, 바이트 (기본값 %1).</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>바이트</translation>
    </message>
    <message>
        <source>Largest incoming WebSocket message in bytes (default %1).</source>
        <translation>받는 WebSocket 메시지의 최대 크기, 바이트 (기본값 %1).</translation>
    </message>
    <message>
        <source>Milliseconds a new connection has to send its request (default %1).</source>
        <translation>새 연결이 요청을 보내야 하는 시간, 밀리초 (기본값 %1).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>밀리초</translation>
    </message>
    <message>
        <source>Send the latest &lt;n&gt; stored messages of a room on joining it (default %1).</source>
        <translation>방에 들어오면 저장된 최근 메시지 &lt;n&gt;개를 보냅니다 (기본값 %1).</translation>
    </message>
    <message>
        <source>Most messages one history request may ask for (default %1).</source>
        <translation>기록 요청 한 번에 받을 수 있는 최대 메시지 수 (기본값 %1).</translation>
    </message>
    <message>
        <source>Also accept browser connections from pages of &lt;origin&gt; (repeatable; * for any).</source>
        <translation>&lt;origin&gt; 페이지의 브라우저 연결도 받습니다 (여러 번 지정 가능, *는 모두).</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Log every request and event (debug messages).</source>
        <translation>모든 요청과 이벤트를 로그에 남깁니다 (디버그 메시지).</translation>
    </message>
    <message>
        <source>Read settings from the INI &lt;file&gt; (see docs/admin.md); options given here override it.</source>
        <translation>INI &lt;file&gt;에서 설정을 읽습니다 (docs/admin.md 참고). 여기서 준 옵션이 우선합니다.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Create the admin account &lt;name&gt; (password from the terminal or the first line of standard input), then exit.</source>
        <translation>관리자 계정 &lt;name&gt;을(를) 만들고 끝냅니다 (비밀번호는 터미널이나 표준 입력의 첫 줄에서).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Set a new password for &lt;name&gt; and revoke its sign-ins, then exit.</source>
        <translation>&lt;name&gt;의 비밀번호를 새로 정하고 로그인을 모두 취소한 뒤 끝냅니다.</translation>
    </message>
    <message>
        <source>--bind takes an IP address, such as 127.0.0.1 or ::1.</source>
        <translation>--bind에는 127.0.0.1이나 ::1 같은 IP 주소를 주어야 합니다.</translation>
    </message>
    <message>
        <source>Note: --max-frame-size is below --max-message-size; the frame limit comes first.</source>
        <translation>참고: --max-frame-size가 --max-message-size보다 작아서 프레임 제한이 먼저 적용됩니다.</translation>
    </message>
    <message>
        <source>cannot create the data directory %1.</source>
        <translation>데이터 디렉터리 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>No display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set, and QT_QPA_PLATFORM names no platform): running headless.</source>
        <translation>창을 열 디스플레이가 없습니다 (DISPLAY와 WAYLAND_DISPLAY가 없고 QT_QPA_PLATFORM도 플랫폼을 지정하지 않았습니다). 창 없이 실행합니다.</translation>
    </message>
    <message>
        <source>cannot install the signal handlers.</source>
        <translation>시그널 처리기를 설치할 수 없습니다.</translation>
    </message>
    <message>
        <source>cannot listen on port %1: %2</source>
        <translation>포트 %1에서 대기할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Sori server</source>
        <translation>Sori 서버</translation>
    </message>
    <message>
        <source>The server cannot listen on port %1: %2</source>
        <translation>서버가 포트 %1에서 대기할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Stopping now.</source>
        <translation>지금 멈춥니다.</translation>
    </message>
    <message>
        <source>Stopping: closing every connection (press Ctrl+C again to quit at once)…</source>
        <translation>멈추는 중: 모든 연결을 닫습니다 (바로 끝내려면 Ctrl+C를 한 번 더 누르십시오)…</translation>
    </message>
    <message>
        <source>Sori %1 is listening on port %2.</source>
        <translation>Sori %1이(가) 포트 %2에서 대기 중입니다.</translation>
    </message>
    <message>
        <source>  Data:         %1</source>
        <translation>  데이터:        %1</translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop.</source>
        <translation>멈추려면 Ctrl+C를 누르십시오.</translation>
    </message>
    <message>
        <source>Stopping: closing every connection…</source>
        <translation>멈추는 중: 모든 연결을 닫습니다…</translation>
    </message>
    <message>
        <source>The server window is open; closing it asks whether to keep serving.</source>
        <translation>서버 창이 열렸습니다. 창을 닫으면 계속 서비스할지 묻습니다.</translation>
    </message>
    <message>
        <source>SIGHUP: TLS is off; nothing to reload.</source>
        <translation>SIGHUP: TLS가 꺼져 있어 다시 읽을 것이 없습니다.</translation>
    </message>
    <message>
        <source>Reloaded the TLS certificate.</source>
        <translation>TLS 인증서를 다시 읽었습니다.</translation>
    </message>
    <message>
        <source>The new TLS certificate cannot be used; the one in use stays (see the log).</source>
        <translation>새 TLS 인증서를 쓸 수 없어 지금 쓰는 인증서를 그대로 씁니다 (로그 참고).</translation>
    </message>
    <message>
        <source>  Web client:   %3://%1:%2/</source>
        <translation>  웹 클라이언트: %3://%1:%2/</translation>
    </message>
    <message>
        <source>  Classic page: %3://%1:%2/classic</source>
        <translation>  클래식 페이지: %3://%1:%2/classic</translation>
    </message>
    <message>
        <source>  WebSocket:    %3://%1:%2/ws (protocol sori.v1; without a subprotocol: plain text)</source>
        <translation>  WebSocket:     %3://%1:%2/ws (프로토콜 sori.v1, 서브프로토콜이 없으면 일반 텍스트)</translation>
    </message>
    <message>
        <source>  TLS:          %1, valid until %2</source>
        <translation>  TLS:           %1, %2까지 유효</translation>
    </message>
    <message>
        <source>  Fingerprint:  SHA-256 %1</source>
        <translation>  지문:          SHA-256 %1</translation>
    </message>
    <message>
        <source>  Redirect:     http://%1:%2/ -&gt; HTTPS</source>
        <translation>  리디렉션:      http://%1:%2/ -&gt; HTTPS</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both, or neither.</source>
        <translation>--tls-cert와 --tls-key는 함께 씁니다: 둘 다 주거나 둘 다 주지 마십시오.</translation>
    </message>
    <message>
        <source>--http-redirect-port redirects to HTTPS: it needs --tls-cert and --tls-key, or --tls-self-signed.</source>
        <translation>--http-redirect-port는 HTTPS로 리디렉션합니다: --tls-cert와 --tls-key, 또는 --tls-self-signed가 필요합니다.</translation>
    </message>
    <message>
        <source>Speak TLS (https://, wss://) on the port with the certificate chain in the PEM &lt;file&gt;; reread on SIGHUP.</source>
        <translation>PEM &lt;file&gt;의 인증서 체인으로 포트에서 TLS(https://, wss://)를 씁니다. SIGHUP을 받으면 다시 읽습니다.</translation>
    </message>
    <message>
        <source>The private key of --tls-cert (a PEM &lt;file&gt;).</source>
        <translation>--tls-cert의 개인 키 (PEM &lt;file&gt;).</translation>
    </message>
    <message>
        <source>Without --tls-cert: speak TLS with a certificate made once and kept in the data directory.</source>
        <translation>--tls-cert가 없을 때: 한 번 만들어 데이터 디렉터리에 보관하는 인증서로 TLS를 씁니다.</translation>
    </message>
    <message>
        <source>Also listen for plain HTTP on &lt;port&gt; and redirect every request to HTTPS (0 picks a free one).</source>
        <translation>&lt;port&gt;에서 일반 HTTP도 받아 모든 요청을 HTTPS로 리디렉션합니다 (0이면 빈 포트를 고릅니다).</translation>
    </message>
    <message>
        <source>Strict-Transport-Security max-age over TLS in seconds (default %1; 0: none).</source>
        <translation>TLS 응답의 Strict-Transport-Security max-age, 초 (기본값 %1, 0이면 보내지 않음).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <source>--allow-origin takes an origin such as https://chat.example.org (or *), not %1.</source>
        <translation>--allow-origin에는 https://chat.example.org 같은 출처(또는 *)를 써야 합니다. %1은(는) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>--public-origin takes an origin such as https://chat.example.org, not %1.</source>
        <translation>--public-origin에는 https://chat.example.org 같은 출처를 써야 합니다. %1은(는) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s own origin as browsers reach it, e.g. https://chat.example.org behind a proxy (repeatable; default: localhost and this machine&apos;s names and addresses at the listening port).</source>
        <translation>브라우저가 접속하는 서버 자신의 출처. 예: 프록시 뒤라면 https://chat.example.org (여러 번 쓸 수 있음. 기본값: 듣는 포트의 localhost와 이 컴퓨터의 이름과 주소).</translation>
    </message>
</context>
<context>
    <name>Labels</name>
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
        <translation>일반 텍스트</translation>
    </message>
    <message>
        <source>other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>member</source>
        <translation>회원</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>운영자</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>public</source>
        <translation>공개</translation>
    </message>
    <message>
        <source>private</source>
        <translation>비공개</translation>
    </message>
    <message>
        <source>announcement</source>
        <translation>공지</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>1:1 대화</translation>
    </message>
    <message>
        <source>debug</source>
        <translation>디버그</translation>
    </message>
    <message>
        <source>info</source>
        <translation>정보</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>심각</translation>
    </message>
    <message>
        <source>fatal</source>
        <translation>치명적</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1일 %2시간</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10분</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1시간</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1일</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1주</translation>
    </message>
    <message>
        <source>For good</source>
        <translation>영구히</translation>
    </message>
    <message>
        <source>online</source>
        <translation>접속 중</translation>
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
    <name>sori::server::gui::AnnounceDialog</name>
    <message>
        <source>Send an announcement</source>
        <translation>공지 보내기</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>받는 곳:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>내용:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Everyone online</source>
        <translation>접속 중인 모든 사람</translation>
    </message>
    <message>
        <source>Shown once to everyone online, whatever rooms they are in; not kept in any room&apos;s history.</source>
        <translation>어느 방에 있든 접속 중인 모든 사람에게 한 번씩 보입니다. 어느 방의 기록에도 남지 않습니다.</translation>
    </message>
    <message>
        <source>Sent as a message from &quot;server&quot; in this room and kept in its history.</source>
        <translation>이 방에 &quot;server&quot;가 보낸 메시지로 올라가고 방의 기록에 남습니다.</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::BanDialog</name>
    <message>
        <source>Ban %1</source>
        <translation>%1 차단</translation>
    </message>
    <message>
        <source>Shown to the user</source>
        <translation>사용자에게 보입니다</translation>
    </message>
    <message>
        <source>Ban the address %1 instead of the name</source>
        <translation>이름 대신 주소 %1을(를) 차단</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
    <message>
        <source>Ban the address %1?</source>
        <translation>주소 %1을(를) 차단할까요?</translation>
    </message>
    <message>
        <source>Ban the address %1? Everyone connecting from it is refused until the ban runs out; %2 is disconnected at once.</source>
        <translation>주소 %1을(를) 차단할까요? 차단이 끝날 때까지 이 주소에서 오는 연결은 모두 거절되고, %2의 연결은 바로 끊깁니다.</translation>
    </message>
    <message>
        <source>Also connected from there now, and disconnected too: %1.</source>
        <translation>지금 이 주소에서 접속해 있어 함께 연결이 끊기는 사람: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Ban %1?</source>
        <translation>%1을(를) 차단할까요?</translation>
    </message>
    <message>
        <source>Ban %1? %1 is disconnected at once and cannot come back until the ban runs out.</source>
        <translation>%1을(를) 차단할까요? %1의 연결은 바로 끊기고, 차단이 끝날 때까지 다시 들어올 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ConnectionModel</name>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message numerus="yes">
        <source>%1 is connected %n times</source>
        <translation>
            <numerusform>%1이(가) %n번 연결되어 있습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>클라이언트</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>연결 시각</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>보낸 메시지</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>왕복 시간</translation>
    </message>
    <message>
        <source>&lt; 1 ms</source>
        <translation>1ms 미만</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation>방 만들기</translation>
    </message>
    <message>
        <source>letters, digits, - _ .</source>
        <translation>글자, 숫자, - _ .</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>종류:</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>주제:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::DeleteMessageDialog</name>
    <message>
        <source>Delete a message</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <source>The message&apos;s text is removed for good, from the history and from every client that shows it.</source>
        <translation>메시지 내용이 기록과 그것을 보여 주는 모든 클라이언트에서 영구히 지워집니다.</translation>
    </message>
    <message>
        <source>Room:</source>
        <translation>방:</translation>
    </message>
    <message>
        <source>Message number:</source>
        <translation>메시지 번호:</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ListenDialog</name>
    <message>
        <source>Listen on</source>
        <translation>대기 주소</translation>
    </message>
    <message>
        <source>every address</source>
        <translation>모든 주소</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>아무 빈 포트</translation>
    </message>
    <message>
        <source>Open connections stay; new ones come to the new address. The choice is remembered for the next start.</source>
        <translation>열린 연결은 그대로 있고, 새 연결은 새 주소로 들어옵니다. 이 설정은 다음 실행 때도 기억됩니다.</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>주소:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>대기</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::LogModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>수준</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::MuteDialog</name>
    <message>
        <source>Mute %1</source>
        <translation>%1 발언 금지</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>모든 곳</translation>
    </message>
    <message>
        <source>In:</source>
        <translation>장소:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Mute %1?</source>
        <translation>%1의 발언을 금지할까요?</translation>
    </message>
    <message>
        <source>Mute %1? %1 stays online but cannot send messages.</source>
        <translation>%1의 발언을 금지할까요? %1은(는) 접속한 채로 있지만 메시지를 보낼 수 없습니다.</translation>
    </message>
    <message>
        <source>Shown to the user</source>
        <translation>사용자에게 보입니다</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::RoomModel</name>
    <message>
        <source>%1 online / %2</source>
        <translation>%1명 접속 / %2명</translation>
    </message>
    <message>
        <source>%1 online</source>
        <translation>%1명 접속</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
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
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>마지막 활동</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::ServerWindow</name>
    <message numerus="yes">
        <source>%1  (%n connections)</source>
        <translation>
            <numerusform>%1  (연결 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>대기하지 않음</translation>
    </message>
    <message>
        <source>every address</source>
        <translation>모든 주소</translation>
    </message>
    <message>
        <source>Listening on %1, port %2</source>
        <translation>%1, 포트 %2에서 대기 중</translation>
    </message>
    <message>
        <source>Sori server</source>
        <translation>Sori 서버</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>지금 접속 중</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Live log</source>
        <translation>실시간 로그</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>통계</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>내보내기(&amp;K)…</translation>
    </message>
    <message>
        <source>Disconnect the selected user (every connection) with a reason</source>
        <translation>선택한 사용자의 모든 연결을 사유와 함께 끊습니다</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation>차단(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Mute…</source>
        <translation>발언 금지(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Revoke sign-ins…</source>
        <translation>로그인 취소(&amp;R)…</translation>
    </message>
    <message>
        <source>Sign the selected account out everywhere; its tokens stop working</source>
        <translation>선택한 계정을 모든 곳에서 로그아웃시킵니다. 그 토큰은 더 이상 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>방 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Announce…</source>
        <translation>공지(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Delete message…</source>
        <translation>메시지 삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>S&amp;top listening</source>
        <translation>대기 멈추기(&amp;T)</translation>
    </message>
    <message>
        <source>Take no new connections; the open ones stay</source>
        <translation>새 연결을 받지 않습니다. 열린 연결은 그대로 있습니다</translation>
    </message>
    <message>
        <source>&amp;Start listening</source>
        <translation>대기 시작(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Listen on…</source>
        <translation>대기 주소(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Stop the server? Every client is disconnected with &quot;server shutting down&quot;.</source>
        <translation>서버를 멈출까요? 모든 클라이언트가 &quot;server shutting down&quot;과 함께 연결이 끊깁니다.</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>서버(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>사용자(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>방(&amp;R)</translation>
    </message>
    <message>
        <source>Select a room to see who is in it.</source>
        <translation>방을 고르면 누가 있는지 보입니다.</translation>
    </message>
    <message>
        <source>Filter by category or text</source>
        <translation>분류나 내용으로 거르기</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>모두</translation>
    </message>
    <message>
        <source>Information and above</source>
        <translation>정보 이상</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>경고와 오류</translation>
    </message>
    <message>
        <source>Connections now:</source>
        <translation>현재 연결:</translation>
    </message>
    <message>
        <source>Messages in per second:</source>
        <translation>초당 받은 메시지:</translation>
    </message>
    <message>
        <source>Deliveries out per second:</source>
        <translation>초당 전달:</translation>
    </message>
    <message>
        <source>Messages in, in all:</source>
        <translation>받은 메시지 합계:</translation>
    </message>
    <message>
        <source>Deliveries out, in all:</source>
        <translation>전달 합계:</translation>
    </message>
    <message>
        <source>Connections accepted, in all:</source>
        <translation>받은 연결 합계:</translation>
    </message>
    <message>
        <source>Up for:</source>
        <translation>가동 시간:</translation>
    </message>
    <message>
        <source>Show or hide the window</source>
        <translation>창 보이기/숨기기</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>창 닫기</translation>
    </message>
    <message>
        <source>Keep serving in the tray? The clients stay connected; the tray icon brings the window back.</source>
        <translation>트레이에서 계속 서비스할까요? 클라이언트 연결은 유지되고, 트레이 아이콘으로 창을 다시 열 수 있습니다.</translation>
    </message>
    <message>
        <source>Keep serving</source>
        <translation>계속 서비스</translation>
    </message>
    <message>
        <source>Stop the server and quit</source>
        <translation>서버를 멈추고 끝내기</translation>
    </message>
    <message numerus="yes">
        <source>Still serving; %n online.</source>
        <translation>
            <numerusform>계속 서비스 중입니다. %n명 접속 중.</numerusform>
        </translation>
    </message>
    <message>
        <source>Closing the window stops the server. Every client is disconnected with &quot;server shutting down&quot;. Stop the server?</source>
        <translation>창을 닫으면 서버가 멈춥니다. 모든 클라이언트가 &quot;server shutting down&quot;과 함께 연결이 끊깁니다. 서버를 멈출까요?</translation>
    </message>
    <message>
        <source>Online now (%1)</source>
        <translation>지금 접속 중 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Sori server: %n online</source>
        <translation>
            <numerusform>Sori 서버: %n명 접속 중</numerusform>
        </translation>
    </message>
    <message>
        <source>TLS off</source>
        <translation>TLS 꺼짐</translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s)</source>
        <translation>
            <numerusform>작업 스레드 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>데이터베이스: %1</translation>
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
        <source>Sign-ins revoked.</source>
        <translation>로그인을 취소했습니다.</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>메시지를 삭제했습니다.</translation>
    </message>
    <message>
        <source>Room created.</source>
        <translation>방을 만들었습니다.</translation>
    </message>
    <message>
        <source>Announcement sent.</source>
        <translation>공지를 보냈습니다.</translation>
    </message>
    <message>
        <source>No longer listening; open connections stay.</source>
        <translation>대기를 멈췄습니다. 열린 연결은 그대로 있습니다.</translation>
    </message>
    <message>
        <source>Listening.</source>
        <translation>대기 중입니다.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>완료했습니다.</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>실패했습니다: %1</translation>
    </message>
    <message>
        <source>Online in %1: %2</source>
        <translation>%1에 접속 중: %2명</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>Sign %1 out everywhere? Every connection of the account is closed and its saved sign-ins stop working; the password stays.</source>
        <translation>%1을(를) 모든 곳에서 로그아웃시킬까요? 이 계정의 모든 연결이 닫히고 저장된 로그인은 더 이상 쓸 수 없습니다. 비밀번호는 그대로입니다.</translation>
    </message>
    <message>
        <source>Delete a message</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <source>Delete message %1 of %2 for good?</source>
        <translation>%2의 메시지 %1을(를) 영구히 삭제할까요?</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>대기 멈추기</translation>
    </message>
    <message>
        <source>Take no new connections? The clients connected now stay connected.</source>
        <translation>새 연결을 받지 않을까요? 지금 연결된 클라이언트는 그대로 있습니다.</translation>
    </message>
    <message>
        <source>Refused at a connection cap, in all:</source>
        <translation>연결 한도로 거절한 연결 합계:</translation>
    </message>
    <message>
        <source>New connections closed at once because a cap in [limits] was reached; the log says which. Open now: %1 of at most %2.</source>
        <translation>[limits]의 한도에 닿아 바로 닫은 새 연결입니다. 어느 한도인지는 로그에 나옵니다. 지금 열린 연결: 최대 %2개 중 %1개.</translation>
    </message>
    <message>
        <source>A&amp;rchive room…</source>
        <translation>방 보관(&amp;R)…</translation>
    </message>
    <message>
        <source>Make the selected room read-only: no new messages, no new members</source>
        <translation>선택한 방을 읽기 전용으로: 새 메시지도 새 구성원도 받지 않음</translation>
    </message>
    <message>
        <source>Delete &amp;room…</source>
        <translation>방 삭제(&amp;O)…</translation>
    </message>
    <message>
        <source>Delete the selected room and its messages for everybody; its members are told</source>
        <translation>선택한 방과 그 메시지를 모두에게서 삭제; 구성원에게 알림</translation>
    </message>
    <message>
        <source>Archive a room</source>
        <translation>방 보관</translation>
    </message>
    <message>
        <source>Archive the room %1? Nobody can post in it or join it any more; its members can still read its history.</source>
        <translation>%1 방을 보관할까요? 아무도 더는 글을 쓰거나 들어갈 수 없고, 구성원은 기록을 계속 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Delete a room</source>
        <translation>방 삭제</translation>
    </message>
    <message>
        <source>Delete the room %1 for everybody? Its members are taken out of it and all its messages are deleted for good.</source>
        <translation>%1 방을 모두에게서 삭제할까요? 구성원은 방에서 나가게 되고 모든 메시지가 영구히 삭제됩니다.</translation>
    </message>
    <message>
        <source>Connections are not encrypted (http://, ws://).</source>
        <translation>연결이 암호화되지 않습니다 (http://, ws://).</translation>
    </message>
    <message>
        <source>TLS on (self-signed), until %1</source>
        <translation>TLS 켜짐 (자체 서명), %1까지</translation>
    </message>
    <message>
        <source>TLS on, until %1</source>
        <translation>TLS 켜짐, %1까지</translation>
    </message>
    <message>
        <source>Certificate SHA-256 fingerprint:
%1</source>
        <translation>인증서 SHA-256 지문:
%1</translation>
    </message>
    <message>
        <source>Plain HTTP on port %1 is redirected to HTTPS.</source>
        <translation>포트 %1의 일반 HTTP는 HTTPS로 리디렉션됩니다.</translation>
    </message>
    <message>
        <source>Filter by name, role, client or address</source>
        <translation>이름, 역할, 클라이언트, 주소로 거르기</translation>
    </message>
    <message>
        <source>Shows the people whose name, role, client or address contains this text; what matched is highlighted. Rooms are not searched: see the Rooms tab.</source>
        <translation>이름, 역할, 클라이언트, 주소에 이 글자가 들어 있는 사람을 보여 주고, 일치한 칸을 강조합니다. 방은 찾지 않습니다: 방 탭을 보십시오.</translation>
    </message>
    <message>
        <source>Filter by room name</source>
        <translation>방 이름으로 거르기</translation>
    </message>
    <message>
        <source>Kick %1?</source>
        <translation>%1을(를) 내보낼까요?</translation>
    </message>
    <message>
        <source>Kick %1? Every connection of %1 is closed; they may come back at once.
Reason (shown to them, optional):</source>
        <translation>%1을(를) 내보낼까요? %1의 모든 연결이 닫히며, 바로 다시 들어올 수 있습니다.
사유 (상대에게 보임, 선택):</translation>
    </message>
    <message>
        <source>Banned %1 for good.</source>
        <translation>%1을(를) 영구히 차단했습니다.</translation>
    </message>
    <message>
        <source>Banned %1 until %2.</source>
        <translation>%1을(를) %2까지 차단했습니다.</translation>
    </message>
    <message>
        <source>Muted %1 everywhere for good.</source>
        <translation>%1의 발언을 모든 곳에서 영구히 금지했습니다.</translation>
    </message>
    <message>
        <source>Muted %1 everywhere until %2.</source>
        <translation>%1의 발언을 모든 곳에서 %2까지 금지했습니다.</translation>
    </message>
    <message>
        <source>Muted %1 in %2 for good.</source>
        <translation>%1의 발언을 %2에서 영구히 금지했습니다.</translation>
    </message>
    <message>
        <source>Muted %1 in %2 until %3.</source>
        <translation>%1의 발언을 %2에서 %3까지 금지했습니다.</translation>
    </message>
    <message>
        <source>Revoke the sign-ins of %1?</source>
        <translation>%1의 로그인을 취소할까요?</translation>
    </message>
    <message>
        <source>Revoke the sign-ins of %1</source>
        <translation>%1의 로그인 취소</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>제재</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>Set &amp;topic…</source>
        <translation>주제 설정(&amp;T)…</translation>
    </message>
    <message>
        <source>Give the selected room a new topic; its members see it at once</source>
        <translation>선택한 방에 새 주제를 정합니다. 구성원에게 바로 보입니다</translation>
    </message>
    <message>
        <source>Re&amp;name room…</source>
        <translation>방 이름 바꾸기(&amp;N)…</translation>
    </message>
    <message>
        <source>Give the selected room a new name; its history and members go with it</source>
        <translation>선택한 방의 이름을 바꿉니다. 기록과 구성원은 그대로 따라갑니다</translation>
    </message>
    <message>
        <source>&amp;Unarchive room…</source>
        <translation>방 보관 해제(&amp;U)…</translation>
    </message>
    <message>
        <source>Let the selected archived room take messages again</source>
        <translation>보관된 방에서 다시 메시지를 쓸 수 있게 합니다</translation>
    </message>
    <message>
        <source>Remove &amp;member…</source>
        <translation>구성원 내보내기(&amp;M)…</translation>
    </message>
    <message>
        <source>Take somebody out of the selected private room; they cannot come back unless invited again</source>
        <translation>선택한 비공개 방에서 누군가를 내보냅니다. 다시 초대받지 않으면 돌아올 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Promote to moderator…</source>
        <translation>관리자로 올리기(&amp;P)…</translation>
    </message>
    <message>
        <source>Let the selected account moderate</source>
        <translation>선택한 계정이 관리할 수 있게 합니다</translation>
    </message>
    <message>
        <source>&amp;Demote to member…</source>
        <translation>일반 회원으로 내리기(&amp;D)…</translation>
    </message>
    <message>
        <source>The selected moderator no longer moderates</source>
        <translation>선택한 관리자가 더는 관리하지 않습니다</translation>
    </message>
    <message>
        <source>Lifted.</source>
        <translation>해제했습니다.</translation>
    </message>
    <message>
        <source>Topic set.</source>
        <translation>주제를 정했습니다.</translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation>역할을 바꿨습니다.</translation>
    </message>
    <message>
        <source>Room renamed.</source>
        <translation>방 이름을 바꿨습니다.</translation>
    </message>
    <message>
        <source>Room archived.</source>
        <translation>방을 보관했습니다.</translation>
    </message>
    <message>
        <source>Room unarchived.</source>
        <translation>방 보관을 해제했습니다.</translation>
    </message>
    <message>
        <source>Member removed.</source>
        <translation>구성원을 내보냈습니다.</translation>
    </message>
    <message>
        <source>Topic of %1</source>
        <translation>%1의 주제</translation>
    </message>
    <message>
        <source>New topic of %1 (empty: none):</source>
        <translation>%1의 새 주제 (비우면 없음):</translation>
    </message>
    <message>
        <source>Set topic</source>
        <translation>주제 설정</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 이름 바꾸기</translation>
    </message>
    <message>
        <source>New name of %1? Its members, history and invitations go with it; links to the old name stop working.</source>
        <translation>%1의 새 이름은? 구성원, 기록, 초대는 그대로 따라가고, 옛 이름으로 된 링크는 더 이상 작동하지 않습니다.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <source>Renamed %1 to %2.</source>
        <translation>%1의 이름을 %2(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <source>Unarchive a room</source>
        <translation>방 보관 해제</translation>
    </message>
    <message>
        <source>Unarchive the room %1? Its members can post in it again and others can join it.</source>
        <translation>%1 방의 보관을 해제할까요? 구성원이 다시 글을 쓸 수 있고 다른 사람도 들어올 수 있습니다.</translation>
    </message>
    <message>
        <source>Remove a member of %1</source>
        <translation>%1의 구성원 내보내기</translation>
    </message>
    <message>
        <source>Account to take out of %1 (it leaves the room at once and cannot join it again unless invited):</source>
        <translation>%1에서 내보낼 계정 (바로 방을 나가며, 다시 초대받지 않으면 들어올 수 없습니다):</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation>%1을(를) %2에서 내보냈습니다.</translation>
    </message>
    <message>
        <source>Promote %1?</source>
        <translation>%1을(를) 관리자로 올릴까요?</translation>
    </message>
    <message>
        <source>Demote %1?</source>
        <translation>%1을(를) 일반 회원으로 내릴까요?</translation>
    </message>
    <message>
        <source>Make %1 a moderator? They can kick, ban and mute members and guests from now on.</source>
        <translation>%1을(를) 관리자로 만들까요? 지금부터 회원과 손님을 내보내고, 차단하고, 말을 막을 수 있습니다.</translation>
    </message>
    <message>
        <source>Make %1 a member again? They can no longer moderate.</source>
        <translation>%1을(를) 다시 일반 회원으로 만들까요? 더는 관리할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is a moderator now.</source>
        <translation>%1은(는) 이제 관리자입니다.</translation>
    </message>
    <message>
        <source>%1 is a member now.</source>
        <translation>%1은(는) 이제 일반 회원입니다.</translation>
    </message>
</context>
<context>
    <name>sori::server::gui::StatsChart</name>
    <message>
        <source>Connections</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Messages in per second</source>
        <translation>초당 받은 메시지</translation>
    </message>
    <message>
        <source>Deliveries out per second</source>
        <translation>초당 전달</translation>
    </message>
    <message>
        <source>now %1 · peak %2</source>
        <translation>현재 %1 · 최고 %2</translation>
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
