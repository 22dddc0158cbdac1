package dev.syscalllens.demo;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The first example: open a file, write "hello world\n", close (openat, write, close). */
final class HelloFile {
    private HelloFile() {
    }

    static void run(String[] args) throws Exception {
        Path path = Path.of(args.length > 0 ? args[0] : "/tmp/syscall-lens/test.txt");
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        if (Markers.ON) {
            Path scratch = Files.createTempFile("syscall-lens-warm-up", ".txt");
            try (FileChannel warm = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                warm.write(ByteBuffer.wrap("warm-up\n".getBytes(StandardCharsets.US_ASCII)));
            }
            Files.delete(scratch);
        }
        ByteBuffer hello = ByteBuffer.wrap("hello world\n".getBytes(StandardCharsets.US_ASCII));

        Markers.begin("FileChannel.open");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Markers.end("FileChannel.open");

        Markers.begin("FileChannel.write");
        int n = ch.write(hello);
        Markers.end("FileChannel.write");

        Markers.begin("FileChannel.close");
        ch.close();
        Markers.end("FileChannel.close");

        System.out.println("wrote " + n + " bytes to " + path);
    }
}
