// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-loadgen: a WebSocket load generator for Sori and its peers (docs/benchmarks.md).
//
// One thread, one epoll set, no Qt in the hot path. It opens N connections with real RFC 6455
// handshakes (masked client frames), logs them in (plain mode, or protocol v1: hello as a guest,
// join), lets S of them send at a fixed rate or as fast as a window of unconfirmed messages
// allows, and checks every delivery: each message text carries a marker
//     ~L<run>.<sender>.<seq>.<send time: ns of CLOCK_MONOTONIC since the run began>~
// so that every receiver can tell missing, duplicated and out-of-order messages and the
// latency. A developer tool: its output is English, for the benchmark report.

#include <algorithm>
#include <array>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sodium.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

namespace {

// ---------------------------------------------------------------------------------------------
// Options

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    bool v1 = false; // protocol v1 (sori.v1) instead of plain mode
    int connections = 100;
    int senders = 10;
    int rooms = 1;
    double rate = 0; // messages per second over all senders; 0: as fast as the window allows
    int window = 32; // max mode: messages per sender sent but not yet seen by the room's observer
    double duration = 5; // seconds of sending
    double drainSeconds = 10; // after sending: wait this long without progress at most
    int size = 64; // bytes of message text (the marker, padded)
    bool selfEcho = true; // the sender receives its own messages (Sori); peers: --no-self
    bool plainGreeting = false; // plain mode: wait for a first line before the connection counts
    bool loginOnly = false; // v1: ready at welcome, no join (connect storm, idle connections)
    std::string accountPrefix; // v1: sign in as <prefix><i> with a password instead of as a guest
    std::string password = "bench password 123";
    bool registerAccounts = false; // with accountPrefix: register the accounts instead of login
    double pwhashReferenceSeconds = 0; // measure one thread's Argon2id verifies/s first
    int sourceAddresses = 1; // 127.0.0.1 .. 127.0.0.K as source addresses
    int connectConcurrency = 256; // handshakes under way at once
    double holdSeconds = 0; // keep the connections open this long after they are all ready
    double settleMs = 300; // quiet time on all sockets before sending starts
    int serverPid = 0;
    std::string roomPrefix = "bench";
    std::string json; // write the JSON report here
    std::string label;
    bool quiet = false;
    // Steps: --rates a,b,c, or a ramp from --ramp R by --ramp-factor F until a step is not
    // sustained, then steps at --after fractions of the best sustained rate.
    std::vector<double> rates;
    double rampStart = 0;
    double rampFactor = 1.5;
    int maxSteps = 40;
    double p99Bound = 0; // ms; 0: no bound
    bool boundOnAck = false; // the bound applies to the ack latency (durable ingest)
    std::vector<double> after;
    double warmupSeconds = 0; // ramp: send at the first rate this long first, not recorded
    int retries = 1; // ramp: a step that is not sustained is tried again this many times
    int refine = 0; // ramp: steps between the best and the first rate not sustained, bisecting
};

std::vector<double> parseList(const char *text)
{
    std::vector<double> values;
    const char *p = text;
    while (*p) {
        char *end = nullptr;
        values.push_back(std::strtod(p, &end));
        if (end == p)
            break;
        p = *end == ',' ? end + 1 : end;
    }
    return values;
}

[[noreturn]] void usage(int status)
{
    std::fputs(
        "usage: sori-loadgen --port P [options]\n"
        "  --host A               server address (127.0.0.1)\n"
        "  --v1                   protocol v1 (sori.v1: hello as guest, join, send with msgId);\n"
        "                         default: plain mode (text lines)\n"
        "  --connections N        connections (100)\n"
        "  --senders S            how many of them send (10)\n"
        "  --rooms R              rooms; connection i is in room i % R (1). Plain mode with R > 1\n"
        "                         connects to the path /r<k> (peers only)\n"
        "  --rate M               messages/s over all senders; 0 = max within --window (0)\n"
        "  --window W             max mode: unconfirmed messages per sender (32)\n"
        "  --duration T           seconds of sending (5)\n"
        "  --drain T              seconds without progress before giving up on the rest (10)\n"
        "  --size B               bytes of message text (64)\n"
        "  --no-self              the server does not echo a message to its sender (peers)\n"
        "  --plain-greeting       plain mode: the server greets each connection with one line\n"
        "  --login-only           v1: connect and hello only, no room, no messages\n"
        "  --accounts P           v1: sign in as P0, P1, ... with a password (login) instead of\n"
        "                         as guests; with --register, make those accounts\n"
        "  --password W           the accounts' password (bench password 123)\n"
        "  --register             with --accounts: register instead of login\n"
        "  --pwhash-reference T   first measure for T seconds how many Argon2id hashes one\n"
        "                         thread verifies per second (libsodium, interactive limits)\n"
        "  --hold T               keep the connections open T seconds once all are ready\n"
        "  --source-addresses K   spread connections over 127.0.0.1..K (connect() slows down as\n"
        "                         an address uses up its ports: keep under 10k per address)\n"
        "  --connect-concurrency C  handshakes under way at once (256)\n"
        "  --settle MS            quiet time before sending starts (300)\n"
        "  --server-pid PID       report the server's CPU time and memory from /proc\n"
        "  --room-prefix P        v1 room names P0, P1, ... (bench)\n"
        "  --label L              name of the run in the report\n"
        "  --rates A,B,...        run one step per rate (msg/s) on the same connections\n"
        "  --ramp R               steps from R msg/s, times --ramp-factor (1.5) each, until a\n"
        "                         step is not sustained (not all delivered, under 95 %% of the\n"
        "                         offered deliveries/s, or p99 over --p99-bound MS)\n"
        "  --max-steps K          at most K ramp steps (40)\n"
        "  --p99-bound MS         p99 latency (ms) a sustained step stays within (none)\n"
        "  --bound-on-ack         the p99 bound applies to the ack latency (v1)\n"
        "  --after F,G,...        after the ramp, steps at these fractions of the best rate\n"
        "  --warmup T             ramp: T seconds at the first rate first, not recorded (0)\n"
        "  --retries K            ramp: try a step that is not sustained K more times (1)\n"
        "  --refine K             ramp: then K steps halving the gap (geometrically) between\n"
        "                         the best rate and the first one not sustained (0)\n"
        "  --json FILE            write the report as JSON\n"
        "  --quiet                only the summary\n"
        "Exit status: 0 all delivered exactly once and in order, 1 otherwise, 2 bad usage.\n",
        status == 0 ? stdout : stderr);
    std::exit(status);
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "sori-loadgen: %s needs a value\n", argv[i]);
                usage(2);
            }
            return argv[++i];
        };
        if (a == "--help" || a == "-h")
            usage(0);
        else if (a == "--host")
            o.host = value();
        else if (a == "--port")
            o.port = std::atoi(value());
        else if (a == "--v1")
            o.v1 = true;
        else if (a == "--connections")
            o.connections = std::atoi(value());
        else if (a == "--senders")
            o.senders = std::atoi(value());
        else if (a == "--rooms")
            o.rooms = std::atoi(value());
        else if (a == "--rate")
            o.rate = std::atof(value());
        else if (a == "--window")
            o.window = std::atoi(value());
        else if (a == "--duration")
            o.duration = std::atof(value());
        else if (a == "--drain")
            o.drainSeconds = std::atof(value());
        else if (a == "--size")
            o.size = std::atoi(value());
        else if (a == "--no-self")
            o.selfEcho = false;
        else if (a == "--plain-greeting")
            o.plainGreeting = true;
        else if (a == "--login-only")
            o.loginOnly = true;
        else if (a == "--accounts")
            o.accountPrefix = value();
        else if (a == "--password")
            o.password = value();
        else if (a == "--register")
            o.registerAccounts = true;
        else if (a == "--pwhash-reference")
            o.pwhashReferenceSeconds = std::atof(value());
        else if (a == "--hold")
            o.holdSeconds = std::atof(value());
        else if (a == "--source-addresses")
            o.sourceAddresses = std::atoi(value());
        else if (a == "--connect-concurrency")
            o.connectConcurrency = std::atoi(value());
        else if (a == "--settle")
            o.settleMs = std::atof(value());
        else if (a == "--server-pid")
            o.serverPid = std::atoi(value());
        else if (a == "--room-prefix")
            o.roomPrefix = value();
        else if (a == "--label")
            o.label = value();
        else if (a == "--json")
            o.json = value();
        else if (a == "--rates")
            o.rates = parseList(value());
        else if (a == "--ramp")
            o.rampStart = std::atof(value());
        else if (a == "--ramp-factor")
            o.rampFactor = std::atof(value());
        else if (a == "--max-steps")
            o.maxSteps = std::atoi(value());
        else if (a == "--p99-bound")
            o.p99Bound = std::atof(value());
        else if (a == "--bound-on-ack")
            o.boundOnAck = true;
        else if (a == "--after")
            o.after = parseList(value());
        else if (a == "--warmup")
            o.warmupSeconds = std::atof(value());
        else if (a == "--retries")
            o.retries = std::atoi(value());
        else if (a == "--refine")
            o.refine = std::atoi(value());
        else if (a == "--quiet")
            o.quiet = true;
        else {
            std::fprintf(stderr, "sori-loadgen: unknown option %s\n", argv[i]);
            usage(2);
        }
    }
    if (o.port <= 0 || o.port > 65535 || o.connections < 1 || o.senders < 0
        || o.senders > o.connections || o.rooms < 1 || o.rooms > o.connections || o.window < 1
        || o.duration < 0 || o.size < 48 || o.size > 60000 || o.sourceAddresses < 1
        || o.sourceAddresses > 250 || o.connectConcurrency < 1 || o.rampFactor <= 1
        || o.maxSteps < 1) {
        std::fputs("sori-loadgen: an option is out of range\n", stderr);
        usage(2);
    }
    if ((o.loginOnly || !o.accountPrefix.empty()) && !o.v1) {
        std::fputs("sori-loadgen: --login-only and --accounts need --v1\n", stderr);
        usage(2);
    }
    if (o.registerAccounts && o.accountPrefix.empty()) {
        std::fputs("sori-loadgen: --register needs --accounts\n", stderr);
        usage(2);
    }
    if (o.loginOnly)
        o.senders = 0;
    return o;
}

