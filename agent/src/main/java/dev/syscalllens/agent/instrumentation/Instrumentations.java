package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Woven;
import net.bytebuddy.jar.asm.ClassReader;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Installs the advice into exactly the JDK classes and methods that the targets name. */
public final class Instrumentations {
    /**
     * One instrumented method.
     *
     * @param className the JDK class, by exact name
     * @param kind      what a call of it is recorded as
     * @param signature the method as {@code name(param,types)}, or {@code name(*)} for every public
     *                  overload; checked to exist on every supported JDK
     * @param advice    what the woven code records (see {@link Advice})
     */
    public record Target(String className, CallKind kind, String signature, Advice advice, int sinceJdk) {
        public Target(String className, CallKind kind, String signature, Advice advice) {
            this(className, kind, signature, advice, 0);
        }

        /** Whether the running JDK is one this target is for. */
        boolean applies() {
            return Runtime.version().feature() >= sinceJdk;
        }

        String methodName() {
            return signature.substring(0, signature.indexOf('('));
        }

        boolean anyOverload() {
            return signature.endsWith("(*)");
        }

        List<String> parameterTypes() {
            String params = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
            return params.isEmpty() ? List.of() : List.of(params.split(","));
        }

        boolean constructor() {
            return methodName().equals("<init>");
        }

        /**
         * Whether the method is this target. The weaver also skips native methods, which take no
         * advice (see {@link NativeCallSites}), and abstract ones.
         */
        boolean matches(JdkClassFiles.Declared method) {
            if (!method.name().equals(methodName())) {
                return false;
            }
            return anyOverload() ? method.isPublic() : method.signature().equals(signature);
        }
    }

    private static final String LAUNCHER = "sun.launcher.LauncherHelper";

    private Instrumentations() {
    }

    public static List<Target> all() {
        return Targets.all();
    }

    /**
     * What this JVM has of the targets, from one reading of each class file: the tests' guard
     * that every target exists on the JDKs we support. (The agent does not read them at start:
     * the weaving finds the same of each class it weaves, see {@link AdviceTransformer#report}.)
     * {@code missing}: the targets whose method it does not have, as "class.method(params)" (a
     * method that is there but native is not missing). {@code nativeOnly}: the targets that are
     * native here, which advice cannot enter; {@link NativeCallSites} traces their calls from the
     * application.
     */
    public record Check(List<String> missing, List<Target> nativeOnly) {
    }

    public static Check check(List<Target> targets) {
        List<String> missing = new ArrayList<>();
        List<Target> natives = new ArrayList<>();
        for (Map.Entry<String, List<Target>> e : byClass(targets).entrySet()) {
            byte[] classFile = classFile(e.getKey());
            if (classFile == null) {
                if (!inUnresolvedModule(e.getKey())) {
                    missing.add(e.getKey() + " (class)");
                }
                continue;
            }
            List<Target> ts = e.getValue();
            Weaver.Found[] found = Weaver.Members.of(new ClassReader(classFile)).found(ts);
            for (int i = 0; i < found.length; i++) {
                if (found[i] == Weaver.Found.MISSING) {
                    missing.add(e.getKey() + "." + ts.get(i).signature());
                } else if (found[i] == Weaver.Found.NATIVE) {
                    natives.add(ts.get(i));
                }
            }
        }
        return new Check(missing, natives);
    }

    /** The targets for this JDK by class, in their order. */
    private static Map<String, List<Target>> byClass(List<Target> targets) {
        Map<String, List<Target>> byClass = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.applies()) {
                byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
            }
        }
        return byClass;
    }

    /**
     * Whether the class is in a module of this JDK that the application did not resolve (a modular
     * application that does not require java.net.http): it cannot call it, so nothing is missing.
     */
    static boolean inUnresolvedModule(String className) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return java.lang.module.ModuleFinder.ofSystem().findAll().stream()
                .filter(m -> m.descriptor().packages().contains(pkg))
                .anyMatch(m -> ModuleLayer.boot().findModule(m.descriptor().name()).isEmpty());
    }

    /** A JDK class by name, from the boot loader or (java.net.http, java.sql, ...) the platform loader. */
    static Class<?> jdkClass(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        }
    }

    /** The class file from the runtime image; null when it has none (or cannot be read). */
    static byte[] classFile(String className) {
        try {
            return JdkClassFiles.classFile(className);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Installs every target, from now on as classes load. Returns the targets found native on
     * this JDK (see {@link NativeCallSites}) in the classes loaded until now and in those of
     * targets that NativeCallSites would take.
     */
    public static List<Target> install(Instrumentation inst, List<Target> targets, WovenCache cache) {
        Map<String, List<Target>> byClass = byClass(targets);
        // The launcher loads its helper right after premain to load the main class. Loaded now,
        // it is retransformed with the classes already there, from the loaded class; left to
        // load then, it alone would make the weaver load its classes on the main thread.
        if (byClass.containsKey(LAUNCHER)) {
            try {
                Class.forName(LAUNCHER, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // instrumented when it loads, if it ever does
            }
        }
        // The woven code calls Woven: loaded now, not in the application's first recorded call
        // (its class file is read from the bootstrap jar, syscalls that would be the call's).
        try {
            Class.forName(Woven.class.getName(), true, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the bootstrap jar has no " + Woven.class.getName(), e);
        }
        AdviceTransformer transformer = new AdviceTransformer(byClass, cache);
        inst.addTransformer(transformer, true);
        // Our classes loaded until now, found by name once the transformer is in place (none
        // loading meanwhile is missed), retransformed together; one by one if that fails.
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (byClass.containsKey(c.getName()) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        retransform(inst, loaded);
        // Any of ours that loaded while another was being transformed (none is expected: the
        // weaving describes types from class files) gets its advice now.
        for (Set<String> skipped = transformer.takeSkipped(); !skipped.isEmpty(); skipped = transformer.takeSkipped()) {
            Log.debug("instrumenting " + skipped + ", loaded while another class was");
            List<Class<?>> late = new ArrayList<>();
            for (Class<?> c : inst.getAllLoadedClasses()) {
                if (skipped.contains(c.getName()) && inst.isModifiableClass(c)) {
                    late.add(c);
                }
            }
            retransform(inst, late);
        }
        // The weaving found which targets are native in the classes it wove. NativeCallSites must
        // rewrite the application's calls from its first class on, so a class of a target it
        // would take that is not loaded yet (RandomAccessFile is, before premain) is read now.
        for (Map.Entry<String, List<Target>> e : byClass.entrySet()) {
            for (Target t : e.getValue()) {
                if (NativeCallSites.handles(t)) {
                    transformer.reportFromImage(e.getKey());
                    break;
                }
            }
        }
        Log.debug("instrumented " + new TreeSet<>(transformer.transformed()) + ", from the cache "
                + new TreeSet<>(transformer.fromCache()));
        return transformer.started();
    }

    /** Retransforms the classes together; one by one if that fails. */
    private static void retransform(Instrumentation inst, List<Class<?>> classes) {
        try {
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable batch) {
            for (Class<?> c : classes) {
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    Log.info("could not instrument " + c.getName() + ": " + t);
                }
            }
        }
    }
}
