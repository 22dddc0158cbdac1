package dev.syscalllens.junit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks and their failure messages, on made-up syscalls (no agent needed). */
class CapturedSyscallsTest {
    private static final Syscall OPEN = new Syscall("openat", "AT_FDCWD</w>, \"/tmp/x\", O_WRONLY|O_CREAT|O_EXCL, 0666",
            "5</tmp/x>", null, "/tmp/x", "FileChannel.open");
    private static final Syscall WRITE = new Syscall("write", "5</tmp/x>, \"hello world\\n\", 12", "12", null, "/tmp/x",
            "FileChannel.write");
    private static final Syscall FSYNC = new Syscall("fsync", "5</tmp/x>", "0", null, "/tmp/x", "FileChannel.force");
    private static final Syscall CLOSE = new Syscall("close", "5</tmp/x>", "0", null, "/tmp/x", "FileChannel.close");
    private static final Syscall FUTEX = new Syscall("futex", "0x7f00, FUTEX_WAKE_PRIVATE, 1", "0", null, "", null);
    private static final Syscall CLASS_READ = new Syscall("pread64", "3</jdk/lib/modules>, \"\\312\\376\"..., 442, 1",
            "442", null, "/jdk/lib/modules", "FileChannel.write");

    private static CapturedSyscalls made(Syscall... s) {
        return new CapturedSyscalls(List.of(s), SyscallFilter.jvm());
    }

    @Test
    void exactlyShowsAUnifiedDiffAndTheStraceLines() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> made(OPEN, FUTEX, WRITE, CLASS_READ, FSYNC, CLOSE).makesExactly("openat", "write", "close"));
        assertEquals("""
                syscall contract violated: expected exactly openat, write, close
                --- expected
                +++ actual
                  openat
                  write
                + fsync
                  close
                actual syscalls, in strace notation:
                  openat(AT_FDCWD</w>, "/tmp/x", O_WRONLY|O_CREAT|O_EXCL, 0666) = 5</tmp/x>
                  write(5</tmp/x>, "hello world\\n", 12) = 12
                  fsync(5</tmp/x>) = 0
                  close(5</tmp/x>) = 0
                left out as noise: futex 1, pread64 1""", e.getMessage());
        assertEquals("openat\nwrite\nclose", e.getExpected().getStringRepresentation());
        assertEquals("openat\nwrite\nfsync\nclose", e.getActual().getStringRepresentation());
    }

    @Test
    void aMissingSyscallIsAMinusLine() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> made(OPEN, CLOSE).makesExactly("openat", "write", "close"));
        assertEquals(List.of("  openat", "- write", "  close"),
                e.getMessage().lines().skip(3).limit(3).toList());
    }

    @Test
    void atMostAndNeverNameTheOffendingSyscalls() {
        made(OPEN, WRITE, CLOSE).makesAtMost("write", 1).makesAtMost(3).neverMakes("fsync", "fdatasync");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> made(OPEN, WRITE, WRITE, CLOSE).makesAtMost("write", 1));
        assertEquals(List.of("syscall contract violated: expected at most 1 write, made 2:",
                "  write(5</tmp/x>, \"hello world\\n\", 12) = 12", "  write(5</tmp/x>, \"hello world\\n\", 12) = 12",
                "actual syscalls, in strace notation:"), e.getMessage().lines().limit(4).toList());
        e = assertThrows(AssertionFailedError.class, () -> made(OPEN, FSYNC, CLOSE).neverMakes("fsync"));
        assertEquals("syscall contract violated: expected no fsync, made 1:", e.getMessage().lines().findFirst().get());
    }

    @Test
    void noiseIsOverridable() {
        made(FUTEX, CLASS_READ).makesNothing();
        assertThrows(AssertionFailedError.class, () -> made(FUTEX).withNoise(SyscallFilter.none()).makesNothing());
        made(OPEN, WRITE, CLOSE).ignoring("openat", "close").makesExactly("write");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> made(FUTEX).neverMakes("futex"));
        assertEquals("futex is left out as noise, so this contract could never fail; check it with withNoise(...)"
                + " or jvmNoise = false", e.getMessage());
    }

    @SyscallContract(exactly = {"openat", "write", "close"}, atMost = {"write:1", "*:3"}, forbid = "fsync",
            ignore = "fstat")
    private void annotated() {
    }

    @Test
    void theAnnotationStatesTheSameChecks() throws Exception {
        SyscallContract c = getClass().getDeclaredMethod("annotated").getAnnotation(SyscallContract.class);
        Syscall fstat = new Syscall("fstat", "5</tmp/x>, {st_mode=S_IFREG|0644, st_size=0, ...}", "0", null, "/tmp/x", null);
        SyscallContractExtension.check(c, List.of(OPEN, fstat, WRITE, FUTEX, CLOSE));
        assertThrows(AssertionFailedError.class, () -> SyscallContractExtension.check(c, List.of(OPEN, FSYNC, CLOSE)));
    }

    @Test
    void withoutTheAgentAContractFailsSayingHowToAttachIt() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SyscallContracts.assertThat(() -> { }).makesNothing());
        assertEquals("the syscall-lens agent is not attached to this JVM: run the tests with"
                + " -javaagent:/path/to/syscall-lens-agent.jar=exporter=none (see docs/junit-contracts.md)"
                + " (set syscall-lens.contracts.unavailable=abort to skip such tests instead)", e.getMessage());
    }
}
