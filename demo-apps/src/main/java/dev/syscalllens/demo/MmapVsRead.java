package dev.syscalllens.demo;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One 1 MiB file summed byte by byte twice: through a read-only mapping (side {@code map}: one
 * mmap(2), then the pages fault in as the loop touches them, with no syscall at all), then with
 * FileChannel.read into a 64 KiB direct buffer (side {@code read}: a read(2) per 64 KiB).
 */
final class MmapVsRead {
    static final int SIZE = 1 << 20;
    static final int CHUNK = 64 * 1024;

    private MmapVsRead() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Sides.tempDir("mmap-vs-read");
        try {
            Path file = Sides.patternFile(dir.resolve("data.bin"), SIZE);
            long[] sums = new long[2];
            Sides.run(Sides.WARM_UP, () -> {
                mapped(file);
                read(file);
            });
            Sides.run("map", () -> sums[0] = mapped(file));
            Sides.run("read", () -> sums[1] = read(file));
            if (sums[0] != sums[1]) {
                throw new IllegalStateException("sums differ: " + sums[0] + " " + sums[1]);
            }
            System.out.println("mmap-vs-read: a " + SIZE + "-byte file summed through FileChannel.map and through"
                    + " FileChannel.read into a " + CHUNK + "-byte buffer; both sums " + sums[0]);
        } finally {
            Sides.delete(dir);
        }
    }

    private static long mapped(Path file) throws Exception {
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            while (map.hasRemaining()) {
                sum += map.get();
            }
        }
        return sum;
    }

    private static long read(Path file) throws Exception {
        long sum = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    sum += buf.get();
                }
                buf.clear();
            }
        }
        return sum;
    }
}
