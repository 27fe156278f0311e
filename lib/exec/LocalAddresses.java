package lib.exec;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** Decides whether a host's address belongs to this machine, so commands run directly instead of over SSH. */
public final class LocalAddresses {
    private static volatile Set<InetAddress> cached;

    private LocalAddresses() {}

    public static boolean isLocal(String address) {
        if (address == null) return false;
        if (address.equals("localhost")) return true;
        try {
            InetAddress a = InetAddress.getByName(address);
            if (a.isLoopbackAddress() || a.isAnyLocalAddress() || all(false).contains(a)) return true;
            return all(true).contains(a); // interfaces come and go (bridges, VPNs): re-read once before saying remote
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Set<InetAddress> all(boolean refresh) {
        Set<InetAddress> s = cached;
        if (s != null && !refresh) return s;
        s = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                s.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException ignored) {
            // no interfaces readable: only loopback counts as local
        }
        cached = s;
        return s;
    }
}
