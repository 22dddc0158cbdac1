package dev.syscalllens.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory only this user can enter (mode 0700), holding what the agent unpacks from its jar:
 * the bootstrap jar, the probe binary and, where prctl is needed, the natives jar and jffi's
 * library. Removed when the JVM exits.
 */
public final class PrivateDir {
    /** Where the agent jar keeps what it unpacks. */
    static final String RESOURCE_ROOT = "/syscall-lens/";

    private final Path path;

    private PrivateDir(Path path) {
        this.path = path;
    }

    /**
     * {@code java.io.tmpdir/syscall-lens-N}, made with mode 0700 by the mkdir itself. Not
     * Files.createTempDirectory: its SecureRandom loads the JCA providers, some 100 classes and
     * 10-15 ms of every start-up. A name that others could guess does them no good: the mkdir
     * fails on a path that exists, and the agent never uses a directory it did not make.
     */
    public static PrivateDir create() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        FileAttribute<Set<PosixFilePermission>> owner =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (int attempt = 1; ; attempt++) {
            Path p = tmp.resolve("syscall-lens-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                return new PrivateDir(Files.createDirectory(p, owner));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The user the agent runs as: the owner of the directory it made; -1 if it cannot say. */
    public int uid() {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Copies the jar resource {@code /syscall-lens/NAME} into this directory. */
    public Path extract(String name) throws IOException {
        try (InputStream in = PrivateDir.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + RESOURCE_ROOT + name);
            }
            Path target = path.resolve(name.substring(name.lastIndexOf('/') + 1));
            // A FileOutputStream, not Files.copy: that opens a FileChannel, whose classes would
            // then be loaded at start-up and have to be retransformed with the advice.
            try (FileOutputStream out = new FileOutputStream(target.toFile())) {
                in.transferTo(out);
            }
            return target;
        }
    }

    /**
     * Best effort: the directory and what is in it, all at its top level (see {@link #extract});
     * a leftover directory in the temp dir is harmless. A plain listing: Files.walk and a sorted
     * stream loaded some 25 classes at exit, for one to three files.
     */
    public void delete() {
        File dir = path.toFile();
        File[] files = dir.listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        dir.delete();
    }
}
