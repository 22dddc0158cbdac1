package dev.syscalllens.demo;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One 1 MiB file copied twice: with FileChannel.transferTo (side {@code transfer-to}: the kernel
 * copies, sendfile(2) on JDK 17, copy_file_range(2) on later JDKs, no bytes through the JVM),
 * then with a read/write loop through an 8 KiB array (side {@code read-write}: a read(2) and a
 * write(2) per 8 KiB).
 */
final class TransferVsCopy {
    static final int SIZE = 1 << 20;
    static final int CHUNK = 8192;

    private TransferVsCopy() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Sides.tempDir("transfer-vs-copy");
        try {
            Path src = Sides.patternFile(dir.resolve("src.bin"), SIZE);
            Sides.run(Sides.WARM_UP, () -> {
                transfer(src, dir.resolve("warm-up-a.bin"));
                copy(src, dir.resolve("warm-up-b.bin"));
            });
            Path a = dir.resolve("transferred.bin");
            Path b = dir.resolve("copied.bin");
            Sides.run("transfer-to", () -> transfer(src, a));
            Sides.run("read-write", () -> copy(src, b));
            // readAllBytes, not Files.mismatch: its many small reads would crowd the agent's call buffer.
            byte[] want = Files.readAllBytes(src);
            if (!Arrays.equals(want, Files.readAllBytes(a)) || !Arrays.equals(want, Files.readAllBytes(b))) {
                throw new IllegalStateException("a copy differs from its source");
            }
            System.out.println("transfer-vs-copy: a " + SIZE + "-byte file copied with FileChannel.transferTo"
                    + " and with a read/write loop through a " + CHUNK + "-byte array; both copies equal the source");
        } finally {
            Sides.delete(dir);
        }
    }

    private static void transfer(Path src, Path dst) throws Exception {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long pos = 0; pos < size; ) {
                pos += in.transferTo(pos, size - pos, out);
            }
        }
    }

    private static void copy(Path src, Path dst) throws Exception {
        byte[] buf = new byte[CHUNK];
        try (InputStream in = new FileInputStream(src.toFile()); OutputStream out = new FileOutputStream(dst.toFile())) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        }
    }
}