// ---------------------------------------------------------------------------------------------
// Clocks, /proc

int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double ownCpuSeconds()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of a process, in seconds; -1 when it cannot be read.
double processCpuSeconds(int pid)
{
    if (pid <= 0)
        return -1;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = std::fopen(path, "r");
    if (!f)
        return -1;
    char buffer[4096];
    const size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
    std::fclose(f);
    buffer[n] = 0;
    const char *p = std::strrchr(buffer, ')'); // the command name may hold spaces
    if (!p)
        return -1;
    // Fields after the name start with field 3 (state); utime and stime are fields 14 and 15.
    unsigned long long utime = 0, stime = 0;
    int field = 2;
    for (const char *q = p + 1; *q; ++q) {
        if (*q == ' ') {
            ++field;
            if (field == 14)
                utime = std::strtoull(q + 1, nullptr, 10);
            else if (field == 15) {
                stime = std::strtoull(q + 1, nullptr, 10);
                break;
            }
        }
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// The machine's time in seconds over all cores, from /proc/stat's "cpu" line. busy is what
// ran here: user, system, interrupts and the kernel's network processing (softirq), which no
// process's CPU time shows. stolen is time the hypervisor gave to something else while this
// machine wanted to run: the neighbours' share, which no program here controls. -1 when unknown.
struct MachineCpu
{
    double busy = -1, stolen = -1;
};

MachineCpu machineCpuSeconds()
{
    FILE *f = std::fopen("/proc/stat", "r");
    if (!f)
        return {};
    unsigned long long v[10] = {};
    const int n = std::fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
                              &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]);
    std::fclose(f);
    if (n < 8)
        return {};
    // user nice system idle iowait irq softirq steal [guest guest_nice, already in user/nice]
    const double tick = double(sysconf(_SC_CLK_TCK));
    return {double(v[0] + v[1] + v[2] + v[5] + v[6]) / tick, double(v[7]) / tick};
}

// VmRSS of a process in KiB; -1 when it cannot be read.
long processRssKiB(int pid)
{
    if (pid <= 0)
        return -1;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = std::fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    long rss = -1;
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0) {
            rss = std::atol(line + 6);
            break;
        }
    }
    std::fclose(f);
    return rss;
}

// A JSON string of text (at most 300 bytes of it, control characters dropped), quotes included.
std::string jsonString(const std::string &text)
{
    std::string escaped = "\"";
    for (char ch : text.substr(0, 300)) {
        if (ch == '"' || ch == '\\')
            escaped += '\\';
        if (uint8_t(ch) >= 0x20)
            escaped += ch;
    }
    return escaped + "\"";
}

// ---------------------------------------------------------------------------------------------
// Latency histogram: exact below 64 µs, then 32 buckets per power of two (about 3 %).

class Histogram
{
public:
    void add(int64_t ns)
    {
        const uint64_t us = ns < 0 ? 0 : uint64_t(ns) / 1000;
        const size_t b = bucketOf(us);
        if (b >= m_counts.size())
            m_counts.resize(b + 1);
        ++m_counts[b];
        ++m_total;
        m_maxNs = std::max(m_maxNs, ns);
    }
    uint64_t total() const { return m_total; }
    double maxMs() const { return double(m_maxNs) / 1e6; }
    // The value (ms) under which a fraction q of the samples lie (bucket upper bound).
    double quantileMs(double q) const
    {
        if (m_total == 0)
            return 0;
        const auto rank = uint64_t(std::ceil(q * double(m_total)));
        uint64_t seen = 0;
        for (size_t b = 0; b < m_counts.size(); ++b) {
            seen += m_counts[b];
            if (seen >= rank && seen > 0)
                return std::min(double(upperOf(b)) / 1000.0, maxMs());
        }
        return maxMs();
    }

private:
    static size_t bucketOf(uint64_t us)
    {
        if (us < 64)
            return size_t(us);
        const int msb = 63 - __builtin_clzll(us);
        const int shift = msb - 5;
        return 64 + size_t(msb - 6) * 32 + size_t((us >> shift) & 31);
    }
    static uint64_t upperOf(size_t b)
    {
        if (b < 64)
            return b + 1;
        const size_t msb = (b - 64) / 32 + 6;
        const size_t sub = (b - 64) % 32;
        return (uint64_t(32 + sub + 1) << (msb - 5));
    }

