package dev.syscalllens.demo;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One 1 MiB file read whole twice: with Files.readAllBytes (side {@code read-all}: it asks for
 * the file's size, then reads it in one read(2) and one more to see the end), then with a loop of
 * FileInputStream.read into an 8 KiB array (side {@code read-loop}: a read(2) per 8 KiB).
 */
final class ReadAllVsLoop {
    static final int SIZE = 1 << 20;
    static final int CHUNK = 8192;

    private ReadAllVsLoop() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Sides.tempDir("read-all-vs-loop");
        try {
            Path file = Sides.patternFile(dir.resolve("data.bin"), SIZE);
            long[] got = new long[2];
            Sides.run(Sides.WARM_UP, () -> {
                Files.readAllBytes(file);
                loop(file);
            });
            Sides.run("read-all", () -> got[0] = Files.readAllBytes(file).length);
            Sides.run("read-loop", () -> got[1] = loop(file));
            System.out.println("read-all-vs-loop: a " + SIZE + "-byte file read with Files.readAllBytes (" + got[0]
                    + " bytes) and with a FileInputStream.read loop into a " + CHUNK + "-byte array (" + got[1] + " bytes)");
        } finally {
            Sides.delete(dir);
        }
    }

    private static long loop(Path file) throws Exception {
        long total = 0;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = new FileInputStream(file.toFile())) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
