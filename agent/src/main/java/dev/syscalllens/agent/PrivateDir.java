package dev.syscalllens.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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

    public static PrivateDir create() throws IOException {
        Path p = Files.createTempDirectory("syscall-lens-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new PrivateDir(p);
    }

    public Path path() {
        return path;
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
