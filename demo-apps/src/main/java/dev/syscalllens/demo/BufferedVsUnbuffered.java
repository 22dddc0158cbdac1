package dev.syscalllens.demo;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes written one at a time, twice: 1,000 straight to a FileOutputStream (side
 * {@code unbuffered}: each write(int) is a write(2) of 1 byte), then 100,000 through a
 * BufferedOutputStream (side {@code buffered}: its 8 KiB buffer reaches the kernel when full and
 * at close). The unbuffered side stays at 1,000 calls: the agent keeps at most 1,024 calls of a
 * thread waiting for their syscalls, and a loop of cheap writes outruns it (the rest are dropped,
 * and counted).
 */
final class BufferedVsUnbuffered {
    static final int UNBUFFERED = 1_000;
    static final int BUFFERED = 100_000;

    private BufferedVsUnbuffered() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Sides.tempDir("buffered-vs-unbuffered");
        try {
            Sides.run(Sides.WARM_UP, () -> {
                unbuffered(dir.resolve("warm-up-a.bin"), 100);
                buffered(dir.resolve("warm-up-b.bin"), 100);
            });
            Path a = dir.resolve("unbuffered.bin");
            Path b = dir.resolve("buffered.bin");
            Sides.run("unbuffered", () -> unbuffered(a, UNBUFFERED));
            Sides.run("buffered", () -> buffered(b, BUFFERED));
            System.out.println("buffered-vs-unbuffered: bytes written one at a time, " + Files.size(a)
                    + " to a FileOutputStream (unbuffered), " + Files.size(b) + " through a BufferedOutputStream (buffered)");
        } finally {
            Sides.delete(dir);
        }
    }

    private static void unbuffered(Path file, int size) throws Exception {
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            write(out, size);
        }
    }

    private static void buffered(Path file, int size) throws Exception {
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file.toFile()))) {
            write(out, size);
        }
    }

    private static void write(OutputStream out, int size) throws Exception {
        for (int i = 0; i < size; i++) {
            out.write('a' + i % 26);
        }
    }
}
