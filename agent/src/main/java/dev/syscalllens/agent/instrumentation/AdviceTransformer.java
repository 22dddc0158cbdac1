package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.jar.asm.ClassReader;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves the advice into our JDK classes, as they load or when retransformed, from the class file
 * the JVM hands over and nothing else (see {@link Weaver}): no class format changes, no type
 * described by reflection, no class generated. Byte Buddy's Advice did this before, and its
 * machinery (some 800 classes, run interpreted) was two thirds of the agent's start-up.
 *
 * <p>A class that loads while another is being transformed on the same thread is left as it is
 * (as AgentBuilder's circularity lock did), and noted: the installation retransforms those. What
 * the weaving runs loads none of our classes once the agent has started.
 *
 * <p>A class file woven in an earlier run is not woven again: its result comes from the
 * {@link WovenCache}.
 *
 * <p>The weaving also finds which of the class's targets this JDK lacks, or has only as native
 * methods (see {@link #report}): a class's file is read when it is woven, not before.
 */
final class AdviceTransformer implements ClassFileTransformer {
    private final Map<String, List<Instrumentations.Target>> byClass;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final Set<String> fromCache = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();
    /** Our classes that loaded while another was being transformed on the same thread, left as they were. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    /** The classes whose targets were looked for, by {@link #report}. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** The targets found native while the advice is installed; null once it is. */
    private List<Instrumentations.Target> nativesAtStart = new ArrayList<>();

    private final WovenCache cache;

    AdviceTransformer(Map<String, List<Instrumentations.Target>> byClass) {
        this(byClass, WovenCache.NONE);
    }

    AdviceTransformer(Map<String, List<Instrumentations.Target>> byClass, WovenCache cache) {
        this.byClass = byClass;
        this.cache = cache;
    }

    /** Takes the names of the classes left untransformed since the last call (see {@link #skipped}). */
    Set<String> takeSkipped() {
        Set<String> out = Set.copyOf(skipped);
        skipped.removeAll(out);
        return out;
    }

    /**
     * Names, once per class, each target this JDK lacks, as the agent's start-up named them when
     * it read every class file, and keeps those it has only as native methods.
     */
    void report(String className, List<Instrumentations.Target> targets, Weaver.Found[] found) {
        if (!reported.add(className)) {
            return;
        }
        for (int i = 0; i < found.length; i++) {
            Instrumentations.Target t = targets.get(i);
            if (found[i] == Weaver.Found.MISSING) {
                Log.info("this JDK has no " + className + "." + t.signature() + "; that call is not traced");
            } else if (found[i] == Weaver.Found.NATIVE) {
                foundNative(t);
            }
        }
    }

    /** As the weaving would {@link #report}, from the class file in the runtime image, unless done. */
    void reportFromImage(String className) {
        if (reported.contains(className)) {
            return;
        }
        byte[] classFile = Instrumentations.classFile(className);
        if (classFile == null) {
            if (reported.add(className) && !Instrumentations.inUnresolvedModule(className)) {
                Log.info("this JDK has no " + className + " (class); that call is not traced");
            }
            return;
        }
        List<Instrumentations.Target> targets = byClass.get(className);
        report(className, targets, Weaver.Members.of(new ClassReader(classFile)).found(targets));
    }

    private synchronized void foundNative(Instrumentations.Target t) {
        if (nativesAtStart != null) {
            nativesAtStart.add(t);
        } else {
            Log.debug(t.className() + "." + t.signature() + " is native on this JDK and not traced");
        }
    }

    /** Ends the installation: returns the targets found native until now (later ones are logged). */
    synchronized List<Instrumentations.Target> started() {
        List<Instrumentations.Target> out = nativesAtStart;
        nativesAtStart = null;
        return out;
    }

    /** The classes transformed so far. */
    Set<String> transformed() {
        return transformed;
    }

    /** The classes whose woven form came from the cache. */
    Set<String> fromCache() {
        return fromCache;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        List<Instrumentations.Target> targets = byClass.get(name);
        if (targets == null) {
            return null;
        }
        if (busy.get() != null) {
            skipped.add(name);
            return null;
        }
        busy.set(Boolean.TRUE);
        // On an application's thread (a class that loads after start-up), nothing the weaving
        // does is the application's.
        Recorder.agentWork(true);
        try {
            byte[] out;
            WovenCache.Entry hit = cache.find(name, classFile);
            if (hit != null) {
                report(name, targets, hit.found);
                out = hit.out;
                fromCache.add(name);
            } else {
                ClassReader reader = new ClassReader(classFile);
                Weaver.Members members = Weaver.Members.of(reader);
                Weaver.Found[] found = members.found(targets);
                report(name, targets, found);
                out = Weaver.weave(reader, members, targets, Weaver.WOVEN);
                cache.add(name, classFile, found, out);
            }
            if (out == null) {
                return null;
            }
            transformed.add(name);
            return out;
        } catch (Throwable t) {
            Log.info("could not instrument " + name + ": " + t);
            return null;
        } finally {
            Recorder.agentWork(false);
            busy.remove();
        }
    }
}