    std::vector<uint64_t> m_counts;
    uint64_t m_total = 0;
    int64_t m_maxNs = 0;
};

// ---------------------------------------------------------------------------------------------
// Connections

enum class State { Connecting, Handshake, Hello, Join, Ready, Closed };

// What one receiver saw of one sender: a bit per sequence number.
struct Track
{
    std::vector<uint64_t> bits;
    int64_t maxSeq = -1;
};

struct Sender
{
    int conn = -1; // connection index
    int room = 0;
    int64_t sent = 0;
    int64_t seenByObserver = 0;
    int64_t acked = 0;
    std::vector<int64_t> sendTimes; // v1: for the ack latency
};

struct Conn
{
    int fd = -1;
    int index = 0;
    int room = 0;
    State state = State::Connecting;
    int sender = -1; // index into senders, or -1
    bool observer = false;
    std::string in;
    std::string out;
    size_t outOffset = 0;
    bool wantWrite = false;
    std::vector<Track> tracks; // one per sender of its room (index: local sender number)
};

const char *const HandshakeKey = "dGhlIHNhbXBsZSBub25jZQ==";
const char *const HandshakeAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; // RFC 6455 §1.3

struct StepResult
{
    double offeredRate = 0; // messages/s; 0: max mode
    double offeredDeliveries = 0; // deliveries/s that rate asks for
    bool ok = false; // everything delivered exactly once, in order, no error
    bool sustained = false; // ok, the offered rate reached, p99 within the bound
    int64_t sent = 0;
    double sendSeconds = 0;
    int64_t expected = 0, delivered = 0, missing = 0, duplicated = 0, outOfOrder = 0;
    int64_t acks = 0, missingAcks = 0, serverErrors = 0;
    int closed = 0;
    double deliverSeconds = 0, deliveriesPerSecond = 0, acksPerSecond = 0;
    double p50 = 0, p99 = 0, p999 = 0, max = 0;
    double ackP50 = 0, ackP99 = 0, ackP999 = 0, ackMax = 0;
    double loadgenCpu = 0, loadgenCpuPercent = 0, serverCpu = -1, serverCpuPercent = -1;
    // Both cores together (machineCpu): 100 % a core, 200 % the whole of a 2-core machine;
    // machineStolen: the hypervisor's share of that time (MachineCpu). -1 unknown.
    double machineCpuPercent = -1, machineStolenPercent = -1;
    long serverRss = -1;
    std::string firstError;
};

class LoadGen
{
public:
    explicit LoadGen(const Options &options) : m_o(options) { }
    int run();

private:
    void fail(const char *what, int conn);
    void openSome();
    void openOne(int index);
    void onEvent(Conn &c, uint32_t events);
    void readFrom(Conn &c);
    void flush(Conn &c);
    void queueFrame(Conn &c, uint8_t opcode, std::string_view payload);
    void parseHttp(Conn &c);
    // Handles the whole frames at the start of data; returns the bytes they took.
    size_t parseFrames(Conn &c, std::string_view data);
    void onText(Conn &c, std::string_view text);
    void onDelivery(Conn &c, std::string_view marker);
    void onAck(Conn &c, std::string_view frame);
    void becomeReady(Conn &c);
    void dropBeforeReady(Conn &c); // a connection that will not become ready: a failure
    void sendMessage(Sender &s);
    void pump(int timeoutMs);
    bool setUp();
    bool connectAll();
    StepResult runStep(double rate, double duration);
    void resetCounters();
    std::string stepJson(const StepResult &r) const;
    void printStep(const StepResult &r) const;

    const Options &m_o;
    int m_epoll = -1;
    uint32_t m_runId = 0;
    std::string m_runPrefix; // "<run>." as the markers start
    int64_t m_epochNs = 0;
    uint64_t m_mask = 0x9e3779b97f4a7c15ULL;
    std::vector<Conn> m_conns;
    std::vector<Sender> m_senders;
    std::vector<std::vector<int>> m_roomSenders; // per room: sender indexes
    std::vector<int> m_roomMembers;
    int m_nextToOpen = 0;
    int m_inProgress = 0;
    int m_ready = 0;
    int m_closed = 0;
    double m_connectSeconds = 0;
    double m_referenceVerifiesPerSecond = -1; // --pwhash-reference
    long m_rssStart = -1;
    long m_rssConnected = -1;
    long m_rssHeld = -1;
    int64_t m_lastInputNs = 0;
    int64_t m_lastDeliveryNs = 0;

    // Counters.
    int64_t m_connectFailures = 0;
    int64_t m_serverErrors = 0;
    int64_t m_expected = 0;
    int64_t m_delivered = 0; // unique deliveries
    int64_t m_duplicated = 0;
    int64_t m_outOfOrder = 0;
    int64_t m_foreign = 0; // deliveries of messages of an earlier run: ignored
    int64_t m_acks = 0;
    int64_t m_bytesIn = 0;
    Histogram m_latency;
    Histogram m_ackLatency;
    std::string m_firstError;
};

void LoadGen::fail(const char *what, int conn)
{
    if (m_firstError.empty()) {
        char buffer[512];
        std::snprintf(buffer, sizeof buffer, "connection %d: %s", conn, what);
        m_firstError = buffer;
    }
}

void LoadGen::openSome()
{
    while (m_nextToOpen < m_o.connections && m_inProgress < m_o.connectConcurrency) {
        openOne(m_nextToOpen++);
        ++m_inProgress;
    }
}

