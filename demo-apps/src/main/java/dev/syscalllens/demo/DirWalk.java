package dev.syscalllens.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Files.walk over a fixed tree (side {@code walk}): a root with 4 directories of 8 empty files
 * each, 37 entries in all. The walk opens each directory (openat), reads its entries (getdents64,
 * inside the stream's iteration rather than inside a traced call) and asks each entry for its
 * attributes (statx), to know whether to go into it.
 */
final class DirWalk {
    static final int DIRS = 4;
    static final int FILES = 8;

    private DirWalk() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Sides.tempDir("dir-walk");
        try {
            Path root = Files.createDirectory(dir.resolve("tree"));
            for (int d = 0; d < DIRS; d++) {
                Path sub = Files.createDirectory(root.resolve("d" + d));
                for (int f = 0; f < FILES; f++) {
                    Files.createFile(sub.resolve("f" + f));
                }
            }
            long[] count = new long[1];
            Sides.run(Sides.WARM_UP, () -> walk(root));
            Sides.run("walk", () -> count[0] = walk(root));
            System.out.println("dir-walk: Files.walk over a tree of " + DIRS + " directories of " + FILES
                    + " files each: " + count[0] + " entries, the root included");
        } finally {
            Sides.delete(dir);
        }
    }

    private static long walk(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.count();
        }
    }
}
