/*
 * nfqdelay - hold every packet of one NFQUEUE for a constant time, then accept it.
 *
 * A stand-in for `tc qdisc ... netem delay` on kernels built without netem. Run one per network
 * namespace (NFQUEUE queues are per netns), next to iptables rules such as
 *   iptables -A INPUT  ! -i lo -p tcp --dport 22 -j NFQUEUE --queue-num 0 --queue-bypass
 *   iptables -A OUTPUT ! -o lo -p tcp --sport 22 -j NFQUEUE --queue-num 0 --queue-bypass
 * --queue-bypass (and the FAIL_OPEN queue flag set below) means packets pass undelayed when no
 * delayer is bound or the queue is full, so a crashed delayer never blackholes traffic.
 *
 * The delay is constant, so due times are monotonic in arrival order: a FIFO of (packet id, due
 * time) and poll() with the head's remaining time as timeout are enough. Packet order is kept.
 *
 * Build: gcc -O2 -Wall -o nfqdelay nfqdelay.c -lnetfilter_queue
 * Usage: nfqdelay [--queue N] [--delay-ms MS] [--pidfile FILE] [--verbose]
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define RING_SIZE 65536u /* power of two; more in flight than this is accepted at once */

struct held { uint32_t id; uint64_t due_ns; };

static struct held ring[RING_SIZE];
static unsigned head, tail; /* entries live in [head, tail); indices wrap via mask */
static uint64_t delay_ns = 25ull * 1000000ull;
static volatile sig_atomic_t stop;
static unsigned long long n_seen, n_overflow;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void accept_packet(struct nfq_q_handle *qh, uint32_t id) {
    if (nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL) < 0)
        perror("nfqdelay: nfq_set_verdict");
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg; (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (!ph) return 0;
    uint32_t id = ntohl(ph->packet_id);
    n_seen++;
    if (tail - head >= RING_SIZE) { /* full: never drop, just let it through now */
        n_overflow++;
        accept_packet(qh, id);
        return 0;
    }
    ring[tail & (RING_SIZE - 1)] = (struct held){ id, now_ns() + delay_ns };
    tail++;
    return 0;
}

static void release_due(struct nfq_q_handle *qh, uint64_t now) {
    while (head != tail && ring[head & (RING_SIZE - 1)].due_ns <= now) {
        accept_packet(qh, ring[head & (RING_SIZE - 1)].id);
        head++;
    }
}

static void on_signal(int sig) { (void)sig; stop = 1; }

static void usage(FILE *to) {
    fprintf(to, "usage: nfqdelay [--queue N] [--delay-ms MS] [--pidfile FILE] [--verbose]\n"
                "Holds each packet of NFQUEUE N (default 0) for MS milliseconds (default 25), then accepts it.\n");
}

int main(int argc, char **argv) {
    unsigned queue = 0;
    double delay_ms = 25.0;
    const char *pidfile = NULL;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--queue") && i + 1 < argc) queue = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--delay-ms") && i + 1 < argc) delay_ms = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--pidfile") && i + 1 < argc) pidfile = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = 1;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); return 0; }
        else { usage(stderr); return 2; }
    }
    if (delay_ms < 0 || delay_ms > 10000) { fprintf(stderr, "nfqdelay: --delay-ms out of range\n"); return 2; }
    delay_ns = (uint64_t)(delay_ms * 1e6);

    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfqdelay: nfq_open"); return 1; }
    struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, on_packet, NULL);
    if (!qh) { perror("nfqdelay: nfq_create_queue (another delayer on this queue?)"); nfq_close(h); return 1; }
    /* Metadata only: we never rewrite packets, so 0 payload bytes cross to user space. */
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) { perror("nfqdelay: nfq_set_mode"); return 1; }
    nfq_set_queue_maxlen(qh, RING_SIZE);
    /* Fail open when the kernel queue is full (kernel >= 3.6; ignore if unsupported). */
    nfq_set_queue_flags(qh, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN);
    int fd = nfq_fd(h);
    int rcvbuf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    if (pidfile) {
        FILE *pf = fopen(pidfile, "w");
        if (pf) { fprintf(pf, "%ld\n", (long)getpid()); fclose(pf); }
    }
    if (verbose) fprintf(stderr, "nfqdelay: queue %u, delay %.3f ms, pid %ld\n", queue, delay_ms, (long)getpid());

    char buf[65536] __attribute__((aligned));
    while (!stop) {
        uint64_t now = now_ns();
        release_due(qh, now);
        int timeout = -1;
        if (head != tail) {
            uint64_t due = ring[head & (RING_SIZE - 1)].due_ns;
            /* Round up to whole ms so we never spin; at most ~1 ms late. */
            timeout = due <= now ? 0 : (int)((due - now + 999999ull) / 1000000ull);
        }
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int r = poll(&pfd, 1, timeout);
        if (r < 0) {
            if (errno == EINTR) continue;
            perror("nfqdelay: poll");
            break;
        }
        if (r > 0 && (pfd.revents & POLLIN)) {
            /* Drain everything that is ready without blocking. */
            for (;;) {
                ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) { nfq_handle_packet(h, buf, (int)n); continue; }
                if (n < 0 && errno == ENOBUFS) { /* kernel dropped queue messages; keep going */
                    if (verbose) fprintf(stderr, "nfqdelay: ENOBUFS\n");
                    continue;
                }
                break;
            }
        }
    }
    /* Let everything still held go before leaving, so no connection stalls. */
    while (head != tail) { accept_packet(qh, ring[head & (RING_SIZE - 1)].id); head++; }
    if (verbose) fprintf(stderr, "nfqdelay: %llu packets delayed, %llu passed early (ring full)\n", n_seen, n_overflow);
    nfq_destroy_queue(qh);
    nfq_close(h);
    if (pidfile) unlink(pidfile);
    return 0;
}
