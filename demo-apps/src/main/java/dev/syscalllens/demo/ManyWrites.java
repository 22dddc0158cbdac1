package dev.syscalllens.demo;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Many small calls: COUNT FileChannel.write calls of "hello world\n" (one write(2) each), then
 * the file read back whole. The fixture for the report at 100,000 calls.
 */
final class ManyWrites {
    private ManyWrites() {
    }

    static void run(String[] args) throws Exception {
        Path path = Path.of(args.length > 0 ? args[0] : "/tmp/syscall-lens/many-writes.txt");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        ByteBuffer hello = ByteBuffer.wrap("hello world\n".getBytes(StandardCharsets.US_ASCII));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < count; i++) {
                ch.write(hello.rewind());
            }
        }
        byte[] back = Files.readAllBytes(path);
        System.out.println("wrote " + count + " lines, read back " + back.length + " bytes from " + path);
    }
}
