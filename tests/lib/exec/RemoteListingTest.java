package lib.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteListingTest {
    @Test
    void readsFilesAndDirectoriesWithWholeSecondMtimes() {
        RemoteListing.Listing l = RemoteListing.parse("d\t\t4096\t1700000000.5\nf\tcompose.yml\t13\t1000000000.0000000000\n"
                + "d\tconf\t4096\t1700000001.1\nf\tconf/app env\t4\t1100000000.9\n@@ok\n");
        assertEquals(Set.of("", "conf"), l.dirs());
        assertEquals(Map.of("compose.yml", new SyncTarget.Stamp(13, 1_000_000_000L),
                "conf/app env", new SyncTarget.Stamp(4, 1_100_000_000L)), l.files());
    }

    @Test
    void aMissingDirectoryOrAnIncompleteOrForeignListingMeansUseSftp() {
        assertNull(RemoteListing.parse("@@nodir\n"), "SFTP creates the directory");
        assertNull(RemoteListing.parse("find: -printf: unknown primary or operator\n"), "BSD find: no @@ok");
        assertNull(RemoteListing.parse("f\ta\tbig\t1.0\n@@ok\n"));
    }

    @Test
    void theCommandQuotesTheDirectory() {
        assertTrue(RemoteListing.command("/srv/my app").startsWith("cd '/srv/my app' 2>/dev/null || { echo @@nodir; exit 0; }; "));
    }
}
