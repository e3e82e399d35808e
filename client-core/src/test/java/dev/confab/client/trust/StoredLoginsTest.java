package dev.confab.client.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.trust.StoredLogins.StoredLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredLoginsTest {

    @TempDir
    Path config;

    @Test
    void keepsOneLoginPerServerInAnOwnerOnlyFile() throws Exception {
        StoredLogins logins = new StoredLogins(config.resolve("confab").resolve(StoredLogins.FILE_NAME));
        ServerAddress home = ServerAddress.parse("chat.example.org");
        ServerAddress work = ServerAddress.parse("[::1]:7701");
        assertThat(logins.lookup(home)).isEmpty();

        logins.store(new StoredLogin(home, "alice", 1, "cft_one"));
        logins.store(new StoredLogin(work, "alice", 2, "cft_two"));
        logins.store(new StoredLogin(home, "bob", 3, "cft_three"));

        assertThat(logins.lookup(home)).contains(new StoredLogin(home, "bob", 3, "cft_three"));
        assertThat(logins.lookup(ServerAddress.parse("CHAT.example.org:7700")).orElseThrow().tokenId()).isEqualTo(3);
        assertThat(logins.lookup(work).orElseThrow().secret()).isEqualTo("cft_two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins.file()))).isEqualTo("rw-------");
        assertThat(Files.readString(logins.file())).startsWith("#").doesNotContain("cft_one");
        assertThat(new StoredLogin(home, "bob", 3, "cft_three").toString()).doesNotContain("cft_");

        assertThat(logins.remove(home)).isTrue();
        assertThat(logins.remove(home)).isFalse();
        assertThat(logins.lookup(home)).isEmpty();
        assertThat(logins.lookup(work)).isPresent();
    }

    @Test
    void skipsLinesItCannotRead() throws Exception {
        Path file = config.resolve(StoredLogins.FILE_NAME);
        Files.writeString(file, "# comment\n\ngarbage\nhost:notaport alice 1 cft_x\nhost:7700 alice x cft_y\nhost:7700 alice 4 cft_z\n");
        assertThat(new StoredLogins(file).lookup(ServerAddress.parse("host")).orElseThrow().secret()).isEqualTo("cft_z");
    }
}
