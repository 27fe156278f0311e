package lib.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.xfer.FileSystemFile;

/** A sync target on a remote host: one SFTP channel, one directory listing per directory. */
final class SftpTarget implements SyncTarget {
    private final SFTPClient sftp;

    SftpTarget(SFTPClient sftp) {
        this.sftp = sftp;
        sftp.getFileTransfer().setPreserveAttributes(false); // we set mtime ourselves, and leave remote modes alone
    }

    @Override
    public Map<String, Stamp> list(String dir) throws IOException {
        try {
            Map<String, Stamp> out = new HashMap<>();
            for (RemoteResourceInfo r : sftp.ls(dir)) {
                FileAttributes a = r.getAttributes();
                if (a.getType() == FileMode.Type.REGULAR) out.put(r.getName(), new Stamp(a.getSize(), a.getMtime()));
            }
            return out;
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) return null;
            throw e;
        }
    }

    @Override
    public void mkdirs(String dir) throws IOException { sftp.mkdirs(dir); }

    @Override
    public void put(Path local, String remote, Stamp stamp) throws IOException {
        sftp.put(new FileSystemFile(local.toFile()), remote);
        FileAttributes times = new FileAttributes.Builder().withAtimeMtime(stamp.mtimeSeconds(), stamp.mtimeSeconds()).build();
        sftp.setattr(remote, times);
    }
}