void LoadGen::openOne(int index)
{
    Conn &c = m_conns[size_t(index)];
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        fail(std::strerror(errno), index);
        ++m_connectFailures;
        c.state = State::Closed;
        ++m_closed;
        --m_inProgress;
        return;
    }
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (m_o.sourceAddresses > 1) {
        ::setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_in local = {};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl((127u << 24) | uint32_t(1 + index % m_o.sourceAddresses));
        if (::bind(c.fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
            fail(std::strerror(errno), index);
    }
    sockaddr_in peer = {};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(uint16_t(m_o.port));
    ::inet_pton(AF_INET, m_o.host.c_str(), &peer.sin_addr);
    const int rc = ::connect(c.fd, reinterpret_cast<sockaddr *>(&peer), sizeof peer);
    if (rc != 0 && errno != EINPROGRESS) {
        fail(std::strerror(errno), index);
        ++m_connectFailures;
        ::close(c.fd);
        c.fd = -1;
        c.state = State::Closed;
        ++m_closed;
        --m_inProgress;
        return;
    }
    epoll_event ev = {};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = uint32_t(index);
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    c.wantWrite = true;

    // The request goes out as soon as the socket is connected.
    char request[512];
    std::string path = "/ws";
    if (!m_o.v1 && m_o.rooms > 1)
        path = "/r" + std::to_string(c.room);
    std::snprintf(request, sizeof request,
                  "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n%s\r\n",
                  path.c_str(), m_o.host.c_str(), m_o.port, HandshakeKey,
                  m_o.v1 ? "Sec-WebSocket-Protocol: sori.v1\r\n" : "");
    c.out = request;
    c.outOffset = 0;
    c.state = State::Handshake;
}

void LoadGen::queueFrame(Conn &c, uint8_t opcode, std::string_view payload)
{
    // A client frame: FIN, opcode, MASK bit, length, 4-byte key, masked payload.
    std::array<char, 14> header;
    size_t h = 0;
    header[h++] = char(0x80 | opcode);
    const size_t n = payload.size();
    if (n < 126) {
        header[h++] = char(0x80 | n);
    } else if (n < 65536) {
        header[h++] = char(0x80 | 126);
        header[h++] = char(n >> 8);
        header[h++] = char(n & 0xff);
    } else {
        header[h++] = char(0x80 | 127);
        for (int i = 7; i >= 0; --i)
            header[h++] = char((uint64_t(n) >> (8 * i)) & 0xff);
    }
    m_mask ^= m_mask << 13;
    m_mask ^= m_mask >> 7;
    m_mask ^= m_mask << 17;
    const std::array<char, 4> key = {char(m_mask), char(m_mask >> 8), char(m_mask >> 16),
                                     char(m_mask >> 24)};
    for (char k : key)
        header[h++] = k;
    if (c.outOffset == c.out.size()) {
        c.out.clear();
        c.outOffset = 0;
    }
    c.out.append(header.data(), h);
    const size_t start = c.out.size();
    c.out.append(payload);
    for (size_t i = 0; i < n; ++i)
        c.out[start + i] = char(c.out[start + i] ^ key[i & 3]);
}

void LoadGen::flush(Conn &c)
{
    while (c.outOffset < c.out.size()) {
        const ssize_t n =
            ::send(c.fd, c.out.data() + c.outOffset, c.out.size() - c.outOffset, MSG_NOSIGNAL);
        if (n > 0) {
            c.outOffset += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c.wantWrite) {
                epoll_event ev = {};
                ev.events = EPOLLIN | EPOLLOUT;
                ev.data.u32 = uint32_t(c.index);
                ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
                c.wantWrite = true;
            }
            return;
        }
        fail(n == 0 ? "send returned 0" : std::strerror(errno), c.index);
        return;
    }
    c.out.clear();
    c.outOffset = 0;
    if (c.wantWrite) {
        epoll_event ev = {};
        ev.events = EPOLLIN;
        ev.data.u32 = uint32_t(c.index);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
        c.wantWrite = false;
    }
}

void LoadGen::onEvent(Conn &c, uint32_t events)
{
    if (c.state == State::Closed)
        return;
    if (events & (EPOLLERR | EPOLLHUP)) {
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (c.state != State::Ready)
            ++m_connectFailures;
        fail(error ? std::strerror(error) : "connection closed by the server", c.index);
        readFrom(c); // whatever arrived before the end
        if (c.state != State::Closed) {
            if (c.state != State::Ready)
                --m_inProgress;
            c.state = State::Closed;
            ++m_closed;
            ::close(c.fd);
        }
        return;
    }
    if (events & EPOLLOUT)
        flush(c);
    if (events & EPOLLIN)
        readFrom(c);
}

void LoadGen::readFrom(Conn &c)
{
    char buffer[65536];
    for (int round = 0; round < 4; ++round) {
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_bytesIn += n;
            // Every frame of this read arrived by now: its time is their arrival (one clock
            // read per read(), not per frame, which cost 14 % of the generator in scenario A).
            m_lastInputNs = nowNs();
            if (c.state == State::Ready && c.in.empty()) {
                // The usual case: frames straight from the read buffer, only a partial one kept.
                const size_t used = parseFrames(c, std::string_view(buffer, size_t(n)));
                if (c.state != State::Closed)
                    c.in.append(buffer + used, size_t(n) - used);
            } else {
                c.in.append(buffer, size_t(n));
                if (c.state == State::Handshake)
                    parseHttp(c);
                if (c.state != State::Handshake && c.state != State::Closed) {
                    const size_t used = parseFrames(c, c.in);
                    c.in.erase(0, used);
                }
            }
            if (c.state == State::Closed)
                return; // given up while parsing: the descriptor is closed
            if (size_t(n) < sizeof buffer)
                return;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // End of stream or an error.
        if (c.state != State::Ready)
            ++m_connectFailures;
        fail(n == 0 ? "connection closed by the server" : std::strerror(errno), c.index);
        if (c.state != State::Ready)
            --m_inProgress;
        c.state = State::Closed;
        ++m_closed;
        ::close(c.fd);
        return;
    }
}

void LoadGen::parseHttp(Conn &c)
{
    const size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (c.in.size() > 16384)
            fail("handshake response too long", c.index);
        return;
    }
    const std::string head = c.in.substr(0, end);
    c.in.erase(0, end + 4);
    if (head.compare(0, 12, "HTTP/1.1 101") != 0 || head.find(HandshakeAccept) == std::string::npos
        || (m_o.v1 && head.find("sori.v1") == std::string::npos)) {
        fail(("handshake refused: " + head.substr(0, head.find('\r'))).c_str(), c.index);
        dropBeforeReady(c);
        return;
    }
    if (m_o.v1) {
        c.state = State::Hello;
        if (m_o.accountPrefix.empty()) {
            queueFrame(c, 1, R"({"client":"other","id":"h","protocol":1,"type":"hello"})");
        } else {
            queueFrame(c, 1,
                       std::string(R"({"client":"other","id":"h","protocol":1,"type":")")
                           + (m_o.registerAccounts ? "register" : "login") + R"(","name":)"
                           + jsonString(m_o.accountPrefix + std::to_string(c.index))
                           + R"(,"password":)" + jsonString(m_o.password) + "}");
        }
        flush(c);
    } else if (m_o.plainGreeting) {
        c.state = State::Hello; // the greeting line makes it ready
    } else {
        becomeReady(c);
    }
}

void LoadGen::dropBeforeReady(Conn &c)
{
    ++m_connectFailures;
    --m_inProgress;
    c.state = State::Closed;
    ++m_closed;
    ::close(c.fd);
}

void LoadGen::becomeReady(Conn &c)
{
    c.state = State::Ready;
    ++m_ready;
    --m_inProgress;
}

