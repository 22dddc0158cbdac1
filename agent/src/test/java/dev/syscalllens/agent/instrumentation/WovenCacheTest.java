package dev.syscalllens.agent.instrumentation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cache of woven classes gives back what the weaver made of exactly the same class file,
 * for the same agent, and nothing from a file or directory that others could have written.
 */
class WovenCacheTest {
    private static final String RAF = "java.io.RandomAccessFile";
    private static final String ID = "agent.jar 1234 5678";

    @TempDir
    Path tmp;

    private int uid() throws IOException {
        return (Integer) Files.getAttribute(tmp, "unix:uid");
    }

    private static List<Instrumentations.Target> rafTargets() {
        return Instrumentations.all().stream().filter(t -> t.className().equals(RAF) && t.applies()).toList();
    }

    private static byte[] rafClassFile() {
        byte[] b = Instrumentations.classFile(RAF);
        assertNotNull(b);
        return b;
    }

    /** Weaves RandomAccessFile through a transformer using the cache, as the JVM would hand it over. */
    private static byte[] weave(AdviceTransformer t, byte[] classFile) {
        return t.transform(null, null, RAF.replace('.', '/'), null, null, classFile);
    }

    @Test
    void aSecondRunGetsTheSameBytesFromTheCacheForTheSameClassFileOnly() throws IOException {
        Path dir = tmp.resolve("made/by/open");
        WovenCache first = WovenCache.open(dir, ID, uid());
        AdviceTransformer weaving = new AdviceTransformer(Map.of(RAF, rafTargets()), first);
        byte[] woven = weave(weaving, rafClassFile());
        assertNotNull(woven);
        assertTrue(weaving.fromCache().isEmpty());
        first.save();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("woven"))));

        AdviceTransformer cached = new AdviceTransformer(Map.of(RAF, rafTargets()), WovenCache.open(dir, ID, uid()));
        assertArrayEquals(woven, weave(cached, rafClassFile()));
        assertEquals(java.util.Set.of(RAF), cached.fromCache());
        // It reports the natives (length and setLength before JDK 21) as the weaving did.
        int natives = Runtime.version().feature() < 21 ? 2 : 0;
        assertEquals(natives, weaving.started().size());
        assertEquals(natives, cached.started().size());

        byte[] other = rafClassFile();
        other[other.length - 1] ^= 1;
        WovenCache reopened = WovenCache.open(dir, ID, uid());
        assertNull(reopened.find(RAF, other));
        assertNotNull(reopened.find(RAF, rafClassFile()));
        assertNull(WovenCache.open(dir, "agent.jar 1234 5679", uid()).find(RAF, rafClassFile()), "another agent jar");
    }

    @Test
    void entriesOfEarlierRunsAreKeptWhenARunAddsOthers() throws IOException {
        Path dir = tmp.resolve("c");
        WovenCache one = WovenCache.open(dir, ID, uid());
        one.add("a.A", new byte[]{1, 2, 3}, new Weaver.Found[]{Weaver.Found.NATIVE}, new byte[]{9});
        one.save();
        WovenCache two = WovenCache.open(dir, ID, uid());
        two.add("b.B", new byte[]{4}, new Weaver.Found[0], null);
        two.save();
        WovenCache three = WovenCache.open(dir, ID, uid());
        WovenCache.Entry a = three.find("a.A", new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{9}, a.out);
        assertArrayEquals(new Weaver.Found[]{Weaver.Found.NATIVE}, a.found);
        assertNull(three.find("b.B", new byte[]{4}).out, "nothing to weave, remembered as such");
        assertNull(three.find("a.A", new byte[]{1, 2}));
    }

    @Test
    void aCacheOthersCanWriteIsNotUsed() throws IOException {
        Path dir = tmp.resolve("c");
        WovenCache made = WovenCache.open(dir, ID, uid());
        made.add("a.A", new byte[]{1}, new Weaver.Found[0], new byte[]{2});
        made.save();
        Path file = dir.resolve("woven");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertSame(WovenCache.NONE, WovenCache.open(dir, ID, uid()), "file writable by others");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertNotNull(WovenCache.open(dir, ID, uid()).find("a.A", new byte[]{1}));

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertSame(WovenCache.NONE, WovenCache.open(dir, ID, uid()), "directory writable by others");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        Files.setAttribute(tmp, "unix:mode", 0777);
        assertSame(WovenCache.NONE, WovenCache.open(dir, ID, uid()), "parent writable by others, not sticky");
        Files.setAttribute(tmp, "unix:mode", 01777);
        assertNotNull(WovenCache.open(dir, ID, uid()).find("a.A", new byte[]{1}), "a sticky parent, as /tmp");
        Files.setAttribute(tmp, "unix:mode", 0700);

        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, dir);
        assertSame(WovenCache.NONE, WovenCache.open(link, ID, uid()), "a symbolic link");

        assumeTrue(uid() == 0, "changing a file's owner needs root");
        Files.setAttribute(file, "unix:uid", 65534);
        assertSame(WovenCache.NONE, WovenCache.open(dir, ID, uid()), "file owned by another user");
    }

    @Test
    void aDamagedFileIsWovenAfresh() throws IOException {
        Path dir = tmp.resolve("c");
        WovenCache made = WovenCache.open(dir, ID, uid());
        made.add("a.A", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}, new Weaver.Found[0], new byte[100]);
        made.save();
        Path file = dir.resolve("woven");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        WovenCache cut = WovenCache.open(dir, ID, uid());
        assertNull(cut.find("a.A", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
        Files.write(file, new byte[]{0, 1, 2});
        assertNull(WovenCache.open(dir, ID, uid()).find("a.A", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
        // A length past the end of the file: damaged, woven afresh.
        made = WovenCache.open(dir, ID, uid());
        made.add("a.A", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}, new Weaver.Found[0], new byte[100]);
        made.save();
        byte[] b = Files.readAllBytes(file);
        int at = 4 + 4 + 2 + ID.length() + 4 + 2 + "a.A".length() + 4; // magic, version, identity, count, name, feature
        b[at] = 0x7f;
        Files.write(file, b);
        assertNull(WovenCache.open(dir, ID, uid()).find("a.A", new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
    }
}
