package dev.syscalllens.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

import static dev.syscalllens.junit.SyscallContracts.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real contracts, checked in a JVM with the agent attached (failsafe's argLine): what the JDK
 * asks of the kernel for a few file operations, as strace shows it on JDK 17 and 25.
 */
class FileContractsIT {
    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /**
     * The first FileChannel write, stream and readString of a JVM also load classes and native
     * libraries (libnet, libnio: openat, read, mmap of the .so), which no noise filter should
     * hide; the contracts are about the steady state.
     */
    @BeforeAll
    static void warmUp(@TempDir Path warm) throws IOException {
        writeHello(warm.resolve("w1"));
        bufferedBytes(warm.resolve("w2"));
        Files.readString(warm.resolve("w1"));
        assertThat(() -> { }); // and the capture path itself
    }

    @Test
    @SyscallContract(exactly = {"openat", "write", "close"})
    void fileChannelWriteToANewFileIsOpenWriteClose() throws IOException {
        writeHello(dir.resolve("new.txt"));
    }

    @RepeatedTest(2)
    @SyscallContract(atMost = "write:1")
    void aBufferedStreamMakesOneWriteForAHundredBytes() throws IOException {
        bufferedBytes(dir.resolve("buffered.txt"));
    }

    @Test
    @SyscallContract(forbid = {"fsync", "fdatasync"})
    void readStringNeverSyncs() throws IOException {
        Path p = Files.write(dir.resolve("read.txt"), HELLO);
        assertEquals("hello world\n", Files.readString(p));
    }

    @Test
    void theSameContractsWrittenAsAssertions() {
        Path p = dir.resolve("a.txt");
        CapturedSyscalls made = assertThat(() -> writeHello(p)).makesExactly("openat", "write", "close");
        assertEquals("write(N</PATH>, \"hello world\\n\", 12) = 12",
                made.syscalls().get(1).strace().replaceAll("\\d+<", "N<").replace(p.toString(), "/PATH"));
        assertEquals("FileChannel.write", made.syscalls().get(1).javaCall());
        assertThat(() -> bufferedBytes(dir.resolve("b.txt"))).makesAtMost("write", 1).neverMakes("fsync");
        assertThat(() -> Files.readString(p)).neverMakes("fsync", "fdatasync");
    }

    @Test
    void aViolatedContractShowsTheDiffAndTheSyscalls() {
        Path p = dir.resolve("forced.txt");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(() -> {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(HELLO));
                ch.force(true);
            }
        }).makesExactly("openat", "write", "close"));
        List<String> lines = e.getMessage().lines().toList();
        assertEquals(List.of(
                "syscall contract violated: expected exactly openat, write, close",
                "--- expected",
                "+++ actual",
                "  openat",
                "  write",
                "+ fsync",
                "  close",
                "actual syscalls, in strace notation:"), lines.subList(0, 8), e::getMessage);
        String f = Pattern.quote(p.toString());
        assertTrue(lines.get(8).matches("  openat\\(AT_FDCWD<.*>, \"" + f + "\", O_WRONLY\\|O_CREAT\\|O_EXCL, 0666\\)"
                + " = (\\d+)<" + f + ">"), e::getMessage);
        assertTrue(lines.get(9).matches("  write\\(\\d+<" + f + ">, \"hello world\\\\n\", 12\\) = 12"), e::getMessage);
        assertTrue(lines.get(10).matches("  fsync\\(\\d+<" + f + ">\\) = 0"), e::getMessage);
        assertTrue(lines.get(11).matches("  close\\(\\d+<" + f + ">\\) = 0"), e::getMessage);
    }

    @Test
    void onlyTheCapturingThreadCounts() {
        assertThat(() -> {
            Thread t = new Thread(() -> {
                try {
                    writeHello(dir.resolve("other-thread.txt"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            t.start();
            t.join();
        }).neverMakes("openat", "write");
    }

    private static void writeHello(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(HELLO));
        }
    }

    private static void bufferedBytes(Path p) throws IOException {
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(p.toFile()))) {
            for (int i = 0; i < 100; i++) {
                out.write('x');
            }
            out.flush();
        }
    }
}
