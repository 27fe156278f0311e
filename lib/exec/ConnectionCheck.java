package lib.exec;

import lib.registry.Host;

/**
 * One host's answer to `remote test-connections`: reachable or not, how long the connection and one
 * command round trip took, or which kind of failure with its hint.
 */
public record ConnectionCheck(String host, String ip, boolean ok, boolean local, long connectMs, long roundTripMs,
                              String kind, String error, String hint) {

    /** Opens (or reuses) the host's connection and runs `true` over it; never throws for an unreachable host. */
    public static ConnectionCheck run(Executor executor, Host host) {
        boolean local = executor.isLocal(host);
        try {
            long t0 = System.nanoTime();
            if (!local) executor.ssh().connection(host);
            long t1 = System.nanoTime();
            Result r = executor.run(host, "true");
            long t2 = System.nanoTime();
            if (!r.ok()) {
                return failed(host, local, "OTHER", "`true` exited " + r.exit() + " " + r.stderr().strip(), "check the login shell of " + host.sshUser());
            }
            return new ConnectionCheck(host.name(), host.ip(), true, local, ms(t1 - t0), ms(t2 - t1), null, null, null);
        } catch (ExecException e) {
            return failed(host, local, e.kind().name(), withoutHostPrefix(e), e.hint());
        }
    }

    private static ConnectionCheck failed(Host host, boolean local, String kind, String error, String hint) {
        return new ConnectionCheck(host.name(), host.ip(), false, local, 0, 0, kind, error, hint);
    }

    /** ExecException messages start with "host: "; a per-host report already names the host. */
    static String withoutHostPrefix(ExecException e) {
        String m = e.getMessage(), p = e.host() + ": ";
        return m != null && m.startsWith(p) ? m.substring(p.length()) : m;
    }

    private static long ms(long nanos) { return Math.round(nanos / 1e6); }
}