size_t LoadGen::parseFrames(Conn &c, std::string_view bytes)
{
    size_t pos = 0;
    const size_t size = bytes.size();
    const auto *data = reinterpret_cast<const uint8_t *>(bytes.data());
    while (c.state != State::Closed && size - pos >= 2) {
        const uint8_t b0 = data[pos];
        const uint8_t b1 = data[pos + 1];
        size_t header = 2;
        uint64_t len = b1 & 0x7f;
        if (b1 & 0x80) {
            fail("the server sent a masked frame", c.index);
            break;
        }
        if (len == 126) {
            if (size - pos < 4)
                break;
            len = (uint64_t(data[pos + 2]) << 8) | data[pos + 3];
            header = 4;
        } else if (len == 127) {
            if (size - pos < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | data[pos + 2 + size_t(i)];
            header = 10;
        }
        if (size - pos < header + len)
            break;
        const std::string_view payload(bytes.data() + pos + header, size_t(len));
        const uint8_t opcode = b0 & 0x0f;
        pos += header + size_t(len);
        if (!(b0 & 0x80)) {
            fail("the server sent a fragmented frame", c.index);
            continue;
        }
        if (opcode == 1) {
            onText(c, payload);
        } else if (opcode == 9) {
            queueFrame(c, 10, payload);
            flush(c);
        } else if (opcode == 8) {
            char what[200];
            const unsigned code = payload.size() >= 2
                ? (unsigned(uint8_t(payload[0])) << 8) | uint8_t(payload[1])
                : 0;
            std::snprintf(what, sizeof what, "closed by the server: %u %.*s", code,
                          int(payload.size() > 2 ? std::min<size_t>(payload.size() - 2, 120) : 0),
                          payload.size() > 2 ? payload.data() + 2 : "");
            fail(what, c.index);
        } else if (opcode != 10) {
            fail("unexpected opcode", c.index);
        }
    }
    return pos;
}

// The type of a v1 frame: the server writes keys in alphabetical order, so "type" is last.
std::string_view frameType(std::string_view frame)
{
    const size_t at = frame.rfind("\"type\":\"");
    if (at == std::string_view::npos)
        return {};
    const size_t start = at + 8;
    const size_t end = frame.find('"', start);
    if (end == std::string_view::npos)
        return {};
    return frame.substr(start, end - start);
}

void LoadGen::onText(Conn &c, std::string_view text)
{
    if (!m_o.v1) {
        const size_t marker = text.find("~L");
        if (marker != std::string_view::npos) {
            onDelivery(c, text.substr(marker + 2));
            return;
        }
        if (text.substr(0, 7) == "error: ") {
            ++m_serverErrors;
            fail(std::string(text.substr(0, 200)).c_str(), c.index);
            return;
        }
        if (c.state == State::Hello)
            becomeReady(c);
        return;
    }
    const std::string_view type = frameType(text);
    if (type == "message") {
        const size_t marker = text.find("~L");
        if (marker != std::string_view::npos)
            onDelivery(c, text.substr(marker + 2));
    } else if (type == "ack") {
        onAck(c, text);
    } else if (type == "presence" || type == "history" || type == "typing") {
        // Not counted.
    } else if (type == "welcome" && c.state == State::Hello) {
        if (m_o.loginOnly) {
            becomeReady(c);
        } else {
            c.state = State::Join;
            const std::string join = R"({"id":"j","room":")" + m_o.roomPrefix
                + std::to_string(c.room) + R"(","type":"join"})";
            queueFrame(c, 1, join);
            flush(c);
        }
    } else if (type == "joined" && c.state == State::Join) {
        becomeReady(c);
    } else if (type == "error") {
        ++m_serverErrors;
        fail(std::string(text.substr(0, 300)).c_str(), c.index);
        // Refused at sign-in (a wrong password, a taken name): it will not become ready.
        if (c.state == State::Hello || c.state == State::Join)
            dropBeforeReady(c);
    }
}

// marker: <run>.<sender>.<seq>.<ns since m_epochNs>~...
void LoadGen::onDelivery(Conn &c, std::string_view marker)
{
    const int64_t now = m_lastInputNs; // when the read that brought it returned
    uint64_t fields[4] = {};
    size_t p = 0;
    int f = 0;
    // This run's own messages (all of them, unless an earlier run's are still coming): its
    // number is compared, not parsed again, and 10 of about 30 digits are skipped.
    if (marker.substr(0, m_runPrefix.size()) == m_runPrefix) {
        fields[0] = m_runId;
        p = m_runPrefix.size();
        f = 1;
    }
    for (; f < 4; ++f) {
        uint64_t v = 0;
        const size_t start = p;
        while (p < marker.size() && marker[p] >= '0' && marker[p] <= '9')
            v = v * 10 + uint64_t(marker[p++] - '0');
        if (p == start || p >= marker.size() || marker[p] != (f == 3 ? '~' : '.')) {
            fail("a delivery with a garbled marker", c.index);
            return;
        }
        ++p;
        fields[f] = v;
    }
    if (fields[0] != m_runId) {
        ++m_foreign;
        return;
    }
    const size_t senderIndex = size_t(fields[1]);
    if (senderIndex >= m_senders.size()) {
        fail("a delivery from an unknown sender", c.index);
        return;
    }
    Sender &s = m_senders[senderIndex];
    if (s.room != c.room) {
        fail("a delivery from another room", c.index);
        ++m_duplicated; // counts as wrong
        return;
    }
    if (!m_o.selfEcho && s.conn == c.index) {
        fail("a sender received its own message", c.index);
        ++m_duplicated;
        return;
    }
    const auto &roomSenders = m_roomSenders[size_t(c.room)];
    const size_t local = size_t(std::find(roomSenders.begin(), roomSenders.end(), int(senderIndex))
                                - roomSenders.begin());
    Track &t = c.tracks[local];
    const auto seq = int64_t(fields[2]);
    const size_t word = size_t(seq) / 64;
    if (word >= t.bits.size())
        t.bits.resize(std::max(word + 1, t.bits.size() * 2), 0);
    const uint64_t bit = uint64_t(1) << (seq % 64);
    if (t.bits[word] & bit) {
        ++m_duplicated;
        return;
    }
    t.bits[word] |= bit;
    if (seq < t.maxSeq)
        ++m_outOfOrder;
    t.maxSeq = std::max(t.maxSeq, seq);
    ++m_delivered;
    m_lastDeliveryNs = now;
    m_latency.add(now - (m_epochNs + int64_t(fields[3])));
    if (c.observer)
        ++s.seenByObserver;
}

void LoadGen::onAck(Conn &c, std::string_view frame)
{
    // {"msgId":"<seq>",...,"type":"ack"}
    const size_t at = frame.find("\"msgId\":\"");
    if (at == std::string_view::npos || c.sender < 0) {
        fail("an ack without msgId, or to a connection that sent nothing", c.index);
        return;
    }
    int64_t seq = 0;
    for (size_t p = at + 9; p < frame.size() && frame[p] >= '0' && frame[p] <= '9'; ++p)
        seq = seq * 10 + (frame[p] - '0');
    Sender &s = m_senders[size_t(c.sender)];
    if (seq < 0 || seq >= int64_t(s.sendTimes.size())) {
        fail("an ack for a message never sent", c.index);
        return;
    }
    ++m_acks;
    ++s.acked;
    m_ackLatency.add(m_lastInputNs - s.sendTimes[size_t(seq)]);
}

void LoadGen::sendMessage(Sender &s)
{
    Conn &c = m_conns[size_t(s.conn)];
    if (c.state != State::Ready)
        return;
    const int64_t seq = s.sent++;
    const int64_t now = nowNs();
    char marker[96];
    int n = std::snprintf(marker, sizeof marker, "~L%u.%d.%" PRId64 ".%" PRId64 "~", m_runId,
                          c.sender, seq, now - m_epochNs);
    std::string text(marker, size_t(n));
    if (int(text.size()) < m_o.size)
        text.append(size_t(m_o.size) - text.size(), 'x');
    if (m_o.v1) {
        s.sendTimes.push_back(now);
        char head[160];
        n = std::snprintf(head, sizeof head, R"({"msgId":"%)" PRId64 R"(","room":"%s%d","text":")",
                          seq, m_o.roomPrefix.c_str(), c.room);
        std::string frame(head, size_t(n));
        frame += text;
        frame += R"(","type":"send"})";
        queueFrame(c, 1, frame);
    } else {
        queueFrame(c, 1, text);
    }
    m_expected += m_roomMembers[size_t(c.room)] - (m_o.selfEcho ? 0 : 1);
}

