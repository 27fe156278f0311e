package lib.exec;

import lib.registry.Host;

/** One authenticated SSH connection per host per process, shared by commands and SFTP. (Being written.) */
public final class SshPool implements AutoCloseable {
    private final ExecOptions options;

    public SshPool(ExecOptions options) {
        this.options = options;
    }

    public Transport transport(Host host) {
        throw new ExecException(host.name(), ExecException.Kind.OTHER, "SSH transport not implemented yet", null);
    }

    @Override
    public void close() {}
}
