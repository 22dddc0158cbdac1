package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weaves the {@link Advice} of a class's targets into its class file, with ASM alone: no class is
 * loaded or described, nothing is computed but the maxima (frames are kept valid by hand, see
 * {@link AdvisedMethod}). What the woven code does is in {@link Advice} and the helpers it calls
 * in {@code Woven} (bootstrap).
 */
final class Weaver {
    /** The helpers the woven code calls. */
    static final String WOVEN = "dev/syscalllens/bootstrap/Woven";

    private Weaver() {
    }

    /**
     * What a class file has of a target: a method with code (or an abstract one) that it matches,
     * only native methods (no advice enters them, see {@link NativeCallSites}), or nothing.
     */
    enum Found { PRESENT, NATIVE, MISSING }

    /** The class file with the advice woven in, or null if none of the targets is in it. */
    static byte[] weave(byte[] classFile, List<Instrumentations.Target> targets) {
        return weave(classFile, targets, WOVEN);
    }

    /** As {@link #weave(byte[], List)}, calling the helpers of {@code helper} (tests record with their own). */
    static byte[] weave(byte[] classFile, List<Instrumentations.Target> targets, String helper) {
        ClassReader reader = new ClassReader(classFile);
        return weave(reader, Members.of(reader), targets, helper);
    }

    /** As {@link #weave(byte[], List, String)}, with the class file's members already read. */
    static byte[] weave(ClassReader reader, Members members, List<Instrumentations.Target> targets, String helper) {
        // Built on the reader: its constant pool is kept, and methods without advice are copied.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        int[] woven = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private boolean frames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                // Class files before Java 6 have no frames: the verifier infers them.
                frames = (version & 0xFFFF) >= Opcodes.V1_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                Instrumentations.Target t = match(targets, access, name, desc);
                if (t == null || mv == null) {
                    return mv;
                }
                woven[0]++;
                return new AdvisedMethod(mv, helper, owner, access, name, desc, t.advice(), t.kind().id(),
                        members.maxLocals(name + desc), members, frames);
            }
        }, ClassReader.EXPAND_FRAMES);
        return woven[0] == 0 ? null : writer.toByteArray();
    }

    /** The first target that the method is, as {@link Instrumentations.Target#matcher} would find it. */
    static Instrumentations.Target match(List<Instrumentations.Target> targets, int access, String name, String desc) {
        JdkClassFiles.Declared declared = null;
        for (Instrumentations.Target t : targets) {
            if (!t.methodName().equals(name)) {
                continue;
            }
            if (!t.constructor() && (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
                return null;
            }
            if (declared == null) {
                declared = JdkClassFiles.declared(name, desc, access);
            }
            if (t.matches(declared)) {
                return t;
            }
        }
        return null;
    }

    /**
     * What the weaving needs of a class besides its methods' code, read from the class file's
     * tables: each method's max_locals (the woven code's own locals go past them, and must be
     * known before the code is visited), each field's descriptor, and which targets the methods
     * are ({@link #found}).
     */
    static final class Members {
        private final Map<String, Integer> maxLocals = new HashMap<>();
        private final Map<String, String> fields = new HashMap<>();
        private final List<Method> methods = new ArrayList<>();

        private record Method(int access, String name, String desc) {
        }

        static Members of(ClassReader r) {
            Members m = new Members();
            char[] buf = new char[r.getMaxStringLength()];
            int at = r.header + 6;
            at += 2 + 2 * r.readUnsignedShort(at); // interfaces
            int fieldCount = r.readUnsignedShort(at);
            at += 2;
            for (int i = 0; i < fieldCount; i++) {
                m.fields.put(r.readUTF8(at + 2, buf), r.readUTF8(at + 4, buf));
                at = skipAttributes(r, at + 6);
            }
            int methodCount = r.readUnsignedShort(at);
            at += 2;
            for (int i = 0; i < methodCount; i++) {
                String name = r.readUTF8(at + 2, buf);
                String desc = r.readUTF8(at + 4, buf);
                m.methods.add(new Method(r.readUnsignedShort(at), name, desc));
                String key = name + desc;
                int attributes = r.readUnsignedShort(at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    if (r.readUTF8(at, buf).equals("Code")) {
                        // Code: name, length, max_stack, max_locals, ...
                        m.maxLocals.put(key, r.readUnsignedShort(at + 8));
                    }
                    at += 6 + r.readInt(at + 2);
                }
            }
            return m;
        }

        /** Skips the attributes count at {@code at} and the attributes after it. */
        private static int skipAttributes(ClassReader r, int at) {
            int n = r.readUnsignedShort(at);
            at += 2;
            for (int i = 0; i < n; i++) {
                at += 6 + r.readInt(at + 2);
            }
            return at;
        }

        /**
         * What the class has of each target, in the order of {@code targets}: as the weaver
         * matches methods, native and abstract ones included.
         */
        Found[] found(List<Instrumentations.Target> targets) {
            Found[] found = new Found[targets.size()];
            Arrays.fill(found, Found.MISSING);
            for (Method m : methods) {
                JdkClassFiles.Declared declared = null;
                for (int i = 0; i < found.length; i++) {
                    Instrumentations.Target t = targets.get(i);
                    if (!t.methodName().equals(m.name())) {
                        continue;
                    }
                    if (declared == null) {
                        declared = JdkClassFiles.declared(m.name(), m.desc(), m.access());
                    }
                    if (t.matches(declared)) {
                        found[i] = !declared.isNative() ? Found.PRESENT
                                : found[i] == Found.MISSING ? Found.NATIVE : found[i];
                    }
                }
            }
            return found;
        }

        int maxLocals(String nameAndDesc) {
            Integer n = maxLocals.get(nameAndDesc);
            if (n == null) {
                throw new IllegalStateException("no code in " + nameAndDesc);
            }
            return n;
        }

        /** The field's descriptor, or null if the class declares no such field. */
        String field(String name) {
            return fields.get(name);
        }
    }

    /** Pushes an int constant in its shortest form. */
    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** The verifier's type of a value of {@code t} in a frame, as ASM writes it. */
    static Object frameType(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> t.getInternalName();
        };
    }
}