void LoadGen::pump(int timeoutMs)
{
    static epoll_event events[1024];
    const int n = ::epoll_wait(m_epoll, events, 1024, timeoutMs);
    for (int i = 0; i < n; ++i)
        onEvent(m_conns[events[i].data.u32], events[i].events);
}

bool LoadGen::setUp()
{
    // Enough descriptors for every connection.
    rlimit limit = {};
    getrlimit(RLIMIT_NOFILE, &limit);
    const rlim_t want = rlim_t(m_o.connections) + 64;
    if (limit.rlim_cur < want) {
        rlimit raised = {want, std::max(limit.rlim_max, want)};
        if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
            raised = {limit.rlim_max, limit.rlim_max};
            setrlimit(RLIMIT_NOFILE, &raised);
            if (limit.rlim_max < want) {
                std::fprintf(stderr,
                             "sori-loadgen: %d connections need %lu descriptors; the limit is "
                             "%lu\n",
                             m_o.connections, (unsigned long)want, (unsigned long)limit.rlim_max);
                return false;
            }
        }
    }
    ::signal(SIGPIPE, SIG_IGN);
    m_runId = uint32_t(nowNs() % 1'000'000'000) ^ uint32_t(getpid());
    m_runPrefix = std::to_string(m_runId) + '.';
    m_epochNs = nowNs(); // send times are written relative to it: fewer digits to read back
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);

    // Connections, rooms and senders. Connection i is in room i % R; sender j is connection j,
    // so senders are spread over the rooms (one per room when S <= R).
    m_conns.resize(size_t(m_o.connections));
    m_roomMembers.assign(size_t(m_o.rooms), 0);
    m_roomSenders.assign(size_t(m_o.rooms), {});
    for (int i = 0; i < m_o.connections; ++i) {
        m_conns[size_t(i)].index = i;
        m_conns[size_t(i)].room = i % m_o.rooms;
        ++m_roomMembers[size_t(i % m_o.rooms)];
    }
    for (int j = 0; j < m_o.senders; ++j) {
        const int conn = j;
        Sender s;
        s.conn = conn;
        s.room = m_conns[size_t(conn)].room;
        m_conns[size_t(conn)].sender = j;
        m_roomSenders[size_t(s.room)].push_back(j);
        m_senders.push_back(std::move(s));
    }
    // The observer of a room (max mode: confirms messages) is its last member that is not a
    // sender, or else its last member when senders hear themselves.
    for (int r = 0; r < m_o.rooms; ++r) {
        int observer = -1;
        for (int i = m_o.connections - 1; i >= 0 && observer < 0; --i) {
            if (m_conns[size_t(i)].room == r && m_conns[size_t(i)].sender < 0)
                observer = i;
        }
        if (observer < 0 && m_o.selfEcho) {
            for (int i = m_o.connections - 1; i >= 0 && observer < 0; --i) {
                if (m_conns[size_t(i)].room == r)
                    observer = i;
            }
        }
        if (observer >= 0) {
            m_conns[size_t(observer)].observer = true;
        } else if (!m_roomSenders[size_t(r)].empty()) {
            std::fprintf(stderr, "sori-loadgen: room %d has nobody to receive its messages\n", r);
            return false;
        }
    }
    for (Conn &c : m_conns)
        c.tracks.resize(m_roomSenders[size_t(c.room)].size());
    return true;
}

bool LoadGen::connectAll()
{
    m_rssStart = processRssKiB(m_o.serverPid);
    const int64_t connectStart = nowNs();
    while (m_ready + m_closed < m_o.connections) {
        openSome();
        pump(100);
        if (nowNs() - connectStart > int64_t(300) * 1'000'000'000) {
            fail("timed out waiting for the connections to be ready", -1);
            break;
        }
    }
    m_connectSeconds = double(nowNs() - connectStart) / 1e9;
    m_rssConnected = processRssKiB(m_o.serverPid);
    if (!m_o.quiet)
        std::fprintf(stderr, "sori-loadgen: %d of %d connections ready in %.3f s\n", m_ready,
                     m_o.connections, m_connectSeconds);
    if (m_o.holdSeconds > 0 && m_closed == 0) {
        const int64_t until = nowNs() + int64_t(m_o.holdSeconds * 1e9);
        while (nowNs() < until)
            pump(100);
    }
    m_rssHeld = processRssKiB(m_o.serverPid);
    return m_ready == m_o.connections && m_closed == 0;
}

void LoadGen::resetCounters()
{
    m_serverErrors = 0;
    m_expected = 0;
    m_delivered = 0;
    m_duplicated = 0;
    m_outOfOrder = 0;
    m_acks = 0;
    m_latency = Histogram();
    m_ackLatency = Histogram();
    m_lastDeliveryNs = 0;
    m_firstError.clear();
    for (Sender &s : m_senders)
        s.acked = 0;
}

