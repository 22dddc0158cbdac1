package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.RandomAccessFileCalls;
import net.bytebuddy.jar.asm.Type;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Traces targets that are native on this JDK, which advice cannot enter (RandomAccessFile.length
 * and setLength before JDK 21), at their call sites: as the application's classes load, their
 * calls of those methods become calls of {@link RandomAccessFileCalls}, which records the call
 * and makes it. The JVM adds no method to RandomAccessFile (loaded long before us), so no option
 * is needed; the JDK's own calls (ZipFile's) are not the application's and are left alone.
 *
 * <p>Every class the application loads passes through {@link #transform}: one that does not
 * mention RandomAccessFile in its bytes costs a byte scan and nothing else. A class that fails to
 * rewrite loads unchanged; one rewritten in an earlier run comes from the {@link WovenCache}.
 * Registered without retransformation: the JVM keeps our bytes as the base of any later
 * retransformation (another agent's), so no call site is lost.
 */
public final class NativeCallSites implements ClassFileTransformer {
    private static final String OWNER = Type.getInternalName(java.io.RandomAccessFile.class);
    private static final String HELPER = Type.getInternalName(RandomAccessFileCalls.class);
    /** The boot loader's unnamed module, which every unnamed module reads and no named one does. */
    private static final Module HELPER_MODULE = RandomAccessFileCalls.class.getModule();
    private static final byte[] MENTION = OWNER.getBytes(StandardCharsets.ISO_8859_1);
    /** The targets RandomAccessFileCalls makes, as "class.signature", to name + descriptor. */
    private static final Map<String, String> HANDLED = Map.of(
            "java.io.RandomAccessFile.length()", "length()J",
            "java.io.RandomAccessFile.setLength(long)", "setLength(J)V");
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** What the rewriting found: nothing to report. */
    private static final Weaver.Found[] NOTHING = new Weaver.Found[0];

    private final Instrumentation inst;
    private final Set<String> methods;
    private final WovenCache cache;
    private final AtomicBoolean failedOnce = new AtomicBoolean();

    NativeCallSites(Instrumentation inst, Set<String> methods, WovenCache cache) {
        this.inst = inst;
        this.methods = methods;
        this.cache = cache;
    }

    /** Whether the target, if native on this JDK, is one whose calls this can rewrite. */
    static boolean handles(Instrumentations.Target t) {
        // The helper records what Advice.PATH records.
        return t.advice() == Advice.PATH && HANDLED.containsKey(t.className() + "." + t.signature());
    }

    /**
     * Rewrites the application's calls of the native targets it can, from now on. Returns the
     * targets left untraced.
     */
    public static List<Instrumentations.Target> install(Instrumentation inst, List<Instrumentations.Target> natives,
                                                        WovenCache cache) {
        List<Instrumentations.Target> untraced = new ArrayList<>();
        Map<String, Integer> kinds = new HashMap<>();
        for (Instrumentations.Target t : natives) {
            if (handles(t)) {
                kinds.put(HANDLED.get(t.className() + "." + t.signature()), t.kind().id());
            } else {
                untraced.add(t);
            }
        }
        if (kinds.isEmpty()) {
            return untraced;
        }
        try {
            // The helper reads RandomAccessFile.path, in java.base's java.io.
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.io", Set.of(HELPER_MODULE)), Set.of(), Map.of());
            RandomAccessFileCalls.setKinds(kinds.getOrDefault("length()J", -1), kinds.getOrDefault("setLength(J)V", -1));
            inst.addTransformer(new NativeCallSites(inst, Set.copyOf(kinds.keySet()), cache), false);
            Log.debug("rewriting the application's calls of RandomAccessFile " + new TreeSet<>(kinds.keySet()));
            return untraced;
        } catch (Throwable e) {
            Log.debug("cannot rewrite calls of RandomAccessFile: " + e);
            return natives;
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || loader == PLATFORM || className == null || className.startsWith("dev/syscalllens/agent/")
                || className.startsWith("dev/syscalllens/shaded/") || !mentions(classFile) || inRuntimeImage(module)) {
            return null;
        }
        try {
            // Kept in the cache under a name no class of the JDK's (dotted) has.
            String key = "call sites of " + className;
            WovenCache.Entry hit = cache.find(key, classFile);
            byte[] out;
            if (hit != null) {
                out = hit.out;
            } else {
                out = CallSiteVisitor.rewrite(classFile, OWNER, HELPER, methods);
                cache.add(key, classFile, NOTHING, out);
            }
            if (out != null && !module.canRead(HELPER_MODULE)) {
                inst.redefineModule(module, Set.of(HELPER_MODULE), Map.of(), Map.of(), Set.of(), Map.of());
            }
            return out;
        } catch (Throwable t) {
            if (failedOnce.compareAndSet(false, true)) {
                Log.debug("left " + className + " unchanged (later failures are not logged): " + t);
            }
            return null;
        }
    }

    /** Whether the class file holds "java/io/RandomAccessFile" (its constant pool does if it calls it). */
    static boolean mentions(byte[] classFile) {
        byte first = MENTION[0];
        next:
        for (int i = 0, last = classFile.length - MENTION.length; i <= last; i++) {
            if (classFile[i] != first) {
                continue;
            }
            for (int j = 1; j < MENTION.length; j++) {
                if (classFile[i + j] != MENTION[j]) {
                    continue next;
                }
            }
            return true;
        }
        return false;
    }

    /** A JDK module the application loader defines (jdk.compiler, ...): the JDK's own calls. */
    private static boolean inRuntimeImage(Module module) {
        return module.isNamed() && module.getLayer() == ModuleLayer.boot()
                && ModuleLayer.boot().configuration().findModule(module.getName())
                .flatMap(m -> m.reference().location()).filter(uri -> "jrt".equals(uri.getScheme())).isPresent();
    }
}
