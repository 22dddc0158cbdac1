package dev.syscalllens.agent.natives;

import dev.syscalllens.agent.PrivateDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jnr-ffi binding as the agent loads it: from the nested natives jar (target/classes holds it
 * after process-resources), unpacked into a private directory, with real calls.
 */
class LibCTest {
    private static PrivateDir dir;
    private static LibC libc;

    @BeforeAll
    static void load() throws Exception {
        dir = PrivateDir.create();
        libc = LibC.load(dir);
    }

    @AfterAll
    static void delete() {
        dir.delete();
    }

    @Test
    void gettidIsTheTidProcShows() throws Exception {
        String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        int fromProc = Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        assertEquals(fromProc, libc.gettid());
    }

    @Test
    void prctlSetPtracerIsAcceptedWhereYamaIsLoaded() {
        int rc = libc.prctl(LibC.PR_SET_PTRACER, ProcessHandle.current().pid(), 0, 0, 0);
        // Without Yama the kernel does not know the option (-1, EINVAL); with it, it succeeds.
        boolean yama = Files.exists(Path.of("/proc/sys/kernel/yama/ptrace_scope"));
        assertTrue(yama ? rc == 0 : rc == -1, "prctl returned " + rc + " with Yama " + (yama ? "on" : "off"));
    }

    @Test
    void jffiLibraryIsTheOneUnpackedIntoThePrivateDirectory() throws Exception {
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertTrue(maps.contains(dir.path().resolve("libjffi-1.2.so").toString()), "libjffi mapped from " + dir.path());
    }
}
