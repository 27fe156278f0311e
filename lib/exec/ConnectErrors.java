package lib.exec;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import lib.registry.Host;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns whatever a failed SSH connect threw into an ExecException with a kind and a hint naming the next step. */
final class ConnectErrors {
    private ConnectErrors() {}

    static ExecException classify(Host host, Throwable error, boolean timedOut, Duration timeout) {
        String at = host.ip() + ":" + host.sshPort();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage()).toLowerCase();
            if (t instanceof UserAuthException) return authFailed(host, t);
            if (t instanceof UnknownHostException) return dns(host);
            if (t instanceof NoRouteToHostException || msg.contains("unreachable")) return noRoute(host, at);
            if (t instanceof ConnectException && msg.contains("refused")) return refused(host, at);
            if (t instanceof SocketTimeoutException || msg.contains("timeout") || msg.contains("timed out")) {
                return timeout(host, at, timeout);
            }
        }
        if (timedOut) return timeout(host, at, timeout);
        return new ExecException(host.name(), ExecException.Kind.OTHER, "SSH to " + at + " failed: " + error.getMessage(),
                "run with --verbose for details; try `ssh -p " + host.sshPort() + " " + host.sshUser() + "@" + host.ip() + "`");
    }

    static ExecException refused(Host host, String at) {
        return new ExecException(host.name(), ExecException.Kind.CONNECTION_REFUSED, "connection refused at " + at,
                "is sshd running on " + host.name() + " and listening on port " + host.sshPort() + "? (ssh_port in the registry)");
    }

    static ExecException timeout(Host host, String at, Duration timeout) {
        return new ExecException(host.name(), ExecException.Kind.TIMEOUT,
                "no SSH answer from " + at + " within " + timeout.toSeconds() + "s",
                "is " + host.name() + " up and port " + host.sshPort() + " open (firewall)? Slow link: raise PORTOSER_CONNECT_TIMEOUT");
    }

    static ExecException dns(Host host) {
        return new ExecException(host.name(), ExecException.Kind.DNS, "cannot resolve " + host.ip(),
                "check the ip of host " + host.name() + " in the registry, or your DNS");
    }

    static ExecException noRoute(Host host, String at) {
        return new ExecException(host.name(), ExecException.Kind.NO_ROUTE, "no route to " + at,
                "is " + host.name() + " powered on and on this network? check its ip in the registry");
    }

    static ExecException authFailed(Host host, Throwable t) {
        return new ExecException(host.name(), ExecException.Kind.AUTH_FAILED,
                "authentication failed for " + host.sshUser() + "@" + host.ip() + " (public key refused)",
                "add your public key to ~" + host.sshUser() + "/.ssh/authorized_keys on " + host.name()
                        + " (ssh-copy-id), or set ssh_user / ssh_key for it in the registry");
    }
}