StepResult LoadGen::runStep(double rate, double duration)
{
    StepResult r;
    resetCounters();
    int64_t recipients = 0; // deliveries one message of each sender asks for, summed
    for (const Sender &s : m_senders)
        recipients += m_roomMembers[size_t(s.room)] - (m_o.selfEcho ? 0 : 1);
    r.offeredRate = rate;
    r.offeredDeliveries =
        m_senders.empty() ? 0 : rate * double(recipients) / double(m_senders.size());

    // Settle: whatever came before (logins, presence, history, the last step) is read first.
    const int64_t settleStart = nowNs();
    m_lastInputNs = nowNs();
    while (m_closed == 0 && nowNs() - m_lastInputNs < int64_t(m_o.settleMs * 1e6)
           && nowNs() - settleStart < int64_t(300) * 1'000'000'000)
        pump(10);

    const double ownCpu0 = ownCpuSeconds();
    const double serverCpu0 = processCpuSeconds(m_o.serverPid);
    const MachineCpu machine0 = machineCpuSeconds();
    int64_t sentBefore = 0;
    for (const Sender &s : m_senders)
        sentBefore += s.sent;
    const int64_t sendStart = nowNs();
    const int64_t sendEnd = sendStart + int64_t(duration * 1e9);
    int64_t stepSent = 0;
    size_t nextSender = 0;
    std::vector<char> touched(m_senders.size(), 0);
    while (!m_senders.empty() && m_closed == 0) {
        const int64_t now = nowNs();
        if (now >= sendEnd)
            break;
        if (rate > 0) {
            const auto due = int64_t(double(now - sendStart) / 1e9 * rate) + 1;
            while (stepSent < due) {
                sendMessage(m_senders[nextSender]);
                touched[nextSender] = 1;
                nextSender = (nextSender + 1) % m_senders.size();
                ++stepSent;
            }
            for (size_t j = 0; j < m_senders.size(); ++j) {
                if (touched[j]) {
                    flush(m_conns[size_t(m_senders[j].conn)]);
                    touched[j] = 0;
                }
            }
        } else {
            for (Sender &s : m_senders) {
                bool any = false;
                while (s.sent - s.seenByObserver < m_o.window) {
                    sendMessage(s);
                    any = true;
                }
                if (any)
                    flush(m_conns[size_t(s.conn)]);
            }
        }
        pump(rate > 0 ? 1 : 5);
    }
    const int64_t sendStop = nowNs();
    for (const Sender &s : m_senders)
        r.sent += s.sent;
    r.sent -= sentBefore;

    // Drain until everything arrived, or no progress for --drain seconds.
    int64_t lastProgress = nowNs();
    int64_t lastCount = -1;
    while (m_closed == 0 && (m_delivered < m_expected || (m_o.v1 && m_acks < r.sent))) {
        pump(5);
        const int64_t count = m_delivered + m_duplicated + m_acks;
        if (count != lastCount) {
            lastCount = count;
            lastProgress = nowNs();
        } else if (nowNs() - lastProgress > int64_t(m_o.drainSeconds * 1e9)) {
            break;
        }
    }
    const int64_t end = nowNs();
    r.loadgenCpu = ownCpuSeconds() - ownCpu0;
    const double serverCpu1 = processCpuSeconds(m_o.serverPid);
    if (serverCpu0 >= 0 && serverCpu1 >= 0)
        r.serverCpu = serverCpu1 - serverCpu0;
    r.serverRss = processRssKiB(m_o.serverPid);
    const MachineCpu machine1 = machineCpuSeconds();

    r.sendSeconds = double(sendStop - sendStart) / 1e9;
    r.deliverSeconds =
        double((m_lastDeliveryNs > sendStart ? m_lastDeliveryNs : end) - sendStart) / 1e9;
    r.expected = m_expected;
    r.delivered = m_delivered;
    r.missing = std::max<int64_t>(0, m_expected - m_delivered);
    r.duplicated = m_duplicated;
    r.outOfOrder = m_outOfOrder;
    r.acks = m_acks;
    r.missingAcks = m_o.v1 ? std::max<int64_t>(0, r.sent - m_acks) : 0;
    r.serverErrors = m_serverErrors;
    r.closed = m_closed;
    // Deliveries per second over the sending window, or longer when the server lagged behind.
    const double window = std::max(r.sendSeconds, r.deliverSeconds);
    r.deliveriesPerSecond = window > 0 ? double(m_delivered) / window : 0;
    r.acksPerSecond = window > 0 ? double(m_acks) / window : 0;
    r.p50 = m_latency.quantileMs(0.5);
    r.p99 = m_latency.quantileMs(0.99);
    r.p999 = m_latency.quantileMs(0.999);
    r.max = m_latency.maxMs();
    r.ackP50 = m_ackLatency.quantileMs(0.5);
    r.ackP99 = m_ackLatency.quantileMs(0.99);
    r.ackP999 = m_ackLatency.quantileMs(0.999);
    r.ackMax = m_ackLatency.maxMs();
    const double wall = double(end - sendStart) / 1e9;
    r.loadgenCpuPercent = wall > 0 ? 100.0 * r.loadgenCpu / wall : 0;
    r.serverCpuPercent = wall > 0 && r.serverCpu >= 0 ? 100.0 * r.serverCpu / wall : -1;
    if (wall > 0 && machine0.busy >= 0 && machine1.busy >= 0) {
        r.machineCpuPercent = 100.0 * (machine1.busy - machine0.busy) / wall;
        r.machineStolenPercent = 100.0 * (machine1.stolen - machine0.stolen) / wall;
    }
    r.ok = m_serverErrors == 0 && r.missing == 0 && r.missingAcks == 0 && r.duplicated == 0
        && r.outOfOrder == 0 && m_closed == 0;
    const double p99 = m_o.boundOnAck ? r.ackP99 : r.p99;
    r.sustained = r.ok && (m_o.p99Bound <= 0 || p99 <= m_o.p99Bound)
        && (rate <= 0 || r.deliveriesPerSecond >= 0.95 * r.offeredDeliveries);
    r.firstError = m_firstError;
    return r;
}

std::string LoadGen::stepJson(const StepResult &r) const
{
    char json[2048];
    std::snprintf(
        json, sizeof json,
        "{\"offered_rate\":%.1f,\"offered_deliveries\":%.1f,\"ok\":%s,\"sustained\":%s,"
        "\"sent\":%" PRId64 ",\"send_seconds\":%.4f,\"sent_per_second\":%.1f,"
        "\"expected\":%" PRId64 ",\"delivered\":%" PRId64 ",\"missing\":%" PRId64
        ",\"duplicated\":%" PRId64 ",\"out_of_order\":%" PRId64 ",\"acks\":%" PRId64
        ",\"missing_acks\":%" PRId64 ",\"server_errors\":%" PRId64 ",\"closed\":%d,"
        "\"deliveries_per_second\":%.1f,\"acks_per_second\":%.1f,\"deliver_seconds\":%.4f,"
        "\"latency_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},"
        "\"ack_latency_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},"
        "\"loadgen_cpu_seconds\":%.3f,\"loadgen_cpu_percent\":%.1f,"
        "\"server_cpu_seconds\":%.3f,\"server_cpu_percent\":%.1f,\"server_rss_kib\":%ld,"
        "\"machine_cpu_percent\":%.1f,\"machine_stolen_percent\":%.1f,\"first_error\":%s}",
        r.offeredRate, r.offeredDeliveries, r.ok ? "true" : "false", r.sustained ? "true" : "false",
        r.sent, r.sendSeconds, r.sendSeconds > 0 ? double(r.sent) / r.sendSeconds : 0, r.expected,
        r.delivered, r.missing, r.duplicated, r.outOfOrder, r.acks, r.missingAcks, r.serverErrors,
        r.closed, r.deliveriesPerSecond, r.acksPerSecond, r.deliverSeconds, r.p50, r.p99, r.p999,
        r.max, r.ackP50, r.ackP99, r.ackP999, r.ackMax, r.loadgenCpu, r.loadgenCpuPercent,
        r.serverCpu, r.serverCpuPercent, r.serverRss, r.machineCpuPercent, r.machineStolenPercent,
        jsonString(r.firstError).c_str());
    return json;
}

void LoadGen::printStep(const StepResult &r) const
{
    if (r.offeredRate > 0)
        std::printf("  step: offered %.0f msg/s = %.0f deliveries/s\n", r.offeredRate,
                    r.offeredDeliveries);
    else
        std::printf("  step: as fast as a window of %d per sender allows\n", m_o.window);
    std::printf("    sent         %" PRId64 " in %.2f s (%.0f/s)\n"
                "    delivered    %" PRId64 " of %" PRId64 " expected: missing %" PRId64
                ", duplicated %" PRId64 ", out of order %" PRId64 "\n"
                "    deliveries/s %.0f\n"
                "    latency ms   p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
                r.sent, r.sendSeconds, r.sendSeconds > 0 ? double(r.sent) / r.sendSeconds : 0,
                r.delivered, r.expected, r.missing, r.duplicated, r.outOfOrder,
                r.deliveriesPerSecond, r.p50, r.p99, r.p999, r.max);
    if (m_o.v1 && r.sent > 0)
        std::printf("    acks         %" PRId64 " (missing %" PRId64 ", %.0f/s), ack latency ms "
                    "p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
                    r.acks, r.missingAcks, r.acksPerSecond, r.ackP50, r.ackP99, r.ackP999,
                    r.ackMax);
    std::printf("    CPU          loadgen %.2f s (%.0f %%), server %.2f s (%.0f %%)", r.loadgenCpu,
                r.loadgenCpuPercent, r.serverCpu, r.serverCpuPercent);
    if (r.machineCpuPercent >= 0)
        std::printf(", machine %.0f %% (%.0f %% stolen by the host)", r.machineCpuPercent,
                    r.machineStolenPercent);
    std::printf("\n");
    if (!r.firstError.empty())
        std::printf("    problem      %s\n", r.firstError.c_str());
    std::printf("    result       %s%s\n", r.ok ? "OK" : "FAILED",
                r.ok && !r.sustained ? " (not sustained)" : "");
    std::fflush(stdout);
}

// How many Argon2id hashes (libsodium's interactive limits, as sori-server uses) one thread of
// this machine verifies per second: what a password sign-in costs, without a server around it.
static double referenceVerifiesPerSecond(double seconds)
{
    if (sodium_init() < 0)
        return -1;
    const char password[] = "bench password 123";
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, sizeof password - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return -1;
    const int64_t start = nowNs();
    int verified = 0;
    while (verified == 0 || double(nowNs() - start) / 1e9 < seconds) {
        if (crypto_pwhash_str_verify(hash, password, sizeof password - 1) != 0)
            return -1;
        ++verified;
    }
    return verified / (double(nowNs() - start) / 1e9);
}

int LoadGen::run()
{
    if (m_o.pwhashReferenceSeconds > 0) {
        m_referenceVerifiesPerSecond = referenceVerifiesPerSecond(m_o.pwhashReferenceSeconds);
        std::printf("  reference      one thread verifies %.1f Argon2id hashes/s\n",
                    m_referenceVerifiesPerSecond);
    }
    if (!setUp())
        return 2;
    const bool connected = connectAll();
    std::printf("%s%s%s mode, %d connections, %zu senders, %d rooms\n"
                "  connect+login  %.3f s (%d ready, %" PRId64 " failed)\n",
                m_o.label.c_str(), m_o.label.empty() ? "" : ": ", m_o.v1 ? "v1" : "plain",
                m_o.connections, m_senders.size(), m_o.rooms, m_connectSeconds, m_ready,
                m_connectFailures);
    const double rssPerConnection = m_rssStart >= 0 && m_rssHeld >= 0
        ? double(m_rssHeld - m_rssStart) * 1024.0 / m_o.connections
        : -1;
    if (m_rssStart >= 0)
        std::printf("  server RSS     %ld KiB before, %ld KiB connected, %ld KiB held "
                    "(%.0f bytes/connection)\n",
                    m_rssStart, m_rssConnected, m_rssHeld, rssPerConnection);
    const std::string connectError = m_firstError;
    if (!connected && !connectError.empty())
        std::printf("  problem        %s\n", connectError.c_str());

    std::vector<StepResult> steps;
    bool allOk = connected;
    int best = -1; // the sustained step with the most deliveries/s
    auto record = [&](StepResult r) {
        printStep(r);
        allOk = allOk && r.ok;
        steps.push_back(std::move(r));
        const StepResult &last = steps.back();
        if (last.sustained
            && (best < 0 || last.deliveriesPerSecond > steps[size_t(best)].deliveriesPerSecond))
            best = int(steps.size() - 1);
        return last.sustained;
    };
    if (connected && !m_senders.empty()) {
        if (m_o.rampStart > 0) {
            double rate = m_o.rampStart;
            if (m_o.warmupSeconds > 0) {
                const StepResult warmup = runStep(rate, m_o.warmupSeconds);
                allOk = allOk && warmup.ok;
                if (!warmup.ok)
                    printStep(warmup);
            }
            // A step that falls short is tried again: on a shared machine one slow moment
            // should not end a ramp. Every try is reported.
            const auto tryRate = [&](double offered) {
                bool sustained = false;
                for (int attempt = 0; attempt <= m_o.retries && !sustained && m_closed == 0;
                     ++attempt)
                    sustained = record(runStep(offered, m_o.duration));
                return sustained;
            };
            double notSustained = 0;
            for (int i = 0; i < m_o.maxSteps && m_closed == 0; ++i, rate *= m_o.rampFactor) {
                if (!tryRate(rate)) {
                    notSustained = rate;
                    break;
                }
            }
            // The ramp's factor leaves a gap (50 %) where the maximum lies; bisecting it makes
            // the figure less a matter of where the steps fell.
            if (best >= 0 && notSustained > 0) {
                double low = steps[size_t(best)].offeredRate, high = notSustained;
                for (int i = 0; i < m_o.refine && m_closed == 0 && high > low; ++i) {
                    const double middle = std::sqrt(low * high);
                    (tryRate(middle) ? low : high) = middle;
                }
            }
            if (best >= 0) {
                const double bestRate = steps[size_t(best)].offeredRate;
                for (double fraction : m_o.after) {
                    if (m_closed == 0)
                        record(runStep(bestRate * fraction, m_o.duration));
                }
            }
        } else if (!m_o.rates.empty()) {
            for (double rate : m_o.rates) {
                if (m_closed == 0)
                    record(runStep(rate, m_o.duration));
            }
        } else {
            record(runStep(m_o.rate, m_o.duration));
        }
    }
    if (best >= 0)
        std::printf("  best sustained %.0f deliveries/s (offered %.0f msg/s), p99 %.3f ms\n",
                    steps[size_t(best)].deliveriesPerSecond, steps[size_t(best)].offeredRate,
                    steps[size_t(best)].p99);
    std::printf("  result         %s\n", allOk ? "OK" : "FAILED");
    std::fflush(stdout);

    if (!m_o.json.empty()) {
        std::string json;
        char head[2048];
        std::snprintf(head, sizeof head,
                      "{\"label\":%s,\"mode\":\"%s\",\"connections\":%d,\"senders\":%d,"
                      "\"rooms\":%d,\"size\":%d,\"window\":%d,\"ok\":%s,"
                      "\"connect_seconds\":%.4f,\"ready\":%d,\"connect_failures\":%" PRId64 ","
                      "\"server_rss_kib\":{\"start\":%ld,\"connected\":%ld,\"held\":%ld},"
                      "\"server_bytes_per_connection\":%.0f,\"connect_error\":%s,\"best\":%d,"
                      "\"sign_in\":\"%s\",\"reference_verifies_per_second\":%.2f,\"steps\":[",
                      jsonString(m_o.label).c_str(), m_o.v1 ? "v1" : "plain", m_o.connections,
                      int(m_senders.size()), m_o.rooms, m_o.size, m_o.window,
                      allOk ? "true" : "false", m_connectSeconds, m_ready, m_connectFailures,
                      m_rssStart, m_rssConnected, m_rssHeld, rssPerConnection,
                      jsonString(connectError).c_str(), best,
                      !m_o.v1                         ? "plain"
                          : m_o.accountPrefix.empty() ? "guest"
                          : m_o.registerAccounts      ? "register"
                                                      : "login",
                      m_referenceVerifiesPerSecond);
        json = head;
        for (size_t i = 0; i < steps.size(); ++i) {
            if (i > 0)
                json += ',';
            json += stepJson(steps[i]);
        }
        json += "]}\n";
        if (FILE *f = std::fopen(m_o.json.c_str(), "w")) {
            std::fputs(json.c_str(), f);
            std::fclose(f);
        }
    }
    return allOk ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseOptions(argc, argv);
    LoadGen generator(options);
    return generator.run();
}
