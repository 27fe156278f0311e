package deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about processes and files read straight from this machine (the harness hosts share it). */
final class ProcFiles {
    private ProcFiles() {}

    /** Alive and not a zombie: this VM's init does not reap, so killed orphans stay as zombies. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    static int readPid(Path pidFile) throws IOException {
        return Integer.parseInt(Files.readString(pidFile).strip());
    }

    static String args(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
    }

    /** A PID that existed a moment ago and is gone now. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.pid();
    }
}
