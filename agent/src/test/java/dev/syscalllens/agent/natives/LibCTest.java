package dev.syscalllens.agent.natives;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jnr-ffi binding, with real calls. */
class LibCTest {
    @Test
    void gettidIsTheTidProcShows() throws Exception {
        String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        int fromProc = Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        assertEquals(fromProc, LibC.load().gettid());
    }

    @Test
    void prctlSetPtracerIsAcceptedWhereYamaIsLoaded() {
        int rc = LibC.load().prctl(LibC.PR_SET_PTRACER, ProcessHandle.current().pid(), 0, 0, 0);
        // Without Yama the kernel does not know the option (-1, EINVAL); with it, it succeeds.
        boolean yama = Files.exists(Path.of("/proc/sys/kernel/yama/ptrace_scope"));
        assertTrue(yama ? rc == 0 : rc == -1, "prctl returned " + rc + " with Yama " + (yama ? "on" : "off"));
    }
}
