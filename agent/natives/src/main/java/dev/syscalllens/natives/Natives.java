package dev.syscalllens.natives;

import jnr.ffi.LibraryLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Entry point of the natives jar, called by the agent through reflection: this jar lives in a
 * class loader of its own (parent: the platform loader), so jnr-ffi's generated classes see the
 * binding and jnr-ffi, and the application's own jnr-ffi or jffi, if it has one, sees neither.
 */
public final class Natives {
    /** jffi 1.3's stub library still carries the 1.2 name. */
    private static final String STUB = "libjffi-1.2.so";
    private static final String BOOT_PATH = "jffi.boot.library.path";

    private Natives() {
    }

    /**
     * Unpacks jffi's stub library into {@code dir} (the agent's private directory) and binds libc.
     *
     * <p>jffi looks for its stub first on {@code jffi.boot.library.path}, then on
     * {@code java.library.path} (where a system-wide, other version may be) and only then in its
     * jar; the property points it at ours for the time of the load. The stub is also loaded from
     * here first, for this class loader: jffi runs the loader class it finds in the system class
     * loader before its own, so where the application has jffi too, that one would take our stub
     * for the application's classes (a JNI library serves one class loader) and leave ours to
     * unpack another copy into the shared temporary directory.
     */
    public static JnrLibC load(Path dir) throws IOException {
        Path stub = dir.resolve(STUB);
        String resource = "/jni/" + platform() + "/" + STUB;
        try (InputStream in = Natives.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the natives jar");
            }
            Files.copy(in, stub, StandardCopyOption.REPLACE_EXISTING);
        }
        System.load(stub.toString());
        String before = System.getProperty(BOOT_PATH);
        System.setProperty(BOOT_PATH, dir.toString());
        try {
            JnrLibC libc = LibraryLoader.create(JnrLibC.class).load("c");
            libc.gettid(); // the first call finishes jffi's set-up while the property holds
            return libc;
        } finally {
            if (before == null) {
                System.clearProperty(BOOT_PATH);
            } else {
                System.setProperty(BOOT_PATH, before);
            }
        }
    }

    /** jffi's name for this platform: its folder in the jar. */
    private static String platform() {
        String arch = System.getProperty("os.arch");
        return (arch.equals("amd64") ? "x86_64" : arch) + "-Linux";
    }
}
