package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK classes as the weaver wove them in earlier runs, kept in one file per user
 * ({@code ~/.cache/syscall-lens/woven}), as CDS keeps the classes it has parsed: the weaving of
 * the JDK classes loaded before the agent (RandomAccessFile, Files, FileInputStream, ...) was
 * some 40 ms of every start-up, run interpreted, and that of each class loaded later the price
 * of the application's first call into it.
 *
 * <p>An entry is used only for exactly the class file it was woven from (compared byte for
 * byte, on the same JDK feature release) and only by the agent jar that wove it (path, size and
 * modification time, in the file's header): any other input is woven afresh, so an entry gives
 * what the weaver would. The JVM hands over the same bytes for a class run after run, though a
 * class can come in a few forms (the reconstituted file of a loaded class depends a little on
 * what ran); each form gets its entry.
 *
 * <p>The woven code runs inside java.base, so the cache is used only if nobody but this user
 * can write it: the file and its directory must be the user's and writable by no one else, and
 * the directory's parent must be the user's or root's and not writable by others unless sticky
 * (so that the directory cannot be swapped). The directory is made with mode 0700. Anything
 * wrong with the cache leaves the agent weaving, as without one. New entries are written at
 * exit, into a file renamed over the old one.
 */
public final class WovenCache {
    private static final int MAGIC = 0x534c5743; // "SLWC"
    private static final int VERSION = 1;
    private static final String FILE = "woven";
    /** Past this many bytes of entries, only this run's are kept. */
    private static final long MAX_BYTES = 32L << 20;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    /**
     * One class as woven: the class file handed over, what the weaving found of its targets,
     * the result (null: none of the targets has code to weave). Not a record: a record's
     * hashCode and equals are bootstrapped through method handles, 15-25 ms the first time.
     */
    static final class Entry {
        final String className;
        final int feature;
        final byte[] in;
        final Weaver.Found[] found;
        final byte[] out;
        /** Found or added by this run. */
        volatile boolean used;

        Entry(String className, int feature, byte[] in, Weaver.Found[] found, byte[] out) {
            this.className = className;
            this.feature = feature;
            this.in = in;
            this.found = found;
            this.out = out;
        }

        long size() {
            return in.length + (out == null ? 0 : out.length);
        }
    }

    /** No cache: nothing is found, nothing is kept. */
    public static final WovenCache NONE = new WovenCache(null, null, List.of());

    private final Path dir;
    private final String identity;
    /** By class name; lists that classes woven on several threads at once can add to. */
    private final Map<String, List<Entry>> byClass = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();
    private final int feature = Runtime.version().feature();

    private WovenCache(Path dir, String identity, List<Entry> entries) {
        this.dir = dir;
        this.identity = identity;
        for (Entry e : entries) {
            byClass.computeIfAbsent(e.className, k -> new CopyOnWriteArrayList<>()).add(e);
        }
    }

    /**
     * The cache in {@code dir} for the agent {@code identity}; {@link #NONE} if {@code dir} is
     * null, cannot be made, or is not private to {@code uid} (said once, as it is the user's to
     * mend). Entries written by another agent jar are dropped.
     */
    public static WovenCache open(Path dir, String identity, int uid) {
        if (dir == null) {
            return NONE;
        }
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = dir.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // made by another JVM starting now: checked as any other
                }
            }
            String why = notPrivate(dir, S_IFDIR, uid);
            if (why == null && dir.getParent() != null) {
                why = openToOthers(dir.getParent(), uid);
            }
            if (why != null) {
                Log.info("the cache " + dir + " is not used: " + why);
                return NONE;
            }
            Path file = dir.resolve(FILE);
            List<Entry> entries = List.of();
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                why = notPrivate(file, S_IFREG, uid);
                if (why != null) {
                    Log.info("the cache " + file + " is not used: " + why);
                    return NONE;
                }
                entries = read(file, identity);
            }
            return new WovenCache(dir, identity, entries);
        } catch (IOException | RuntimeException e) {
            Log.debug("no cache of woven classes in " + dir + ": " + e);
            return NONE;
        }
    }

    /**
     * The agent jar that weaves, as the header names it: path, size and modification time (a
     * rebuilt or replaced jar is another agent); the classes' location when run from them.
     */
    public static String agentIdentity() {
        try {
            File jar = new File(WovenCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getPath() + " " + jar.length() + " " + jar.lastModified();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Why the path is not this user's alone to write, or null if it is. */
    private static String notPrivate(Path p, int type, int uid) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int owner = (Integer) a.get("uid");
        if ((mode & S_IFMT) != type) {
            return type == S_IFDIR ? "not a directory" : "not a regular file";
        }
        if (owner != uid) {
            return "owned by uid " + owner + ", not " + uid;
        }
        if ((mode & 0022) != 0) {
            return "others can write it (mode " + Integer.toOctalString(mode & 07777) + ")";
        }
        return null;
    }

    /**
     * Why others could swap the cache directory for one of theirs through its parent, or null:
     * the parent must be this user's or root's, and writable by no one else unless sticky (/tmp).
     */
    private static String openToOthers(Path parent, int uid) throws IOException {
        Map<String, Object> a = Files.readAttributes(parent, "unix:mode,uid");
        int mode = (Integer) a.get("mode");
        int owner = (Integer) a.get("uid");
        if (owner != uid && owner != 0) {
            return "its parent " + parent + " is owned by uid " + owner;
        }
        if ((mode & 0022) != 0 && (mode & 01000) == 0) {
            return "others can write its parent " + parent + " (mode " + Integer.toOctalString(mode & 07777) + ")";
        }
        return null;
    }

    /** The entries of the file, if the same agent wrote it; none otherwise. */
    private static List<Entry> read(Path file, String identity) throws IOException {
        long size = file.toFile().length();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile()),
                1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(identity)) {
                return List.of();
            }
            int n = in.readInt();
            if (n < 0 || n > size) {
                throw new EOFException();
            }
            List<Entry> entries = new ArrayList<>(n);
            Weaver.Found[] kinds = Weaver.Found.values();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int feature = in.readInt();
                byte[] classFile = bytes(in, size);
                Weaver.Found[] found = new Weaver.Found[in.readUnsignedShort()];
                for (int f = 0; f < found.length; f++) {
                    found[f] = kinds[in.readUnsignedByte()];
                }
                entries.add(new Entry(name, feature, classFile, found, bytes(in, size)));
            }
            return entries;
        } catch (EOFException | ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            Log.debug("the cache " + file + " is cut short or damaged; weaving afresh");
            return List.of();
        }
    }

    /** A length and as many bytes; null for a length of -1. No length past the file's own is believed. */
    private static byte[] bytes(DataInputStream in, long fileSize) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1 || n > fileSize) {
            throw new EOFException();
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** The entry woven from exactly this class file, or null. */
    Entry find(String className, byte[] classFile) {
        List<Entry> entries = byClass.get(className);
        if (entries != null) {
            for (Entry e : entries) {
                if (e.feature == feature && Arrays.equals(e.in, classFile)) {
                    e.used = true;
                    hits.incrementAndGet();
                    return e;
                }
            }
        }
        return null;
    }

    /** Keeps what the weaver made of the class file ({@code out} null: nothing to weave), to write at exit. */
    void add(String className, byte[] classFile, Weaver.Found[] found, byte[] out) {
        if (dir == null) {
            return;
        }
        Entry e = new Entry(className, feature, classFile, found, out);
        e.used = true;
        byClass.computeIfAbsent(className, k -> new CopyOnWriteArrayList<>()).add(e);
        added.incrementAndGet();
    }

    /**
     * Writes the entries if this run added any: those of earlier runs too, unless they grew past
     * {@link #MAX_BYTES}. Into a new file renamed over the old one, so that a JVM starting
     * meanwhile reads one or the other whole.
     */
    public void save() {
        if (dir == null) {
            return;
        }
        Log.debug("woven classes: " + hits.get() + " from the cache, " + added.get() + " woven afresh");
        if (added.get() == 0) {
            return;
        }
        List<Entry> all = new ArrayList<>();
        long bytes = 0;
        for (List<Entry> es : byClass.values()) {
            for (Entry e : es) {
                all.add(e);
                bytes += e.size();
            }
        }
        if (bytes > MAX_BYTES) {
            all.removeIf(e -> !e.used);
        }
        File tmp = dir.resolve(FILE + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp")
                .toFile();
        try {
            Files.createFile(tmp.toPath(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(tmp),
                    1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(identity);
                out.writeInt(all.size());
                for (Entry e : all) {
                    out.writeUTF(e.className);
                    out.writeInt(e.feature);
                    out.writeInt(e.in.length);
                    out.write(e.in);
                    out.writeShort(e.found.length);
                    for (Weaver.Found f : e.found) {
                        out.writeByte(f.ordinal());
                    }
                    out.writeInt(e.out == null ? -1 : e.out.length);
                    if (e.out != null) {
                        out.write(e.out);
                    }
                }
            }
            if (!tmp.renameTo(dir.resolve(FILE).toFile())) {
                throw new IOException("cannot rename " + tmp);
            }
            Log.debug("wrote " + all.size() + " woven classes to " + dir.resolve(FILE));
        } catch (IOException | RuntimeException e) {
            tmp.delete();
            Log.debug("could not write the cache of woven classes: " + e);
        }
    }
}
